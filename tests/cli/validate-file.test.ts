/**
 * `npm run validate -- scenarios/*.json`: each file of the scenarios folder is checked as what it is (a scenario, the
 * model, the doctrine book) and a JSON Schema is skipped, so the shipped folder passes; a broken model or doctrine
 * book still gets one line per problem with its JSON path, and exit 1.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FileKind, fileKind, validateFile } from '../../src/cli/validate-file.ts';
import { cli, ROOT } from './support.ts';

type Json = Record<string, unknown>;
const shipped = (name: string): Json => JSON.parse(readFileSync(join(ROOT, 'scenarios', name), 'utf8')) as Json;
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'two-boxers-validate-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('what a file is', () => {
  const withoutSchema = (json: Json): Json => {
    const { $schema: _, ...rest } = json;
    return rest;
  };
  const cases: { name: string; json: () => unknown; kind: FileKind }[] = [
    { name: 'a scenario, by its $schema', json: () => shipped('two-boxers.json'), kind: 'scenario' },
    { name: 'a scenario without $schema', json: () => withoutSchema(shipped('red-lines.json')), kind: 'scenario' },
    { name: 'the model, by its $schema', json: () => shipped('model.json'), kind: 'model' },
    { name: 'a model without $schema, by its fields', json: () => withoutSchema(shipped('model.json')), kind: 'model' },
    {
      name: 'a model with a field no model holds is still a model',
      json: () => ({ ...withoutSchema(shipped('model.json')), bogus: 1 }),
      kind: 'model',
    },
    { name: 'the doctrine book, by its $schema', json: () => shipped('doctrines.json'), kind: 'doctrines' },
    { name: 'a doctrine book by its shape', json: () => withoutSchema(shipped('doctrines.json')), kind: 'doctrines' },
    { name: 'a JSON Schema, by its $schema', json: () => shipped('scenario.schema.json'), kind: 'json-schema' },
    {
      name: 'a JSON Schema without $schema',
      json: () => withoutSchema(shipped('model.schema.json')),
      kind: 'json-schema',
    },
    { name: 'not an object: checked as a scenario, which says so', json: () => [1, 2], kind: 'scenario' },
    { name: 'an empty object: a scenario missing its fields', json: () => ({}), kind: 'scenario' },
  ];
  test.each(cases)('$name', ({ json, kind }) => {
    expect(fileKind(json())).toBe(kind);
  });
});

describe('each file checked as what it is', () => {
  test('every shipped file passes: scenarios, the model and the doctrines checked, the schemas skipped', () => {
    const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json'));
    for (const f of files) {
      const checked = validateFile(join(ROOT, 'scenarios', f));
      expect(checked.ok, checked.lines.join('\n')).toBe(true);
      expect(checked.lines, f).toHaveLength(1);
      if (f.endsWith('.schema.json')) expect(checked.lines[0]).toMatch(/: a JSON Schema, not a scenario: skipped$/);
      else expect(checked.lines[0]).toMatch(/: OK \(/);
    }
  });

  test('a broken model: one line per problem, each with the file and its JSON path', () => {
    const model = shipped('model.json');
    (model.ladder as Json).pressurePerRung = 'twelve';
    (model.us as Json).capitalPerTurn = 999;
    model.bogus = 1;
    const file = join(dir, 'model.json');
    writeFileSync(file, JSON.stringify(model, null, 2));
    const checked = validateFile(file);
    expect(checked.ok).toBe(false);
    expect(checked.lines).toHaveLength(3);
    expect(checked.lines).toContainEqual(
      expect.stringMatching(`^${file}: ladder\\.pressurePerRung: .*expected number`),
    );
    expect(checked.lines).toContainEqual(expect.stringMatching(`^${file}: us\\.capitalPerTurn: .*50`));
    expect(checked.lines).toContainEqual(expect.stringMatching(`^${file}: \\(root\\): .*"bogus"`));
  });

  test('a broken doctrine book: one line per problem, each with the file and its JSON path', () => {
    const book = shipped('doctrines.json') as { doctrines: { traits: Json }[] };
    book.doctrines[1]!.traits.retaliation = 'often';
    const file = join(dir, 'doctrines.json');
    writeFileSync(file, JSON.stringify(book, null, 2));
    const checked = validateFile(file);
    expect(checked.ok).toBe(false);
    expect(checked.lines).toEqual([expect.stringMatching(`^${file}: doctrines\\[1\\]\\.traits\\.retaliation: `)]);
  });
});

describe.concurrent('npm run validate -- scenarios/*.json', () => {
  test('the shipped folder passes, exit 0', async () => {
    const files = readdirSync(join(ROOT, 'scenarios'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `scenarios/${f}`);
    const run = await cli('src/cli/validate.ts', files);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('scenarios/model.json: OK (a model: ');
    expect(run.stdout).toContain('scenarios/doctrines.json: OK (a doctrine book: ');
    expect(run.stdout).toContain('scenarios/scenario.schema.json: a JSON Schema, not a scenario: skipped');
    expect(lines(run.stdout)).toHaveLength(files.length);
  });

  test('a broken model among good files: its problems on stderr, exit 1', async () => {
    const model = shipped('model.json');
    (model.ladder as Json).pressurePerRung = 'twelve';
    const file = join(dir, 'broken-model.json');
    writeFileSync(file, JSON.stringify(model, null, 2));
    const run = await cli('src/cli/validate.ts', ['scenarios/model.schema.json', file]);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(`^${file}: ladder\\.pressurePerRung: `)]);
    expect(run.stdout).toContain('skipped');
  });
});
