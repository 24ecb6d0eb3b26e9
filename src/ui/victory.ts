import type { Scenario } from '../engine/index.ts';

// How each side wins, in words: the new-game form and every briefing show them, so they load with the page; the
// rules page (rules.ts) loads when opened.

/** Which passed vote binds, counting those before the game began. */
function bindingWords(s: Scenario): string {
  const b = s.baghdad;
  const demands = b.bindingFromVote - 1 - b.votesPassed;
  if (b.bindingFromVote <= 1) return 'every passed vote binds';
  if (demands <= 0) return 'the next to pass binds';
  return demands === 1 ? 'the first to pass is only a demand' : `the first ${demands} to pass are only demands`;
}

/** How each side wins and how both lose, in words built from the scenario's victory data. */
export function victoryConditions(s: Scenario): { us: string; iran: string; war: string } {
  const v = s.victory;
  return {
    us: `The Coalition wins at the end if it still holds its key bases, Baghdad's consent is ${v.us.minConsent}+, ISIS is ${v.us.maxIsis} or less, credibility is ${v.us.minCredibility}+ and the ladder is at rung ${v.us.maxRung} or below.`,
    // The vote itself costs consent first: the expulsion test is on what is left after it (resolve.ts, vote()).
    iran: `Iran wins at once if parliament passes a binding eviction vote that leaves Baghdad's consent at ${s.baghdad.expulsionConsent} or less (a passed vote costs the US ${-s.baghdad.voteConsentDrop} consent; ${bindingWords(s)}), if the US holds ${v.iran.tokenBases} bases or fewer, or if US resolve falls to ${v.iran.resolveBreak}; at the end it wins if the US falls short while its proxy capability is ${v.iran.minProxyCapability}+ and a front keeps deniability ${v.iran.minDeniability}+.`,
    war: `If the ladder reaches rung ${s.ladder.war}, the game ends in regional war and both sides lose.`,
  };
}
