import { aNumber, incidentChance, type Scenario } from '../engine/index.ts';

/**
 * The odds of an incident nobody ordered, in words: both ladders' (the one-device game's and a networked seat's) and
 * the rules'. A leaf of its own rather than a part of labels.ts: a lazily loaded classroom page importing labels.ts
 * makes the bundler move the engine out of the first page's chunk into a second one (checked with `vite build`;
 * see result-words.ts).
 */

/** The chance of an incident at a rung, as players read it ("10%"), or null below the rungs where they happen. */
export function incidentOdds(s: Scenario, rung: number): string | null {
  const chance = rung >= s.ladder.war ? 0 : incidentChance(s, rung);
  return chance === 0 ? null : `${chance / 10}%`;
}

/** The odds of an incident at a rung and what moves them this week, in words: the base chance, then both sides' part. */
export function incidentWords(s: Scenario, odds: string): string {
  const i = s.ladder.incidents;
  const more =
    i.perHotOrder > 0
      ? `; each violent or posturing order either side gives that week adds ${i.perHotOrder / 10} points`
      : '';
  const less = i.perCalmOrder > 0 ? `; each de-escalating order of either side takes ${i.perCalmOrder / 10} off` : '';
  return `${aNumber(odds)} chance a week of climbing a rung (never across a gate)${more}${less}.`;
}
