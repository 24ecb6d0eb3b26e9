import { describe, expect, test } from 'vitest';
import { meanInterval, pairedRateInterval, t95, wilson } from '../../src/analysis/intervals.ts';

/** The intervals compare, batch, sweep and the lab show: Student's t for means, Wilson and Newcombe for rates. */

describe("Student's t quantile", () => {
  const cases = [
    { df: 1, t: 12.7062 },
    { df: 2, t: 4.3027 },
    { df: 10, t: 2.2281 },
    { df: 30, t: 2.0423 },
    { df: 31, t: 2.0395 },
    { df: 60, t: 2.0003 },
    { df: 120, t: 1.9799 },
    { df: 100_000, t: 1.96 },
  ];
  test.each(cases)('$df degrees of freedom: $t', ({ df, t }) => {
    expect(t95(df)).toBeCloseTo(t, 3);
  });
});

describe('the interval of a mean', () => {
  test('three values take t with 2 degrees of freedom, not the normal 1.96', () => {
    // 2, 5 and 11: mean 6, standard deviation sqrt(21).
    const { mean, low, high } = meanInterval(3, 18, 4 + 25 + 121);
    expect(mean).toBe(6);
    expect(high - mean).toBeCloseTo(4.302653 * Math.sqrt(21 / 3), 6);
    expect(mean - low).toBeCloseTo(high - mean, 10);
  });

  test('a mean of counts has no negative bound', () => {
    // Nine games without a proxy killed and one with 5: the symmetric interval would reach below 0.
    const { mean, low } = meanInterval(10, 5, 25, 0);
    expect(mean).toBe(0.5);
    expect(low).toBe(0);
    expect(meanInterval(10, 5, 25).low).toBeLessThan(0);
  });

  test('one value leaves the interval unbounded', () => {
    expect(meanInterval(1, 3, 9).high).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("Newcombe's paired interval of a difference of rates", () => {
  test('no pair differs: the interval keeps a width, as each rate is still uncertain', () => {
    const none = pairedRateInterval({ both: 0, onlyA: 0, onlyB: 0, neither: 40 });
    const ownHigh = wilson(0, 40).high;
    expect(none.diff).toBe(0);
    expect(none.low).toBeCloseTo(-ownHigh, 10);
    expect(none.high).toBeCloseTo(ownHigh, 10);
    const half = pairedRateInterval({ both: 20, onlyA: 0, onlyB: 0, neither: 20 });
    expect(half.low).toBeLessThan(-0.01);
    expect(half.high).toBeGreaterThan(0.01);
  });

  test('B wins where A lost on 10 of 40 seeds and never the reverse: the interval leaves out 0', () => {
    const r = pairedRateInterval({ both: 10, onlyA: 0, onlyB: 10, neither: 20 });
    expect(r.diff).toBe(0.25);
    expect(r.low).toBeGreaterThan(0);
    expect(r.high).toBeLessThan(0.5);
  });

  test('the interval is the mirror image when A and B swap', () => {
    const ab = pairedRateInterval({ both: 7, onlyA: 3, onlyB: 9, neither: 21 });
    const ba = pairedRateInterval({ both: 7, onlyA: 9, onlyB: 3, neither: 21 });
    expect(ab.low).toBeCloseTo(-ba.high, 12);
    expect(ab.high).toBeCloseTo(-ba.low, 12);
  });
});
