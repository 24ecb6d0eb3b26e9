import { clamp } from './math.ts';
import type { Scenario } from './scenario.ts';

/**
 * How sure the US intelligence community is of who fired, in per-mille. ISR and curfews raise it; a front's claim
 * lowers it by that front's deniability; an open claim or a state act leaves no doubt. This is also the chance the
 * US names the right group, so the ICD-203 words the player reads are calibrated.
 */
export function attributionConfidence(
  scenario: Scenario,
  isr: number,
  curfew: boolean,
  claim: 'open' | 'unclaimed' | { deniability: number },
): number {
  const a = scenario.attribution;
  if (claim === 'open') return a.openClaim;
  let c = a.base + isr * a.perIsr + (curfew ? a.curfew : 0);
  if (claim !== 'unclaimed') c -= claim.deniability * a.frontPenalty;
  return clamp(c, a.floor, a.ceiling);
}

/** The ICD-203 expression of likelihood for a per-mille chance ("likely", "55-80%"). */
export function likelihoodWord(scenario: Scenario, pm: number): { word: string; range: string } {
  const w = likelihoodOf(scenario, pm);
  return { word: w.word, range: w.range };
}

/**
 * The scenario's own entry for a per-mille chance, not a copy: for the word alone, which every US view gives for
 * every attack it lists (the strategist's models take a view in every turn of every playout).
 */
export function likelihoodOf(scenario: Scenario, pm: number): Scenario['attribution']['words'][number] {
  const words = scenario.attribution.words;
  for (const w of words) if (pm <= w.upTo) return w;
  return words[words.length - 1]!;
}
