/**
 * The remembering policy (src/ai/memo.ts) that the balance report wraps around the strategist: across the games of
 * one seed it answers a view it met before without searching again, and the games come out exactly as without it.
 */
import { describe, expect, it } from 'vitest';
import { playMatch } from '../../src/ai/match.ts';
import { rememberingPolicy } from '../../src/ai/memo.ts';
import { AI_PLAYERS } from '../../src/ai/registry.ts';
import type { Policy } from '../../src/ai/simple.ts';
import { strategistPolicy } from '../../src/ai/strategist.ts';
import { SCENARIO, TEST_LEVEL } from './fixtures.ts';

const doctrine = (id: string) => AI_PLAYERS.find((p) => p.side === 'iran' && p.id === id)!.policy;

/** The strategist, counting the searches it makes. */
function counted(): { policy: Policy; searches: () => number } {
  const search = strategistPolicy(TEST_LEVEL);
  let n = 0;
  return {
    policy: (scenario, view, dice, options) => {
      n++;
      return search(scenario, view, dice, options);
    },
    searches: () => n,
  };
}

describe('the remembering policy', () => {
  it('plays a seed against several opponents exactly as the plain strategist, with fewer searches', () => {
    const opponents = ['harasser', 'hawk', 'restrained'].map(doctrine);
    const plain = counted();
    const remembered = counted();
    const memo = rememberingPolicy(remembered.policy);
    for (const iran of opponents) {
      const a = playMatch(SCENARIO, '7', plain.policy, iran, { freeze: false });
      const b = playMatch(SCENARIO, '7', memo, iran, { freeze: false });
      expect(b.state).toEqual(a.state);
      expect(b.turns.map((t) => t.us)).toEqual(a.turns.map((t) => t.us));
    }
    // Every game opens from the same view: the first turn is searched once, not three times.
    expect(remembered.searches()).toBeLessThanOrEqual(plain.searches() - 2);
  });

  it('hands each game its own copy of a remembered decision', () => {
    const memo = rememberingPolicy(strategistPolicy(TEST_LEVEL));
    const first = playMatch(SCENARIO, '8', memo, doctrine('harasser'), { freeze: false });
    const opening = first.turns[0]!.us;
    expect(opening.orders.length).toBeGreaterThan(0);
    const kept = structuredClone(opening);
    opening.orders.length = 0; // a game that changed its decision must not change the next game's
    const second = playMatch(SCENARIO, '8', memo, doctrine('harasser'), { freeze: false });
    expect(second.turns[0]!.us).toEqual(kept);
  });
});
