import type { Scenario } from './scenario.ts';
import type { GameState } from './state.ts';

/**
 * When parliament can next vote on eviction. The rule (turn/baghdad.ts) and every screen that tells a player when the
 * vote comes read these: the rule in every turn of every playout, so it reads the two parts without an object made.
 */

/** The pressure a vote takes: more once a government is confirmed, which has its own standing to lose. */
export const votePressure = (scenario: Scenario, baghdad: GameState['baghdad']): number =>
  scenario.baghdad.voteAt + (baghdad.stage === 'confirmed' ? scenario.baghdad.government.confirmedVoteBonus : 0);

/** The first turn from `turn` on a vote may come: votes are `voteCooldown` turns apart. */
export const voteFromTurn = (scenario: Scenario, baghdad: GameState['baghdad'], turn: number): number =>
  baghdad.lastVoteTurn === null ? turn : Math.max(turn, baghdad.lastVoteTurn + scenario.baghdad.voteCooldown);

/** Both, for a screen or an advisor. */
export function nextVote(
  scenario: Scenario,
  baghdad: GameState['baghdad'],
  turn: number,
): { pressure: number; fromTurn: number } {
  return { pressure: votePressure(scenario, baghdad), fromTurn: voteFromTurn(scenario, baghdad, turn) };
}
