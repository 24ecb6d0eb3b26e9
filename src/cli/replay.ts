import { aiIds, findAi } from '../ai/registry.ts';
import type { Policy } from '../ai/simple.ts';
import {
  createGame,
  type GameState,
  type OutcomeResult,
  type Replay,
  type Scenario,
  type Seat,
  type Side,
  plural,
} from '../engine/index.ts';
import {
  type Args,
  COMMON_OPTIONS,
  commonOption,
  die,
  type Help,
  loadScenario,
  parseArgs,
  parseSeedRange,
  runMain,
  type SeedRange,
  specOf,
} from './args.ts';
import { DropTally } from '../analysis/recorded-orders.ts';
import { type LoadedReplay, loadReplay, replayTurns, verifiedLine } from './replay-file.ts';
import { futureSeed } from '../analysis/luck.ts';
import { workersOption } from './batch-run.ts';
import { playWorlds } from './replay-worlds.ts';
import { turnReport } from './seat-report.ts';
import {
  endingLabel,
  mean,
  num,
  percentileRank,
  pct,
  quantile,
  RESULTS,
  resultLabel,
  resultNoun,
  Spread,
} from '../analysis/spread.ts';

/**
 * Replay tools for designers.
 *   npm run replay -- show FILE [--turn N] [--seat us|iran|facilitator|public]   a turn (or all) as a seat saw it
 *   npm run replay -- luck FILE [--seeds 1000] [--workers N]                     the same orders under other dice
 *   npm run replay -- fork FILE --at N --us ID --iran ID [--seeds 200] [--workers N]   from turn N, other players
 *   npm run replay -- verify FILE                                                every turn's hash, as `sim --verify`
 * Every subcommand takes --scenario FILE (default scenarios/two-boxers.json); a replay of another scenario is refused.
 * --workers spreads the worlds over threads (all cores by default); the output does not depend on it.
 *
 * Other dice: future k of a replay with seed S draws from the seed "S/future/k" (k from --seeds: a count N for
 * 1..N, or a range A-B). `luck` gives the starting position that RNG state; `fork` plays turns 1..N-1 exactly as
 * recorded (the recorded seed, so the past is the same), then gives the position that RNG state, and the players
 * draw their own choices from the same string. Future k is the same world in both tools: `luck` is `fork --at 1`
 * with the recorded orders.
 */

const DEFAULT_SCENARIO = 'scenarios/two-boxers.json';
const SEATS: readonly Seat[] = ['us', 'iran', 'facilitator', 'public'];
const MAX_SEEDS = 1_000_000;

const USAGE = 'usage: npm run replay -- show|luck|fork|verify FILE [options]';

const REPLAY_SCENARIO = commonOption('scenario', '(the one the replay was played in)');
const WORLDS = commonOption('seeds', ': the other worlds (future k draws from the seed SEED/future/k)');

const HELPS: Record<string, Help> = {
  show: {
    usage: 'npm run replay -- show FILE [--turn N] [--seat us|iran|facilitator|public]',
    about:
      'Prints a recorded turn (or every turn) as one seat lived it: the dashboard, its orders and the events it saw.',
    options: {
      turn: { value: 'N', text: 'only this turn (1 is the first)' },
      seat: { value: 'SEAT', text: 'us, iran, facilitator (sees everything; the default) or public' },
      scenario: REPLAY_SCENARIO,
    },
    examples: ['npm run replay -- show game.json --turn 3 --seat us'],
  },
  luck: {
    usage: 'npm run replay -- luck FILE [--seeds N|A-B] [--workers N]',
    about: 'Plays the recorded orders again under other dice and shows where the recorded game stands in the spread.',
    options: {
      seeds: { ...WORLDS, text: `${WORLDS.text}; default 1000` },
      workers: COMMON_OPTIONS.workers,
      scenario: REPLAY_SCENARIO,
    },
    examples: ['npm run replay -- luck game.json --seeds 1000'],
  },
  fork: {
    usage: 'npm run replay -- fork FILE --at N --us ID --iran ID [--seeds N|A-B] [--workers N]',
    about:
      'Plays turns before N as recorded, then many reseeded futures twice: by the recorded orders and by the given\n' +
      'players; both outcome distributions side by side.',
    options: {
      at: { value: 'N', text: 'the first turn the new players order' },
      us: { value: 'ID', text: 'the US computer player from turn N on' },
      iran: { value: 'ID', text: 'the Iranian computer player from turn N on' },
      seeds: { ...WORLDS, text: `${WORLDS.text}; default 200` },
      workers: COMMON_OPTIONS.workers,
      scenario: REPLAY_SCENARIO,
    },
    examples: ['npm run replay -- fork game.json --at 6 --us hawk --iran harasser --seeds 200'],
  },
  verify: {
    usage: 'npm run replay -- verify FILE',
    about: "Replays a replay file and checks every turn's hash, as npm run sim -- --verify does.",
    options: { scenario: REPLAY_SCENARIO },
    examples: ['npm run replay -- verify game.json'],
  },
};

