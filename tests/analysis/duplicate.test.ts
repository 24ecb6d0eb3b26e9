import { describe, expect, it } from 'vitest';
import { compareTeams, type Team } from '../../src/analysis/duplicate.ts';
import type { Order } from '../../src/engine/index.ts';
import { RED_LINES, SCENARIO, scriptedGame } from './games.ts';

const isis: Order = { type: 'counter-isis' };
const hold: Order = { type: 'hold' };

/** A team that fights ISIS every week, holding from week `from` on. */
const team = (name: string, from: number | null, seed = '21', preset?: string): Team => ({
  name,
  game: scriptedGame(
    (turn) => ({ us: from !== null && turn >= from ? [hold] : [isis], iran: [] }),
    seed,
    preset === undefined ? {} : { preset },
  ),
});

describe('duplicate play', () => {
  it('finds the first week two teams’ orders differ, and whose', () => {
    const r = compareTeams([team('red.json', null), team('blue.json', 3)]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.firstDivergence).toEqual({ turn: 3, sides: ['us'] });
    expect(r.value.turns[0]!.same).toEqual({ us: true, iran: true });
    expect(r.value.turns[2]!.same.us).toBe(false);
    expect(r.value.teams.map((t) => t.name)).toEqual(['red.json', 'blue.json']);
    // Same seed, same orders: the first two weeks are the same game.
    expect(r.value.teams[0]!.timeline[2]).toEqual(r.value.teams[1]!.timeline[2]);
  });

  it('gives each pair of teams its own first divergence', () => {
    const r = compareTeams([team('a.json', null), team('b.json', 5), team('c.json', 2)]);
    if (!r.ok) throw new Error(r.errors[0]?.message);
    const at = r.value.pairs.map((row) => row.map((d) => d?.turn ?? null));
    expect(at).toEqual([
      [null, 5, 2],
      [5, null, 2],
      [2, 2, null],
    ]);
    expect(r.value.firstDivergence?.turn).toBe(2);
  });

  it('says when the teams never differed', () => {
    const r = compareTeams([team('a.json', 4), team('b.json', 4)]);
    expect(r.ok && r.value.firstDivergence).toBe(null);
  });

  it.each([
    [
      'another seed',
      team('other-seed.json', null, '22'),
      /other-seed\.json was played with seed 22, but first\.json with seed 21/,
    ],
    [
      'another length',
      team('short.json', null, '21', 'short'),
      /short\.json is the short game, but first\.json is the full game/,
    ],
    [
      'another scenario',
      {
        name: 'history.json',
        game: scriptedGame(() => ({ us: [], iran: [] }), '21', { scenario: RED_LINES, turns: 1 }),
      },
      /history\.json is a game of the scenario "red-lines", but first\.json is of "two-boxers"/,
    ],
  ])('refuses a game of %s, naming its file', (_, other, message) => {
    const r = compareTeams([team('first.json', null), other]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]?.message).toMatch(message);
  });

  it('needs two games', () => {
    const r = compareTeams([team('alone.json', null)]);
    expect(!r.ok && r.errors[0]?.code).toBe('duplicate.count');
  });

  it('counts each team’s misattributions and casualties from its own game', () => {
    const r = compareTeams([team('a.json', null), team('b.json', 1)]);
    if (!r.ok) throw new Error('refused');
    for (const [i, t] of r.value.teams.entries()) {
      const final = [team('a.json', null), team('b.json', 1)][i]!.game.final;
      expect(t.usKilled).toBe(final.casualties.usKilled);
      expect(t.attacks).toBe(final.attacks.length);
    }
    expect(SCENARIO.id).toBe(r.value.scenarioId);
  });
});
