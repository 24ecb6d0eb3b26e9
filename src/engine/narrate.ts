import { likelihoodWord } from './attribution.ts';
import { type GameEvent, visibleTo } from './events.ts';
import { rungName } from './ladder.ts';
import type { Order } from './orders.ts';
import type { AttackKind, OrderType, Scenario } from './scenario.ts';
import type { Casualties, OutcomeResult, Seat, Side } from './state.ts';

/** A number with its indefinite article as it is read aloud: "a 10%", "an 80%", "an 11%", "an 18%". */
export const aNumber = (text: string): string => `${/^(8|11|18)(?!\d)|^8\d/.test(text) ? 'an' : 'a'} ${text}`;

/**
 * What an exchange of fire at the brink does, as a clause: "the exchange runs into war" when it always does (per mille
 * 1000), else its chance ("there is an 80% chance the exchange runs into war").
 */
export const exchangeRunsIntoWar = (perMille: number): string =>
  perMille >= 1000
    ? 'the exchange runs into war'
    : `there is ${aNumber(`${perMille / 10}%`)} chance the exchange runs into war`;

/** A signed number as a reader sees it: a true minus sign, a plus for a rise. */
export const signedNumber = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/**
 * Events and orders as sentences, built only from the event and the scenario's display names, so the CLI, the UI's
 * news feed and the debrief read the same. Pure: no DOM, no clock, no randomness.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2020-04-11" as "11 April 2020", without Date (the engine may not depend on the host's time zone). */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const month = m === undefined ? undefined : MONTHS[m - 1];
  return y === undefined || d === undefined || month === undefined ? iso : `${d} ${month} ${y}`;
}

/** A count with its noun in the right number ("1 week", "2 weeks"). */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A site's display name as it reads inside a sentence ("the US Embassy, Baghdad", "Camp Taji"); ids that are not
 * sites (the 'convoy' an ambush hits) get a phrase of their own.
 */
export function siteName(scenario: Scenario, id: string): string {
  if (id === 'convoy') return 'a supply convoy';
  const name = scenario.sites.find((s) => s.id === id)?.name ?? id;
  return name.startsWith('US ') ? `the ${name}` : name;
}

/** A group's display name. */
export function groupName(scenario: Scenario, id: string): string {
  return scenario.iran.groups.find((g) => g.id === id)?.name ?? id;
}

/**
 * A front's display name. Fronts created in play are `front-N`, named from the N-th entry of the scenario's name
 * pool (that is how resolution names them), so every seat can name them without seeing the creation event.
 */
export function frontName(scenario: Scenario, id: string): string {
  const known = scenario.iran.fronts.find((f) => f.id === id);
  if (known) return known.name;
  const n = /^front-(\d+)$/.exec(id)?.[1];
  const pooled = n === undefined ? undefined : scenario.iran.frontNamePool[Number(n) - 1];
  return pooled?.name ?? id;
}

const sideName = (scenario: Scenario, side: Side) => scenario.sides[side].short;

/** An order type's display name. */
export function orderName(scenario: Scenario, type: OrderType): string {
  return scenario.orders.find((o) => o.type === type)?.name ?? type;
}

/** How an attack was claimed, as a phrase ("claimed by Osbat al-Thaereen"). */
export function claimPhrase(scenario: Scenario, claim: string): string {
  if (claim === 'open') return 'claimed openly';
  if (claim === 'unclaimed') return 'unclaimed';
  return `claimed by ${frontName(scenario, claim)}`;
}

