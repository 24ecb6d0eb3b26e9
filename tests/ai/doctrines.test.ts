/**
 * Doctrines live in data (scenarios/doctrines.json): the shipped file validates, bad files come back with the JSON
 * path of every problem, a doctrine added in data alone becomes a player, and the personalities really differ.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCTRINES, type DoctrineBook, doctrinesJsonSchema, parseDoctrines } from '../../src/ai/doctrine.ts';
import { playMatch } from '../../src/ai/match.ts';
import { playersOf } from '../../src/ai/registry.ts';
import { SCENARIO } from './fixtures.ts';

const RAW = readFileSync(new URL('../../scenarios/doctrines.json', import.meta.url), 'utf8');
/** The doctrines file as loose JSON, to break on purpose. */
interface RawBook {
  doctrines: (Record<string, unknown> & { traits: Record<string, unknown>; weights: Record<string, unknown> })[];
  advisors: { us: string[]; iran: string[] };
  strategist: { models: { us: { doctrine: string }[] }; levels: { playouts: number }[] };
}
const raw = (): RawBook => JSON.parse(RAW);

describe('the shipped doctrines', () => {
  it('validate, with every personality the issue asks for', () => {
    const parsed = parseDoctrines(JSON.parse(RAW));
    expect(parsed.ok).toBe(true);
    const ids = (side: string) => DOCTRINES.doctrines.filter((d) => d.side === side).map((d) => d.id);
    expect(ids('us')).toEqual(expect.arrayContaining(['hawk', 'restrained', 'tit-for-tat']));
    expect(ids('iran')).toEqual(
      expect.arrayContaining(['hawk', 'restrained', 'tit-for-tat', 'harasser', 'opportunist']),
    );
  });

  it('tit-for-tat is generous: it forgives, so a misattributed strike need not start a spiral', () => {
    for (const d of DOCTRINES.doctrines.filter((x) => x.id === 'tit-for-tat')) {
      expect(d.traits.forgiveness).toBeGreaterThan(0);
      expect(d.traits.initiative).toBe(0); // nice: never the first to use force
      expect(d.traits.retaliation).toBeGreaterThan(0);
    }
  });

  it('scenarios/doctrines.schema.json is up to date', () => {
    const file = readFileSync(new URL('../../scenarios/doctrines.schema.json', import.meta.url), 'utf8');
    expect(file, 'run npm run schema').toBe(`${JSON.stringify(doctrinesJsonSchema(), null, 2)}\n`);
  });
});

describe('a bad doctrines file names the JSON path of each problem', () => {
  const cases: [string, (b: ReturnType<typeof raw>) => void, string, RegExp][] = [
    [
      'a trait out of range',
      (b) => (b.doctrines[0]!.traits.forgiveness = 1200),
      'doctrines[0].traits.forgiveness',
      /1000/,
    ],
    ['an unknown trait', (b) => (b.doctrines[0]!.traits.bravery = 3), 'doctrines[0].traits', /bravery/],
    [
      'a weight on the other side’s order',
      (b) => (b.doctrines[0]!.weights['rocket-attack'] = 5),
      'doctrines[0].weights.rocket-attack',
      /not a US order/,
    ],
    ['an unknown order type', (b) => (b.doctrines[0]!.weights.nuke = 5), 'doctrines[0].weights', /nuke/],
    [
      'a duplicate id',
      (b) => b.doctrines.push({ ...b.doctrines[0]! }),
      `doctrines[${JSON.parse(RAW).doctrines.length}].id`,
      /duplicate/,
    ],
    [
      'an advisor that does not exist',
      (b) => (b.advisors.us[0] = 'dove'),
      'advisors.us[0]',
      /unknown us doctrine "dove"/,
    ],
    [
      'a model of the wrong side',
      (b) => (b.strategist.models.us[0]!.doctrine = 'harasser'),
      'strategist.models.us[0].doctrine',
      /unknown us doctrine/,
    ],
    ['a budget in seconds', (b) => (b.strategist.levels[0]!.playouts = 0.5), 'strategist.levels[0].playouts', /./],
  ];
  it.each(cases)('%s', (_, patch, path, message) => {
    const b = raw();
    patch(b);
    const parsed = parseDoctrines(b);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const hit = parsed.errors.find((e) => e.path === path);
    expect(hit, JSON.stringify(parsed.errors)).toBeDefined();
    expect(hit?.message).toMatch(message);
  });
});

