import { isMainThread } from 'node:worker_threads';
import { playMatch } from '../ai/match.ts';
import { type AiPlayer, playersOf } from '../ai/registry.ts';
import { type OutcomeResult, type Scenario, type Side, turnsFor, plural } from '../engine/index.ts';
import {
  COMMON_OPTIONS,
  commonOption,
  die,
  type Help,
  loadBook,
  loadScenario,
  parseArgs,
  parseSeedRange,
  runMain,
  specOf,
} from './args.ts';
import { terminalProgress, workersOption } from './batch-run.ts';
import { chunkSizes, runPool, workKind } from './pool.ts';

/**
 * Plays every pairing of computer players over the same seeds and prints a table: win, loss and shared-loss rates,
 * mean final rung, mean casualties, mean scores and mean decision time; then, side by side, how each side's players
 * fare against the same opponent on the same seeds, with the strategist's margin over the best doctrine.
 *   npm run tournament -- [--seeds 1-40] [--us a,b] [--iran c,d] [--preset short] [--workers 2]
 *                         [--scenario FILE] [--doctrines FILE] [--markdown]
 * Results depend only on the seeds and the data (decision times aside): --workers only spreads the games.
 */

const DEFAULT_SCENARIO = 'scenarios/two-boxers.json';

const HELP: Help = {
  usage: 'npm run tournament -- [options]',
  about:
    'Plays every pairing of computer players over the same seeds and prints win, loss and shared-loss rates, mean\n' +
    "rung, casualties, scores and decision times; then each side's players against the same opponent, with the\n" +
    "strategist's margin over the best doctrine. A progress bar with an ETA shows on a terminal.",
  options: {
    seeds: commonOption('seeds', '; default 40'),
    us: { value: 'ID,ID...', text: 'the US players to pair (default: every US player of the doctrines file)' },
    iran: { value: 'ID,ID...', text: 'the Iranian players to pair (default: every Iranian player)' },
    scenario: COMMON_OPTIONS.scenario,
    doctrines: COMMON_OPTIONS.doctrines,
    preset: COMMON_OPTIONS.preset,
    workers: COMMON_OPTIONS.workers,
    markdown: COMMON_OPTIONS.markdown,
  },
  examples: [
    'npm run tournament -- --seeds 40',
    'npm run tournament -- --seeds 101-200 --us measured,hawk,strategist:hard --iran harasser --markdown',
  ],
};

interface Task {
  us: string;
  iran: string;
  seed: string;
}

interface GameRow extends Task {
  result: OutcomeResult;
  rung: number;
  usKilled: number;
  allKilled: number;
  score: { us: number; iran: number };
  ms: { us: number; iran: number };
  errors: number;
}

