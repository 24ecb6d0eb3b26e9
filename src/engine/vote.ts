import type { Scenario } from './scenario.ts';
import type { GameState } from './state.ts';

/**
 * When parliament can next vote on eviction: the pressure a vote takes (more once a government is confirmed, which
 * has its own standing to lose) and the first turn one may come (votes are `voteCooldown` turns apart). The rule
 * (turn/baghdad.ts) and every screen that tells a player when the vote comes read this one place.
 */
export function nextVote(
  scenario: Scenario,
  baghdad: GameState['baghdad'],
  turn: number,
): { pressure: number; fromTurn: number } {
  const sb = scenario.baghdad;
  return {
    pressure: sb.voteAt + (baghdad.stage === 'confirmed' ? sb.government.confirmedVoteBonus : 0),
    fromTurn: baghdad.lastVoteTurn === null ? turn : Math.max(turn, baghdad.lastVoteTurn + sb.voteCooldown),
  };
}
