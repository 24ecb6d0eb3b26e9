import { describe, expect, it } from 'vitest';
import { guideLabelPlace, H, M, W } from '../../src/ui/debrief/charts.ts';

/** A series in chart coordinates: `values` on a 0-100 scale over evenly spaced weeks, as lineChart draws it. */
const line = (values: number[]) =>
  values.map((v, i) => ({
    x: M.left + (i * (W - M.left - M.right)) / (values.length - 1),
    y: H - M.bottom - (v * (H - M.top - M.bottom)) / 100,
  }));
const y = (v: number) => H - M.bottom - (v * (H - M.top - M.bottom)) / 100;
const label = 'US aim: consent at least 40';

describe("a debrief chart's guide label", () => {
  const cases: [name: string, series: number[][], expected: Partial<ReturnType<typeof guideLabelPlace>>][] = [
    [
      'above the line at the right end when nothing passes there',
      [[80, 82, 85, 90, 88, 86, 84, 85, 87]],
      { anchor: 'end', y: y(40) - 6 },
    ],
    // The play-tester's chart: consent slides down to the aim's line and along it at the right end.
    [
      'below it when the data runs just above it there',
      [[60, 55, 50, 47, 45, 44, 43, 42, 42]],
      { anchor: 'end', y: y(40) + 19 },
    ],
    [
      'at the left end when the data runs along both sides of it on the right',
      [
        [70, 65, 60, 52, 44, 40, 38, 36, 35],
        [70, 66, 60, 50, 40, 38, 37, 36, 34],
      ],
      { anchor: 'start' },
    ],
  ];
  for (const [name, series, expected] of cases)
    it(name, () => {
      const at = guideLabelPlace(y(40), label, series.map(line));
      expect(at).toMatchObject(expected);
    });
});
