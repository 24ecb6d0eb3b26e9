/**
 * Scenario data: the shipped scenario parses, its content hash survives a JSON round trip and ignores key order,
 * and broken scenarios come back as errors that name the JSON path, never as exceptions.
 */
import { describe, expect, it } from 'vitest';
import {
  IRAN_ORDER_TYPES,
  parseScenario,
  type ScenarioInput,
  scenarioHash,
  scenarioJsonSchema,
  US_ORDER_TYPES,
} from '../../src/engine/index.ts';
import { SCENARIO_LIMITS } from '../../src/engine/scenario.ts';
import { rawScenario, SCENARIO, withScenario } from './helpers.ts';

/** The same JSON with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  return value;
}

describe('the shipped scenario', () => {
  it('parses', () => {
    const parsed = parseScenario(rawScenario());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.id).toBe('two-boxers');
    expect(parsed.value.orders.map((o) => o.type).sort()).toEqual([...US_ORDER_TYPES, ...IRAN_ORDER_TYPES].sort());
  });

  it('round-trips: the parsed scenario, serialised and parsed again, is the same with the same hash', () => {
    const again = parseScenario(JSON.parse(JSON.stringify(SCENARIO)));
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.value).toEqual(SCENARIO);
    expect(scenarioHash(again.value)).toBe(scenarioHash(SCENARIO));
  });

  it('has a content hash that ignores key order and sees any change', () => {
    const reordered = parseScenario(reverseKeys(rawScenario()));
    expect(reordered.ok && scenarioHash(reordered.value)).toBe(scenarioHash(SCENARIO));
    expect(scenarioHash(SCENARIO)).toMatch(/^[0-9a-f]{14}$/);
    const tweaked = withScenario((s) => {
      s.attribution.claimWear = (s.attribution.claimWear ?? 0) + 1;
    });
    expect(scenarioHash(tweaked)).not.toBe(scenarioHash(SCENARIO));
  });

  it('has a JSON Schema for editors', () => {
    const schema = scenarioJsonSchema() as { type?: string; properties?: Record<string, unknown> };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['orders', 'ladder', 'attribution']));
  });
});

interface BrokenCase {
  name: string;
  patch: (s: ScenarioInput & Record<string, unknown>) => void;
  path: string;
  /** A word the message must contain, where the path alone does not say what is wrong. */
  says?: string;
}

/** The index of a card in the scenario's JSON. */
const cardAt = (s: ScenarioInput, id: string): number => (s.cards ?? []).findIndex((c) => c.id === id);

