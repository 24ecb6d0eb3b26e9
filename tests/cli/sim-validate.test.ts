import { aiIds } from '../../src/ai/registry.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { playMatch } from '../../src/ai/match.ts';
import { harasserIran, measuredUs } from '../../src/ai/simple.ts';
import type { GameEvent, Scenario } from '../../src/engine/index.ts';
import { describeOrder, narrate } from '../../src/engine/narrate.ts';
import { shippedJson, shippedScenario } from '../shipped.ts';
import { cli } from './support.ts';

const SCENARIO = 'scenarios/two-boxers.json';

const sim = (...args: string[]) => cli('src/cli/sim.ts', args);
const validate = (...args: string[]) => cli('src/cli/validate.ts', args);
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const hasStack = (text: string) => /^\s+at /m.test(text);

let dir = '';
let replayFile = '';
let replayText = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'two-boxers-cli-'));
  replayFile = join(dir, 'replay.json');
  const run = await sim('--seed', '42', '--quiet', '--out', replayFile);
  expect(run.code, run.stderr).toBe(0);
  replayText = readFileSync(replayFile, 'utf8');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('sim', () => {
  test('plays seed 42 the same way twice, ending with the final hash', async () => {
    const [a, b] = await Promise.all([sim('--seed', '42'), sim('--seed', '42')]);
    expect(a.code, a.stderr).toBe(0);
    const hash = /^Final hash: ([0-9a-f]{14})$/m.exec(a.stdout)?.[1];
    expect(hash).toBeDefined();
    expect(b.stdout).toContain(`Final hash: ${hash}`);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout).toContain('=== Turn 1 of 12');
  });

  test('without --seed exits 1 with one line', async () => {
    const run = await sim();
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('--seed');
  });

  test('an unknown policy is one line naming the valid ones', async () => {
    const run = await sim('--seed', '1', '--iran', 'nobody');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([`unknown --iran policy "nobody": expected one of ${aiIds('iran').join(', ')}`]);
  });

  test('--out then --verify succeeds', async () => {
    const run = await sim('--verify', replayFile);
    expect(run.code, run.stderr).toBe(0);
    const final = JSON.parse(replayText).finalHash as string;
    expect(run.stdout.trim()).toMatch(new RegExp(`^Replay OK: \\d+ turns, final hash ${final}$`));
  });
});

type Json = Record<string, unknown>;
const dig = (value: unknown, path: readonly (string | number)[]): Json => {
  let v = value;
  for (const key of path) v = (v as Json)[key];
  return v as Json;
};

interface TamperCase {
  name: string;
  tamper: (replay: Json) => string; // edits the replay and returns text each error line must contain
  text?: (good: string) => string; // or rewrites the file's text
}

const tamperCases: TamperCase[] = [
  {
    name: "a turn's hash changed",
    tamper: (r) => {
      const turn = dig(r, ['turns', 2]);
      turn.hash = (turn.hash as string).startsWith('0') ? '11111111111111' : '00000000000000';
      return 'turn 3';
    },
  },
  {
    name: "a side's orders changed",
    tamper: (r) => {
      const turns = r.turns as Json[];
      const i = turns.findIndex((t) => (t.iran as unknown[]).length > 0);
      dig(turns, [i]).iran = [];
      return `turn ${i + 1}`;
    },
  },
  {
    name: 'another scenario id',
    tamper: (r) => {
      r.scenarioId = 'red-lines';
      return 'red-lines';
    },
  },
  {
    name: 'a truncated file',
    tamper: () => 'not valid JSON',
    text: (good) => good.slice(0, Math.floor(good.length / 2)),
  },
];

describe.concurrent('sim --verify refuses a bad replay', () => {
  test.each(tamperCases)('$name', async ({ name, tamper, text }) => {
    const replay = JSON.parse(replayText) as Json;
    const expected = tamper(replay);
    const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, text ? text(replayText) : JSON.stringify(replay));
    const run = await sim('--verify', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(hasStack(run.stderr)).toBe(false);
    expect(lines(run.stderr).length).toBeGreaterThan(0);
    for (const line of lines(run.stderr)) {
      expect(line.startsWith(`${file}: `)).toBe(true);
      expect(line).toContain(expected);
    }
  });
});

interface BrokenScenario {
  name: string;
  edit: (s: Json) => void;
  path: string; // the JSON path the error must name
}

