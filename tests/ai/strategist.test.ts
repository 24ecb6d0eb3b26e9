/**
 * The strategist searches within a budget counted in playouts, never in time, and draws only from its own stream:
 * the same view and the same seed give the same choice, on any machine, however busy.
 */
import { describe, expect, it } from 'vitest';
import { DOCTRINES } from '../../src/ai/doctrine.ts';
import { AI_PLAYERS } from '../../src/ai/registry.ts';
import { aiDice } from '../../src/ai/simple.ts';
import { playoutValue, searchDecision } from '../../src/ai/strategist.ts';
import { Dice, type OrderType, playTurn, scoreGame, seedRng, validateOrders, viewFor } from '../../src/engine/index.ts';
import { matchStates, randomGameStates, SCENARIO, TEST_LEVEL } from './fixtures.ts';

const doctrine = (side: 'us' | 'iran', id: string) => AI_PLAYERS.find((p) => p.side === side && p.id === id)!.policy;
// Random orders often end a game in war within a few weeks: several games give enough states.
const STATES = [
  ...['strategist-1', 'strategist-3', 'strategist-4'].flatMap((seed) =>
    randomGameStates(seed).filter((_, i) => i % 3 === 0),
  ),
  ...matchStates('strategist-2', doctrine('us', 'hawk'), doctrine('iran', 'harasser')).filter((_, i) => i % 4 === 1),
];

