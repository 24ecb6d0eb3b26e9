import { z } from 'zod';
import { describeOrder, longDate, type OrderType, type Scenario } from '../engine/index.ts';
import type { PlayedGame } from './record.ts';
import springData from './spring-2020.json';

/**
 * A game set beside history, from data: what happened in the same weeks of 2020 (spring-2020.json: each fact names a
 * measure read off the game and the range of values that agree with history), and the "Red Lines" record of the
 * fourteen weeks before (scenarios/red-lines.json: what each side really ordered, week by week).
 */

/** What a fact reads off a played game, over the whole game. */
export const GAME_MEASURES = {
  'us-killed': 'Americans killed',
  attacks: 'attacks on the Coalition, ordered or not',
  'us-strikes': 'US strikes on militia sites, campaign strikes and leadership strikes',
  handovers: 'bases handed over during the game',
  'patriot-bases': 'bases held under Patriot cover at the end',
  'votes-passed': 'eviction votes passed',
  'government-confirmed': 'whether a government was confirmed (1) or not (0)',
  'waiver-lapsed': 'whether the electricity waiver lapsed (1) or not (0)',
  'missile-strikes': 'IRGC missile strikes',
  'leaders-killed': 'militia leaders killed',
  'ended-early': 'whether the game ended before its last turn (1) or not (0)',
} as const;
export type GameMeasure = keyof typeof GAME_MEASURES;
const MEASURE_IDS = Object.keys(GAME_MEASURES) as [GameMeasure, ...GameMeasure[]];
const YES_NO: ReadonlySet<GameMeasure> = new Set(['government-confirmed', 'waiver-lapsed', 'ended-early']);

const factSchema = z.strictObject({
  id: z.string().min(1),
  measure: z.enum(MEASURE_IDS),
  expected: z.tuple([z.int(), z.int()]).refine(([lo, hi]) => lo <= hi, 'a [min, max] pair with min <= max'),
  turn: z.int().min(1).optional(), // the fact falls in this week: a game that ended earlier is not compared
  label: z.string().min(1),
  history: z.string().min(1),
  date: z.iso.date(),
  source: z.string().min(1).optional(),
});

const historySchema = z.strictObject({
  scenario: z.string().min(1),
  title: z.string().min(1),
  period: z.string().min(1),
  facts: z.array(factSchema).min(1),
});

export type HistoryFacts = z.infer<typeof historySchema>;
export type HistoryFact = HistoryFacts['facts'][number];

/** Checks history data: our own file, so a problem is a bug to report with its path. */
export function parseHistory(input: unknown): HistoryFacts {
  const parsed = historySchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`history data: ${first?.path.join('.') || 'root'}: ${first?.message}`);
  }
  return parsed.data;
}

export const SPRING_2020: HistoryFacts = parseHistory(springData);

/** A measure's value over a played game. */
export function measureGame(game: PlayedGame, measure: GameMeasure): number {
  const final = game.final;
  const events = game.turns.flatMap((t) => t.events);
  switch (measure) {
    case 'us-killed':
      return final.casualties.usKilled;
    case 'attacks':
      return final.attacks.length;
    case 'us-strikes':
      return (
        final.strikes.length + events.filter((e) => e.type === 'leader-killed' || e.type === 'leader-escaped').length
      );
    case 'handovers':
      return events.filter((e) => e.type === 'handover').length;
    case 'patriot-bases':
      return final.us.bases.filter((b) => !b.handedOver && b.airDefence === 'patriot').length;
    case 'votes-passed':
      return events.filter((e) => e.type === 'vote' && e.passed).length;
    case 'government-confirmed':
      return final.baghdad.stage === 'confirmed' ? 1 : 0;
    case 'waiver-lapsed':
      return events.some((e) => e.type === 'waiver' && e.change === 'lapsed') ? 1 : 0;
    case 'missile-strikes':
      return final.attacks.filter((a) => a.kind === 'missile-strike').length;
    case 'leaders-killed':
      return final.iran.groups.filter((g) => !g.leaderAlive).length;
    case 'ended-early':
      return final.outcome !== null && final.outcome.reason !== 'final-turn' ? 1 : 0;
    default: {
      const never: never = measure;
      throw new Error(`unhandled measure ${String(never)}`);
    }
  }
}

export interface HistoryRow {
  id: string;
  label: string;
  date: string;
  history: string;
  source: string | null;
  game: string; // this game's value in words
  /** Whether the game agrees with history; null when the game ended before the week the fact falls in. */
  agrees: boolean | null;
}

export interface HistoryComparison {
  title: string;
  period: string;
  rows: HistoryRow[];
  agreeing: number;
  compared: number;
}

