import { describeOrder, fail, hashValue, type Order, ok, type Result, type Side } from '../engine/index.ts';
import type { PlayedGame } from './record.ts';
import { type Ending, ending, type TimelineRow, timeline } from './timeline.ts';

/**
 * Duplicate play: several teams play the same scenario and seed, so the same orders meet the same dice and any
 * difference between their games comes from their choices. This sets their games side by side: the first week
 * their orders differ, and how their outcomes differ.
 */

export interface Team {
  /** The team as the teacher named it (the file it came from until then): every message about a team names it. */
  name: string;
  game: PlayedGame;
}

export interface TeamFigures {
  name: string;
  ending: Ending;
  turnsPlayed: number;
  peakRung: number;
  finalRung: number;
  consent: number;
  usResolve: number;
  isis: number;
  usKilled: number;
  iraqisKilled: number;
  attacks: number;
  strikes: number;
  misattributed: number; // attacks the US blamed on the wrong group
  escalationUs: number;
  escalationIran: number;
  timeline: TimelineRow[];
}

export interface Divergence {
  turn: number;
  sides: Side[]; // whose orders differed that turn
}

export interface TeamComparison {
  scenarioId: string;
  seed: string;
  preset: string | null;
  teams: TeamFigures[];
  /** The first turn any two teams' orders differ; null when every team gave the same orders throughout. */
  firstDivergence: Divergence | null;
  /** firstDivergence for each pair of teams: pairs[i][j], null where the two never differ (and on the diagonal). */
  pairs: (Divergence | null)[][];
  /** Each turn's orders for each team (null once that team's game is over), and whether all teams agreed. */
  turns: { turn: number; orders: ({ us: string[]; iran: string[] } | null)[]; same: { us: boolean; iran: boolean } }[];
}

/** Orders as a key: two lists are the same choice when they hold the same orders in the same order. */
const ordersKey = (orders: readonly Order[]) => orders.map((o) => hashValue(o)).join('|');

function divergence(a: PlayedGame, b: PlayedGame): Divergence | null {
  const n = Math.max(a.turns.length, b.turns.length);
  for (let i = 0; i < n; i++) {
    const x = a.turns[i];
    const y = b.turns[i];
    // One game ended (or its record stops) where the other goes on: their games, not their orders, parted earlier.
    if (!x || !y) return null;
    const sides = (['us', 'iran'] as const).filter((s) => ordersKey(x.orders[s]) !== ordersKey(y.orders[s]));
    if (sides.length > 0) return { turn: i + 1, sides };
  }
  return null;
}

function figures(team: Team): TeamFigures {
  const g = team.game;
  const f = g.final;
  const rows = timeline(g);
  return {
    name: team.name,
    ending: ending(g),
    turnsPlayed: g.turns.length,
    peakRung: f.ladder.peak,
    finalRung: f.ladder.rung,
    consent: f.baghdad.consent,
    usResolve: f.us.resolve,
    isis: f.isis,
    usKilled: f.casualties.usKilled,
    iraqisKilled: f.casualties.iraqiForcesKilled + f.casualties.civiliansKilled,
    attacks: f.attacks.length,
    strikes: f.strikes.length,
    misattributed: f.attacks.filter((a) => a.group !== null && a.suspect !== null && a.suspect !== a.group).length,
    escalationUs: f.escalation.us,
    escalationIran: f.escalation.iran,
    timeline: rows,
  };
}

/**
 * Compares two or more games of one scenario, seed and length. A game of another scenario, seed or length is
 * refused with a message naming its file: duplicate play only means something when the dice are the same.
 */
export function compareTeams(teams: readonly Team[]): Result<TeamComparison> {
  if (teams.length < 2) return fail('duplicate.count', 'Load at least two games of the same seed to compare them.');
  const first = teams[0]!;
  const r0 = first.game.replay;
  for (const t of teams.slice(1)) {
    const r = t.game.replay;
    if (r.scenarioId !== r0.scenarioId)
      return fail(
        'duplicate.scenario',
        `${t.name} is a game of the scenario "${r.scenarioId}", but ${first.name} is of "${r0.scenarioId}": duplicate play compares games of one scenario.`,
      );
    if (r.seed !== r0.seed)
      return fail(
        'duplicate.seed',
        `${t.name} was played with seed ${r.seed}, but ${first.name} with seed ${r0.seed}: duplicate play compares games of the same seed.`,
      );
    const p = r.options.preset ?? null;
    const p0 = r0.options.preset ?? null;
    if (p !== p0)
      return fail(
        'duplicate.length',
        `${t.name} is the ${p ?? 'full'} game, but ${first.name} is the ${p0 ?? 'full'} game: duplicate play compares games of the same length.`,
      );
  }
  const pairs = teams.map((a, i) => teams.map((b, j) => (i === j ? null : divergence(a.game, b.game))));
  let firstDivergence: Divergence | null = null;
  for (const row of pairs)
    for (const d of row) if (d && (firstDivergence === null || d.turn < firstDivergence.turn)) firstDivergence = d;
  if (firstDivergence) {
    // Gather every side that differs between any two teams in that turn.
    const turn = firstDivergence.turn;
    const sides = new Set<Side>();
    for (const row of pairs) for (const d of row) if (d?.turn === turn) for (const s of d.sides) sides.add(s);
    firstDivergence = { turn, sides: (['us', 'iran'] as const).filter((s) => sides.has(s)) };
  }
  const longest = Math.max(...teams.map((t) => t.game.turns.length));
  const scenario = first.game.scenario;
  const turns = Array.from({ length: longest }, (_, i) => {
    const played = teams.map((t) => t.game.turns[i] ?? null);
    const same = (side: Side) => {
      const keys = played.filter((p) => p !== null).map((p) => ordersKey(p.orders[side]));
      return keys.every((k) => k === keys[0]) && played.every((p) => p !== null);
    };
    return {
      turn: i + 1,
      orders: played.map((p) =>
        p === null
          ? null
          : {
              us: p.orders.us.map((o) => describeOrder(scenario, o)),
              iran: p.orders.iran.map((o) => describeOrder(scenario, o)),
            },
      ),
      same: { us: same('us'), iran: same('iran') },
    };
  });
  return ok({
    scenarioId: r0.scenarioId,
    seed: r0.seed,
    preset: r0.options.preset ?? null,
    teams: teams.map(figures),
    firstDivergence,
    pairs,
    turns,
  });
}
