import { clamp, roundTen } from '../math.ts';
import { pandemicOn } from '../scenario.ts';
import { emit, findGroup, type TurnContext } from './context.ts';
import { handOver } from './us-posture.ts';

// The actors the engine runs beside the two sides: ISIS, the pandemic, the coalition partners, the two economies and
// US intelligence's picture of the groups.

/** ISIS grows with the pandemic and shrinks with counter-ISIS work; strong enough, it strikes Iraqi forces. */
export function runIsis(t: TurnContext): void {
  const s = t.s;
  const d = t.d;
  const i = s.isis;
  d.isis = clamp(
    d.isis + i.growth + d.pandemic * i.pandemicGrowth - Math.trunc(d.us.counterIsis / i.counterIsisDivisor),
    0,
    100,
  );
  if (d.isis >= i.attackAt) {
    const killed = t.dice.between(i.attackIraqiKilled[0], i.attackIraqiKilled[1]);
    d.casualties.iraqiForcesKilled += killed;
    d.baghdad.consent = clamp(d.baghdad.consent + i.consentPerAttack, 0, 100);
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
  let income = d.iran.income - d.pandemic * s.pandemic.iranDrainPerLevel;
  if (d.baghdad.waiverTurns === 0) income -= s.baghdad.waiverIranIncome;
  if (d.iran.incomeLossTurns > 0) {
    income += s.domestic.economicIncome;
    d.iran.incomeLossTurns--;
  }
  d.iran.resources = clamp(d.iran.resources + income, 0, 100);
  d.us.politicalCapital = clamp(d.us.politicalCapital + s.us.capitalPerTurn, 0, 100);
  if (d.ladder.rung >= s.domestic.ladderFatigueFrom)
    d.us.resolve = clamp(d.us.resolve - s.domestic.ladderFatigue, 0, 100);
  if (d.pandemic > 0 && d.partners > 0 && t.dice.chance(d.pandemic * s.pandemic.partnerLeaveChancePerLevel))
    partnersLeave(t, 1);
  if (!d.us.isrSurged && d.us.isr > s.us.baseIsr) d.us.isr--;
  d.us.isrSurged = false;
  for (const g of d.iran.groups) if (g.restrainedTurns > 0) g.restrainedTurns--;
  for (const b of d.us.bases) {
    if (b.handedOver || b.handoverTurns <= 0) continue;
    b.handoverTurns--;
    if (b.handoverTurns === 0) handOver(t, b.site);
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
