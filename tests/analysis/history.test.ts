import { describe, expect, it } from 'vitest';
import {
  compareWithHistory,
  compareWithRecord,
  GAME_MEASURES,
  measureGame,
  ORDER_FAMILIES,
  parseHistory,
  SPRING_2020,
} from '../../src/analysis/history.ts';
import type { Order } from '../../src/engine/index.ts';
import { aiGame, RED_LINES, SCENARIO, scriptedGame } from './games.ts';

const calm = scriptedGame(() => ({ us: [{ type: 'counter-isis' }], iran: [] }), '4');
const striking = scriptedGame(
  (turn) => ({
    us: turn <= 2 ? [{ type: 'strike-site', site: turn === 1 ? 'jurf-al-sakhar' : 'amerli' }] : [],
    iran: [],
  }),
  '4',
  { turns: 3 },
);

describe('spring 2020 as it happened', () => {
  it('is data for this scenario, every fact dated, measured and ranged', () => {
    expect(SPRING_2020.scenario).toBe(SCENARIO.id);
    expect(SPRING_2020.facts.length).toBeGreaterThanOrEqual(8);
    for (const f of SPRING_2020.facts) expect(Object.keys(GAME_MEASURES)).toContain(f.measure);
    expect(new Set(SPRING_2020.facts.map((f) => f.id)).size).toBe(SPRING_2020.facts.length);
  });

  it('refuses broken history data, naming where', () => {
    expect(() => parseHistory({ ...SPRING_2020, facts: [{ ...SPRING_2020.facts[0]!, measure: 'rockets' }] })).toThrow(
      /facts\.0\.measure/,
    );
    expect(() => parseHistory({ ...SPRING_2020, facts: [{ ...SPRING_2020.facts[0]!, expected: [3, 1] }] })).toThrow(
      /min <= max/,
    );
  });

  it('agrees where the game did as history did, and not where it did otherwise', () => {
    const row = (game: typeof calm, id: string) => compareWithHistory(game)!.rows.find((r) => r.id === id)!;
    expect(measureGame(calm, 'us-strikes')).toBe(0);
    expect(row(calm, 'no-strikes').agrees).toBe(true);
    expect(measureGame(striking, 'us-strikes')).toBe(2);
    expect(row(striking, 'no-strikes')).toMatchObject({ agrees: false, game: '2' });
  });

  it('does not judge a fact of a week the game never reached', () => {
    const kadhimi = compareWithHistory(striking)!.rows.find((r) => r.id === 'kadhimi')!;
    expect(kadhimi.agrees).toBe(null);
    expect(kadhimi.game).toMatch(/ended before week 6/);
    const c = compareWithHistory(striking)!;
    expect(c.compared).toBe(c.rows.filter((r) => r.agrees !== null).length);
  });

  it('counts handovers and bases under Patriots as the game left them', () => {
    const game = aiGame('restrained', 'restrained', '2');
    const events = game.turns.flatMap((t) => t.events);
    expect(measureGame(game, 'handovers')).toBe(events.filter((e) => e.type === 'handover').length);
    expect(measureGame(game, 'patriot-bases')).toBe(
      game.final.us.bases.filter((b) => !b.handedOver && b.airDefence === 'patriot').length,
    );
  });

  it('has nothing to say about a game of another scenario', () => {
    const other = scriptedGame(() => ({ us: [], iran: [] }), '1', { scenario: RED_LINES, turns: 1 });
    expect(compareWithHistory(other)).toBe(null);
  });
});

describe('the Red Lines record', () => {
  const historyOrders: Order[] = (RED_LINES.record ?? []).flatMap((w) => [...w.us, ...w.iran].map((e) => e.order));

  it('counts each kind of move in history’s record and in the game', () => {
    const c = compareWithRecord(striking, RED_LINES)!;
    expect(c.weeks).toBe(Math.max(...RED_LINES.record!.map((w) => w.turn)));
    const strikes = c.rows.find((r) => r.label === 'US strikes and campaigns')!;
    expect(strikes.game).toBe(2);
    // Per week the game lasted (two strikes in a row can end it in war before the third week).
    expect(striking.turns.length).toBeGreaterThanOrEqual(2);
    expect(strikes.gamePerWeek).toBeCloseTo(2 / striking.turns.length);
    const family = ORDER_FAMILIES.find((f) => f.id === 'strikes')!;
    expect(strikes.history).toBe(historyOrders.filter((o) => family.types.includes(o.type)).length);
    expect(c.milestones.length).toBeGreaterThan(0);
    expect(c.weekByWeek).toEqual([]);
  });

  it('says what its orders leave out of history, week by week (the Swiss summons of 13 March among them)', () => {
    const c = compareWithRecord(striking, RED_LINES)!;
    expect(c.ordersPerWeek).toBe(RED_LINES.ordersPerTurn);
    expect(c.omitted.length).toBe(RED_LINES.record!.filter((w) => w.omitted).length);
    expect(c.omitted.map((o) => o.turn)).toEqual([...c.omitted.map((o) => o.turn)].sort((a, b) => a - b));
    expect(c.omitted.some((o) => o.text.includes('Swiss ambassador'))).toBe(true);
  });

  it('sets a game of the history scenario itself beside history week by week', () => {
    const game = scriptedGame(() => ({ us: [], iran: [] }), '1', { scenario: RED_LINES, turns: 2 });
    const c = compareWithRecord(game, RED_LINES)!;
    expect(c.weekByWeek).toHaveLength(2);
    expect(c.weekByWeek[0]!.history.us.length).toBeGreaterThan(0);
    expect(c.weekByWeek[0]!.game.us).toEqual([]);
  });

  it('has nothing to compare without a record', () => {
    expect(compareWithRecord(calm, SCENARIO)).toBe(null);
  });
});
