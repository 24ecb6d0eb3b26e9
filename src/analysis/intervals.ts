/** 95% intervals for the figures of a batch of games (floating point is fine here: these are only shown). */

/** The normal quantile of a two-sided 95% interval. */
export const Z95 = 1.959964;

/** Student's t quantile of a two-sided 95% interval for 1 to 30 degrees of freedom. */
const T95 = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139, 2.200985,
  2.178813, 2.160369, 2.144787, 2.13145, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658,
  2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.04523, 2.042272,
];

/**
 * Student's t quantile of a two-sided 95% interval: the table up to 30 degrees of freedom, then the Cornish-Fisher
 * expansion around the normal quantile (within 1e-4 of the exact value from 30 on). A run of 3 seeds takes 4.30, not
 * the normal 1.96 that would make its intervals less than half as wide as they should be.
 */
export function t95(df: number): number {
  if (df < 1) return Number.POSITIVE_INFINITY;
  const table = T95[df - 1];
  if (table !== undefined) return table;
  const z = Z95;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/** The 95% Wilson score interval of k successes in n trials, as proportions. */
export function wilson(k: number, n: number): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const z = Z95;
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Student's t 95% interval of a mean from its count, sum and sum of squares. `least` is the smallest value a game
 * can give (0 for a count): the mean cannot be below it, so neither is the interval. With one value or none there is
 * no spread to measure: the interval is unbounded.
 */
export function meanInterval(
  n: number,
  sum: number,
  squares: number,
  least = Number.NEGATIVE_INFINITY,
): { mean: number; low: number; high: number } {
  const mean = n === 0 ? 0 : sum / n;
  const variance = n < 2 ? Number.POSITIVE_INFINITY : Math.max(0, (squares - n * mean * mean) / (n - 1));
  const half = t95(n - 1) * Math.sqrt(variance / Math.max(1, n));
  return { mean, low: Math.max(least, mean - half), high: mean + half };
}

/** A paired 2x2 table of a yes/no figure over games played on the same seeds under A and B. */
export interface PairedCounts {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

/**
 * The 95% interval of the difference of two paired rates, B - A, by Newcombe's hybrid score method (method 10 of
 * Newcombe 1998, Statistics in Medicine 17:2635): each rate's Wilson interval, combined through the correlation of
 * the pairs. Unlike the t interval of the mean difference it keeps a width when no pair differs (40 seeds without a
 * war under either still leave a war rate of up to 9% each way unmeasured).
 */
export function pairedRateInterval(t: PairedCounts): { diff: number; low: number; high: number } {
  const n = t.both + t.onlyA + t.onlyB + t.neither;
  if (n === 0) return { diff: 0, low: -1, high: 1 };
  const pA = (t.both + t.onlyA) / n;
  const pB = (t.both + t.onlyB) / n;
  const a = wilson(t.both + t.onlyA, n);
  const b = wilson(t.both + t.onlyB, n);
  const margins = (t.both + t.onlyA) * (t.neither + t.onlyB) * (t.both + t.onlyB) * (t.neither + t.onlyA);
  // Newcombe's continuity-corrected correlation: a positive one is shrunk by n/2, so perfect agreement on a few
  // seeds does not claim a perfect correlation of the variants.
  const cross = t.both * t.neither - t.onlyA * t.onlyB;
  const corrected = cross > n / 2 ? cross - n / 2 : cross < 0 ? cross : 0;
  const phi = margins === 0 ? 0 : corrected / Math.sqrt(margins);
  const diff = pB - pA;
  const below = Math.sqrt(Math.max(0, (pB - b.low) ** 2 - 2 * phi * (pB - b.low) * (a.high - pA) + (a.high - pA) ** 2));
  const above = Math.sqrt(Math.max(0, (b.high - pB) ** 2 - 2 * phi * (b.high - pB) * (pA - a.low) + (pA - a.low) ** 2));
  return { diff, low: Math.max(-1, diff - below), high: Math.min(1, diff + above) };
}
