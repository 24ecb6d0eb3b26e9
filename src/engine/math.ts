/** Integer helpers. The engine uses integers only; percentages are 0-100 and chances per-mille 0-1000. */

export const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);

/** v scaled by a per-mille factor, truncated toward zero (exact in every JS engine). */
export const perMille = (v: number, pm: number): number => Math.trunc((v * pm) / 1000);

/** Clamps a per-mille chance into [0, 1000]. */
export const chance = (pm: number): number => clamp(Math.trunc(pm), 0, 1000);

/** Integer division truncated toward zero. */
export const idiv = (a: number, b: number): number => Math.trunc(a / b);

/** Rounded to the nearest ten: the precision of an intelligence estimate. */
export const roundTen = (v: number): number => Math.round(v / 10) * 10;
