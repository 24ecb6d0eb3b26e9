import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { plural } from '../../src/engine/narrate.ts';
import { applyCombo, checkVariant, type Documents, parseSetting, type Setting } from '../../src/cli/set-path.ts';
import { shippedJson } from '../shipped.ts';
import { cli } from './support.ts';

/** Item 2 of the designer's-lab issue: limits on what a command accepts, and input it used to misread. */

const ROOT = join(import.meta.dirname, '../..');
const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as unknown;
// A variant is made from the scenario composed with its model, as sweep and compare read it.
const docs: Documents = { scenario: shippedJson('two-boxers'), doctrines: read('scenarios/doctrines.json') };
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'two-boxers-limits-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function setting(text: string): Setting {
  const s = parseSetting(docs, text);
  if ('message' in s) throw new Error(s.message);
  return s;
}

/** The variant made by one value of each setting (the first unless given), checked whole. */
const variant = (settings: Setting[], combo = settings.map(() => 0)) =>
  checkVariant(applyCombo(docs, settings, combo), docs, 'test');

describe('--workers', () => {
  test('above the core count is capped, with a message, and the summary is unchanged', async () => {
    const cores = availableParallelism();
    const [many, fit] = await Promise.all([
      cli('src/cli/batch.ts', ['--seeds', '1-6', '--workers', '1000']),
      cli('src/cli/batch.ts', ['--seeds', '1-6', '--workers', String(cores)]),
    ]);
    expect(many.code, many.stderr).toBe(0);
    expect(many.stderr).toContain(
      `--workers 1000: this machine has ${plural(cores, 'core')}, so ${plural(cores, 'thread is', 'threads are')} used`,
    );
    expect(many.stderr).toContain(`on ${plural(Math.min(cores, 6), 'thread')};`);
    expect(many.stdout).toBe(fit.stdout);
  });
});

describe('--set paths that reach an object prototype are refused', () => {
  test.each(['__proto__.x', 'constructor.prototype.x', 'us.__proto__.polluted', 'orders[0].constructor'])(
    '%s',
    (path) => {
      const parsed = parseSetting(docs, `${path}=1`);
      expect('message' in parsed && parsed.message).toContain('is not a field a scenario can have');
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  test('sweep --set __proto__.x=1 exits 1 with one line, and nothing is played', async () => {
    const run = await cli('src/cli/sweep.ts', ['--set', '__proto__.x=1', '--seeds', '1-2']);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['--set __proto__.x: "__proto__" is not a field a scenario can have']);
    expect(run.stdout).toBe('');
  });
});

describe('--set values that constrain each other are checked together', () => {
  test('turns=6 with every preset at 6 is one valid variant, though turns=6 alone is not', () => {
    expect(variant([setting('turns=6')]).ok).toBe(false);
    const both = variant([setting('turns=6'), setting('presets[0].turns=6'), setting('presets[1].turns=6')]);
    expect(both.ok).toBe(true);
    if (both.ok) expect([both.scenario.turns, ...both.scenario.presets.map((p) => p.turns)]).toEqual([6, 6, 6]);
  });

  test('sweep names the combination that does not fit', async () => {
    const run = await cli('src/cli/sweep.ts', [
      '--set',
      'turns=6,12',
      '--set',
      'presets[0].turns=6,8',
      '--set',
      'presets[1].turns=6',
      '--seeds',
      '1-2',
    ]);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      "--set turns=6 presets[0].turns=8 presets[1].turns=6: presets[0].turns: expected at most the scenario's 6 turns",
    ]);
  });
});

describe('--set addresses list entries by id', () => {
  test('orders[campaign].cost is the campaign order’s cost', () => {
    const s = setting('orders[campaign].cost=17');
    const orders = (docs.scenario as { orders: { type: string }[] }).orders;
    expect(s.segments).toEqual(['orders', orders.findIndex((o) => o.type === 'campaign'), 'cost']);
    const v = variant([s]);
    expect(v.ok && v.scenario.orders.find((o) => o.type === 'campaign')?.cost).toBe(17);
  });

  test('a base by its site, a group and a doctrine by id', () => {
    expect(setting('us.bases[erbil].garrison=10').segments.slice(0, 2)).toEqual(['us', 'bases']);
    const v = variant([setting('us.bases[erbil].garrison=10'), setting('doctrines[opportunist].traits.retaliation=5')]);
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.scenario.us.bases.find((b) => b.site === 'erbil')?.garrison).toBe(10);
      expect(v.book.doctrines.find((d) => d.id === 'opportunist')?.traits.retaliation).toBe(5);
    }
  });

  test('a doctrine id both sides use is refused, each entry named with its side and number; a number picks one', () => {
    const parsed = parseSetting(docs, 'doctrines[hawk].traits.retaliation=5');
    const book = (docs.doctrines as { doctrines: { id: string; side: string }[] }).doctrines;
    const us = book.findIndex((d) => d.id === 'hawk' && d.side === 'us');
    const iran = book.findIndex((d) => d.id === 'hawk' && d.side === 'iran');
    expect('message' in parsed && parsed.message).toBe(
      `--set doctrines[hawk].traits.retaliation: doctrines has 2 entries "hawk" (doctrines[${us}]: hawk (us), doctrines[${iran}]: hawk (iran)): pick one by its number`,
    );
    const before = (docs.doctrines as { doctrines: { traits: { retaliation: number } }[] }).doctrines[us]!.traits;
    const v = variant([setting(`doctrines[${iran}].traits.retaliation=5`)]);
    const hawks = v.ok ? v.book.doctrines.filter((d) => d.id === 'hawk') : [];
    expect(hawks.map((d) => [d.side, d.traits.retaliation])).toEqual([
      ['us', before.retaliation],
      ['iran', 5],
    ]);
  });

  test('an unknown entry is named with the ones there are', () => {
    const parsed = parseSetting(docs, 'orders[nothing].cost=1');
    expect('message' in parsed && parsed.message).toMatch(
      /orders has no entry "nothing" \(it has strike-site, campaign/,
    );
  });
});

describe('--set past the end of a list names what the list holds', () => {
  const withLists = (plans: number): Documents => {
    const scenario = structuredClone(docs.scenario) as { us: { plans: unknown[] } };
    const plan = scenario.us.plans[0];
    scenario.us.plans = Array.from({ length: plans }, () => plan);
    return { ...docs, scenario };
  };
  test.each([
    { entries: 3, says: '--set us.plans[5].turn: us.plans has 3 entries, numbered 0-2' },
    { entries: 1, says: '--set us.plans[5].turn: us.plans has 1 entry, numbered 0' },
    { entries: 0, says: '--set us.plans[5].turn: us.plans is empty' },
  ])('$entries entries', ({ entries, says }) => {
    expect(parseSetting(withLists(entries), 'us.plans[5].turn=1')).toEqual({ message: says });
  });
});

describe('a UTF-8 byte-order mark is read', () => {
  test('validate accepts a scenario saved with a BOM', async () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${JSON.stringify(shippedJson('two-boxers'), null, 2)}`);
    const run = await cli('src/cli/validate.ts', [file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${file}: OK`);
  });

  test('a BOM before broken JSON still names the line and column of the real problem', async () => {
    const file = join(dir, 'bom-broken.json');
    writeFileSync(file, '\uFEFF{\n  "id": 1,,\n}');
    const run = await cli('src/cli/validate.ts', [file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 2, column 11');
  });
});
