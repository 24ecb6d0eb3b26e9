import type { AirDefence, AttackKind, OrderType } from './scenario.ts';
import type { Ruling } from './rulings.ts';
import type { LadderMove } from './ladder.ts';
import type { Casualties, OutcomeReason, OutcomeResult, Seat, Side } from './state.ts';

/** Who may see an event: everyone, one side, or only the facilitator (who sees all). */
export type Audience = 'all' | Side | 'facilitator';

/**
 * What resolution emits, in order. The UI animates these and builds the news from them, the CLI prints them, the
 * debrief replays them: none of them recomputes a rule. `viewEvents` filters them by audience.
 */
export type GameEvent = { audience: Audience } & (
  | { type: 'turn-started'; turn: number; date: string }
  | { type: 'act'; side: Side; order: OrderType; target: string | null } // an order with no roll to report
  | { type: 'order-failed'; side: Side; order: OrderType; reason: string }
  | {
      type: 'attack';
      attackId: number;
      kind: AttackKind;
      target: string;
      projectiles: number;
      intercepted: number;
      hits: number;
      caught: boolean; // the launch team was caught before firing
      casualties: Casualties;
    }
  | { type: 'perpetrator'; attackId: number; group: string | null; autonomous: boolean }
  | { type: 'claimed'; attackId: number; claim: string; name: string }
  | { type: 'attributed'; attackId: number; suspect: string | null; confidence: number; word: string }
  | { type: 'missile-warning'; target: string }
  | {
      type: 'strike';
      strikeId: number;
      site: string;
      group: string;
      kind: 'strike' | 'campaign';
      arsenalLost: number;
      strengthLost: number;
      casualties: Casualties;
    }
  | { type: 'misdirected'; strikeId: number; group: string } // the struck group made no attack within strikes.window
  | { type: 'leader-killed'; group: string; leader: string }
  | { type: 'leader-escaped'; group: string; leader: string }
  | { type: 'plan-leaked'; group: string }
  | { type: 'campaign'; group: string; status: 'started' | 'ended' }
  | { type: 'handover'; base: string }
  | { type: 'air-defence'; base: string; level: AirDefence }
  | { type: 'reinforced'; base: string; troops: number }
  | { type: 'isr'; level: number }
  | { type: 'evidence'; front: string; deniability: number }
  | { type: 'front-exposed'; front: string; sponsor: string }
  | { type: 'front-created'; front: string; name: string; sponsor: string; retired: string | null }
  | { type: 'red-line'; status: 'declared' | 'crossed' | 'honoured' | 'broken' }
  | { type: 'waiver'; turnsLeft: number; change: 'shortened' | 'extended' | 'lapsed' }
  | { type: 'government'; stage: 'backed' | 'confirmed' | 'withdrawn' | 'named'; name: string }
  | { type: 'siege'; success: boolean }
  | { type: 'backed-down'; side: Side } // at the brink, the side held its fire while the other fired
  | { type: 'shipment'; group: string; detected: boolean }
  | { type: 'vote'; votesFor: number; votesAgainst: number; passed: boolean; expelled: boolean }
  | { type: 'isis-attack'; iraqiKilled: number }
  | { type: 'counter-isis'; cut: number } // strength the operation took off, before the week's growth
  | { type: 'partner-left'; remaining: number }
  | { type: 'pandemic'; level: number; curfew: boolean }
  | { type: 'card'; card: string; title: string; text: string; released?: 'deck' | 'written' } // released: by the facilitator
  | { type: 'ruling'; ruling: Ruling } // the facilitator overruled a roll; the ruling says which and why
  | { type: 'rung'; from: number; to: number; pressure: number; cause: LadderMove['cause']; story?: string }
  | { type: 'game-over'; result: OutcomeResult; reason: OutcomeReason }
);

export type EventType = GameEvent['type'];
export type EventOf<T extends EventType> = Extract<GameEvent, { type: T }>;

/** Whether a seat may see an event. */
export function visibleTo(event: GameEvent, seat: Seat): boolean {
  return seat === 'facilitator' || event.audience === 'all' || event.audience === seat;
}

/** The events a seat may see, in order. */
export function viewEvents(events: readonly GameEvent[], seat: Seat): GameEvent[] {
  return events.filter((e) => visibleTo(e, seat));
}