const brokenScenarios: BrokenScenario[] = [
  {
    name: 'a missing field',
    edit: (s) => {
      delete s.turns;
    },
    path: 'turns',
  },
  {
    name: 'a wrong type',
    edit: (s) => {
      s.ordersPerTurn = 'two';
    },
    path: 'ordersPerTurn',
  },
  {
    name: 'an unknown base as the hub',
    edit: (s) => {
      dig(s, ['us']).hub = 'nowhere';
    },
    path: 'us.hub',
  },
  {
    name: "an unknown group as a front's sponsor",
    edit: (s) => {
      dig(s, ['iran', 'fronts', 0]).sponsor = 'nobody';
    },
    path: 'iran.fronts[0].sponsor',
  },
  {
    name: 'a percentage out of range',
    edit: (s) => {
      dig(s, ['baghdad']).consent = 150;
    },
    path: 'baghdad.consent',
  },
  {
    name: 'a proxy site listed twice',
    edit: (s) => {
      const sites = dig(s, ['iran']).proxySites as Json[];
      sites.push({ ...sites[0]! });
    },
    path: 'iran.proxySites[7].site',
  },
  {
    name: 'an economic site listed twice',
    edit: (s) => {
      const sites = dig(s, ['iran']).economicSites as string[];
      sites.push(sites[0]!);
    },
    path: 'iran.economicSites[1]',
  },
  {
    name: 'two presets of one id',
    edit: (s) => {
      const presets = s.presets as Json[];
      presets.splice(1, 0, { ...presets[0]!, name: 'Another' }); // second in the list, whatever follows it
    },
    path: 'presets[1].id',
  },
  {
    name: 'a front whose id is a claim keyword',
    edit: (s) => {
      dig(s, ['iran', 'fronts', 0]).id = 'open';
    },
    path: 'iran.fronts[0].id',
  },
  {
    name: 'the hub that can be handed over',
    edit: (s) => {
      const us = dig(s, ['us']);
      const bases = us.bases as Json[];
      bases.find((b) => b.site === us.hub)!.canHandOver = true;
    },
    path: 'us.bases[0].canHandOver',
  },
  {
    name: 'the embassy that can be handed over',
    edit: (s) => {
      dig(s, ['us', 'bases', 3]).canHandOver = true;
    },
    path: 'us.bases[3].canHandOver',
  },
  {
    name: 'an order type missing',
    edit: (s) => {
      s.orders = (s.orders as Json[]).filter((o) => o.type !== 'envoy');
    },
    path: 'orders',
  },
];

describe.concurrent('validate', () => {
  test('the Two Boxers scenario is valid', async () => {
    const run = await validate(SCENARIO);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^scenarios\/two-boxers\.json: OK \(\d+ orders, \d+ sites, \d+ cards\)$/m);
  });

  test.each(brokenScenarios)('refuses $name, naming $path', async ({ name, edit, path }) => {
    const scenario = shippedJson('two-boxers') as Json;
    edit(scenario);
    const file = join(dir, `scenario-${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(scenario, null, 2));
    const run = await validate(file);
    expect(run.code).toBe(1);
    expect(hasStack(run.stderr)).toBe(false);
    expect(lines(run.stderr).some((l) => l.startsWith(`${file}: ${path}: `))).toBe(true);
  });

  test('a file that is not JSON names the line', async () => {
    const file = join(dir, 'not-json.json');
    writeFileSync(file, '{\n  "id": "x",\n  oops\n}\n');
    const run = await validate(file);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('line 3');
  });
});

describe.concurrent('schema', () => {
  test('scenarios/scenario.schema.json is up to date', async () => {
    const run = await cli('scripts/gen-schema.ts', ['--check']);
    expect(run.code, run.stderr).toBe(0);
  });
});

describe('narrate', () => {
  const scenario: Scenario = shippedScenario('two-boxers');
  const none = { usKilled: 0, usWounded: 0, iraqiForcesKilled: 0, civiliansKilled: 0, proxiesKilled: 0 };

  const cases: { name: string; event: GameEvent; text: string }[] = [
    {
      name: 'an attack',
      event: {
        audience: 'all',
        type: 'attack',
        attackId: 1,
        kind: 'rocket-attack',
        target: 'taji',
        projectiles: 6,
        intercepted: 2,
        hits: 1,
        caught: false,
        casualties: { ...none, usKilled: 1, usWounded: 3 },
      },
      text: 'Rockets (6 fired, 2 intercepted, 1 hit) struck Camp Taji: 1 American killed, 3 wounded.',
    },
    {
      name: 'a claim',
      event: { audience: 'all', type: 'claimed', attackId: 1, claim: 'osbat-al-thaereen', name: 'Osbat al-Thaereen' },
      text: 'Osbat al-Thaereen claimed the attack.',
    },
    {
      name: 'an attribution',
      event: { audience: 'us', type: 'attributed', attackId: 1, suspect: 'kh', confidence: 700, word: 'likely' },
      text: 'US intelligence: Kataib Hezbollah was behind it — likely (55-80%).',
    },
    {
      name: 'a rung change',
      event: { audience: 'all', type: 'rung', from: 6, to: 7, pressure: 40, cause: 'pressure' },
      text: 'The ladder climbed from Significant mobilization (6) to Harassment and pressure (7).',
    },
    {
      name: 'a front created in play, named from the pool',
      event: { audience: 'all', type: 'evidence', front: 'front-1', deniability: 30 },
      text: 'Washington published evidence about Saraya Nida al-Furat: its deniability fell to 30.',
    },
  ];

  test.each(cases)('$name', ({ event, text }) => {
    expect(narrate(scenario, event, 'facilitator')).toBe(text);
  });

  test('a seat reads nothing it may not see', () => {
    const event: GameEvent = { audience: 'iran', type: 'perpetrator', attackId: 1, group: 'kh', autonomous: false };
    expect(narrate(scenario, event, 'us')).toBeNull();
    expect(narrate(scenario, event, 'iran')).toContain('Kataib Hezbollah');
  });

  test('describes orders by their display names', () => {
    expect(
      describeOrder(scenario, { type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'osbat-al-thaereen' }),
    ).toBe('Fire harassment rockets at Camp Taji (Kataib Hezbollah, claimed by Osbat al-Thaereen)');
  });

  test('every event of a few games reads as a sentence for every seat', () => {
    for (const seed of ['1', '2', '3', '4', '5']) {
      const match = playMatch(scenario, seed, measuredUs, harasserIran);
      for (const turn of match.turns)
        for (const event of turn.events)
          for (const seat of ['us', 'iran', 'facilitator'] as const) {
            const text = narrate(scenario, event, seat);
            if (text !== null) expect(text).toMatch(/^\S.*[.!?]$/s);
          }
    }
  });
});
