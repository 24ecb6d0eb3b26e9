import { setAutoFreeze } from 'immer';
import { playMatch } from '../ai/match.ts';
import { AI_PLAYERS } from '../ai/registry.ts';
import { aiDice, harasserIran, measuredUs } from '../ai/simple.ts';
import {
  createGame,
  type GameState,
  playTurn,
  recordReplay,
  type Scenario,
  verifyReplay,
  viewFor,
} from '../engine/index.ts';
import { setStateFreezing } from '../engine/resolve.ts';
import { die, loadScenario, parseArgs, runMain } from './args.ts';

/**
 * Engine throughput, measured in-process: `npm run bench [-- --scenario FILE]`. Speed is measured here and never
 * asserted in tests (timings on a shared machine are noise); the targets from DESIGN.md are printed beside each.
 */

// Batch runs skip freezing, as DESIGN.md says: freezing catches mutation in tests and the UI, and costs time here.
setAutoFreeze(false);
setStateFreezing(false);

const RUNS = 5;

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Times `body` (which does `n` units of work) once to warm up, then RUNS times; the median ms per unit. */
function measure(n: number, body: () => void): number {
  body();
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    body();
    times.push((performance.now() - t0) / n);
  }
  return median(times);
}

// Consumes results so the JIT cannot drop the work as dead code.
let sink = 0;

function games(scenario: Scenario, count: number): { msPerGame: number; msPerTurn: number } {
  let turns = 0;
  let seed = 0;
  const msPerGame = measure(count, () => {
    turns = 0;
    for (let i = 0; i < count; i++) {
      const m = playMatch(scenario, `bench-${seed++}`, measuredUs, harasserIran, { keepLog: false });
      turns += m.state.history.length;
    }
  });
  sink += turns;
  return { msPerGame, msPerTurn: (msPerGame * count) / turns };
}

/** A full game between the simple policies, for the replay and view benchmarks. */
function sampleGame(scenario: Scenario): GameState {
  return playMatch(scenario, 'bench-sample', measuredUs, harasserIran, { keepLog: false }).state;
}

function midGame(scenario: Scenario, final: GameState): GameState {
  const created = createGame(scenario, final.seed);
  if (!created.ok) throw new Error(created.errors[0]?.message);
  let state = created.value;
  for (const record of final.history.slice(0, Math.floor(final.history.length / 2))) {
    const next = playTurn(scenario, state, record.orders.us, record.orders.iran);
    if (!next.ok) throw new Error(next.errors[0]?.message);
    state = next.value;
  }
  return state;
}

/**
 * AI decision times: every computer player decides for both sides at every turn of one seeded game (the simple
 * policies'), once to warm up and once timed; the median and the 90th percentile per player kind, in ms.
 */
function aiTimes(scenario: Scenario, final: GameState): { id: string; median: number; p90: number }[] {
  const created = createGame(scenario, final.seed);
  if (!created.ok) throw new Error(created.errors[0]?.message);
  const views: ReturnType<typeof viewFor>[] = [];
  let state = created.value;
  for (const record of final.history) {
    views.push(viewFor(scenario, state, 'us', false), viewFor(scenario, state, 'iran', false));
    const next = playTurn(scenario, state, record.orders.us, record.orders.iran);
    if (!next.ok) throw new Error(next.errors[0]?.message);
    state = next.value;
  }
  const groups = new Map<string, number[]>();
  for (const player of AI_PLAYERS) {
    const key = player.kind === 'doctrine' ? 'doctrines (all)' : player.id;
    const times = groups.get(key) ?? [];
    groups.set(key, times);
    for (const view of views.filter((v) => v.seat === player.side)) {
      const decide = () => player.policy(scenario, view, aiDice('bench', player.side, view.turn));
      sink += decide().orders.length; // warm-up
      const t0 = performance.now();
      sink += decide().orders.length;
      times.push(performance.now() - t0);
    }
  }
  const pick = (xs: number[], q: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? Number.NaN;
  return [...groups].map(([id, xs]) => ({ id, median: pick(xs, 0.5), p90: pick(xs, 0.9) }));
}

function main(): void {
  const parsed = parseArgs(process.argv.slice(2), { values: ['scenario', 'games'] });
  if (!parsed.ok) die(parsed.message);
  const scenario = loadScenario(parsed.args.values.get('scenario') ?? 'scenarios/two-boxers.json');
  const count = Number(parsed.args.values.get('games') ?? '400');
  if (!Number.isInteger(count) || count < 1) die('--games: expected a whole number of games per run');

  const { msPerGame, msPerTurn } = games(scenario, count);

  const final = sampleGame(scenario);
  const recorded = recordReplay(scenario, final);
  if (!recorded.ok) throw new Error(recorded.errors[0]?.message);
  // Verified from parsed JSON, as a file or a share link arrives.
  const replayJson: unknown = JSON.parse(JSON.stringify(recorded.value));
  const verifyMs = measure(50, () => {
    for (let i = 0; i < 50; i++) {
      const v = verifyReplay(scenario, replayJson);
      if (!v.ok) throw new Error(v.errors[0]?.message);
      sink += v.value.hashes.length;
    }
  });

  const mid = midGame(scenario, final);
  const viewUs = (seat: 'us' | 'iran') =>
    measure(500, () => {
      for (let i = 0; i < 500; i++) sink += viewFor(scenario, mid, seat).legalOrders.length;
    }) * 1000;
  const viewUsUs = viewUs('us');
  const viewIranUs = viewUs('iran');

  const rows: [string, string, string][] = [
    ['12-turn games per second', (1000 / msPerGame).toFixed(0), '>= 2000'],
    ['ms per turn', msPerTurn.toFixed(4), ''],
    [`replay verify, ${recorded.value.turns.length}-turn game (ms)`, verifyMs.toFixed(3), '< 5'],
    ['viewFor + legal orders, US (µs)', viewUsUs.toFixed(1), ''],
    ['viewFor + legal orders, Iran (µs)', viewIranUs.toFixed(1), ''],
    ...aiTimes(scenario, final).map((t): [string, string, string] => [
      `AI decision, ${t.id}, median ms (p90 ${t.p90.toFixed(t.p90 < 1 ? 3 : 0)})`,
      t.median.toFixed(t.median < 1 ? 3 : 0),
      t.id === 'strategist:hard' ? '< 300' : '',
    ]),
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length), 'measure'.length);
  const w1 = Math.max(...rows.map((r) => r[1].length), 'median'.length);
  const line = (a: string, b: string, c: string) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd();
  const out = [
    `Engine bench: ${scenario.name}, simple policies, freezing off; median of ${RUNS} runs after a warm-up (${count} games a run)`,
    line('measure', 'median', 'target'),
    ...rows.map((r) => line(...r)),
    `Heap used after the runs: ${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MB`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (sink < 0) process.stdout.write('\n'); // never true: keeps `sink` observable
}

runMain(main);
