import {
  createGame,
  type GameEvent,
  type GameState,
  type Ledger,
  type Order,
  type Replay,
  recordReplay,
  releaseAll,
  resolveOrders,
  type Result,
  type Scenario,
  verifyReplay,
} from '../engine/index.ts';

/**
 * A recorded game played back turn by turn, keeping each turn's states and events: what the debrief, duplicate
 * play and the luck analysis read. It replays the engine's own record, so nothing here recomputes a rule.
 */

/** One turn as it was played: the state the sides ordered from, their orders, what happened, the state after. */
export interface PlayedTurn {
  turn: number;
  before: GameState;
  orders: { us: Order[]; iran: Order[] };
  /** The facilitator's injects released at the start of the turn, then the resolution's events. */
  events: GameEvent[];
  /** The injects' events alone (the first of `events`). */
  injects: GameEvent[];
  /** Why each watched figure moved in the resolution (`viewLedger` gives a seat's share). */
  ledger: Ledger;
  /**
   * The same for the injects released before the orders, apart: their push on the ladder counts again, as one
   * part, in the resolution's pressure, so joining the two would count it twice.
   */
  injectLedger: Ledger;
  after: GameState;
}

export interface PlayedGame {
  scenario: Scenario;
  replay: Replay;
  start: GameState;
  turns: PlayedTurn[];
  /** The state the record ends on: finished, or where the game was saved. */
  final: GameState;
}

/**
 * Plays a replay back after checking it (engine version, scenario, every turn's hash), so a damaged or foreign
 * record comes back as errors, never as a half-played game.
 */
export function playBack(scenario: Scenario, replay: unknown): Result<PlayedGame> {
  const verified = verifyReplay(scenario, replay);
  if (!verified.ok) return verified;
  const r = replay as Replay; // verifyReplay parsed it
  const created = createGame(scenario, r.seed, r.options.preset === undefined ? {} : { preset: r.options.preset });
  if (!created.ok) return created;
  let state = created.value;
  const turns: PlayedTurn[] = [];
  for (const [i, t] of r.turns.entries()) {
    const released = releaseAll(scenario, state, t.injects ?? []);
    if (!released.ok) return released;
    const resolved = resolveOrders(scenario, released.value.state, t.us, t.iran, t.rulings ?? []);
    if (!resolved.ok) return resolved;
    turns.push({
      turn: i + 1,
      before: released.value.state,
      orders: { us: t.us, iran: t.iran },
      events: [...released.value.events, ...resolved.value.events],
      injects: released.value.events,
      ledger: resolved.value.ledger,
      injectLedger: released.value.ledger,
      after: resolved.value.state,
    });
    state = resolved.value.state;
  }
  return { ok: true, value: { scenario, replay: r, start: created.value, turns, final: verified.value.state } };
}

/** Plays back a game in progress or finished, from its state: the record is rebuilt from the state's history. */
export function playBackState(scenario: Scenario, state: GameState): Result<PlayedGame> {
  const replay = recordReplay(scenario, state);
  return replay.ok ? playBack(scenario, replay.value) : replay;
}
