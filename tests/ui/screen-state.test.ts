import { describe, expect, it } from 'vitest';
import type { Order, Scenario } from '../../src/engine/index.ts';
import {
  addOrder,
  answered,
  chooseTab,
  clockMayRun,
  gameChanged,
  leaveResults,
  narrationSeat,
  newScreen,
  openingPhase,
  panelContent,
  pauseCovers,
  removeOrder,
  type ScreenState,
  seal,
  setPaused,
  sharedScreen,
  showResults,
  skipAnimation,
  startResolving,
  takeSeat,
  toHandover,
  toProjector,
  viewSeat,
} from '../../src/ui/game/state.ts';
import { Session, type Settings } from '../../src/ui/session.ts';
import { shippedScenario } from '../shipped.ts';

const scenario: Scenario = shippedScenario('two-boxers');

function newSession(over: Partial<Settings> = {}): Session {
  const s = Session.create(scenario, {
    scenarioId: 'two-boxers',
    seed: '7',
    preset: null,
    side: 'us',
    opponent: 'harasser',
    ...over,
  });
  if (!s.ok) throw new Error(s.errors[0]?.message);
  return s.value;
}

/** A screen for a session, as game/screen.ts opens one. */
const screenFor = (session: Session): ScreenState =>
  newScreen(session.sideToAct ?? session.settings.side, session.hotseat, session.settings.classroom === true);

