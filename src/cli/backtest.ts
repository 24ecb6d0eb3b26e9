import {
  basesHeld,
  bestDeniability,
  createGame,
  describeOrder,
  type GameEvent,
  type GameState,
  type MarkerMeasure,
  type Order,
  resolveOrders,
  type Scenario,
  plural,
} from '../engine/index.ts';
import {
  COMMON_OPTIONS,
  commonOption,
  die,
  type Help,
  parseArgs,
  parseSeedRange,
  readScenario,
  runMain,
  specOf,
} from './args.ts';
import { keepLegal } from '../analysis/recorded-orders.ts';
import { quantile } from '../analysis/spread.ts';

/**
 * Replays what each side really ordered each week of a history scenario over many seeds, and sets what the model
 * made of it beside history's dated markers: the model's median and 10-90% range, the share of seeds that agree,
 * and a verdict. An order a seeded world cannot take (a red line already stands, the money ran out) is dropped and
 * counted, and the side's other orders stand.
 *   npm run backtest -- [--scenario scenarios/red-lines.json] [--seeds 1-500] [--markdown]
 * --seeds takes a range A-B or a count N (seeds 1 to N). docs/backtest.md explains the markers and the verdicts.
 */

const DEFAULT_SCENARIO = 'scenarios/red-lines.json';

const HELP: Help = {
  usage: 'npm run backtest -- [options]',
  about:
    'Replays what each side really ordered each week of a history scenario over many seeds and sets the model beside\n' +
    "history's dated markers: the model's median and 10-90% range, the share of seeds that agree, and a verdict.",
  options: {
    scenario: {
      value: 'FILE',
      text: 'the scenario file; a history with a record and markers, default scenarios/red-lines.json',
    },
    seeds: commonOption('seeds', '; default 1-500'),
    markdown: COMMON_OPTIONS.markdown,
  },
  examples: ['npm run backtest -- --seeds 1-200 --markdown'],
};
const DEFAULT_SEEDS = '1-500';
const MAX_SEEDS = 100_000;

/** Agreement thresholds: the share of seeds inside the marker's expected range. */
const CLOSE = 0.6;
const PARTLY = 0.3;

type Marker = NonNullable<Scenario['markers']>[number];
type Verdict = 'close' | 'partly' | 'far';

/** One seeded game: the state before turn 1 and after each turn played, and each turn's events. */
interface Played {
  states: GameState[]; // states[t] is the state after turn t; states[0] the start
  events: GameEvent[][]; // events[t] are turn t's events; events[0] is empty
}

interface Drop {
  turn: number;
  side: string;
  order: string;
  reason: string;
}

/** The seeds of `--seeds` as strings, or what is wrong with it. */
function parseSeedList(text: string): { ok: true; seeds: string[] } | { ok: false; message: string } {
  const parsed = parseSeedRange(text, MAX_SEEDS);
  if (!parsed.ok) return { ok: false, message: `--seeds: ${parsed.message}` };
  const { first, last } = parsed.range;
  return { ok: true, seeds: Array.from({ length: last - first + 1 }, (_, i) => String(first + i)) };
}

/** Plays history's orders in one seeded world, dropping (and counting) what that world refuses. */
function playHistory(scenario: Scenario, seed: string, drops: Drop[]): Played {
  const created = createGame(scenario, seed);
  if (!created.ok) throw new Error(`cannot create game: ${created.errors[0]?.message}`);
  let state = created.value;
  const played: Played = { states: [state], events: [[]] };
  const byTurn = new Map((scenario.record ?? []).map((w) => [w.turn, w]));
  while (!state.outcome) {
    const week = byTurn.get(state.turn);
    const orders = { us: [] as Order[], iran: [] as Order[] };
    for (const side of ['us', 'iran'] as const) {
      const legal = keepLegal(
        scenario,
        state,
        side,
        (week?.[side] ?? []).map((e) => e.order),
      );
      orders[side] = legal.kept;
      for (const d of legal.dropped)
        drops.push({ turn: state.turn, side, order: describeOrder(scenario, d.order), reason: d.reason });
    }
    const resolved = resolveOrders(scenario, state, orders.us, orders.iran, [], { freeze: false });
    if (!resolved.ok)
      throw new Error(`turn ${state.turn}: checked orders were refused: ${resolved.errors[0]?.message}`);
    state = resolved.value.state;
    played.states.push(state);
    played.events.push(resolved.value.events);
  }
  return played;
}

