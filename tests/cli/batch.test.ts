import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { shippedJson } from '../shipped.ts';
import { cli, type Run } from './support.ts';

const ROOT = join(import.meta.dirname, '../..');
const SCENARIO = join(ROOT, 'scenarios/two-boxers.json');
const ROCKET_HITS = 'attacks.profiles.rocket-attack.hitPerMille';

const batch = (...args: string[]) => cli('src/cli/batch.ts', args);
const merge = (...args: string[]) => cli('src/cli/merge.ts', args);
const sweep = (...args: string[]) => cli('src/cli/sweep.ts', args);
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const hasStack = (text: string) => /^\s+at /m.test(text);

/** Succeeds and returns stdout, or fails the test with the command's stderr. */
function ok(run: Run): string {
  expect(run.code, run.stderr).toBe(0);
  expect(lines(run.stderr).length, run.stderr).toBe(1); // the closing speed line, or nothing but it
  return run.stdout;
}

const SEEDS = '1-160';
let dir = '';
const file = (name: string) => join(dir, name);
let wholeText = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'two-boxers-batch-'));
  const [whole, first, second, hawk] = await Promise.all([
    batch('--seeds', SEEDS, '--workers', '2', '--json', file('whole.json'), '--csv', file('whole.csv')),
    batch('--seeds', SEEDS, '--shard', '1/2', '--workers', '1', '--json', file('shard1.json')),
    batch('--seeds', SEEDS, '--shard', '2/2', '--workers', '2', '--json', file('shard2.json')),
    batch('--seeds', '81-85', '--us', 'hawk', '--json', file('hawk.json')),
  ]);
  wholeText = ok(whole);
  ok(first);
  ok(second);
  ok(hawk);
  // Another scenario: the same one, composed with its model, with one number changed.
  const other = shippedJson('two-boxers') as unknown as { us: { resolve: number } };
  other.us.resolve -= 1;
  writeFileSync(file('other-scenario.json'), JSON.stringify(other));
  ok(await batch('--seeds', '81-85', '--scenario', file('other-scenario.json'), '--json', file('other.json')));
  ok(await batch('--seeds', '70-90', '--json', file('overlap.json')));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('batch', () => {
  test('the summary depends only on the seeds: 1 worker, 2 workers and 2 merged shards agree', async () => {
    const [one, merged] = await Promise.all([
      batch('--seeds', SEEDS, '--workers', '1'),
      merge(file('shard2.json'), file('shard1.json'), '--json', file('merged.json'), '--csv', file('merged.csv')),
    ]);
    expect(ok(one)).toBe(wholeText);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(wholeText);
    expect(wholeText).toContain('seeds 1-160 (160 games)');
    // The merged files hold the same rows in the same (seed) order as the single run's.
    expect(readFileSync(file('merged.csv'), 'utf8')).toBe(readFileSync(file('whole.csv'), 'utf8'));
    const rowsOf = (name: string) => readFileSync(file(name), 'utf8').split('\n').slice(1);
    expect(rowsOf('merged.json')).toEqual(rowsOf('whole.json'));
  });

  test('a run that named the shipped doctrines file merges with one that named none; another book does not', async () => {
    const changed = JSON.parse(readFileSync(join(ROOT, 'scenarios/doctrines.json'), 'utf8')) as {
      doctrines: { id: string; traits: { retaliation: number } }[];
    };
    changed.doctrines.find((d) => d.id === 'measured')!.traits.retaliation += 1;
    writeFileSync(file('changed-doctrines.json'), JSON.stringify(changed));
    const [plain, named, other] = await Promise.all([
      batch('--seeds', '200-202', '--workers', '1', '--json', file('plain.json')),
      batch(
        '--seeds',
        '203-205',
        '--workers',
        '1',
        '--doctrines',
        'scenarios/doctrines.json',
        '--json',
        file('named.json'),
      ),
      batch(
        '--seeds',
        '203-205',
        '--workers',
        '1',
        '--doctrines',
        file('changed-doctrines.json'),
        '--json',
        file('changed.json'),
      ),
    ]);
    for (const run of [plain, named, other]) ok(run);
    const merged = await merge(file('plain.json'), file('named.json'));
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('seeds 200-205 (6 games)');
    const refused = await merge(file('plain.json'), file('changed.json'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/\(doctrines [0-9a-f]+\)/);
  });

  test('merge reads each part once, so a part may be a pipe', async () => {
    // A part that can be read only once, as from `<(ssh host cat shard2.json)`: read twice (the header, then the
    // rows), the second reading found it drained and called it truncated.
    const fifo = file('shard2.fifo');
    execFileSync('mkfifo', [fifo]);
    const run = merge(file('shard1.json'), fifo, '--csv', file('piped.csv'));
    const writer = await open(fifo, 'w'); // resolves once the merge opens the pipe
    await writer.writeFile(readFileSync(file('shard2.json')));
    await writer.close();
    const merged = await run;
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(wholeText);
    expect(readFileSync(file('piped.csv'), 'utf8')).toBe(readFileSync(file('whole.csv'), 'utf8'));
  });

  test('the results file is one JSON document: header, rows in seed order, summary', () => {
    const results = JSON.parse(readFileSync(file('whole.json'), 'utf8')) as {
      run: { seeds: { first: number; last: number }[]; us: string; iran: string };
      rows: {
        seed: number;
        endTurn: number;
        rung: number;
        escalation: { us: number; iran: number };
        path: { rung: number[]; escalationUs: number[]; escalationIran: number[] };
      }[];
      summary: { games: number };
    };
    expect(results.run.seeds).toEqual([{ first: 1, last: 160 }]);
    expect(results.rows.map((r) => r.seed)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    expect(results.summary.games).toBe(160);
    for (const row of results.rows) {
      // The path runs to the turn the game ended, and ends where the game did.
      expect(row.path.rung).toHaveLength(row.endTurn);
      expect(row.path.rung.at(-1)).toBe(row.rung);
      expect([row.path.escalationUs.at(-1), row.path.escalationIran.at(-1)]).toEqual([
        row.escalation.us,
        row.escalation.iran,
      ]);
    }
    const csv = lines(readFileSync(file('whole.csv'), 'utf8'));
    expect(csv).toHaveLength(161);
    expect(csv[1]?.startsWith('1,')).toBe(true);
  });

  test('the summary reports rates with intervals, distributions and the mean path', () => {
    expect(wholeText).toMatch(/^ {2}US wins +\d+\.\d% +\d+\.\d% to \d+\.\d% +\d+$/m);
    for (const heading of ['Final rung:', 'Turn of the first eviction vote', 'US killed:', 'Mean path, turn by turn'])
      expect(wholeText).toContain(heading);
    // The outcome counts add up to the games played.
    const counts = ['US wins', 'Iran wins', 'Draw', 'Shared loss'].map((r) =>
      Number(new RegExp(`^ {2}${r} .* (\\d+)$`, 'm').exec(wholeText)?.[1]),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(160);
  });
});

describe('a run of one game', () => {
  test('counts agree in number: "1 game", "1 thread", never "1 games"', async () => {
    const run = await batch('--seeds', '1', '--workers', '1');
    const out = ok(run);
    expect(out).toMatch(/ \(1 game\)$/m);
    expect(run.stderr).toMatch(/^1 game in [\d.]+ s \([\d.]+ games\/s\) on 1 thread; peak memory \d+ MB$/m);
    expect(`${out}${run.stderr}`).not.toMatch(/\b1 (games|threads|votes|turns)\b/);
  });
});

describe('sweep', () => {
  test('raising the rocket hit chance raises US casualties', async () => {
    const run = await sweep('--set', `${ROCKET_HITS}=0,300,900`, '--seeds', '1-120', '--csv', file('sweep.csv'));
    ok(run);
    const [head, ...rows] = lines(readFileSync(file('sweep.csv'), 'utf8')).map((l) => l.split(','));
    const at = (name: string) => head!.indexOf(name);
    expect(rows.map((r) => r[0])).toEqual(['0', '300', '900']);
    const killed = rows.map((r) => Number(r[at('usKilled')]));
    expect(killed[0]).toBe(0);
    expect(killed[1]).toBeGreaterThan(killed[0]!);
    expect(killed[2]).toBeGreaterThan(killed[1]!);
    expect(run.stdout).toContain(ROCKET_HITS);
    expect(lines(run.stdout)).toHaveLength(5); // title, header, three settings
  });

  test('two --set options play the grid of their values', async () => {
    const run = await sweep('--set', `${ROCKET_HITS}=0,900`, '--set', 'us.resolve=40,60', '--seeds', '1-4');
    const table = lines(ok(run)).slice(2);
    expect(table.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['0 40', '0 60', '900 40', '900 60']);
  });
});

interface BadInput {
  name: string;
  run: () => Promise<Run>;
  says: string; // the one stderr line must contain this
}

const badInputs: BadInput[] = [
  {
    name: 'a backwards seed range',
    run: () => batch('--seeds', '10-1'),
    says: '--seeds: the range 10-1 runs backwards',
  },
  { name: 'seeds that are not numbers', run: () => batch('--seeds', 'a-b'), says: '--seeds: expected a range' },
  { name: 'no seeds', run: () => batch(), says: '--seeds is required' },
  {
    name: 'an unknown doctrine',
    run: () => batch('--seeds', '1-2', '--us', 'dove'),
    says: 'unknown --us player "dove"',
  },
  { name: 'a doctrine of the other side', run: () => batch('--seeds', '1-2', '--iran', 'measured'), says: '--iran' },
  { name: 'a shard past the last', run: () => batch('--seeds', '1-10', '--shard', '3/2'), says: '--shard: "3/2"' },
  { name: 'a shard that is no fraction', run: () => batch('--seeds', '1-10', '--shard', 'half'), says: '--shard' },
  { name: 'an empty shard', run: () => batch('--seeds', '1-2', '--shard', '1/3'), says: 'too few' },
  { name: 'zero workers', run: () => batch('--seeds', '1-2', '--workers', '0'), says: '--workers' },
  { name: 'an unknown option', run: () => batch('--seeds', '1-2', '--sed', '3'), says: 'unknown option --sed' },
  { name: 'a missing scenario', run: () => batch('--seeds', '1-2', '--scenario', 'nope.json'), says: 'nope.json' },
  {
    name: 'an unwritable results file',
    run: () => batch('--seeds', '1-2', '--json', '/nonexistent/dir/out.json'),
    says: '/nonexistent/dir/out.json: cannot write',
  },
  {
    name: 'an unknown path',
    run: () => sweep('--set', 'attacks.profiles.rocket-attack.hitChance=1,2', '--seeds', '1-2'),
    says: 'no field "hitChance" in attacks.profiles.rocket-attack (it has rockets, arsenalCost, hitPerMille',
  },
  {
    name: 'an unknown path in the middle',
    run: () => sweep('--set', 'rockets.hitChance=1', '--seeds', '1-2'),
    says: 'the scenario has no field "rockets"',
  },
  {
    name: 'an index past the end',
    run: () => sweep('--set', 'us.bases[40].garrison=1', '--seeds', '1-2'),
    says: 'us.bases has 11 entries',
  },
  {
    name: 'a value of the wrong type',
    run: () => sweep('--set', 'us.bases[0].garrison=1500,many', '--seeds', '1-2'),
    says: '"many" is not a number',
  },
  {
    name: 'a value the schema refuses',
    run: () => sweep('--set', `${ROCKET_HITS}=250,1500`, '--seeds', '1-2'),
    says: `--set ${ROCKET_HITS}=1500: ${ROCKET_HITS}:`,
  },
  {
    name: 'a whole list',
    run: () => sweep('--set', 'us.bases=1', '--seeds', '1-2'),
    says: 'it is a list',
  },
  { name: 'a sweep without --set', run: () => sweep('--seeds', '1-2'), says: '--set PATH=V1,V2 is required' },
  {
    name: 'merging another scenario',
    run: () => merge(file('shard2.json'), file('other.json')),
    says: 'only runs of one scenario merge',
  },
  {
    name: 'merging other players',
    run: () => merge(file('shard2.json'), file('hawk.json')),
    says: 'played US hawk vs Iran harasser',
  },
  {
    name: 'merging overlapping seeds',
    run: () => merge(file('shard1.json'), file('overlap.json')),
    says: 'overlap: both hold seeds 70-80',
  },
  {
    name: 'merging a file twice',
    run: () => merge(file('shard1.json'), file('shard1.json')),
    says: 'both hold seeds 1-80',
  },
  {
    name: 'merging a file that is not a results file',
    run: () => merge(file('shard1.json'), SCENARIO),
    says: 'not a batch results file',
  },
  { name: 'merging a missing file', run: () => merge(file('nothing.json')), says: 'no such file' },
  { name: 'merging nothing', run: () => merge(), says: 'give the results files to merge' },
];

describe.concurrent('bad input is one line and exit 1', () => {
  test.each(badInputs)('$name', async ({ run, says }) => {
    const result = await run();
    expect(result.code).toBe(1);
    expect(hasStack(result.stderr)).toBe(false);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain(says);
    expect(result.stdout).toBe('');
  });
});

interface Damage {
  name: string;
  damage: (text: string) => string;
  says: string;
}

const damages: Damage[] = [
  {
    name: 'a truncated file',
    damage: (t) => t.slice(0, Math.floor(t.length / 2)),
    says: 'not a row (damaged or truncated)',
  },
  {
    name: 'a row edited by hand',
    damage: (t) => t.replace(/"usKilled":(\d+),"usWounded"/, (_, n) => `"usKilled":${Number(n) + 5},"usWounded"`),
    says: 'does not match its rows',
  },
  {
    name: 'a row removed',
    damage: (t) => {
      const all = t.split('\n');
      all.splice(5, 1);
      return all.join('\n');
    },
    says: 'seed 6 where seed 5 was expected',
  },
  { name: 'the summary cut off', damage: (t) => t.slice(0, t.lastIndexOf('],"summary"')), says: 'truncated' },
];

describe.concurrent('merge refuses a damaged results file', () => {
  test.each(damages)('$name', async ({ name, damage, says }) => {
    const damaged = file(`damaged-${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(damaged, damage(readFileSync(file('shard1.json'), 'utf8')));
    const out = file(`out-${name.replace(/\W+/g, '-')}.json`);
    const run = await merge(damaged, file('shard2.json'), '--json', out);
    expect(run.code).toBe(1);
    expect(existsSync(out)).toBe(false); // no half-written file left behind, nor its temporary
    expect(readdirSync(dir).filter((f) => f.startsWith(`.${basename(out)}.`))).toEqual([]);
    expect(hasStack(run.stderr)).toBe(false);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain(damaged);
    expect(run.stderr).toContain(says);
  });
});
