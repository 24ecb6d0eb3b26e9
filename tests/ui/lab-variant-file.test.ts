import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readScenario } from '../../src/cli/args.ts';
import { parseScenario } from '../../src/engine/index.ts';
import { variantFile } from '../../src/ui/lab/variant-file.ts';
import { shippedScenario } from '../shipped.ts';

const dir = mkdtempSync(join(tmpdir(), 'lab-variant-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the variant the lab exports', () => {
  const baseline = shippedScenario('two-boxers');
  const variant = {
    ...baseline,
    attacks: {
      ...baseline.attacks,
      profiles: {
        ...baseline.attacks.profiles,
        'rocket-attack': { ...baseline.attacks.profiles['rocket-attack'], hitPerMille: 500 },
      },
    },
  };
  const file = variantFile(variant);

  it('has an id and name of its own, and is named for its id', () => {
    const json = JSON.parse(file.text);
    expect([json.id, json.name, file.fileName]).toEqual([
      'two-boxers-variant',
      'Two Boxers (variant)',
      'two-boxers-variant.json',
    ]);
  });

  it('is a valid scenario, as npm run validate reads it, with the change and nothing else', () => {
    const path = join(dir, file.fileName);
    writeFileSync(path, file.text);
    const read = readScenario(path);
    expect(read.ok ? [] : read.lines).toEqual([]);
    if (!read.ok) return;
    expect(read.scenario.attacks.profiles['rocket-attack'].hitPerMille).toBe(500);
    expect({ ...read.scenario, id: baseline.id, name: baseline.name, attacks: baseline.attacks }).toEqual(baseline);
  });

  it('keeps its id and name when a loaded export is exported again', () => {
    const parsed = parseScenario(JSON.parse(file.text));
    if (!parsed.ok) throw new Error('the export must parse');
    expect(variantFile(parsed.value)).toEqual(file);
  });
});
