import {
  aNumber,
  EFFECT_LABELS,
  economicAttackEffects,
  type Effects,
  longDate,
  type OrderSpec,
  redLineEffects,
  type Scenario,
  signedNumber,
  strikePrice,
} from '../engine/index.ts';
import { h } from './dom.ts';
import { brinkRule } from './brink-words.ts';
import { incidentOdds } from './incident-words.ts';
import { redLineRule } from './red-line-words.ts';
import { victoryConditions } from './victory.ts';
import { plural, SEVERITY_WORDS } from './words.ts';

const pct = (pm: number) => `${(pm / 10).toFixed(pm % 10 === 0 ? 0 : 1)}%`;

const effectList = (e: Effects): string[] =>
  Object.entries(e)
    .filter(([, v]) => v)
    .map(([k, v]) => `${EFFECT_LABELS[k as keyof typeof EFFECT_LABELS] ?? k} ${signedNumber(v as number)}`);

/** An order's effects as its rule applies them (the engine's order-effects), with what makes them vary. */
export function effectsText(s: Scenario, spec: OrderSpec): string {
  const st = s.strikes;
  let parts: string[];
  switch (spec.type) {
    case 'strike-site': {
      const price = strikePrice(s, false);
      parts = [
        ...effectList(spec.effects),
        `Baghdad's consent ${signedNumber(price.consent)} and eviction pressure ${signedNumber(price.evictionPressure)} (${signedNumber(st.stateInstitutionConsent)} and ${signedNumber(st.stateInstitutionPressure)} more at a PMU position)`,
        `consent ${signedNumber(st.wrongTargetConsent)} more if the group had not in fact attacked in the last ${st.window === 1 ? 'week' : `${st.window} weeks`}, ${signedNumber(st.lowConfidenceConsent)} if no attack is pinned on it with ${st.lowConfidence / 10}% confidence or more, ${signedNumber(-st.consentPerIraqiKilled)} for each Iraqi killed`,
      ];
      break;
    }
    case 'red-line':
      parts = effectList(redLineEffects(s, spec));
      break;
    case 'economic-attack':
      parts = [`${effectList(economicAttackEffects(s, spec)).join(', ')} (the week's income the attack costs)`];
      break;
    case 'counter-isis':
      parts = [`${effectList(spec.effects).join(', ')}, in proportion to the bases still held`];
      break;
    case 'publish-evidence':
      parts = [
        `${effectList(spec.effects).join(', ')}, and ${signedNumber(-s.domestic.evidencePerIsr)} deniability more for each level of US surveillance`,
      ];
      break;
    case 'info-operation':
      parts = [
        `${effectList(spec.effects).join(', ')}; eviction pressure ${signedNumber(s.domestic.infoOpLeakBonus)} more once a US strike plan has leaked`,
      ];
      break;
    default:
      parts = effectList(spec.effects);
  }
  return parts.length > 0 ? parts.join(', ') : '—';
}

function odds(s: Scenario, spec: OrderSpec): string {
  const a = s.attacks.profiles;
  const parts: string[] = [];
  switch (spec.type) {
    case 'rocket-attack':
    case 'lethal-barrage':
    case 'embassy-attack':
    case 'economic-attack':
    case 'convoy-attack':
    case 'missile-strike': {
      const p = a[spec.type];
      parts.push(`${p.rockets[0]}-${p.rockets[1]} projectiles, each ${pct(p.hitPerMille)} to hit at full exposure`);
      if (p.killPerHit) parts.push(`${pct(p.killPerHit)} a hit kills an American`);
      break;
    }
    case 'strike-site':
      parts.push(
        `destroys ${s.strikes.arsenalLoss[0]}-${s.strikes.arsenalLoss[1]} arsenal`,
        'may kill Iraqis (each site has its own risk)',
      );
      break;
    case 'leadership-strike':
      parts.push(`${pct(s.strikes.leaderKillChance)} to kill (${pct(s.strikes.leakedLeaderKillChance)} if it leaks)`);
      break;
    case 'embassy-siege':
      parts.push(`${pct(s.domestic.siegeChance)} to break in`);
      break;
    case 'smuggle-missiles':
      parts.push(
        `${pct(s.domestic.smuggleDetect)} + ${pct(s.domestic.smuggleDetectPerIsr)} per US ISR level to be spotted`,
      );
      break;
    default:
      break;
  }
  if (spec.leakChance) parts.push(`${pct(spec.leakChance)} a turn to leak`);
  if (spec.duration) parts.push(`runs ${plural(spec.duration, 'week')}`);
  if (spec.minConsent) parts.push(`needs Baghdad's consent ${spec.minConsent}+`);
  return parts.join('; ') || '—';
}

