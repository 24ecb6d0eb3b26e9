import type { GameRow } from './game-row.ts';
import { meanInterval, pairedRateInterval, wilson } from './intervals.ts';
import { clearlyDiffers } from './shown.ts';

/**
 * Paired comparison of two variants played on the same seeds. Pairing by seed takes the seed's own luck out of the
 * difference, so a small change shows with far fewer games than two independent batches would need.
 */

/** One figure a game gives, read from its row; null when the game has none (no vote held, for the vote's week). */
export interface Figure {
  key: string;
  label: string;
  /** A rate (0 or 1 per game), printed as a percentage. */
  rate: boolean;
  /** The smallest value one game can give (0 for a count, week 1 for a week): no interval of a mean goes below it. */
  least?: number;
  of: (row: GameRow) => number | null;
}

const killedAll = (r: GameRow) =>
  r.casualties.usKilled + r.casualties.iraqiForcesKilled + r.casualties.civiliansKilled + r.casualties.proxiesKilled;

/** Every outcome figure compare reports, in the order it prints them. */
export const FIGURES: readonly Figure[] = [
  { key: 'usWins', label: 'US wins', rate: true, of: (r) => Number(r.result === 'us') },
  { key: 'iranWins', label: 'Iran wins', rate: true, of: (r) => Number(r.result === 'iran') },
  { key: 'draw', label: 'draw', rate: true, of: (r) => Number(r.result === 'draw') },
  { key: 'sharedLoss', label: 'shared loss', rate: true, of: (r) => Number(r.result === 'shared-loss') },
  { key: 'war', label: 'regional war', rate: true, of: (r) => Number(r.reason === 'war') },
  { key: 'eviction', label: 'evicted by a vote', rate: true, of: (r) => Number(r.reason === 'eviction') },
  { key: 'voteHeld', label: 'eviction vote held', rate: true, of: (r) => Number(r.voteTurn !== null) },
  { key: 'voteTurn', label: "first vote's week", rate: false, least: 1, of: (r) => r.voteTurn },
  { key: 'rung', label: 'final rung', rate: false, least: 0, of: (r) => r.rung },
  { key: 'peakRung', label: 'peak rung', rate: false, least: 0, of: (r) => r.peakRung },
  { key: 'usKilled', label: 'US killed', rate: false, least: 0, of: (r) => r.casualties.usKilled },
  { key: 'usWounded', label: 'US wounded', rate: false, least: 0, of: (r) => r.casualties.usWounded },
  {
    key: 'iraqiForcesKilled',
    label: 'Iraqi forces killed',
    rate: false,
    least: 0,
    of: (r) => r.casualties.iraqiForcesKilled,
  },
  { key: 'civiliansKilled', label: 'civilians killed', rate: false, least: 0, of: (r) => r.casualties.civiliansKilled },
  { key: 'proxiesKilled', label: 'proxies killed', rate: false, least: 0, of: (r) => r.casualties.proxiesKilled },
  { key: 'allKilled', label: 'all killed', rate: false, least: 0, of: killedAll },
  { key: 'escalationUs', label: 'US escalation', rate: false, of: (r) => r.escalation.us },
  { key: 'escalationIran', label: 'Iran escalation', rate: false, of: (r) => r.escalation.iran },
  { key: 'scoreUs', label: 'US score', rate: false, of: (r) => r.score.us },
  { key: 'scoreIran', label: 'Iran score', rate: false, of: (r) => r.score.iran },
  { key: 'endTurn', label: 'last turn played', rate: false, least: 1, of: (r) => r.endTurn },
];

/** A figure's means under A and B and the paired difference B - A with its 95% interval. */
export interface Difference {
  figure: Figure;
  /** Games where both variants give the figure (all of them, except for the vote's week). */
  pairs: number;
  a: number;
  b: number;
  diff: number;
  low: number;
  high: number;
  /** Pairs whose two games give different values: with none, nothing shows that the variants differ. */
  differing: number;
  /** The interval as shown leaves out 0: the variants clearly differ on this figure (see `clearlyDiffers`). */
  clear: boolean;
  /** Each variant's own 95% interval of its mean over the pairs (Wilson's for rates): what the lab draws. */
  aInterval: { low: number; high: number };
  bInterval: { low: number; high: number };
}

function meanDifference(n: number, sum: number, squares: number): { diff: number; low: number; high: number } {
  const { mean, low, high } = meanInterval(n, sum, squares);
  return { diff: mean, low, high };
}

/**
 * Accumulates the figures of games played on the same seeds by both variants, in constant memory: per figure, the
 * count of pairs, of pairs that differ, and the sums of A, B, their squares and product, the difference and its square.
 */
export class PairedFigures {
  private readonly sums = FIGURES.map(() => ({ n: 0, differing: 0, a: 0, b: 0, aa: 0, bb: 0, ab: 0, d: 0, dd: 0 }));

  /** Adds one seed's two games; their seeds must agree. */
  add(a: GameRow, b: GameRow): void {
    if (a.seed !== b.seed) throw new Error(`paired games of seeds ${a.seed} and ${b.seed}`);
    FIGURES.forEach((f, i) => {
      const x = f.of(a);
      const y = f.of(b);
      if (x === null || y === null) return;
      const s = this.sums[i]!;
      s.n++;
      if (x !== y) s.differing++;
      s.a += x;
      s.b += y;
      s.aa += x * x;
      s.bb += y * y;
      s.ab += x * y;
      s.d += y - x;
      s.dd += (y - x) * (y - x);
    });
  }

  /**
   * Each figure's difference with its 95% interval: for a rate, Newcombe's paired interval (which keeps a width when
   * no game differs); for the rest, Student's t interval of the mean paired difference, right for 3 seeds as for
   * thousands. With one pair or none there is no spread to measure: the interval is unbounded.
   */
  differences(): Difference[] {
    return FIGURES.map((figure, i) => {
      const { n, differing, a, b, aa, bb, ab, d, dd } = this.sums[i]!;
      const { diff, low, high } =
        figure.rate && n >= 2
          ? pairedRateInterval({ both: ab, onlyA: a - ab, onlyB: b - ab, neither: n - a - b + ab })
          : meanDifference(n, d, dd);
      const own = (sum: number, squares: number) =>
        figure.rate ? wilson(sum, n) : meanInterval(n, sum, squares, figure.least);
      return {
        figure,
        pairs: n,
        a: n === 0 ? Number.NaN : a / n,
        b: n === 0 ? Number.NaN : b / n,
        diff,
        low,
        high,
        differing,
        clear: differing > 0 && clearlyDiffers(low, high, figure.rate),
        aInterval: own(a, aa),
        bInterval: own(b, bb),
      };
    });
  }
}