/** A marker's value in one game. A turn the game did not reach reads the final state, and nothing happens in it. */
function measure(game: Played, marker: Marker): number {
  const last = game.states.length - 1;
  const t = Math.min(marker.turn, last);
  const reached = marker.turn <= last;
  const after = game.states[t]!;
  const before = game.states[t - 1]!;
  const during = reached ? game.events[t]! : [];
  const final = game.states[last]!;
  const m: MarkerMeasure = marker.measure;
  switch (m) {
    case 'rung':
      return after.ladder.rung;
    case 'peak-rung':
      return final.ladder.peak;
    case 'peak-turn': {
      const at = game.states.findIndex((s, i) => i > 0 && s.ladder.rung === final.ladder.peak);
      return at < 0 ? 0 : at;
    }
    case 'consent':
      return after.baghdad.consent;
    case 'consent-change':
      return reached ? after.baghdad.consent - before.baghdad.consent : 0;
    case 'eviction-pressure':
      return after.baghdad.evictionPressure;
    case 'vote-passed':
      return during.some((e) => e.type === 'vote' && e.passed) ? 1 : 0;
    case 'expelled':
      return after.outcome?.reason === 'eviction' ? 1 : 0;
    case 'us-killed':
      return reached ? after.casualties.usKilled - before.casualties.usKilled : 0;
    case 'us-killed-total':
      return after.casualties.usKilled;
    case 'bases-held':
      return basesHeld(after);
    case 'leaders-killed':
      return after.iran.groups.filter((g) => !g.leaderAlive).length;
    case 'red-lines-honoured':
      return after.us.redLines.filter((r) => r.status === 'honoured').length;
    case 'credibility':
      return after.us.credibility;
    case 'us-resolve':
      return after.us.resolve;
    case 'best-deniability':
      return bestDeniability(after);
    case 'partners':
      return after.partners;
    case 'isis':
      return after.isis;
    case 'ended-early':
      return after.outcome && after.outcome.reason !== 'final-turn' ? 1 : 0;
    default: {
      const never: never = m;
      throw new Error(`unhandled measure ${String(never)}`);
    }
  }
}

interface MarkerResult {
  marker: Marker;
  median: number;
  low: number; // 10th percentile
  high: number; // 90th percentile
  share: number; // of seeds inside the expected range
  verdict: Verdict;
}

function judge(marker: Marker, values: readonly number[]): MarkerResult {
  const [lo, hi] = marker.expected;
  const share = values.filter((v) => v >= lo && v <= hi).length / values.length;
  return {
    marker,
    median: quantile(values, 0.5),
    low: quantile(values, 0.1),
    high: quantile(values, 0.9),
    share,
    verdict: share >= CLOSE ? 'close' : share >= PARTLY ? 'partly' : 'far',
  };
}

const num = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** The expected range in words: "1", "1 to 3", "at least 1", "at most -3". */
function agreesIf([lo, hi]: readonly [number, number]): string {
  if (lo === hi) return String(lo);
  if (lo <= -100) return `at most ${hi}`;
  if (hi >= 100 && lo > 0) return `at least ${lo}`;
  return `${lo} to ${hi}`;
}

