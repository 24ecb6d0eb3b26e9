import type { Cause, CasualtyKind, Ledger, LedgerLine, Variable } from './ledger.ts';
import { claimPhrase, frontName, groupName, orderName, signedNumber, siteName } from './narrate.ts';
import { AIR_DEFENCE, type AttackKind, type Scenario } from './scenario.ts';

/**
 * The ledger in words, built only from the ledger and the scenario's display names, so the CLI's `--why`, the UI's
 * why-panel and the debrief can read it alike.
 */

const CASUALTY_NAME: Record<CasualtyKind, string> = {
  usKilled: 'Americans killed',
  usWounded: 'Americans wounded',
  iraqiForcesKilled: 'Iraqi troops killed',
  civiliansKilled: 'Iraqi civilians killed',
  proxiesKilled: 'Militia fighters killed',
};

const ATTACK_NAME: Record<AttackKind, string> = {
  'rocket-attack': 'rockets',
  'lethal-barrage': 'a heavy barrage',
  'embassy-attack': 'rockets',
  'economic-attack': 'rockets',
  'convoy-attack': 'an ambush',
  'missile-strike': 'IRGC ballistic missiles',
};

const AIR_DEFENCE_NAME = ['none', 'C-RAM', 'Patriot'];

/** A watched figure's name ("Baghdad's consent", "Camp Taji: exposure"). */
export function figureName(scenario: Scenario, v: Variable): string {
  switch (v.kind) {
    case 'pressure':
      return 'Ladder pressure this week';
    case 'rung':
      return 'Escalation rung';
    case 'consent':
      return "Baghdad's consent";
    case 'evictionPressure':
      return 'Eviction pressure';
    case 'resolve':
      return 'US resolve';
    case 'credibility':
      return 'US credibility';
    case 'politicalCapital':
      return 'US political capital';
    case 'isis':
      return 'ISIS strength';
    case 'iranResources':
      return "Iran's resources";
    case 'casualties':
      return CASUALTY_NAME[v.of];
    case 'deniability':
      return `Deniability of ${frontName(scenario, v.front)}`;
    case 'base': {
      const field = {
        garrison: 'garrison',
        exposure: 'exposure',
        airDefence: 'air defence',
        handedOver: 'handed over',
        handoverTurns: 'weeks left of its handover',
      }[v.field];
      const name = siteName(scenario, v.base);
      return `${name.charAt(0).toUpperCase()}${name.slice(1)}: ${field}`;
    }
    default: {
      const never: never = v;
      throw new Error(`unhandled figure ${JSON.stringify(never)}`);
    }
  }
}

/** A figure's value as a reader knows it: air defence by name, handed over as yes or no. */
export function figureValue(v: Variable, value: number): string {
  if (v.kind === 'base' && v.field === 'airDefence')
    return AIR_DEFENCE_NAME[value] ?? AIR_DEFENCE[value] ?? String(value);
  if (v.kind === 'base' && v.field === 'handedOver') return value === 0 ? 'no' : 'yes';
  return String(value);
}

// An order's target is a site, a group or a front: named as whichever it is.
function targetName(scenario: Scenario, id: string): string {
  if (scenario.sites.some((s) => s.id === id) || id === 'convoy') return siteName(scenario, id);
  if (scenario.iran.groups.some((g) => g.id === id)) return groupName(scenario, id);
  return frontName(scenario, id);
}

const DRIFT: Record<Extract<Cause, { kind: 'drift' }>['rule'], string> = {
  consent: 'consent drifting back to its usual level',
  'isis-growth': "ISIS's steady growth",
  'isis-pandemic': 'the pandemic feeding ISIS',
  'counter-isis': 'counter-ISIS work',
  fatigue: 'fatigue at home with the crisis this high',
  'waiver-lapsed': 'the electricity waiver lapsed',
};

const INCOME: Record<Extract<Cause, { kind: 'income' }>['rule'], string> = {
  iran: "Iran's weekly income",
  pandemic: "the pandemic's drain on Iran",
  waiver: 'no electricity waiver: lost sales to Iraq',
  'economic-attack': "the economic attack's effect on income",
  'us-capital': 'political capital earned this week',
};

const MOVE: Record<Extract<Cause, { kind: 'rung' }>['move'], string> = {
  pressure: "the week's pressure",
  first: 'a precedent broken (a first of its kind)',
  decay: 'quiet weeks', // told with the rule's numbers: quietWeeks
  siege: 'the embassy siege holding it up',
  incident: 'an incident nobody ordered',
  brink: 'an exchange of fire at the brink that ran into war',
};

/** The decay rule's weeks, with the pressure that counts as quiet: a week of a few rockets can be one. */
function quietWeeks(scenario: Scenario): string {
  const { decayAfterQuiet: weeks, calmBelow } = scenario.ladder;
  return weeks === 1
    ? `a quiet week (pressure ${calmBelow} or less)`
    : `${weeks} quiet weeks in a row (pressure ${calmBelow} or less each)`;
}

