import {
  describeOrder,
  type Forecast,
  type Order,
  type OrderType,
  orderRisks,
  type Scenario,
  type SeatView,
  type Side,
  specOf,
} from '../../engine/index.ts';
import { fill, h } from '../dom.ts';
import { capitalise, SEVERITY_WORDS } from '../words.ts';

/**
 * What a player sees of an order before adding it, on every order form (the one-device game's and a networked
 * team's): its tags, its forecast from the engine (forecastOrder on the seat's own view) with what it puts at stake
 * (orderRisks), and the question asked before an order that risks one of the side's loss lines is added.
 */

/** A side's purse this week (political capital or resources) and what is left once its draft is paid for. */
function purseOf(scenario: Scenario, view: SeatView, side: Side, draft: readonly Order[]) {
  const budget = side === 'us' ? (view.us.politicalCapital ?? 0) : (view.iran.resources ?? 0);
  const spent = draft.reduce((t, o) => t + specOf(scenario, o.type).cost, 0);
  return { name: side === 'us' ? 'Political capital' : 'Resources', budget, left: budget - spent };
}

/** Above a draft: the orders given of those a week allows, and the purse left of the week's. */
export function budgetLine(scenario: Scenario, view: SeatView, side: Side, draft: readonly Order[]): HTMLElement {
  const purse = purseOf(scenario, view, side, draft);
  return h(
    'div',
    { className: 'budget' },
    h('span', {}, `Orders: `, h('b', {}, `${draft.length} of ${scenario.ordersPerTurn}`)),
    h('span', {}, `${purse.name}: `, h('b', {}, `${purse.left} of ${purse.budget}`)),
  );
}

/** Why an order of this type cannot join the draft, in the add button's words; null when it can. */
export function cannotAdd(
  scenario: Scenario,
  view: SeatView,
  side: Side,
  draft: readonly Order[],
  type: OrderType,
): string | null {
  if (draft.length >= scenario.ordersPerTurn) return `Already ${scenario.ordersPerTurn} orders`;
  const cost = specOf(scenario, type).cost;
  if (cost > purseOf(scenario, view, side, draft).left) return `Not enough to pay ${cost}`;
  return null;
}

/** An order's severity, whether it can be denied, and its cost, as tags. */
export function orderTags(scenario: Scenario, type: OrderType): HTMLElement[] {
  const spec = specOf(scenario, type);
  return [
    h('span', { className: `tag ${spec.severity}` }, SEVERITY_WORDS[spec.severity] ?? spec.severity),
    spec.deniable ? h('span', { className: 'tag deniable' }, 'deniable') : h('span', { className: 'tag' }, 'public'),
    h('span', { className: 'tag' }, `cost ${spec.cost}`),
  ];
}

/** How far the order pushes the ladder and when, beside what a rung takes; a chance is the forecast's, told above. */
export function ladderPush(scenario: Scenario, f: Forecast): string {
  const push = `${f.ladder > 0 ? '+' : '−'}${Math.abs(f.ladder)}`;
  const rung = `every ${scenario.ladder.pressurePerRung} points climb a rung`;
  switch (f.ladderWhen) {
    case 'pinned':
      return `Ladder pressure: up to ${push}, in full if claimed openly, else as far as US intelligence is sure who did it; none if a curfew catches the launch team (${rung}).`;
    case 'spotted':
      return `Ladder pressure: ${push} only if US intelligence spots the shipment (the odds above), none if it slips through (${rung}).`;
    case 'succeeds':
      return `Ladder pressure: ${push} only if supporters break into the compound (the odds above), none if they fail (${rung}).`;
    case 'always':
      return `Ladder pressure: ${push} (${rung}).`;
  }
}

/**
 * The order being drafted, as `side` sees it from its own `view`: its tags, what it puts at stake (the engine's
 * orderRisks), and its `forecast`'s odds, effects and escalation score.
 */
export function forecastBox(scenario: Scenario, view: SeatView, side: Side, forecast: Forecast): HTMLElement {
  const f = forecast;
  const risks = orderRisks(scenario, view, side, f);
  return h(
    'div',
    { className: 'forecast', 'aria-live': 'polite' },
    h('div', {}, orderTags(scenario, f.order.type)),
    risks.map((r) => h('div', { className: 'stake' }, `⚠ At stake: ${r}`)),
    f.odds.length > 0
      ? h(
          'ul',
          { className: 'odds' },
          f.odds.map((o) =>
            h(
              'li',
              {},
              // The words' bands start at 1%: at 0 no word is given (a best assessment of none is not a certainty
              // that nothing happened), and a chance under 1% is said as that.
              o.perMille === 0
                ? `${capitalise(o.label)} — 0%`
                : [
                    h('b', {}, `${capitalise(o.word)} (${o.range})`),
                    `: ${o.label} — ${o.perMille < 10 ? 'under 1' : (o.perMille / 10).toFixed(0)}%`,
                  ],
            ),
          ),
        )
      : null,
    f.ladder !== 0 ? h('div', {}, ladderPush(scenario, f)) : null,
    f.effects.length > 0
      ? h('div', {}, 'Effects: ', f.effects.map((e) => `${e.label} ${e.delta > 0 ? '+' : ''}${e.delta}`).join(' · '))
      : null,
    f.notes.map((n) => h('div', { className: 'note' }, n)),
    h(
      'div',
      { className: 'note' },
      `Escalation score (a measure for the debrief; no rule reads it): ${f.escalationPoints > 0 ? '+' : ''}${f.escalationPoints}`,
    ),
  );
}

/**
 * An order that would cross one of the side's loss lines or hand over a key base: it is added only once the player
 * says so, the risks named. Drawn in `where`, with the safe answer focused; `add` adds the order.
 */
export function askBeforeAdding(
  where: HTMLElement,
  scenario: Scenario,
  order: Order,
  risks: readonly string[],
  add: () => void,
  keepOut: () => void = () => fill(where),
): void {
  const keep = h('button', { id: 'stake-cancel', onclick: keepOut }, 'Keep it out');
  fill(
    where,
    h(
      'div',
      { className: 'stake-ask', role: 'alertdialog', 'aria-labelledby': 'stake-ask-h' },
      h('p', { id: 'stake-ask-h' }, h('b', {}, `Add “${describeOrder(scenario, order)}”? It puts at stake:`)),
      h(
        'ul',
        {},
        risks.map((r) => h('li', {}, r)),
      ),
      h(
        'div',
        { className: 'commit' },
        keep,
        h('button', { id: 'stake-confirm', className: 'danger', onclick: add }, 'Add it anyway'),
      ),
    ),
  );
  keep.focus();
}