const OVERVIEW = [
  USAGE,
  '',
  "Replay tools for designers; `npm run replay -- SUBCOMMAND --help` lists a subcommand's options.",
  ...Object.entries(HELPS).map(([name, h]) => `  ${name.padEnd(7)} ${h.about.split('\n')[0]}`),
  '',
  'Example:',
  '  npm run replay -- luck game.json --seeds 1000',
  '',
].join('\n');

function parseSeeds(text: string | undefined, fallback: number): SeedRange {
  if (text === undefined) return { first: 1, last: fallback };
  const parsed = parseSeedRange(text, MAX_SEEDS);
  if (!parsed.ok) die(`--seeds: ${parsed.message}`);
  return parsed.range;
}

function parseTurnNumber(name: string, text: string, lo: number, hi: number, why: string): number {
  if (!/^\d+$/.test(text)) die(`--${name} "${text}": expected a turn number`);
  const n = Number(text);
  // The number as typed: one too large for a double would otherwise come back rounded.
  if (hi < lo) die(`--${name} ${text} is out of range: ${why}`);
  if (n < lo || n > hi) die(`--${name} ${text} is out of range: ${why} (${lo}-${hi})`);
  return n;
}

function player(side: Side, id: string | undefined): { id: string; policy: Policy } {
  if (id === undefined) die(`replay fork needs --${side}: expected one of ${aiIds(side).join(', ')}`);
  const found = findAi(side, id);
  if (!found) die(`unknown --${side} player "${id}": expected one of ${aiIds(side).join(', ')}`);
  return { id, policy: found.policy };
}

/** The recorded game's ending in one line, or a note that it was saved before the end. */
function recordedLine(scenario: Scenario, final: GameState): string {
  const o = final.outcome;
  if (!o) return `The recorded game stops before its end (at turn ${final.turn} of ${final.lastTurn}).`;
  return `The recorded game: ${endingLabel(scenario, o.result, o.reason)} after turn ${o.turn}, US score ${o.score.us.total}, Iran score ${o.score.iran.total}.`;
}

function show(scenario: Scenario, loaded: LoadedReplay, args: Args): string[] {
  const { replay, final } = loaded;
  const seatText = args.values.get('seat') ?? 'facilitator';
  if (!SEATS.includes(seatText as Seat)) die(`--seat "${seatText}": expected us, iran, facilitator or public`);
  const seat = seatText as Seat;
  const turnText = args.values.get('turn');
  const count = replay.turns.length;
  const only =
    turnText === undefined
      ? undefined
      : parseTurnNumber(
          'turn',
          turnText,
          1,
          count,
          count === 0 ? 'this replay has no turns' : `this replay has ${plural(count, 'turn')}`,
        );
  const out = [
    `${scenario.name}, seed ${replay.seed}${replay.options.preset ? ` (preset ${replay.options.preset})` : ''}: ${plural(count, 'turn')} recorded.`,
  ];
  if (seat === 'facilitator') out.push('The facilitator sees everything, including who really fired each attack.');
  const turns = replayTurns(scenario, replay);
  for (const t of turns) if (only === undefined || t.turn === only) out.push('', ...turnReport(scenario, t, seat));
  if (only === undefined || only === count) out.push('', recordedLine(scenario, final));
  return out;
}

/** Where a recorded score stands among the spread's, in words a designer reads at a glance. */
function luckWord(rank: number): string {
  if (rank >= 75) return 'luckier than usual';
  if (rank <= 25) return 'unluckier than usual';
  return 'about as lucky as usual';
}

