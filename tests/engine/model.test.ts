/**
 * One model, two scenarios (issue 12, item 1): the rules and their numbers live in scenarios/model.json, which both
 * shipped scenarios name and neither overrides; composing them is checked, each problem under its own file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  composeScenario,
  isModelPath,
  MODEL_FIELDS,
  type ModelFields,
  modelNameOf,
  modelOf,
  parseScenario,
  scenarioFileJsonSchema,
} from '../../src/engine/index.ts';
import { checkModel } from '../../src/engine/scenario-model.ts';
import { shippedScenario } from '../shipped.ts';

type Json = Record<string, unknown>;
const file = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../../scenarios/${name}`, import.meta.url), 'utf8')) as Json;
const NAMES = { scenario: 'mine.json', model: 'model.json' };

/** The model's fields a JSON object sets, as paths. */
function setFields(value: Json, fields: ModelFields, prefix = ''): string[] {
  return Object.entries(fields).flatMap(([key, sub]) => {
    if (!(key in value)) return [];
    if (sub === true) return [`${prefix}${key}`];
    const inner = value[key];
    return typeof inner === 'object' && inner !== null ? setFields(inner as Json, sub, `${prefix}${key}.`) : [];
  });
}

describe('the shipped scenarios share one model', () => {
  test.each(['two-boxers.json', 'red-lines.json'])('%s names model.json and sets none of its fields', (name) => {
    const json = file(name);
    expect(json.model).toBe('model.json');
    expect(setFields(json, MODEL_FIELDS)).toEqual([]);
  });

  test('the model file holds every field of the model, and nothing else', () => {
    const { $schema, ...model } = file('model.json');
    expect($schema).toBe('./model.schema.json');
    expect(Object.keys(model)).toEqual(Object.keys(MODEL_FIELDS));
    const ladder = model.ladder as Json;
    expect(Object.keys(ladder)).toEqual(Object.keys(MODEL_FIELDS.ladder));
  });

  // The sections issue 12 names: ladder, attacks, attribution, interception, militia autonomy, incidents, Baghdad's
  // politics, ISIS, resolve, credibility.
  test.each([
    'ladder.pressurePerRung',
    'ladder.gatePressure',
    'ladder.maxStep',
    'ladder.incidents.perMillePerRung',
    'attacks.profiles.rocket-attack.hitPerMille',
    'attacks.intercept.patriot',
    'attacks.missileIntercept.patriot',
    'attacks.autonomyThreshold',
    'attacks.autonomyPerAggression',
    'attacks.ladderPerDeath',
    'attacks.resolvePerDeath',
    'attribution.perIsr',
    'strikes.leaderKillChance',
    'baghdad.voteAt',
    'baghdad.seatsToPass',
    'baghdad.government.confirmChance',
    'isis.growth',
    'domestic.ladderFatigue',
    'redLines.brokenCredibility',
    'orders[3].cost',
    'victory.us.maxRung',
    'scoring.win',
  ])('%s is a model rule', (path) => {
    expect(isModelPath(path)).toBe(true);
  });

  test.each([
    'ladder.start',
    'ladder.brokenBefore.usDeath',
    'baghdad.consent',
    'baghdad.blocs[0].seats',
    'baghdad.government.stage',
    'isis.strength',
    'us.resolve',
    'iran.groups[0].aggression',
    'pandemic.schedule',
    'cards',
    'presets',
    'ordersPerTurn',
    '(root)',
  ])('%s belongs to the scenario', (path) => {
    expect(isModelPath(path)).toBe(false);
  });

  test('both composed scenarios play with exactly the same model', () => {
    const twoBoxers = shippedScenario('two-boxers');
    const redLines = shippedScenario('red-lines');
    expect(modelOf(redLines)).toStrictEqual(modelOf(twoBoxers));
    expect(redLines.ladder.pressurePerRung).toBe((file('model.json').ladder as Json).pressurePerRung);
    // ...and each keeps its own starting state.
    expect(redLines.ladder.start).not.toBe(twoBoxers.ladder.start);
    expect(redLines.baghdad.government.stage).toBe('caretaker');
  });
});

