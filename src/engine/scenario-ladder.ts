import { z } from 'zod';

/**
 * The escalation ladder's part of the scenario schema (scenario.ts holds the rest): its rungs, gates and pressure,
 * the precedents, the incidents nobody ordered and the brink. Built by scenario.ts's buildSchemas, with its
 * primitives, so a page that never validates a scenario never builds it.
 */
export function ladderSchema({
  int,
  perMille,
  text,
  list,
}: {
  int: (lo: number, hi: number) => z.ZodInt;
  perMille: z.ZodInt;
  text: z.ZodString;
  /** A list within the scenario's limit on entries (SCENARIO_LIMITS). */
  list: <T extends z.core.SomeType>(item: T) => z.ZodArray<T>;
}) {
  const rungSchema = z.strictObject({
    level: int(0, 14).describe('the rung, 0-14; entries are listed in order'),
    name: text.describe('the rung name shown on the ladder'),
    description: text.describe('a sentence on what the rung looks like in this crisis'),
  });

  return z
    .strictObject({
      start: int(0, 14).describe('the rung at the start'),
      war: int(1, 14).describe('reaching this rung ends the game: everyone loses'),
      rungs: z.array(rungSchema).length(15).describe('the 15 named rungs, 0-14'),
      gates: list(int(1, 14)).describe(
        'thresholds below war that need a stronger push to cross, and an ordered one (war is always such a gate)',
      ),
      pressurePerRung: int(1, 200).describe("a turn's pressure climbs one rung per this much"),
      gatePressure: int(1, 400).describe(
        'pressure from ordered acts needed in one turn to cross a gate: fire nobody ordered, incidents and cards never carry the ladder through one',
      ),
      maxStep: int(1, 5).describe('most rungs pressure can climb in one turn'),
      calmBelow: int(-100, 100).describe('a turn with pressure at or below this is quiet'),
      decayAfterQuiet: int(1, 12).describe('quiet turns in a row before the ladder steps down'),
      firstUsDeath: int(0, 5).describe('rungs jumped by the first American killed'),
      firstLeaderKilled: int(0, 5).describe('rungs jumped by the first leader killed'),
      firstStateStrike: int(0, 5).describe('rungs jumped by the first state-on-state strike'),
      siegeFloor: int(0, 14).describe('a successful embassy siege lifts the ladder to at least this rung'),
      incidents: z
        .strictObject({
          fromRung: int(0, 14).describe('the lowest rung at which incidents can happen'),
          perMillePerRung: perMille.describe(
            'per-mille chance a week, for each rung from fromRung up to the current one, of an incident',
          ),
          perHotOrder: perMille
            .default(0)
            .describe('per-mille added to the chance for each violent or posturing order of either side that week'),
          perCalmOrder: perMille
            .default(0)
            .describe('per-mille taken from the chance for each de-escalating order of either side that week'),
          stories: list(text)
            .default([])
            .describe('what an incident looks like in the news, one sentence each: one is drawn for each incident'),
        })
        .default({ fromRung: 14, perMillePerRung: 0, perHotOrder: 0, perCalmOrder: 0, stories: [] })
        .describe(
          "incidents nobody ordered (a clash at sea, a jumpy air-defence crew) that undo a week's calming and lift a crisis standing high one rung above where the week began, never through a gate",
        ),
      brink: z
        .strictObject({
          fromRung: int(0, 14).describe(
            'the lowest rung of the brink: the rules below apply in a week that begins there (at war or above: none)',
          ),
          exchangeWar: perMille.describe(
            'per-mille chance that a week at the brink in which both sides fire (a US strike of any kind, an Iranian violent order) runs into open war',
          ),
          usBacksDown: z
            .strictObject({
              resolve: int(-100, 0).describe('change to US resolve when the US holds its fire while Iran fires'),
              credibility: int(-100, 0).describe('change to US credibility when it does'),
            })
            .describe('what the US pays for being seen to back down at the brink'),
          iranBacksDown: z
            .strictObject({
              consent: int(0, 100).describe(
                "change to Baghdad's consent when Iran's side holds its fire while the US strikes",
              ),
              evictionPressure: int(-100, 0).describe('change to eviction pressure when it does'),
            })
            .describe("what Iran's side pays for being seen to back down at the brink"),
        })
        .default({
          fromRung: 14,
          exchangeWar: 0,
          usBacksDown: { resolve: 0, credibility: 0 },
          iranBacksDown: { consent: 0, evictionPressure: 0 },
        })
        .describe(
          "the brink, Schelling's competition in risk-taking: high on the ladder, a side that holds its fire while the other fires is seen to back down and pays for it, and an exchange of fire may run into war. Only ordered fire counts",
        ),
      brokenBefore: z
        .strictObject({
          usDeath: z.boolean().describe('an American has already been killed'),
          leaderKilled: z.boolean().describe('a group leader has already been killed'),
          stateStrike: z.boolean().describe('Iran has already struck US forces directly'),
        })
        .describe('precedents already broken before the start: they jump the ladder no more'),
    })
    .describe("the escalation ladder (after Herman Kahn): how a turn's pressure moves the rung");
}