/** An order's kind as the rules and the briefing packets print it: severity, public or deniable, escalation points. */
export function orderKind(s: Scenario, spec: OrderSpec): string {
  const points = s.rivera[spec.severity];
  return `${SEVERITY_WORDS[spec.severity]}, ${spec.deniable ? 'deniable' : 'public'} (${points > 0 ? '+' : ''}${points})`;
}

/** The ladder's rule in words, every number from the scenario: pressure, gates, quiet weeks, precedents, incidents. */
export function ladderRule(s: Scenario): string {
  const L = s.ladder;
  const quiet =
    L.decayAfterQuiet === 1
      ? `A quiet week (pressure ${L.calmBelow} or less) steps it down a rung.`
      : `${L.decayAfterQuiet} quiet weeks in a row (pressure ${L.calmBelow} or less each) step it down a rung.`;
  const firsts = [
    L.firstUsDeath > 0 && `the first American killed (+${L.firstUsDeath})`,
    L.firstLeaderKilled > 0 && `the first leader killed (+${L.firstLeaderKilled})`,
    L.firstStateStrike > 0 && `the first strike by one state on another (+${L.firstStateStrike})`,
  ].filter((x): x is string => typeof x === 'string');
  const precedents = firsts.length > 0 ? ` Breaking a precedent jumps it, short of war: ${firsts.join(', ')}.` : '';
  return `Each week's acts add pressure (a deniable act only as far as it is pinned on someone); every ${L.pressurePerRung} points climb a rung (at most ${L.maxStep} a week). Crossing rung ${L.gates.join(' or ')}, or into war at rung ${L.war}, needs ${L.gatePressure} points in one week from acts a side ordered: fire nobody ordered, incidents and the news can push the crisis up to such a rung but never across it. ${quiet}${precedents}${incidentRule(s)}`;
}

/** The incident rule in a sentence (with a leading space), or nothing when the scenario has none. */
function incidentRule(s: Scenario): string {
  const i = s.ladder.incidents;
  const first = incidentOdds(s, i.fromRung);
  if (first === null) return '';
  const posture = [
    i.perHotOrder > 0 &&
      `${i.perHotOrder / 10} points more for each violent or posturing order either side gives that week`,
    i.perCalmOrder > 0 && `${i.perCalmOrder / 10} points less for each de-escalating order of either side`,
  ].filter((x): x is string => typeof x === 'string');
  return ` From rung ${i.fromRung} up, forces on both sides are on a hair trigger: each week the crisis starts there, an incident nobody ordered may undo that week's calming and lift it one rung above where it began (never across a gate or into war), with a chance of ${first}, ${i.perMillePerRung / 10} points more for each rung higher${posture.length > 0 ? `, ${posture.join(' and ')}` : ''}.`;
}