interface Job {
  scenarioPath: string;
  doctrinesPath: string | null;
  preset: string | null;
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

function play(scenario: Scenario, players: readonly AiPlayer[], preset: string | null, task: Task): GameRow {
  const find = (side: Side, id: string) => {
    const p = players.find((x) => x.side === side && x.id === id);
    if (!p) throw new Error(`no ${side} player ${id}`);
    return p.policy;
  };
  const m = playMatch(scenario, task.seed, find('us', task.us), find('iran', task.iran), {
    keepLog: false,
    freeze: false, // batch runs skip freezing, as DESIGN.md says
    ...(preset === null ? {} : { preset }),
  });
  const o = m.state.outcome;
  if (!o) throw new Error('a game ended without an outcome');
  const c = m.state.casualties;
  return {
    ...task,
    result: o.result,
    rung: m.state.ladder.rung,
    usKilled: c.usKilled,
    allKilled: c.usKilled + c.iraqiForcesKilled + c.civiliansKilled + c.proxiesKilled,
    score: { us: o.score.us.total, iran: o.score.iran.total },
    ms: { us: mean(m.decisionMs.us), iran: mean(m.decisionMs.iran) },
    errors: m.errors.length,
  };
}

/** The work a tournament thread does: play a chunk of tasks (each thread loads the scenario and doctrines once). */
export const TOURNAMENT_WORK = workKind(import.meta.url, 'TOURNAMENT_WORK', (job: Job) => {
  const scenario = loadScenario(job.scenarioPath);
  const players = playersOf(loadBook(job.doctrinesPath));
  return (tasks: Task[]): GameRow[] => tasks.map((t) => play(scenario, players, job.preset, t));
});

// A strategist's game takes seconds: small chunks keep both threads busy to the end.
const MOST_PER_CHUNK = 4;

/** Runs the tasks on `jobs` threads, in-process for one; rows come back in task order. */
async function runAll(
  job: Job,
  tasks: readonly Task[],
  jobs: number,
  onProgress: (done: number, total: number) => void,
): Promise<GameRow[]> {
  const chunks: Task[][] = [];
  let at = 0;
  for (const size of chunkSizes(tasks.length, jobs, MOST_PER_CHUNK)) {
    chunks.push(tasks.slice(at, at + size));
    at += size;
  }
  const rows: GameRow[] = [];
  await runPool({
    kind: TOURNAMENT_WORK,
    context: job,
    inputs: chunks,
    threads: jobs,
    onOutput: (out) => {
      rows.push(...out);
      onProgress(rows.length, tasks.length);
    },
  });
  return rows;
}

// ---- The tables ---------------------------------------------------------------------------------------------------

const pct = (n: number, of: number) => `${Math.round((100 * n) / Math.max(1, of))}%`;
const fixed = (x: number, d = 1) => x.toFixed(d);

interface Pairing {
  us: string;
  iran: string;
  rows: GameRow[];
}

function table(head: string[], rows: string[][], markdown: boolean, rightFrom = 2): string[] {
  if (markdown) {
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    return [line(head), line(head.map((_, i) => (i >= rightFrom ? '---:' : '---'))), ...rows.map(line)];
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= rightFrom ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)];
}

function pairingTable(pairings: Pairing[], markdown: boolean): string[] {
  const head = [
    'US player',
    'Iran player',
    'US wins',
    'Iran wins',
    'draws',
    'shared loss',
    'final rung',
    'US killed',
    'all killed',
    'US score',
    'Iran score',
    'US ms/turn',
    'Iran ms/turn',
  ];
  const rows = pairings.map(({ us, iran, rows: g }) => {
    const n = g.length;
    const count = (r: OutcomeResult) => g.filter((x) => x.result === r).length;
    return [
      us,
      iran,
      pct(count('us'), n),
      pct(count('iran'), n),
      pct(count('draw'), n),
      pct(count('shared-loss'), n),
      fixed(mean(g.map((x) => x.rung))),
      fixed(mean(g.map((x) => x.usKilled))),
      fixed(mean(g.map((x) => x.allKilled))),
      fixed(mean(g.map((x) => x.score.us)), 0),
      fixed(mean(g.map((x) => x.score.iran)), 0),
      fixed(mean(g.map((x) => x.ms.us)), 2),
      fixed(mean(g.map((x) => x.ms.iran)), 2),
    ];
  });
  return table(head, rows, markdown);
}

/**
 * For one side: each opponent down the rows, each of the side's players across, "wins / mean score" on the same
 * seeds; the last columns give the best doctrine and what each strategist level gains on it.
 */
