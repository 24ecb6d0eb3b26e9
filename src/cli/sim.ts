import { playMatch } from '../ai/match.ts';
import { aiIds, findAi } from '../ai/registry.ts';
import type { Decision, Policy } from '../ai/simple.ts';
import {
  addDays,
  aims,
  bestDeniability,
  createGame,
  type GameEvent,
  type GameState,
  hashState,
  type Ledger,
  ledgerText,
  makeReplay,
  type Order,
  proxyCapability,
  recordReplay,
  resolveOrders,
  rungName,
  type Scenario,
  type Score,
  type Side,
  turnsFor,
  plural,
} from '../engine/index.ts';
import { describeOrder, longDate, narrate } from '../engine/index.ts';
import { COMMON_OPTIONS, die, type Help, loadScenario, loadScenarioFiles, parseArgs, runMain, specOf } from './args.ts';
import { loadReplay, verifiedLine } from './replay-file.ts';
import { checkOutputs, writeFileSafely } from './safe-write.ts';

/**
 * Plays a whole game between built-in policies and prints it turn by turn, or verifies a replay file.
 *   npm run sim -- --seed 42 [--scenario FILE] [--preset short] [--us measured] [--iran harasser] [--out FILE] [--quiet] [--why]
 *   npm run sim -- --verify FILE [--scenario FILE]
 * --us and --iran take any computer player: a doctrine (hawk, restrained, tit-for-tat, …) or strategist:easy|normal|hard.
 */

const DEFAULT_SCENARIO = 'scenarios/two-boxers.json';

const HELP: Help = {
  usage: 'npm run sim -- --seed TEXT [options]  |  npm run sim -- --verify FILE [--scenario FILE]',
  about:
    'Plays a whole game between two computer players and prints it turn by turn as the facilitator saw it, with\n' +
    'the outcome, the scores and the final hash; or verifies a replay file, turn by turn.',
  options: {
    seed: { value: 'TEXT', text: 'the seed (any text): a seed always plays the same game' },
    us: COMMON_OPTIONS.us,
    iran: COMMON_OPTIONS.iran,
    scenario: COMMON_OPTIONS.scenario,
    preset: COMMON_OPTIONS.preset,
    out: { value: 'FILE', text: 'write the game as a replay file' },
    quiet: { text: 'print only the outcome, the scores and the final hash' },
    why: {
      text: "after each week's events, print why each watched figure moved: before → after, then each cause with its number",
    },
    verify: {
      value: 'FILE',
      text: "replay a replay file and check every turn's hash (exits 1 naming the first that differs)",
    },
  },
  examples: [
    'npm run sim -- --seed 42 --us hawk --iran strategist:hard --out game.json',
    'npm run sim -- --seed 42 --why',
    'npm run sim -- --verify game.json',
  ],
};

// Marks what only one seat would see, so a reader of the facilitator's account knows what each side did not.
const AUDIENCE_MARK: Record<GameEvent['audience'], string> = {
  all: '',
  us: '[US only] ',
  iran: '[Iran only] ',
  facilitator: '[facilitator] ',
};

function policy(side: Side, name: string): Policy {
  const found = findAi(side, name);
  if (!found) die(`unknown --${side} policy "${name}": expected one of ${aiIds(side).join(', ')}`);
  return found.policy;
}

/**
 * The states after each turn and each turn's ledger, rebuilt from the game's own record: the dashboard needs more
 * than the history keeps, and the ledger, like the events, lives in the turn's result rather than the state.
 */
function turnsReplayed(scenario: Scenario, final: GameState): { states: GameState[]; ledgers: Ledger[] } {
  const created = createGame(scenario, final.seed, final.preset === null ? {} : { preset: final.preset });
  if (!created.ok) throw new Error(created.errors[0]?.message);
  let state = created.value;
  const states: GameState[] = [];
  const ledgers: Ledger[] = [];
  for (const record of final.history) {
    const next = resolveOrders(scenario, state, record.orders.us, record.orders.iran);
    if (!next.ok) throw new Error(`turn ${record.turn} does not replay: ${next.errors[0]?.message}`);
    state = next.value.state;
    states.push(state);
    ledgers.push(next.value.ledger);
  }
  return { states, ledgers };
}

// The ledger's mark for what only one side would see, as the events' marks read.
const ONLY_MARK = { us: AUDIENCE_MARK.us, iran: AUDIENCE_MARK.iran };

function dashboard(scenario: Scenario, s: GameState): string {
  return [
    `Rung ${s.ladder.rung} ${rungName(scenario, s.ladder.rung)}`,
    `consent ${s.baghdad.consent}`,
    `eviction pressure ${s.baghdad.evictionPressure}`,
    `US resolve ${s.us.resolve}`,
    `credibility ${s.us.credibility}`,
    `ISIS ${s.isis}`,
    `US killed ${s.casualties.usKilled}`,
    `Iran resources ${s.iran.resources}`,
    `proxy capability ${proxyCapability(s)}`,
    `best deniability ${bestDeniability(s)}`,
  ].join(' | ');
}

function orderLines(scenario: Scenario, label: string, decision: Decision, given: readonly Order[]): string[] {
  const lines = [`${label}:`];
  const same = JSON.stringify(decision.orders) === JSON.stringify(given);
  if (!same) lines.push('  (the engine refused these orders, so the side passed)');
  decision.orders.forEach((order, i) => {
    const reason = decision.reasons[i];
    lines.push(`  - ${describeOrder(scenario, order)}${reason ? ` — ${reason}` : ''}`);
  });
  if (decision.orders.length === 0) lines.push('  (no orders)');
  if (decision.summary) lines.push(`  (${decision.summary})`);
  return lines;
}

