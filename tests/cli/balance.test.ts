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
    // Issue 12 item 3: the luck measure over the doctrine pairings too, beside its target.
    expect(r.out).toMatch(/Luck against decisions over 30 pairings of doctrines and strategists/);
    expect(r.out).toMatch(
      /Coalition score: the pairing \d+%, luck \(the seed within a pairing\) \d+%: (met|NOT MET) \(target: the pairing at least 50%\)/,
    );
    expect(r.out).toMatch(/Iran score: the pairing \d+%, luck/);
    expect(r.out).toMatch(/^hawk +harasser /m);
    // Item 4: the order mix between equal strategists.
    expect(r.out).toMatch(/- Iran violent orders at least 20% of its orders: \d+% of \d+ \(\d+-\d+%\): (met|NOT MET)/);
    expect(r.out).toMatch(/- US violent orders at least 10% of its orders: /);
    expect(r.out).toMatch(/- every Iran order between 1% and 40% of its choices: /);
    // Item 5: every script against the strategist, with its verdict.
    for (const [script, side] of [
      ['hold', 'US'],
      ['strike', 'US'],
      ['cheap-politics', 'US'],
      ['restrain', 'Iran'],
      ['nothing', 'Iran'],
      ['cheap-politics', 'Iran'],
      ['evict-coup', 'Iran'],
    ])
      expect(r.out).toMatch(
        new RegExp(`^${script} +${side} +strategist:easy +\\d+% +\\d+% +\\d+% .*(met|NOT MET|no decided game)$`, 'm'),
      );
    expect(r.out).toMatch(
      /- no script over 65% of decided games, none holding the strategist under 30%: (met|NOT MET)/,
    );
  });

  it('leaves the scripts out with --no-scripts, and plays the equal strategists alone with --equal', async () => {
    const quick = ['--seeds', '1-2', '--level', 'easy', '--preset', 'short', '--workers', '1'];
    const r = await balance(...quick, '--no-scripts');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Luck against decisions over 30 pairings/);
    expect(r.out).not.toMatch(/Scripted players/);
    expect(r.out).toMatch(/^\d+ games in/m);

    const e = await balance(...quick, '--equal');
    expect(e.err).toBe('');
    expect(e.code).toBe(0);
    const rows = (out: string) =>
      out.split('\n').filter((l) => /^(strategist|measured|hawk|restrained|tit-for-tat)/.test(l));
    // One pairing, the same games as the full report's first: a pairing's games depend on its seed alone.
    expect(rows(e.out)).toEqual([rows(r.out)[0]]);
    const targets = (out: string) => out.slice(out.indexOf('Targets'), out.indexOf('Orders the strategist'));
    expect(targets(e.out)).toBe(targets(r.out));
    expect(e.out).toMatch(/Orders the strategist chose \(against itself\), by side:/);
    expect(e.out).toMatch(/^2 games in/m);
    expect(e.out).not.toMatch(/Luck against decisions|Scripted players/);
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