/** This game beside the same weeks of history, or null when the facts are about another scenario. */
export function compareWithHistory(game: PlayedGame, facts: HistoryFacts = SPRING_2020): HistoryComparison | null {
  if (game.scenario.id !== facts.scenario) return null;
  const played = game.turns.length;
  const rows = facts.facts.map((f): HistoryRow => {
    const value = measureGame(game, f.measure);
    const reached = f.turn === undefined || played >= f.turn;
    const words = YES_NO.has(f.measure) ? (value > 0 ? 'yes' : 'no') : String(value);
    return {
      id: f.id,
      label: f.label,
      date: f.date,
      history: f.history,
      source: f.source ?? null,
      game: reached ? words : `${words} (the game ended before week ${f.turn})`,
      agrees: reached ? value >= f.expected[0] && value <= f.expected[1] : null,
    };
  });
  const compared = rows.filter((r) => r.agrees !== null);
  return {
    title: facts.title,
    period: facts.period,
    rows,
    compared: compared.length,
    agreeing: compared.filter((r) => r.agrees).length,
  };
}

/** Kinds of orders counted when a game is set beside a historical record. */
export const ORDER_FAMILIES: readonly { id: string; label: string; types: readonly OrderType[] }[] = [
  {
    id: 'attacks',
    label: 'Proxy attacks ordered',
    types: ['rocket-attack', 'lethal-barrage', 'embassy-attack', 'economic-attack', 'convoy-attack'],
  },
  { id: 'missiles', label: 'IRGC missile strikes', types: ['missile-strike'] },
  { id: 'strikes', label: 'US strikes and campaigns', types: ['strike-site', 'campaign'] },
  { id: 'leaders', label: 'Leadership strikes', types: ['leadership-strike'] },
  { id: 'sieges', label: 'Embassy sieges', types: ['embassy-siege'] },
  { id: 'red-lines', label: 'Red lines declared', types: ['red-line'] },
  { id: 'eviction', label: 'Eviction campaigns in parliament', types: ['eviction-campaign'] },
  { id: 'handovers', label: 'Bases handed over', types: ['hand-over-base'] },
  { id: 'talks', label: 'Messages through the Swiss', types: ['us-swiss-message', 'iran-swiss-message'] },
];

export interface RecordRow {
  label: string;
  game: number;
  gamePerWeek: number;
  history: number;
  historyPerWeek: number;
}

export interface RecordComparison {
  title: string;
  from: string;
  to: string;
  weeks: number;
  gameWeeks: number;
  rows: RecordRow[];
  /** History's dated milestones (the record's markers), in date order. */
  milestones: { date: string; label: string; history: string }[];
  /** The most orders a side gives in a week, which caps what the record holds of history. */
  ordersPerWeek: number;
  /** What else happened in a week that its orders leave out, and why (the record's own notes), in week order. */
  omitted: { turn: number; text: string }[];
  /** When the game is of the record's own scenario: each week's orders beside history's. */
  weekByWeek: { turn: number; history: { us: string[]; iran: string[] }; game: { us: string[]; iran: string[] } }[];
}

/**
 * The orders of this game beside those of a history scenario's record (how often each kind of move was made, per
 * week), with history's milestones; or null when that scenario has no record.
 */
export function compareWithRecord(game: PlayedGame, history: Scenario): RecordComparison | null {
  const record = history.record;
  if (!record || record.length === 0) return null;
  const weeks = Math.max(...record.map((w) => w.turn));
  const gameWeeks = Math.max(1, game.turns.length);
  const gameOrders = game.turns.flatMap((t) => [...t.orders.us, ...t.orders.iran]);
  const historyOrders = record.flatMap((w) => [...w.us, ...w.iran].map((e) => e.order));
  const rows = ORDER_FAMILIES.map((f) => {
    const g = gameOrders.filter((o) => f.types.includes(o.type)).length;
    const h = historyOrders.filter((o) => f.types.includes(o.type)).length;
    return { label: f.label, game: g, gamePerWeek: g / gameWeeks, history: h, historyPerWeek: h / weeks };
  }).filter((r) => r.game > 0 || r.history > 0);
  const milestones = [...(history.markers ?? [])]
    .sort((a, b) => a.date.localeCompare(b.date))
    .filter((m, i, all) => all.findIndex((x) => x.label === m.label) === i)
    .map((m) => ({ date: m.date, label: m.label, history: m.history }));
  const sameScenario = game.scenario.id === history.id;
  const weekByWeek = sameScenario
    ? game.turns.map((t) => {
        const w = record.find((r) => r.turn === t.turn);
        return {
          turn: t.turn,
          history: {
            us: (w?.us ?? []).map((e) => describeOrder(history, e.order)),
            iran: (w?.iran ?? []).map((e) => describeOrder(history, e.order)),
          },
          game: {
            us: t.orders.us.map((o) => describeOrder(game.scenario, o)),
            iran: t.orders.iran.map((o) => describeOrder(game.scenario, o)),
          },
        };
      })
    : [];
  const lastDate =
    record
      .flatMap((w) => [...w.us, ...w.iran].map((e) => e.date))
      .sort()
      .at(-1) ?? history.startDate;
  return {
    title: `The "${history.name}" record`,
    from: longDate(history.startDate),
    to: longDate(lastDate),
    weeks,
    gameWeeks,
    rows,
    milestones,
    ordersPerWeek: history.ordersPerTurn,
    omitted: [...record]
      .sort((a, b) => a.turn - b.turn)
      .flatMap((w) => (w.omitted ? [{ turn: w.turn, text: w.omitted }] : [])),
    weekByWeek,
  };
}
