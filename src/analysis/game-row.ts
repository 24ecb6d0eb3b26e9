import { z } from 'zod';
import { AI_PLAYERS } from '../ai/registry.ts';
import { playMatch } from '../ai/match.ts';
import type { Scenario } from '../engine/index.ts';

/**
 * A finished game reduced to one row of outcome figures and its path week by week: what batch files hold, what
 * compare pairs, and what the browser's designer's lab plays in its workers. One definition for all of them.
 */

/** The variables followed turn by turn, as the mean path of a batch shows them. */
export const PATH_KEYS = [
  'rung',
  'consent',
  'evictionPressure',
  'usResolve',
  'isis',
  'usKilled',
  'escalationUs',
  'escalationIran',
] as const;
export type PathKey = (typeof PATH_KEYS)[number];

/** A whole number of things (games, deaths, turns): results files check every count is one. */
export const count = z.int().min(0);
const score = z.int();

/** One game's row in a results file: how it ended, what it cost, and its path turn by turn. */
export const gameRowSchema = z.strictObject({
  seed: count,
  result: z.enum(['us', 'iran', 'draw', 'shared-loss']),
  reason: z.enum(['war', 'eviction', 'token', 'resolve', 'final-turn']),
  endTurn: z.int().min(1),
  rung: count,
  peakRung: count,
  voteTurn: z.int().min(1).nullable(), // the first eviction vote held, null when parliament never voted
  votesHeld: count,
  votesPassed: count,
  casualties: z.strictObject({
    usKilled: count,
    usWounded: count,
    iraqiForcesKilled: count,
    civiliansKilled: count,
    proxiesKilled: count,
  }),
  escalation: z.strictObject({ us: score, iran: score }),
  score: z.strictObject({ us: score, iran: score }),
  refusedOrders: count,
  path: z.strictObject(
    Object.fromEntries(PATH_KEYS.map((k) => [k, z.array(score)])) as Record<PathKey, z.ZodArray<z.ZodInt>>,
  ),
});
export type GameRow = z.infer<typeof gameRowSchema>;

/** What a row plays: two computer players by id and an optional preset. */
export interface RowMatchup {
  us: string;
  iran: string;
  preset: string | null;
}

/** Plays one seeded game and reduces it to its row. */
export function playRow(scenario: Scenario, matchup: RowMatchup, seed: number, players = AI_PLAYERS): GameRow {
  const us = players.find((p) => p.side === 'us' && p.id === matchup.us);
  const iran = players.find((p) => p.side === 'iran' && p.id === matchup.iran);
  if (!us || !iran) throw new Error(`unknown player ${matchup.us} or ${matchup.iran}`);
  const m = playMatch(scenario, String(seed), us.policy, iran.policy, {
    keepLog: true,
    // Many games, none of them kept: freezing catches mutation in tests and the UI, and only costs time here.
    freeze: false,
    ...(matchup.preset === null ? {} : { preset: matchup.preset }),
  });
  const s = m.state;
  const o = s.outcome;
  if (!o) throw new Error('a game ended without an outcome');
  let voteTurn: number | null = null;
  let votesHeld = 0;
  let votesPassed = 0;
  for (const t of m.turns)
    for (const e of t.events)
      if (e.type === 'vote') {
        voteTurn ??= t.turn;
        votesHeld++;
        if (e.passed) votesPassed++;
      }
  const path = Object.fromEntries(PATH_KEYS.map((k) => [k, [] as number[]])) as Record<PathKey, number[]>;
  let escalationUs = 0;
  let escalationIran = 0;
  for (const h of s.history) {
    escalationUs += h.escalation.us;
    escalationIran += h.escalation.iran;
    path.rung.push(h.rung);
    path.consent.push(h.consent);
    path.evictionPressure.push(h.evictionPressure);
    path.usResolve.push(h.usResolve);
    path.isis.push(h.isis);
    path.usKilled.push(h.usKilled);
    path.escalationUs.push(escalationUs);
    path.escalationIran.push(escalationIran);
  }
  return {
    seed,
    result: o.result,
    reason: o.reason,
    endTurn: o.turn,
    rung: s.ladder.rung,
    peakRung: s.ladder.peak,
    voteTurn,
    votesHeld,
    votesPassed,
    casualties: { ...s.casualties },
    escalation: { ...s.escalation },
    score: { us: o.score.us.total, iran: o.score.iran.total },
    refusedOrders: m.errors.length,
    path,
  };
}