/** The rule that attacks on Americans ask for an answer, every number from the scenario; empty when it has none. */
export function answerRule(s: Scenario): string {
  const r = s.redLines;
  if (r.unansweredAttack === 0 && r.unansweredDeath === 0 && r.answeredCredibility === 0) return '';
  const weeks = r.responseWindow === 1 ? 'the same week' : `${r.responseWindow} weeks`;
  const lost = [
    r.unansweredAttack !== 0 &&
      `${-r.unansweredAttack} credibility if US intelligence pinned it on someone with at least ${s.strikes.lowConfidence / 10}% confidence (a front's cover spares the US the blame as well as the strike)`,
    r.unansweredDeath !== 0 && `${-r.unansweredDeath} more for each American it killed, pinned or not`,
  ].filter((x): x is string => typeof x === 'string');
  const loss =
    lost.length > 0
      ? ` An attack left unanswered for ${weeks} costs the US ${lost.join(', and ')}; a launch team caught before it fired counts as an attack.`
      : '';
  const gain =
    r.answeredCredibility !== 0
      ? ` A strike, a campaign's strike or a leadership strike answers every attack on US forces since the last one and earns back ${r.answeredCredibility} credibility, once.`
      : '';
  return `Attacks on Americans ask for an answer, declared red line or not.${loss}${gain}`;
}

/** Iran's purse as the economy step runs it (turn/background.ts): the income, and what drains it each week. */
export function iranIncome(s: Scenario): string {
  const drains = [
    s.pandemic.iranDrainPerLevel !== 0 && `${s.pandemic.iranDrainPerLevel} for each level of the pandemic`,
    s.baghdad.waiverIranIncome !== 0 && `${s.baghdad.waiverIranIncome} while Iraq's electricity waiver has lapsed`,
    s.domestic.economicIncome !== 0 && `${-s.domestic.economicIncome} in a week its militias rocket an oil site`,
  ].filter((x): x is string => typeof x === 'string');
  const sanctions = 'what sanctions designations have cut from it for good';
  return `+${s.iran.income} a week at the start, less ${drains.length > 0 ? `${drains.join(', ')}, and ${sanctions}` : sanctions}`;
}

/** A preset's length, unless its name already says it ("Classroom (8 turns)"; a "12" in a name is not a 2). */
export const presetLength = (p: { name: string; turns: number }): string =>
  new RegExp(`(^|\\D)${p.turns}(\\D|$)`).test(p.name) ? p.name : `${p.name}: ${plural(p.turns, 'week')}`;

/** "tenth" for 10: the share of the PMU's cohesion that holds each group back. */
const ordinalPart = (n: number): string =>
  ({ 2: 'half', 3: 'third', 4: 'quarter', 5: 'fifth', 10: 'tenth' })[n] ?? `1/${n}`;

/** When a militia fires without orders, in words, every number from the scenario. */
export function autonomyRule(s: Scenario): string {
  const a = s.attacks;
  const margin =
    a.autonomyThreshold === 0
      ? ''
      : a.autonomyThreshold > 0
        ? ` by more than ${a.autonomyThreshold}`
        : ` less ${-a.autonomyThreshold}`;
  return `Iran does not fully hold its militias. Each week a group whose aggression is above its cohesion plus a ${a.pmuCohesionDivisor === 1 ? '' : `${ordinalPart(a.pmuCohesionDivisor)} of `}the PMU's cohesion${margin} may fire on its own: ${aNumber(`${a.autonomyPerAggression / 10}%`)} chance for each point above, less ${a.redLineDeterrence / 10} points while a US red line stands, ${a.isrDeterrence / 10} for each level of US surveillance and ${a.curfewDeterrence / 10} under a curfew. Cohesion rises with Iran's envoy and drills and falls when a group's leader is killed or the proxies are restrained; an order to restrain the proxies holds every group for ${a.restrainTurns} weeks.`;
}

/**
 * The rules as the engine applies them, generated from the scenario data: every order with its cost, odds and
 * effects, the ladder, how attribution works and how each side wins. Edit the data and this page follows.
 */
