import { describe, expect, it } from 'vitest';
import { pairingShare } from '../../src/analysis/spread.ts';

describe("the pairing's share of a score's variance (issue 12 item 3)", () => {
  it.each([
    ['scores set by the pairing alone', [[10, 10, 10], [20, 20], [30]], { pairing: 1, luck: 0 }],
    [
      'scores that vary only within each pairing (means 5, 5, 5)',
      [
        [1, 9],
        [9, 1],
        [5, 5],
      ],
      { pairing: 0, luck: 1 },
    ],
    [
      'two pairings of two games',
      [
        [1, 3],
        [5, 7],
      ],
      { pairing: 0.8, luck: 0.2 },
    ],
    ['pairings of unequal size', [[0], [2, 4]], { pairing: 0.75, luck: 0.25 }],
    [
      'a seed that lifts every pairing alike counts as luck',
      [
        [0, 10],
        [2, 12],
      ],
      { pairing: 4 / 104, luck: 100 / 104 },
    ],
    ['no variance at all', [[4, 4], [4]], { pairing: 0, luck: 0 }],
    ['a single pairing', [[1, 2, 3]], { pairing: 0, luck: 0 }],
    ['empty pairings are left out', [[1, 3], [], [5, 7]], { pairing: 0.8, luck: 0.2 }],
  ])('%s', (_, groups, expected) => {
    const s = pairingShare(groups);
    expect(s.pairing).toBeCloseTo(expected.pairing);
    expect(s.luck).toBeCloseTo(expected.luck);
  });
});
