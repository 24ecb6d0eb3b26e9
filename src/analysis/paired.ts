import type { GameRow } from './game-row.ts';
import { meanInterval, wilson } from './intervals.ts';

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
  { key: 'voteTurn', label: "first vote's week", rate: false, of: (r) => r.voteTurn },
  { key: 'rung', label: 'final rung', rate: false, of: (r) => r.rung },
  { key: 'peakRung', label: 'peak rung', rate: false, of: (r) => r.peakRung },
  { key: 'usKilled', label: 'US killed', rate: false, of: (r) => r.casualties.usKilled },
  { key: 'usWounded', label: 'US wounded', rate: false, of: (r) => r.casualties.usWounded },
  { key: 'iraqiForcesKilled', label: 'Iraqi forces killed', rate: false, of: (r) => r.casualties.iraqiForcesKilled },
  { key: 'civiliansKilled', label: 'civilians killed', rate: false, of: (r) => r.casualties.civiliansKilled },
  { key: 'proxiesKilled', label: 'proxies killed', rate: false, of: (r) => r.casualties.proxiesKilled },
  { key: 'allKilled', label: 'all killed', rate: false, of: killedAll },
  { key: 'escalationUs', label: 'US escalation', rate: false, of: (r) => r.escalation.us },
  { key: 'escalationIran', label: 'Iran escalation', rate: false, of: (r) => r.escalation.iran },
  { key: 'scoreUs', label: 'US score', rate: false, of: (r) => r.score.us },
  { key: 'scoreIran', label: 'Iran score', rate: false, of: (r) => r.score.iran },
  { key: 'endTurn', label: 'last turn played', rate: false, of: (r) => r.endTurn },
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
  /** The interval leaves out 0: the variants clearly differ on this figure. */
  clear: boolean;
  /** Each variant's own 95% interval of its mean over the pairs (Wilson's for rates): what the lab draws. */
  aInterval: { low: number; high: number };
  bInterval: { low: number; high: number };
}

/**
 * Accumulates the figures of games played on the same seeds by both variants, in constant memory: per figure, the
 * count of pairs and the sums of A, B, their squares, the difference and its square.
 */
export class PairedFigures {
  private readonly sums = FIGURES.map(() => ({ n: 0, a: 0, b: 0, aa: 0, bb: 0, d: 0, dd: 0 }));

  /** Adds one seed's two games; their seeds must agree. */
  add(a: GameRow, b: GameRow): void {
    if (a.seed !== b.seed) throw new Error(`paired games of seeds ${a.seed} and ${b.seed}`);
    FIGURES.forEach((f, i) => {
      const x = f.of(a);
      const y = f.of(b);
      if (x === null || y === null) return;
      const s = this.sums[i]!;
      s.n++;
      s.a += x;
      s.b += y;
      s.aa += x * x;
      s.bb += y * y;
      s.d += y - x;
      s.dd += (y - x) * (y - x);
    });
  }

  /**
   * Each figure's difference with a normal 95% interval of the mean paired difference (the samples here are
   * hundreds of games and up). With one pair or none there is no spread to measure: the interval is unbounded.
   */
  differences(): Difference[] {
    return FIGURES.map((figure, i) => {
      const { n, a, b, aa, bb, d, dd } = this.sums[i]!;
      const { mean, low, high } = meanInterval(n, d, dd);
      const own = (sum: number, squares: number) => (figure.rate ? wilson(sum, n) : meanInterval(n, sum, squares));
      return {
        figure,
        pairs: n,
        a: n === 0 ? Number.NaN : a / n,
        b: n === 0 ? Number.NaN : b / n,
        diff: mean,
        low,
        high,
        clear: low > 0 || high < 0,
        aInterval: own(a, aa),
        bInterval: own(b, bb),
      };
    });
  }
}
