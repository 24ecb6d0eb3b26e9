import { describe, expect, it } from 'vitest';
import { playRecorded } from '../../src/analysis/recorded-orders.ts';
import { futureSeed, type LuckMessage, luckStart, playWorld, runLuck, summariseLuck } from '../../src/analysis/luck.ts';
import { reseed } from '../../src/engine/index.ts';
import { aiGame, SCENARIO, scriptedGame } from './games.ts';

const game = aiGame('measured', 'harasser', '31', { preset: 'short' });

function run(worlds: number, replay = game.replay): LuckMessage[] {
  const messages: LuckMessage[] = [];
  runLuck({ scenario: SCENARIO, replay, worlds }, (m) => messages.push(m), 4);
  return messages;
}

describe('luck against decisions', () => {
  it('plays world k from the seed SEED/future/k with the recorded orders, as the command line does', () => {
    const start = luckStart(SCENARIO, game.replay);
    const world = playWorld(SCENARIO, start, game.replay, 3);
    const direct = playRecorded(SCENARIO, reseed(start, futureSeed('31', 3)), game.replay, { injects: true });
    expect(futureSeed('31', 3)).toBe('31/future/3');
    expect(world.ending.us).toBe(direct.state.outcome!.score.us.total);
    expect(world.dropped).toEqual(direct.dropped);
  });

  it('reports progress, then every world, the same each time', () => {
    const messages = run(10);
    expect(messages.filter((m) => m.type === 'progress').map((m) => m.type === 'progress' && m.done)).toEqual([
      4, 8, 10,
    ]);
    const done = messages.at(-1)!;
    expect(done.type).toBe('done');
    expect(done.type === 'done' && done.worlds).toHaveLength(10);
    expect(run(10)).toEqual(messages);
  });

  it('turns a failure into a message instead of throwing', () => {
    const broken = { ...game.replay, options: { preset: 'no-such-preset' } };
    const messages = run(3, broken);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/no-such-preset/) });
  });

  it('sums up where the game lies among the worlds', () => {
    const done = run(40).at(-1)!;
    if (done.type !== 'done') throw new Error('no worlds');
    const l = summariseLuck(game, done.worlds);
    expect(l.worlds).toBe(40);
    expect(l.results.reduce((t, r) => t + r.count, 0)).toBe(40);
    expect(l.endings.reduce((t, e) => t + e.share, 0)).toBeCloseTo(1);
    expect(l.results.filter((r) => r.recorded).map((r) => r.result)).toEqual([game.final.outcome!.result]);
    const below = done.worlds.filter((w) => w.ending.us < game.final.outcome!.score.us.total).length;
    const equal = done.worlds.filter((w) => w.ending.us === game.final.outcome!.score.us.total).length;
    expect(l.usRank).toBeCloseTo((100 * (below + equal / 2)) / 40);
    expect(l.us.min).toBeLessThanOrEqual(l.us.median);
    expect(l.us.median).toBeLessThanOrEqual(l.us.max);
    // In plain words: replays and dice, never the designer's "worlds", "seeds" or "percentile".
    expect(l.verdict).toContain(`the US did better here than in ${l.usRank!.toFixed(0)} of every 100 replays`);
    expect(l.verdict).not.toMatch(/world|seed|percentile/i);
  });

  it('has no verdict for a record that stops before the end', () => {
    const unfinished = scriptedGame(() => ({ us: [], iran: [] }), '8', { turns: 2 });
    const done = (() => {
      const messages: LuckMessage[] = [];
      runLuck({ scenario: SCENARIO, replay: unfinished.replay, worlds: 3 }, (m) => messages.push(m));
      return messages.at(-1)!;
    })();
    if (done.type !== 'done') throw new Error('no worlds');
    const l = summariseLuck(unfinished, done.worlds);
    expect(l.usRank).toBe(null);
    expect(l.verdict).toMatch(/no result yet/);
  });
});
