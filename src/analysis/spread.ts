import type { GameState, OutcomeReason, OutcomeResult, Scenario } from '../engine/index.ts';

/**
 * The spread of many games' endings: how often each result came up (and why), and the distribution of each side's
 * score. The replay tools use it to set one recorded game against the games it could have been.
 */

export const RESULTS: readonly OutcomeResult[] = ['us', 'iran', 'draw', 'shared-loss'];

const REASON_WORDS: Record<OutcomeReason, string> = {
  war: 'regional war',
  eviction: 'eviction vote',
  token: 'token presence',
  resolve: 'US resolve broke',
  'final-turn': 'final turn',
};

/** A result in words: "Coalition wins", "Iran wins", "Draw", "Shared loss". */
export function resultLabel(scenario: Scenario, result: OutcomeResult): string {
  if (result === 'us' || result === 'iran') return `${scenario.sides[result].short} wins`;
  return result === 'draw' ? 'Draw' : 'Shared loss';
}

/** A result as a noun inside a sentence: "a Coalition win", "an Iran win", "a draw", "a shared loss". */
export function resultNoun(scenario: Scenario, result: OutcomeResult): string {
  if (result === 'us' || result === 'iran') {
    const name = scenario.sides[result].short;
    return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name} win`;
  }
  return result === 'draw' ? 'a draw' : 'a shared loss';
}

/** A game's ending: "Iran wins (eviction vote)". */
export const endingLabel = (scenario: Scenario, result: OutcomeResult, reason: OutcomeReason): string =>
  `${resultLabel(scenario, result)} (${REASON_WORDS[reason]})`;

/** How one game ended, in the figures a spread keeps: small and plain, so it can cross to and from a thread. */
export interface Ending {
  result: OutcomeResult;
  reason: OutcomeReason;
  us: number;
  iran: number;
  rung: number;
  usKilled: number;
}

/** A finished game's ending. */
export function endingOf(state: GameState): Ending {
  const o = state.outcome;
  if (!o) throw new Error('only a finished game has an ending');
  return {
    result: o.result,
    reason: o.reason,
    us: o.score.us.total,
    iran: o.score.iran.total,
    rung: state.ladder.rung,
    usKilled: state.casualties.usKilled,
  };
}

export class Spread {
  readonly results = new Map<OutcomeResult, number>();
  readonly reasons = new Map<OutcomeResult, Map<OutcomeReason, number>>();
  readonly us: number[] = [];
  readonly iran: number[] = [];
  readonly rung: number[] = [];
  readonly usKilled: number[] = [];

  get games(): number {
    return this.us.length;
  }

  /** Counts a game's ending. */
  add(e: Ending): void {
    this.results.set(e.result, (this.results.get(e.result) ?? 0) + 1);
    const why = this.reasons.get(e.result) ?? new Map<OutcomeReason, number>();
    why.set(e.reason, (why.get(e.reason) ?? 0) + 1);
    this.reasons.set(e.result, why);
    this.us.push(e.us);
    this.iran.push(e.iran);
    this.rung.push(e.rung);
    this.usKilled.push(e.usKilled);
  }

  share(result: OutcomeResult): number {
    return this.games === 0 ? 0 : (this.results.get(result) ?? 0) / this.games;
  }

  /** The reasons a result came about, most common first: "eviction vote 40, final turn 12". */
  reasonsOf(result: OutcomeResult): string {
    return [...(this.reasons.get(result) ?? new Map<OutcomeReason, number>())]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, n]) => `${REASON_WORDS[reason]} ${n}`)
      .join(', ');
  }

  /** The result that came up most often (ties go to the first in RESULTS). */
  mostCommon(): OutcomeResult {
    let best: OutcomeResult = 'us';
    for (const r of RESULTS) if ((this.results.get(r) ?? 0) > (this.results.get(best) ?? 0)) best = r;
    return best;
  }
}

/** The q-quantile (0-1) of numbers, interpolating between neighbours. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export const mean = (values: readonly number[]): number =>
  values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;

/** The share (0-100) of values below x, counting ties as half: where x stands among them. */
export function percentileRank(values: readonly number[], x: number): number {
  if (values.length === 0) return Number.NaN;
  let below = 0;
  let equal = 0;
  for (const v of values) {
    if (v < x) below++;
    else if (v === x) equal++;
  }
  return (100 * (below + equal / 2)) / values.length;
}

/** A share as a percentage with one decimal: "12.5%". */
export const pct = (share: number): string => `${(100 * share).toFixed(1)}%`;

/** A number for a table: whole numbers as they are, others to one decimal. */
export const num = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/**
 * Two-way decomposition of a score over seeds (rows) and pairings (columns): the share of its variance the pairing
 * explains (the players' decisions), the seed (luck: the same dice for every pairing) and what is left (luck and
 * decisions meeting: how a seed's dice reward one pairing's choices more than another's).
 */
export function decompose(scores: readonly (readonly number[])[]): { decisions: number; seed: number; rest: number } {
  const rows = scores.length;
  const cols = scores[0]?.length ?? 0;
  if (rows < 2 || cols < 2) return { decisions: 0, seed: 0, rest: 0 };
  const all = scores.flat();
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const rowMean = scores.map((r) => r.reduce((a, b) => a + b, 0) / cols);
  const colMean = Array.from({ length: cols }, (_, j) => scores.reduce((a, r) => a + r[j]!, 0) / rows);
  const total = all.reduce((a, v) => a + (v - mean) ** 2, 0);
  if (total === 0) return { decisions: 0, seed: 0, rest: 0 };
  const seed = cols * rowMean.reduce((a, m) => a + (m - mean) ** 2, 0);
  const decisions = rows * colMean.reduce((a, m) => a + (m - mean) ** 2, 0);
  return { decisions: decisions / total, seed: seed / total, rest: Math.max(0, 1 - (decisions + seed) / total) };
}

/**
 * The share of a score's variance that the pairing explains, as issue 12 item 3 defines it: games grouped by
 * pairing (any number each), the variance between the pairings' means over the total. Everything within a
 * pairing — the seed and how its dice meet the players' choices — is luck, so the two shares add up to one.
 * (`decompose` instead sets the pairing against the seed alone, which is small by construction: the dice stream
 * parts as soon as the orders differ.)
 */
export function pairingShare(groups: readonly (readonly number[])[]): { pairing: number; luck: number } {
  const filled = groups.filter((g) => g.length > 0);
  const all = filled.flat();
  if (filled.length < 2 || all.length < 2) return { pairing: 0, luck: 0 };
  const grand = mean(all);
  let between = 0;
  let within = 0;
  for (const g of filled) {
    const m = mean(g);
    between += g.length * (m - grand) ** 2;
    for (const v of g) within += (v - m) ** 2;
  }
  const total = between + within;
  return total === 0 ? { pairing: 0, luck: 0 } : { pairing: between / total, luck: within / total };
}
