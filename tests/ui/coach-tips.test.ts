import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/engine/index.ts';
import { coachTips } from '../../src/ui/game/coach.ts';
import { shippedScenario } from '../shipped.ts';

const scenario: Scenario = shippedScenario('two-boxers');

/** The first game's tips promise only what the rules do: the dashboard tip names every figure a side wins by. */
describe('the coach', () => {
  it.each(['us', 'iran'] as const)('names every figure the victory conditions read (%s seat)', (seat) => {
    const tip = coachTips(scenario, seat).find((t) => t.at === 'dash')!;
    // scenario.victory and outcome.ts: key bases and token bases, consent and the binding vote, resolve's break,
    // ISIS, credibility, the rung limit (and war), proxy capability and deniability.
    for (const figure of [
      'bases',
      "Baghdad's consent",
      'eviction vote',
      'US resolve',
      'credibility',
      'ISIS',
      'ladder',
      "strength and deniability of Iran's proxies",
    ])
      expect(tip.text).toContain(figure);
  });

  it('points each tip at a part of the screen, in the order played', () => {
    expect(coachTips(scenario, 'us').map((t) => t.at)).toEqual(['ladder', 'dash', 'panel', 'commit']);
  });
});
