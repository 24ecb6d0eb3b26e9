import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/engine/index.ts';
import { victoryConditions } from '../../src/ui/rules.ts';
import { shippedScenario } from '../shipped.ts';

const scenario: Scenario = shippedScenario('two-boxers');

/** The win rules in words follow the scenario's numbers and the order the engine tests them in (issue 13, item 6). */
describe('victoryConditions', () => {
  it("states Iran's eviction win on the consent left after the vote has cost its share", () => {
    const b = scenario.baghdad;
    const iran = victoryConditions(scenario).iran;
    expect(iran).toContain(`leaves Baghdad's consent at ${b.expulsionConsent} or less`);
    expect(iran).toContain(`a passed vote costs the US ${-b.voteConsentDrop} consent`);
  });

  it('follows the numbers when a scenario changes them', () => {
    const changed: Scenario = {
      ...scenario,
      baghdad: { ...scenario.baghdad, expulsionConsent: 25, voteConsentDrop: -10 },
      victory: { ...scenario.victory, us: { ...scenario.victory.us, minConsent: 45 } },
    };
    const words = victoryConditions(changed);
    expect(words.iran).toContain('at 25 or less (a passed vote costs the US 10 consent)');
    expect(words.us).toContain("Baghdad's consent is 45+");
  });
});
