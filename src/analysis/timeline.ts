import {
  addDays,
  describeOrder,
  frontName,
  type GameState,
  groupName,
  likelihoodWord,
  narrate,
  type OutcomeResult,
  type Ruling,
  rungName,
  type Scenario,
  siteName,
} from '../engine/index.ts';
import type { PlayedGame } from './record.ts';

/**
 * A played game as rows over turns (row 0 is the start), for the debrief's charts and its JSON and CSV export; each
 * turn's decisions beside their consequences; and each attack's US assessment beside the truth.
 */

export interface TimelineRow {
  turn: number; // 0: the position before the first turn
  date: string; // the first day of the turn (the start date for row 0)
  rung: number;
  consent: number;
  evictionPressure: number;
  usResolve: number;
  credibility: number;
  isis: number;
  usKilled: number; // every casualty figure is the total so far
  usWounded: number;
  iraqiForcesKilled: number;
  civiliansKilled: number;
  proxiesKilled: number;
  escalationUs: number; // each side's escalation score so far (Rivera points)
  escalationIran: number;
  attacks: number; // attacks and US strikes during the turn (0 for row 0)
  strikes: number;
  usOrders: string[];
  iranOrders: string[];
}

function row(scenario: Scenario, turn: number, s: GameState, orders: { us: string[]; iran: string[] }): TimelineRow {
  return {
    turn,
    date: addDays(scenario.startDate, Math.max(0, turn - 1) * scenario.turnDays),
    rung: s.ladder.rung,
    consent: s.baghdad.consent,
    evictionPressure: s.baghdad.evictionPressure,
    usResolve: s.us.resolve,
    credibility: s.us.credibility,
    isis: s.isis,
    usKilled: s.casualties.usKilled,
    usWounded: s.casualties.usWounded,
    iraqiForcesKilled: s.casualties.iraqiForcesKilled,
    civiliansKilled: s.casualties.civiliansKilled,
    proxiesKilled: s.casualties.proxiesKilled,
    escalationUs: s.escalation.us,
    escalationIran: s.escalation.iran,
    attacks: s.attacks.filter((a) => a.turn === turn).length,
    strikes: s.strikes.filter((x) => x.turn === turn).length,
    usOrders: orders.us,
    iranOrders: orders.iran,
  };
}

/** The game's figures at the start and after each turn played. */
export function timeline(game: PlayedGame): TimelineRow[] {
  const s = game.scenario;
  return [
    row(s, 0, game.start, { us: [], iran: [] }),
    ...game.turns.map((t) =>
      row(s, t.turn, t.after, {
        us: t.orders.us.map((o) => describeOrder(s, o)),
        iran: t.orders.iran.map((o) => describeOrder(s, o)),
      }),
    ),
  ];
}

/** The columns of the CSV export, in order: every numeric field of a row, then the orders. */
const CSV_COLUMNS: readonly (keyof TimelineRow)[] = [
  'turn',
  'date',
  'rung',
  'consent',
  'evictionPressure',
  'usResolve',
  'credibility',
  'isis',
  'usKilled',
  'usWounded',
  'iraqiForcesKilled',
  'civiliansKilled',
  'proxiesKilled',
  'escalationUs',
  'escalationIran',
  'attacks',
  'strikes',
  'usOrders',
  'iranOrders',
];