function sideTable(side: Side, pairings: Pairing[], players: readonly string[], markdown: boolean): string[] {
  const other: Side = side === 'us' ? 'iran' : 'us';
  const opponents = [...new Set(pairings.map((p) => p[other]))];
  const doctrines = players.filter((p) => !p.startsWith('strategist:'));
  const strategists = players.filter((p) => p.startsWith('strategist:'));
  const stats = (me: string, them: string) => {
    const g = pairings.find((p) => p[side] === me && p[other] === them)?.rows ?? [];
    return { wins: g.filter((x) => x.result === side).length, n: g.length, score: mean(g.map((x) => x.score[side])) };
  };
  const head = [
    `${side === 'us' ? 'Iran' : 'US'} opponent`,
    ...players,
    'best doctrine',
    ...strategists.map((s) => `${s} margin`),
  ];
  const rows = opponents.map((them) => {
    const cells = players.map((me) => {
      const s = stats(me, them);
      return s.n === 0 ? '' : `${pct(s.wins, s.n)} / ${fixed(s.score, 0)}`;
    });
    const best = doctrines
      .map((d) => ({ d, ...stats(d, them) }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.wins - a.wins || b.score - a.score)[0];
    const margins = strategists.map((st) => {
      const s = stats(st, them);
      if (!best || s.n === 0) return '';
      const dw = Math.round((100 * (s.wins - best.wins)) / s.n);
      const ds = s.score - best.score;
      return `${dw >= 0 ? '+' : ''}${dw} pts wins, ${ds >= 0 ? '+' : ''}${fixed(ds, 0)} score`;
    });
    return [them, ...cells, best?.d ?? '', ...margins];
  });
  return table(head, rows, markdown, 1);
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2), specOf(HELP));
  if (!parsed.ok) die(parsed.message);
  const { values, flags, positional } = parsed.args;
  if (positional.length > 0) die(`unexpected argument "${positional[0]}": options are --name value`);
  const range = parseSeedRange(values.get('seeds') ?? '40', 1_000_000);
  if (!range.ok) die(`--seeds: ${range.message}`);
  const { first, last } = range.range;
  const seeds = last - first + 1;
  const jobs = workersOption(values.get('workers'));
  const scenarioPath = values.get('scenario') ?? DEFAULT_SCENARIO;
  const doctrinesPath = values.get('doctrines') ?? null;
  const scenario = loadScenario(scenarioPath);
  const preset = values.get('preset') ?? null;
  const turns = turnsFor(scenario, preset === null ? {} : { preset });
  if (!turns.ok) die(`--preset: ${turns.errors[0]?.message}`);
  const book = loadBook(doctrinesPath);
  const players = playersOf(book);
  const pick = (side: Side): string[] => {
    const all = players.filter((p) => p.side === side).map((p) => p.id);
    const asked = values.get(side);
    if (asked === undefined) return all;
    const ids = asked.split(',').map((x) => x.trim());
    if (ids.some((id) => id === ''))
      die(`--${side} "${asked}": expected player ids separated by commas, e.g. --${side} ${all.slice(0, 2).join(',')}`);
    for (const id of ids)
      if (!all.includes(id)) die(`unknown --${side} player "${id}": expected one of ${all.join(', ')}`);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined) die(`--${side} "${asked}" names ${twice} twice: each player once`);
    return ids;
  };
  const usIds = pick('us');
  const iranIds = pick('iran');
  const seedList = Array.from({ length: seeds }, (_, i) => String(first + i));
  const tasks: Task[] = [];
  for (const us of usIds) for (const iran of iranIds) for (const seed of seedList) tasks.push({ us, iran, seed });
  const t0 = performance.now();
  const progress = terminalProgress('tournament');
  let rows: GameRow[];
  try {
    rows = await runAll(
      { scenarioPath, doctrinesPath, preset },
      tasks,
      Math.min(jobs, tasks.length),
      progress.onProgress,
    );
  } finally {
    progress.end();
  }
  const seconds = (performance.now() - t0) / 1000;
  const pairings: Pairing[] = [];
  for (const us of usIds)
    for (const iran of iranIds) pairings.push({ us, iran, rows: rows.filter((r) => r.us === us && r.iran === iran) });
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  const markdown = flags.has('markdown');
  const out = [
    `Tournament: ${scenario.name}, ${plural(turns.value, 'turn')}, seeds ${first}-${last} (${plural(seeds, 'game')} per pairing, the same seeds for every pairing)`,
    '',
    ...pairingTable(pairings, markdown),
    '',
    'US players against the same Iranian opponent on the same seeds (US wins / mean US score):',
    '',
    ...sideTable('us', pairings, usIds, markdown),
    '',
    'Iranian players against the same US opponent on the same seeds (Iran wins / mean Iran score):',
    '',
    ...sideTable('iran', pairings, iranIds, markdown),
    '',
    `${plural(rows.length, 'game')} in ${seconds.toFixed(0)} s on ${plural(Math.min(jobs, tasks.length), 'thread')}; refused orders: ${errors}. Decision times are wall-clock means per turn on this machine; everything else depends only on the seeds.`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

// Threads load this module for TOURNAMENT_WORK; only the main thread runs the command.
if (isMainThread)
  runMain(
    () => void main().catch((e: unknown) => die(`internal error: ${e instanceof Error ? e.message : String(e)}`)),
  );