/** One order in words, with its targets by name: how the CLI lists orders and the UI labels a committed choice. */
export function describeOrder(scenario: Scenario, order: Order): string {
  const name = orderName(scenario, order.type);
  const site = (id: string) => siteName(scenario, id);
  const group = (id: string) => groupName(scenario, id);
  switch (order.type) {
    case 'rocket-attack':
    case 'lethal-barrage':
      return `${name} at ${site(order.base)} (${group(order.group)}, ${claimPhrase(scenario, order.claim)})`;
    case 'embassy-attack':
    case 'convoy-attack':
      return `${name} (${group(order.group)}, ${claimPhrase(scenario, order.claim)})`;
    case 'economic-attack':
      return `${name}: ${site(order.site)} (${group(order.group)}, ${claimPhrase(scenario, order.claim)})`;
    case 'create-front':
      return `${name} for ${group(order.group)}${order.retire ? `, retiring ${frontName(scenario, order.retire)}` : ''}`;
    case 'missile-strike':
      return `${name} at ${site(order.base)} (${order.warned ? 'with' : 'without'} warning)`;
    case 'smuggle-missiles':
      return `${name} for ${group(order.group)}`;
    case 'strike-site': {
      const owner = scenario.iran.proxySites.find((p) => p.site === order.site)?.group;
      return `${name}: ${site(order.site)}${owner ? ` (${group(owner)})` : ''}`;
    }
    case 'campaign':
      return `${name}: ${group(order.group)}`;
    case 'leadership-strike': {
      const leader = scenario.iran.groups.find((g) => g.id === order.group)?.leader;
      return `${name}: ${group(order.group)}${leader ? ` (${leader})` : ''}`;
    }
    case 'hand-over-base':
    case 'deploy-air-defence':
    case 'reinforce':
      return `${name}: ${site(order.base)}`;
    case 'publish-evidence':
      return `${name} on ${frontName(scenario, order.front)}`;
    case 'surge-isr':
    case 'red-line':
    case 'us-swiss-message':
    case 'sanctions':
    case 'waiver-shorten':
    case 'waiver-extend':
    case 'back-designate':
    case 'counter-isis':
    case 'ordered-departure':
    case 'hold':
    case 'embassy-siege':
    case 'public-threat':
    case 'military-drill':
    case 'eviction-campaign':
    case 'info-operation':
    case 'envoy':
    case 'horizontal-escalation':
    case 'iran-swiss-message':
    case 'restrain-proxies':
      return name;
    default: {
      const never: never = order;
      throw new Error(`unhandled order ${JSON.stringify(never)}`);
    }
  }
}

/** Casualties as a phrase ("1 American killed, 3 wounded, 2 Iraqi troops killed"), or null when nobody was hurt. */
export function casualtyPhrase(c: Casualties): string | null {
  const parts: string[] = [];
  if (c.usKilled > 0) {
    parts.push(`${plural(c.usKilled, 'American')} killed`);
    if (c.usWounded > 0) parts.push(`${c.usWounded} wounded`);
  } else if (c.usWounded > 0) parts.push(`${plural(c.usWounded, 'American')} wounded`);
  if (c.iraqiForcesKilled > 0)
    parts.push(`${c.iraqiForcesKilled} Iraqi ${c.iraqiForcesKilled === 1 ? 'soldier' : 'troops'} killed`);
  if (c.civiliansKilled > 0) parts.push(`${plural(c.civiliansKilled, 'Iraqi civilian')} killed`);
  if (c.proxiesKilled > 0) parts.push(`${plural(c.proxiesKilled, 'militia fighter')} killed`);
  return parts.length > 0 ? parts.join(', ') : null;
}

const ATTACK_NOUN: Record<AttackKind, string> = {
  'rocket-attack': 'Rockets',
  'lethal-barrage': 'A heavy barrage',
  'embassy-attack': 'Rockets',
  'economic-attack': 'Rockets',
  'convoy-attack': 'An ambush',
  'missile-strike': 'IRGC ballistic missiles',
};

// The acts that carry no roll: a sentence each, because "Hold." alone tells a reader nothing.
const ACT_SENTENCE: Partial<Record<OrderType, string>> = {
  hold: 'The Coalition held, saving political capital.',
  'us-swiss-message': 'Washington sent a message to Tehran through the Swiss channel.',
  sanctions: 'Washington added sanctions designations against the militias and their backers.',
  'restrain-proxies': 'Tehran told its proxies to hold their fire.',
  'info-operation': "Axis media spread the story of a 'US coup' against Iraq.",
  envoy: 'Tehran sent an envoy to bring the PMU factions into line.',
  'public-threat': 'Militia leaders issued public threats against the Americans.',
  'military-drill': 'The militias held a show-of-force drill.',
  'eviction-campaign': "Iran's allies in parliament pushed for a vote to expel foreign troops.",
  'horizontal-escalation': 'The axis struck outside Iraq, at shipping or Saudi targets.',
  'iran-swiss-message': 'Tehran sent a message to Washington through the Swiss channel.',
};

