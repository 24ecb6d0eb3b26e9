import { describe, expect, it } from 'vitest';
import {
  beliefs,
  debriefData,
  ending,
  type TimelineRow,
  timeline,
  timelineCsv,
  turnStories,
} from '../../src/analysis/timeline.ts';
import { aiGame, SCENARIO, scriptedGame } from './games.ts';

const games = [
  ['a hawk against a harasser', aiGame('hawk', 'harasser', '1')],
  ['restraint on both sides', aiGame('restrained', 'restrained', '2')],
  ['a measured US against a hawkish Iran', aiGame('measured', 'hawk', '1')],
] as const;

describe('the timeline', () => {
  it.each(games)('has a row for the start and one per turn, ending on the final state (%s)', (_, game) => {
    const rows = timeline(game);
    expect(rows).toHaveLength(game.turns.length + 1);
    expect(rows[0]).toMatchObject({ turn: 0, date: SCENARIO.startDate, rung: SCENARIO.ladder.start, attacks: 0 });
    expect(rows[0]!.consent).toBe(SCENARIO.baghdad.consent);
    const last = rows.at(-1)!;
    expect(last.rung).toBe(game.final.ladder.rung);
    expect(last.usKilled).toBe(game.final.casualties.usKilled);
    expect(last.escalationIran).toBe(game.final.escalation.iran);
    expect(rows.reduce((n, r) => n + r.attacks, 0)).toBe(game.final.attacks.length);
    expect(rows.reduce((n, r) => n + r.strikes, 0)).toBe(game.final.strikes.length);
    // Casualties are totals so far: they never fall.
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.usKilled).toBeGreaterThanOrEqual(rows[i - 1]!.usKilled);
  });

  it('dates each turn a week on from the start', () => {
    const rows = timeline(games[0][1]);
    expect(rows[1]!.date).toBe('2020-03-28');
    expect(rows[2]!.date).toBe('2020-04-04');
  });

  it('writes CSV with a header and a row per turn, quoting fields that hold commas or quotes', () => {
    const rows: TimelineRow[] = timeline(games[0][1]);
    const csv = timelineCsv(rows);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^turn,date,rung,consent,/);
    expect(lines).toHaveLength(rows.length + 1);
    const tricky = timelineCsv([{ ...rows[0]!, usOrders: ['Strike, hard', 'say "no"'] }]);
    expect(tricky).toContain('"Strike, hard; say ""no"""');
  });
});

describe('beliefs against the truth', () => {
  it.each(games)('marks an assessment right exactly when the US blamed whoever fired (%s)', (_, game) => {
    const rows = beliefs(SCENARIO, game.final);
    expect(rows).toHaveLength(game.final.attacks.length);
    rows.forEach((row, i) => {
      const a = game.final.attacks[i]!;
      expect(row.right).toBe(a.group === null || a.suspect === a.group);
      expect(row.word).toMatch(/\(\d+-\d+%\)|\(.*%\)/);
    });
  });

  it('finds a misattribution somewhere in a few games of deniable attacks', () => {
    const wrong = games.flatMap(([, g]) => beliefs(SCENARIO, g.final)).filter((b) => !b.right);
    expect(wrong.length).toBeGreaterThan(0);
    expect(wrong[0]!.suspect).not.toBe(wrong[0]!.firedBy);
  });
});

describe('decisions beside consequences', () => {
  it('lists each turn’s orders in words with what followed', () => {
    const game = scriptedGame((turn) => ({
      us: turn === 1 ? [{ type: 'surge-isr' }] : [],
      iran: [],
    }));
    const stories = turnStories(game);
    expect(stories).toHaveLength(game.turns.length);
    expect(stories[0]!.us[0]).toMatch(/surveillance|ISR/i);
    expect(stories[0]!.consequences.join(' ')).toMatch(/surveillance/i);
    expect(stories[1]!.us).toEqual([]);
  });

  it('exports the whole debrief as data, with the ending', () => {
    const game = games[0][1];
    const data = debriefData(game) as { seed: string; timeline: unknown[]; ending: unknown };
    expect(data.seed).toBe('1');
    expect(data.timeline).toHaveLength(game.turns.length + 1);
    expect(data.ending).toEqual(ending(game));
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('says where a record stops before the end', () => {
    const game = scriptedGame(() => ({ us: [], iran: [] }), '3', { turns: 2 });
    expect(ending(game)).toMatchObject({ result: null, turn: 2 });
  });
});
