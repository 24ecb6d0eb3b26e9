import type { Audience, GameEvent } from '../events.ts';
import { NO_POSTURE, type Posture } from '../ladder.ts';
import type { LedgerEntry } from '../ledger.ts';
import { Dice } from '../rng.ts';
import { type Ruling, rulingKey } from '../rulings.ts';
import type { Scenario } from '../scenario.ts';
import type { BaseState, GameState, GroupState } from '../state.ts';

/**
 * Everything one turn's resolution needs, passed first to every step (turn/*.ts), so the rules read as plain steps.
 * Lives only during one resolution. The fields from `pressure` on carry what one step hands to another: each says
 * which steps write it and which read it.
 */
export interface TurnContext {
  readonly s: Scenario;
  readonly d: GameState; // the working copy the turn changes (resolve.ts makes it)
  readonly dice: Dice; // restored from d.rng once, saved back once at the end of the sequence
  readonly rulings: readonly Ruling[];
  readonly events: GameEvent[];
  /** Every change to a watched figure with its cause, booked by the helpers of ledger.ts (never written directly). */
  readonly ledger: LedgerEntry[];
  /** The rulings that found their roll: written by `ruling`, read by resolveTurn (a ruling left over is an error). */
  readonly ruled: Set<string>;
  /**
   * Ladder pressure this turn, severity scaled by attribution for deniable acts. Starts with the pressure of the
   * injects released before the turn (sequence); every step that acts adds to it; read by the ladder (escalation).
   * An inject released between turns keeps its own in the facilitator's record (cards). Written only by `push`
   * (ledger.ts), which books each part.
   */
  pressure: number;
  /**
   * The part of `pressure` nobody ordered: fire by groups acting alone and the US deaths it caused, the cards and
   * the facilitator's injects. Written by proxy attacks, cards and the sequence; read by the ladder, which lets only
   * ordered pressure cross a gate.
   */
  unorderedPressure: number;
  /** How both sides stood this week (ladder.ts's Posture): written by the sequence, read by the ladder's incidents. */
  posture: Posture;
  /**
   * The ladder's jumps for firsts broken this turn (the first American killed, state strike, leader killed): written
   * by effects (usLosses), Iran's orders (missile strike) and US orders (leadership strike); read by the ladder.
   */
  firstJumps: number;
  /** Iran's embassy siege held: written by Iran's orders, read by the ladder (a floor under the rung). */
  siegeSucceeded: boolean;
  /** The US struck a proxy this turn: written by strikes and US orders (leadership strike), read by red lines. */
  kineticResponse: boolean;
  /** Groups that fired this turn: written and read by proxy attacks (one that fired does not also fire on its own). */
  readonly attackedGroups: Set<string>;
  /** The week's exchange of fire at the brink ran into war: written by the brink, read by the ladder. */
  spiral: boolean;
  /** Parliament voted the US out: written by Baghdad's vote, read by the sequence's outcome check. */
  expelled: boolean;
  /** Keep the events and the ledger's parts (false in the strategist's playouts: resolve.ts's ResolveOptions). */
  readonly record: boolean;
}

/** A context for resolving on `d`, built in one literal so every turn's context has the same shape. */
export function newTurn(s: Scenario, d: GameState, rulings: readonly Ruling[] = [], record = true): TurnContext {
  return {
    s,
    d,
    dice: new Dice(d.rng),
    rulings,
    events: [],
    ledger: [],
    ruled: new Set<string>(),
    pressure: 0,
    unorderedPressure: 0,
    posture: NO_POSTURE,
    firstJumps: 0,
    siegeSucceeded: false,
    kineticResponse: false,
    attackedGroups: new Set<string>(),
    spiral: false,
    expelled: false,
    record,
  };
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** The facilitator's ruling on a roll, if any (marked as used: a ruling that finds no roll is an error). */
export function ruling<T extends Ruling['type']>(
  t: TurnContext,
  type: T,
  matches: (r: Extract<Ruling, { type: T }>) => boolean,
) {
  const r = t.rulings.find((x): x is Extract<Ruling, { type: T }> => x.type === type && matches(x as never));
  if (r) t.ruled.add(rulingKey(r));
  return r;
}

/** Records an event for an audience, in the order things happen. */
export function emit(t: TurnContext, audience: Audience, event: DistributiveOmit<GameEvent, 'audience'>): void {
  if (t.record) t.events.push({ audience, ...event } as GameEvent);
}

export function findGroup(t: TurnContext, id: string): GroupState {
  const g = t.d.iran.groups.find((x) => x.id === id);
  if (!g) throw new Error(`no group ${id}`);
  return g;
}

export function findBase(t: TurnContext, id: string): BaseState {
  const b = t.d.us.bases.find((x) => x.site === id);
  if (!b) throw new Error(`no base ${id}`);
  return b;
}
