import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli } from './support.ts';

/** Item 4 of the designer's-lab issue: batch and sweep take --doctrines FILE, and sweep can sweep doctrine traits. */

const ROOT = join(import.meta.dirname, '../..');
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

let dir = '';
let book = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'two-boxers-doctrines-'));
  // A book with one more US doctrine: the measured one, renamed and made trigger-happy.
  const shipped = JSON.parse(readFileSync(join(ROOT, 'scenarios/doctrines.json'), 'utf8')) as {
    doctrines: { id: string; label: string; traits: Record<string, number> }[];
  };
  const measured = shipped.doctrines.find((d) => d.id === 'measured')!;
  shipped.doctrines.push({ ...structuredClone(measured), id: 'trigger', label: 'Trigger' });
  shipped.doctrines.at(-1)!.traits.retaliation = 95;
  book = join(dir, 'book.json');
  writeFileSync(book, JSON.stringify(shipped));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('--doctrines', () => {
  test("batch plays a doctrine of the file given, and its results file names the file's hash", async () => {
    const json = join(dir, 'trigger.json');
    const run = await cli('src/cli/batch.ts', [
      '--seeds',
      '1-4',
      '--doctrines',
      book,
      '--us',
      'trigger',
      '--json',
      json,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('US trigger vs Iran harasser');
    const header = JSON.parse(readFileSync(json, 'utf8')) as { run: { doctrines?: string } };
    expect(header.run.doctrines).toMatch(/^[0-9a-f]+$/);
  });

  test('without the file that doctrine is unknown', async () => {
    const run = await cli('src/cli/batch.ts', ['--seeds', '1-2', '--us', 'trigger']);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('unknown --us player "trigger"');
  });

  test('sweep sweeps a doctrine trait of the file given, one row per value', async () => {
    const csv = join(dir, 'sweep.csv');
    const run = await cli('src/cli/sweep.ts', [
      '--doctrines',
      book,
      '--us',
      'trigger',
      '--set',
      'doctrines[trigger].traits.retaliation=0,95',
      '--seeds',
      '1-30',
      '--csv',
      csv,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const [head, ...rows] = lines(readFileSync(csv, 'utf8')).map((l) => l.split(','));
    expect(head![0]).toBe('doctrines[trigger].traits.retaliation');
    expect(rows.map((r) => r[0])).toEqual(['0', '95']);
    // A doctrine that never retaliates escalates less than one that nearly always does, on the same seeds.
    const escalation = rows.map((r) => Number(r[head!.indexOf('escalationUs')]));
    expect(escalation[1]).toBeGreaterThan(escalation[0]!);
  });

  test('a trait the doctrine schema refuses is named with its path', async () => {
    const run = await cli('src/cli/sweep.ts', [
      '--set',
      'doctrines[opportunist].traits.retaliation=5000',
      '--seeds',
      '1-2',
    ]);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('--set doctrines[opportunist].traits.retaliation=5000: doctrines[');
  });
});
