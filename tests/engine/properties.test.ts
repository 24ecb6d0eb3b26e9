/**
 * Properties over random seeds and random sequences of legal orders (fast-check): the state stays within its ranges
 * every turn, a game is a pure function of its seed and orders, a state survives JSON and resolves the same
 * afterwards, resolution never mutates its input, and an illegal order never changes the state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type GameState,
  hashState,
  legalOrders,
  type Order,
  resolveTurn,
  type Scenario,
  type Side,
  submitOrders,
  validateOrders,
} from '../../src/engine/index.ts';
import { clone, deepFreeze, newGame, SCENARIO } from './helpers.ts';

const s = SCENARIO;

/** PROPERTY_SCALE=20 npx vitest run tests/engine/properties.test.ts searches 20 times deeper than CI does. */
const SCALE = Number(process.env.PROPERTY_SCALE ?? '1');
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)) });

/** A turn's choices: for each side up to ordersPerTurn indexes into its menu of legal orders. */
const choicesArb = fc.array(fc.nat({ max: 100_000 }), { maxLength: s.ordersPerTurn });
const turnArb = fc.record({ us: choicesArb, iran: choicesArb });
const gameArb = fc.record({
  seed: fc.string({ minLength: 1, maxLength: 16 }),
  preset: fc.constantFrom<string | undefined>(undefined, 'short'),
  turns: fc.array(turnArb, { minLength: 1, maxLength: s.turns }),
});
type GameScript = { seed: string; preset: string | undefined; turns: { us: number[]; iran: number[] }[] };

/** The orders the indexes pick from the side's menu, skipping any the whole set would make illegal (cost, type). */
function pick(scenario: Scenario, state: GameState, side: Side, indexes: number[]): Order[] {
  const menu = legalOrders(scenario, state, side);
  const chosen: Order[] = [];
  for (const i of indexes) {
    if (menu.length === 0) break;
    const order = menu[i % menu.length]!;
    if (validateOrders(scenario, state, side, [...chosen, order]).ok) chosen.push(order);
  }
  return chosen;
}

interface Step {
  before: GameState;
  us: Order[];
  iran: Order[];
  after: GameState;
}

/** Plays a scripted game: one step per scripted turn, until the script or the game ends. */
function playScript(script: GameScript): Step[] {
  let state = newGame(script.seed, s, script.preset === undefined ? {} : { preset: script.preset });
  const steps: Step[] = [];
  for (const turn of script.turns) {
    if (state.outcome) break;
    const us = pick(s, state, 'us', turn.us);
    const iran = pick(s, state, 'iran', turn.iran);
    const after = resolve(state, us, iran);
    steps.push({ before: state, us, iran, after });
    state = after;
  }
  return steps;
}

function resolve(state: GameState, us: Order[], iran: Order[]): GameState {
  const a = submitOrders(s, state, 'us', us);
  if (!a.ok) throw new Error(`US refused: ${JSON.stringify(a.errors)}`);
  const b = submitOrders(s, a.value, 'iran', iran);
  if (!b.ok) throw new Error(`Iran refused: ${JSON.stringify(b.errors)}`);
  const r = resolveTurn(s, b.value);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.state;
}

const inRange = (label: string, v: number, lo: number, hi: number) => {
  if (!(Number.isInteger(v) && v >= lo && v <= hi))
    throw new Error(`${label} = ${v}, expected an integer in ${lo}..${hi}`);
};