export function renderRules(root: HTMLElement, s: Scenario, back: () => void): void {
  const orderTable = (side: 'us' | 'iran') =>
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Order'),
          h('th', { className: 'num' }, 'Cost'),
          h('th', {}, 'Kind'),
          h('th', {}, 'Odds'),
          h('th', {}, 'Effects'),
        ),
      ),
      h(
        'tbody',
        {},
        s.orders
          .filter((o) => (side === 'us') === s.orders.slice(0, s.orders.length).some((x) => x === o && US.has(x.type)))
          .map((o) =>
            h(
              'tr',
              {},
              h('td', {}, h('b', {}, o.name), h('br'), h('span', { className: 'note' }, o.summary)),
              h('td', { className: 'num' }, o.cost),
              h('td', {}, orderKind(s, o)),
              h('td', {}, odds(s, o)),
              h('td', {}, effectsText(s, o)),
            ),
          ),
      ),
    );
  const win = victoryConditions(s);
  root.append(
    h('h2', {}, `Rules — ${s.name}`),
    h(
      'p',
      { className: 'lead' },
      'Generated from the scenario data the engine plays by: what you read here is what the game does.',
    ),
    h('div', { className: 'actions' }, h('button', { className: 'primary', onclick: back }, 'Back')),
    h('h3', {}, 'A week'),
    h(
      'p',
      {},
      `The game lasts ${plural(s.turns, 'week')} from ${longDate(s.startDate)}${s.presets.length ? ` (shorter: ${s.presets.map(presetLength).join('; ')})` : ''}. `,
      `Each week both sides secretly choose up to ${s.ordersPerTurn} orders, paid from US political capital (+${s.us.capitalPerTurn} a week) or Iranian resources (${iranIncome(s)}). `,
      'Then the engine resolves them together: US defensive moves first, then attacks (including any a militia makes on its own), then everything else; then Baghdad, ISIS, the economy and the event cards take their turn, and the ladder moves.',
    ),
    h('h3', {}, 'How each side wins'),
    h(
      'ul',
      {},
      h('li', { className: 'side-us' }, win.us),
      h('li', { className: 'side-iran' }, win.iran),
      h('li', {}, `${win.war} Otherwise it is a stalemate.`),
    ),
    h('h3', {}, 'Attribution'),
    h(
      'p',
      {},
      `When rockets fly, the US learns the attack and any claim, and its analysts name a suspect with a confidence: ${pct(s.attribution.base)} for an unclaimed attack, +${pct(s.attribution.perIsr)} per ISR level, +${pct(s.attribution.curfew)} under curfew, and less when a front group with deniability claims it (${s.attribution.frontPenalty / 10}% per point). `,
      `The confidence is also the chance the suspect is right. Each claim wears a front's deniability down by ${s.attribution.claimWear}; below ${s.attribution.exposedBelow} its sponsor is known, and the US pins what the front claims on the sponsor, whichever group fired (unless the launch team is caught). `,
      'Confidence is given in the words of US intelligence (ICD-203):',
    ),
    h(
      'ul',
      {},
      s.attribution.words.map((w) => h('li', {}, `${w.word}: ${w.range}`)),
    ),
    h('h3', {}, 'The escalation ladder'),
    h('p', {}, ladderRule(s)),
    h('p', {}, autonomyRule(s)),
    ...(brinkRule(s) === '' ? [] : [h('p', {}, brinkRule(s))]),
    h('p', {}, redLineRule(s)),
    ...(answerRule(s) === '' ? [] : [h('p', {}, answerRule(s))]),
    h(
      'ol',
      { start: 0 },
      s.ladder.rungs.map((r) => h('li', {}, h('b', {}, r.name), `: ${r.description}`)),
    ),
    h('h3', { className: 'side-us' }, `${s.sides.us.name}: orders`),
    orderTable('us'),
    h('h3', { className: 'side-iran' }, `${s.sides.iran.name}: orders`),
    orderTable('iran'),
    h('div', { className: 'actions' }, h('button', { className: 'primary', onclick: back }, 'Back')),
  );
}

import { US_ORDER_TYPES } from '../engine/index.ts';
const US: ReadonlySet<string> = new Set(US_ORDER_TYPES);
