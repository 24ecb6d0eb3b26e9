import { PATH_KEYS, type PathKey } from './batch-file.ts';
import type { Plot, Series } from './html-report.ts';
import { meanInterval } from '../analysis/intervals.ts';
import type { Difference } from '../analysis/paired.ts';
import { roundShown } from '../analysis/shown.ts';
import { type Summary, wilson } from './summary.ts';

/**
 * The plots of the HTML reports, built from summaries: the same figures the text reports print. Wherever A and B
 * are drawn, A is blue and B red; where lines of several figures are drawn, each figure has its own colour and B's
 * line is dashed where A's is solid.
 */

/** Variant A's colour and B's, or a batch's own. */
export const RUN_COLOURS = ['#1f5fa8', '#c0392b'] as const;
/** One colour per figure in a chart of lines, none of them A's blue or B's red. */
const FIGURE_COLOURS = ['#2e8b57', '#8e44ad', '#d68910', '#17a2b8', '#6d4c41', '#566573'];

/** A summary under a name: a batch has one, compare two (A and B). */
export interface NamedSummary {
  label: string;
  summary: Summary;
}

const RESULTS = [
  { key: 'us', label: 'US wins' },
  { key: 'iran', label: 'Iran wins' },
  { key: 'draw', label: 'draw' },
  { key: 'shared-loss', label: 'shared loss' },
] as const;

const percent = (k: number, n: number) => (n === 0 ? null : (100 * k) / n);

function outcomePlot(runs: readonly NamedSummary[]): Plot {
  return {
    title: 'Outcome rates, with 95% intervals',
    kind: 'points',
    xLabel: 'result',
    yLabel: '% of games',
    x: RESULTS.map((_, i) => i),
    xNames: RESULTS.map((r) => r.label),
    series: runs.map(({ label, summary: s }, j) => {
      const counts = RESULTS.map((r) => s.resultCount(r.key));
      return {
        label,
        colour: RUN_COLOURS[j % 2]!,
        values: counts.map((k) => percent(k, s.games)),
        low: counts.map((k) => 100 * wilson(k, s.games).low),
        high: counts.map((k) => 100 * wilson(k, s.games).high),
      };
    }),
  };
}

/**
 * A histogram of a kept distribution, as the share of games at each value, for every run on the same axis, from
 * `from` (or the least value seen) up. `of` is the games each share is of: all of them unless told.
 */
function histogram(
  title: string,
  xLabel: string,
  runs: readonly NamedSummary[],
  tally: (s: Summary) => Map<number, number>,
  options: { names?: readonly string[]; from?: number; of?: (s: Summary) => number; yLabel?: string } = {},
): Plot {
  const values = new Set<number>();
  for (const r of runs) for (const v of tally(r.summary).keys()) values.add(v);
  const lo = options.from ?? Math.min(0, ...values);
  const hi = Math.max(lo, ...values);
  const x = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const names = options.names;
  const of = options.of ?? ((s: Summary) => s.games);
  return {
    title,
    kind: 'bars',
    xLabel,
    yLabel: options.yLabel ?? '% of games',
    x,
    ...(names && { xNames: x.map((v) => `${v} ${names[v] ?? ''}`.trim()) }),
    series: runs.map(({ label, summary: s }, j) => ({
      label,
      colour: RUN_COLOURS[j % 2]!,
      values: x.map((v) => percent(tally(s).get(v) ?? 0, of(s)) ?? 0),
    })),
  };
}

/** How the week-by-week paths are named in a legend. */
const PATH_NAMES: Record<PathKey, string> = {
  rung: 'rung',
  consent: 'consent',
  evictionPressure: 'eviction pressure',
  usResolve: 'US resolve',
  isis: 'ISIS',
  escalationUs: 'US escalation',
  escalationIran: 'Iran escalation',
  usKilled: 'US killed',
};

function pathPlot(title: string, keys: readonly PathKey[], runs: readonly NamedSummary[], yLabel: string): Plot {
  const weeks = Math.max(0, ...runs.map((r) => r.summary.pathGames.length));
  const x = Array.from({ length: weeks }, (_, i) => i + 1);
  const series: Series[] = [];
  runs.forEach(({ label, summary: s }, j) => {
    keys.forEach((k, f) => {
      series.push({
        label: runs.length === 1 ? PATH_NAMES[k] : `${label}: ${PATH_NAMES[k]}${j > 0 ? ' (dashed)' : ''}`,
        colour: FIGURE_COLOURS[f % FIGURE_COLOURS.length]!,
        dashed: j > 0,
        values: x.map((_, i) => {
          const n = s.pathGames[i] ?? 0;
          return n === 0 ? null : (s.pathSums[k][i] ?? 0) / n;
        }),
      });
    });
  });
  return { title, kind: 'lines', xLabel: 'week', yLabel, x, series };
}

