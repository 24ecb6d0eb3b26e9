/**
 * Advisors: before a side commits, what two or three doctrines would do in its place and why, from its view alone.
 */
import { describe, expect, it } from 'vitest';
import { adviceFor } from '../../src/ai/advice.ts';
import { DOCTRINES } from '../../src/ai/doctrine.ts';
import { validateOrders, viewFor } from '../../src/engine/index.ts';
import { newGame, randomGameStates, SCENARIO } from './fixtures.ts';

describe('advice for a view', () => {
  it('gives each side two or three doctrines’ legal orders, each with its reason', () => {
    for (const state of randomGameStates('advice').filter((_, i) => i % 2 === 0))
      for (const side of ['us', 'iran'] as const) {
        const advice = adviceFor(SCENARIO, viewFor(SCENARIO, state, side), 'seed-1');
        expect(advice.length).toBeGreaterThanOrEqual(2);
        expect(advice.length).toBeLessThanOrEqual(3);
        expect(advice.map((a) => a.id)).toEqual(DOCTRINES.advisors[side]);
        for (const a of advice) {
          expect(a.label).not.toBe('');
          expect(validateOrders(SCENARIO, state, side, a.decision.orders).ok).toBe(true);
          expect(a.decision.reasons).toHaveLength(a.decision.orders.length);
        }
      }
  });

  it('is the same every time it is asked for the same view and seed', () => {
    const view = viewFor(SCENARIO, newGame('advice-2'), 'us');
    expect(adviceFor(SCENARIO, view, 'x')).toEqual(adviceFor(SCENARIO, view, 'x'));
  });

  it('the advisors differ: a hawk and a restrained player do not give the same advice all game', () => {
    const seen = new Set<string>();
    for (const state of randomGameStates('advice-3')) {
      const advice = adviceFor(SCENARIO, viewFor(SCENARIO, state, 'us'), 'x');
      const hawk = advice.find((a) => a.id === 'hawk');
      const restrained = advice.find((a) => a.id === 'restrained');
      if (hawk && restrained)
        seen.add(String(JSON.stringify(hawk.decision.orders) === JSON.stringify(restrained.decision.orders)));
    }
    expect(seen.has('false')).toBe(true);
  });

  it('has nothing to say to the facilitator or after the game', () => {
    expect(adviceFor(SCENARIO, viewFor(SCENARIO, newGame('advice-4'), 'facilitator'), 'x')).toEqual([]);
  });
});