function scoreLines(title: string, score: Score): string[] {
  const width = Math.max(...score.lines.map((l) => l.label.length));
  const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
  return [
    `${title}: ${score.total}`,
    ...score.lines.map((l) => `  ${l.label.padEnd(width)}  ${sign(l.points).padStart(5)}`),
  ];
}

function report(
  scenario: Scenario,
  match: ReturnType<typeof playMatch>,
  names: { us: string; iran: string },
  quiet: boolean,
  why: boolean,
): string[] {
  const { state } = match;
  const out: string[] = [];
  const us = scenario.sides.us.short;
  const iran = scenario.sides.iran.short;
  if (!quiet) {
    const { states, ledgers } = turnsReplayed(scenario, state);
    out.push(
      `${scenario.name} — seed ${state.seed}, ${plural(state.lastTurn, 'turn')}${state.preset ? ` (preset ${state.preset})` : ''}: ` +
        `${us} (${names.us}) vs ${iran} (${names.iran})`,
      'Events as the facilitator sees them: the truth shows; lines marked [US only] or [Iran only] are hidden from the other side.',
    );
    match.turns.forEach((t, i) => {
      const record = state.history[i];
      const after = states[i];
      if (!record || !after) throw new Error(`turn ${t.turn} is missing from the game's record`);
      const date = longDate(addDays(scenario.startDate, (t.turn - 1) * scenario.turnDays));
      out.push('', `=== Turn ${t.turn} of ${state.lastTurn} — week of ${date} ===`);
      out.push(...orderLines(scenario, `${us} orders`, t.us, record.orders.us));
      out.push(...orderLines(scenario, `${iran} orders`, t.iran, record.orders.iran));
      out.push('Events:');
      for (const e of t.events) {
        if (e.type === 'turn-started') continue; // the header says it
        const line = narrate(scenario, e, 'facilitator');
        if (line) out.push(`  ${AUDIENCE_MARK[e.audience]}${e.type === 'card' ? 'Event: ' : ''}${line}`);
      }
      if (why) {
        out.push('Why it moved:');
        for (const line of ledgerText(scenario, ledgers[i] ?? [], (only) => ONLY_MARK[only])) out.push(`  ${line}`);
      }
      out.push(`>> ${dashboard(scenario, after)}`);
    });
    out.push('');
  }
  const o = state.outcome;
  if (!o) throw new Error('the match ended without an outcome');
  const result = { us: `${us} wins`, iran: `${iran} wins`, draw: 'Draw', 'shared-loss': 'Shared loss: everyone loses' }[
    o.result
  ];
  out.push(`=== Outcome after turn ${o.turn} ===`);
  out.push(`Result: ${result} (${o.reason})`);
  out.push(`Why: ${o.explanation}`);
  // The aims as they stand, beside the scenario's outcome text, which describes the typical win rather than this one.
  const a = aims(scenario, state);
  const status = (short: string[]) => (short.length === 0 ? 'all met' : `short: ${short.join('; ')}`);
  out.push(`Aims: ${us} ${status(a.us)}. ${iran} ${status(a.iran)}.`);
  out.push(...scoreLines(`${us} score`, o.score.us), ...scoreLines(`${iran} score`, o.score.iran));
  if (match.errors.length > 0)
    out.push(`Refused orders: ${match.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  out.push(`Final hash: ${hashState(state)}`);
  return out;
}

function verify(file: string, scenarioPath: string): void {
  const loaded = loadReplay(file, loadScenario(scenarioPath));
  process.stdout.write(`${verifiedLine(loaded)}\n`);
}

function main(): void {
  const parsed = parseArgs(process.argv.slice(2), specOf(HELP));
  if (!parsed.ok) die(parsed.message);
  const { values, flags, positional } = parsed.args;
  if (positional.length > 0) die(`unexpected argument "${positional[0]}": options are --name value`);
  const scenarioPath = values.get('scenario') ?? DEFAULT_SCENARIO;
  const replayFile = values.get('verify');
  if (replayFile !== undefined) {
    for (const other of ['seed', 'preset', 'out', 'us', 'iran'])
      if (values.has(other)) die(`--${other} does not apply to --verify: the replay records it`);
    if (flags.has('why')) die('--why does not apply to --verify: it explains a game sim plays');
    verify(replayFile, scenarioPath);
    return;
  }
  const seed = values.get('seed');
  if (seed === undefined || seed === '')
    die('--seed is required (any text, e.g. --seed 42): a seed always plays the same game');
  const usName = values.get('us') ?? 'measured';
  const iranName = values.get('iran') ?? 'harasser';
  const us = policy('us', usName);
  const iran = policy('iran', iranName);
  const { scenario, files } = loadScenarioFiles(scenarioPath);
  const preset = values.get('preset');
  const options = preset === undefined ? {} : { preset };
  const turns = turnsFor(scenario, options);
  if (!turns.ok) die(`--preset: ${turns.errors[0]?.message}`);
  const out = values.get('out');
  if (out !== undefined) {
    const problem = checkOutputs([{ option: 'out', path: out }], files);
    if (problem) die(problem);
  }
  const quiet = flags.has('quiet');
  const why = flags.has('why');
  if (why && quiet) die('--why explains each turn, which --quiet leaves out: give one of them');
  const match = playMatch(scenario, seed, us, iran, { ...options, keepLog: !quiet });
  const lines = report(scenario, match, { us: usName, iran: iranName }, quiet, why);
  if (out !== undefined) {
    const replay = recordReplay(scenario, match.state);
    if (!replay.ok) throw new Error(`cannot record the replay: ${replay.errors[0]?.message}`);
    const written = writeFileSafely(out, makeReplay(replay.value));
    if (!written.ok) die(written.message);
    lines.push(`Replay written to ${out}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

runMain(main);
