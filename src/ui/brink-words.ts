import { exchangeRunsIntoWar, type Scenario, signedNumber as signed } from '../engine/index.ts';

/**
 * The brink's rule in words, every number from the scenario: the ladder strip's, the rules page's and the rung tips'.
 * A leaf of its own, as incident-words.ts is, so the networked seat's page does not pull labels.ts in.
 */

/** Whether the scenario has a brink at all (a rung below war, and something at stake there). */
export function hasBrink(s: Scenario): boolean {
  const b = s.ladder.brink;
  return (
    b.fromRung < s.ladder.war &&
    (b.exchangeWar > 0 ||
      b.usBacksDown.resolve !== 0 ||
      b.usBacksDown.credibility !== 0 ||
      b.iranBacksDown.consent !== 0 ||
      b.iranBacksDown.evictionPressure !== 0)
  );
}

/** What a week at the brink puts at stake, in one sentence (without the rung it begins at). */
export function brinkStakes(s: Scenario): string {
  const b = s.ladder.brink;
  const war = b.exchangeWar > 0 ? `if both sides fire, ${exchangeRunsIntoWar(b.exchangeWar)}; ` : '';
  return `${war}holding fire while the other side fires at you is backing down (US: resolve ${signed(b.usBacksDown.resolve)}, credibility ${signed(b.usBacksDown.credibility)}; Iran's side: Baghdad's consent ${signed(b.iranBacksDown.consent)}, eviction pressure ${signed(b.iranBacksDown.evictionPressure)})`;
}

/**
 * The rule for the rules page. What counts as firing is turn/brink.ts's: a US strike of any kind, an Iranian violent
 * order, and, to put the US on the spot, fire Iran's side cannot deny.
 */
export function brinkRule(s: Scenario): string {
  if (!hasBrink(s)) return '';
  return `From rung ${s.ladder.brink.fromRung} the crisis stands at the brink. In a week that begins there, ${brinkStakes(s)}. Firing means a US strike of any kind (a running campaign's weekly strike included) or a violent order of Iran's side; a militia firing on its own does not count. A deniable attack does not put the US on the spot, even one that kills Americans, which is what front groups are for: only IRGC missiles or an attack on US forces claimed openly do.`;
}