describe('composing a scenario with its model', () => {
  const scenario = () => file('two-boxers.json');
  const model = () => file('model.json');

  test('gives a self-contained scenario, which parses to the same scenario on its own', () => {
    const composed = composeScenario(scenario(), model(), NAMES);
    if (!composed.ok) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    expect(composed.value.json.model).toBeUndefined();
    expect(composed.value.json.$schema).toBe('./scenario.schema.json');
    const alone = parseScenario(structuredClone(composed.value.json));
    expect(alone.ok && alone.value).toStrictEqual(composed.value.scenario);
  });

  const cases: { name: string; edit: (s: Json, m: Json) => void; file: string; path: string; says: RegExp }[] = [
    {
      name: 'a scenario that sets a model rule',
      edit: (s) => {
        (s.ladder as Json).pressurePerRung = 40;
      },
      file: 'mine.json',
      path: 'ladder.pressurePerRung',
      says: /^a model rule, held by model\.json; remove it from the scenario$/,
    },
    {
      name: 'a scenario that sets a whole model section',
      edit: (s, m) => {
        s.rivera = m.rivera;
      },
      file: 'mine.json',
      path: 'rivera',
      says: /a model rule, held by model\.json/,
    },
    {
      name: 'a model field of the wrong type',
      edit: (_, m) => {
        (m.ladder as Json).pressurePerRung = 'twelve';
      },
      file: 'model.json',
      path: 'ladder.pressurePerRung',
      says: /expected number/,
    },
    {
      name: 'a model field out of range',
      edit: (_, m) => {
        ((m.baghdad as Json).government as Json).confirmChance = 1200;
      },
      file: 'model.json',
      path: 'baghdad.government.confirmChance',
      says: /1000/,
    },
    {
      name: 'an unknown top-level field in the model',
      edit: (_, m) => {
        m.pandemicSchedule = [1, 2];
      },
      file: 'model.json',
      path: '(root)',
      says: /pandemicSchedule/,
    },
    {
      name: 'a starting state the model would hold (ladder.start in the model)',
      edit: (_, m) => {
        (m.ladder as Json).start = 3;
      },
      file: 'model.json',
      path: 'ladder',
      says: /start/,
    },
    {
      name: 'a model whose partly held section is not an object',
      edit: (_, m) => {
        m.ladder = 5;
      },
      file: 'model.json',
      path: 'ladder',
      says: /expected object/,
    },
    {
      name: 'a model without a section',
      edit: (_, m) => {
        delete m.attacks;
      },
      file: 'model.json',
      path: 'attacks',
      says: /expected object/,
    },
    {
      name: "a scenario without a field of its own (the ladder's start)",
      edit: (s) => {
        delete (s.ladder as Json).start;
      },
      file: 'mine.json',
      path: 'ladder.start',
      says: /expected number/,
    },
    {
      name: 'a model whose orders name no order for a type (a reference the whole checks)',
      edit: (_, m) => {
        (m.orders as Json[]).pop();
      },
      file: 'model.json',
      path: 'orders',
      says: /restrain-proxies/,
    },
    {
      name: 'a model past the size limits (100,000 orders), which it shares with the scenario',
      edit: (_, m) => {
        const order = (m.orders as Json[])[0];
        m.orders = Array.from({ length: 100_000 }, () => order);
      },
      file: 'model.json',
      path: 'orders',
      says: /^100,000 entries: a list holds at most 1,000$/,
    },
  ];

  test.each(cases)('$name: one problem, under $file at $path', ({ edit, file: inFile, path, says }) => {
    const s = scenario();
    const m = model();
    edit(s, m);
    const composed = composeScenario(s, m, NAMES);
    expect(composed.ok).toBe(false);
    if (composed.ok) return;
    expect(composed.errors).toHaveLength(1);
    const [e] = composed.errors;
    expect(e).toMatchObject({ file: inFile, path });
    expect(e!.message).toMatch(says);
  });

  test('the model checked on its own (npm run validate given the model file) finds the same problems', () => {
    expect(checkModel(model())).toEqual({ ok: true, value: null });
    const m = model();
    (m.ladder as Json).pressurePerRung = 'twelve';
    expect(checkModel(m)).toMatchObject({ ok: false, errors: [{ path: 'ladder.pressurePerRung' }] });
  });

  test('a model that is not an object is one problem of the model file', () => {
    const composed = composeScenario(scenario(), [1, 2], NAMES);
    expect(composed.ok ? [] : composed.errors.map((e) => [e.file, e.path])).toEqual([['model.json', '(root)']]);
  });

  test('a "model" that is not a file name is refused at its path', () => {
    expect(modelNameOf({ model: 3 })).toMatchObject({ ok: false, errors: [{ path: 'model' }] });
    expect(modelNameOf({ model: '' }).ok).toBe(false);
    expect(modelNameOf({ id: 'x' })).toEqual({ ok: true, value: null });
    expect(modelNameOf(file('red-lines.json'))).toEqual({ ok: true, value: 'model.json' });
  });
});

describe("the scenario file's JSON Schema", () => {
  test('requires the model fields only of a file that names no model, and forbids them of one that does', () => {
    const schema = scenarioFileJsonSchema() as {
      required: string[];
      properties: Json;
      if: Json;
      then: { properties: Record<string, unknown> };
      else: { required: string[]; properties: Record<string, { required: string[] }> };
    };
    expect(schema.properties.model).toMatchObject({ type: 'string' });
    expect(schema.if).toEqual({ required: ['model'] });
    expect(schema.required).not.toContain('rivera');
    expect(schema.required).toContain('ladder');
    expect(schema.else.required).toContain('rivera');
    expect(schema.else.properties.ladder?.required).toContain('pressurePerRung');
    expect(schema.then.properties.rivera).toBe(false);
    expect((schema.then.properties.ladder as { properties: Json }).properties.pressurePerRung).toBe(false);
    expect((schema.then.properties.ladder as { properties: Json }).properties.start).toBeUndefined();
  });
});
