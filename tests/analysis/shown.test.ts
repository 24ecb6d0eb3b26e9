import { describe, expect, test } from 'vitest';
import {
  chanceNote,
  clearlyDiffers,
  csvValue,
  MINUS,
  showDifference,
  showDifferenceInterval,
  showSigned,
  showValue,
} from '../../src/analysis/shown.ts';

/** How compare's figures are written, and the ★ read off what is written. */

describe('a ★ only where the interval as shown leaves out 0', () => {
  const cases = [
    {
      name: 'a low bound that shows as 0.00 (the QA run, seeds 43-107)',
      low: 0.004,
      high: 0.64,
      rate: false,
      clear: false,
    },
    { name: 'a high bound that shows as −0.00 (seeds 29-269)', low: -0.93, high: -0.004, rate: false, clear: false },
    { name: 'a low bound that shows as 0.01', low: 0.006, high: 0.64, rate: false, clear: true },
    { name: 'a rate bound that shows as 0.0 points', low: 0.0004, high: 0.2, rate: true, clear: false },
    { name: 'a rate bound that shows as +0.1 points', low: 0.0006, high: 0.2, rate: true, clear: true },
    { name: 'an interval across 0', low: -0.5, high: 0.5, rate: false, clear: false },
  ];
  test.each(cases)('$name', ({ low, high, rate, clear }) => {
    expect(clearlyDiffers(low, high, rate)).toBe(clear);
    // Never a bound shown as 0 with a ★ on it.
    if (clear) expect(showDifferenceInterval(low, high, rate)).not.toMatch(/(^|[ +−])0\.0+( |$)/);
  });
});

describe('the figures as written', () => {
  const cases = [
    { name: 'a negative mean', text: showValue(-0.15, false), is: `${MINUS}0.15` },
    { name: 'a rate', text: showValue(0.125, true), is: '12.5%' },
    { name: 'a difference that rounds to nothing has no sign', text: showSigned(-0.004, false), is: '0.00' },
    { name: 'a negative difference', text: showSigned(-0.93, false), is: `${MINUS}0.93` },
    { name: 'a difference of rates is in points', text: showDifference(-0.325, true), is: `${MINUS}32.5 points` },
    {
      name: 'an interval of a difference of rates',
      text: showDifferenceInterval(-0.01, 0.075, true),
      is: `${MINUS}1.0 to +7.5 points`,
    },
    { name: 'no interval yet', text: showDifferenceInterval(Number.NEGATIVE_INFINITY, 1, false), is: 'no spread yet' },
  ];
  test.each(cases)('$name: $is', ({ text, is }) => {
    expect(text).toBe(is);
  });

  test('the note on multiplicity', () => {
    expect(chanceNote(21)).toBe(
      '21 figures at 95%: about one may be marked by chance even when the variants do not differ.',
    );
    expect(chanceNote(4)).toContain('fewer than one');
  });
});

describe('the figures in a CSV file, rounded as the table shows them', () => {
  const cases = [
    { name: 'a mean, to 0.01', x: 1.23456, rate: false, cell: '1.23' },
    { name: 'a rate as a proportion, to 0.001 (the table’s 0.1%)', x: 0.12549, rate: true, cell: '0.125' },
    { name: 'a negative rate difference', x: -0.01049, rate: true, cell: '-0.010' },
    { name: 'a bound the table shows as 0.00 has no sign', x: -0.004, rate: false, cell: '0.00' },
    { name: 'a rate bound the table shows as 0.0 points', x: 0.0004, rate: true, cell: '0.000' },
    { name: 'no figure yet', x: Number.NaN, rate: false, cell: '' },
  ];
  test.each(cases)('$name: $cell', ({ x, rate, cell }) => {
    expect(csvValue(x, rate)).toBe(cell);
  });

  test.each([
    { low: 0.004, high: 0.64, rate: false },
    { low: 0.006, high: 0.6449, rate: false },
    { low: -0.93, high: -0.004, rate: false },
    { low: 0.0004, high: 0.2, rate: true },
    { low: 0.0006, high: 0.19951, rate: true },
  ])('read back, $low to $high reads as the table and marks as the table: $rate', ({ low, high, rate }) => {
    const [l, h] = [Number(csvValue(low, rate)), Number(csvValue(high, rate))];
    expect(showDifferenceInterval(l, h, rate)).toBe(showDifferenceInterval(low, high, rate));
    expect(clearlyDiffers(l, h, rate)).toBe(clearlyDiffers(low, high, rate));
  });
});
