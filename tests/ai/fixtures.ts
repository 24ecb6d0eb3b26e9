import type { StrategistLevel } from '../../src/ai/doctrine.ts';
import { playMatch } from '../../src/ai/match.ts';
import type { Policy } from '../../src/ai/simple.ts';
import {
  createGame,
  Dice,
  formatErrors,
  type GameState,
  legalOrders,
  type Order,
  playTurn,
  type Scenario,
  type Side,
  seedRng,
  validateOrders,
} from '../../src/engine/index.ts';
import { shippedScenario } from '../shipped.ts';

/** The shipped Two Boxers scenario, parsed once. */
export const SCENARIO: Scenario = shippedScenario('two-boxers');

/** A small strategist budget for tests that need many decisions: the search is the same, only shorter. */
export const TEST_LEVEL: StrategistLevel = {
  id: 'test',
  label: 'Strategist (test)',
  description: 'A tiny budget for tests.',
  playouts: 40,
  candidates: 8,
  horizon: 2,
};

export function newGame(seed: string): GameState {
  const created = createGame(SCENARIO, seed);
  if (!created.ok) throw new Error(formatErrors(created.errors));
  return created.value;
}

/** Up to the scenario's number of random legal orders for a side, dropping any the whole set makes illegal. */
export function randomOrders(state: GameState, side: Side, dice: Dice): Order[] {
  const menu = legalOrders(SCENARIO, state, side);
  const chosen: Order[] = [];
  const n = dice.int(SCENARIO.ordersPerTurn + 1);
  for (let i = 0; i < n && menu.length > 0; i++) {
    const o = menu[dice.int(menu.length)]!;
    if (validateOrders(SCENARIO, state, side, [...chosen, o]).ok) chosen.push(o);
  }
  return chosen;
}

/** The state before every turn of a game played with random legal orders. */
export function randomGameStates(seed: string): GameState[] {
  const dice = new Dice(seedRng(`${seed}/ai-test`));
  let state = newGame(seed);
  const states: GameState[] = [];
  while (!state.outcome) {
    states.push(state);
    const next = playTurn(SCENARIO, state, randomOrders(state, 'us', dice), randomOrders(state, 'iran', dice));
    if (!next.ok) throw new Error(formatErrors(next.errors));
    state = next.value;
  }
  return states;
}

/** The state before every turn of a game between two policies. */
export function matchStates(seed: string, us: Policy, iran: Policy): GameState[] {
  const final = playMatch(SCENARIO, seed, us, iran, { keepLog: false }).state;
  let state = newGame(seed);
  const states: GameState[] = [];
  for (const h of final.history) {
    states.push(state);
    const next = playTurn(SCENARIO, state, h.orders.us, h.orders.iran);
    if (!next.ok) throw new Error(formatErrors(next.errors));
    state = next.value;
  }
  return states;
}

const clone = <T>(x: T): T => structuredClone(x);
const round10 = (v: number) => Math.round(v / 10) * 10;

/** A value in [lo, hi] with the same rounding to tens as `v`, so the US estimate of it does not move. */
function sameEstimate(v: number, dice: Dice): number {
  const options: number[] = [];
  for (let x = Math.max(0, v - 9); x <= Math.min(100, v + 9); x++) if (round10(x) === round10(v)) options.push(x);
  return options[dice.int(options.length)] ?? v;
}

/**
 * A twin of the state that differs only in what the US cannot see: the game's RNG, Iran's purse and missiles,
 * each group's exact strength and arsenal (within the rounding the US sees), cohesion and aggression, the sponsor
 * of every front the US has not exposed, a fresh front nobody has heard of, the true authors of past attacks, which
 * strikes hit the guilty, Iran's past orders and the ladder's quiet-week count.
 */
export function hiddenFromUs(state: GameState, dice: Dice): GameState {
  const t = clone(state) as GameState;
  t.rng = seedRng(`twin/${dice.int(1_000_000)}`);
  t.iran.resources = dice.int(101);
  t.iran.income = dice.int(21);
  t.iran.missileCapability = dice.int(101);
  t.iran.pmuCohesion = dice.int(101);
  const ids = t.iran.groups.map((g) => g.id);
  for (const g of t.iran.groups) {
    g.strength = sameEstimate(g.strength, dice);
    g.arsenal = sameEstimate(g.arsenal, dice);
    g.cohesion = dice.int(101);
    g.aggression = dice.int(101);
    g.restrainedTurns = dice.int(3);
  }
  for (const f of t.iran.fronts) if (!f.exposed) f.sponsor = ids[dice.int(ids.length)]!;
  if (t.iran.frontNamesUsed < SCENARIO.iran.frontNamePool.length) {
    t.iran.frontNamesUsed++;
    t.iran.fronts.push({
      id: `front-${t.iran.frontNamesUsed}`,
      name: SCENARIO.iran.frontNamePool[t.iran.frontNamesUsed - 1]!.name,
      sponsor: ids[0]!,
      deniability: 80,
      claims: 0,
      retired: false,
      exposed: false,
      createdTurn: t.turn - 1,
    });
  }
  for (const a of t.attacks) {
    if (a.group !== null) a.group = ids[dice.int(ids.length)]!;
    a.autonomous = dice.chance(500);
  }
  for (const x of t.strikes) x.justified = dice.chance(500);
  for (const h of t.history) h.orders.iran = [];
  t.ladder.quietTurns = dice.int(3);
  return t;
}

/**
 * A twin of the state that differs only in what Iran cannot see: the game's RNG, US political capital and ISR,
 * its plans that have not leaked (and a new secret one), whom the US blamed for each attack and how sure it was,
 * the US's past orders and the ladder's quiet-week count.
 */
export function hiddenFromIran(state: GameState, dice: Dice): GameState {
  const t = clone(state) as GameState;
  t.rng = seedRng(`twin/${dice.int(1_000_000)}`);
  t.us.politicalCapital = dice.int(101);
  t.us.isr = dice.int(6);
  const ids = t.iran.groups.map((g) => g.id);
  t.us.plans = t.us.plans.filter((p) => p.leaked);
  t.us.plans.push({
    id: 9999,
    kind: 'campaign',
    group: ids[dice.int(ids.length)]!,
    turnsLeft: 0,
    active: false,
    leaked: false,
    startedTurn: 0,
  });
  for (const a of t.attacks) {
    a.suspect = dice.chance(200) ? null : ids[dice.int(ids.length)]!;
    a.confidence = dice.int(1001);
  }
  for (const h of t.history) h.orders.us = [];
  t.ladder.quietTurns = dice.int(3);
  return t;
}