/** A cause in words ("US order: Retaliatory strike (Jurf al-Sakhar)"). */
export function causePhrase(scenario: Scenario, c: Cause): string {
  const side = (s: 'us' | 'iran') => scenario.sides[s].short;
  switch (c.kind) {
    case 'order':
      return `${side(c.side)} order: ${orderName(scenario, c.order)}${c.target ? ` (${targetName(scenario, c.target)})` : ''}`;
    case 'cost':
      return `${side(c.side)} paid for: ${orderName(scenario, c.order)}`;
    case 'attack': {
      const by =
        c.group === undefined
          ? ''
          : c.group === null
            ? 'fired by Iran'
            : `fired by ${groupName(scenario, c.group)}${c.autonomous ? ' on its own' : ' on orders'}`;
      const claim = c.attack === 'missile-strike' ? '' : claimPhrase(scenario, c.claim);
      const details = [claim, by].filter((x) => x !== '');
      const attack = `${ATTACK_NAME[c.attack]} on ${siteName(scenario, c.target)}`;
      // The push for the dead names them first, the attack after ("the American killed by rockets on Camp Taji
      // (claimed by ..., fired by ...)"), so that it reads apart from the attack's own push.
      if (c.deaths !== undefined)
        return `the ${c.deaths === 1 ? 'American' : `${c.deaths} Americans`} killed by ${attack}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
      return [attack, ...details].join(', ');
    }
    case 'strike':
      return `US strike on ${siteName(scenario, c.site)} (${groupName(scenario, c.group)})`;
    case 'leak':
      return `a leaked US plan against ${groupName(scenario, c.group)}`;
    case 'card':
      return `${c.released ? 'inject' : 'event'}: ${c.title}`;
    case 'injects':
      return "the facilitator's injects before the orders";
    case 'vote':
      return `parliament's vote (${c.passed ? 'passed' : 'failed'}${c.ruled ? ', as the facilitator ruled' : ''})`;
    case 'red-line':
      return c.status === 'unanswered'
        ? 'attacks on Americans (foiled ones too) left unanswered'
        : c.status === 'answered'
          ? 'a US strike answering attacks on Americans'
          : `the US red line ${c.status}`;
    case 'government':
      return 'a government confirmed in Baghdad';
    case 'brink':
      return `${side(c.side)} held its fire at the brink while the other side fired: seen to back down`;
    case 'isis-attack':
      return 'an ISIS attack';
    case 'handover':
      return `the handover of ${siteName(scenario, c.base)}`;
    case 'drift':
      return DRIFT[c.rule];
    case 'decay':
      return 'eviction pressure easing';
    case 'income':
      return INCOME[c.rule];
    case 'rung':
      return c.story ? `${MOVE[c.move]}: ${c.story}` : c.move === 'decay' ? quietWeeks(scenario) : MOVE[c.move];
    case 'clamp':
      return `held at its limit (${c.limit})`;
    case 'unseen':
      return 'secret causes, not shown here';
    default: {
      const never: never = c;
      throw new Error(`unhandled cause ${JSON.stringify(never)}`);
    }
  }
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * A ledger as lines of text: each figure before → after, then each cause with its signed number. `mark` labels a
 * figure or cause one side keeps (the CLI marks what only one side would see).
 */
export function ledgerText(
  scenario: Scenario,
  ledger: Ledger,
  mark: (only: 'us' | 'iran') => string = () => '',
): string[] {
  const out: string[] = [];
  const width = (line: LedgerLine) => Math.max(...line.parts.map((p) => signed(p.delta).length));
  for (const line of ledger) {
    const v = line.variable;
    const only = line.only ? mark(line.only) : '';
    out.push(`${only}${figureName(scenario, v)}: ${figureValue(v, line.before)} → ${figureValue(v, line.after)}`);
    const w = width(line);
    for (const p of line.parts) {
      const hidden = p.cause.only ? mark(p.cause.only) : '';
      out.push(`  ${signed(p.delta).padStart(w)}  ${hidden}${causePhrase(scenario, p.cause)}`);
    }
  }
  return out;
}

const partsText = (scenario: Scenario, line: LedgerLine): string[] =>
  line.parts.map((p) => `${signedNumber(p.delta)} ${causePhrase(scenario, p.cause)}`);

/**
 * One figure's week on one line: each cause with its number, then the net and the move ("+3 Coalition order: Hand
 * over a base (Camp Taji) · −2 consent drifting back to its usual level · net +1: 50 → 51").
 */
export function figureSummary(scenario: Scenario, line: LedgerLine): string {
  const v = line.variable;
  const net = line.after - line.before;
  const move = `${figureValue(v, line.before)} → ${figureValue(v, line.after)}`;
  return [...partsText(scenario, line), `net ${signedNumber(net)}: ${move}`].join(' · ');
}

/**
 * What a seat's ledger leaves out of the week's pressure: how far a deniable attack pushed reads the US's confidence
 * in its author (Iran's own attacks included), and some orders are the other side's secret.
 */
const HIDDEN_PUSHES =
  'and pushes kept from you (how sure US intelligence is of who fired a deniable attack, or the other side’s secret orders)';

/**
 * The ladder's week on one line: the week's pressure by its causes, then the rung's moves and where it went ("+14
 * rockets on Camp Taji, unclaimed · −10 US order: Swiss message · net +4 pressure; +1 the week's pressure: rung 7 →
 * 8"). Null when the ladder neither felt pressure nor moved.
 */
export function ladderSummary(scenario: Scenario, ledger: Ledger): string | null {
  const pressure = ledger.find((l) => l.variable.kind === 'pressure');
  const rung = ledger.find((l) => l.variable.kind === 'rung');
  if (!pressure && !rung) return null;
  const push = !pressure
    ? 'no pressure'
    : pressure.partial
      ? [...partsText(scenario, pressure), HIDDEN_PUSHES].join(' · ')
      : [...partsText(scenario, pressure), `net ${signedNumber(pressure.after)} pressure`].join(' · ');
  if (!rung) {
    // A whole rung's push that moved nothing met a gate: only the ordered part of a week's push can cross one.
    const L = scenario.ladder;
    const gate =
      pressure && !pressure.partial && pressure.after >= L.pressurePerRung
        ? ` at a gate, which takes ${L.gatePressure} points from ordered acts in one week to cross`
        : '';
    return `${push}: the rung held${gate}`;
  }
  return `${push}; ${partsText(scenario, rung).join(' · ')}: rung ${rung.before} → ${rung.after}`;
}
