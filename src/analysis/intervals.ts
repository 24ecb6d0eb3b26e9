/** 95% intervals for the figures of a batch of games (floating point is fine here: these are only shown). */

/** The normal quantile of a two-sided 95% interval. */
export const Z95 = 1.959964;

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
 * The normal 95% interval of a mean from its count, sum and sum of squares (the samples here are hundreds of games
 * and up). With one value or none there is no spread to measure: the interval is unbounded.
 */
export function meanInterval(n: number, sum: number, squares: number): { mean: number; low: number; high: number } {
  const mean = n === 0 ? 0 : sum / n;
  const variance = n < 2 ? Number.POSITIVE_INFINITY : Math.max(0, (squares - n * mean * mean) / (n - 1));
  const half = Z95 * Math.sqrt(variance / Math.max(1, n));
  return { mean, low: mean - half, high: mean + half };
}