/** Every number in the state but the RNG's is an integer (the engine computes in integers only). */
function integersOnly(value: unknown, path: string): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`${path} = ${value} is not an integer`);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) integersOnly(v, `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      if (path !== '' || k !== 'rng') integersOnly(v, path ? `${path}.${k}` : k);
}

function checkInvariants(state: GameState): void {
  integersOnly(state, '');
  const pct = (label: string, v: number) => inRange(label, v, 0, 100);
  const b = state.baghdad;
  pct('consent', b.consent);
  pct('evictionPressure', b.evictionPressure);
  pct('designateSupport', b.designateSupport);
  inRange('waiverTurns', b.waiverTurns, 0, 100);
  inRange('designateTurns', b.designateTurns, 0, 100);
  pct('us.resolve', state.us.resolve);
  pct('us.credibility', state.us.credibility);
  pct('us.politicalCapital', state.us.politicalCapital);
  pct('us.counterIsis', state.us.counterIsis);
  inRange('us.isr', state.us.isr, 0, 5);
  inRange('us.troops', state.us.troops, 0, 1_000_000);
  pct('isis', state.isis);
  pct('iran.resources', state.iran.resources);
  inRange('iran.income', state.iran.income, 0, 50);
  pct('iran.pmuCohesion', state.iran.pmuCohesion);
  pct('iran.missileCapability', state.iran.missileCapability);
  inRange('partners', state.partners, 0, s.partners);
  for (const g of state.iran.groups) {
    for (const k of ['strength', 'arsenal', 'cohesion', 'aggression'] as const) pct(`${g.id}.${k}`, g[k]);
    inRange(`${g.id}.restrainedTurns`, g.restrainedTurns, 0, s.attacks.restrainTurns);
  }
  for (const f of state.iran.fronts) {
    pct(`${f.id}.deniability`, f.deniability);
    inRange(`${f.id}.claims`, f.claims, 0, 1000);
  }
  for (const base of state.us.bases) {
    pct(`${base.site}.exposure`, base.exposure);
    inRange(`${base.site}.garrison`, base.garrison, 0, 1_000_000);
    if (base.handedOver) expect(base.garrison).toBe(0);
  }
  for (const [k, v] of Object.entries(state.casualties)) inRange(`casualties.${k}`, v, 0, 1_000_000);
  inRange('rung', state.ladder.rung, 0, s.ladder.war);
  inRange('peak', state.ladder.peak, state.ladder.rung, s.ladder.war);
  inRange('turn', state.turn, 1, state.lastTurn);
  expect(state.history).toHaveLength(state.outcome ? state.turn : state.turn - 1);
  // The running totals are the sums of their records.
  expect(state.escalation.us).toBe(state.history.reduce((t, h) => t + h.escalation.us, 0));
  expect(state.escalation.iran).toBe(state.history.reduce((t, h) => t + h.escalation.iran, 0));
  expect(state.casualties.usKilled).toBe(state.attacks.reduce((t, a) => t + a.casualties.usKilled, 0));
  expect(state.casualties.proxiesKilled).toBe(state.strikes.reduce((t, x) => t + x.casualties.proxiesKilled, 0));
  expect(state.us.plans.filter((p) => p.active).length).toBeLessThanOrEqual(1);
  const ids = [...state.attacks.map((a) => a.id), ...state.strikes.map((x) => x.id)];
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toBeLessThan(state.nextId);
  if (state.outcome) {
    for (const side of ['us', 'iran'] as const)
      expect(submitOrders(s, state, side, [])).toMatchObject({ ok: false, errors: [{ code: 'game.over' }] });
    expect(resolveTurn(s, state)).toMatchObject({ ok: false, errors: [{ code: 'game.over' }] });
  }
}

describe('properties of random games', () => {
  it('invariants hold every turn', () => {
    fc.assert(
      fc.property(gameArb, (script) => {
        checkInvariants(newGame(script.seed, s));
        for (const step of playScript(script)) checkInvariants(step.after);
      }),
      runs(150),
    );
  });

  it('the same seed and orders give the same hashes every turn', () => {
    fc.assert(
      fc.property(gameArb, (script) => {
        const a = playScript(script).map((x) => hashState(x.after));
        const b = playScript(script).map((x) => hashState(x.after));
        expect(a).toEqual(b);
        expect(new Set(a).size).toBe(a.length); // every turn moves the state
      }),
      runs(60),
    );
  });

  it('a state survives JSON and resolves identically afterwards, without being mutated', () => {
    fc.assert(
      fc.property(gameArb, (script) => {
        for (const { before, us, iran, after } of playScript(script)) {
          const loaded = clone(before);
          expect(hashState(loaded)).toBe(hashState(before));
          const snapshot = JSON.stringify(loaded);
          // An unfrozen input: a write to it by resolution would go unnoticed but for this comparison.
          expect(hashState(resolve(loaded, us, iran))).toBe(hashState(after));
          expect(JSON.stringify(loaded)).toBe(snapshot);
        }
      }),
      runs(60),
    );
  });

  /** Orders that are mostly illegal: legal shapes with scrambled targets, wrong sides, junk. */
  const junkArb = fc.oneof(
    fc.record({
      type: fc.constantFrom(...s.orders.map((o) => o.type)),
      site: fc.constantFrom('jurf-al-sakhar', 'tehran', 'taji', ''),
      group: fc.constantFrom('kh', 'isis', 'badr'),
      base: fc.constantFrom('taji', 'q-west', 'ain-al-asad', 'nowhere'),
      front: fc.constantFrom('osbat-al-thaereen', 'front-9'),
      claim: fc.constantFrom('open', 'unclaimed', 'front-9'),
      retire: fc.constantFrom(null, 'front-9'),
      warned: fc.boolean(),
    }),
    fc.anything(),
  );

  it('an illegal order never changes the state', () => {
    let refused = 0;
    fc.assert(
      fc.property(
        gameArb,
        fc.array(junkArb, { maxLength: 3 }),
        fc.constantFrom<Side>('us', 'iran'),
        (script, junk, side) => {
          const steps = playScript(script);
          const state = deepFreeze(steps.at(-1)?.after ?? newGame(script.seed, s));
          const before = hashState(state);
          const text = JSON.stringify(state);
          const r = submitOrders(s, state, side, junk);
          expect(r.ok).toBe(validateOrders(s, state, side, junk).ok);
          if (!r.ok) {
            refused++;
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors) expect(typeof e.code).toBe('string');
          }
          expect(hashState(state)).toBe(before);
          expect(JSON.stringify(state)).toBe(text);
        },
      ),
      runs(150),
    );
    expect(refused).toBeGreaterThan(30);
  });
});