function table(head: string[], rows: string[][], markdown: boolean): string[] {
  if (markdown) {
    const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
    return [line(head), line(head.map(() => '---')), ...rows.map(line)];
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i >= 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}

function main(): void {
  const parsed = parseArgs(process.argv.slice(2), specOf(HELP));
  if (!parsed.ok) die(parsed.message);
  const { values, flags, positional } = parsed.args;
  if (positional.length > 0) die(`unexpected argument "${positional[0]}": options are --name value`);
  const seeds = parseSeedList(values.get('seeds') ?? DEFAULT_SEEDS);
  if (!seeds.ok) die(seeds.message);
  const scenarioPath = values.get('scenario') ?? DEFAULT_SCENARIO;
  const read = readScenario(scenarioPath);
  // One line however broken the file: a foreign JSON file would otherwise list dozens of missing fields.
  if (!read.ok)
    die(
      read.lines.length === 1
        ? read.lines[0]!
        : `${read.lines[0]} (and ${plural(read.lines.length - 1, 'more problem')}: npm run validate -- ${scenarioPath} lists them)`,
    );
  const scenario = read.scenario;
  if (!scenario.record || scenario.record.length === 0)
    die(`${scenarioPath}: scenario "${scenario.id}" has no record of history's orders to replay`);
  if (!scenario.markers || scenario.markers.length === 0)
    die(`${scenarioPath}: scenario "${scenario.id}" has no markers to compare the model with`);
  const markers = [...scenario.markers].sort((a, b) => a.date.localeCompare(b.date) || a.turn - b.turn);

  const drops: Drop[] = [];
  const samples = markers.map(() => [] as number[]);
  const endings = new Map<string, number>();
  // What happened at the brink (turn/brink.ts): the record's weeks at its height should not make a side back down.
  const brink = new Map<string, number>();
  for (const seed of seeds.seeds) {
    const game = playHistory(scenario, seed, drops);
    game.events.forEach((events, turn) => {
      for (const e of events)
        if (e.type === 'backed-down' || (e.type === 'rung' && e.cause === 'brink')) {
          const key = `${e.type === 'rung' ? 'an exchange of fire ran into war' : `${e.side === 'us' ? 'the US' : "Iran's side"} backed down`} in turn ${turn}`;
          brink.set(key, (brink.get(key) ?? 0) + 1);
        }
    });
    markers.forEach((marker, i) => {
      samples[i]!.push(measure(game, marker));
    });
    const outcome = game.states[game.states.length - 1]!.outcome!;
    if (outcome.reason !== 'final-turn') {
      const key = `${outcome.reason} in turn ${outcome.turn}`;
      endings.set(key, (endings.get(key) ?? 0) + 1);
    }
  }
  const results = markers.map((marker, i) => judge(marker, samples[i]!));
  const n = seeds.seeds.length;
  const markdown = flags.has('markdown');
  const out = [
    `Backtest: ${scenario.name}, seeds ${seeds.seeds[0]}-${seeds.seeds[n - 1]} (${plural(n, 'game')} of ${plural(scenario.turns, 'turn')}), history's orders replayed`,
    '',
    ...table(
      ['date', 'turn', 'marker', 'history', 'agrees if', 'model median (10-90%)', 'agree', 'verdict'],
      results.map((r) => [
        r.marker.date,
        String(r.marker.turn),
        r.marker.label,
        r.marker.history,
        `${r.marker.measure} ${agreesIf(r.marker.expected)}`,
        `${num(r.median)} (${num(r.low)} to ${num(r.high)})`,
        `${Math.floor(100 * r.share)}%`,
        r.verdict,
      ]),
      markdown,
    ),
    '',
  ];
  const count = (v: Verdict) => results.filter((r) => r.verdict === v).length;
  const meanShare = results.reduce((t, r) => t + r.share, 0) / results.length;
  out.push(
    `Summary: ${plural(results.length, 'marker')}: ${count('close')} close, ${count('partly')} partly, ${count('far')} far ` +
      `(close: at least ${100 * CLOSE}% of seeds agree; partly: at least ${100 * PARTLY}%); ` +
      `seeds agree with a marker ${Math.round(100 * meanShare)}% of the time on average.`,
  );
  const ended = [...endings.entries()].sort((a, b) => b[1] - a[1]);
  const endedTotal = ended.reduce((t, [, c]) => t + c, 0);
  out.push(
    endedTotal === 0
      ? `Every game ran all ${plural(scenario.turns, 'turn')}.`
      : `Games that ended early: ${endedTotal} of ${n} (${ended.map(([k, c]) => `${k}: ${c}`).join('; ')}).`,
  );
  const atBrink = [...brink.entries()].sort((a, b) => b[1] - a[1]);
  out.push(
    atBrink.length === 0
      ? 'At the brink: no side backed down and no exchange ran into war in any seed.'
      : `At the brink (seeds): ${atBrink.map(([k, c]) => `${k}: ${c}`).join('; ')}.`,
  );
  const groups = new Map<string, number>();
  for (const d of drops) {
    const key = `turn ${d.turn}, ${d.side === 'us' ? 'US' : 'Iran'}: ${d.order} (${d.reason})`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const recorded = (scenario.record ?? []).reduce((t, w) => t + w.us.length + w.iran.length, 0);
  out.push(
    drops.length === 0
      ? `History's ${plural(recorded, 'order was', 'orders were')} legal in every seed.`
      : `Orders dropped: ${drops.length} of ${recorded * n} (${((100 * drops.length) / (recorded * n)).toFixed(1)}%), where a seeded world refused them:`,
  );
  for (const [key, c] of [...groups.entries()].sort((a, b) => b[1] - a[1]))
    out.push(`  ${key}: ${plural(c, 'seed')} (${Math.round((100 * c) / n)}%)`);
  process.stdout.write(`${out.join('\n')}\n`);
}

runMain(main);
