import { describe, expect, test } from 'vitest';
import { playRow } from '../../src/analysis/game-row.ts';
import { FIGURES, PairedFigures } from '../../src/analysis/paired.ts';
import {
  DIFFERENCE_CHARTS,
  differencePlots,
  RUN_COLOURS,
  summaryPlots,
  sweepPlots,
} from '../../src/cli/report-plots.ts';
import { Summary } from '../../src/cli/summary.ts';
import { shippedScenario } from '../shipped.ts';

/** The HTML reports' plots, as data: what each chart is of and how A and B are told apart. */

const scenario = shippedScenario('two-boxers');
const matchup = { us: 'measured', iran: 'harasser', preset: null };
const rows = Array.from({ length: 12 }, (_, i) => playRow(scenario, matchup, i + 1));
const summaryOf = (games: typeof rows) => {
  const s = new Summary();
  for (const r of games) s.add(r);
  return s;
};
const a = summaryOf(rows);
const b = summaryOf(rows.map((r) => ({ ...r, voteTurn: r.voteTurn === null ? 5 : r.voteTurn })));
const compared = summaryPlots(
  [
    { label: 'A', summary: a },
    { label: 'B', summary: b },
  ],
  scenario.ladder.rungs.map((r) => r.name),
);

describe("the first vote's week", () => {
  const plot = compared.find((p) => p.title.startsWith("The first eviction vote's week"))!;

  test('its bars are shares of the games with a vote, as the title says, so each run adds up to 100%', () => {
    expect(plot.yLabel).toBe('% of the games with a vote');
    for (const s of plot.series) expect(s.values.reduce((t: number, v) => t + (v ?? 0), 0)).toBeCloseTo(100, 9);
    expect(plot.title).toContain(`A: ${a.games - a.noVote} of ${a.games}`);
  });

  test('its weeks start at 1', () => {
    expect(plot.x[0]).toBe(1);
  });
});

describe('A and B told apart the same way in every chart', () => {
  test('bars and points: A blue, B red', () => {
    for (const p of compared.filter((p) => p.kind !== 'lines'))
      expect(
        p.series.map((s) => s.colour),
        p.title,
      ).toEqual([...RUN_COLOURS]);
  });

  test("lines: one colour per figure, named as a figure; A's solid, B's dashed", () => {
    for (const p of compared.filter((p) => p.kind === 'lines')) {
      const half = p.series.length / 2;
      const aLines = p.series.slice(0, half);
      const bLines = p.series.slice(half);
      expect(aLines.map((s) => s.colour)).toEqual(bLines.map((s) => s.colour));
      expect(new Set(aLines.map((s) => s.colour)).size).toBe(half);
      expect(aLines.every((s) => !s.dashed) && bLines.every((s) => s.dashed)).toBe(true);
      for (const s of p.series) {
        expect(s.label).toMatch(/^[AB]: /);
        expect(s.label).not.toMatch(/[a-z][A-Z]/); // no code key such as usResolve or escalationIran
        expect(RUN_COLOURS as readonly string[]).not.toContain(s.colour);
      }
    }
  });
});

describe("compare's differences", () => {
  const p = new PairedFigures();
  rows.forEach((r, i) => {
    p.add(r, { ...r, casualties: { ...r.casualties, usKilled: r.casualties.usKilled + 1 + (i % 2) } });
  });
  const diffs = p.differences();
  const plots = differencePlots(diffs);

  test('every figure is in one chart of its scale', () => {
    const keys = DIFFERENCE_CHARTS.flatMap((c) => [...c.keys]);
    expect([...keys].sort()).toEqual(FIGURES.map((f) => f.key).sort());
    expect(plots.map((q) => q.xNames!.length)).toEqual(DIFFERENCE_CHARTS.map((c) => c.keys.length));
  });

  test('each has its zero line, and ★ exactly where the text marks one', () => {
    for (const q of plots) expect(q.zero).toBe(true);
    const marked = plots.flatMap((q) => q.xNames!.filter((_, i) => q.series[0]!.marked![i]));
    expect(marked).toEqual(diffs.filter((d) => d.clear).map((d) => d.figure.label));
    expect(marked).toContain('US killed');
  });
});

test("sweep's mean figures carry their 95% intervals, never below 0", () => {
  const [, means] = sweepPlots(['x', 'y'], null, 'setting', [a, b]);
  for (const s of means!.series) {
    expect(s.low, s.label).toHaveLength(2);
    expect(s.high, s.label).toHaveLength(2);
    for (const low of s.low!) expect(low!).toBeGreaterThanOrEqual(0);
  }
});
