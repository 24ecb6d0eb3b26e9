import { PATH_KEYS, type PathKey } from './batch-file.ts';
import type { Plot, Series } from './html-report.ts';
import type { Difference } from '../analysis/paired.ts';
import { type Summary, wilson } from './summary.ts';

/** The plots of the HTML reports, built from summaries: the same figures the text reports print. */

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
    series: runs.map(({ label, summary: s }) => {
      const counts = RESULTS.map((r) => s.resultCount(r.key));
      return {
        label,
        values: counts.map((k) => percent(k, s.games)),
        low: counts.map((k) => 100 * wilson(k, s.games).low),
        high: counts.map((k) => 100 * wilson(k, s.games).high),
      };
    }),
  };
}

/** A histogram of a kept distribution, as the share of games at each value, for every run on the same axis. */
function histogram(
  title: string,
  xLabel: string,
  runs: readonly NamedSummary[],
  tally: (s: Summary) => Map<number, number>,
  names?: readonly string[],
): Plot {
  const values = new Set<number>();
  for (const r of runs) for (const v of tally(r.summary).keys()) values.add(v);
  const lo = Math.min(0, ...values);
  const hi = Math.max(lo, ...values);
  const x = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  return {
    title,
    kind: 'bars',
    xLabel,
    yLabel: '% of games',
    x,
    ...(names && { xNames: x.map((v) => `${v} ${names[v] ?? ''}`.trim()) }),
    series: runs.map(({ label, summary: s }) => ({
      label,
      values: x.map((v) => percent(tally(s).get(v) ?? 0, s.games) ?? 0),
    })),
  };
}

function pathPlot(title: string, keys: readonly PathKey[], runs: readonly NamedSummary[], yLabel: string): Plot {
  const weeks = Math.max(0, ...runs.map((r) => r.summary.pathGames.length));
  const x = Array.from({ length: weeks }, (_, i) => i + 1);
  const series: Series[] = [];
  for (const { label, summary: s } of runs)
    for (const k of keys)
      series.push({
        label: runs.length === 1 ? k : `${label} ${k}`,
        values: x.map((_, i) => {
          const n = s.pathGames[i] ?? 0;
          return n === 0 ? null : (s.pathSums[k][i] ?? 0) / n;
        }),
      });
  return { title, kind: 'lines', xLabel: 'week', yLabel, x, series };
}

/** A batch's plots (or A's and B's side by side): outcomes, histograms and the mean paths week by week. */
export function summaryPlots(runs: readonly NamedSummary[], rungNames: readonly string[]): Plot[] {
  const politics = PATH_KEYS.filter((k) => ['consent', 'evictionPressure', 'usResolve', 'isis'].includes(k));
  return [
    outcomePlot(runs),
    histogram('Final rung', 'rung', runs, (s) => s.tallies.rung, rungNames),
    histogram('US killed per game', 'US killed', runs, (s) => s.tallies.usKilled),
    histogram("The first eviction vote's week (games with a vote)", 'week', runs, (s) => s.tallies.voteTurn),
    pathPlot('Mean rung, week by week', ['rung'], runs, 'rung'),
    pathPlot('Mean consent, eviction pressure, US resolve and ISIS, week by week', politics, runs, '0-100'),
    pathPlot('Mean escalation scores so far, week by week', ['escalationUs', 'escalationIran'], runs, 'points'),
  ];
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
  const rate = (key: (typeof RESULTS)[number]) => ({
    label: key.label,
    values: summaries.map((s) => percent(s.resultCount(key.key), s.games)),
    low: summaries.map((s) => 100 * wilson(s.resultCount(key.key), s.games).low),
    high: summaries.map((s) => 100 * wilson(s.resultCount(key.key), s.games).high),
  });
  const mean = (label: string, of: (s: Summary) => number) => ({ label, values: summaries.map(of) });
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
      title: 'Mean figures by setting',
      kind: 'lines',
      xLabel,
      yLabel: 'per game',
      x,
      ...names,
      series: [
        mean('final rung', (s) => s.mean('rung')),
        mean('US killed', (s) => s.casualties.usKilled / Math.max(1, s.games)),
        mean('all killed', (s) => s.mean('allKilled')),
      ],
    },
  ];
}

/** Compare's differences B - A with their intervals: rates in percentage points, the rest in their units. */
export function differencePlots(diffs: readonly Difference[]): Plot[] {
  const plot = (title: string, yLabel: string, ds: readonly Difference[], scale: number): Plot => ({
    title,
    kind: 'points',
    xLabel: 'figure',
    yLabel,
    x: ds.map((_, i) => i),
    xNames: ds.map((d) => d.figure.label),
    series: [
      {
        label: 'B - A',
        values: ds.map((d) => scale * d.diff),
        low: ds.map((d) => (Number.isFinite(d.low) ? scale * d.low : null)),
        high: ds.map((d) => (Number.isFinite(d.high) ? scale * d.high : null)),
      },
    ],
  });
  return [
    plot(
      'B - A: rates, with 95% intervals',
      'percentage points',
      diffs.filter((d) => d.figure.rate),
      100,
    ),
    plot(
      'B - A: counts and scores, with 95% intervals',
      'per game',
      diffs.filter((d) => !d.figure.rate),
      1,
    ),
  ];
}