function droppedLines(drops: DropTally, top: number): string[] {
  if (drops.total === 0) return ['Dropped: none; every recorded order was legal in every world.'];
  return [
    `Dropped: ${plural(drops.total, 'recorded input was', 'recorded inputs were')} illegal in ${drops.worldsHit} of the ${plural(drops.worlds, 'world')} ` +
      `(${pct(drops.worldsHit / drops.worlds)}); each was left out and the side's other orders stood. Most often:`,
    ...drops.common(top).map(([key, n]) => `  ${String(n).padStart(6)}  ${key}`),
  ];
}

function outcomeTable(scenario: Scenario, spread: Spread, recorded: OutcomeResult | undefined): string[] {
  const out = ['Outcome                  games    share   how'];
  for (const r of RESULTS) {
    const n = spread.results.get(r) ?? 0;
    const mark = r === recorded ? '   <- the recorded result' : '';
    out.push(
      `  ${resultLabel(scenario, r).padEnd(20)} ${String(n).padStart(7)} ${pct(spread.share(r)).padStart(8)}   ${spread.reasonsOf(r)}${mark}`.trimEnd(),
    );
  }
  return out;
}

function scoreTable(spread: Spread, final: GameState): string[] {
  const o = final.outcome;
  const head = `${'Score'.padEnd(14)}${['min', '10%', '25%', 'median', '75%', '90%', 'max', 'mean'].map((h) => h.padStart(8)).join('')}`;
  const row = (label: string, values: readonly number[], recorded: number | undefined, ranked = true) => {
    const cells = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1].map((q) => num(quantile(values, q)));
    cells.push(mean(values).toFixed(1));
    const tail =
      recorded === undefined
        ? ''
        : `   recorded ${recorded}${ranked ? `, above ${percentileRank(values, recorded).toFixed(0)}% of worlds` : ''}`;
    return `  ${label.padEnd(12)}${cells.map((c) => c.padStart(8)).join('')}${tail}`;
  };
  return [
    head,
    row('US', spread.us, o?.score.us.total),
    row('Iran', spread.iran, o?.score.iran.total),
    row('final rung', spread.rung, o ? final.ladder.rung : undefined, false),
  ];
}

