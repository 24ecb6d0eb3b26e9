import { describeOrder, type Order, orderRisks, type SeatView, specOf } from '../../engine/index.ts';
import { fill, h, refill } from '../dom.ts';
import type { Session } from '../session.ts';
import { advisorsBox } from './advisors.ts';
import { tutorialDone } from '../storage.ts';
import { askBeforeAdding, budgetLine, cannotAdd, forecastBox, orderTags } from './order-forecast.ts';
import { type MenuChoice, type OrderMenus, orderMenus } from './order-menus.ts';
import type { Panel } from './panel.ts';
import type { ScreenState } from './state.ts';

export interface OrderActions {
  /** The draft grows by an order the session accepted beside the others. */
  add(order: Order): void;
  remove(index: number): void;
  commit(): void;
  /** The guided first turn, offered while the first week's orders show. */
  coach(): void;
}

/**
 * A side's orders for the week: the draft, the builder that offers only the legal orders (menu by menu, each with
 * its cost, tags and forecast), the advisors, and the commit button. Nothing is final until commit.
 */
export class OrdersPanel implements Panel {
  private typeSelect: HTMLSelectElement | null = null;
  private commitButton: HTMLButtonElement | null = null;
  private error: HTMLElement | null = null;

  /** `el`: the tab panel, which this panel draws in while the orders tab is shown in the orders phase. */
  constructor(
    readonly el: HTMLElement,
    private readonly session: Session,
    private readonly actions: OrderActions,
  ) {}

  render(view: SeatView, state: ScreenState): void {
    const s = this.session.scenario;
    const side = state.seat;
    const draft = state.draft;
    const error = h('div', { role: 'alert' });
    const legal = view.legalOrders;
    const open = legal.filter((o) => !draft.some((d) => d.type === o.type));
    const builder = h('div', { className: 'builder' });
    const choice: MenuChoice = { fields: {} };
    this.typeSelect = null;
    let menus: OrderMenus | undefined;

    const drawBuilder = (focus?: string) => {
      menus = orderMenus(s, open, choice, drawBuilder, 'order', 'order-summary', menus);
      this.typeSelect = menus.typeSelect;
      const rows = menus.rows;
      const selectedType = choice.type;
      if (selectedType) {
        const order = menus.order;
        const spec = specOf(s, selectedType);
        rows.push(h('p', { id: 'order-summary', className: 'note' }, spec.summary));
        if (order) rows.push(forecastBox(s, view, side, this.session.forecast(side, order)));
        const refused = cannotAdd(s, view, side, draft, selectedType);
        rows.push(
          h(
            'button',
            {
              id: 'add-order',
              disabled: !order || refused !== null,
              onclick: () => {
                if (!order) return;
                const checked = this.session.checkDraft(side, [...draft, order]);
                if (!checked.ok) {
                  fill(error, h('div', { className: 'error' }, checked.errors.map((e) => e.message).join('; ')));
                  return;
                }
                const risks = orderRisks(s, view, side, this.session.forecast(side, order));
                const add = () => {
                  this.actions.add(order);
                  // The focus stays where the next order is chosen; Commit once the week's orders are full.
                  const next = this.typeSelect;
                  const full = draft.length + 1 >= s.ordersPerTurn;
                  if (full || !next?.isConnected || next.options.length === 0) this.focusCommit();
                  else this.focusOrderType();
                };
                if (risks.length > 0) askBeforeAdding(error, s, order, risks, add);
                else add();
              },
            },
            refused ?? 'Add this order',
          ),
        );
      } else rows.push(h('p', { className: 'note' }, 'No other order is open to you this week.'));
      refill(builder, rows);
      if (focus) document.getElementById(focus)?.focus();
    };
    drawBuilder();

    this.error = error;
    this.commitButton = h(
      'button',
      { id: 'commit', className: 'primary', onclick: () => this.actions.commit() },
      draft.length === 0
        ? 'Commit: give no orders this week'
        : `Commit ${draft.length} order${draft.length > 1 ? 's' : ''}`,
    );
    fill(
      this.el,
      h('h2', { className: `side-${side}` }, `${s.sides[side].short}: orders for week ${view.turn}`),
      budgetLine(s, view, side, draft),
      h(
        'ul',
        { className: 'chosen', 'aria-label': 'Orders chosen' },
        draft.length === 0
          ? h('li', { className: 'empty' }, 'No orders yet. Choose below; nothing is final until you commit.')
          : draft.map((o, i) =>
              h(
                'li',
                {},
                h('span', { className: 'what' }, describeOrder(s, o), h('br'), orderTags(s, o.type)),
                h(
                  'button',
                  { 'aria-label': `Remove ${describeOrder(s, o)}`, onclick: () => this.actions.remove(i) },
                  'Remove',
                ),
              ),
            ),
      ),
      h('h3', {}, 'Add an order'),
      builder,
      error,
      advisorsBox(s, view, this.session.settings.seed),
      h('div', { className: 'commit' }, this.commitButton),
      h(
        'p',
        { className: 'note' },
        this.session.hotseat
          ? 'Your orders stay hidden from the other player.'
          : 'The other side is choosing at the same time; neither sees the other’s orders until they happen.',
      ),
    );
    if (!tutorialDone() && view.turn === 1 && !state.classroom) this.actions.coach();
  }

  /** The commit button on show, if the orders are on show: the coach points at it, the turn flow disables it. */
  shownCommitButton(): HTMLButtonElement | null {
    return this.commitButton?.isConnected ? this.commitButton : null;
  }

  focusCommit(): void {
    this.shownCommitButton()?.focus();
  }

  /** The first menu of the builder, where a side's orders begin. */
  focusOrderType(): void {
    if (this.typeSelect?.isConnected) this.typeSelect.focus();
  }

  /** A refused commit: the reason, where the builder's own refusals show. */
  showError(message: string): void {
    if (this.error?.isConnected) fill(this.error, h('div', { className: 'error' }, message));
  }
}
