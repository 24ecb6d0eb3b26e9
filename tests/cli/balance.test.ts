import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/analysis/spread.ts';
import { cli } from './support.ts';

const balance = async (...args: string[]) => {
  const r = await cli('src/cli/balance.ts', args);
  return { code: r.code, out: r.stdout, err: r.stderr };
};

describe('the luck-against-decisions decomposition', () => {
  it.each([
    [
      'scores set by the pairing alone',
      [
        [10, 20, 30],
        [10, 20, 30],
        [10, 20, 30],
      ],
      { decisions: 1, seed: 0, rest: 0 },
    ],
    [
      'scores set by the seed alone',
      [
        [5, 5, 5],
        [9, 9, 9],
        [1, 1, 1],
      ],
      { decisions: 0, seed: 1, rest: 0 },
    ],
    [
      'no variance at all',
      [
        [4, 4],
        [4, 4],
      ],
      { decisions: 0, seed: 0, rest: 0 },
    ],
  ])('%s', (_, scores, expected) => {
    const d = decompose(scores);
    expect(d.decisions).toBeCloseTo(expected.decisions);
    expect(d.seed).toBeCloseTo(expected.seed);
    expect(d.rest).toBeCloseTo(expected.rest);
  });

  it('splits a mixed table into shares that add up to one', () => {
    const d = decompose([
      [10, 30],
      [14, 30],
      [9, 41],
    ]);
    expect(d.decisions + d.seed + d.rest).toBeCloseTo(1);
    expect(d.decisions).toBeGreaterThan(d.seed);
  });
});

describe('npm run balance', () => {
  it('plays the doctrines and strategist levels of the book given with --doctrines', async () => {
    const book = JSON.parse(readFileSync('scenarios/doctrines.json', 'utf8'));
    book.strategist.levels = book.strategist.levels.filter((l: { id: string }) => l.id === 'easy');
    const dir = mkdtempSync(join(tmpdir(), 'balance-'));
    const file = join(dir, 'doctrines.json');
    writeFileSync(file, JSON.stringify(book));
    const r = await balance('--doctrines', file, '--level', 'normal');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--level "normal": expected one of easy\n/);
  });

  it('reports every pairing, the targets, the orders chosen and luck against decisions', async () => {
    const r = await balance('--seeds', '1-2', '--level', 'easy', '--preset', 'short', '--workers', '1');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/strategist:easy +strategist:easy/);
    expect(r.out).toMatch(/strategist:easy +harasser/);
    expect(r.out).toMatch(/measured +strategist:easy/);
    expect(r.out).toMatch(/each side wins 35-65% of decided games: .*(met|NOT MET)/);
    expect(r.out).toMatch(/shared loss \(regional war\) in 5-25% of games/);
    expect(r.out).toMatch(/Push the eviction vote +\d+/);
    // Twenty games are far too few to see every order: the dead ones are named with the sample that missed them.
    expect(r.out).toMatch(/is dead: never chosen in 20 games/);
    expect(r.out).toMatch(/Coalition score: the players' decisions \d+%, the seed alone \d+%/);
  });

  it.each([
    ['an unknown level', ['--level', 'genius'], /--level "genius": expected one of easy, normal, hard/],
    ['a backwards seed range', ['--seeds', '10-1'], /--seeds: the range 10-1 runs backwards/],
    ['an unknown option', ['--sed', '4'], /unknown option --sed/],
    ['a missing doctrines file', ['--doctrines', 'nowhere/doctrines.json'], /nowhere\/doctrines\.json: /],
  ])('refuses %s in one line, exit 1', async (_, args, message) => {
    const r = await balance(...args);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });
});