// RFC 4180: quote a field holding a comma, a quote or a line break, doubling its quotes.
const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The timeline as CSV, one row per turn: spreadsheets open it for a class's own charts. */
export function timelineCsv(rows: readonly TimelineRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows)
    lines.push(
      CSV_COLUMNS.map((c) => {
        const v = r[c];
        return csvField(Array.isArray(v) ? v.join('; ') : String(v));
      }).join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

/** What the US believed of one attack, and the truth. */
export interface BeliefRow {
  turn: number;
  attackId: number;
  target: string; // display names from here on
  claimedBy: string;
  suspect: string | null; // the group the US blamed; null: no suspect, or Iran itself for a state act
  confidence: number; // per mille
  word: string; // ICD-203 words with their range: "likely (55-80%)"
  firedBy: string;
  autonomous: boolean;
  stateAct: boolean;
  right: boolean; // the US blamed whoever really fired
  usKilled: number;
  /** The facilitator's reason when a ruling named the suspect instead of US intelligence; null otherwise. */
  ruledBecause: string | null;
}

/** The facilitator's ruling on an attack's attribution, if one was made (it replaces US intelligence's call). */
export function attributionRuling(state: GameState, attack: { id: number; turn: number }): Ruling | null {
  const rulings = state.history.find((h) => h.turn === attack.turn)?.rulings ?? [];
  return rulings.find((r) => r.type === 'attack-attributed' && r.attack === attack.id) ?? null;
}

/** Each attack's US attribution beside who really fired it. */
export function beliefs(scenario: Scenario, state: GameState): BeliefRow[] {
  return state.attacks.map((a) => {
    const { word, range } = likelihoodWord(scenario, a.confidence);
    return {
      turn: a.turn,
      attackId: a.id,
      target: siteName(scenario, a.target),
      claimedBy: a.claim === 'open' ? 'openly' : a.claim === 'unclaimed' ? 'nobody' : frontName(scenario, a.claim),
      suspect: a.suspect === null ? null : groupName(scenario, a.suspect),
      confidence: a.confidence,
      word: `${word} (${range})`,
      firedBy: a.group === null ? 'the IRGC, from Iran' : groupName(scenario, a.group),
      autonomous: a.autonomous,
      stateAct: a.group === null,
      right: a.group === null || a.suspect === a.group,
      usKilled: a.casualties.usKilled,
      ruledBecause: attributionRuling(state, a)?.reason ?? null,
    };
  });
}

/** A turn's decisions beside what followed, in the engine's own words for the facilitator (who sees all). */
export interface TurnStory {
  turn: number;
  date: string;
  us: string[];
  iran: string[];
  consequences: string[];
  rung: { from: number; to: number; name: string };
  consentChange: number;
  usKilled: number; // during the turn
  iraqisKilled: number; // forces and civilians, during the turn
}

export function turnStories(game: PlayedGame): TurnStory[] {
  const s = game.scenario;
  return game.turns.map((t) => {
    const consequences: string[] = [];
    for (const e of t.events) {
      if (e.type === 'turn-started') continue;
      // A card's headline is enough beside the decisions; its full text was in the week's news.
      const text =
        e.type === 'card' ? narrate(s, { ...e, text: '' }, 'facilitator')?.trimEnd() : narrate(s, e, 'facilitator');
      if (text) consequences.push(text);
    }
    const b = t.before.casualties;
    const a = t.after.casualties;
    return {
      turn: t.turn,
      date: addDays(s.startDate, (t.turn - 1) * s.turnDays),
      us: t.orders.us.map((o) => describeOrder(s, o)),
      iran: t.orders.iran.map((o) => describeOrder(s, o)),
      consequences,
      rung: { from: t.before.ladder.rung, to: t.after.ladder.rung, name: rungName(s, t.after.ladder.rung) },
      consentChange: t.after.baghdad.consent - t.before.baghdad.consent,
      usKilled: a.usKilled - b.usKilled,
      iraqisKilled: a.iraqiForcesKilled + a.civiliansKilled - (b.iraqiForcesKilled + b.civiliansKilled),
    };
  });
}

/** How a game ended, as the debrief and duplicate play show it. */
export interface Ending {
  result: OutcomeResult | null; // null: the record stops before the end
  reason: string | null;
  turn: number;
  explanation: string;
  usScore: number | null;
  iranScore: number | null;
}

export function ending(game: PlayedGame): Ending {
  const o = game.final.outcome;
  if (!o)
    return {
      result: null,
      reason: null,
      turn: game.turns.length,
      explanation: `The record stops after turn ${game.turns.length} of ${game.final.lastTurn}, before the game ended.`,
      usScore: null,
      iranScore: null,
    };
  return {
    result: o.result,
    reason: o.reason,
    turn: o.turn,
    explanation: o.explanation,
    usScore: o.score.us.total,
    iranScore: o.score.iran.total,
  };
}

/** The whole debrief as data: what the JSON export holds. */
export function debriefData(game: PlayedGame): object {
  const r = game.replay;
  return {
    format: 'two-boxers-debrief',
    formatVersion: 1,
    scenarioId: r.scenarioId,
    seed: r.seed,
    preset: r.options.preset ?? null,
    ending: ending(game),
    timeline: timeline(game),
    beliefs: beliefs(game.scenario, game.final),
    strikes: game.final.strikes.map((x) => ({
      turn: x.turn,
      site: siteName(game.scenario, x.site),
      group: groupName(game.scenario, x.group),
      kind: x.kind,
      justified: x.justified,
      casualties: x.casualties,
    })),
    turns: turnStories(game),
  };
}
