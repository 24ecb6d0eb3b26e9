import { freeze } from 'immer';
import type { GameEvent } from './events.ts';
import { closeLedger, type Ledger } from './ledger.ts';
import { fail, ok, type Result } from './result.ts';
import { type Inject, type Ruling, rulingKey } from './rulings.ts';
import type { Scenario } from './scenario.ts';
import {
  copyBaghdad,
  copyBase,
  copyCasualties,
  copyEstimate,
  copyFront,
  copyGroup,
  copyIran,
  copyPlan,
  copyRedLine,
  copyState,
  copyUs,
  type GameState,
} from './state.ts';
import { applyInject } from './turn/cards.ts';
import { newTurn, type TurnContext } from './turn/context.ts';
import { runTurn } from './turn/sequence.ts';

/**
 * Resolution's entry points. The steps of a turn live in turn/, one file per step; turn/sequence.ts gives their
 * order.
 */

export interface TurnResult {
  state: GameState;
  events: GameEvent[];
  /**
   * Every watched figure's change, split by cause (ledger.ts), as the facilitator sees it; `viewLedger` gives a
   * seat's. Like the events it is not kept in the state: replaying the turn from its orders remakes it.
   */
  ledger: Ledger;
}

/** How the engine hands out the states it makes. */
export interface FreezeOptions {
  /**
   * Deep-freeze every state handed out (the default: in tests and the UI it turns an accidental mutation into an
   * error). Batch runs, workers and benchmarks pass false: there freezing costs time and guards nothing they keep.
   */
  freeze?: boolean;
}

/** How a resolution runs. */
export interface ResolveOptions extends FreezeOptions {
  /**
   * Keep the turn's record: its events and the ledger's parts (the default). The strategist's playouts pass false:
   * they read only the state, and building events and ledger parts they never read was a tenth of a playout's time.
   * The state is the same either way; the result's events are then empty and reading its ledger throws.
   */
  record?: boolean;
  /**
   * The input state is the caller's to give up: the turn is resolved on it in place, and it becomes the result's
   * state, instead of on a working copy. For the strategist's playouts, whose states are read once and dropped: a
   * copy per turn was a good part of their time and garbage. Only with `record: false` (the ledger compares the state
   * before and after) and `freeze: false` (a frozen input cannot change).
   */
  inPlace?: boolean;
}

/**
 * A result whose ledger is closed on its first read. Closing compares every watched figure before and after the
 * turn, which a batch game or a playout, that never reads the ledger, should not pay for. A class rather than an
 * object literal with a getter: V8 builds such literals on a slow path, slower than the closing they save.
 */
