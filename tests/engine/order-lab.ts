/**
 * The order lab for the order tests: a quiet scenario with the background actors held still, the patches the cases
 * use, and the harness that plays one turn with an order against a baseline turn with no orders from the same state
 * and seed, then asserts the exact set of state fields that differ: the ones the rules promise, with values derived
 * from the scenario data, and nothing else. The cases are in order-cases-us.ts and order-cases-iran.ts.
 */
import { expect, it } from 'vitest';
import {
  type EventOf,
  type EventType,
  type GameEvent,
  type GameState,
  type Order,
  type OrderSpec,
  type Scenario,
  type Side,
  specOf,
} from '../../src/engine/index.ts';
import { stepLadder } from '../../src/engine/ladder.ts';
import type { AttackKind, Effects } from '../../src/engine/scenario.ts';
import { newGame, play, quiet, type ScenarioPatch, withScenario } from './helpers.ts';

export const SEED = 'orders';

/**
 * The order lab: the quiet scenario (no autonomous attacks, no cards) with the background actors held still for a
 * turn, so that a difference from the baseline is the order's doing. Consent does not drift and pressure does not
 * decay, ISIS does not grow, no partner leaves, no government is confirmed, no launch team is caught, and the two
 * handovers already under way at the start are left out.
 */
export const lab: ScenarioPatch = (s) => {
  quiet(s);
  s.baghdad.consentDrift = 0;
  s.baghdad.pressureDecay = 0;
  s.baghdad.government.confirmChance = 0;
  s.baghdad.government.supportWeight = 0;
  s.isis.growth = 0;
  s.isis.pandemicGrowth = 0;
  s.isis.counterIsisDivisor = 100;
  s.pandemic.partnerLeaveChancePerLevel = 0;
  s.attacks.curfewCaught = 0;
  for (const b of s.us.bases) b.handoverTurns = 0;
};

/** An attack profile that hurts no one, so an attack's consequences are its rules, not its dice. */
export const harmless =
  (kind: AttackKind): ScenarioPatch =>
  (s) => {
    Object.assign(s.attacks.profiles[kind], { killPerHit: 0, woundPerHit: 0, iraqiPerHit: 0, civilianPerHit: 0 });
  };

/** US intelligence always names the true group (the confidence is 1000 whatever the claim). */
export const certainAttribution: ScenarioPatch = (s) => {
  s.attribution.base = 1000;
  s.attribution.ceiling = 1000;
  s.attribution.frontPenalty = 0;
};

/** A proxy site whose strikes never kill Iraqis who are not militia. */
export const noCivilians =
  (site: string): ScenarioPatch =>
  (s) => {
    const p = s.iran.proxySites.find((x) => x.site === site);
    if (!p) throw new Error(`no proxy site ${site}`);
    p.civilianRisk = 0;
  };

export const pm = (v: number, perMille: number) => Math.trunc((v * perMille) / 1000);

// ---- Flattening a state into comparable leaves ----------------------------------------------------------------

/** Arrays of records with a string id (groups, fronts) or a site (bases) are keyed by it; other arrays by index. */
export function keyOf(x: unknown): string | null {
  if (x === null || typeof x !== 'object') return null;
  const r = x as Record<string, unknown>;
  if (typeof r.id === 'string') return r.id;
  if (r.id === undefined && typeof r.site === 'string') return r.site;
  if (r.id === undefined && typeof r.group === 'string' && 'asOf' in r) return r.group; // US estimates
  return null;
}

export function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) out[prefix] = '[]';
    const keyed = value.length > 0 && value.every((x) => keyOf(x) !== null);
    value.forEach((x, i) => {
      flatten(x, keyed ? `${prefix}.${keyOf(x)}` : `${prefix}[${i}]`, out);
    });
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) out[prefix] = '{}';
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = value;
  return out;
}

/** Paths whose leaves differ between two states. */
export function changedPaths(a: GameState, b: GameState): string[] {
  const fa = flatten(a);
  const fb = flatten(b);
  const keys = new Set([...Object.keys(fa), ...Object.keys(fb)]);
  return [...keys].filter((k) => !Object.is(fa[k], fb[k])).sort();
}

export const under = (path: string, prefixes: readonly string[]) =>
  prefixes.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));

/** Checked for every case by the generic assertions below, not listed case by case. */
export const ALWAYS_DIFFERENT = ['rng', 'nextId', 'history', 'escalation', 'ladder'];

// ---- The table ---------------------------------------------------------------------------------------------------