describe('the strategist', () => {
  // Unfrozen, a playout resolves its later turns in place on states of its own; frozen, every turn on a copy.
  it('decides the same whether its playouts freeze their states or not (workers and batches pass freeze: false)', () => {
    for (const state of STATES.slice(0, 2))
      for (const seat of ['us', 'iran'] as const) {
        const view = viewFor(SCENARIO, state, seat, false);
        const frozen = searchDecision(SCENARIO, view, aiDice('cold', seat, state.turn), TEST_LEVEL);
        const cold = searchDecision(SCENARIO, view, aiDice('cold', seat, state.turn), TEST_LEVEL, DOCTRINES, {
          freeze: false,
        });
        expect(cold).toEqual(frozen);
      }
  });

  it('gives the same orders, reasons and search figures for the same view and seed', () => {
    expect(STATES.length).toBeGreaterThanOrEqual(6);
    for (const state of STATES)
      for (const side of ['us', 'iran'] as const) {
        const view = viewFor(SCENARIO, state, side, false);
        const a = searchDecision(SCENARIO, view, aiDice('same', side, state.turn), TEST_LEVEL);
        const b = searchDecision(SCENARIO, view, aiDice('same', side, state.turn), TEST_LEVEL);
        expect(b).toEqual(a);
        expect(validateOrders(SCENARIO, state, side, a.orders).ok).toBe(true);
      }
  });

  it('spends its budget in playouts, never more, and compares at most its number of candidates', () => {
    for (const state of STATES.slice(0, 4)) {
      const view = viewFor(SCENARIO, state, 'us', false);
      const d = searchDecision(SCENARIO, view, aiDice('budget', 'us', state.turn), TEST_LEVEL);
      expect(d.search?.playouts).toBeLessThanOrEqual(TEST_LEVEL.playouts);
      expect(d.search?.playouts).toBeGreaterThanOrEqual(TEST_LEVEL.playouts * 0.75);
      expect(d.search?.candidates).toBeLessThanOrEqual(TEST_LEVEL.candidates);
      expect(d.search?.horizon).toBe(TEST_LEVEL.horizon);
      expect(d.summary).toMatch(/^Looking two weeks ahead in \d+ imagined games against the likely Iran replies/);
    }
  });

  it('draws from the dice it is given: another stream may choose differently, the same stream never does', () => {
    const state = STATES[2]!;
    const view = viewFor(SCENARIO, state, 'iran', false);
    const rng = seedRng('stream');
    const a = searchDecision(SCENARIO, view, new Dice(rng), TEST_LEVEL);
    const b = searchDecision(SCENARIO, view, new Dice({ ...rng }), TEST_LEVEL);
    expect(b).toEqual(a);
  });

  it('has easy, normal and hard levels in data, stronger by budget', () => {
    const levels = DOCTRINES.strategist.levels;
    expect(levels.map((l) => l.id)).toEqual(['easy', 'normal', 'hard']);
    for (let i = 1; i < levels.length; i++) {
      expect(levels[i]!.playouts).toBeGreaterThan(levels[i - 1]!.playouts);
      expect(levels[i]!.horizon).toBeGreaterThanOrEqual(levels[i - 1]!.horizon);
    }
    for (const side of ['us', 'iran'] as const)
      for (const l of levels)
        expect(AI_PLAYERS.some((p) => p.side === side && p.id === `strategist:${l.id}`)).toBe(true);
  });

  it("values a war as a loss for both sides, never above one, and a win above a loss, by the game's own score", () => {
    const final = matchStates('value', doctrine('us', 'measured'), doctrine('iran', 'harasser')).at(-1)!;
    const ended = (result: 'us' | 'iran' | 'shared-loss') => {
      const state =
        result === 'shared-loss' ? { ...final, ladder: { ...final.ladder, rung: SCENARIO.ladder.war } } : final;
      const reason = result === 'shared-loss' ? ('war' as const) : ('final-turn' as const);
      const score = scoreGame(SCENARIO, state, result);
      return { ...state, outcome: { result, reason, turn: final.turn, explanation: '', score } };
    };
    expect(final.ladder.rung).toBeLessThan(SCENARIO.ladder.war);
    for (const side of ['us', 'iran'] as const) {
      const win = playoutValue(SCENARIO, ended(side), side, DOCTRINES);
      const loss = playoutValue(SCENARIO, ended(side === 'us' ? 'iran' : 'us'), side, DOCTRINES);
      const war = playoutValue(SCENARIO, ended('shared-loss'), side, DOCTRINES);
      // The victory points put a win above a loss; the war rung's cost in the score puts a war below a loss.
      expect(win).toBeGreaterThanOrEqual(loss + SCENARIO.scoring.win);
      expect(war).toBeLessThan(loss);
    }
  });

  it('draws among the sets that came out within `mix` points of its choice, never further below', () => {
    const book = (mix: number) => {
      const b = structuredClone(DOCTRINES);
      b.strategist.choice.mix = mix;
      b.strategist.choice.mixPlayouts = 1;
      return b;
    };
    let drawn = 0;
    for (const state of STATES)
      for (const side of ['us', 'iran'] as const) {
        const view = viewFor(SCENARIO, state, side, false);
        const decide = (mix: number) =>
          searchDecision(SCENARIO, view, aiDice('mix', side, state.turn), TEST_LEVEL, book(mix));
        const pure = decide(0);
        for (const mix of [3, 30]) {
          const mixed = decide(mix);
          // The same playouts (the draw comes after them): the drawn set's mean is the choice's less at most `mix`.
          expect(mixed.search?.playouts).toBe(pure.search?.playouts);
          expect(mixed.search!.expected).toBeGreaterThanOrEqual(pure.search!.expected - mix - 1);
          expect(validateOrders(SCENARIO, state, side, mixed.orders).ok).toBe(true);
          if (JSON.stringify(mixed.orders) === JSON.stringify(pure.orders)) continue;
          // Orders other than the first choice's are drawn, and the summary says so rather than "came out best".
          expect(mixed.summary).toMatch(/within \d+ points of our first choice .* drawn/);
          drawn++;
        }
      }
    expect(drawn).toBeGreaterThan(0);
  });

  it('weighs orders none of its doctrines offers, and gives one when it clearly pays', () => {
    // The last week, the US on course to win on its aims, its resolve two points above breaking: an Iranian order
    // that shakes it turns the loss into a win. No Iranian doctrine in this book will give such an order, so only the
    // places kept for order types no other candidate holds can show it to the strategist.
    const shaking: OrderType[] = [
      'rocket-attack',
      'lethal-barrage',
      'embassy-attack',
      'economic-attack',
      'missile-strike',
      'embassy-siege',
      'public-threat',
      'horizontal-escalation',
      'iran-swiss-message',
    ];
    const book = (explore: number) => {
      const b = structuredClone(DOCTRINES);
      b.strategist.choice.explore = explore;
      for (const d of b.doctrines) if (d.side === 'iran') for (const t of shaking) d.weights[t] = -100;
      return b;
    };
    const before = matchStates('explore', doctrine('us', 'measured'), doctrine('iran', 'restrained'))[3]!;
    const state = {
      ...before,
      turn: before.lastTurn,
      us: { ...before.us, resolve: SCENARIO.victory.iran.resolveBreak + 2, credibility: 70 },
      iran: { ...before.iran, resources: 30 },
      baghdad: { ...before.baghdad, consent: 70, evictionPressure: 0 },
      isis: 10,
      ladder: { ...before.ladder, rung: 5 },
    };
    const view = viewFor(SCENARIO, state, 'iran', false);
    const level = { ...TEST_LEVEL, candidates: 24, playouts: 200 };
    const decide = (explore: number) =>
      searchDecision(SCENARIO, view, aiDice('explore', 'iran', 4), level, book(explore));

    const us = doctrine('us', 'measured')(SCENARIO, viewFor(SCENARIO, state, 'us', false), aiDice('x', 'us', 4)).orders;
    const blind = decide(0);
    expect(blind.orders.some((o) => shaking.includes(o.type))).toBe(false);
    const lost = playTurn(SCENARIO, state, us, blind.orders);
    expect(lost.ok && lost.value.outcome?.result).toBe('us');
    const explorer = decide(20);
    expect(explorer.orders.some((o) => shaking.includes(o.type))).toBe(true);
    const played = playTurn(SCENARIO, state, us, explorer.orders);
    expect(played.ok && played.value.outcome?.result).toBe('iran');
  });
});
