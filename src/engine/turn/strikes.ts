import { adjust, type Cause, orderCause, push } from '../ledger.ts';
import { perMille } from '../math.ts';
import { strikePrice } from '../order-effects.ts';
import { specOf } from '../orders.ts';
import type { Scenario } from '../scenario.ts';
import { campaignLeaked, noCasualties } from '../state.ts';
import { emit, findGroup, ruling, type TurnContext } from './context.ts';
import { addCasualties, apply, applyOnce } from './effects.ts';

/** A US strike plan leaks: the news costs consent in Baghdad and adds to the pressure to evict. */
export function leak(t: TurnContext, group: string): void {
  const s = t.s;
  emit(t, 'all', { type: 'plan-leaked', group });
  applyOnce(t, { consent: s.strikes.leakConsent, evictionPressure: s.strikes.leakPressure }, { kind: 'leak', group });
}

/**
 * The US's best confidence that `group` carried out an attack in the strikes' window before week `since`, or after
 * it: what a strike on the group is judged by (weak below `strikes.lowConfidence`). Resolution reads the state's
 * records, the strike's and the campaign's forecasts the US view's.
 */
export function bestAssessment(
  s: Scenario,
  attacks: readonly { suspect?: string | null; turn: number; confidence?: number }[],
  group: string,
  since: number,
): number {
  let best = 0;
  for (const a of attacks)
    if (a.suspect === group && a.turn > since - s.strikes.window) best = Math.max(best, a.confidence ?? 0);
  return best;
}

/**
 * A US strike on a proxy site. `efficiency` (per-mille) scales the damage: campaigns spread it over weeks. `since` is
 * the week the strike is judged from (Baghdad's "did the group attack?" and the US's confidence that it did): the
 * week itself for a strike, the week a campaign began for each of its strikes, which answer the attacks that
 * prompted it, not a new provocation each week.
 */
export function strike(
  t: TurnContext,
  siteId: string,
  groupId: string,
  kind: 'strike' | 'campaign',
  efficiency: number,
  since: number = t.d.turn,
): void {
  const s = t.s;
  const d = t.d;
  const st = s.strikes;
  const site = s.iran.proxySites.find((p) => p.site === siteId)!;
  const g = findGroup(t, groupId);
  const dice = t.dice;
  const strikeId = d.nextId++;
  let arsenalLost = Math.min(g.arsenal, perMille(dice.between(st.arsenalLoss[0], st.arsenalLoss[1]), efficiency));
  let strengthLost = Math.min(g.strength, perMille(dice.between(st.strengthLoss[0], st.strengthLoss[1]), efficiency));
  const casualties = noCasualties();
  casualties.proxiesKilled = perMille(dice.between(st.proxiesKilled[0], st.proxiesKilled[1]), efficiency);
  if (dice.chance(site.civilianRisk)) casualties.iraqiForcesKilled = dice.between(st.iraqiKilled[0], st.iraqiKilled[1]);
  if (dice.chance(perMille(site.civilianRisk, st.civilianShare))) casualties.civiliansKilled = 1;
  const missed = ruling(t, 'strike-missed', (r) => r.strike === strikeId);
  if (missed) {
    arsenalLost = 0;
    strengthLost = 0;
    Object.assign(casualties, noCasualties());
  }
  g.arsenal -= arsenalLost;
  g.strength -= strengthLost;
  // One cause for the whole strike: its parts (a wrong target, weak intelligence) are the US's and Iran's secrets.
  const cause: Cause = { kind: 'strike', strikeId, site: siteId, group: groupId };
  addCasualties(t, casualties, cause);
  const iraqiDead = casualties.iraqiForcesKilled + casualties.civiliansKilled;
  const justified = d.attacks.some((a) => a.group === groupId && a.turn > since - st.window);
  const price = strikePrice(s, site.stateInstitution);
  let consent = price.consent - iraqiDead * st.consentPerIraqiKilled;
  const pressure = price.evictionPressure;
  if (!justified) consent += st.wrongTargetConsent;
  // The US pays for acting on weak intelligence whatever the truth: it is judged on what it could show.
  if (bestAssessment(s, d.attacks, groupId, since) < st.lowConfidence) consent += st.lowConfidenceConsent;
  adjust(t, 'consent', consent, cause);
  adjust(t, 'evictionPressure', pressure, cause);
  d.strikes.push({ id: strikeId, turn: d.turn, site: siteId, group: groupId, kind, justified, casualties });
  // A campaign's strikes read as plain strikes while its plan is secret (the record keeps the truth).
  const secret = kind === 'campaign' && !campaignLeaked(d, groupId);
  emit(t, 'all', {
    type: 'strike',
    strikeId,
    site: siteId,
    group: groupId,
    kind: secret ? 'strike' : kind,
    arsenalLost,
    strengthLost,
    casualties,
  });
  if (missed) emit(t, 'all', { type: 'ruling', ruling: missed });
  if (!justified) emit(t, 'iran', { type: 'misdirected', strikeId, group: groupId });
  t.kineticResponse = true;
  // The US assesses its own strike damage: its estimate of the group drops by what it saw destroyed.
  const estimate = d.us.intel.find((e) => e.group === groupId);
  if (estimate) {
    estimate.arsenal = Math.max(0, estimate.arsenal - arsenalLost);
    estimate.strength = Math.max(0, estimate.strength - strengthLost);
  }
}

/** Each active campaign strikes one of its group's sites a week (less well once it has leaked) until it runs out. */
export function runCampaigns(t: TurnContext): void {
  const s = t.s;
  const d = t.d;
  const spec = specOf(s, 'campaign');
  for (const plan of d.us.plans) {
    if (!plan.active) continue;
    if (!plan.leaked && t.dice.chance(spec.leakChance ?? 0)) {
      plan.leaked = true;
      leak(t, plan.group);
    }
    const sites = s.iran.proxySites.filter((p) => p.group === plan.group);
    const duration = spec.duration ?? 1;
    const site = sites[(duration - plan.turnsLeft) % Math.max(1, sites.length)];
    const efficiency = perMille(s.strikes.campaignEfficiency, plan.leaked ? s.strikes.leakedEfficiency : 1000);
    if (site) strike(t, site.site, plan.group, 'campaign', efficiency, plan.startedTurn);
    // The campaign's own weight is the US's secret until its plan leaks.
    const cause = orderCause('us', 'campaign', plan.group, !plan.leaked);
    apply(t, spec.effects, cause, { group: plan.group }, false);
    push(t, spec.ladder, cause);
    plan.turnsLeft--;
    if (plan.turnsLeft <= 0) {
      plan.active = false;
      plan.turnsLeft = 0;
      emit(t, plan.leaked ? 'all' : 'us', { type: 'campaign', group: plan.group, status: 'ended' });
    }
  }
}
