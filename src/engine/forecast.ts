import { attributionConfidence, likelihoodWord } from './attribution.ts';
import { atBrink } from './ladder.ts';
import { groupName, signedNumber } from './narrate.ts';
import { putsUsOnSpot } from './turn/brink.ts';
import { answerOwed } from './turn/red-lines.ts';
import { bestAssessment } from './turn/strikes.ts';
import { chance, perMille } from './math.ts';
import { embassyOf, type Order, specOf } from './orders.ts';
import {
  counterIsisEffects,
  economicAttackEffects,
  evidenceStrip,
  infoOperationEffects,
  redLineEffects,
  strikePrice,
} from './order-effects.ts';
import { type Effects, type OrderSpec, pandemicOn, type Scenario, type Severity } from './scenario.ts';
import type { SeatView } from './view.ts';

export interface Odds {
  label: string;
  perMille: number;
  word: string; // ICD-203 expression
  range: string;
}

export interface Forecast {
  order: Order;
  name: string;
  summary: string;
  cost: number;
  severity: Severity;
  escalationPoints: number; // the Rivera score: a measure only, no rule reads it
  /** The order's push on the ladder when it comes in full (`ladderWhen`). */
  ladder: number;
  /**
   * When the push comes: always; as far as the act is pinned on its side (a deniable attack: in full if claimed
   * openly); only if US intelligence spots it (a shipment); only if it succeeds (a siege).
   */
  ladderWhen: 'always' | 'pinned' | 'spotted' | 'succeeds';
  deniable: boolean;
  odds: Odds[];
  effects: { key: keyof Effects; label: string; delta: number }[];
  notes: string[];
}

export const EFFECT_LABELS: Record<keyof Effects, string> = {
  consent: "Baghdad's consent",
  evictionPressure: 'Eviction pressure',
  usResolve: 'US resolve',
  credibility: 'US credibility',
  politicalCapital: 'Political capital',
  isr: 'ISR level',
  counterIsis: 'Counter-ISIS effort',
  isis: 'ISIS strength',
  iranResources: "Iran's resources",
  iranIncome: "Iran's weekly income",
  pmuCohesion: 'PMU cohesion',
  missileCapability: 'Missile capability',
  groupArsenal: "Group's arsenal",
  groupStrength: "Group's strength",
  groupCohesion: "Group's cohesion",
  groupAggression: "Group's aggression",
  allAggression: "All groups' aggression",
  allCohesion: "All groups' cohesion",
  frontDeniability: "Front's deniability",
  baseExposure: "Base's exposure",
  designateSupport: "PM-designate's support",
  ladder: 'Ladder pressure',
};

/** What a strike may cost on top of its price once it lands: what depends on the truth, not on the plan. */
function strikeRisks(s: Scenario): string {
  const w = s.strikes.window;
  const when = w <= 1 ? 'this week' : w === 2 ? 'this week or last' : `this week or in the ${w - 1} before`;
  return `If the group did not in fact attack ${when}, ${signedNumber(s.strikes.wrongTargetConsent)} consent more; ${signedNumber(-s.strikes.consentPerIraqiKilled)} for each Iraqi killed.`;
}

/** Chance, per-mille, that at least one of n independent per-mille events happens (integer arithmetic only). */
export function atLeastOne(pm: number, n: number): number {
  let none = 1_000_000;
  for (let i = 0; i < n; i++) none = Math.trunc((none * (1000 - pm)) / 1000);
  return 1000 - Math.trunc(none / 1000);
}

function effectLines(e: Effects | undefined): Forecast['effects'] {
  if (!e) return [];
  const out: Forecast['effects'] = [];
  for (const key of Object.keys(EFFECT_LABELS) as (keyof Effects)[]) {
    const v = e[key];
    if (v) out.push({ key, label: EFFECT_LABELS[key], delta: v });
  }
  return out;
}

/**
 * An order's sure effects as its rule will apply them, from what the side can see: counter-ISIS work scaled by the
 * bases held, evidence stripping more under more surveillance, the coup story landing harder after a leak, a red
 * line's credibility, an oil site's rockets costing Iran the week's income, and a strike's price in Baghdad before
 * what it turns out to hit.
 */