/** The facilitator's inputs a reseeded world leaves out, as a sentence, or nothing when there are none. */
function facilitatorNote(replay: Replay, fromTurn: number, injectsToo: boolean): string[] {
  const later = replay.turns.slice(fromTurn - 1);
  const rulings = later.reduce((n, t) => n + (t.rulings?.length ?? 0), 0);
  const injects = injectsToo
    ? later.slice(1).reduce((n, t) => n + (t.injects?.length ?? 0), 0) + (replay.pending?.length ?? 0)
    : 0;
  const parts = [
    rulings > 0
      ? `${plural(rulings, 'ruling')} (${rulings === 1 ? 'it overruled a roll' : 'they overruled rolls'} these worlds do not make)`
      : '',
    injects > 0
      ? `${plural(injects, 'inject')} after turn ${fromTurn} (so both columns play on without the facilitator)`
      : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? [] : [`Left out of every world: the facilitator's ${parts.join(' and ')}.`];
}

async function luck(scenario: Scenario, loaded: LoadedReplay, args: Args, scenarioPath: string): Promise<string[]> {
  const { replay, final } = loaded;
  const seeds = parseSeeds(args.values.get('seeds'), 1000);
  const threads = workersOption(args.values.get('workers'));
  const created = createGame(scenario, replay.seed, replay.options);
  if (!created.ok) throw new Error(`a verified replay does not start: ${created.errors[0]?.message}`);
  const spread = new Spread();
  const drops = new DropTally();
  let beyond = 0;
  const job = { scenarioPath, replay, position: created.value, injects: true, players: null };
  await playWorlds(job, seeds, threads, (world) => {
    spread.add(world.recorded);
    drops.add(world.dropped);
    if (world.beyond) beyond++;
  });
  const o = final.outcome;
  const out = [
    `Luck or decisions? Seed ${replay.seed}, ${plural(replay.turns.length, 'turn')} recorded: the recorded orders played again ` +
      `in ${plural(spread.games, 'other world')} (seeds ${futureSeed(replay.seed, seeds.first)} to ${futureSeed(replay.seed, seeds.last)}).`,
    recordedLine(scenario, final),
    '',
    ...outcomeTable(scenario, spread, o?.result),
    '',
    ...scoreTable(spread, final),
    '',
    ...droppedLines(drops, 5),
    ...facilitatorNote(replay, 1, false),
  ];
  if (beyond > 0)
    out.push(
      `${plural(beyond, 'world')} lasted longer than the record; after it ran out both sides gave no orders (one reason for a different result).`,
    );
  out.push('', `In plain words: ${luckVerdict(scenario, spread, final, drops)}`);
  return out;
}

function luckVerdict(scenario: Scenario, spread: Spread, final: GameState, drops: DropTally): string {
  const o = final.outcome;
  if (!o) return 'the recorded game has no result yet, so there is nothing to set against these worlds.';
  const label = resultNoun(scenario, o.result);
  const same = spread.share(o.result);
  const usRank = percentileRank(spread.us, o.score.us.total);
  const iranRank = percentileRank(spread.iran, o.score.iran.total);
  const modal = spread.mostCommon();
  let verdict: string;
  if (same >= 0.75)
    verdict = `the same orders end in ${label} in ${pct(same)} of worlds, as they did here: the orders, more than the dice, decided this game.`;
  else if (same <= 0.25)
    verdict =
      `the same orders end in ${label}, as they did here, in only ${pct(same)} of worlds (most often in ${resultNoun(scenario, modal)}, ` +
      `${pct(spread.share(modal))}): the dice, more than the orders, decided this game.`;
  else
    verdict = `the same orders end in ${label}, as they did here, in ${pct(same)} of worlds: the orders set the odds and the dice chose.`;
  verdict +=
    ` On score the US was ${luckWord(usRank)} (above ${usRank.toFixed(0)}% of worlds) and Iran ` +
    `${luckWord(iranRank)} (above ${iranRank.toFixed(0)}%).`;
  const drifted = drops.worldsHit / Math.max(1, drops.worlds);
  if (drifted >= 0.25)
    verdict += ` In ${pct(drifted)} of worlds some recorded orders no longer fitted, so part of this spread comes from orders left out, not from the dice alone.`;
  return verdict;
}

async function fork(scenario: Scenario, loaded: LoadedReplay, args: Args, scenarioPath: string): Promise<string[]> {
  const { replay, final } = loaded;
  const count = replay.turns.length;
  const atText = args.values.get('at');
  if (atText === undefined) die('replay fork needs --at N: the first turn the new players order');
  // A finished game can be forked at any recorded turn; one saved before its end also where it stopped.
  const lastAt = final.outcome ? count : count + 1;
  const at = parseTurnNumber(
    'at',
    atText,
    1,
    lastAt,
    final.outcome
      ? `the recorded game has ${plural(count, 'turn')}`
      : `the recorded game stops before turn ${count + 1}`,
  );
  const us = player('us', args.values.get('us'));
  const iran = player('iran', args.values.get('iran'));
  const seeds = parseSeeds(args.values.get('seeds'), 200);
  const threads = workersOption(args.values.get('workers'));
  const position = at <= count ? replayTurns(scenario, replay)[at - 1]!.before : final;
  const recorded = new Spread();
  const players = new Spread();
  const drops = new DropTally();
  let refused = 0;
  let beyond = 0;
  const job = { scenarioPath, replay, position, injects: false, players: { us: us.id, iran: iran.id } };
  await playWorlds(job, seeds, threads, (world) => {
    recorded.add(world.recorded);
    drops.add(world.dropped);
    if (world.beyond) beyond++;
    if (!world.players) throw new Error('a fork world came back without the players’ game');
    players.add(world.players.ending);
    refused += world.players.refused;
  });
  const pairing = `${us.id} vs ${iran.id}`;
  const past = at === 1 ? 'from the start' : `turns 1-${at - 1} as recorded`;
  const out = [
    `Fork of seed ${replay.seed} at turn ${at}: ${past}, then ${plural(players.games, 'future')} reseeded from ` +
      `${futureSeed(replay.seed, seeds.first)} to ${futureSeed(replay.seed, seeds.last)}.`,
    `Each future is played from the same position twice: with the recorded orders, and by US ${us.id} against Iran ${iran.id}.`,
    recordedLine(scenario, final),
    '',
    ...sideBySide(scenario, recorded, players, pairing, final.outcome?.result),
    '',
    ...droppedLines(drops, 3),
    ...facilitatorNote(replay, at, true),
  ];
  if (beyond > 0)
    out.push(
      `${plural(beyond, 'future')} outlasted the record; after it ran out both sides gave no orders in the recorded column.`,
    );
  if (refused > 0)
    out.push(
      `Players: ${plural(refused, 'order list was', 'order lists were')} refused by the engine and that side passed the turn.`,
    );
  out.push('', `In plain words: ${forkVerdict(scenario, recorded, players, pairing, at)}`);
  return out;
}

function sideBySide(
  scenario: Scenario,
  left: Spread,
  right: Spread,
  pairing: string,
  recordedResult: OutcomeResult | undefined,
): string[] {
  const label = (text: string) => `  ${text}`.padEnd(20);
  const col = (text: string) => text.padEnd(32);
  const games = (s: Spread, r: OutcomeResult) =>
    `${String(s.results.get(r) ?? 0).padStart(6)} ${pct(s.share(r)).padStart(7)}`;
  const stat = (values: readonly number[]) =>
    `${num(quantile(values, 0.5))} (${num(quantile(values, 0.1))} to ${num(quantile(values, 0.9))}), mean ${mean(values).toFixed(1)}`;
  const out = [
    `${''.padEnd(20)}${col('recorded orders')}${pairing}`,
    `${'Outcome'.padEnd(20)}${col(' games   share')} games   share`,
  ];
  for (const r of RESULTS) {
    const mark = r === recordedResult ? '   <- the recorded result' : '';
    out.push(`${label(resultLabel(scenario, r))}${col(games(left, r))}${games(right, r)}${mark}`);
  }
  out.push('Median (10% to 90%), mean');
  const rows: [string, (s: Spread) => readonly number[]][] = [
    ['US score', (s) => s.us],
    ['Iran score', (s) => s.iran],
    ['final rung', (s) => s.rung],
    ['Americans killed', (s) => s.usKilled],
  ];
  for (const [name, of] of rows) out.push(`${label(name)}${col(stat(of(left)))}${stat(of(right))}`);
  return out;
}

function forkVerdict(scenario: Scenario, recorded: Spread, players: Spread, pairing: string, at: number): string {
  const shifts = RESULTS.map((r) => ({ r, by: players.share(r) - recorded.share(r) })).sort(
    (a, b) => Math.abs(b.by) - Math.abs(a.by),
  );
  const big = shifts[0]!;
  const usBy = mean(players.us) - mean(recorded.us);
  const iranBy = mean(players.iran) - mean(recorded.iran);
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
  const head =
    Math.abs(big.by) < 0.05
      ? `from turn ${at}, ${pairing} end the game much as the recorded orders do (no result moves by 5 points or more)`
      : `from turn ${at}, ${pairing} make ${resultNoun(scenario, big.r)} ${big.by > 0 ? 'more' : 'less'} likely: ` +
        `${pct(players.share(big.r))} of futures against ${pct(recorded.share(big.r))} with the recorded orders`;
  return `${head}; mean scores move by ${signed(usBy)} for the US and ${signed(iranBy)} for Iran.`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const command = argv[0];
  if (command === undefined) die(USAGE);
  if (command === '--help' || command === '-h') {
    process.stdout.write(OVERVIEW);
    return;
  }
  const help = HELPS[command];
  if (!help) die(`unknown subcommand "${command}": expected show, luck, fork or verify`);
  const parsed = parseArgs(argv.slice(1), specOf(help));
  if (!parsed.ok) die(`replay ${command}: ${parsed.message}`);
  const { positional, values } = parsed.args;
  const file = positional[0];
  if (file === undefined) die(`replay ${command}: which replay file? ${USAGE}`);
  if (positional.length > 1) die(`replay ${command}: unexpected argument "${positional[1]}": give one replay file`);
  const scenarioPath = values.get('scenario') ?? DEFAULT_SCENARIO;
  const scenario = loadScenario(scenarioPath);
  const loaded = loadReplay(file, scenario);
  const lines =
    command === 'show'
      ? show(scenario, loaded, parsed.args)
      : command === 'luck'
        ? await luck(scenario, loaded, parsed.args, scenarioPath)
        : command === 'fork'
          ? await fork(scenario, loaded, parsed.args, scenarioPath)
          : [verifiedLine(loaded)];
  process.stdout.write(`${lines.join('\n')}\n`);
}

runMain(() => void main().catch((e: unknown) => die(`internal error: ${e instanceof Error ? e.message : String(e)}`)));
