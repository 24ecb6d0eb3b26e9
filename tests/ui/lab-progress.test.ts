import { describe, expect, it } from 'vitest';
import { countOf, duration, progressText } from '../../src/ui/lab/progress.ts';

describe('a lab run’s progress, with the time left', () => {
  it.each([
    ['under a second rounds up', 400, '1 s'],
    ['seconds', 40_000, '40 s'],
    ['minutes and seconds', 200_000, '3 min 20 s'],
    ['whole minutes', 180_000, '3 min'],
    ['past ten minutes, minutes only', 11 * 60_000 + 20_000, '11 min'],
    ['hours and minutes', 65 * 60_000, '1 h 5 min'],
    ['whole hours', 2 * 3_600_000, '2 h'],
  ])('duration: %s', (_, ms, text) => {
    expect(duration(ms)).toBe(text);
  });

  const cases: { name: string; done: number; total: number; ms: number; says: string }[] = [
    { name: 'nothing played yet', done: 0, total: 200, ms: 300, says: '0 of 200 seeds · 0.3 s' },
    { name: 'the workers still starting', done: 20, total: 200, ms: 800, says: '20 of 200 seeds · 0.8 s' },
    {
      name: 'the QA pass’s long run: 100,000 seeds at 150 a second',
      done: 1500,
      total: 100_000,
      ms: 10_000,
      says: '1,500 of 100,000 seeds · 10.0 s · about 11 min left',
    },
    { name: 'near the end', done: 190, total: 200, ms: 19_000, says: '190 of 200 seeds · 19.0 s · about 1 s left' },
    { name: 'done', done: 200, total: 200, ms: 20_000, says: '200 of 200 seeds · 20.0 s' },
    { name: 'one seed asked for', done: 0, total: 1, ms: 100, says: '0 of 1 seed · 0.1 s' },
  ];
  for (const c of cases)
    it(c.name, () => {
      expect(progressText(c.done, c.total, c.ms)).toBe(c.says);
    });
});

describe('counts as the lab writes them', () => {
  it.each([
    [0, 'seed', '0 seeds'],
    [1, 'seed', '1 seed'],
    [2, 'game', '2 games'],
    [1000, 'seed', '1,000 seeds'],
    [100_000, 'game', '100,000 games'],
  ])('%i %s', (n, one, text) => {
    expect(countOf(n, one)).toBe(text);
  });
});