function effectsAsRuled(s: Scenario, view: SeatView, order: Order, spec: OrderSpec): Effects {
  switch (order.type) {
    case 'counter-isis':
      return counterIsisEffects(spec, view.us.bases.filter((b) => !b.handedOver).length, view.us.bases.length);
    case 'publish-evidence':
      return { ...spec.effects, frontDeniability: -evidenceStrip(s, spec, view.us.isr ?? s.us.baseIsr) };
    case 'info-operation':
      return infoOperationEffects(
        s,
        spec,
        view.us.plans.some((p) => p.leaked),
      );
    case 'red-line':
      return redLineEffects(s, spec);
    case 'economic-attack':
      return economicAttackEffects(s, spec);
    case 'reinforce':
      return { ...spec.effects, usResolve: (spec.effects.usResolve ?? 0) + s.domestic.reinforceResolve };
    case 'ordered-departure':
      return { ...spec.effects, baseExposure: (spec.effects.baseExposure ?? 0) + s.domestic.departureExposure };
    case 'smuggle-missiles':
      return { ...spec.effects, groupArsenal: (spec.effects.groupArsenal ?? 0) + s.domestic.smuggleArsenal };
    case 'embassy-siege':
      return {}; // all it does hangs on whether the crowd breaks in: told as odds and notes
    case 'strike-site': {
      const site = s.iran.proxySites.find((p) => p.site === order.site);
      const price = strikePrice(s, site?.stateInstitution ?? false);
      return {
        ...spec.effects,
        consent: (spec.effects.consent ?? 0) + price.consent,
        evictionPressure: (spec.effects.evictionPressure ?? 0) + price.evictionPressure,
      };
    }
    default:
      return spec.effects;
  }
}

/**
 * What a change in the PM-designate's support does, as Baghdad's week and the deck read it: the weekly chance that
 * parliament confirms him (turn/baghdad.ts), and a withdrawal card still to come that waits on his support being low.
 */
function designateNotes(s: Scenario, view: SeatView, delta: number): string[] {
  const gov = s.baghdad.government;
  const now = view.baghdad.designateSupport;
  const after = Math.min(100, Math.max(0, now + delta));
  const confirm = (support: number) => chance(gov.confirmChance + (support - 50) * gov.supportWeight) / 10;
  const notes = [
    `${view.baghdad.designate}'s support goes from ${now} to ${after}: parliament's weekly chance to confirm him from ${confirm(now)}% to ${confirm(after)}%.`,
  ];
  // Baghdad's week counts his weeks down before it tries to confirm him: the last try is in the week his count ends.
  const lastWeek = view.turn + view.baghdad.designateTurns - 1;
  if (lastWeek <= view.lastTurn)
    notes.push(
      `If parliament has not confirmed him by the end of ${lastWeek === view.turn ? 'this week' : `week ${lastWeek}`}, he gives up, whatever his support.`,
    );
  for (const card of s.cards) {
    const w = card.when;
    if (card.designate !== 'withdraw' || w.maxDesignateSupport === undefined) continue;
    // Only a dated card still to come: the view does not say whether an undated one has fired.
    if (w.turn === undefined || w.turn < view.turn) continue;
    const max = w.maxDesignateSupport;
    if (now <= max === after <= max) continue;
    const when = w.turn === view.turn ? 'this week' : `in week ${w.turn}`;
    notes.push(
      after <= max
        ? `At ${max} or less he may give up ${when} ("${card.title}").`
        : `At ${max + 1} or more he does not give up ${when} ("${card.title}") while it stays there.`,
    );
  }
  return notes;
}

/**
 * The forecast of one order as its side sees it: the odds (in numbers and ICD-203 words) and the expected effects,
 * computed from the seat's view with the same tables resolution uses, so the player sees before committing what
 * the engine will roll. Unknowns are taken at what the side can assume (Iran assumes the US's usual ISR). The
 * curfew is the one of the turn being ordered (the view shows last week's streets).
 */
