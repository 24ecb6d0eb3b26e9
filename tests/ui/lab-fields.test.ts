import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocuments, parseSetting } from '../../src/cli/set-path.ts';
import { parseScenario } from '../../src/engine/index.ts';
import { checkValue, fieldAt, numberFields, withValues } from '../../src/ui/lab/fields.ts';
import { shippedJson } from '../shipped.ts';

const raw = shippedJson('two-boxers');
const schema = JSON.parse(readFileSync(new URL('../../scenarios/scenario.schema.json', import.meta.url), 'utf8'));
const parsed = parseScenario(raw);
if (!parsed.ok) throw new Error('the shipped scenario must parse');
const scenario = parsed.value;
const fields = numberFields(scenario, schema);
const field = (label: string) => {
  const f = fields.find((x) => x.label === label);
  if (!f) throw new Error(`no field ${label}`);
  return f;
};

describe('the lab form, built from the scenario schema', () => {
  it('finds a number with its limits and the schema’s description', () => {
    const hit = field('attacks.profiles.rocket-attack.hitPerMille');
    expect(hit).toMatchObject({ section: 'attacks', integer: true, min: 0, max: 1000 });
    expect(hit.help).toContain('projectile');
  });

  it('names list entries by id as --set does, and every label is a path --set accepts', () => {
    expect(fields.some((f) => f.label.startsWith('orders[campaign].'))).toBe(true);
    const loaded = loadDocuments('scenarios/two-boxers.json', null);
    if (!loaded.ok) throw new Error(loaded.message);
    const refused = fields
      .map((f) => ({ label: f.label, r: parseSetting(loaded.docs, `${f.label}=${f.value}`) }))
      .filter(({ r }) => 'message' in r);
    expect(refused).toEqual([]);
  });

  it('leaves out constants and shows no limit where the schema has none worth showing', () => {
    expect(fields.find((f) => f.label === 'formatVersion')).toBeUndefined();
    expect(field('rivera.de-escalation')).toMatchObject({ min: null, max: null });
  });

  it.each([
    ['in range', '400', null],
    ['above the maximum', '1200', 'at most 1000'],
    ['below the minimum', '-1', 'at least 0'],
    ['not whole', '2.5', 'a whole number is needed'],
    ['not a number', 'abc', '"abc" is not a number'],
    ['empty', ' ', 'a number is needed'],
  ])('checks a typed value: %s', (_, text, why) => {
    expect(checkValue(field('attacks.profiles.rocket-attack.hitPerMille'), text)).toBe(why);
  });

  it('makes a variant that parses, with only the changed numbers changed and the baseline untouched', () => {
    const label = 'attacks.profiles.rocket-attack.hitPerMille';
    const before = scenario.attacks.profiles['rocket-attack'].hitPerMille;
    const variant = withValues(scenario, fields, new Map([[label, 777]]));
    const checked = parseScenario(variant);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value.attacks.profiles['rocket-attack'].hitPerMille).toBe(777);
    expect(scenario.attacks.profiles['rocket-attack'].hitPerMille).toBe(before);
    expect({ ...checked.value, attacks: scenario.attacks }).toEqual(scenario);
  });

  it.each([
    ['a number', 'attacks.profiles.rocket-attack.hitPerMille', 'attacks.profiles.rocket-attack.hitPerMille'],
    [
      'a pair, at its first number',
      'attacks.profiles.rocket-attack.rockets',
      'attacks.profiles.rocket-attack.rockets[0]',
    ],
    ['a list entry, by index', 'orders[0]', fields.find((f) => f.path[0] === 'orders' && f.path[1] === 0)?.label],
    ['no path', undefined, undefined],
    ['a path with no number under it', 'name', undefined],
  ])('finds the field a problem points at: %s', (_, path, label) => {
    expect(fieldAt(fields, path)?.label).toBe(label);
  });
});
