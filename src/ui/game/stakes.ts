import {
  type LedgerLine,
  nextVote,
  type Scenario,
  type Seat,
  type SeatView,
  riseHelps,
  type Stake,
  viewLedger,
} from '../../engine/index.ts';
import { actedOn } from '../acted-on.ts';
import type { TurnEvents } from '../session.ts';

/**
 * What is at stake on the dashboard, without its DOM: each figure with the lines the scenario's victory draws across
 * it, its change since the orders were sealed in words that say whom it helps, and its last change's causes from the
 * ledger. Whom a rise helps is the engine's judgement (riseHelps in outcome.ts), from its victory conditions and scoring.
 */

/** A dashboard figure: one of the engine's stakes. */
export type MeterId = Stake;

export interface Mark {
  at: number;
  words: string;
}

/** A change since the orders were sealed: an arrow and words, never a colour alone. */
export interface Change {
  delta: number;
  arrow: '▲' | '▼';
  /** "▲ 3, bad for you", "▼ 2, good for Iran" (on a shared screen), or "▲ 1" when it helps neither side. */
  words: string;
  tone: 'good' | 'bad' | 'neutral';
}

export interface Meter {
  id: MeterId;
  label: string;
  value: number;
  /** The bar's full length; 0: no bar. */
  max: number;
  hint: string;
  marks: Mark[];
  change: Change | null;
  /** The last week something acted on this figure, as the seat looking may see it, and why; null when nothing has. */
  last: LastChange | null;
}

/** A change in words for the seat looking: whom it helps, said, not only coloured. */
export function changeOf(scenario: Scenario, id: MeterId, delta: number, seat: Seat): Change | null {
  if (delta === 0) return null;
  const arrow = delta > 0 ? '▲' : '▼';
  const head = `${arrow} ${Math.abs(delta)}`;
  const sign = delta > 0 ? 1 : -1;
  if (seat === 'us' || seat === 'iran') {
    const helps = riseHelps(id, seat) * sign;
    if (helps === 0) return { delta, arrow, words: head, tone: 'neutral' };
    return { delta, arrow, words: `${head}, ${helps > 0 ? 'good' : 'bad'} for you`, tone: helps > 0 ? 'good' : 'bad' };
  }
  // A shared screen: name the side it helps (a figure that helps one side and hurts the other names the first), or
  // else the side it hurts.
  const helped = (['us', 'iran'] as const).find((side) => riseHelps(id, side) * sign > 0);
  if (helped) return { delta, arrow, words: `${head}, good for ${scenario.sides[helped].short}`, tone: 'neutral' };
  const hurt = (['us', 'iran'] as const).find((side) => riseHelps(id, side) * sign < 0);
  if (hurt) return { delta, arrow, words: `${head}, bad for ${scenario.sides[hurt].short}`, tone: 'neutral' };
  return { delta, arrow, words: head, tone: 'neutral' };
}

/** What of the seat's view the lines read: where parliament stands, and the week. */
export type MarksView = Pick<SeatView, 'baghdad' | 'turn' | 'lastTurn'>;

/**
 * The lines the victory conditions draw across a figure's bar. The eviction vote's is the engine's next vote
 * (nextVote in vote.ts): the bar a vote takes now, and the week before which none can come again.
 */
export function marksOf(scenario: Scenario, view: MarksView, id: MeterId): Mark[] {
  const v = scenario.victory;
  const b = scenario.baghdad;
  switch (id) {
    case 'consent':
      return [
        { at: v.us.minConsent, words: `The US wins only with ${v.us.minConsent} or more at the end` },
        {
          at: b.expulsionConsent,
          words: `A passed vote with consent at ${b.expulsionConsent} or less expels the US`,
        },
      ];
    case 'evictionPressure': {
      const next = nextVote(scenario, view.baghdad, view.turn);
      const when =
        next.fromTurn <= view.turn
          ? ''
          : next.fromTurn > view.lastTurn
            ? ', but not again before the game ends'
            : `, but not again before week ${next.fromTurn}`;
      return [{ at: next.pressure, words: `Parliament votes on eviction at ${next.pressure}${when}` }];
    }
    case 'resolve':
      return [{ at: v.iran.resolveBreak, words: `At ${v.iran.resolveBreak} or less the US leaves: Iran wins` }];
    case 'credibility':
      return [{ at: v.us.minCredibility, words: `The US wins only with ${v.us.minCredibility} or more at the end` }];
    case 'isis':
      return [{ at: v.us.maxIsis, words: `The US wins only with ISIS at ${v.us.maxIsis} or less at the end` }];
    case 'bestDeniability':
      return [{ at: v.iran.minDeniability, words: `Iran needs a front at ${v.iran.minDeniability} or more` }];
    case 'basesHeld':
      return [
        { at: v.iran.tokenBases, words: `At ${v.iran.tokenBases} bases or fewer the presence is a token: Iran wins` },
      ];
    default:
      return [];
  }
}