export function forecastOrder(scenario: Scenario, view: SeatView, order: Order): Forecast {
  const s = scenario;
  const spec = specOf(s, order.type);
  const odds: Odds[] = [];
  const notes: string[] = [];
  const addOdds = (label: string, pm: number) => {
    const p = chance(pm);
    const w = likelihoodWord(s, p);
    odds.push({ label, perMille: p, word: w.word, range: w.range });
  };
  const isr = view.us.isr ?? s.us.baseIsr;
  const { curfew } = pandemicOn(s, view.turn);
  const caughtPm = curfew ? s.attacks.curfewCaught : 0;
  const attackOdds = (
    kind:
      | 'rocket-attack'
      | 'lethal-barrage'
      | 'embassy-attack'
      | 'economic-attack'
      | 'convoy-attack'
      | 'missile-strike',
    target: string | null,
    warned = false,
  ) => {
    const profile = s.attacks.profiles[kind];
    const base = target ? view.us.bases.find((b) => b.site === target && !b.handedOver) : undefined;
    const exposure = base ? base.exposure : 100;
    const table = kind === 'missile-strike' ? s.attacks.missileIntercept : s.attacks.intercept;
    const intercept = base ? table[base.airDefence] : 0;
    const perShot = perMille(1000 - intercept, chance(perMille(profile.hitPerMille, exposure * 10)));
    const n = Math.trunc((profile.rockets[0] + profile.rockets[1]) / 2);
    const fired = 1000 - (kind === 'missile-strike' ? 0 : caughtPm);
    if (caughtPm > 0 && kind !== 'missile-strike') addOdds('the launch team is caught under curfew', caughtPm);
    addOdds(
      `at least one of ~${n} ${kind === 'missile-strike' ? 'missiles' : 'rockets'} hits`,
      perMille(atLeastOne(perShot, n), fired),
    );
    if (base && base.garrison > 0) {
      const kill = warned ? perMille(profile.killPerHit, s.attacks.warnedFactor) : profile.killPerHit;
      addOdds('an American is killed', perMille(atLeastOne(perMille(perShot, kill), n), fired));
    }
    if (intercept > 0)
      notes.push(
        `${base?.airDefence === 'patriot' ? 'Patriots' : 'C-RAM'} intercept ${intercept / 10}% of what is fired.`,
      );
  };
  const claimOdds = (group: string, claim: string) => {
    const front = view.iran.fronts.find((f) => f.id === claim);
    // As resolution reads it: a front's claim after this claim's wear (an exposed front reads as an open claim),
    // and a team caught in the act is always pinned on its group.
    const worn = front ? Math.max(0, front.deniability - s.attribution.claimWear) : 0;
    const exposed = front !== undefined && worn < s.attribution.exposedBelow;
    const c = attributionConfidence(
      s,
      isr,
      curfew,
      claim === 'open' || claim === 'unclaimed' ? claim : exposed ? 'open' : { deniability: worn },
    );
    if (exposed && front.sponsor !== null && front.sponsor !== group) {
      // An exposed front's claim is read as its sponsor's (turn/proxy-attacks.ts): the US names the sponsor, with no
      // roll against the confidence; only a launch team caught in the act is pinned on the group that fired.
      const sponsor = groupName(s, front.sponsor);
      addOdds(`the US pins it on ${sponsor}, ${front.name}'s sponsor`, 1000 - caughtPm);
      notes.push(
        `${front.name} ${front.deniability < s.attribution.exposedBelow ? 'is exposed' : `is exposed once this claim wears its deniability below ${s.attribution.exposedBelow}`}: the US reads the claim as ${sponsor}'s (${likelihoodWord(s, c).word}, ${c / 10}%), not as ${groupName(s, group)}'s.`,
      );
    } else addOdds(`the US pins it on ${groupName(s, group)}`, caughtPm + perMille(1000 - caughtPm, c));
    if (front) notes.push(`Claiming through ${front.name} wears its deniability down by ${s.attribution.claimWear}.`);
  };
  switch (order.type) {
    case 'rocket-attack':
    case 'lethal-barrage':
      attackOdds(order.type, order.base);
      claimOdds(order.group, order.claim);
      break;
    case 'embassy-attack':
      attackOdds(order.type, embassyOf(s));
      claimOdds(order.group, order.claim);
      break;
    case 'economic-attack':
    case 'convoy-attack':
      attackOdds(order.type, null);
      claimOdds(order.group, order.claim);
      break;
    case 'missile-strike':
      attackOdds('missile-strike', order.base, order.warned);
      notes.push(
        'A missile strike from Iran cannot be denied: it is the first state-on-state act if none came before.',
      );
      break;
    case 'embassy-siege': {
      addOdds('supporters break into the compound', s.domestic.siegeChance);
      const told = (e: Effects | undefined) =>
        effectLines(e)
          .map((x) => `${x.label} ${signedNumber(x.delta)}`)
          .join(', ');
      notes.push(
        `If they break in: ladder pressure ${signedNumber(spec.ladder)}${spec.effects && told(spec.effects) ? `, ${told(spec.effects)}` : ''}, and a US red line, if one stands, is crossed.`,
      );
      if (told(spec.failEffects)) notes.push(`If they do not: ${told(spec.failEffects)}.`);
      break;
    }
    case 'smuggle-missiles':
      addOdds('US intelligence spots the shipment', s.domestic.smuggleDetect + isr * s.domestic.smuggleDetectPerIsr);
      break;
    case 'reinforce':
      notes.push(`${s.domestic.reinforceTroops} more troops at the base.`);
      break;
    case 'strike-site': {
      const site = s.iran.proxySites.find((p) => p.site === order.site);
      if (!site) break;
      // Resolution rolls Iraqi forces at the site's risk and civilians at half of it: either is a death.
      const spared = perMille(1000 - site.civilianRisk, 1000 - perMille(site.civilianRisk, s.strikes.civilianShare));
      addOdds('Iraqis who are not militia die', 1000 - spared);
      const best = bestAssessment(s, view.attacks, site.group, view.turn);
      addOdds(`${groupName(s, site.group)} carried out a recent attack (your best assessment)`, best);
      if (best < s.strikes.lowConfidence)
        notes.push(`Striking on weak intelligence costs ${-s.strikes.lowConfidenceConsent} more consent.`);
      if (site.stateInstitution)
        notes.push('This is a PMU position, part of the Iraqi state: Baghdad will take it hard.');
      notes.push(strikeRisks(s));
      break;
    }
    case 'leadership-strike':
      addOdds('the plan leaks first', spec.leakChance ?? 0);
      // Resolution rolls the leak first: a leaked plan leaves the lower kill chance.
      addOdds(
        'the leader is killed',
        perMille(1000 - (spec.leakChance ?? 0), s.strikes.leaderKillChance) +
          perMille(spec.leakChance ?? 0, s.strikes.leakedLeaderKillChance),
      );
      break;
    case 'campaign': {
      addOdds('the plan leaks each week', spec.leakChance ?? 0);
      // Resolution judges every strike of the campaign from the week it begins (turn/strikes.ts): this week's record.
      const best = bestAssessment(s, view.attacks, order.group, view.turn);
      addOdds(`${groupName(s, order.group)} carried out a recent attack (your best assessment)`, best);
      notes.push(
        best < s.strikes.lowConfidence
          ? `Its strikes are judged from this week on, and the intelligence is weak: ${-s.strikes.lowConfidenceConsent} more consent a strike unless an attack is pinned on the group first.`
          : 'Its strikes answer the attacks that prompted it: each is judged from this week on, not as a new provocation.',
      );
      notes.push(
        `Each week's strike costs Baghdad's consent ${signedNumber(s.strikes.consent)} and eviction pressure ${signedNumber(s.strikes.evictionPressure)} (${signedNumber(s.strikes.stateInstitutionConsent)} and ${signedNumber(s.strikes.stateInstitutionPressure)} more at a PMU position). ${strikeRisks(s)}`,
      );
      const drafted = view.us.plans.find((p) => p.group === order.group && p.leaked);
      if (drafted) notes.push('The plan against this group has already leaked: its fighters are dispersed.');
      break;
    }
    default:
      break;
  }
  const support = spec.effects.designateSupport ?? 0;
  if (support !== 0 && view.baghdad.stage === 'designate') notes.push(...designateNotes(s, view, support));
  // A campaign applies its effects and pushes the ladder in each week it runs (turn/strikes.ts, runCampaigns).
  if (spec.duration !== undefined && spec.duration > 1)
    notes.push(`Its effects and its push on the ladder come again in each of the ${spec.duration} weeks it runs.`);
  if (order.type === 'strike-site' || order.type === 'campaign' || order.type === 'leadership-strike') {
    const owed = answerOwed(s, view.attacks, view.us.lastStrikeTurn, view.turn);
    if (owed && s.redLines.answeredCredibility !== 0)
      notes.push(
        `It answers the attacks on Americans since the last US strike: credibility ${s.redLines.answeredCredibility > 0 ? '+' : ''}${s.redLines.answeredCredibility}.`,
      );
  }
  // At the brink (turn/brink.ts), what this order's fire asks of the other side this week.
  const b = s.ladder.brink;
  if (atBrink(s, view.ladder.rung) && spec.severity === 'violent') {
    if (view.seat === 'us')
      notes.push(
        `At the brink: if Iran's side holds its fire this week, it backs down (Baghdad's consent ${signedNumber(b.iranBacksDown.consent)}, eviction pressure ${signedNumber(b.iranBacksDown.evictionPressure)}).`,
      );
    else if ('claim' in order ? putsUsOnSpot(order.type, order.claim) : order.type === 'missile-strike')
      notes.push(
        `At the brink this puts the US on the spot: if it strikes nothing this week, it backs down (resolve ${signedNumber(b.usBacksDown.resolve)}, credibility ${signedNumber(b.usBacksDown.credibility)}).`,
      );
    else
      notes.push(
        'At the brink a deniable act does not put the US on the spot: it can hold its fire without backing down.',
      );
  }
  return {
    order,
    name: spec.name,
    summary: spec.summary,
    cost: spec.cost,
    severity: spec.severity,
    escalationPoints: s.rivera[spec.severity],
    ladder: spec.ladder,
    ladderWhen:
      order.type === 'embassy-siege'
        ? 'succeeds'
        : order.type === 'smuggle-missiles'
          ? 'spotted'
          : 'claim' in order
            ? 'pinned'
            : 'always',
    deniable: spec.deniable,
    odds,
    effects: effectLines(effectsAsRuled(s, view, order, spec)),
    notes,
  };
}
