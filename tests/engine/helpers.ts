/**
 * Shared setup for the engine tests: the shipped scenario parsed once, variants of it built from a deep clone of the
 * JSON (to force outcomes: a chance set to 0 or 1000, a tuned threshold), and short ways to start and play games.
 */
import {
  createGame,
  formatErrors,
  type GameEvent,
  type GameOptions,
  type GameState,
  type Ledger,
  parseScenario,
  resolveTurn,
  type Scenario,
  type ScenarioInput,
  scenarioHash,
  submitOrders,
} from '../../src/engine/index.ts';
import { shippedJson } from '../shipped.ts';

/** A fresh deep clone of the shipped scenario JSON (composed with its model), not yet validated: patch it freely. */
export function rawScenario(): ScenarioInput {
  return shippedJson('two-boxers');
}

/** Scenarios by content hash, so `play` finds the rules a state was created under. */
const registry = new Map<string, Scenario>();

function mustParse(input: unknown, label: string): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`${label} does not validate:\n${formatErrors(parsed.errors)}`);
  registry.set(scenarioHash(parsed.value), parsed.value);
  return parsed.value;
}

/** The shipped Two Boxers scenario, parsed once. Treat it as immutable. */
export const SCENARIO: Scenario = mustParse(rawScenario(), 'scenarios/two-boxers.json');

/** A change made to a scenario's JSON before it is parsed. */
export type ScenarioPatch = (s: ScenarioInput) => void;

/**
 * A variant of the shipped scenario: the JSON deep-cloned, each patch applied in turn, the result validated (a
 * patch that breaks the scenario throws, naming the JSON paths: it is a mistake in the test, not a finding).
 */
export function withScenario(...patches: ScenarioPatch[]): Scenario {
  const raw = rawScenario();
  for (const patch of patches) patch(raw);
  return mustParse(raw, 'a patched scenario');
}

/** No autonomous attacks, event cards or incidents: the noise the order tests do not want. */
export const quiet: ScenarioPatch = (s) => {
  s.attacks.autonomyPerAggression = 0;
  s.cards = [];
  s.ladder.incidents = { fromRung: 0, perMillePerRung: 0 };
  // Intelligence updates draw from the RNG every week; without them an order's effects stand alone.
  s.attribution.intelRefresh = 0;
  s.attribution.intelRefreshPerIsr = 0;
};

type OrderSpecInput = ScenarioInput['orders'][number];
type BaseInput = ScenarioInput['us']['bases'][number];
type GroupInput = ScenarioInput['iran']['groups'][number];

/** The (mutable) order entry of a scenario's JSON, for patches. */
export function specIn(s: ScenarioInput, type: OrderSpecInput['type']): OrderSpecInput {
  const spec = s.orders.find((o) => o.type === type);
  if (!spec) throw new Error(`no order ${type}`);
  return spec;
}

/** The (mutable) base entry of a scenario's JSON, for patches. */
export function baseIn(s: ScenarioInput, site: string): BaseInput {
  const base = s.us.bases.find((b) => b.site === site);
  if (!base) throw new Error(`no base ${site}`);
  return base;
}

/** The (mutable) group entry of a scenario's JSON, for patches. */
export function groupIn(s: ScenarioInput, id: string): GroupInput {
  const group = s.iran.groups.find((g) => g.id === id);
  if (!group) throw new Error(`no group ${id}`);
  return group;
}

/** A new game; throws if the engine refuses (a test mistake). */
export function newGame(seed: string, scenario: Scenario = SCENARIO, options: GameOptions = {}): GameState {
  const created = createGame(scenario, seed, options);
  if (!created.ok) throw new Error(formatErrors(created.errors));
  return created.value;
}

/** The scenario a state was created under (every scenario made here is registered by its hash). */
export function scenarioOf(state: GameState): Scenario {
  const scenario = registry.get(state.scenarioHash);
  if (!scenario) throw new Error(`no scenario registered for hash ${state.scenarioHash}`);
  return scenario;
}

export interface Played {
  state: GameState;
  events: GameEvent[];
  ledger: Ledger;
}

/** Submits both sides' orders and resolves the turn; throws with the engine's errors if either side is refused. */
export function play(state: GameState, usOrders: unknown, iranOrders: unknown): Played {
  const scenario = scenarioOf(state);
  const us = submitOrders(scenario, state, 'us', usOrders);
  if (!us.ok) throw new Error(`US orders refused:\n${formatErrors(us.errors)}`);
  const iran = submitOrders(scenario, us.value, 'iran', iranOrders);
  if (!iran.ok) throw new Error(`Iran orders refused:\n${formatErrors(iran.errors)}`);
  const resolved = resolveTurn(scenario, iran.value);
  if (!resolved.ok) throw new Error(formatErrors(resolved.errors));
  return resolved.value;
}

/** Plays turns with no orders from either side until the game is over or `turns` turns have passed. */
export function idle(state: GameState, turns = Number.POSITIVE_INFINITY): GameState {
  let current = state;
  for (let i = 0; i < turns && !current.outcome; i++) current = play(current, [], []).state;
  return current;
}

/** Deep-freezes a value, so that any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A JSON deep clone: plain, unfrozen data, as a save file gives it back. */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
