import type { Order, Seat, SeatView, Side } from '../../engine/index.ts';
import type { TurnEvents } from '../session.ts';

/**
 * What the turn screen is doing, without its DOM: whose seat it shows, the orders drafted, the tab chosen, the phase
 * of the week. Transitions are pure functions that return the next state, so the screen's logic is testable in Node
 * (tests/ui/screen-state.test.ts) as Session's is; game/screen.ts holds the one current state and redraws from it.
 */

export type Tab = 'orders' | 'intel' | 'news' | 'log' | 'sites';

export const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'orders', label: 'Orders' },
  { id: 'intel', label: 'Intelligence' },
  { id: 'news', label: 'News' },
  { id: 'log', label: 'Log' },
  { id: 'sites', label: 'Places' },
];

/** 'projector': the class screen between a classroom game's phases, showing only what both teams may see. */
export type Phase = 'orders' | 'handover' | 'resolving' | 'results' | 'projector';

export interface ScreenState {
  /** The side whose orders the screen takes, and whose view it shows unless the screen is shared. */
  readonly seat: Side;
  readonly draft: readonly Order[];
  readonly tab: Tab;
  readonly phase: Phase;
  readonly paused: boolean; // a classroom game paused by the facilitator: order entry is locked
  readonly lastTurn: TurnEvents | null; // the week whose results show
  readonly previous: SeatView | null; // the view before the last commit: the dashboard's ▲ and ▼
  readonly skip: boolean; // the player asked to skip the animation of this week's events
  readonly thinking: boolean; // the computer opponent is deciding (in a worker)
  readonly hotseat: boolean;
  readonly classroom: boolean;
}

/** The state a turn screen opens in, before it shows its first phase (see `openingPhase`). */
export function newScreen(seat: Side, hotseat: boolean, classroom: boolean): ScreenState {
  return {
    seat,
    draft: [],
    tab: 'orders',
    phase: 'orders',
    paused: false,
    lastTurn: null,
    previous: null,
    skip: false,
    thinking: false,
    hotseat,
    classroom,
  };
}

/**
 * The phase a screen opens in: the class screen at the start of a classroom week, a hand-over screen when hotseat
 * players share the device, else straight to orders.
 */
export function openingPhase(
  s: ScreenState,
  sideToAct: Side | null,
  turnStart: boolean,
): { phase: 'projector' } | { phase: 'handover'; side: Side } | { phase: 'orders' } {
  if (s.classroom && turnStart && sideToAct) return { phase: 'projector' };
  if (s.hotseat && sideToAct) return { phase: 'handover', side: sideToAct };
  return { phase: 'orders' };
}

// ---- What the state means for the screen --------------------------------------------------------------------------

/** Whether more than one side watches this device: hotseat players, or a class at a projected screen. */
export const sharedDevice = (s: ScreenState): boolean => s.hotseat || s.classroom;

/** Between order phases a shared device shows only what both sides may see. */
export const sharedScreen = (s: ScreenState): boolean =>
  sharedDevice(s) && (s.phase === 'resolving' || s.phase === 'results' || s.phase === 'projector');

/** The seat whose view the screen shows now: the acting side's, or on a shared screen only what both may see. */
export const viewSeat = (s: ScreenState): Seat => (sharedScreen(s) ? 'public' : s.seat);

/** Whose words the news is told in: on a shared device, results are for everyone watching. */
export const narrationSeat = (s: ScreenState): Seat => (sharedDevice(s) ? 'public' : s.seat);

/** What the tab panel holds: the chosen tab, where the orders tab shows the phase's own content. */
export type PanelContent = 'orders' | 'projector' | 'results' | Exclude<Tab, 'orders'>;

export function panelContent(s: ScreenState): PanelContent {
  if (s.tab !== 'orders') return s.tab;
  if (s.phase === 'orders') return 'orders';
  if (s.phase === 'projector') return 'projector';
  return 'results';
}

/** Order entry is covered while the facilitator has paused a team's order phase. */
export const pauseCovers = (s: ScreenState): boolean => s.paused && s.phase === 'orders';

/** The classroom clock counts down only while a team gives orders, and not once its time is up. */
export const clockMayRun = (s: ScreenState, timeUp: boolean): boolean => s.phase === 'orders' && !timeUp;

// ---- Transitions -----------------------------------------------------------------------------------------------------

export const chooseTab = (s: ScreenState, tab: Tab): ScreenState => ({ ...s, tab });

export const addOrder = (s: ScreenState, order: Order): ScreenState => ({ ...s, draft: [...s.draft, order] });

export const removeOrder = (s: ScreenState, index: number): ScreenState => ({
  ...s,
  draft: s.draft.filter((_, j) => j !== index),
});

export const setPaused = (s: ScreenState, paused: boolean): ScreenState => ({ ...s, paused });

/** Orders sealed: the dashboard remembers the view before them; against the computer, it now decides. */
export const seal = (s: ScreenState, before: SeatView): ScreenState => ({
  ...s,
  previous: before,
  thinking: !s.hotseat,
});

/** The session answered a commit: an accepted draft is spent, a refused one stays for the player to mend. */
export const answered = (s: ScreenState, accepted: boolean): ScreenState => ({
  ...s,
  thinking: false,
  draft: accepted ? [] : s.draft,
});

/** A week resolved: its events play on the orders tab. */
export const startResolving = (s: ScreenState, turn: TurnEvents): ScreenState => ({
  ...s,
  lastTurn: turn,
  phase: 'resolving',
  skip: false,
  tab: 'orders',
});

export const skipAnimation = (s: ScreenState): ScreenState => ({ ...s, skip: true });

/** The events have played: results show, and a hotseat screen returns to the first player's seat. */
export const showResults = (s: ScreenState, firstSide: Side): ScreenState => ({
  ...s,
  phase: 'results',
  seat: s.hotseat ? firstSide : s.seat,
});

/**
 * The players leave the results for the next week: a classroom goes to the class screen, hotseat players to the
 * hand-over screen of the side to act, anyone else straight to orders. The dashboard's ▲ and ▼ are spent.
 */
export function leaveResults(s: ScreenState, sideToAct: Side | null): ScreenState {
  const next: ScreenState = { ...s, phase: 'orders', previous: null };
  if (s.classroom) return toProjector(next);
  if (s.hotseat && sideToAct) return toHandover(next, sideToAct);
  return next;
}

/** Hotseat or classroom: everything is hidden until the next side is at the device. */
export const toHandover = (s: ScreenState, side: Side): ScreenState => ({ ...s, phase: 'handover', seat: side });

/** The side at the device shows its orders. */
export const takeSeat = (s: ScreenState): ScreenState => ({ ...s, phase: 'orders', tab: 'orders' });

export const toProjector = (s: ScreenState): ScreenState => ({ ...s, phase: 'projector', tab: 'orders' });

/** The facilitator changed the game (an inject, a ruling): results on show are those of the week as it now stands. */
export const gameChanged = (s: ScreenState, lastTurn: TurnEvents | null): ScreenState =>
  s.phase === 'results' ? { ...s, lastTurn } : s;
