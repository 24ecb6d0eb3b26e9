/**
 * The replay tools: `npm run replay -- show|luck|fork|verify`, spawned as a user runs them, and the pieces they are
 * built from (replaying turn by turn, playing recorded orders in another world, playing on from a position).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { playMatch, playOn } from '../../src/ai/match.ts';
import { harasserIran, measuredUs } from '../../src/ai/simple.ts';
import {
  createGame,
  type GameState,
  hashState,
  makeReplay,
  type Order,
  parseReplay,
  type Replay,
  recordReplay,
  releaseInject,
  reseed,
  resolveOrders,
  type Scenario,
} from '../../src/engine/index.ts';
import { describeOrder } from '../../src/engine/narrate.ts';
import { keepLegal, playRecorded } from '../../src/analysis/recorded-orders.ts';
import { replayTurns } from '../../src/cli/replay-file.ts';
import { cli } from './support.ts';
import { shippedScenario } from '../shipped.ts';

const replayCli = (...args: string[]) => cli('src/cli/replay.ts', args);
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const hasStack = (text: string) => /^\s+at /m.test(text);

const scenario: Scenario = shippedScenario('two-boxers');

let dir = '';
let file = ''; // seed 42 between the simple policies, written by `npm run sim -- --out`
let replay: Replay;
let facilitated = ''; // a game with an inject and a ruling in its first turn

/** A game whose first turn carries a facilitator's inject and a ruling, played on by the simple policies. */
function facilitatedReplay(): Replay {
  const created = createGame(scenario, 'facilitated');
  if (!created.ok) throw new Error('cannot create a game');
  const card = scenario.cards[0]!.id;
  const released = releaseInject(scenario, created.value, { type: 'card', card });
  if (!released.ok) throw new Error(`inject refused: ${released.errors[0]?.message}`);
  const start = released.value.state;
  const iran: Order[] = [{ type: 'rocket-attack', group: 'kh', base: 'ain-al-asad', claim: 'osbat-al-thaereen' }];
  const plain = resolveOrders(scenario, start, [], iran);
  if (!plain.ok) throw new Error(`turn refused: ${plain.errors[0]?.message}`);
  const attack = plain.value.state.attacks[0];
  if (!attack) throw new Error('the rocket attack left no record to rule on');
  const ruled = resolveOrders(scenario, start, [], iran, [
    { type: 'attack-missed', attack: attack.id, reason: 'a test of the replay tools' },
  ]);
  if (!ruled.ok) throw new Error(`ruling refused: ${ruled.errors[0]?.message}`);
  const match = playOn(scenario, ruled.value.state, measuredUs, harasserIran, { keepLog: false });
  const recorded = recordReplay(scenario, match.state);
  if (!recorded.ok) throw new Error(`cannot record: ${recorded.errors[0]?.message}`);
  return recorded.value;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'two-boxers-replay-'));
  file = join(dir, 'seed-42.json');
  const run = await cli('src/cli/sim.ts', ['--seed', '42', '--quiet', '--out', file]);
  expect(run.code, run.stderr).toBe(0);
  const parsed = parseReplay(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error('sim wrote a replay that does not parse');
  replay = parsed.value;
  facilitated = join(dir, 'facilitated.json');
  writeFileSync(facilitated, makeReplay(facilitatedReplay()));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('replay verify and show', () => {
  test('verify prints the same line as sim --verify', async () => {
    const [a, b] = await Promise.all([replayCli('verify', file), cli('src/cli/sim.ts', ['--verify', file])]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toMatch(new RegExp(`^Replay OK: ${replay.turns.length} turns, final hash ${replay.finalHash}\n$`));
    expect(a.stdout).toBe(b.stdout);
  });

  test('show --turn prints that one turn, with the orders only that seat gave', async () => {
    const turn = replay.turns.findIndex((t) => t.us.length > 0 && t.iran.length > 0) + 1;
    expect(turn).toBeGreaterThan(0);
    const recorded = replay.turns[turn - 1]!;
    const seatRun = (seat: string) => replayCli('show', file, '--turn', String(turn), '--seat', seat);
    const [us, iran, all] = await Promise.all([seatRun('us'), seatRun('iran'), seatRun('facilitator')]);
    for (const run of [us, iran, all]) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.match(/^=== Turn /gm)).toHaveLength(1);
      expect(run.stdout).toContain(`=== Turn ${turn} of 12, week of `);
      expect(run.stdout).toMatch(/Ladder: rung \d+, /);
    }
    const usOrders = recorded.us.map((o) => `  - ${describeOrder(scenario, o)}`);
    const iranOrders = recorded.iran.map((o) => `  - ${describeOrder(scenario, o)}`);
    for (const o of usOrders) {
      expect(us.stdout).toContain(o);
      expect(all.stdout).toContain(o);
    }
    for (const o of iranOrders) {
      expect(iran.stdout).toContain(o);
      expect(all.stdout).toContain(o);
    }
    expect(us.stdout).not.toContain('Iran orders');
    expect(iran.stdout).not.toContain('Coalition orders');
  });

  test('each seat reads only what it knew: the US its assessments, Iran the truth, the facilitator both', async () => {
    const seatRun = (seat: string) => replayCli('show', file, '--seat', seat);
    const [us, iran, all, pub] = await Promise.all([
      seatRun('us'),
      seatRun('iran'),
      seatRun('facilitator'),
      seatRun('public'),
    ]);
    for (const run of [us, iran, all, pub]) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.match(/^=== Turn /gm)).toHaveLength(replay.turns.length);
      expect(run.stdout).toContain('The recorded game: ');
    }
    const truth = /The attack was the work of /;
    const assessment = /US intelligence: .* — /;
    expect(us.stdout).toMatch(assessment);
    expect(us.stdout).not.toMatch(truth);
    expect(iran.stdout).toMatch(truth);
    expect(iran.stdout).not.toMatch(assessment);
    expect(all.stdout).toMatch(truth);
    expect(all.stdout).toMatch(assessment);
    expect(pub.stdout).not.toMatch(truth);
    expect(pub.stdout).not.toMatch(assessment);
    // Iran's true figures (aggression, resources) are not on the US dashboard; its estimates are marked as such.
    expect(us.stdout).not.toMatch(/aggression \d|resources \d/);
    expect(us.stdout).toMatch(/strength ~\d+/);
    expect(iran.stdout).toMatch(/aggression \d+/);
    expect(iran.stdout).not.toMatch(/political capital \d/);
  });

  test("the facilitator's inject shows before the orders and the ruling among the events", async () => {
    const [all, us] = await Promise.all([
      replayCli('show', facilitated, '--turn', '1'),
      replayCli('show', facilitated, '--turn', '1', '--seat', 'us'),
    ]);
    expect(all.code, all.stderr).toBe(0);
    const card = scenario.cards[0]!;
    expect(all.stdout).toMatch(new RegExp(`Before the orders:\\n  Released by the facilitator: ${card.title}`));
    expect(all.stdout).toContain('a test of the replay tools');
    expect(us.stdout).toContain(`Released by the facilitator: ${card.title}`);
  });
});

