import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkOutputs, openOutput, openTemporaries, writeFileSafely } from '../../src/cli/safe-write.ts';
import { cli, type Run, started } from './support.ts';

/**
 * Item 1 of the designer's-lab issue: every way a tool used to lose or half-write a file, each as a named case.
 * Every case checks that the old file is intact and that no temporary is left beside it.
 */

const batch = (...args: string[]) => cli('src/cli/batch.ts', args);
const merge = (...args: string[]) => cli('src/cli/merge.ts', args);
const sweep = (...args: string[]) => cli('src/cli/sweep.ts', args);
const sim = (...args: string[]) => cli('src/cli/sim.ts', args);
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

const OLD = 'the old output, which must survive\n';
let dir = '';
let part1 = '';
let part2 = '';

/** A fresh directory per case, so "no temporary left" is a listing of it. */
function caseDir(name: string): string {
  const d = join(dir, name.replace(/\W+/g, '-'));
  mkdirSync(d, { recursive: true });
  return d;
}

const temporaries = (d: string) => readdirSync(d).filter((f) => f.endsWith('.tmp'));

/** A refusal: exit 1, one line naming the problem, nothing on stdout (no game was played). */
function refused(run: Run, says: string): void {
  expect(run.code, run.stderr).toBe(1);
  expect(lines(run.stderr), run.stderr).toHaveLength(1);
  expect(run.stderr).toContain(says);
  expect(run.stdout).toBe('');
}