const BROKEN: BrokenCase[] = [
  { name: 'a missing field', patch: (s) => void Reflect.deleteProperty(s, 'name'), path: 'name' },
  {
    name: 'a card that moves the government without waiting for a PM-designate',
    patch: (s) => void Reflect.deleteProperty(s.cards![cardAt(s, 'zurufi-out-kadhimi-in')]!.when, 'stage'),
    path: `cards[${cardAt(rawScenario(), 'zurufi-out-kadhimi-in')}].when.stage`,
    says: 'needs a PM-designate',
  },
  {
    name: "a card's condition on a base that is not one",
    patch: (s) => {
      s.cards![cardAt(s, 'patriots-operational')]!.when.basesHeld = ['erbil', 'tehran'];
    },
    path: `cards[${cardAt(rawScenario(), 'patriots-operational')}].when.basesHeld[1]`,
    says: 'unknown base "tehran"',
  },
  {
    name: 'a missing nested field',
    patch: (s) => void Reflect.deleteProperty(s.baghdad, 'voteAt'),
    path: 'baghdad.voteAt',
  },
  { name: 'a field of the wrong type', patch: (s) => void Object.assign(s, { turns: 'twelve' }), path: 'turns' },
  {
    name: 'an unknown hub',
    patch: (s) => {
      s.us.hub = 'camp-nowhere';
    },
    path: 'us.hub',
    says: 'camp-nowhere',
  },
  {
    name: 'an unknown group as a front sponsor',
    patch: (s) => {
      s.iran.fronts[0]!.sponsor = 'hamas';
    },
    path: 'iran.fronts[0].sponsor',
    says: 'hamas',
  },
  {
    name: 'an unknown site in proxySites',
    patch: (s) => {
      s.iran.proxySites[0]!.site = 'atlantis';
    },
    path: 'iran.proxySites[0].site',
    says: 'atlantis',
  },
  {
    name: 'a US base listed as a proxy site',
    patch: (s) => {
      s.iran.proxySites[0]!.site = 'taji';
    },
    path: 'iran.proxySites[0].site',
    says: 'us-base',
  },
  {
    name: 'an unknown group in proxySites',
    patch: (s) => {
      s.iran.proxySites[1]!.group = 'hamas';
    },
    path: 'iran.proxySites[1].group',
  },
  {
    name: 'consent out of range (150)',
    patch: (s) => {
      s.baghdad.consent = 150;
    },
    path: 'baghdad.consent',
  },
  {
    name: 'a fractional percentage',
    patch: (s) => {
      s.us.resolve = 60.5;
    },
    path: 'us.resolve',
  },
  {
    name: 'a chance above 1000 per mille',
    patch: (s) => {
      s.attacks.profiles['rocket-attack'].hitPerMille = 1001;
    },
    path: 'attacks.profiles.rocket-attack.hitPerMille',
  },
  {
    name: 'a duplicate order',
    patch: (s) => void s.orders.push({ ...s.orders[0]! }),
    path: 'orders[34].type',
    says: 'twice',
  },
  {
    name: 'a missing order type',
    patch: (s) => {
      s.orders = s.orders.filter((o) => o.type !== 'hold');
    },
    path: 'orders',
    says: 'hold',
  },
  {
    name: 'an unknown order type',
    patch: (s) => void Object.assign(s.orders[0]!, { type: 'nuke' }),
    path: 'orders[0].type',
  },
  {
    name: 'an unknown effect',
    patch: (s) => void Object.assign(s.orders[0]!.effects ?? {}, { morale: 5 }),
    path: 'orders[0].effects',
    says: 'morale',
  },
  {
    name: 'rung levels out of order',
    patch: (s) => {
      const rungs = s.ladder.rungs;
      [rungs[3]!.level, rungs[4]!.level] = [rungs[4]!.level, rungs[3]!.level];
    },
    path: 'ladder.rungs[3].level',
  },
  {
    name: 'a ladder that starts at war',
    patch: (s) => {
      s.ladder.start = s.ladder.war;
    },
    path: 'ladder.start',
  },
  {
    name: 'likelihood words out of order',
    patch: (s) => {
      s.attribution.words[1]!.upTo = 10;
    },
    path: 'attribution.words[1].upTo',
  },
  {
    name: 'likelihood words that stop short of 1000',
    patch: (s) => {
      s.attribution.words.at(-1)!.upTo = 990;
    },
    path: 'attribution.words[6].upTo',
  },
  {
    name: 'an unknown top-level key',
    patch: (s) => {
      s.colour = 'red';
    },
    path: '(root)',
    says: 'colour',
  },
  {
    name: 'a preset longer than the game',
    patch: (s) => {
      s.presets = [{ id: 'long', name: 'Long', turns: 20 }];
    },
    path: 'presets[0].turns',
  },
  {
    name: 'a duplicate group id',
    patch: (s) => void s.iran.groups.push({ ...s.iran.groups[0]! }),
    path: 'iran.groups[4].id',
  },
  {
    name: 'a bad id',
    patch: (s) => {
      s.iran.groups[0]!.id = 'Kataib Hezbollah';
    },
    path: 'iran.groups[0].id',
  },
  {
    name: 'a base listed twice',
    patch: (s) => void s.us.bases.push({ ...s.us.bases[0]! }),
    path: 'us.bases[11].site',
  },
  {
    name: 'no embassy among the bases',
    patch: (s) => {
      s.us.bases = s.us.bases.filter((b) => b.site !== 'embassy');
    },
    path: 'us.bases',
    says: 'embassy',
  },
];

describe('broken scenarios', () => {
  it.each(BROKEN.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const raw = rawScenario() as ScenarioInput & Record<string, unknown>;
    c.patch(raw);
    const parsed = parseScenario(raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const error = parsed.errors.find((e) => e.path === c.path);
    expect(error, `errors: ${JSON.stringify(parsed.errors)}`).toBeDefined();
    expect(error!.code).toMatch(/^scenario\./);
    if (c.says) expect(error!.message).toContain(c.says);
  });

  it.each([
    ['null', null],
    ['a string', 'two-boxers'],
    ['an array', []],
    ['an empty object', {}],
  ])('input that is %s is refused without throwing', (_name, input) => {
    const parsed = parseScenario(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.length).toBeGreaterThan(0);
  });
});

