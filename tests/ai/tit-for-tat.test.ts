/**
 * Generous tit-for-tat survives noise (FACTS.md Part 1, after Axelrod): in Iraq the noise is misattribution and
 * militias firing without orders. Strict tit-for-tat answers every blow, so one rocket pinned on the wrong group
 * starts a round of strikes and answers that feeds itself; the shipped tit-for-tat forgives some, and the spiral
 * dies out. Measured on a noisy variant of the scenario (more unordered fire, no eviction vote or incidents to end
 * games early), by the blows the players chose (US strikes, Iran's ordered attacks): the unordered fire is the noise
 * itself.
 */
import { describe, expect, it } from 'vitest';
import { DOCTRINES, type Doctrine } from '../../src/ai/doctrine.ts';
import { playMatch } from '../../src/ai/match.ts';
import { doctrinePolicy } from '../../src/ai/registry.ts';
import { formatErrors, parseScenario, type Scenario, type ScenarioInput } from '../../src/engine/index.ts';
import { SCENARIO } from './fixtures.ts';

function noisy(): Scenario {
  const raw = structuredClone(SCENARIO) as unknown as ScenarioInput;
  raw.baghdad.voteAt = 100;
  raw.attacks.autonomyPerAggression = 20;
  // Incidents end games in war whatever the players choose: noise of another kind, left out like the vote.
  raw.ladder.incidents = { fromRung: 14, perMillePerRung: 0 };
  const parsed = parseScenario(raw);
  if (!parsed.ok) throw new Error(formatErrors(parsed.errors));
  return parsed.value;
}

const tft = (side: 'us' | 'iran', forgiveness: number | null): Doctrine => {
  const d = structuredClone(DOCTRINES.doctrines.find((x) => x.side === side && x.id === 'tit-for-tat')!);
  if (forgiveness !== null) d.traits.forgiveness = forgiveness;
  return d;
};

/** Violence and escalation over many seeds when both sides play tit-for-tat with this forgiveness. */
function spiral(scenario: Scenario, forgiveness: number | null) {
  let blows = 0;
  let rung = 0;
  let wrong = 0;
  const n = 150;
  for (let k = 0; k < n; k++) {
    const m = playMatch(
      scenario,
      `spiral-${k}`,
      doctrinePolicy(tft('us', forgiveness)),
      doctrinePolicy(tft('iran', forgiveness)),
      { keepLog: false },
    );
    blows += m.state.strikes.length + m.state.attacks.filter((a) => !a.autonomous).length;
    wrong += m.state.strikes.filter((s) => !s.justified).length;
    rung += m.state.ladder.rung;
  }
  return { blows: blows / n, rung: rung / n, wrong: wrong / n };
}

describe('generous tit-for-tat', () => {
  it('breaks the spiral that strict tit-for-tat falls into on misattribution and unordered fire', () => {
    const scenario = noisy();
    const strict = spiral(scenario, 0);
    const generous = spiral(scenario, null);
    expect(tft('us', null).traits.forgiveness).toBeGreaterThan(0);
    expect(strict.wrong).toBeGreaterThan(0); // the noise is there: the US does strike the wrong group
    expect(generous.blows).toBeLessThan(strict.blows);
    expect(generous.rung).toBeLessThanOrEqual(strict.rung);
  });
});