describe('a designer adds a doctrine without code', () => {
  it('a new entry in the data becomes a player that plays legal games with its own personality', () => {
    const b = raw();
    b.doctrines.push({
      id: 'diplomat',
      side: 'us',
      label: 'Diplomat',
      description: 'Talks first, always.',
      spread: 0,
      traits: { politics: 60, reconcile: 50 },
      weights: { 'us-swiss-message': 60, 'strike-site': -100, campaign: -100, 'leadership-strike': -100 },
    });
    const parsed = parseDoctrines(b);
    expect(parsed.ok).toBe(true);
    const book = (parsed as { value: DoctrineBook }).value;
    const diplomat = playersOf(book).find((p) => p.side === 'us' && p.id === 'diplomat')!;
    const iran = playersOf(book).find((p) => p.side === 'iran' && p.id === 'hawk')!;
    const m = playMatch(SCENARIO, 'diplomat', diplomat.policy, iran.policy);
    expect(m.errors).toEqual([]);
    const given = m.state.history.flatMap((h) => h.orders.us.map((o) => o.type));
    expect(given).toContain('us-swiss-message');
    expect(given).not.toContain('strike-site');
  });
});

describe('the personalities differ', () => {
  /** What a side's doctrine orders over a few games against one opponent. */
  function orderMix(side: 'us' | 'iran', id: string): Map<string, number> {
    const players = playersOf(DOCTRINES);
    const me = players.find((p) => p.side === side && p.id === id)!;
    const them = players.find((p) => p.side !== side && p.id === 'hawk')!;
    const mix = new Map<string, number>();
    let weeks = 0;
    for (let k = 0; k < 8; k++) {
      const m = playMatch(
        SCENARIO,
        `mix-${k}`,
        side === 'us' ? me.policy : them.policy,
        side === 'us' ? them.policy : me.policy,
        {
          keepLog: false,
        },
      );
      weeks += m.state.history.length;
      for (const h of m.state.history) for (const o of h.orders[side]) mix.set(o.type, (mix.get(o.type) ?? 0) + 1);
    }
    // Per hundred weeks: a personality that starts wars plays shorter games, and totals would hide how often it acts.
    for (const [type, count] of mix) mix.set(type, (100 * count) / weeks);
    return mix;
  }
  const n = (mix: Map<string, number>, ...types: string[]) => types.reduce((k, t) => k + (mix.get(t) ?? 0), 0);

  it('the US hawk strikes more and talks less than the restrained player', () => {
    const hawk = orderMix('us', 'hawk');
    const restrained = orderMix('us', 'restrained');
    expect(n(hawk, 'strike-site', 'campaign', 'leadership-strike')).toBeGreaterThan(
      n(restrained, 'strike-site', 'campaign', 'leadership-strike'),
    );
    expect(n(restrained, 'us-swiss-message', 'hand-over-base')).toBeGreaterThan(
      n(hawk, 'us-swiss-message', 'hand-over-base'),
    );
  });

  it('the harasser fires deniably and often; the restrained Iranian works parliament instead', () => {
    const harasser = orderMix('iran', 'harasser');
    const restrained = orderMix('iran', 'restrained');
    const hawk = orderMix('iran', 'hawk');
    expect(n(harasser, 'rocket-attack')).toBeGreaterThan(n(restrained, 'rocket-attack', 'lethal-barrage'));
    expect(n(harasser, 'create-front')).toBeGreaterThan(0);
    expect(n(hawk, 'lethal-barrage')).toBeGreaterThan(n(harasser, 'lethal-barrage'));
    // The restrained Iranian fights less than the hawk and works parliament more than it fights. (Per week it does
    // not push parliament more than the hawk does: against the US hawk it spends on calming the crisis.)
    const violent = SCENARIO.orders.filter((o) => o.severity === 'violent').map((o) => o.type);
    expect(n(restrained, ...violent)).toBeLessThan(n(hawk, ...violent));
    expect(n(restrained, 'eviction-campaign', 'info-operation')).toBeGreaterThan(n(restrained, ...violent));
  });
});
