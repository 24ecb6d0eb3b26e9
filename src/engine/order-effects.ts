import { perMille } from './math.ts';
import type { Effects, OrderSpec, Scenario } from './scenario.ts';

/**
 * The effects an order has as its rule applies them, where the rule reads more than the order's own `effects`: what
 * resolution applies (turn/us-orders.ts, turn/iran-orders.ts, turn/us-posture.ts, turn/strikes.ts) and what the
 * forecast and the Rules page tell the player, from one place.
 */

/** Counter-ISIS work needs a presence: its cut in ISIS and its effort scale with the share of bases still held. */
export function counterIsisEffects(spec: OrderSpec, held: number, bases: number): Effects {
  const share = bases === 0 ? 0 : Math.trunc((held * 1000) / bases);
  return {
    ...spec.effects,
    isis: perMille(spec.effects.isis ?? 0, share),
    counterIsis: perMille(spec.effects.counterIsis ?? 0, share),
  };
}

/** The deniability published evidence strips from a front: the order's own, more for each level of US surveillance. */
export const evidenceStrip = (s: Scenario, spec: OrderSpec, isr: number): number =>
  -(spec.effects.frontDeniability ?? 0) + isr * s.domestic.evidencePerIsr;

/** The coup story lands harder while a US strike plan is known to have leaked. */
export function infoOperationEffects(s: Scenario, spec: OrderSpec, planLeaked: boolean): Effects {
  const bonus = planLeaked ? s.domestic.infoOpLeakBonus : 0;
  return { ...spec.effects, evictionPressure: (spec.effects.evictionPressure ?? 0) + bonus };
}

/**
 * Rocketing an economic site docks Iran's side that week's income as well (charged with the week's accounts,
 * turn/background.ts): a one-off loss of resources, not a cut in the weekly income.
 */
export const economicAttackIncome = (s: Scenario): number => s.domestic.economicIncome;

/** Rocketing an economic site: the order's effects and the week's income it costs Iran's side. */
export function economicAttackEffects(s: Scenario, spec: OrderSpec): Effects {
  return { ...spec.effects, iranResources: (spec.effects.iranResources ?? 0) + economicAttackIncome(s) };
}

/** Declaring a red line: the order's effects and the credibility a public commitment earns. */
export function redLineEffects(s: Scenario, spec: OrderSpec): Effects {
  return { ...spec.effects, credibility: (spec.effects.credibility ?? 0) + s.redLines.declareCredibility };
}

/**
 * What any US strike on a proxy site costs in Baghdad before what it turns out to hit: more at a PMU position, which
 * is part of the Iraqi state. A wrong target, weak intelligence and Iraqi dead cost more (turn/strikes.ts).
 */
export function strikePrice(s: Scenario, stateInstitution: boolean): { consent: number; evictionPressure: number } {
  const st = s.strikes;
  return {
    consent: st.consent + (stateInstitution ? st.stateInstitutionConsent : 0),
    evictionPressure: st.evictionPressure + (stateInstitution ? st.stateInstitutionPressure : 0),
  };
}
