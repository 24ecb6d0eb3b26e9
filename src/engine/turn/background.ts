import { adjust, adjustBase, addDead, type Cause, limit, shift } from '../ledger.ts';
import { clamp, roundTen } from '../math.ts';
import { iranIncomeParts } from '../income.ts';
import { pandemicOn } from '../scenario.ts';
import { emit, findGroup, type TurnContext } from './context.ts';
import { handOver } from './us-posture.ts';

// The actors the engine runs beside the two sides: ISIS, the pandemic, the coalition partners, the two economies and
// US intelligence's picture of the groups.

// The causes of the background's weekly changes, made once (every turn books them).
const ISIS_GROWTH: Cause = { kind: 'drift', rule: 'isis-growth' };
const ISIS_PANDEMIC: Cause = { kind: 'drift', rule: 'isis-pandemic' };
const COUNTER_ISIS: Cause = { kind: 'drift', rule: 'counter-isis' };
const ISIS_ATTACK: Cause = { kind: 'isis-attack' };
const FATIGUE: Cause = { kind: 'drift', rule: 'fatigue' };
const IRAN_INCOME: Cause = { kind: 'income', rule: 'iran', only: 'iran' };
const PANDEMIC_DRAIN: Cause = { kind: 'income', rule: 'pandemic', only: 'iran' };
const WAIVER_INCOME: Cause = { kind: 'income', rule: 'waiver', only: 'iran' };
const ECONOMIC_LOSS: Cause = { kind: 'income', rule: 'economic-attack', only: 'iran' };
const US_CAPITAL: Cause = { kind: 'income', rule: 'us-capital', only: 'us' };

/** ISIS grows with the pandemic and shrinks with counter-ISIS work; strong enough, it strikes Iraqi forces. */
export function runIsis(t: TurnContext): void {
  const s = t.s;
  const d = t.d;
  const i = s.isis;
  shift(t, 'isis', i.growth, ISIS_GROWTH);
  shift(t, 'isis', d.pandemic * i.pandemicGrowth, ISIS_PANDEMIC);
  shift(t, 'isis', -Math.trunc(d.us.counterIsis / i.counterIsisDivisor), COUNTER_ISIS);
  limit(t, 'isis');
  if (d.isis >= i.attackAt) {
    const killed = t.dice.between(i.attackIraqiKilled[0], i.attackIraqiKilled[1]);
    addDead(t, 'iraqiForcesKilled', killed, ISIS_ATTACK);
    adjust(t, 'consent', i.consentPerAttack, ISIS_ATTACK);
    emit(t, 'all', { type: 'isis-attack', iraqiKilled: killed });
  }
}

/** The pandemic's level and curfew this week, from the scenario's schedule. */
export function runPandemic(t: TurnContext): void {
  const s = t.s;
  const d = t.d;
  const { level, curfew } = pandemicOn(s, d.turn);
  if (level !== d.pandemic || curfew !== d.curfew) emit(t, 'all', { type: 'pandemic', level, curfew });
  d.pandemic = level;
  d.curfew = curfew;
}

/** Coalition partners pull out, each one taking some counter-ISIS work with it. */
export function partnersLeave(t: TurnContext, count: number): void {
  const d = t.d;
  for (let i = 0; i < count && d.partners > 0; i++) {
    d.partners--;
    d.us.counterIsis = clamp(d.us.counterIsis - t.s.partnerLeaveCounterIsis, 0, 100);
    emit(t, 'all', { type: 'partner-left', remaining: d.partners });
  }
}

/**
 * The week's accounts and what runs down: Iran's income, US political capital, fatigue at home high on the ladder,
 * partners leaving in a pandemic, an ISR surge ending, restraint wearing off and handovers under way completing.
 */
export function runEconomy(t: TurnContext): void {
  const s = t.s;
  const d = t.d;
  // Iran's week's income in its parts (the one reckoning the view shows too), clamped once.
  const lapsed = d.baghdad.waiverTurns === 0;
  const oilSiteHit = d.iran.incomeLossTurns > 0;
  const income = iranIncomeParts(s, d.iran.income, d.pandemic, lapsed, oilSiteHit);
  shift(t, 'iranResources', income.base, IRAN_INCOME);
  shift(t, 'iranResources', income.pandemic, PANDEMIC_DRAIN);
  if (lapsed) shift(t, 'iranResources', income.waiver, WAIVER_INCOME);
  if (oilSiteHit) {
    shift(t, 'iranResources', income.economicAttack, ECONOMIC_LOSS);
    d.iran.incomeLossTurns--;
  }
  limit(t, 'iranResources');
  adjust(t, 'politicalCapital', s.us.capitalPerTurn, US_CAPITAL);
  if (d.ladder.rung >= s.domestic.ladderFatigueFrom) adjust(t, 'resolve', -s.domestic.ladderFatigue, FATIGUE);
  if (d.pandemic > 0 && d.partners > 0 && t.dice.chance(d.pandemic * s.pandemic.partnerLeaveChancePerLevel))
    partnersLeave(t, 1);
  if (!d.us.isrSurged && d.us.isr > s.us.baseIsr) d.us.isr--;
  d.us.isrSurged = false;
  for (const g of d.iran.groups) if (g.restrainedTurns > 0) g.restrainedTurns--;
  for (const b of d.us.bases) {
    if (b.handedOver || b.handoverTurns <= 0) continue;
    const cause: Cause = { kind: 'handover', base: b.site };
    adjustBase(t, b, 'handoverTurns', -1, cause);
    if (b.handoverTurns === 0) handOver(t, b.site, cause);
  }
}

/**
 * US intelligence refreshes its picture of each group now and then (more often with more ISR), rather than
 * reading it live: a live estimate would move with every attack and give away who fired.
 */
export function refreshIntelligence(t: TurnContext): void {
  const s = t.s;
  const d = t.d;
  const refresh = s.attribution.intelRefresh + d.us.isr * s.attribution.intelRefreshPerIsr;
  for (const estimate of d.us.intel) {
    if (!t.dice.chance(refresh)) continue;
    const g = findGroup(t, estimate.group);
    estimate.strength = roundTen(g.strength);
    estimate.arsenal = roundTen(g.arsenal);
    estimate.asOf = d.turn;
  }
}
