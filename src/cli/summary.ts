import { plural } from '../engine/index.ts';
import type { OutcomeReason, OutcomeResult } from '../engine/index.ts';
import { wilson } from '../analysis/intervals.ts';
import { type GameRow, PATH_KEYS, type PathKey, type RunHeader, type SeedRange } from './batch-file.ts';

/**
 * The summary of a batch of games, kept as integer counts and sums only: two summaries merge exactly, in any
 * order, so threads, shards and machines add up to the same figures as one run, and memory stays constant.
 */

const RESULTS: readonly OutcomeResult[] = ['us', 'iran', 'draw', 'shared-loss'];
const REASONS: readonly OutcomeReason[] = ['eviction', 'token', 'resolve', 'final-turn', 'war'];
const CASUALTY_KINDS = ['usKilled', 'usWounded', 'iraqiForcesKilled', 'civiliansKilled', 'proxiesKilled'] as const;
type CasualtyKind = (typeof CASUALTY_KINDS)[number];

/** The per-game quantities whose whole distribution is kept (value -> number of games). */
const TALLY_KEYS = [
  'rung',
  'voteTurn',
  'usKilled',
  'allKilled',
  'escalationUs',
  'escalationIran',
  'scoreUs',
  'scoreIran',
] as const;
type TallyKey = (typeof TALLY_KEYS)[number];

/** A summary as plain JSON: what threads send back and what a results file stores. */
export interface SummaryJson {
  games: number;
  endings: Record<string, number>; // "result/reason" -> games
  noVote: number; // games in which parliament never voted
  votesHeld: number;
  votesPassed: number;
  refusedOrders: number;
  casualties: Record<CasualtyKind, number>;
  tallies: Record<TallyKey, [value: number, games: number][]>;
  path: { games: number[]; sums: Record<PathKey, number[]> };
}

const addTo = <K>(m: Map<K, number>, key: K, n = 1) => m.set(key, (m.get(key) ?? 0) + n);

function addArrays(into: number[], from: readonly number[]): void {
  from.forEach((v, i) => {
    into[i] = (into[i] ?? 0) + v;
  });
}

/** Counts and sums over games; `add` one row, `merge` another summary. */
export class Summary {
  games = 0;
  readonly endings = new Map<string, number>();
  noVote = 0;
  votesHeld = 0;
  votesPassed = 0;
  refusedOrders = 0;
  readonly casualties = Object.fromEntries(CASUALTY_KINDS.map((k) => [k, 0])) as Record<CasualtyKind, number>;
  readonly tallies = Object.fromEntries(TALLY_KEYS.map((k) => [k, new Map<number, number>()])) as Record<
    TallyKey,
    Map<number, number>
  >;
  readonly pathGames: number[] = [];
  readonly pathSums = Object.fromEntries(PATH_KEYS.map((k) => [k, [] as number[]])) as Record<PathKey, number[]>;

  /** Counts one game. */
  add(row: GameRow): void {
    this.games++;
    addTo(this.endings, `${row.result}/${row.reason}`);
    if (row.voteTurn === null) this.noVote++;
    else addTo(this.tallies.voteTurn, row.voteTurn);
    this.votesHeld += row.votesHeld;
    this.votesPassed += row.votesPassed;
    this.refusedOrders += row.refusedOrders;
    const c = row.casualties;
    for (const k of CASUALTY_KINDS) this.casualties[k] += c[k];
    addTo(this.tallies.rung, row.rung);
    addTo(this.tallies.usKilled, c.usKilled);
    addTo(this.tallies.allKilled, c.usKilled + c.iraqiForcesKilled + c.civiliansKilled + c.proxiesKilled);
    addTo(this.tallies.escalationUs, row.escalation.us);
    addTo(this.tallies.escalationIran, row.escalation.iran);
    addTo(this.tallies.scoreUs, row.score.us);
    addTo(this.tallies.scoreIran, row.score.iran);
    addArrays(
      this.pathGames,
      row.path.rung.map(() => 1),
    );
    for (const k of PATH_KEYS) addArrays(this.pathSums[k], row.path[k]);
  }

  /** Adds another summary's games to this one. */
  merge(other: Summary): this {
    this.games += other.games;
    for (const [k, n] of other.endings) addTo(this.endings, k, n);
    this.noVote += other.noVote;
    this.votesHeld += other.votesHeld;
    this.votesPassed += other.votesPassed;
    this.refusedOrders += other.refusedOrders;
    for (const k of CASUALTY_KINDS) this.casualties[k] += other.casualties[k];
    for (const k of TALLY_KEYS) for (const [v, n] of other.tallies[k]) addTo(this.tallies[k], v, n);
    addArrays(this.pathGames, other.pathGames);
    for (const k of PATH_KEYS) addArrays(this.pathSums[k], other.pathSums[k]);
    return this;
  }

