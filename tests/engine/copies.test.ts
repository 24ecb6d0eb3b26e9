/**
 * The engine copies its state field by field (state.ts says why): each copy must equal what it copies, key for key,
 * in states that carry every optional part (a facilitator's record, red lines, plans, created fronts). A view that
 * shares the state's records (the strategist's playouts) must equal the one that copies them.
 */
import { describe, expect, it } from 'vitest';
import { playMatch } from '../../src/ai/match.ts';
import { harasserIran, measuredUs } from '../../src/ai/simple.ts';
import { type GameState, releaseInject, viewFor } from '../../src/engine/index.ts';
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
} from '../../src/engine/state.ts';
import { idle, newGame, SCENARIO } from './helpers.ts';

function states(): GameState[] {
  const out: GameState[] = [];
  for (const seed of ['copy-1', 'copy-2', 'copy-3'])
    out.push(playMatch(SCENARIO, seed, measuredUs, harasserIran).state);
  const released = releaseInject(SCENARIO, newGame('copy-4'), { type: 'card', card: 'oil-price-collapse' });
  if (!released.ok) throw new Error(released.errors[0]!.message);
  out.push(released.value.state, idle(released.value.state, 3));
  return out;
}

describe('state copies', () => {
  it('copy every key of what they copy', () => {
    const all = states();
    expect(all.some((s) => s.facilitator !== undefined)).toBe(true);
    for (const s of all) {
      expect(copyState(s)).toStrictEqual(s);
      expect(copyUs(s.us)).toStrictEqual(s.us);
      expect(copyIran(s.iran)).toStrictEqual(s.iran);
      expect(copyBaghdad(s.baghdad)).toStrictEqual(s.baghdad);
      expect(copyCasualties(s.casualties)).toStrictEqual(s.casualties);
      for (const b of s.us.bases) expect(copyBase(b)).toStrictEqual(b);
      for (const r of s.us.redLines) expect(copyRedLine(r)).toStrictEqual(r);
      for (const p of s.us.plans) expect(copyPlan(p)).toStrictEqual(p);
      for (const e of s.us.intel) expect(copyEstimate(e)).toStrictEqual(e);
      for (const g of s.iran.groups) expect(copyGroup(g)).toStrictEqual(g);
      for (const f of s.iran.fronts) expect(copyFront(f)).toStrictEqual(f);
    }
  });

  it('leave a shared view equal to a copied one, for every seat', () => {
    for (const s of states())
      for (const seat of ['us', 'iran', 'facilitator', 'public'] as const)
        expect(viewFor(SCENARIO, s, seat, false, true)).toStrictEqual(viewFor(SCENARIO, s, seat, false));
  });

  it("give a strike's every key in a view, the facilitator's with the truth of its justification", () => {
    const all = states();
    expect(all.some((s) => s.strikes.length > 0)).toBe(true);
    for (const s of all) {
      expect(viewFor(SCENARIO, s, 'facilitator').strikes).toStrictEqual(s.strikes);
      expect(viewFor(SCENARIO, s, 'us').strikes).toStrictEqual(s.strikes.map(({ justified: _, ...rest }) => rest));
    }
  });
});