const solo = newScreen('us', false, false);
const hotseat = newScreen('us', true, false);
const classroom = newScreen('us', true, true);
const week = { turn: 1, events: [], ledger: [], injectLedger: [] };
const hold: Order = { type: 'hold' } as Order;
const isis: Order = { type: 'counter-isis' } as Order;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('the turn screen state', () => {
  it('opens on orders against the computer, on the hand-over screen in hotseat, on the class screen in class', () => {
    expect(openingPhase(solo, 'us', true)).toEqual({ phase: 'orders' });
    expect(openingPhase(hotseat, 'us', true)).toEqual({ phase: 'handover', side: 'us' });
    expect(openingPhase(classroom, 'us', true)).toEqual({ phase: 'projector' });
    // A classroom reloaded between the teams' orders goes straight to the second team's hand-over screen.
    expect(openingPhase(classroom, 'iran', false)).toEqual({ phase: 'handover', side: 'iran' });
    // A finished hotseat game has no side to act: nothing to hand over.
    expect(openingPhase(hotseat, null, true)).toEqual({ phase: 'orders' });
    expect(solo).toMatchObject({ tab: 'orders', phase: 'orders', draft: [], paused: false, thinking: false });
  });

  it('shows a shared device only what both sides may see between order phases, and tells its news to everyone', () => {
    for (const phase of ['resolving', 'results', 'projector'] as const) {
      expect(sharedScreen({ ...hotseat, phase }), phase).toBe(true);
      expect(viewSeat({ ...classroom, seat: 'iran', phase }), phase).toBe('public');
      expect(sharedScreen({ ...solo, phase }), phase).toBe(false);
      expect(viewSeat({ ...solo, seat: 'iran', phase }), phase).toBe('iran');
    }
    for (const phase of ['orders', 'handover'] as const) {
      expect(sharedScreen({ ...hotseat, phase }), phase).toBe(false);
      expect(viewSeat({ ...hotseat, seat: 'iran', phase }), phase).toBe('iran');
    }
    expect(narrationSeat({ ...hotseat, seat: 'iran' })).toBe('public');
    expect(narrationSeat({ ...classroom, seat: 'iran' })).toBe('public');
    expect(narrationSeat({ ...solo, seat: 'iran' })).toBe('iran');
  });

  it('fills the tab panel with the chosen tab, the orders tab with what the phase shows', () => {
    expect(panelContent(solo)).toBe('orders');
    expect(panelContent(toProjector(classroom))).toBe('projector');
    expect(panelContent({ ...solo, phase: 'resolving' })).toBe('results');
    expect(panelContent({ ...solo, phase: 'results' })).toBe('results');
    expect(panelContent({ ...solo, phase: 'handover' })).toBe('results');
    for (const tab of ['intel', 'news', 'log', 'sites'] as const) {
      expect(panelContent(chooseTab({ ...solo, phase: 'results' }, tab))).toBe(tab);
    }
  });

  it('drafts orders without changing the state it was given', () => {
    const start = deepFreeze(solo);
    const two = addOrder(addOrder(start, hold), isis);
    expect(two.draft).toEqual([hold, isis]);
    expect(start.draft).toEqual([]);
    expect(removeOrder(two, 0).draft).toEqual([isis]);
    expect(removeOrder(two, 1).draft).toEqual([hold]);
    expect(two.draft).toEqual([hold, isis]);
    deepFreeze(two);
    const frozen: ScreenState[] = [two, deepFreeze({ ...hotseat, draft: [hold] }), deepFreeze(toProjector(classroom))];
    // Every transition returns a new state: none writes to a frozen one.
    for (const s of frozen) {
      expect(() => [
        chooseTab(s, 'log'),
        setPaused(s, true),
        seal(s, {} as never),
        answered(s, true),
        startResolving(s, week),
        skipAnimation(s),
        showResults(s, 'iran'),
        leaveResults(s, 'iran'),
        toHandover(s, 'iran'),
        takeSeat(s),
        toProjector(s),
        gameChanged(s, week),
      ]).not.toThrow();
    }
  });

  it('against the computer a sealed draft makes it think; an accepted one is spent, a refused one stays', () => {
    const view = newSession().view('us');
    const sealed = seal(addOrder(solo, hold), view);
    expect(sealed.thinking).toBe(true);
    expect(sealed.previous).toBe(view);
    expect(answered(sealed, true)).toMatchObject({ thinking: false, draft: [] });
    expect(answered(sealed, false)).toMatchObject({ thinking: false, draft: [hold] });
    // In hotseat nobody computes: the other player's turn is next.
    expect(seal(hotseat, view).thinking).toBe(false);
  });

  it('plays a week: the events on the orders tab, the skip, the results, then the next week', () => {
    const s = startResolving({ ...chooseTab(solo, 'intel'), skip: true }, week);
    expect(s).toMatchObject({ phase: 'resolving', tab: 'orders', skip: false, lastTurn: week });
    expect(skipAnimation(s).skip).toBe(true);
    const results = showResults({ ...s, seat: 'iran' }, 'us');
    expect(results).toMatchObject({ phase: 'results', seat: 'iran' });
    const next = leaveResults({ ...results, previous: {} as never }, 'iran');
    expect(next).toMatchObject({ phase: 'orders', previous: null, seat: 'iran' });
  });

  it('hands a hotseat device back to the first side for the results, then over to the side to act', () => {
    const results = showResults(toHandover(hotseat, 'iran'), 'us');
    expect(results).toMatchObject({ phase: 'results', seat: 'us' });
    expect(leaveResults(results, 'us')).toMatchObject({ phase: 'handover', seat: 'us', previous: null });
    expect(leaveResults(results, null)).toMatchObject({ phase: 'orders' });
    expect(takeSeat(chooseTab(toHandover(hotseat, 'iran'), 'log'))).toMatchObject({
      phase: 'orders',
      tab: 'orders',
      seat: 'iran',
    });
  });

  it('takes a classroom from the results to the class screen, whoever acts next', () => {
    const results = showResults(chooseTab(toHandover(classroom, 'iran'), 'news'), 'us');
    expect(leaveResults(results, 'us')).toMatchObject({ phase: 'projector', tab: 'orders' });
    expect(leaveResults(results, null)).toMatchObject({ phase: 'projector', tab: 'orders' });
  });

  it('covers order entry while paused, and runs the clock only in an order phase with time left', () => {
    expect(pauseCovers(setPaused(classroom, true))).toBe(true);
    expect(pauseCovers(setPaused(toProjector(classroom), true))).toBe(false);
    expect(pauseCovers(classroom)).toBe(false);
    expect(clockMayRun(classroom, false)).toBe(true);
    expect(clockMayRun(classroom, true)).toBe(false);
    expect(clockMayRun(toHandover(classroom, 'iran'), false)).toBe(false);
  });

  it('after a facilitator changes the game, shows the week as it now stands only where results are on show', () => {
    const other = { turn: 1, events: [{ type: 'x' }] } as never;
    expect(gameChanged({ ...classroom, phase: 'results', lastTurn: week }, other).lastTurn).toBe(other);
    const projector = { ...toProjector(classroom), lastTurn: week };
    expect(gameChanged(projector, other)).toBe(projector);
  });

  it('follows a hotseat session through a week: the hand-over, both sides’ orders, the results', async () => {
    const session = newSession({ opponent: 'hotseat' });
    let s = screenFor(session);
    const opening = openingPhase(s, session.sideToAct, true);
    expect(opening).toEqual({ phase: 'handover', side: 'us' });
    s = takeSeat(toHandover(s, 'us'));
    for (const side of ['us', 'iran'] as const) {
      expect(s).toMatchObject({ phase: 'orders', seat: side });
      const order = session.view(side).legalOrders[0]!;
      s = seal(addOrder(s, order), session.view(viewSeat(s)));
      const result = await session.commit(side, [...s.draft]);
      expect(result.ok).toBe(true);
      s = answered(s, result.ok);
      expect(s.draft).toEqual([]);
      if (result.ok && result.value === null) s = takeSeat(toHandover(s, session.sideToAct!));
      else if (result.ok && result.value) s = showResults(startResolving(s, result.value), session.settings.side);
    }
    expect(s).toMatchObject({ phase: 'results', seat: 'us', lastTurn: { turn: 1 } });
    expect(viewSeat(s)).toBe('public');
    expect(leaveResults(s, session.sideToAct)).toMatchObject({ phase: 'handover', seat: 'us' });
  });
});