/** A batch's plots (or A's and B's side by side): outcomes, histograms and the mean paths week by week. */
export function summaryPlots(runs: readonly NamedSummary[], rungNames: readonly string[]): Plot[] {
  const politics = PATH_KEYS.filter((k) => ['consent', 'evictionPressure', 'usResolve', 'isis'].includes(k));
  return [
    outcomePlot(runs),
    histogram('Final rung', 'rung', runs, (s) => s.tallies.rung, { names: rungNames }),
    histogram('US killed per game', 'US killed', runs, (s) => s.tallies.usKilled),
    // Shares of the games that held a vote, so that each run's bars add up to 100%; the weeks start at 1.
    histogram(
      `The first eviction vote's week, in the games with a vote (${runs
        .map(({ label, summary: s }) => `${runs.length === 1 ? '' : `${label}: `}${s.games - s.noVote} of ${s.games}`)
        .join(', ')})`,
      'week',
      runs,
      (s) => s.tallies.voteTurn,
      { from: 1, of: (s) => s.games - s.noVote, yLabel: '% of the games with a vote' },
    ),
    pathPlot('Mean rung, week by week', ['rung'], runs, 'rung'),
    pathPlot('Mean consent, eviction pressure, US resolve and ISIS, week by week', politics, runs, '0-100'),
    pathPlot('Mean escalation scores so far, week by week', ['escalationUs', 'escalationIran'], runs, 'points'),
  ];
}

/** The mean of a kept distribution of counts with its 95% interval, in the form a plot takes. */
function tallyInterval(tally: Map<number, number>): { mean: number | null; low: number | null; high: number | null } {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (const [v, c] of tally) {
    n += c;
    sum += v * c;
    squares += v * v * c;
  }
  if (n === 0) return { mean: null, low: null, high: null };
  const { mean, low, high } = meanInterval(n, sum, squares, 0);
  return { mean, low: Number.isFinite(low) ? low : null, high: Number.isFinite(high) ? high : null };
}

/** A sweep's curves: each result's rate (with its interval) and the mean figures, one point per setting. */
export function sweepPlots(
  labels: readonly string[],
  numericX: readonly number[] | null,
  xLabel: string,
  summaries: readonly Summary[],
): Plot[] {
  const x = numericX ? [...numericX] : labels.map((_, i) => i);
  const names = numericX ? {} : { xNames: [...labels] };
  const rate = (key: (typeof RESULTS)[number], f: number) => ({
    label: key.label,
    colour: FIGURE_COLOURS[f % FIGURE_COLOURS.length]!,
    values: summaries.map((s) => percent(s.resultCount(key.key), s.games)),
    low: summaries.map((s) => 100 * wilson(s.resultCount(key.key), s.games).low),
    high: summaries.map((s) => 100 * wilson(s.resultCount(key.key), s.games).high),
  });
  const mean = (label: string, of: (s: Summary) => Map<number, number>, f: number): Series => {
    const intervals = summaries.map((s) => tallyInterval(of(s)));
    return {
      label,
      colour: FIGURE_COLOURS[f % FIGURE_COLOURS.length]!,
      values: intervals.map((i) => i.mean),
      low: intervals.map((i) => i.low),
      high: intervals.map((i) => i.high),
    };
  };
  return [
    {
      title: 'Outcome rates by setting, with 95% intervals',
      kind: 'lines',
      xLabel,
      yLabel: '% of games',
      x,
      ...names,
      series: RESULTS.map(rate),
    },
    {
      title: 'Mean figures by setting, with 95% intervals',
      kind: 'lines',
      xLabel,
      yLabel: 'per game',
      x,
      ...names,
      series: [
        mean('final rung', (s) => s.tallies.rung, 0),
        mean('US killed', (s) => s.tallies.usKilled, 1),
        mean('all killed', (s) => s.tallies.allKilled, 2),
      ],
    },
  ];
}

/**
 * Compare's figures by scale, one chart each: a casualty's interval of ±2 would vanish on the axis of a score's −58.
 * Every figure is in one of them.
 */
export const DIFFERENCE_CHARTS = [
  {
    title: 'rates',
    unit: 'percentage points',
    keys: ['usWins', 'iranWins', 'draw', 'sharedLoss', 'war', 'eviction', 'voteHeld'],
  },
  {
    title: 'casualties',
    unit: 'per game',
    keys: ['usKilled', 'usWounded', 'iraqiForcesKilled', 'civiliansKilled', 'proxiesKilled', 'allKilled'],
  },
  { title: 'rungs and weeks', unit: 'rungs or weeks', keys: ['rung', 'peakRung', 'voteTurn', 'endTurn'] },
  { title: 'escalation and scores', unit: 'points', keys: ['escalationUs', 'escalationIran', 'scoreUs', 'scoreIran'] },
] as const;

/**
 * Compare's differences B − A as error bars, one chart per scale: rates in percentage points, the rest in their
 * units; the zero line drawn, and a ★ on each figure the text marks.
 */
export function differencePlots(diffs: readonly Difference[]): Plot[] {
  return DIFFERENCE_CHARTS.map((chart) => {
    const ds = chart.keys.flatMap((key) => diffs.filter((d) => d.figure.key === key));
    // Drawn as shown in the text, so a bar's end and the printed bound agree.
    const shown = (x: number, rate: boolean) => (Number.isFinite(x) ? (rate ? 100 : 1) * roundShown(x, rate) : null);
    return {
      title: `B − A: ${chart.title}, with 95% intervals (★: clearly different)`,
      kind: 'points',
      xLabel: 'figure',
      yLabel: chart.unit,
      x: ds.map((_, i) => i),
      xNames: ds.map((d) => d.figure.label),
      zero: true,
      series: [
        {
          label: 'B − A',
          colour: '#222222',
          values: ds.map((d) => shown(d.diff, d.figure.rate)),
          low: ds.map((d) => shown(d.low, d.figure.rate)),
          high: ds.map((d) => shown(d.high, d.figure.rate)),
          marked: ds.map((d) => d.clear),
        },
      ],
    };
  });
}
