import {
  type FreezeOptions,
  type GameEvent,
  type GameOptions,
  type GameState,
  createGame,
  type EngineError,
  resolveTurn,
  type Scenario,
  submitOrders,
  viewFor,
} from '../engine/index.ts';
import { aiDice, type Decision, type Policy } from './simple.ts';

export interface TurnLog {
  turn: number;
  us: Decision;
  iran: Decision;
  events: GameEvent[];
}

export interface MatchResult {
  state: GameState;
  turns: TurnLog[];
  /** Wall-clock milliseconds each side's AI spent deciding, one entry per turn: reported, never used to decide. */
  decisionMs: { us: number[]; iran: number[] };
}

/**
 * Plays a whole game between two policies, each seeing only its own view and drawing from its own stream. An
 * order a policy gets wrong is dropped (the side passes) rather than crashing a batch; `errors` records it.
 * `freeze: false` reaches the engine and the policies (a batch's setting: the states are frozen by default).
 */
export function playMatch(
  scenario: Scenario,
  seed: string,
  us: Policy,
  iran: Policy,
  options: GameOptions & FreezeOptions & { keepLog?: boolean } = {},
): MatchResult & { errors: EngineError[] } {
  const created = createGame(scenario, seed, options);
  if (!created.ok) throw new Error(`cannot create game: ${created.errors[0]?.message}`);
  return playOn(scenario, created.value, us, iran, { aiSeed: seed, keepLog: options.keepLog, freeze: options.freeze });
}

/**
 * Plays a game on from any state to its end, as playMatch does from the start. `aiSeed` names the players' own
 * streams (the game's seed by default): a fork that reseeds the game's future passes its new seed so the players'
 * choices vary with it too.
 */
export function playOn(
  scenario: Scenario,
  from: GameState,
  us: Policy,
  iran: Policy,
  options: { aiSeed?: string; keepLog?: boolean | undefined; freeze?: boolean | undefined } = {},
): MatchResult & { errors: EngineError[] } {
  const aiSeed = options.aiSeed ?? from.seed;
  const freezing: FreezeOptions = { freeze: options.freeze !== false };
  let state = from;
  const turns: TurnLog[] = [];
  const errors: EngineError[] = [];
  const decisionMs: MatchResult['decisionMs'] = { us: [], iran: [] };
  while (!state.outcome) {
    let t0 = performance.now();
    const usDecision = us(scenario, viewFor(scenario, state, 'us', false), aiDice(aiSeed, 'us', state.turn), freezing);
    decisionMs.us.push(performance.now() - t0);
    t0 = performance.now();
    const iranDecision = iran(
      scenario,
      viewFor(scenario, state, 'iran', false),
      aiDice(aiSeed, 'iran', state.turn),
      freezing,
    );
    decisionMs.iran.push(performance.now() - t0);
    let next = submitOrders(scenario, state, 'us', usDecision.orders, freezing);
    if (!next.ok) {
      errors.push(...next.errors);
      next = submitOrders(scenario, state, 'us', [], freezing);
    }
    if (!next.ok) throw new Error('an empty order list was refused');
    state = next.value;
    next = submitOrders(scenario, state, 'iran', iranDecision.orders, freezing);
    if (!next.ok) {
      errors.push(...next.errors);
      next = submitOrders(scenario, state, 'iran', [], freezing);
    }
    if (!next.ok) throw new Error('an empty order list was refused');
    const resolved = resolveTurn(scenario, next.value, [], freezing);
    if (!resolved.ok) throw new Error(resolved.errors[0]?.message);
    if (options.keepLog !== false)
      turns.push({ turn: state.turn, us: usDecision, iran: iranDecision, events: resolved.value.events });
    state = resolved.value.state;
  }
  return { state, turns, errors, decisionMs };
}
