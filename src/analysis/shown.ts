import type { Difference } from './paired.ts';

/**
 * How compare's figures are written, for the terminal, the HTML report and the lab alike: a rate as a percentage to
 * 0.1, a difference of rates in percentage points to 0.1, any other figure to 0.01. Whether a difference is marked
 * ★ is read off the interval as written here, so a mark never sits on an interval that shows a 0.
 */

/** The typographic minus, which lines up with "+" (a hyphen is narrower). */
export const MINUS = '−';

/** What a difference of two rates is measured in. */
export const POINTS = 'points';

/** A figure rounded as it is shown: rates (proportions) to a thousandth, the rest to a hundredth. */
export function roundShown(x: number, rate: boolean): number {
  const scale = rate ? 1000 : 100;
  const rounded = Math.round(Math.abs(x) * scale) / scale;
  // Rounding by the magnitude keeps -0.004 and 0.004 alike at 0 (Math.round would take -0.005 up to -0).
  return x < 0 ? -rounded : rounded;
}

/** The digits of a figure as shown, without its sign; a rate in percent (or points). */
const digits = (x: number, rate: boolean) => {
  const r = Math.abs(roundShown(x, rate));
  return rate ? (100 * r).toFixed(1) : r.toFixed(2);
};

/** A figure of one variant: "12.5%", "1.20", "−3.45"; "–" when there is none. */
export function showValue(x: number, rate: boolean): string {
  if (!Number.isFinite(x)) return '–';
  const sign = roundShown(x, rate) < 0 ? MINUS : '';
  return `${sign}${digits(x, rate)}${rate ? '%' : ''}`;
}

/** A difference, signed, without its unit: "+3.2", "−0.15", and "0.0" when it rounds to nothing. */
export function showSigned(x: number, rate: boolean): string {
  if (!Number.isFinite(x)) return '–';
  const r = roundShown(x, rate);
  return `${r > 0 ? '+' : r < 0 ? MINUS : ''}${digits(x, rate)}`;
}

/** A difference with its unit: "+3.2 points" for rates, "+0.15" for the rest. */
export function showDifference(x: number, rate: boolean): string {
  return rate && Number.isFinite(x) ? `${showSigned(x, rate)} ${POINTS}` : showSigned(x, rate);
}

/** The interval of a difference: "−1.0 to +7.5 points", "+0.12 to +0.64". */
export function showDifferenceInterval(low: number, high: number, rate: boolean): string {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return 'no spread yet';
  return `${showSigned(low, rate)} to ${showSigned(high, rate)}${rate ? ` ${POINTS}` : ''}`;
}

/**
 * A figure's difference interval as shown. When no seed's two games differ, a mean difference has no spread to
 * measure: that is said, rather than shown as a zero-width interval (a rate's interval, Newcombe's, keeps a width).
 */
export function showDifferenceIntervalOf(d: Difference): string {
  if (d.pairs >= 2 && d.differing === 0 && !d.figure.rate) return 'no game differed';
  return showDifferenceInterval(d.low, d.high, d.figure.rate);
}

/** The interval of one variant's figure: "4.1% to 12.0%", "0.00 to 1.20". */
export function showInterval(low: number, high: number, rate: boolean): string {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return 'no spread yet';
  return `${showValue(low, rate)} to ${showValue(high, rate)}`;
}

/**
 * A figure as a CSV cell, rounded as the table shows it: a rate as a proportion to 0.001 (the table's 0.1%), the
 * rest to 0.01; empty when there is none. A file never holds a bound that the table, and its ★, read otherwise.
 */
export function csvValue(x: number, rate: boolean): string {
  if (!Number.isFinite(x)) return '';
  return roundShown(x, rate).toFixed(rate ? 3 : 2);
}

/** The variants clearly differ: the 95% interval of B − A, as shown, leaves out 0. */
export function clearlyDiffers(low: number, high: number, rate: boolean): boolean {
  return roundShown(low, rate) > 0 || roundShown(high, rate) < 0;
}

/**
 * What the ★ marks can mean when many figures are tested at once: at 95% each, one in twenty is marked by chance
 * on average when the variants do not differ at all (the figures move together, so such marks come in clusters).
 */
export function chanceNote(figures: number): string {
  const expected = Math.round(figures * 0.05);
  const many = expected === 0 ? 'fewer than one' : expected === 1 ? 'about one' : `about ${expected}`;
  return `${figures} figures at 95%: ${many} may be marked by chance even when the variants do not differ.`;
}