/** The rows of an outcome table: result label to game count. */
function outcomeCounts(text: string, column = 0): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/^ {2}(Coalition wins|Iran wins|Draw|Shared loss) +(.*)$/gm)) {
    const numbers = [...m[2]!.matchAll(/(\d+) +\d+\.\d%/g)].map((x) => Number(x[1]));
    counts.set(m[1]!, numbers[column]!);
  }
  return counts;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe.concurrent('replay luck and fork', () => {
  test('luck counts every world once, marks the recorded result and says what it means, on any number of threads', async () => {
    const [a, b] = await Promise.all([
      replayCli('luck', file, '--seeds', '40', '--workers', '1'),
      replayCli('luck', file, '--seeds', '40', '--workers', '2'),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const counts = outcomeCounts(a.stdout);
    expect(counts.size).toBe(4);
    expect(sum(counts)).toBe(40);
    const marked = lines(a.stdout).filter((l) => l.includes('<- the recorded result'));
    expect(marked).toHaveLength(1);
    expect(a.stdout).toMatch(/^ {2}US +.* recorded -?\d+, above \d+% of worlds$/m);
    expect(a.stdout).toMatch(/^Dropped: (none|\d+ recorded inputs were illegal in \d+ of the 40 worlds)/m);
    expect(a.stdout).toMatch(/^In plain words: .+/m);
  }, 180_000); // two runs of 40 worlds: slow when the whole suite shares the cores

  test('luck is fork --at 1 with the recorded orders: the same worlds give the same results', async () => {
    const [luck, fork] = await Promise.all([
      replayCli('luck', file, '--seeds', '5-29', '--workers', '1'),
      replayCli('fork', file, '--at', '1', '--us', 'hawk', '--iran', 'harasser', '--seeds', '5-29', '--workers', '1'),
    ]);
    expect(luck.code, luck.stderr).toBe(0);
    expect(fork.code, fork.stderr).toBe(0);
    expect(sum(outcomeCounts(luck.stdout))).toBe(25);
    expect(outcomeCounts(fork.stdout, 0)).toEqual(outcomeCounts(luck.stdout));
  });

  test('fork prints both columns over the same futures, the same on one thread or two', async () => {
    const args = ['fork', file, '--at', '6', '--us', 'hawk', '--iran', 'harasser', '--seeds', '20', '--workers'];
    const [a, b] = await Promise.all([replayCli(...args, '1'), replayCli(...args, '2')]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout).toContain('Fork of seed 42 at turn 6: turns 1-5 as recorded');
    expect(a.stdout).toMatch(/recorded orders +hawk vs harasser/);
    expect(sum(outcomeCounts(a.stdout, 0))).toBe(20);
    expect(sum(outcomeCounts(a.stdout, 1))).toBe(20);
    expect(a.stdout).toMatch(/^In plain words: from turn 6, hawk vs harasser /m);
  });

  test('rulings are not carried into other worlds, and the report says so', async () => {
    const run = await replayCli('luck', facilitated, '--seeds', '10', '--workers', '1');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "Left out of every world: the facilitator's 1 ruling (it overruled a roll these worlds do not make).",
    );
  });
});

interface BadCase {
  name: string;
  args: (f: string) => string[];
  says: string | RegExp;
}

const badCases: BadCase[] = [
  { name: 'no subcommand', args: () => [], says: 'usage: npm run replay' },
  { name: 'an unknown subcommand', args: (f) => ['play', f], says: 'unknown subcommand "play"' },
  { name: 'no file', args: () => ['show'], says: 'which replay file?' },
  { name: 'a missing file', args: () => ['show', 'no/such/replay.json'], says: 'no/such/replay.json: cannot read' },
  {
    name: 'a device, which would be read forever',
    args: () => ['verify', '/dev/zero'],
    says: '/dev/zero: cannot read: it is not a regular file',
  },
  { name: 'an unknown option', args: (f) => ['luck', f, '--turn', '3'], says: 'unknown option --turn' },
  { name: '--turn out of range', args: (f) => ['show', f, '--turn', '13'], says: '--turn 13 is out of range' },
  {
    name: '--turn too large for a number, named as typed',
    args: (f) => ['show', f, '--turn', '99999999999999999999'],
    says: '--turn 99999999999999999999 is out of range',
  },
  { name: '--turn not a number', args: (f) => ['show', f, '--turn', 'last'], says: '--turn "last"' },
  { name: 'a bad seat', args: (f) => ['show', f, '--seat', 'iraq'], says: '--seat "iraq": expected us, iran' },
  {
    name: 'a backwards seed range',
    args: (f) => ['luck', f, '--seeds', '10-1'],
    says: '--seeds: the range 10-1 runs backwards',
  },
  { name: 'no seeds', args: (f) => ['luck', f, '--seeds', '0'], says: '--seeds: "0": expected at least one seed' },
  { name: 'no threads', args: (f) => ['luck', f, '--workers', '0'], says: '--workers: expected a whole number' },
  {
    name: 'fork without --at',
    args: (f) => ['fork', f, '--us', 'hawk', '--iran', 'harasser'],
    says: 'needs --at',
  },
  {
    name: '--at out of range',
    args: (f) => ['fork', f, '--at', '13', '--us', 'hawk', '--iran', 'harasser'],
    says: '--at 13 is out of range',
  },
  { name: 'fork without --iran', args: (f) => ['fork', f, '--at', '3', '--us', 'hawk'], says: 'needs --iran' },
  {
    name: 'an unknown player',
    args: (f) => ['fork', f, '--at', '3', '--us', 'nobody', '--iran', 'harasser'],
    says: 'unknown --us player "nobody"',
  },
];

describe.concurrent('bad input is one line and exit 1', () => {
  test.each(badCases)('$name', async ({ args, says }) => {
    const run = await replayCli(...args(file));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(hasStack(run.stderr)).toBe(false);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(says);
  });

  const fileCases: { name: string; text: (good: string) => string; says: string }[] = [
    { name: 'broken JSON', text: (good) => good.slice(0, 200), says: 'not valid JSON' },
    { name: 'a file that is no replay', text: () => '{"id": "two-boxers", "turns": 12}', says: 'not a replay file' },
    {
      name: 'a replay of another scenario',
      text: (good) => JSON.stringify({ ...JSON.parse(good), scenarioId: 'red-lines' }),
      says: 'recorded for scenario "red-lines"',
    },
    {
      name: 'a replay whose orders were edited',
      text: (good) => {
        const r = JSON.parse(good) as Replay;
        const i = r.turns.findIndex((t) => t.iran.length > 0);
        r.turns[i]!.iran = [];
        return JSON.stringify(r);
      },
      says: 'differs',
    },
  ];

  test.each(fileCases)('$name', async ({ name, text, says }) => {
    const bad = join(dir, `${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(bad, text(readFileSync(file, 'utf8')));
    const runs = await Promise.all([
      replayCli('show', bad),
      replayCli('luck', bad, '--workers', '1'),
      replayCli('fork', bad, '--at', '2', '--us', 'hawk', '--iran', 'harasser', '--workers', '1'),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(hasStack(run.stderr)).toBe(false);
      expect(lines(run.stderr)).toHaveLength(1);
      expect(run.stderr.startsWith(`${bad}: `)).toBe(true);
      expect(run.stderr).toContain(says);
    }
  });
});

describe('the pieces', () => {
  test('replaying turn by turn lands on every recorded hash', () => {
    const turns = replayTurns(scenario, replay);
    expect(turns.map((t) => hashState(t.after))).toEqual(replay.turns.map((t) => t.hash));
    expect(turns.map((t) => t.before.turn)).toEqual(turns.map((_, i) => i + 1));
  });

  test('the recorded orders under the recorded dice replay the recorded game, dropping nothing', () => {
    const created = createGame(scenario, replay.seed);
    if (!created.ok) throw new Error('cannot create');
    const same = reseed(created.value, replay.seed);
    expect(hashState(same)).toBe(hashState(created.value));
    const played = playRecorded(scenario, same, replay, { injects: true });
    expect(played.dropped).toEqual([]);
    expect(played.turnsBeyond).toBe(0);
    expect(hashState(played.state)).toBe(replay.finalHash);
  });

  test('reseeding changes the future and nothing else', () => {
    const created = createGame(scenario, replay.seed);
    if (!created.ok) throw new Error('cannot create');
    const other = reseed(created.value, `${replay.seed}/future/1`);
    expect(other.rng).not.toEqual(created.value.rng);
    expect({ ...other, rng: null }).toEqual({ ...created.value, rng: null });
  });

  test('an order the world no longer allows is dropped with its reason; the others stand', () => {
    const created = createGame(scenario, 'drops');
    if (!created.ok) throw new Error('cannot create');
    const state: GameState = created.value;
    const gone = state.us.bases.find((b) => b.handedOver)!;
    const held = state.us.bases.find((b) => !b.handedOver)!;
    const fire = (base: string): Order => ({ type: 'rocket-attack', group: 'kh', base, claim: 'open' });
    const kept = keepLegal(scenario, state, 'iran', [fire(gone.site), { type: 'info-operation' }]);
    expect(kept.kept).toEqual([{ type: 'info-operation' }]);
    expect(kept.dropped).toHaveLength(1);
    expect(kept.dropped[0]!.reason).toContain('handed over');
    const legal = [fire(held.site), { type: 'info-operation' } as Order];
    expect(keepLegal(scenario, state, 'iran', legal)).toEqual({ kept: legal, dropped: [] });
    const poor: GameState = { ...state, iran: { ...state.iran, resources: 0 } };
    const broke = keepLegal(scenario, poor, 'iran', legal);
    expect(broke.kept.length).toBeLessThan(legal.length);
    expect(broke.dropped.length + broke.kept.length).toBe(legal.length);
  });

  test('playOn from a position of a match, with its seed, ends where the match ended', () => {
    const match = playMatch(scenario, 'carry-on', measuredUs, harasserIran, { keepLog: false });
    const recorded = recordReplay(scenario, match.state);
    if (!recorded.ok) throw new Error('cannot record');
    const position = replayTurns(scenario, recorded.value)[5]!.before;
    const rest = playOn(scenario, position, measuredUs, harasserIran, { keepLog: false });
    expect(hashState(rest.state)).toBe(hashState(match.state));
    const other = playOn(scenario, position, measuredUs, harasserIran, { aiSeed: 'carry-on/future/1', keepLog: false });
    expect(other.state.history.slice(0, 5)).toEqual(match.state.history.slice(0, 5));
  });
});