/** Every list and text in the file: its JSON path (list entries numbered) and its size. */
function sizes(value: unknown, path: string, out: { path: string; size: number; list: boolean }[]): typeof out {
  if (Array.isArray(value)) {
    out.push({ path, size: value.length, list: true });
    value.forEach((v, i) => {
      sizes(v, `${path}[${i}]`, out);
    });
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) sizes(v, path === '' ? k : `${path}.${k}`, out);
  else if (typeof value === 'string') out.push({ path, size: value.length, list: false });
  return out;
}

describe('limits on the size of a scenario', () => {
  const { listEntries, textLength, idLength } = SCENARIO_LIMITS;
  type Raw = ScenarioInput & Record<string, unknown>;
  const site = (raw: Raw) => raw.sites[0]!;
  const cases: { name: string; patch: (s: Raw) => void; path: string; says: string }[] = [
    {
      name: '100,000 sites',
      patch: (s) => {
        s.sites = Array.from({ length: 100_000 }, (_, i) => ({ ...site(s), id: `site-${i}` }));
      },
      path: 'sites',
      says: `100,000 entries: a list holds at most 1,000`,
    },
    {
      name: 'one list entry too many cards',
      patch: (s) => {
        const card = s.cards![0]!;
        s.cards = Array.from({ length: listEntries + 1 }, (_, i) => ({ ...card, id: `card-${i}` }));
      },
      path: 'cards',
      says: '1,001 entries: a list holds at most 1,000',
    },
    {
      name: 'a 10 MB summary',
      patch: (s) => {
        s.summary = 'x'.repeat(10_000_000);
      },
      path: 'summary',
      says: '10,000,000 characters: a text holds at most 20,000',
    },
    {
      name: 'a note one character too long',
      patch: (s) => {
        site(s).note = 'x'.repeat(textLength + 1);
      },
      path: 'sites[0].note',
      says: '20,001 characters: a text holds at most 20,000',
    },
    {
      name: 'a 10 MB id',
      patch: (s) => {
        site(s).id = 'a'.repeat(10_000_000);
      },
      path: 'sites[0].id',
      says: '10,000,000 characters: an id holds at most 200',
    },
    {
      name: 'a pandemic schedule of a million weeks',
      patch: (s) => {
        s.pandemic.schedule = Array.from({ length: 1_000_000 }, () => 1);
      },
      path: 'pandemic.schedule',
      says: 'a list holds at most 1,000',
    },
    {
      name: 'the ladder’s gates (a list of the ladder’s own schema)',
      patch: (s) => {
        s.ladder.gates = Array.from({ length: 100_000 }, () => 3);
      },
      path: 'ladder.gates',
      says: 'a list holds at most 1,000',
    },
    {
      name: 'a 10 MB name in a recorded order',
      patch: (s) => {
        s.record = [
          {
            turn: 1,
            us: [
              {
                order: { type: 'strike-site', site: 'x'.repeat(10_000_000) },
                date: '2020-03-28',
                note: 'n',
                source: 's',
              },
            ],
            iran: [],
          },
        ];
      },
      path: 'record[0].us[0].order.site',
      says: '10,000,000 characters: a name in an order holds at most 200',
    },
  ];
  it.each(cases)('$name: one error, naming the path and the limit', ({ patch, path, says }) => {
    const raw = rawScenario() as Raw;
    patch(raw);
    const parsed = parseScenario(raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([expect.objectContaining({ path, message: expect.stringContaining(says) })]);
  });

  it('the limits sit far above the shipped scenario: ten times its longest list, text and id', () => {
    const all = sizes(rawScenario(), '', []);
    const longest = (list: boolean, ids = false) =>
      Math.max(...all.filter((x) => x.list === list && x.path.endsWith('.id') === ids).map((x) => x.size));
    expect(10 * longest(true)).toBeLessThanOrEqual(listEntries);
    expect(10 * longest(false)).toBeLessThanOrEqual(textLength);
    expect(5 * longest(false, true)).toBeLessThanOrEqual(idLength);
  });

  it('the JSON Schema editors read carries the same limits', () => {
    const schema = scenarioJsonSchema() as {
      properties: {
        sites: { maxItems: number; items: { properties: { id: { maxLength: number } } } };
        summary: { maxLength: number };
      };
    };
    expect(schema.properties.sites.maxItems).toBe(listEntries);
    expect(schema.properties.sites.items.properties.id.maxLength).toBe(idLength);
    expect(schema.properties.summary.maxLength).toBe(textLength);
  });
});
