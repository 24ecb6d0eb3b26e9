import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GameRow } from '../../src/cli/batch-file.ts';
import { playRow } from '../../src/analysis/game-row.ts';
import { FIGURES, PairedFigures } from '../../src/analysis/paired.ts';
import { showDifferenceInterval, showDifferenceIntervalOf } from '../../src/analysis/shown.ts';
import { shippedJson, shippedScenario } from '../shipped.ts';
import { cli } from './support.ts';

/** Item 4 of the designer's-lab issue: npm run compare, a paired A/B on the same seeds. */

const ROOT = join(import.meta.dirname, '../..');
const SCENARIO = join(ROOT, 'scenarios/two-boxers.json');
const ROCKET_HITS = 'attacks.profiles.rocket-attack.hitPerMille';
const compare = (...args: string[]) => cli('src/cli/compare.ts', args);
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

interface CsvRow {
  figure: string;
  pairs: number;
  a: number;
  b: number;
  diff: number;
  low: number;
  high: number;
  clear: boolean;
}

function readCsv(path: string): Map<string, CsvRow> {
  const [head, ...rows] = lines(readFileSync(path, 'utf8')).map((l) => l.split(','));
  expect(head).toEqual(['figure', 'pairs', 'a', 'b', 'diff', 'low', 'high', 'clear']);
  return new Map(
    rows.map(([figure, pairs, a, b, diff, low, high, clear]) => [
      figure!,
      {
        figure: figure!,
        pairs: Number(pairs),
        a: Number(a),
        b: Number(b),
        diff: Number(diff),
        low: Number(low),
        high: Number(high),
        clear: clear === 'true',
      },
    ]),
  );
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'two-boxers-compare-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('npm run compare', { timeout: 180_000 }, () => {
  test('B raises the rocket hit chance: the US-casualty difference interval excludes 0', async () => {
    const csv = join(dir, 'rockets.csv');
    const written = join(dir, 'variant.json');
    const run = await compare('--set', `${ROCKET_HITS}=900`, '--seeds', '1-60', '--csv', csv, '--write', written);
    expect(run.code, run.stderr).toBe(0);
    const figures = readCsv(csv);
    expect([...figures.keys()]).toEqual(FIGURES.map((f) => f.key));
    const killed = figures.get('usKilled')!;
    expect(killed.pairs).toBe(60);
    expect(killed.b).toBeGreaterThan(killed.a);
    expect(killed.low).toBeGreaterThan(0);
    expect(killed.clear).toBe(true);
    expect(run.stdout).toMatch(/^US killed .* \*$/m);
    // The file holds the figures rounded as the table shows them (a rate to 0.001, the rest to 0.01), or nothing.
    for (const f of FIGURES) {
      const cells = readFileSync(csv, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`${f.key},`))!
        .split(',');
      for (const cell of cells.slice(2, 7))
        expect(cell, f.key).toMatch(f.rate ? /^(-?\d+\.\d{3})?$/ : /^(-?\d+\.\d{2})?$/);
    }
    expect(run.stdout).toContain(showDifferenceInterval(killed.low, killed.high, false));
    // --write saved B: the scenario composed with its model, with that one number changed: a file that stands alone.
    const saved = JSON.parse(readFileSync(written, 'utf8')) as { attacks: { profiles: Record<string, unknown> } };
    const original = shippedJson('two-boxers') as unknown as typeof saved;
    expect((saved.attacks.profiles['rocket-attack'] as { hitPerMille: number }).hitPerMille).toBe(900);
    (original.attacks.profiles['rocket-attack'] as { hitPerMille: number }).hitPerMille = 900;
    expect(saved).toEqual(original);
    const validated = await cli('src/cli/validate.ts', [written]);
    expect(validated.code, validated.stderr).toBe(0);
  });

  test('A and B identical: every interval includes 0 and nothing is marked', async () => {
    // The same scenario as a file that stands alone (the shipped one names its model, relative to itself).
    const copy = join(dir, 'same.json');
    writeFileSync(copy, JSON.stringify(shippedJson('two-boxers'), null, 2));
    const csv = join(dir, 'same.csv');
    const run = await compare('--against', copy, '--seeds', '1-40', '--csv', csv);
    expect(run.code, run.stderr).toBe(0);
    for (const row of readCsv(csv).values()) {
      expect(row.low, row.figure).toBeLessThanOrEqual(0);
      expect(row.high, row.figure).toBeGreaterThanOrEqual(0);
      expect(row.clear, row.figure).toBe(false);
      expect(row.diff, row.figure).toBe(0);
    }
    expect(run.stdout).toContain('0 of 21 figures clearly differ');
  });
});

