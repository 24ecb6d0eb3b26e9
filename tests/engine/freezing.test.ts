/**
 * States come out deep-frozen (in tests and the UI a stray write then throws) unless the caller passes
 * `freeze: false`, as batch runs, workers and the benchmark do. The option reaches every entry that hands out a
 * state, and changes nothing else: the same game either way.
 */
import { describe, expect, it } from 'vitest';
import { playMatch, playOn } from '../../src/ai/match.ts';
import { harasserIran, measuredUs, type Policy } from '../../src/ai/simple.ts';
import {
  type FreezeOptions,
  type GameState,
  hashState,
  playTurn,
  recordReplay,
  releaseAll,
  releaseInject,
  resolveOrders,
  resolveTurn,
  submitOrders,
  verifyReplay,
  withdrawOrders,
} from '../../src/engine/index.ts';
import { newGame, SCENARIO } from './helpers.ts';

const HOLD = [{ type: 'hold' }];
const THREAT = [{ type: 'public-threat' }];
const INJECT = { type: 'card', card: 'oil-price-collapse' } as const;

/** Whether a state is frozen, in the parts every resolution copies (the state, the US, a base, the history). */
const frozen = (s: GameState): boolean[] => [
  Object.isFrozen(s),
  Object.isFrozen(s.us),
  Object.isFrozen(s.us.bases[0]),
  Object.isFrozen(s.history),
];

function must<T>(r: { ok: true; value: T } | { ok: false; errors: { message: string }[] }): T {
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.value;
}

/** One turn through each entry that hands out a state, with the given options, and the states they gave. */
function everyEntry(options: FreezeOptions | undefined): GameState[] {
  const start = newGame('freezing');
  const opts = options === undefined ? [] : [options];
  const released = must(releaseInject(SCENARIO, start, INJECT, ...opts)).state;
  const all = must(releaseAll(SCENARIO, start, [INJECT], ...opts)).state;
  const us = must(submitOrders(SCENARIO, released, 'us', HOLD, ...opts));
  const withdrawn = withdrawOrders(us, 'us', ...opts);
  const both = must(submitOrders(SCENARIO, us, 'iran', THREAT, ...opts));
  const resolved = must(resolveTurn(SCENARIO, both, [], ...opts)).state;
  const played = must(playTurn(SCENARIO, released, HOLD, THREAT, [], ...opts));
  const ordered = must(resolveOrders(SCENARIO, released, HOLD, THREAT, [], ...opts)).state;
  const replay = must(recordReplay(SCENARIO, played, ...opts));
  const verified = must(verifyReplay(SCENARIO, JSON.parse(JSON.stringify(replay)), ...opts)).state;
  return [released, all, us, withdrawn, both, resolved, played, ordered, verified];
}

describe('freezing', () => {
  it('freezes every state handed out by default, and none with freeze: false', () => {
    for (const s of everyEntry(undefined)) expect(frozen(s)).toEqual([true, true, true, true]);
    for (const s of everyEntry({ freeze: true })) expect(frozen(s)).toEqual([true, true, true, true]);
    for (const s of everyEntry({ freeze: false })) expect(frozen(s)).toEqual([false, false, false, false]);
  });

  it('changes nothing but the freezing', () => {
    expect(everyEntry({ freeze: false }).map(hashState)).toEqual(everyEntry(undefined).map(hashState));
  });

  it('reaches the engine and the players of a match', () => {
    const seen: (FreezeOptions | undefined)[] = [];
    const spy =
      (policy: Policy): Policy =>
      (scenario, view, dice, options) => {
        seen.push(options);
        return policy(scenario, view, dice, options);
      };
    const cold = playMatch(SCENARIO, 'freezing-match', spy(measuredUs), spy(harasserIran), { freeze: false });
    expect(frozen(cold.state)).toEqual([false, false, false, false]);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((o) => o?.freeze === false)).toBe(true);
    seen.length = 0;
    const warm = playMatch(SCENARIO, 'freezing-match', spy(measuredUs), spy(harasserIran));
    expect(frozen(warm.state)).toEqual([true, true, true, true]);
    expect(seen.every((o) => o?.freeze !== false)).toBe(true);
    expect(hashState(cold.state)).toBe(hashState(warm.state));
    const on = (options: { freeze?: boolean }) =>
      frozen(playOn(SCENARIO, newGame('freezing-on'), measuredUs, harasserIran, options).state);
    expect(on({ freeze: false })).toEqual([false, false, false, false]);
    expect(on({})).toEqual([true, true, true, true]);
  });
});