/** Whether a ledger line is one of the figure's: its scalar, its casualties, its fronts or its bases' hand-overs. */
function ofMeter(id: MeterId, line: LedgerLine): boolean {
  const v = line.variable;
  switch (id) {
    case 'usKilled':
      return v.kind === 'casualties' && v.of === 'usKilled';
    case 'bestDeniability':
      return v.kind === 'deniability';
    case 'basesHeld':
      return v.kind === 'base' && v.field === 'handedOver';
    case 'pandemic':
      return false; // not a watched figure: it follows the calendar
    default:
      return v.kind === id;
  }
}

/** The lines of a week's ledger that explain a figure, as `seat` may see them. */
export function linesOf(turn: TurnEvents, id: MeterId, seat: Seat): LedgerLine[] {
  const own = (ledger: TurnEvents['ledger']) => viewLedger(ledger, seat).filter((l) => ofMeter(id, l));
  return [...own(turn.injectLedger), ...own(turn.ledger)];
}

/** A week that acted on a figure, and its lines of the ledger. */
export interface LastChange {
  turn: number;
  lines: LedgerLine[];
}

/**
 * The last week something acted on a figure, newest first, as `seat` may see it: a week whose causes cancelled out
 * counts, so an order undone by a drift is still found, not an older week's causes.
 */
export function lastChange(turns: readonly TurnEvents[], id: MeterId, seat: Seat): LastChange | null {
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i]!;
    const lines = linesOf(turn, id, seat).filter(actedOn);
    if (lines.length > 0) return { turn: turn.turn, lines };
  }
  return null;
}

/** The words over a figure's last causes: "moved" only when it did, or else that its causes cancelled out. */
export function lastChangeHeading(last: LastChange): string {
  return last.lines.every((l) => l.after === l.before)
    ? `Last acted on in week ${last.turn}, its causes cancelling out:`
    : `Last moved in week ${last.turn}:`;
}

/**
 * The dashboard's figures for a seat: its own purse unless the screen is shared, the public figures, and Iran's
 * best front (Iran alone) or the bases held.
 */
export function meters(
  scenario: Scenario,
  view: SeatView,
  previous: SeatView | null,
  seat: Seat,
  turns: readonly TurnEvents[],
): Meter[] {
  const s = scenario;
  const held = (x: SeatView) => x.us.bases.filter((b) => !b.handedOver).length;
  const figure = (
    id: MeterId,
    label: string,
    value: number,
    was: number | undefined,
    max: number,
    hint: string,
  ): Meter => ({
    id,
    label,
    value,
    max,
    hint,
    marks: marksOf(s, view, id),
    change: was === undefined ? null : changeOf(s, id, value - was, seat),
    last: lastChange(turns, id, seat),
  });
  const out: Meter[] = [];
  if (seat === 'us')
    out.push(
      figure(
        'politicalCapital',
        'Political capital',
        view.us.politicalCapital ?? 0,
        previous?.us.politicalCapital,
        100,
        'What your orders cost',
      ),
    );
  if (seat === 'iran')
    out.push(
      figure(
        'iranResources',
        "Iran's resources",
        view.iran.resources ?? 0,
        previous?.iran.resources,
        100,
        'What your orders cost',
      ),
    );
  const b = view.baghdad;
  out.push(
    figure('consent', "Baghdad's consent", b.consent, previous?.baghdad.consent, 100, ''),
    figure('evictionPressure', 'Eviction pressure', b.evictionPressure, previous?.baghdad.evictionPressure, 100, ''),
    figure('resolve', 'US resolve', view.us.resolve, previous?.us.resolve, 100, ''),
    figure(
      'credibility',
      'US credibility',
      view.us.credibility,
      previous?.us.credibility,
      100,
      'Falls when attacks on Americans or a crossed red line go unanswered',
    ),
    figure('isis', 'ISIS', view.isis, previous?.isis, 100, ''),
    figure(
      'pandemic',
      'Pandemic',
      view.pandemic,
      previous?.pandemic,
      5,
      view.curfew ? 'Curfews: launch teams are easier to spot' : 'It follows the calendar',
    ),
    figure('usKilled', 'Americans killed', view.casualties.usKilled, previous?.casualties.usKilled, 0, ''),
  );
  out.push(
    seat === 'iran'
      ? figure(
          'bestDeniability',
          'Best deniability',
          view.iran.bestDeniability ?? 0,
          previous?.iran.bestDeniability,
          100,
          '',
        )
      : figure('basesHeld', 'Bases held', held(view), previous ? held(previous) : undefined, s.us.bases.length, ''),
  );
  return out;
}

/** The bases the US must hold to win (the scenario's key bases). */
export const keyBases = (scenario: Scenario): Set<string> =>
  new Set(scenario.us.bases.filter((b) => b.key).map((b) => b.site));