const badInputs = [
  { name: 'both --against and --set', args: ['--against', SCENARIO, '--set', 'us.resolve=5'], says: 'not both' },
  { name: 'neither --against nor --set', args: [], says: 'give variant B either' },
  { name: 'several values in one --set', args: ['--set', 'us.resolve=5,6'], says: 'one value per field' },
  { name: '--write with --against', args: ['--against', SCENARIO, '--write', 'x.json'], says: '--write saves' },
];

describe.concurrent('compare refuses, on one line', () => {
  test.each(badInputs)('$name', async ({ args, says }) => {
    const run = await compare(...args, '--seeds', '1-2');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain(says);
  });
});

describe('paired figures', () => {
  const scenario = (() => {
    return shippedScenario('two-boxers');
  })();
  const matchup = { us: 'measured', iran: 'harasser', preset: null };
  const rows: GameRow[] = [1, 2, 3, 4, 5, 6].map((seed) => playRow(scenario, matchup, seed));

  test('a game against itself differs by nothing: no mark, and a rate keeps the width of its own uncertainty', () => {
    const p = new PairedFigures();
    for (const r of rows) p.add(r, r);
    for (const d of p.differences()) {
      expect([d.diff, d.differing, d.clear], d.figure.key).toEqual([0, 0, false]);
      if (d.figure.rate) {
        expect(d.low, d.figure.key).toBeLessThan(-0.1);
        expect(d.high, d.figure.key).toBeGreaterThan(0.1);
      } else expect([d.low, d.high], d.figure.key).toEqual([0, 0]);
      if (!d.figure.rate) expect(showDifferenceIntervalOf(d)).toBe('no game differed');
    }
  });

  const usKilledBy = (shifts: readonly number[]) => {
    const p = new PairedFigures();
    shifts.forEach((shift, i) => {
      const r = rows[i]!;
      p.add(r, { ...r, casualties: { ...r.casualties, usKilled: r.casualties.usKilled + shift } });
    });
    return p.differences().find((d) => d.figure.key === 'usKilled')!;
  };

  test("three seeds take Student's t: the interval is wider than the normal one", () => {
    const killed = usKilledBy([2, 5, 11]);
    expect(killed.diff).toBe(6);
    expect(killed.high - killed.diff).toBeCloseTo(4.302653 * Math.sqrt(21 / 3), 6);
    expect(killed.low).toBeLessThan(0);
    expect(killed.clear).toBe(false);
  });

  test('no ★ on an interval whose bound shows as 0', () => {
    // These six differences put the low bound at +0.0036, which shows as 0.00 (as in the QA run of seeds 43-107).
    const killed = usKilledBy([-2, 1, 4, 6, 6, 6]);
    expect(killed.low).toBeGreaterThan(0);
    expect(showDifferenceIntervalOf(killed)).toBe('0.00 to +7.00');
    expect(killed.clear).toBe(false);
  });

  test('a mean of counts never shows a negative bound', () => {
    const p = new PairedFigures();
    const none = { usKilled: 0, usWounded: 0, iraqiForcesKilled: 0, civiliansKilled: 0, proxiesKilled: 0 };
    rows.forEach((r, i) => {
      const casualties = { ...none, proxiesKilled: i === 0 ? 4 : 0 };
      p.add({ ...r, casualties }, { ...r, casualties });
    });
    const proxies = p.differences().find((d) => d.figure.key === 'proxiesKilled')!;
    expect(proxies.aInterval.low).toBe(0);
    expect(proxies.bInterval.low).toBe(0);
  });

  test('the difference is the mean of B - A seed by seed, and a constant shift is clearly different', () => {
    const p = new PairedFigures();
    for (const r of rows) p.add(r, { ...r, casualties: { ...r.casualties, usKilled: r.casualties.usKilled + 2 } });
    const killed = p.differences().find((d) => d.figure.key === 'usKilled')!;
    expect(killed.diff).toBe(2);
    expect([killed.low, killed.high]).toEqual([2, 2]);
    expect(killed.clear).toBe(true);
    expect(killed.b - killed.a).toBeCloseTo(2, 10);
  });

  test('games of different seeds are not paired', () => {
    expect(() => new PairedFigures().add(rows[0]!, rows[1]!)).toThrow('seeds 1 and 2');
  });
});