class LazyResult implements TurnResult {
  #ledger: Ledger | undefined;
  // What closing needs, kept private (a structured clone leaves them out) rather than in a closure made per turn.
  readonly #before: GameState;
  readonly #next: GameState;
  readonly #turn: TurnContext;
  constructor(
    readonly state: GameState,
    readonly events: GameEvent[],
    before: GameState,
    next: GameState,
    turn: TurnContext,
  ) {
    this.#before = before;
    this.#next = next;
    this.#turn = turn;
  }
  get ledger(): Ledger {
    if (!this.#turn.record) throw new Error('this turn was resolved with record: false, so it kept no ledger');
    this.#ledger ??= closeLedger(this.#before, this.#next, this.#turn.ledger, this.#turn.pressure);
    return this.#ledger;
  }
}

/**
 * A resolution's result. Closing the ledger also audits it (it throws on a figure that moved without a cause): with
 * freezing on (tests, the UI) that runs on every turn; with `freeze: false` (batches, workers, the strategist's
 * playouts) on the first read of `ledger`, which must come before either state is changed, and which a structured
 * clone of the result (postMessage) leaves out.
 */
function turnResult(before: GameState, next: GameState, turn: TurnContext, options: FreezeOptions): TurnResult {
  const state = handOut(next, options);
  return options.freeze !== false && turn.record
    ? { state, events: turn.events, ledger: closeLedger(before, next, turn.ledger, turn.pressure) }
    : new LazyResult(state, turn.events, before, next, turn);
}

/** A new state as the engine hands it out: deep-frozen, unless the caller passed `freeze: false`. */
export const handOut = (state: GameState, options: FreezeOptions = {}): GameState =>
  options.freeze === false ? state : freeze(state, true);

/**
 * A working copy for one resolution: every part a turn may change is copied, the records of past turns are shared.
 * Resolution does not run inside an immer draft: a turn reads and writes hundreds of fields, and through immer's
 * proxies that cost about 120 µs a turn here against 15 µs on plain objects (npm run bench), too slow for batches
 * of thousands of games. Frozen inputs make a missed copy fail loudly in the tests.
 */
function workingCopy(s: GameState): GameState {
  const next = copyState(s);
  next.rng = { c: s.rng.c, s0: s.rng.s0, s1: s.rng.s1, s2: s.rng.s2 };
  next.submitted = { us: null, iran: null };
  const us = copyUs(s.us);
  us.bases = s.us.bases.map(copyBase);
  us.redLines = s.us.redLines.map(copyRedLine);
  us.plans = s.us.plans.map(copyPlan);
  us.intel = s.us.intel.map(copyEstimate);
  next.us = us;
  const iran = copyIran(s.iran);
  iran.groups = s.iran.groups.map(copyGroup);
  iran.fronts = s.iran.fronts.map(copyFront);
  next.iran = iran;
  next.baghdad = copyBaghdad(s.baghdad);
  next.ladder = { rung: s.ladder.rung, peak: s.ladder.peak, quietTurns: s.ladder.quietTurns };
  next.firsts = { usDeath: s.firsts.usDeath, leaderKilled: s.firsts.leaderKilled, stateStrike: s.firsts.stateStrike };
  next.escalation = { us: s.escalation.us, iran: s.escalation.iran };
  next.casualties = copyCasualties(s.casualties);
  next.attacks = [...s.attacks];
  next.strikes = [...s.strikes];
  next.cardsFired = [...s.cardsFired];
  next.history = [...s.history];
  if (s.facilitator) next.facilitator = { ...s.facilitator, injects: [...s.facilitator.injects] };
  return next;
}

/**
 * Resolves the turn once both sides have submitted: one step on a working copy, one RNG restore and save.
 * Returns the new state and the events in the order they happened; the input state is left untouched.
 */
export function resolveTurn(
  scenario: Scenario,
  state: GameState,
  rulings: readonly Ruling[] = [],
  options: ResolveOptions = {},
): Result<TurnResult> {
  if (state.outcome) return fail('game.over', 'the game is over');
  const { us, iran } = state.submitted;
  if (!us || !iran)
    return fail(
      'orders.missing',
      `waiting for ${!us && !iran ? 'both sides' : !us ? 'the US' : 'Iran'} to submit orders`,
    );
  let next: GameState;
  if (options.inPlace) {
    if (options.record !== false || options.freeze !== false)
      throw new Error('a turn resolves in place only with record: false and freeze: false');
    next = state;
    next.submitted = { us: null, iran: null };
  } else next = workingCopy(state);
  const turn = newTurn(scenario, next, rulings, options.record !== false);
  runTurn(turn, us, iran);
  const unmatched = rulings.find((r) => !turn.ruled.has(rulingKey(r)));
  if (unmatched) return fail('ruling.unmatched', `turn ${state.turn} has no ${rulingKey(unmatched)} to rule on`);
  return ok(turnResult(state, next, turn, options));
}

/**
 * An inject's effects on the turn being ordered (checked by the caller: facilitator.ts). No dice are rolled: a released
 * card comes into play whatever its conditions say.
 */
export function injectEffects(
  scenario: Scenario,
  state: GameState,
  inject: Inject,
  options: FreezeOptions = {},
): TurnResult {
  const next = workingCopy(state);
  next.submitted = { ...state.submitted };
  const turn = newTurn(scenario, next);
  applyInject(turn, inject);
  return turnResult(state, next, turn, options);
}