  /** The summary as JSON with sorted keys, so equal summaries have equal text. */
  toJson(): SummaryJson {
    const sortedTally = (m: Map<number, number>) => [...m].sort((a, b) => a[0] - b[0]);
    return {
      games: this.games,
      endings: Object.fromEntries([...this.endings].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
      noVote: this.noVote,
      votesHeld: this.votesHeld,
      votesPassed: this.votesPassed,
      refusedOrders: this.refusedOrders,
      casualties: { ...this.casualties },
      tallies: Object.fromEntries(TALLY_KEYS.map((k) => [k, sortedTally(this.tallies[k])])) as SummaryJson['tallies'],
      path: {
        games: [...this.pathGames],
        sums: Object.fromEntries(PATH_KEYS.map((k) => [k, [...this.pathSums[k]]])) as SummaryJson['path']['sums'],
      },
    };
  }

  /** Rebuilds a summary from trusted JSON (a thread's reply). */
  static fromJson(json: SummaryJson): Summary {
    const s = new Summary();
    s.games = json.games;
    for (const [k, n] of Object.entries(json.endings)) s.endings.set(k, n);
    s.noVote = json.noVote;
    s.votesHeld = json.votesHeld;
    s.votesPassed = json.votesPassed;
    s.refusedOrders = json.refusedOrders;
    Object.assign(s.casualties, json.casualties);
    for (const k of TALLY_KEYS) for (const [v, n] of json.tallies[k]) s.tallies[k].set(v, n);
    s.pathGames.push(...json.path.games);
    for (const k of PATH_KEYS) s.pathSums[k].push(...json.path.sums[k]);
    return s;
  }

  /** Games that ended with this result (for any reason). */
  resultCount(result: OutcomeResult): number {
    let n = 0;
    for (const reason of REASONS) n += this.endingCount(result, reason);
    return n;
  }

  endingCount(result: OutcomeResult, reason: OutcomeReason): number {
    return this.endings.get(`${result}/${reason}`) ?? 0;
  }

  /** Mean over the games of a kept distribution (voteTurn: over the games with a vote). */
  mean(key: TallyKey): number {
    return tallyMean(this.tallies[key]);
  }
}

// ---- Statistics for the report (floating point is fine here: these only print) -----------------------------------

// The interval moved to src/analysis, where the browser's lab uses it too; the CLI's name stays.
export { wilson };

function tallyMean(tally: Map<number, number>): number {
  let n = 0;
  let sum = 0;
  for (const [v, c] of tally) {
    n += c;
    sum += v * c;
  }
  return n === 0 ? Number.NaN : sum / n;
}

/** The smallest value with at least q of the games at or below it. */
function quantile(tally: Map<number, number>, q: number): number {
  const sorted = [...tally].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((t, [, c]) => t + c, 0);
  let seen = 0;
  for (const [v, c] of sorted) {
    seen += c;
    if (seen >= q * total) return v;
  }
  return Number.NaN;
}

// ---- The text report -------------------------------------------------------------------------------------------------

const percent = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;
const BAR = 30;

/** Joins seed ranges back into text: "1-5000, 7001-8000". */
export const seedsText = (seeds: readonly SeedRange[]): string =>
  seeds.map((r) => (r.first === r.last ? String(r.first) : `${r.first}-${r.last}`)).join(', ');

/** Aligns a table for a terminal: columns from `rightFrom` on are numbers, set flush right. */
export function alignColumns(rows: string[][], rightFrom: number): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  return rows.map((cells) =>
    cells
      .map((c, i) => (i >= rightFrom ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** Bins for a histogram: one per value when there are few, else about a dozen of equal width. */
function bins(tally: Map<number, number>): { label: string; games: number }[] {
  const values = [...tally.keys()];
  if (values.length === 0) return [];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const width = hi - lo < 16 ? 1 : Math.ceil((hi - lo + 1) / 12);
  const start = Math.floor(lo / width) * width;
  const out: { label: string; games: number }[] = [];
  for (let from = start; from <= hi; from += width) {
    let games = 0;
    for (const [v, c] of tally) if (v >= from && v < from + width) games += c;
    out.push({ label: width === 1 ? String(from) : `${from} to ${from + width - 1}`, games });
  }
  return out;
}

/**
 * A text histogram with its mean, median and 5th-95th percentiles; `extra` rows follow the bins (e.g. "none"),
 * and `name` labels a bin (a rung's name).
 */
function histogram(
  title: string,
  tally: Map<number, number>,
  games: number,
  extra: { label: string; games: number }[] = [],
  name?: (label: string) => string,
): string[] {
  const stats =
    tally.size === 0
      ? 'none'
      : `mean ${tallyMean(tally).toFixed(2)}, median ${quantile(tally, 0.5)}, ` +
        `5th-95th percentile ${quantile(tally, 0.05)} to ${quantile(tally, 0.95)}`;
  const rows = [...bins(tally), ...extra];
  const most = Math.max(1, ...rows.map((r) => r.games));
  return [
    `${title}: ${stats}`,
    ...alignColumns(
      rows.map((r) => [
        `  ${r.label}`,
        ...(name ? [name(r.label)] : []),
        '#'.repeat(Math.round((BAR * r.games) / most)).padEnd(BAR),
        String(r.games),
        percent(r.games / Math.max(1, games)),
      ]),
      name ? 3 : 2,
    ),
  ];
}

const RESULT_WORDS: Record<OutcomeResult, string> = {
  us: 'US wins',
  iran: 'Iran wins',
  draw: 'Draw',
  'shared-loss': 'Shared loss',
};
const REASON_WORDS: Record<OutcomeReason, string> = {
  war: 'regional war',
  eviction: 'eviction vote',
  token: 'token presence',
  resolve: 'US resolve broke',
  'final-turn': 'aims at the final turn',
};
const PATH_WORDS: Record<PathKey, string> = {
  rung: 'rung',
  consent: 'consent',
  evictionPressure: 'eviction pressure',
  usResolve: 'US resolve',
  isis: 'ISIS',
  usKilled: 'US killed',
  escalationUs: 'US escalation',
  escalationIran: 'Iran escalation',
};

/** The title line of a run: what was played, over which seeds. */
export function runTitle(header: RunHeader, games: number): string {
  const preset = header.preset === null ? '' : ` (preset ${header.preset})`;
  return (
    `${header.scenario.name} [${header.scenario.id} ${header.scenario.hash}], ${plural(header.turns, 'turn')}${preset}: ` +
    `US ${header.us} vs Iran ${header.iran}, seeds ${seedsText(header.seeds)} (${plural(games, 'game')})`
  );
}

/** Outcome rates with their 95% intervals: one line per result, then its reasons. */
function outcomeLines(s: Summary): string[] {
  const rows: string[][] = [];
  for (const result of RESULTS) {
    const k = s.resultCount(result);
    const ci = wilson(k, s.games);
    rows.push([
      RESULT_WORDS[result],
      percent(k / Math.max(1, s.games)),
      `${percent(ci.low)} to ${percent(ci.high)}`,
      String(k),
    ]);
    for (const reason of REASONS) {
      const r = s.endingCount(result, reason);
      if (r === 0 || (result === 'shared-loss' && reason === 'war')) continue;
      const rci = wilson(r, s.games);
      rows.push([
        `  by ${REASON_WORDS[reason]}`,
        percent(r / Math.max(1, s.games)),
        `${percent(rci.low)} to ${percent(rci.high)}`,
        String(r),
      ]);
    }
  }
  return alignColumns([['Outcome', 'rate', '95% interval (Wilson)', 'games'], ...rows], 1).map((l) => `  ${l}`);
}

/** The mean of each followed variable at each turn, over the games still being played at that turn. */
function pathLines(s: Summary): string[] {
  const head = ['turn', 'games', ...PATH_KEYS.map((k) => PATH_WORDS[k])];
  const rows = s.pathGames.map((games, i) => [
    String(i + 1),
    String(games),
    ...PATH_KEYS.map((k) => ((s.pathSums[k][i] ?? 0) / Math.max(1, games)).toFixed(1)),
  ]);
  return alignColumns([head, ...rows], 0).map((l) => `  ${l}`);
}

/** The whole text summary of a run, the same for a batch and for the merge of its shards. */
export function summaryLines(header: RunHeader, s: Summary): string[] {
  const mean = (sum: number) => (sum / Math.max(1, s.games)).toFixed(2);
  const c = s.casualties;
  const voted = s.games - s.noVote;
  return [
    runTitle(header, s.games),
    '',
    ...outcomeLines(s),
    '',
    ...histogram('Final rung', s.tallies.rung, s.games, [], (label) => header.rungNames[Number(label)] ?? ''),
    '',
    ...histogram(
      `Turn of the first eviction vote (held in ${plural(voted, 'game')}, ${percent(voted / Math.max(1, s.games))}; ` +
        `${plural(s.votesHeld, 'vote')}, ${s.votesPassed} passed)`,
      s.tallies.voteTurn,
      s.games,
      [{ label: 'none', games: s.noVote }],
    ),
    '',
    `Casualties per game (mean): US killed ${mean(c.usKilled)}, US wounded ${mean(c.usWounded)}, ` +
      `Iraqi forces killed ${mean(c.iraqiForcesKilled)}, civilians killed ${mean(c.civiliansKilled)}, ` +
      `proxies killed ${mean(c.proxiesKilled)}`,
    ...histogram('US killed', s.tallies.usKilled, s.games),
    '',
    ...histogram('All killed (US, Iraqi forces, civilians, proxies)', s.tallies.allKilled, s.games),
    '',
    ...histogram('US escalation score (Rivera points)', s.tallies.escalationUs, s.games),
    '',
    ...histogram('Iran escalation score (Rivera points)', s.tallies.escalationIran, s.games),
    '',
    `Outcome scores (mean): US ${s.mean('scoreUs').toFixed(1)}, Iran ${s.mean('scoreIran').toFixed(1)}. ` +
      `Orders refused by the engine: ${s.refusedOrders}.`,
    '',
    'Mean path, turn by turn (over the games still being played that turn):',
    ...pathLines(s),
  ];
}
