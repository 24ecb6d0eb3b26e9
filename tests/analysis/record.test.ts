import { describe, expect, it } from 'vitest';
import { hashState } from '../../src/engine/index.ts';
import { aiGame, playBack, RED_LINES, SCENARIO } from './games.ts';

describe('playing a recorded game back', () => {
  const game = aiGame('measured', 'harasser', '11');

  it('keeps every turn, chained: each turn starts where the last ended and the last ends on the final state', () => {
    expect(game.turns.length).toBe(game.replay.turns.length);
    expect(game.turns[0]!.before).toEqual(game.start);
    for (let i = 1; i < game.turns.length; i++)
      expect(hashState(game.turns[i]!.before)).toBe(hashState(game.turns[i - 1]!.after));
    expect(hashState(game.turns.at(-1)!.after)).toBe(game.replay.finalHash);
    expect(game.turns.every((t, i) => hashState(t.after) === game.replay.turns[i]!.hash)).toBe(true);
  });

  it('refuses a record whose turn was edited, naming the turn', () => {
    const edited = structuredClone(game.replay);
    edited.turns[1]!.us = [{ type: 'hold' }, { type: 'counter-isis' }];
    const r = playBack(SCENARIO, edited);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]?.message).toMatch(/turn 2/);
  });

  it('refuses a record of another scenario before playing anything', () => {
    const r = playBack(RED_LINES, game.replay);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]?.code).toBe('replay.scenario');
  });

  it('refuses what is not a record at all', () => {
    for (const input of [null, 42, 'replay', { format: 'two-boxers-replay' }])
      expect(playBack(SCENARIO, input).ok).toBe(false);
  });
});