const RESULT_PHRASE: Record<OutcomeResult, string> = {
  us: 'the Coalition wins',
  iran: 'Iran wins',
  draw: 'a draw',
  'shared-loss': 'everyone loses',
};

// "Qais Khazali, leader of Asaib Ahl al-Haq", but not "Kataib Hezbollah's secretary-general, leader of Kataib Hezbollah".
function leaderOf(scenario: Scenario, groupId: string, leader: string, close = ''): string {
  const name = groupName(scenario, groupId);
  return leader.includes(name) ? leader : `${leader}, leader of ${name}${close}`;
}

function rung(scenario: Scenario, level: number): string {
  return `${rungName(scenario, level)} (${level})`;
}

/** The weeks a strike looks back for an attack to answer (strikes.window), this week included. */
function windowWords(window: number): string {
  if (window === 1) return 'this week';
  if (window === 2) return 'this week or last';
  return `in the last ${window} weeks`;
}

/**
 * One event as one sentence for a seat, or null when that seat may not see it. The facilitator sees every event,
 * ground truth included; a side reads only what its own view would show.
 */
export function narrate(scenario: Scenario, event: GameEvent, seat: Seat): string | null {
  if (!visibleTo(event, seat)) return null;
  const site = (id: string) => siteName(scenario, id);
  const group = (id: string) => groupName(scenario, id);
  const front = (id: string) => frontName(scenario, id);
  const weeks = (n: number) => plural(n, scenario.turnDays === 7 ? 'week' : 'turn');
  switch (event.type) {
    case 'turn-started':
      return `Turn ${event.turn} begins: ${longDate(event.date)}.`;
    case 'act': {
      const sentence = ACT_SENTENCE[event.order];
      if (event.order === 'ordered-departure')
        return `Washington ordered non-essential staff out of ${event.target ? site(event.target) : 'the embassy'}.`;
      if (sentence) return sentence;
      const target = event.target ? ` (${site(event.target)})` : '';
      return `${sideName(scenario, event.side)}: ${orderName(scenario, event.order)}${target}.`;
    }
    case 'order-failed':
      return `${sideName(scenario, event.side)}'s order "${orderName(scenario, event.order)}" failed: ${event.reason}.`;
    case 'attack': {
      const noun = ATTACK_NOUN[event.kind];
      const target = site(event.target);
      if (event.caught) return `Under the curfew, a launch team was caught before it could fire on ${target}.`;
      const counts = [`${event.projectiles} fired`];
      if (event.intercepted > 0) counts.push(`${event.intercepted} intercepted`);
      counts.push(`${event.hits} ${event.hits === 1 ? 'hit' : 'hits'}`);
      const hurt = casualtyPhrase(event.casualties);
      if (event.kind === 'convoy-attack')
        return `${noun} struck ${target}${event.hits > 0 ? '' : ' but did no harm'}${hurt ? `: ${hurt}` : ''}.`;
      if (event.hits === 0) return `${noun} (${counts.join(', ')}) did no harm at ${target}.`;
      return `${noun} (${counts.join(', ')}) struck ${target}: ${hurt ?? 'no casualties'}.`;
    }
    case 'perpetrator':
      if (event.group === null) return 'Iran fired the missiles from its own territory, openly.';
      return event.autonomous
        ? `The attack was the work of ${group(event.group)}, acting on its own without orders from Tehran.`
        : `The attack was the work of ${group(event.group)}, on Tehran's orders.`;
    case 'claimed':
      return event.claim === 'open'
        ? `${group(event.name)} claimed the attack openly.`
        : `${event.name} claimed the attack.`;
    case 'attributed': {
      const { word, range } = likelihoodWord(scenario, event.confidence);
      const who = event.suspect === null ? 'Iran itself fired' : `${group(event.suspect)} was behind it`;
      return `US intelligence: ${who} — ${word} (${range}).`;
    }
    case 'missile-warning':
      return `Iran warned through intermediaries that missiles were coming at ${site(event.target)}.`;
    case 'strike': {
      const how = event.kind === 'campaign' ? 'A campaign strike hit' : 'US aircraft struck';
      const losses = [
        event.arsenalLost > 0 ? `arsenal -${event.arsenalLost}` : null,
        event.strengthLost > 0 ? `strength -${event.strengthLost}` : null,
      ].filter((x) => x !== null);
      const hurt = casualtyPhrase(event.casualties);
      const tail = [losses.length > 0 ? losses.join(', ') : 'no lasting damage', hurt].filter((x) => x !== null);
      return `${how} ${site(event.site)} (${group(event.group)}): ${tail.join('; ')}.`;
    }
    case 'misdirected':
      return `${group(event.group)} had made no attack ${windowWords(scenario.strikes.window)}: the US struck the wrong group.`;
    case 'leader-killed':
      return `A US strike killed ${leaderOf(scenario, event.group, event.leader)}.`;
    case 'leader-escaped':
      return `${capitalise(leaderOf(scenario, event.group, event.leader, ','))} escaped a US strike.`;
    case 'plan-leaked':
      return `The US plan for a campaign against ${group(event.group)} leaked to the press.`;
    case 'campaign':
      return event.status === 'started'
        ? `The US began a campaign against ${group(event.group)}.`
        : `The US campaign against ${group(event.group)} ended.`;
    case 'handover':
      return `The Coalition handed ${site(event.base)} over to Iraqi forces.`;
    case 'air-defence':
      return event.level === 'patriot'
        ? `Patriot batteries went up at ${site(event.base)}.`
        : event.level === 'cram'
          ? `C-RAM air defences went up at ${site(event.base)}.`
          : `${capitalise(site(event.base))} was left without air defence.`;
    case 'reinforced':
      return `${plural(event.troops, 'more US soldier')} arrived at ${site(event.base)}.`;
    case 'isr':
      return `US surveillance over Iraq surged to level ${event.level} of 5.`;
    case 'evidence':
      return `Washington published evidence about ${front(event.front)}: its deniability fell to ${event.deniability}.`;
    case 'front-exposed':
      return `${front(event.front)} is exposed as a cover name for ${group(event.sponsor)}.`;
    case 'front-created':
      return `${group(event.sponsor)} set up a new front, ${event.name}${event.retired ? `, retiring ${front(event.retired)}` : ''}.`;
    case 'red-line': {
      const status = event.status;
      switch (status) {
        case 'declared':
          return 'Washington declared a red line: killing Americans or breaking into the embassy will be answered with force.';
        case 'crossed':
          return 'The US red line was crossed: Washington must answer or lose credibility.';
        case 'honoured':
          return 'Washington answered the crossed red line with force: its credibility held.';
        case 'broken':
          return 'The crossed red line went unanswered: US credibility and resolve suffered.';
        default: {
          const never: never = status;
          throw new Error(`unhandled red-line status ${String(never)}`);
        }
      }
    }
    case 'waiver':
      return event.change === 'lapsed'
        ? 'The electricity waiver lapsed: Iraq can no longer pay Iran for power without breaking US sanctions.'
        : `Washington ${event.change} the electricity waiver: ${weeks(event.turnsLeft)} left.`;
    case 'government': {
      const stage = event.stage;
      switch (stage) {
        case 'backed':
          return `Washington publicly backed the PM-designate, ${event.name}.`;
        case 'confirmed':
          return `Parliament confirmed ${event.name} as prime minister.`;
        case 'withdrawn':
          return `${capitalise(event.name)} withdrew as PM-designate.`;
        case 'named':
          return `${capitalise(event.name)} was named the new PM-designate.`;
        default: {
          const never: never = stage;
          throw new Error(`unhandled government stage ${String(never)}`);
        }
      }
    }
    case 'backed-down': {
      const b = scenario.ladder.brink;
      return event.side === 'us'
        ? `At the brink the US held its fire while Iran's side fired on it openly, and was seen to back down: US resolve ${signedNumber(b.usBacksDown.resolve)}, credibility ${signedNumber(b.usBacksDown.credibility)}.`
        : `At the brink Iran's side held its fire while the US struck, and was seen to back down: Baghdad's consent ${signedNumber(b.iranBacksDown.consent)}, eviction pressure ${signedNumber(b.iranBacksDown.evictionPressure)}.`;
    }
    case 'siege':
      return event.success
        ? 'Militia supporters besieged the US embassy in Baghdad.'
        : 'An attempt to besiege the US embassy in Baghdad fizzled out.';
    case 'shipment':
      return event.detected
        ? `US surveillance spotted a missile shipment reaching ${group(event.group)}.`
        : `A missile shipment reached ${group(event.group)} undetected.`;
    case 'vote': {
      const tally = `${event.votesFor} for, ${event.votesAgainst} against`;
      if (!event.passed) return `Parliament voted on expelling foreign troops and the motion failed (${tally}).`;
      return event.expelled
        ? `Parliament voted to expel foreign troops (${tally}) and the government asked the Coalition to leave.`
        : `Parliament voted to expel foreign troops (${tally}), but the government did not act on it.`;
    }
    case 'isis-attack':
      return `ISIS cells struck, killing ${event.iraqiKilled} Iraqi ${event.iraqiKilled === 1 ? 'soldier' : 'troops'}.`;
    case 'counter-isis':
      return event.cut > 0
        ? `Coalition counter-ISIS operations went ahead and cut ISIS strength by ${event.cut}, before the week's growth is counted.`
        : 'Coalition counter-ISIS operations went ahead, but ISIS had no strength left to cut.';
    case 'partner-left':
      return `Another coalition partner flew its troops home (${plural(event.remaining, 'partner')} left).`;
    case 'pandemic':
      return `The pandemic is at level ${event.level} of 5; ${event.curfew ? 'curfews are in force' : 'curfews are lifted'}.`;
    case 'card':
      return event.released
        ? `Released by the facilitator: ${event.title}. ${event.text}`
        : `${event.title}. ${event.text}`;
    case 'ruling': {
      const r = event.ruling;
      const why = `Reason given: ${r.reason}`;
      switch (r.type) {
        case 'attack-missed':
          return `The facilitator ruled that attack #${r.attack} did no harm after all. ${why}`;
        case 'attack-attributed':
          return `The facilitator ruled that US intelligence named ${r.suspect === null ? 'no suspect' : group(r.suspect)} for attack #${r.attack}. ${why}`;
        case 'strike-missed':
          return `The facilitator ruled that strike #${r.strike} hit nothing. ${why}`;
        case 'vote':
          return `The facilitator ruled that parliament's vote ${r.passed ? 'passed' : 'failed'}. ${why}`;
        default: {
          const never: never = r;
          throw new Error(`unhandled ruling ${JSON.stringify(never)}`);
        }
      }
    }
    case 'rung': {
      const moved = `from ${rung(scenario, event.from)} to ${rung(scenario, event.to)}`;
      const up = event.to > event.from;
      const cause = event.cause;
      switch (cause) {
        case 'pressure':
          return `The ladder ${up ? 'climbed' : 'eased'} ${moved}.`;
        case 'first':
          return `A first-of-its-kind act jumped the ladder ${moved}.`;
        case 'decay':
          return `After ${scenario.ladder.decayAfterQuiet === 1 ? 'a quiet' : 'quiet'} ${scenario.turnDays === 7 ? 'week' : 'turn'}${scenario.ladder.decayAfterQuiet === 1 ? '' : 's'} the ladder eased ${moved}.`;
        case 'siege':
          return `The embassy siege lifted the ladder ${moved}.`;
        case 'brink':
          return `At the brink both sides fired in the same week, and the exchange ran out of their hands: the ladder went ${moved}.`;
        case 'incident':
          return event.story
            ? `${event.story} Nobody ordered it, but with forces on both sides on a hair trigger it lifted the ladder ${moved}.`
            : `An incident nobody ordered, with forces on both sides on a hair trigger, lifted the ladder ${moved}.`;
        default: {
          const never: never = cause;
          throw new Error(`unhandled rung cause ${String(never)}`);
        }
      }
    }
    case 'game-over': {
      const why =
        event.reason === 'final-turn'
          ? 'The last turn has been played.'
          : scenario.outcomes[event.reason === 'war' ? 'shared-loss' : event.reason];
      return `Game over: ${RESULT_PHRASE[event.result]}. ${why}`;
    }
    default: {
      const never: never = event;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
}