export interface Ctx {
  s: Scenario;
  spec: OrderSpec;
  e: Effects;
  before: GameState;
  after: GameState;
  baseline: GameState;
  events: GameEvent[];
  /** A numeric leaf of the baseline state, by flattened path (`iran.groups.kh.arsenal`). */
  b: (path: string) => number;
  /** The first event of a type in the turn with the order; fails the test if there is none. */
  event: <T extends EventType>(type: T) => EventOf<T>;
}

export interface EffectCase {
  name: string;
  side: Side;
  order: Order;
  patch?: ScenarioPatch[];
  /** Turns played first, identically for the order run and the baseline. */
  setup?: (state: GameState) => GameState;
  /** The turn's ladder pressure (default: the order's `ladder`); null when dice decide it. */
  pressure?: number | null | ((x: Ctx) => number);
  /** Flattened path → the value it must have after the turn. Every other leaf must equal the baseline's. */
  changes: (x: Ctx) => Record<string, unknown>;
  /** Paths (prefixes) that change in ways `check` asserts. */
  loose?: string[];
  check?: (x: Ctx) => void;
}

/** The same delta applied to one field of every group. */
export function allGroups(x: Ctx, field: string, delta: number | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of x.baseline.iran.groups)
    out[`iran.groups.${g.id}.${field}`] = x.b(`iran.groups.${g.id}.${field}`) + (delta ?? 0);
  return out;
}

export const rocketOnTaji = (group: string, claim: string): Order => ({
  type: 'rocket-attack',
  group,
  base: 'taji',
  claim,
});

/** The first turn of the strike-site cases that need a recent, certainly attributed kh attack. */
export const khAttackedLastTurn = (state: GameState) => play(state, [], [rocketOnTaji('kh', 'unclaimed')]).state;

/** A claim through Osbat al-Thaereen: the US has heard of the front from then on. */
export const osbatClaimed = (state: GameState) => play(state, [], [rocketOnTaji('kh', 'osbat-al-thaereen')]).state;

/** The per-case scenario, built once per distinct patch list. */
export function labFor(c: EffectCase): Scenario {
  return withScenario(lab, ...(c.patch ?? []));
}

export function run(c: EffectCase): Ctx {
  const s = labFor(c);
  const start = c.setup ? c.setup(newGame(SEED, s)) : newGame(SEED, s);
  const orders = { us: [] as Order[], iran: [] as Order[] };
  orders[c.side] = [c.order];
  const withOrder = play(start, orders.us, orders.iran);
  const baseline = play(start, [], []).state;
  const flat = flatten(baseline);
  const spec = specOf(s, c.order.type);
  return {
    s,
    spec,
    e: spec.effects,
    before: start,
    after: withOrder.state,
    baseline,
    events: withOrder.events,
    b: (path) => {
      const v = flat[path];
      if (typeof v !== 'number') throw new Error(`baseline has no number at ${path}`);
      return v;
    },
    event: <T extends EventType>(type: T) => {
      const found = withOrder.events.find((ev): ev is EventOf<T> => ev.type === type);
      if (!found) throw new Error(`no ${type} event; got ${withOrder.events.map((ev) => ev.type).join(', ')}`);
      return found;
    },
  };
}

/** Each case as its own test, named by the case. */
export function checkEffectCases(cases: readonly EffectCase[]): void {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const x = run(c);
    const expected: Record<string, unknown> = {
      [c.side === 'us' ? 'us.politicalCapital' : 'iran.resources']:
        x.b(c.side === 'us' ? 'us.politicalCapital' : 'iran.resources') - x.spec.cost,
      ...c.changes(x),
    };
    const flat = flatten(x.after);
    for (const [path, value] of Object.entries(expected)) expect(flat[path], path).toEqual(value);
    const unexpected = changedPaths(x.after, x.baseline).filter(
      (p) => !(p in expected) && !under(p, ALWAYS_DIFFERENT) && !under(p, c.loose ?? []),
    );
    expect(unexpected, 'fields changed that the case does not promise').toEqual([]);

    // The order counts on its side's escalation score with its Rivera class.
    const points = x.s.rivera[x.spec.severity];
    expect(x.after.escalation[c.side]).toBe(x.baseline.escalation[c.side] + points);
    expect(x.after.history.at(-1)!.escalation[c.side]).toBe(points);
    expect(x.after.history.at(-1)!.orders[c.side]).toEqual([c.order]);

    // The ladder moves by the order's pressure through the ladder's own rule.
    const pressure =
      typeof c.pressure === 'function' ? c.pressure(x) : c.pressure === undefined ? x.spec.ladder : c.pressure;
    if (pressure !== null)
      expect(x.after.ladder).toEqual(stepLadder(x.s, x.before.ladder, { pressure, ordered: pressure }, 0).ladder);

    expect(x.events.filter((ev) => ev.type === 'order-failed')).toEqual([]);
    c.check?.(x);
  });
}
