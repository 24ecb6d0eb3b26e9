/**
 * A scenario that names a model file which is missing or invalid, or that sets a field the model holds: one line per
 * problem, naming the file and the JSON path, exit 1, from `npm run validate` and from every tool that reads a
 * scenario (issue 12).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readScenarioFile } from '../../src/node/scenario-file.ts';
import { cli, ROOT } from './support.ts';

type Json = Record<string, unknown>;
const shipped = (name: string): Json => JSON.parse(readFileSync(join(ROOT, 'scenarios', name), 'utf8')) as Json;
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

let dir = '';
const scenarioIn = (name: string) => join(dir, name, 'mine.json');
const modelIn = (name: string) => join(dir, name, 'model.json');

/** Each broken case: its folder holds mine.json (naming model.json) and, unless missing, a model.json. */
const CASES: Record<string, { write: () => void; line: () => string; says?: RegExp }> = {
  missing: {
    write: () => {},
    line: () => `${scenarioIn('missing')}: model: cannot read ${modelIn('missing')}: no such file`,
  },
  'not JSON': {
    write: () => writeFileSync(modelIn('not JSON'), '{\n  "ladder": {\n    oops\n}\n'),
    line: () => `${modelIn('not JSON')}: not valid JSON at line 3`,
  },
  'wrong type': {
    write: () => {
      const model = shipped('model.json');
      (model.ladder as Json).pressurePerRung = 'twelve';
      writeFileSync(modelIn('wrong type'), JSON.stringify(model, null, 2));
    },
    line: () => `${modelIn('wrong type')}: ladder.pressurePerRung: `,
    says: /expected number/,
  },
  'unknown field': {
    write: () => {
      const model = shipped('model.json');
      model.turns = 12;
      writeFileSync(modelIn('unknown field'), JSON.stringify(model, null, 2));
    },
    line: () => `${modelIn('unknown field')}: (root): `,
    says: /"turns"/,
  },
  'absolute path': {
    write: () => {
      copyFileSync(join(ROOT, 'scenarios/model.json'), modelIn('absolute path'));
      const scenario = shipped('red-lines.json');
      scenario.model = modelIn('absolute path');
      writeFileSync(scenarioIn('absolute path'), JSON.stringify(scenario, null, 2));
    },
    line: () => `${scenarioIn('absolute path')}: model: "${modelIn('absolute path')}" is an absolute path: `,
    says: /relative to the scenario's folder/,
  },
  overlap: {
    write: () => {
      copyFileSync(join(ROOT, 'scenarios/model.json'), modelIn('overlap'));
      const scenario = shipped('red-lines.json');
      (scenario.ladder as Json).pressurePerRung = 40;
      writeFileSync(scenarioIn('overlap'), JSON.stringify(scenario, null, 2));
    },
    line: () =>
      `${scenarioIn('overlap')}: ladder.pressurePerRung: a model rule, held by ${modelIn('overlap')}; remove it from the scenario`,
  },
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'two-boxers-model-'));
  for (const [name, c] of Object.entries(CASES)) {
    mkdirSync(join(dir, name));
    copyFileSync(join(ROOT, 'scenarios/red-lines.json'), scenarioIn(name));
    c.write();
  }
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function expectOneLine(run: { code: number | null; stdout: string; stderr: string }, name: string): void {
  const c = CASES[name]!;
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  const got = lines(run.stderr);
  expect(got, run.stderr).toHaveLength(1);
  expect(got[0]!.startsWith(c.line()), got[0]).toBe(true);
  if (c.says) expect(got[0]).toMatch(c.says);
}

describe.concurrent('npm run validate', () => {
  test.each(Object.keys(CASES))('a model file %s: one line naming the file and the path', async (name) => {
    expectOneLine(await cli('src/cli/validate.ts', [scenarioIn(name)]), name);
  });

  test('the shipped scenarios and a self-contained one pass, beside a broken one that fails', async () => {
    const run = await cli('src/cli/validate.ts', [
      'scenarios/two-boxers.json',
      'scenarios/red-lines.json',
      scenarioIn('missing'),
    ]);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toEqual([
      expect.stringMatching(/^scenarios\/two-boxers\.json: OK/),
      expect.stringMatching(/^scenarios\/red-lines\.json: OK/),
    ]);
    expect(lines(run.stderr)).toHaveLength(1);
  });
});

// Every tool that reads a scenario, each with one of the cases (together they cover all of them).
const TOOLS: [string, string, (file: string) => string[]][] = [
  ['sim', 'missing', (f) => ['--seed', '1', '--scenario', f]],
  ['batch', 'not JSON', (f) => ['--seeds', '1', '--scenario', f]],
  ['sweep', 'wrong type', (f) => ['--set', 'turns=6', '--seeds', '1', '--scenario', f]],
  ['compare', 'overlap', (f) => ['--set', 'turns=6', '--seeds', '1', '--scenario', f]],
  ['replay', 'unknown field', (f) => ['verify', join(dir, 'none.replay.json'), '--scenario', f]],
  ['tournament', 'missing', (f) => ['--seeds', '1', '--scenario', f]],
  ['balance', 'wrong type', (f) => ['--seeds', '1', '--scenario', f]],
  ['backtest', 'overlap', (f) => ['--seeds', '1', '--scenario', f]],
  ['bench', 'not JSON', (f) => ['--games', '1', '--scenario', f]],
];

describe.concurrent('every tool that reads a scenario', () => {
  test.each(TOOLS)('%s refuses a model file %s the same way', async (tool, name, args) => {
    expectOneLine(await cli(`src/cli/${tool}.ts`, args(scenarioIn(name))), name);
  });
});

/**
 * `model` may climb out of the scenario's folder: only the command-line tools and the server read it, from files
 * whoever runs them chose (the server its own scenarios folder), and a variant kept in a subfolder names
 * "../model.json". The lab, which reads no disk, takes no path at all (tests/ui/lab-scenario-file.test.ts).
 */
describe('a model named with ..', () => {
  test('is read relative to the scenario file, out of its folder', () => {
    mkdirSync(join(dir, 'up', 'variants'), { recursive: true });
    copyFileSync(join(ROOT, 'scenarios/model.json'), join(dir, 'up', 'model.json'));
    const scenario = shipped('red-lines.json');
    scenario.model = '../model.json';
    const file = join(dir, 'up', 'variants', 'mine.json');
    writeFileSync(file, JSON.stringify(scenario, null, 2));
    const read = readScenarioFile(file);
    expect(read.ok, read.ok ? '' : read.lines.join('\n')).toBe(true);
    if (read.ok) expect(read.file.files).toEqual([file, join(dir, 'up', 'model.json')]);
  });

  test('a missing one is named by the path it resolves to', () => {
    const scenario = shipped('red-lines.json');
    scenario.model = '../../nowhere/model.json';
    mkdirSync(join(dir, 'climb'), { recursive: true });
    const file = join(dir, 'climb', 'mine.json');
    writeFileSync(file, JSON.stringify(scenario, null, 2));
    expect(readScenarioFile(file)).toEqual({
      ok: false,
      lines: [`${file}: model: cannot read ${join(dir, '..', 'nowhere', 'model.json')}: no such file`],
    });
  });
});
