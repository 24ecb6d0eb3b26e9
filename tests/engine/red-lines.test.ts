/**
 * The Red Lines history scenario: it parses, its record of history's orders is checked against the scenario (and a
 * broken record is refused with the JSON path), the first week's orders are legal in a seeded game, the backtest
 * prints every marker and refuses bad input with one line, and the generated field reference is in step with the
 * schema.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fieldReference, withReference } from '../../scripts/gen-scenario-doc.ts';
import {
  createGame,
  formatErrors,
  parseScenario,
  type Scenario,
  type ScenarioInput,
  scenarioFileJsonSchema,
  validateOrders,
} from '../../src/engine/index.ts';
import { MARKER_MEASURES } from '../../src/engine/scenario.ts';
import { cli } from '../cli/support.ts';
import { shippedJson } from '../shipped.ts';

const ROOT = join(import.meta.dirname, '../..');
const RED_LINES = 'scenarios/red-lines.json';

const raw = (): ScenarioInput => shippedJson('red-lines');

function parse(input: unknown): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(formatErrors(parsed.errors));
  return parsed.value;
}

const SCENARIO = parse(raw());

const backtest = (...args: string[]) => cli('src/cli/backtest.ts', args);
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

describe('the Red Lines scenario', () => {
  test('parses, with a record for every week and markers inside the game', () => {
    expect(SCENARIO.id).toBe('red-lines');
    expect(SCENARIO.startDate).toBe('2019-12-23');
    expect(SCENARIO.record?.map((w) => w.turn)).toEqual(Array.from({ length: SCENARIO.turns }, (_, i) => i + 1));
    const markers = SCENARIO.markers ?? [];
    expect(markers.length).toBeGreaterThan(10);
    for (const m of markers) expect(m.turn).toBeLessThanOrEqual(SCENARIO.turns);
    // The markers the brief names: the vote after the killings, anger after each strike, the January peak, the handovers.
    const measures = new Set(markers.map((m) => m.measure));
    for (const m of ['vote-passed', 'consent-change', 'peak-turn', 'bases-held'] as const)
      expect(measures).toContain(m);
  });

  test('starts before the precedents of the winter were broken, with no Patriots and no front', () => {
    expect(SCENARIO.ladder.brokenBefore).toEqual({ usDeath: false, leaderKilled: false, stateStrike: false });
    expect(SCENARIO.us.bases.every((b) => !b.handedOver && b.airDefence !== 'patriot')).toBe(true);
    expect(SCENARIO.iran.fronts).toEqual([]);
  });

  test("the first week's recorded orders are legal in a seeded game", () => {
    const week = SCENARIO.record?.find((w) => w.turn === 1);
    expect(week).toBeDefined();
    for (const seed of ['1', '2', '3']) {
      const game = createGame(SCENARIO, seed);
      if (!game.ok) throw new Error(formatErrors(game.errors));
      for (const side of ['us', 'iran'] as const) {
        const checked = validateOrders(
          SCENARIO,
          game.value,
          side,
          week![side].map((e) => e.order),
        );
        expect(checked.ok, checked.ok ? '' : formatErrors(checked.errors)).toBe(true);
      }
    }
  });

  test('the validate command accepts it', async () => {
    const run = await cli('src/cli/validate.ts', [RED_LINES]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^scenarios\/red-lines\.json: OK/);
  });
});

type Patch = (s: ScenarioInput) => void;
const weekOf = (s: ScenarioInput, turn: number) => {
  const week = s.record?.find((w) => w.turn === turn);
  if (!week) throw new Error(`no week ${turn}`);
  return week;
};

const BROKEN: [string, Patch, string, RegExp][] = [
  [
    'an order naming a group the scenario lacks',
    (s) => {
      weekOf(s, 1).iran[0]!.order = { type: 'lethal-barrage', group: 'hamas', base: 'k1', claim: 'unclaimed' };
    },
    'record[0].iran[0].order.group',
    /unknown group "hamas"/,
  ],
  [
    'an order naming a base of another scenario',
    (s) => {
      weekOf(s, 13).us[0]!.order = { type: 'hand-over-base', base: 'camp-victory' };
    },
    'record[12].us[0].order.base',
    /unknown base "camp-victory"/,
  ],
  [
    'an Iranian order in the US list',
    (s) => {
      weekOf(s, 4).us[0]!.order = { type: 'public-threat' };
    },
    'record[3].us[0].order.type',
    /not a US order/,
  ],
  [
    'a date outside its week',
    (s) => {
      weekOf(s, 2).us[0]!.date = '2020-01-08';
    },
    'record[1].us[0].date',
    /not in turn 2 \(2019-12-30 to 2020-01-05\)/,
  ],
  [
    'a claim by a front created the same week',
    (s) => {
      const taji = weekOf(s, 12).iran[0]!.order;
      if (taji.type !== 'lethal-barrage') throw new Error('expected the Taji barrage first in week 12');
      taji.claim = 'front-1';
    },
    'record[11].iran[0].order.claim',
    /unknown front "front-1"/,
  ],
  [
    'more orders than a side may give',
    (s) => {
      const week = weekOf(s, 14);
      week.us.push({ ...week.us[0]!, order: { type: 'sanctions' } });
    },
    'record[13].us',
    /at most ordersPerTurn \(3\)/,
  ],
  [
    'an order of the wrong shape',
    (s) => {
      (weekOf(s, 1).us[0] as { order: unknown }).order = { type: 'strike-site' };
    },
    'record[0].us[0].order.site',
    /.+/,
  ],
  [
    'a marker dated outside its turn',
    (s) => {
      s.markers![0]!.turn = 2;
    },
    'markers[0].date',
    /not in turn 2/,
  ],
  [
    'a week after the last turn, named once on the week, not on each of its orders',
    (s) => {
      s.record![13]!.turn = s.turns + 1;
    },
    'record[13].turn',
    /turn \d+ is after the scenario's last turn/,
  ],
  [
    'a week recorded twice',
    (s) => {
      s.record![1]!.turn = 1;
    },
    'record[1].turn',
    /recorded twice/,
  ],
];

describe('a broken record is refused with its JSON path', () => {
  test.each(BROKEN)('%s', (_name, patch, path, message) => {
    const s = raw();
    patch(s);
    const parsed = parseScenario(s);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const hit = parsed.errors.find((e) => e.path === path);
    expect(hit, formatErrors(parsed.errors)).toBeDefined();
    expect(hit!.message).toMatch(message);
  });
});

test('a week after the last turn is one problem, on the week', () => {
  const s = raw();
  s.record![13]!.turn = s.turns + 1;
  const parsed = parseScenario(s);
  const late = parsed.ok ? [] : parsed.errors.filter((e) => / is after the scenario's last turn/.test(e.message));
  expect(late.map((e) => e.path)).toEqual(['record[13].turn']);
});

describe('npm run backtest', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'two-boxers-backtest-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('replays history on a few seeds, the same way twice, and prints every marker', async () => {
    const [a, b] = await Promise.all([backtest('--seeds', '1-6'), backtest('--seeds', '1-6')]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout).toContain('seeds 1-6 (6 games of 14 turns)');
    for (const m of SCENARIO.markers ?? []) {
      const row = a.stdout.split('\n').find((l) => l.startsWith(m.date) && l.includes(m.label));
      expect(row, `no row for ${m.id}`).toBeDefined();
      expect(row).toMatch(/\d+%\s+(close|partly|far)$/);
    }
    expect(a.stdout).toMatch(/^Summary: \d+ markers: \d+ close, \d+ partly, \d+ far/m);
  });

  test('--markdown prints the same rows as a table', async () => {
    const run = await backtest('--seeds', '3', '--markdown');
    expect(run.code, run.stderr).toBe(0);
    const rows = run.stdout.split('\n').filter((l) => l.startsWith('| 20'));
    expect(rows).toHaveLength(SCENARIO.markers?.length ?? 0);
  });

  const scenarioFile = (name: string, patch: Patch): string => {
    const s = raw();
    patch(s);
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(s));
    return file;
  };

  const BAD: [string, () => string[], RegExp][] = [
    ['an unknown option', () => ['--sed', '4'], /unknown option --sed/],
    ['a stray argument', () => ['1-5'], /unexpected argument "1-5"/],
    [
      'seeds that are not a range',
      () => ['--seeds', 'ten'],
      /--seeds: expected a range like 1-10000 or a count like 1000, got "ten"/,
    ],
    ['a range that ends before it starts', () => ['--seeds', '9-3'], /--seeds: the range 9-3 runs backwards/],
    ['no seeds at all', () => ['--seeds', '0'], /at least one seed/],
    ['a missing file', () => ['--scenario', 'scenarios/nope.json'], /nope\.json: cannot read: no such file/],
    ['a scenario without a record', () => ['--scenario', 'scenarios/two-boxers.json'], /has no record/],
    [
      'a replay file instead of a scenario',
      () => ['--scenario', 'tests/fixtures/golden-1.replay.json'],
      /more problems/,
    ],
    [
      'a record written for another scenario',
      () => [
        '--scenario',
        scenarioFile('other.json', (s) => {
          weekOf(s, 13).us[0]!.order = { type: 'hand-over-base', base: 'camp-victory' };
        }),
      ],
      /record\[12\]\.us\[0\]\.order\.base: unknown base "camp-victory"/,
    ],
    [
      'a scenario without markers',
      () => [
        '--scenario',
        scenarioFile('no-markers.json', (s) => {
          delete s.markers;
        }),
      ],
      /has no markers/,
    ],
  ];

  test.concurrent.each(BAD)('%s: one line, exit 1', async (_name, args, message) => {
    const run = await backtest(...args());
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('the scenario format page', () => {
  test('its generated field reference is in step with the schema', () => {
    const page = readFileSync(join(ROOT, 'docs/scenario-format.md'), 'utf8');
    const regenerated = withReference(page, scenarioFileJsonSchema());
    expect(regenerated.ok).toBe(true);
    if (regenerated.ok) expect(regenerated.text, 'run npm run schema').toBe(page);
  });

  test('the reference names every top-level field and every marker measure', () => {
    const schema = scenarioFileJsonSchema() as { properties: Record<string, unknown> };
    const reference = fieldReference(schema);
    for (const field of Object.keys(schema.properties)) expect(reference).toContain(`| \`${field}\` |`);
    for (const measure of Object.keys(MARKER_MEASURES)) expect(reference).toContain(`\`${measure}\``);
    expect(reference).toContain('### Order objects');
  });

  test('a page without the markers is refused, not overwritten', () => {
    const result = withReference('# A page\n\nNo markers here.\n', scenarioFileJsonSchema());
    expect(result.ok).toBe(false);
  });
});