/** Polls until a temporary appears in `d` (the tool is mid-write), for at most `ms`. */
async function temporaryAppears(d: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (temporaries(d).length === 0) {
    if (Date.now() > until) throw new Error(`no temporary appeared in ${d}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Polls until the one temporary in `d` holds `text` (the tool has written that far), for at most `ms`. */
async function temporaryHolds(d: string, text: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const [tmp] = temporaries(d);
    if (tmp !== undefined && readFileSync(join(d, tmp), 'utf8').includes(text)) return;
    if (Date.now() > until) throw new Error(`no temporary in ${d} came to hold ${text.slice(0, 40)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Polls until a process has used `seconds` of CPU in all its threads (Linux's /proc), for at most a minute. */
async function cpuSecondsReach(pid: number, seconds: number): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if ((Number(fields[11]) + Number(fields[12])) / 100 >= seconds) return;
    if (Date.now() > until) throw new Error(`process ${pid} did not reach ${seconds} s of CPU`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'two-boxers-safe-write-'));
  part1 = join(dir, 'part1.json');
  part2 = join(dir, 'part2.json');
  const runs = await Promise.all([
    batch('--seeds', '1-4', '--shard', '1/2', '--workers', '1', '--json', part1),
    batch('--seeds', '1-4', '--shard', '2/2', '--workers', '1', '--json', part2),
  ]);
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  if (dir) {
    // Read-only files and directories made by the cases must not stop the clean-up.
    execFileSync('chmod', ['-R', 'u+w', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe.concurrent('outputs are checked before any game is played', () => {
  test('batch --json K/a.json --csv K/./a.json: one file under two spellings is refused', async () => {
    const d = caseDir('two-spellings');
    const run = await batch('--seeds', '1-2', '--json', join(d, 'a.json'), '--csv', `${d}/./a.json`);
    refused(run, 'name the same file');
    expect(readdirSync(d)).toEqual([]);
  });

  test('merge --json X --csv X is refused and X stays as it was', async () => {
    const d = caseDir('merge-same');
    const x = join(d, 'x');
    writeFileSync(x, OLD);
    refused(await merge(part1, part2, '--json', x, '--csv', x), 'name the same file');
    expect(readFileSync(x, 'utf8')).toBe(OLD);
    expect(temporaries(d)).toEqual([]);
  });

  test("an output naming a file the run reads (the scenario's model, the doctrines) is refused by every tool", async () => {
    const d = caseDir('inputs-read');
    for (const sub of ['a', 'b']) {
      mkdirSync(join(d, sub));
      for (const f of ['two-boxers.json', 'model.json', 'doctrines.json'])
        writeFileSync(join(d, sub, f), readFileSync(join('scenarios', f)));
    }
    const a = (f: string) => join(d, 'a', f);
    const b = (f: string) => join(d, 'b', f);
    const compare = (...args: string[]) => cli('src/cli/compare.ts', args);
    const balance = (...args: string[]) => cli('src/cli/balance.ts', args);
    const runs: [Promise<Run>, string][] = [
      [sim('--seed', '1', '--quiet', '--scenario', a('two-boxers.json'), '--out', a('model.json')), a('model.json')],
      [batch('--seeds', '1-2', '--scenario', a('two-boxers.json'), '--csv', a('model.json')), a('model.json')],
      [batch('--seeds', '1-2', '--doctrines', a('doctrines.json'), '--json', a('doctrines.json')), a('doctrines.json')],
      [
        balance('--equal', '--seeds', '1', '--doctrines', a('doctrines.json'), '--html', a('doctrines.json')),
        a('doctrines.json'),
      ],
      [
        balance('--equal', '--seeds', '1', '--scenario', a('two-boxers.json'), '--html', a('model.json')),
        a('model.json'),
      ],
      [
        compare(
          '--scenario',
          a('two-boxers.json'),
          '--against',
          b('two-boxers.json'),
          '--seeds',
          '1-2',
          '--csv',
          b('model.json'),
        ),
        b('model.json'),
      ],
    ];
    for (const [run, file] of runs) refused(await run, `is the input file ${file}`);
    for (const sub of ['a', 'b'])
      for (const f of ['two-boxers.json', 'model.json', 'doctrines.json'])
        expect(readFileSync(join(d, sub, f), 'utf8'), `${sub}/${f}`).toBe(readFileSync(join('scenarios', f), 'utf8'));
  });

  test('merge --json naming one of its inputs is refused', async () => {
    refused(await merge(part1, part2, '--json', part1), 'is the input file');
  });

  test('batch --csv DIR is refused at once, leaving nothing beside DIR', async () => {
    const d = caseDir('csv-dir');
    mkdirSync(join(d, 'DIR'));
    refused(await batch('--seeds', '1-2', '--csv', join(d, 'DIR')), 'it is a directory');
    expect(readdirSync(d)).toEqual(['DIR']);
  });

  test('sweep --csv DIR is refused before the sweep', async () => {
    const d = caseDir('sweep-dir');
    refused(await sweep('--set', 'us.resolve=40,60', '--seeds', '1-2', '--csv', d), 'it is a directory');
  });

  test('sim --out on a read-only file is refused and the file kept', async () => {
    const d = caseDir('sim-read-only');
    const f = join(d, 'replay.json');
    writeFileSync(f, OLD);
    chmodSync(f, 0o444);
    refused(await sim('--seed', '1', '--quiet', '--out', f), 'read-only');
    expect(readFileSync(f, 'utf8')).toBe(OLD);
  });

  test('batch --json on a read-only file is refused and the file kept', async () => {
    const d = caseDir('batch-read-only');
    const f = join(d, 'a.json');
    writeFileSync(f, OLD);
    chmodSync(f, 0o444);
    refused(await batch('--seeds', '1-2', '--json', f), 'read-only');
    expect(readFileSync(f, 'utf8')).toBe(OLD);
  });

  test('an output in a missing directory is refused before the games', async () => {
    refused(await batch('--seeds', '1-2', '--csv', join(dir, 'no', 'such', 'a.csv')), 'no such directory');
  });
});

// Each case starts a long run and waits for it to be well under way: slow when the whole suite shares the cores.
describe.concurrent('a kill in the middle leaves the old output and no temporary', { timeout: 180_000 }, () => {
  test('SIGTERM in the middle of a batch', async () => {
    const d = caseDir('kill-batch');
    const json = join(d, 'a.json');
    const csv = join(d, 'a.csv');
    writeFileSync(json, OLD);
    writeFileSync(csv, OLD);
    const run = started('src/cli/batch.ts', ['--seeds', '1-200000', '--workers', '2', '--json', json, '--csv', csv]);
    await temporaryAppears(d);
    await new Promise((r) => setTimeout(r, 300)); // rows are being written
    run.child.kill('SIGTERM');
    const end = await run.done;
    expect(end.signal).toBe('SIGTERM');
    expect(readFileSync(json, 'utf8')).toBe(OLD);
    expect(readFileSync(csv, 'utf8')).toBe(OLD);
    expect(temporaries(d)).toEqual([]);
  });

  test('SIGINT in the middle of a one-thread batch', async () => {
    const d = caseDir('int-batch');
    const json = join(d, 'a.json');
    writeFileSync(json, OLD);
    const run = started('src/cli/batch.ts', ['--seeds', '1-200000', '--workers', '1', '--json', json]);
    await temporaryAppears(d);
    await new Promise((r) => setTimeout(r, 300));
    run.child.kill('SIGINT');
    const end = await run.done;
    expect(end.signal).toBe('SIGINT');
    expect(readFileSync(json, 'utf8')).toBe(OLD);
    expect(temporaries(d)).toEqual([]);
  });

  test('Ctrl-C through the tsx command in a one-thread batch of strategist games: taken at once, no temporary left', async () => {
    const d = caseDir('int-tsx-batch');
    const json = join(d, 'a.json');
    writeFileSync(json, OLD);
    const players = ['--us', 'strategist:normal', '--iran', 'strategist:normal'];
    const run = started('src/cli/batch.ts', ['--seeds', '1-200', ...players, '--workers', '1', '--json', json], {
      tsxCli: true,
    });
    await temporaryAppears(d);
    await new Promise((r) => setTimeout(r, 1000)); // a strategist game is under way
    run.child.kill('SIGINT');
    const end = await run.done;
    // tsx reports the script's death by SIGINT as its own exit code 130; a script it had to kill would be 137.
    expect(end.code ?? end.signal, end.stderr).toBe(130);
    expect(readFileSync(json, 'utf8')).toBe(OLD);
    expect(temporaries(d)).toEqual([]);
  });

  test('SIGTERM in the middle of a sweep: the old --csv file is not emptied', async () => {
    const d = caseDir('kill-sweep');
    const csv = join(d, 'sweep.csv');
    writeFileSync(csv, OLD);
    const run = started('src/cli/sweep.ts', [
      '--set',
      'us.resolve=40,50,60',
      '--seeds',
      '1-100000',
      '--workers',
      '2',
      '--csv',
      csv,
    ]);
    // Startup and checking the variants take about a second of CPU; five mean the games are well under way.
    await cpuSecondsReach(run.child.pid!, 5);
    expect(readFileSync(csv, 'utf8')).toBe(OLD); // mid-run, before the kill: not emptied
    run.child.kill('SIGTERM');
    const end = await run.done;
    expect(end.code === 0).toBe(false);
    expect(readFileSync(csv, 'utf8')).toBe(OLD);
    expect(temporaries(d)).toEqual([]);
  });
  test('SIGTERM in the middle of a merge', async () => {
    const d = caseDir('kill-merge');
    const out = join(d, 'all.json');
    writeFileSync(out, OLD);
    // The second part is a pipe the test writes: its header arrives, then nothing, so the merge has begun writing
    // the first part's rows to its temporary and waits on the pipe for more, mid-write.
    const fifo = join(d, 'part2.fifo');
    execFileSync('mkfifo', [fifo]);
    const run = started('src/cli/merge.ts', [part1, fifo, '--json', out]);
    const ended = run.done.then((r) => {
      throw new Error(`the merge ended before the test wrote its pipe: ${r.stderr}`);
    });
    const writer = await Promise.race([open(fifo, 'w'), ended]); // resolves once the merge opens the pipe
    try {
      await writer.write(`${readFileSync(part2, 'utf8').split('\n')[0]}\n`);
      const firstRow = readFileSync(part1, 'utf8').split('\n')[1]!;
      expect(firstRow).toMatch(/^\{"seed":1,/);
      await temporaryHolds(d, firstRow);
      run.child.kill('SIGTERM');
      const end = await run.done;
      // Ended by the signal itself: the pipe it was reading (still open for writing here) did not hold it up.
      expect(end.signal, end.stderr).toBe('SIGTERM');
    } finally {
      await writer.close();
    }
    expect(readFileSync(out, 'utf8')).toBe(OLD);
    expect(temporaries(d)).toEqual([]);
  });
});

describe('the safe-write module', () => {
  test('a committed file appears whole; an aborted one leaves the old file and no temporary', () => {
    const d = caseDir('module');
    const f = join(d, 'f.txt');
    writeFileSync(f, OLD);
    const opened = openOutput(f);
    if (!opened.ok) throw new Error(opened.message);
    opened.file.write('new ');
    expect(readFileSync(f, 'utf8')).toBe(OLD);
    opened.file.abort();
    expect(readFileSync(f, 'utf8')).toBe(OLD);
    expect(writeFileSafely(f, 'new text').ok).toBe(true);
    expect(readFileSync(f, 'utf8')).toBe('new text');
    expect(temporaries(d)).toEqual([]);
    expect(openTemporaries()).toEqual([]);
  });

  test('checkOutputs names each kind of problem with its option', () => {
    const d = caseDir('check');
    const ro = join(d, 'ro.txt');
    writeFileSync(ro, OLD);
    chmodSync(ro, 0o444);
    const cases: [Parameters<typeof checkOutputs>, string | null][] = [
      [[[{ option: 'json', path: join(d, 'ok.json') }]], null],
      [[[{ option: 'json', path: d }]], `--json ${d}: cannot write: it is a directory`],
      [[[{ option: 'csv', path: ro }]], `--csv ${ro}: cannot write: the file is read-only`],
      [
        [
          [
            { option: 'json', path: join(d, 'a') },
            { option: 'csv', path: `${d}/../${d.split('/').pop()}/a` },
          ],
        ],
        'name the same file',
      ],
      [[[{ option: 'out', path: join(d, 'in.json') }], [join(d, 'in.json')]], 'is the input file'],
    ];
    for (const [args, says] of cases) {
      const problem = checkOutputs(...args);
      if (says === null) expect(problem).toBeNull();
      else expect(problem).toContain(says);
    }
    expect(existsSync(join(d, 'ok.json'))).toBe(false); // checking creates nothing
  });
});
