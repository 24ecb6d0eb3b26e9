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

  it("keeps each turn's ledger, which explains the move from the turn's state before to its state after", () => {
    for (const t of game.turns) {
      const rung = t.ledger.find((l) => l.variable.kind === 'rung');
      if (t.after.ladder.rung !== t.before.ladder.rung)
        expect(rung).toMatchObject({ before: t.before.ladder.rung, after: t.after.ladder.rung });
      const consent = t.ledger.find((l) => l.variable.kind === 'consent');
      expect(consent?.after ?? t.before.baghdad.consent).toBe(t.after.baghdad.consent);
      for (const line of t.ledger) expect(line.parts.reduce((n, p) => n + p.delta, 0)).toBe(line.after - line.before);
      expect(t.injectLedger).toEqual([]); // no facilitator in an AI game
    }
    expect(game.turns.some((t) => t.ledger.length > 0)).toBe(true);
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
