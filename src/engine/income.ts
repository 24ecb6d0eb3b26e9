import { economicAttackIncome } from './order-effects.ts';
import { pandemicOn, type Scenario } from './scenario.ts';
import type { GameState } from './state.ts';

/** Iran's income for one week in its parts, as the economy step books them; each drain negative or 0. */
export interface IranIncome {
  base: number; // the weekly income, after what sanctions designations have cut from it for good
  pandemic: number; // the pandemic's drain, by its level
  waiver: number; // while Iraq's electricity waiver has lapsed
  economicAttack: number; // in a week its militias rocket an oil site
  net: number; // what the week adds to Iran's resources (before the 0-100 bounds)
}

/** Iran's income in its parts for a week with this pandemic level, waiver and attack on an oil site (or none). */
export function iranIncomeParts(
  s: Scenario,
  base: number,
  pandemic: number,
  waiverLapsed: boolean,
  oilSiteHit: boolean,
): IranIncome {
  const drain = -pandemic * s.pandemic.iranDrainPerLevel;
  const waiver = waiverLapsed ? -s.baghdad.waiverIranIncome : 0;
  const economicAttack = oilSiteHit ? economicAttackIncome(s) : 0;
  return { base, pandemic: drain, waiver, economicAttack, net: base + drain + waiver + economicAttack };
}

/**
 * The income Iran's side can count on in the week being ordered: the week's pandemic level by the schedule, and the
 * waiver as it stands once Baghdad's week has run it down (it lapses in the week its last turn runs out), unless
 * the US extends or shortens it. An attack on an oil site is its order's cost, told in that order's forecast.
 */
export function iranIncomeThisWeek(
  s: Scenario,
  state: { turn: number; iran: Pick<GameState['iran'], 'income'>; baghdad: Pick<GameState['baghdad'], 'waiverTurns'> },
): IranIncome {
  return iranIncomeParts(s, state.iran.income, pandemicOn(s, state.turn).level, state.baghdad.waiverTurns <= 1, false);
}
