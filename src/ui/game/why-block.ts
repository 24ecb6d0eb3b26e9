import {
  figureName,
  figureSummary,
  type Ledger,
  type LedgerLine,
  ladderSummary,
  type Scenario,
  type Seat,
  viewLedger,
} from '../../engine/index.ts';
import { actedOn } from '../acted-on.ts';
import { h } from '../dom.ts';
import type { TurnEvents } from '../session.ts';

// The figures on the dashboard come first; bases and fronts, which a week may move by the dozen, fold away.
const folded = (l: LedgerLine) => l.variable.kind === 'base' || l.variable.kind === 'deniability';
const ladder = (l: LedgerLine) => l.variable.kind === 'pressure' || l.variable.kind === 'rung';

function figureItems(scenario: Scenario, lines: readonly LedgerLine[]): HTMLElement[] {
  return lines.map((l) =>
    h(
      'li',
      { 'data-figure': l.variable.kind },
      h('b', {}, `${figureName(scenario, l.variable)}: `),
      figureSummary(scenario, l),
    ),
  );
}

/**
 * The figures a week's block lists, apart from the ladder: the dashboard's, then the bases and fronts that fold away.
 * Every figure the week acted on, its causes cancelling out or not.
 */
export function whyFigures(ledger: Ledger): { main: LedgerLine[]; rest: LedgerLine[] } {
  return {
    main: ledger.filter((l) => !ladder(l) && !folded(l) && actedOn(l)),
    rest: ledger.filter((l) => folded(l) && actedOn(l)),
  };
}

function block(scenario: Scenario, ledger: Ledger, heading: string | null, withLadder: boolean): HTMLElement[] {
  const climb = withLadder ? ladderSummary(scenario, ledger) : null;
  const { main, rest } = whyFigures(ledger);
  const parts: (HTMLElement | null)[] = [
    heading ? h('h4', {}, heading) : null,
    climb ? h('p', { className: 'why-ladder' }, h('b', {}, 'Escalation ladder: '), climb) : null,
    main.length > 0 ? h('ul', { className: 'why-figures' }, figureItems(scenario, main)) : null,
    rest.length > 0
      ? h(
          'details',
          {},
          h('summary', {}, `Bases and fronts (${rest.length})`),
          h('ul', { className: 'why-figures' }, figureItems(scenario, rest)),
        )
      : null,
  ];
  return parts.filter((e): e is HTMLElement => e !== null);
}

/**
 * A week's "what changed and why", from the engine's ledger as `seat` may see it: the ladder's move with its causes
 * and numbers, then each figure's change with its causes, each part summing to the change (ledger-words.ts words it).
 */
export function whyBlock(scenario: Scenario, turn: TurnEvents, seat: Seat): HTMLElement {
  // Never more than the seat may see, whoever built the week (the session, or the server's seat view).
  const ledger = viewLedger(turn.ledger, seat);
  const injectLedger = viewLedger(turn.injectLedger, seat);
  const before = injectLedger.some(actedOn)
    ? // Their push on the ladder counts in the week's pressure, as one part: shown there, not twice.
      block(scenario, injectLedger, "Before the orders: the facilitator's injects", false)
    : [];
  const week = block(scenario, ledger, before.length > 0 ? 'The week' : null, true);
  return h(
    'section',
    { className: 'why', id: 'why', 'aria-labelledby': 'why-h' },
    h('h3', { id: 'why-h' }, 'What changed and why'),
    before,
    week.length > 0 ? week : h('p', { className: 'note' }, 'Nothing you can see moved this week.'),
  );
}
