import mapJson from '../../assets/map/countries.json';
import { adviceFor } from '../ai/advice.ts';
import { decideInWorker } from '../ai/worker-client.ts';
import {
  type GameEvent,
  hashState,
  type Order,
  type OrderType,
  rungName,
  type Seat,
  type SeatView,
  type Side,
  specOf,
  viewEvents,
} from '../engine/index.ts';
import { describeOrder, frontName, groupName, longDate, narrate, siteName } from '../engine/narrate.ts';
import { clock, defaultOrderSeconds, renderDesk, TurnTimer } from './classroom.ts';
import { fill, focusHeading, h } from './dom.ts';
import { compact, FIELD_LABELS, incidentOdds, orderFields, SEVERITY_WORDS, valueLabel } from './labels.ts';
import { createMap, type MapController } from './map/index.ts';
import type { MapAsset } from './map-projection.ts';
import type { Session, TurnEvents } from './session.ts';
import { markTutorialDone, tutorialDone } from './storage.ts';

export interface GameScreenHooks {
  saved(): string | null;
  ended(): void;
  menu(): void;
  rules(): void;
}

type Tab = 'orders' | 'intel' | 'news' | 'log' | 'sites';
const TABS: { id: Tab; label: string }[] = [
  { id: 'orders', label: 'Orders' },
  { id: 'intel', label: 'Intelligence' },
  { id: 'news', label: 'News' },
  { id: 'log', label: 'Log' },
  { id: 'sites', label: 'Places' },
];

/**
 * The turn loop on one screen: the map (Phaser) on the left, the side's panels (HTML) on the right. Everything it
 * shows comes from a seat's view or the events resolution returned; it computes no rule itself.
 */
export class GameScreen {
  private map: MapController | null = null;
  private seat: Side;
  private draft: Order[] = [];
  private tab: Tab = 'orders';
  // 'projector': the class screen between a classroom game's phases, showing only what both teams may see.
  private phase: 'orders' | 'handover' | 'resolving' | 'results' | 'projector' = 'orders';
  private readonly timer: TurnTimer;
  private paused = false; // a classroom game paused by the facilitator: order entry is locked
  private lastTurn: TurnEvents | null = null;
  private previous: SeatView | null = null;
  private skip = false;
  private thinking = false; // the computer opponent is deciding (in a worker)
  private destroyed = false;
  private readonly els: {
    top: HTMLElement;
    ladder: HTMLElement;
    mapwrap: HTMLElement;
    dash: HTMLElement;
    tabs: HTMLElement;
    panel: HTMLElement;
    tooltip: HTMLElement;
    overlay: HTMLElement;
    status: HTMLElement;
    clock: HTMLElement;
  };

  constructor(
    root: HTMLElement,
    private readonly session: Session,
    private readonly hooks: GameScreenHooks,
  ) {
    this.seat = session.sideToAct ?? session.settings.side;
    const mapDiv = h('div', { className: 'map', role: 'img', 'aria-label': 'Map of Iraq and its neighbours' });
    this.els = {
      top: h('header', { className: 'topbar' }),
      ladder: h('ol', { className: 'ladder', 'aria-label': 'Escalation ladder' }),
      mapwrap: h('div', { className: 'mapwrap' }, mapDiv),
      dash: h('section', { className: 'dash', 'aria-label': 'Situation' }),
      tabs: h('div', { className: 'tabs', role: 'tablist', 'aria-label': 'Panels' }),
      panel: h('div', { className: 'tabpanel', role: 'tabpanel', id: 'panel' }),
      tooltip: h('div', { className: 'tooltip', hidden: true, role: 'tooltip' }),
      overlay: h('div', {}),
      status: h('div', { className: 'sr-only', 'aria-live': 'polite' }),
      clock: h('span', { className: 'clock', role: 'timer', 'aria-live': 'off' }),
    };
    const seconds = session.settings.orderSeconds ?? defaultOrderSeconds(session.scenario, session.settings.preset);
    this.timer = new TurnTimer(seconds, () => this.renderClock());
    fill(
      root,
      this.els.top,
      this.els.ladder,
      h(
        'main',
        { id: 'main', className: 'game' },
        h('div', { className: 'left' }, this.els.mapwrap, this.els.dash),
        h('section', { className: 'side', 'aria-label': 'Your panels' }, this.els.tabs, this.els.panel),
      ),
      this.els.tooltip,
      this.els.overlay,
      this.els.status,
    );
    this.renderTabs();
    createMap(mapDiv, session.scenario, mapJson as unknown as MapAsset, {
      onHover: (id, at) => this.showTooltip(id, at),
      onSelect: (id) => this.selectSite(id),
    }).then((map) => {
      if (this.destroyed) {
        map.destroy();
        return;
      }
      this.map = map;
      map.show(this.currentView());
      // The browser bench measures time to a usable turn screen up to this point.
      requestAnimationFrame(() => {
        (window as unknown as { __twoBoxersMapReady?: number }).__twoBoxersMapReady = performance.now();
      });
    });
    const turnStart = !session.state.history.length || session.sideToAct === session.humanSides[0];
    if (this.classroom && turnStart && session.sideToAct) this.projector();
    else if (session.hotseat && session.sideToAct) this.handover(session.sideToAct);
    else this.render();
  }

  destroy(): void {
    this.destroyed = true;
    this.timer.stop();
    this.map?.destroy();
    this.map = null;
  }

  /** What the screen may show now: the acting side's view, or on a shared screen only what both sides may see. */
  private currentView(): SeatView {
    return this.session.view(this.sharedScreen ? 'public' : this.seat);
  }

  private get classroom(): boolean {
    return this.session.settings.classroom === true;
  }

  /** Whether more than one side watches this device: hotseat players, or a class at a projected screen. */
  private get shared(): boolean {
    return this.session.hotseat || this.classroom;
  }

  /** Between order phases a shared device shows only what both sides may see. */
  private get sharedScreen(): boolean {
    return this.shared && (this.phase === 'resolving' || this.phase === 'results' || this.phase === 'projector');
  }

  private render(): void {
    const view = this.currentView();
    this.renderTop(view);
    this.renderLadder(view);
    this.renderDash(view);
    this.renderPanel(view);
    this.map?.show(view);
  }

  // ---- Top bar, ladder, dashboard -------------------------------------------------------------------------------

  private renderTop(view: SeatView): void {
    const s = this.session.scenario;
    fill(
      this.els.top,
      h('span', { className: 'brand' }, 'TWO BOXERS'),
      h('span', { className: 'when' }, `Week ${view.turn} of ${view.lastTurn} · ${longDate(view.date)}`),
      this.sharedScreen
        ? h('span', {}, this.classroom ? 'Class screen: what both teams may see' : 'Shared screen')
        : h(
            'span',
            { className: `side-${this.seat}` },
            this.session.hotseat ? `${s.sides[this.seat].name} to play` : `You: ${s.sides[this.seat].name}`,
          ),
      this.classroom ? this.els.clock : null,
      h('span', { className: 'spacer' }),
      this.classroom
        ? h(
            'button',
            { id: 'pause-quick', onclick: () => this.setPaused(!this.paused) },
            this.paused ? 'Resume' : 'Pause',
          )
        : null,
      this.classroom ? h('button', { id: 'desk-button', onclick: () => this.openDesk() }, "Facilitator's desk") : null,
      h('button', { onclick: () => this.hooks.rules(), 'aria-label': 'Rules (opens the rules page)' }, 'Rules'),
      h('button', { onclick: () => this.exportSave() }, 'Export save'),
      h('button', { id: 'share-button', onclick: () => this.copyShareLink() }, 'Share link'),
      h('button', { onclick: () => this.hooks.menu() }, 'Menu'),
    );
    this.renderClock();
  }

  private renderLadder(view: SeatView): void {
    const s = this.session.scenario;
    fill(
      this.els.ladder,
      s.ladder.rungs.map((r) => {
        const now = r.level === view.ladder.rung;
        const cls = [
          'rung',
          s.ladder.gates.includes(r.level) ? 'gate' : '',
          now ? 'now' : '',
          r.level < view.ladder.rung ? 'past' : '',
          r.level >= s.ladder.war ? 'war' : '',
        ]
          .filter(Boolean)
          .join(' ');
        const incident = incidentOdds(s, r.level);
        const risk =
          incident === null
            ? ''
            : ` Incidents nobody ordered: a ${incident} chance a week of climbing a rung, whatever anyone does.`;
        return h(
          'li',
          {
            className: cls,
            title: `${r.level}. ${r.name}: ${r.description}${risk}`,
            'aria-current': now ? 'step' : null,
          },
          h(
            'b',
            {},
            r.level,
            incident === null ? null : h('span', { className: 'risk', 'aria-hidden': 'true' }, ` ⚠${incident}`),
          ),
          r.name,
        );
      }),
    );
    const risk = incidentOdds(s, view.ladder.rung);
    this.els.ladder.setAttribute(
      'aria-label',
      `Escalation ladder: rung ${view.ladder.rung} of ${s.ladder.war}, ${rungName(s, view.ladder.rung)}${risk === null ? '' : `; a ${risk} chance a week of an incident nobody ordered climbing it a rung`}`,
    );
  }

  private renderDash(view: SeatView): void {
    const prev = this.previous;
    const meter = (label: string, value: number, was: number | undefined, max = 100, hint = '') =>
      h(
        'div',
        { className: 'meter', title: hint },
        label,
        h('b', { className: was === undefined || was === value ? '' : value > was ? 'delta-up' : 'delta-down' }, value),
        max > 0
          ? h(
              'div',
              { className: 'bar', 'aria-hidden': 'true' },
              h('i', { style: `width:${Math.min(100, (value / max) * 100)}%` }),
            )
          : null,
      );
    const b = view.baghdad;
    const s = this.session.scenario;
    const own =
      this.seat === 'us'
        ? meter(
            'Political capital',
            view.us.politicalCapital ?? 0,
            prev?.us.politicalCapital,
            100,
            'What your orders cost',
          )
        : meter("Iran's resources", view.iran.resources ?? 0, prev?.iran.resources, 100, 'What your orders cost');
    fill(
      this.els.dash,
      this.sharedScreen ? null : own,
      meter(
        "Baghdad's consent",
        b.consent,
        prev?.baghdad.consent,
        100,
        `The US wins only with ${s.victory.us.minConsent}+; at ${s.baghdad.expulsionConsent} or less a passed vote expels it`,
      ),
      meter(
        'Eviction pressure',
        b.evictionPressure,
        prev?.baghdad.evictionPressure,
        100,
        `Parliament votes at ${s.baghdad.voteAt}`,
      ),
      meter(
        'US resolve',
        view.us.resolve,
        prev?.us.resolve,
        100,
        `At ${s.victory.iran.resolveBreak} or less the US leaves`,
      ),
      meter(
        'US credibility',
        view.us.credibility,
        prev?.us.credibility,
        100,
        'Falls when a red line is crossed without answer',
      ),
      meter('ISIS', view.isis, prev?.isis, 100, `The US must hold it at ${s.victory.us.maxIsis} or less`),
      meter(
        'Pandemic',
        view.pandemic,
        prev?.pandemic,
        5,
        view.curfew ? 'Curfews: launch teams are easier to spot' : '',
      ),
      meter('Americans killed', view.casualties.usKilled, prev?.casualties.usKilled, 0),
      this.seat === 'iran' && !this.sharedScreen
        ? meter(
            'Best deniability',
            view.iran.bestDeniability ?? 0,
            prev?.iran.bestDeniability,
            100,
            `Iran needs a front at ${s.victory.iran.minDeniability}+`,
          )
        : meter(
            'Bases held',
            view.us.bases.filter((x) => !x.handedOver).length,
            prev?.us.bases.filter((x) => !x.handedOver).length,
            0,
            `At ${s.victory.iran.tokenBases} or fewer the presence is a token`,
          ),
    );
  }

  // ---- Panels ---------------------------------------------------------------------------------------------------

  private renderTabs(): void {
    fill(
      this.els.tabs,
      TABS.map((t) =>
        h(
          'button',
          {
            role: 'tab',
            id: `tab-${t.id}`,
            'aria-selected': t.id === this.tab ? 'true' : 'false',
            'aria-controls': 'panel',
            onclick: () => {
              this.tab = t.id;
              this.renderTabs();
              this.renderPanel(this.currentView());
            },
          },
          t.label,
        ),
      ),
    );
    this.els.panel.setAttribute('aria-labelledby', `tab-${this.tab}`);
  }

  private renderPanel(view: SeatView): void {
    const p = this.els.panel;
    switch (this.tab) {
      case 'orders':
        if (this.phase === 'orders') this.renderOrders(view);
        else if (this.phase === 'projector') this.renderProjector();
        else this.renderResults();
        break;
      case 'intel':
        this.renderIntel(view);
        break;
      case 'news':
        this.renderNews();
        break;
      case 'log':
        this.renderLog(view);
        break;
      case 'sites':
        this.renderSites(view, p);
        break;
    }
  }

  private renderOrders(view: SeatView): void {
    const s = this.session.scenario;
    const side = this.seat;
    const budget = side === 'us' ? (view.us.politicalCapital ?? 0) : (view.iran.resources ?? 0);
    const spent = this.draft.reduce((t, o) => t + specOf(s, o.type).cost, 0);
    const error = h('div', { role: 'alert' });
    const legal = view.legalOrders;
    const types = [...new Set(legal.map((o) => o.type))].filter((t) => !this.draft.some((d) => d.type === t));
    const builder = h('div', { className: 'builder' });
    let selectedType: OrderType | undefined = types[0];
    let chosen: Record<string, unknown> = {};

    const current = (): Order | undefined => {
      if (!selectedType) return undefined;
      return legal.find(
        (o) => o.type === selectedType && orderFields(o).every((f) => (o as Record<string, unknown>)[f] === chosen[f]),
      );
    };

    const drawBuilder = () => {
      const typeSelect = h(
        'select',
        { id: 'order-type', 'aria-describedby': 'order-summary' },
        types.map((t) => {
          const spec = specOf(s, t);
          return h('option', { value: t, selected: t === selectedType }, `${spec.name} — cost ${spec.cost}`);
        }),
      );
      typeSelect.addEventListener('change', () => {
        selectedType = typeSelect.value as OrderType;
        chosen = {};
        drawBuilder();
        builder.querySelector<HTMLSelectElement>('#order-type')?.focus();
      });
      const rows: HTMLElement[] = [
        h('div', { className: 'row one' }, h('div', {}, h('label', { for: 'order-type' }, 'Order'), typeSelect)),
      ];
      if (selectedType) {
        const ofType = legal.filter((o) => o.type === selectedType);
        const fields = ofType[0] ? orderFields(ofType[0]) : [];
        const selects: HTMLElement[] = [];
        for (const [i, field] of fields.entries()) {
          const matching = ofType.filter((o) =>
            fields.slice(0, i).every((f) => (o as Record<string, unknown>)[f] === chosen[f]),
          );
          const values = [...new Set(matching.map((o) => JSON.stringify((o as Record<string, unknown>)[field])))].map(
            (v) => JSON.parse(v) as unknown,
          );
          if (!values.some((v) => v === chosen[field])) chosen[field] = values[0];
          const id = `order-${field}`;
          const select = h(
            'select',
            { id },
            values.map((v) =>
              h('option', { value: JSON.stringify(v), selected: v === chosen[field] }, valueLabel(s, field, v)),
            ),
          );
          select.addEventListener('change', () => {
            chosen[field] = JSON.parse(select.value);
            for (const later of fields.slice(i + 1)) delete chosen[later];
            drawBuilder();
            builder.querySelector<HTMLSelectElement>(`#${id}`)?.focus();
          });
          selects.push(h('div', {}, h('label', { for: id }, FIELD_LABELS[field] ?? field), select));
        }
        if (selects.length > 0) rows.push(h('div', { className: 'row' }, selects));
        const order = current();
        const spec = specOf(s, selectedType);
        rows.push(h('p', { id: 'order-summary', className: 'note' }, spec.summary));
        if (order) rows.push(this.forecastBox(order));
        const affordable = spent + spec.cost <= budget;
        const full = this.draft.length >= s.ordersPerTurn;
        rows.push(
          h(
            'button',
            {
              id: 'add-order',
              disabled: !order || !affordable || full,
              onclick: () => {
                if (!order) return;
                const next = [...this.draft, order];
                const checked = this.session.checkDraft(side, next);
                if (!checked.ok) {
                  fill(error, h('div', { className: 'error' }, checked.errors.map((e) => e.message).join('; ')));
                  return;
                }
                this.draft = next;
                this.announce(`Added: ${describeOrder(s, order)}`);
                this.renderPanel(this.currentView());
                document.getElementById('commit')?.focus();
              },
            },
            full
              ? `Already ${s.ordersPerTurn} orders`
              : !affordable
                ? `Not enough to pay ${spec.cost}`
                : 'Add this order',
          ),
        );
      } else rows.push(h('p', { className: 'note' }, 'No other order is open to you this week.'));
      fill(builder, rows);
    };
    drawBuilder();

    fill(
      this.els.panel,
      h('h2', { className: `side-${side}` }, `${s.sides[side].short}: orders for week ${view.turn}`),
      h(
        'div',
        { className: 'budget' },
        h('span', {}, `Orders: `, h('b', {}, `${this.draft.length} of ${s.ordersPerTurn}`)),
        h(
          'span',
          {},
          side === 'us' ? 'Political capital: ' : 'Resources: ',
          h('b', {}, `${budget - spent} of ${budget}`),
        ),
      ),
      h(
        'ul',
        { className: 'chosen', 'aria-label': 'Orders chosen' },
        this.draft.length === 0
          ? h('li', { className: 'empty' }, 'No orders yet. Choose below; nothing is final until you commit.')
          : this.draft.map((o, i) =>
              h(
                'li',
                {},
                h('span', { className: 'what' }, describeOrder(s, o), h('br'), this.tags(o.type)),
                h(
                  'button',
                  {
                    'aria-label': `Remove ${describeOrder(s, o)}`,
                    onclick: () => {
                      this.draft = this.draft.filter((_, j) => j !== i);
                      this.announce('Order removed');
                      this.renderPanel(this.currentView());
                    },
                  },
                  'Remove',
                ),
              ),
            ),
      ),
      h('h3', {}, 'Add an order'),
      builder,
      error,
      this.advisors(view),
      h(
        'div',
        { className: 'commit' },
        h(
          'button',
          { id: 'commit', className: 'primary', onclick: () => void this.commit() },
          this.draft.length === 0
            ? 'Commit: give no orders this week'
            : `Commit ${this.draft.length} order${this.draft.length > 1 ? 's' : ''}`,
        ),
      ),
      h(
        'p',
        { className: 'note' },
        this.session.hotseat
          ? 'Your orders stay hidden from the other player.'
          : 'The other side is choosing at the same time; neither sees the other’s orders until they happen.',
      ),
    );
    if (!tutorialDone() && view.turn === 1 && !this.classroom) this.coach();
  }

  private tags(type: OrderType): HTMLElement[] {
    const spec = specOf(this.session.scenario, type);
    return [
      h('span', { className: `tag ${spec.severity}` }, SEVERITY_WORDS[spec.severity] ?? spec.severity),
      spec.deniable ? h('span', { className: 'tag deniable' }, 'deniable') : h('span', { className: 'tag' }, 'public'),
      h('span', { className: 'tag' }, `cost ${spec.cost}`),
    ];
  }

  private forecastBox(order: Order): HTMLElement {
    const f = this.session.forecast(this.seat, order);
    return h(
      'div',
      { className: 'forecast', 'aria-live': 'polite' },
      h('div', {}, this.tags(order.type)),
      f.odds.length > 0
        ? h(
            'ul',
            { className: 'odds' },
            f.odds.map((o) =>
              h('li', {}, h('b', {}, `${cap(o.word)} (${o.range})`), `: ${o.label} — ${(o.perMille / 10).toFixed(0)}%`),
            ),
          )
        : null,
      f.effects.length > 0
        ? h('div', {}, 'Effects: ', f.effects.map((e) => `${e.label} ${e.delta > 0 ? '+' : ''}${e.delta}`).join(' · '))
        : null,
      f.notes.map((n) => h('div', { className: 'note' }, n)),
      h('div', { className: 'note' }, `Escalation score: ${f.escalationPoints > 0 ? '+' : ''}${f.escalationPoints}`),
    );
  }

  /** What two or three doctrines would do in the side's place, and why, as Balance of Power's advisors did. */
  private advisors(view: SeatView): HTMLElement {
    const s = this.session.scenario;
    const advice = adviceFor(s, view, this.session.settings.seed);
    return h(
      'details',
      {},
      h('summary', {}, `Advisors (${advice.length})`),
      advice.map((a) =>
        h(
          'div',
          { className: 'advisor' },
          h('b', { title: a.description }, `${a.label}: `),
          a.decision.orders.length === 0
            ? 'do nothing this week.'
            : a.decision.orders.map((o, i) => h('div', {}, `${describeOrder(s, o)} — ${a.decision.reasons[i] ?? ''}`)),
        ),
      ),
    );
  }

  private renderIntel(view: SeatView): void {
    if (this.sharedScreen) {
      fill(
        this.els.panel,
        h('h2', {}, 'Intelligence'),
        h(
          'p',
          { className: 'note' },
          'Hidden on the shared screen: each player sees their own intelligence when they give orders.',
        ),
      );
      return;
    }
    const s = this.session.scenario;
    const us = this.seat === 'us';
    const attacks = [...view.attacks].reverse();
    fill(
      this.els.panel,
      h('h2', {}, us ? 'Intelligence' : 'The axis'),
      h('h3', {}, 'Attacks'),
      attacks.length === 0
        ? h('p', { className: 'note' }, 'No attacks yet in this game.')
        : h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, 'Wk'),
                h('th', {}, 'Target'),
                h('th', {}, 'Claim'),
                h('th', {}, us ? 'Our assessment' : 'Who fired'),
                h('th', { className: 'num' }, 'US killed'),
              ),
            ),
            h(
              'tbody',
              {},
              attacks.map((a) =>
                h(
                  'tr',
                  {},
                  h('td', {}, a.turn),
                  h('td', {}, siteName(s, a.target)),
                  h('td', {}, a.claim === 'open' ? 'openly' : a.claim === 'unclaimed' ? 'none' : frontName(s, a.claim)),
                  h(
                    'td',
                    {},
                    us
                      ? a.suspect
                        ? `${groupName(s, a.suspect)}: ${a.word} (${((a.confidence ?? 0) / 10).toFixed(0)}%)`
                        : a.kind === 'missile-strike'
                          ? 'Iran (state act)'
                          : 'unknown'
                      : a.group
                        ? `${groupName(s, a.group)}${a.autonomous ? ' (acted alone)' : ''}`
                        : 'IRGC',
                  ),
                  h('td', { className: 'num' }, a.casualties.usKilled),
                ),
              ),
            ),
          ),
      h('h3', {}, 'Groups'),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'Group'),
            h('th', { className: 'num' }, us ? 'Strength (est.)' : 'Strength'),
            h('th', { className: 'num' }, us ? 'Arsenal (est.)' : 'Arsenal'),
            us ? null : h('th', { className: 'num' }, 'Aggression'),
            h('th', {}, 'Leader'),
          ),
        ),
        h(
          'tbody',
          {},
          view.iran.groups.map((g) =>
            h(
              'tr',
              {},
              h('td', {}, groupName(s, g.id)),
              h('td', { className: 'num' }, g.strength),
              h('td', { className: 'num' }, g.arsenal),
              us ? null : h('td', { className: 'num' }, g.aggression ?? ''),
              h('td', {}, g.leaderAlive ? 'alive' : 'killed'),
            ),
          ),
        ),
      ),
      h('h3', {}, 'Front groups'),
      view.iran.fronts.length === 0
        ? h('p', { className: 'note' }, us ? 'No front group has claimed an attack yet.' : 'No fronts.')
        : h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, 'Front'),
                h('th', { className: 'num' }, 'Claims'),
                h('th', { className: 'num' }, 'Deniability'),
                h('th', {}, 'Behind it'),
              ),
            ),
            h(
              'tbody',
              {},
              view.iran.fronts.map((f) =>
                h(
                  'tr',
                  {},
                  h('td', {}, f.name, f.retired ? ' (retired)' : ''),
                  h('td', { className: 'num' }, f.claims),
                  h('td', { className: 'num' }, f.deniability),
                  h('td', {}, f.sponsor ? groupName(s, f.sponsor) : 'not known'),
                ),
              ),
            ),
          ),
      h('h3', {}, 'Baghdad'),
      h(
        'p',
        {},
        `Government: ${view.baghdad.stage === 'designate' ? `${view.baghdad.designate} is PM-designate (${view.baghdad.designateTurns} weeks left to form a government)` : view.baghdad.stage === 'confirmed' ? `${view.baghdad.designate}'s government is confirmed` : 'caretaker'}. `,
        `Electricity waiver: ${view.baghdad.waiverTurns > 0 ? `${view.baghdad.waiverTurns} weeks left` : 'lapsed'}. `,
        `Eviction votes passed: ${view.baghdad.votesPassed}. Coalition partners still in Iraq: ${view.partners}.`,
      ),
      us
        ? null
        : h(
            'p',
            {},
            `Missile capability ${view.iran.missileCapability}, PMU cohesion ${view.iran.pmuCohesion}, proxy capability ${view.iran.proxyCapability}, income ${view.iran.income} a week.`,
          ),
      us ? h('p', {}, `ISR level ${view.us.isr} of 5. Troops in Iraq: ${view.us.troops.toLocaleString('en')}.`) : null,
    );
  }

  private newsItems(turn: TurnEvents): HTMLElement[] {
    const s = this.session.scenario;
    return this.visibleEvents(turn.events)
      .map((e) => narrate(s, e, this.narrationSeat()))
      .filter((t): t is string => t !== null)
      .map((t) => h('li', {}, t));
  }

  /** In hotseat, results show on a shared screen: only what both sides may see. */
  private narrationSeat(): Seat {
    return this.shared ? 'public' : this.seat;
  }

  private visibleEvents(events: readonly GameEvent[]): GameEvent[] {
    return viewEvents(events, this.narrationSeat());
  }

  private renderNews(): void {
    const last = this.session.turns[this.session.turns.length - 1];
    fill(
      this.els.panel,
      h('h2', {}, last ? `News: week ${last.turn}` : 'News'),
      last
        ? h('ul', { className: 'news' }, this.newsItems(last))
        : h('p', { className: 'note' }, 'Nothing has happened yet: the first week is about to begin.'),
    );
  }

  private renderLog(view: SeatView): void {
    const s = this.session.scenario;
    fill(
      this.els.panel,
      h('h2', {}, 'Log of past weeks'),
      h(
        'p',
        { className: 'note' },
        'Game fingerprint: ',
        h('code', { id: 'fingerprint' }, hashState(this.session.state)),
        ' — the same seed and orders give the same fingerprint on any computer.',
      ),
      this.session.turns.length === 0 ? h('p', { className: 'note' }, 'No week has been played yet.') : null,
      [...this.session.turns].reverse().map((t) => {
        const record = view.history.find((r) => r.turn === t.turn);
        const mine = record?.orders[this.seat];
        return h(
          'details',
          {},
          h('summary', {}, `Week ${t.turn}${record ? ` — ladder at ${record.rung}: ${rungName(s, record.rung)}` : ''}`),
          mine
            ? h('p', {}, 'Your orders: ', mine.length === 0 ? 'none' : mine.map((o) => describeOrder(s, o)).join('; '))
            : null,
          h('ul', { className: 'news' }, this.newsItems(t)),
        );
      }),
    );
  }

  private renderSites(view: SeatView, panel: HTMLElement): void {
    const s = this.session.scenario;
    fill(
      panel,
      h('h2', {}, 'Places on the map'),
      h('p', { className: 'note' }, 'Focus a place to find it on the map.'),
      h(
        'div',
        { className: 'sites' },
        s.sites.map((site) =>
          h(
            'button',
            {
              onfocus: () => this.focusSite(site.id),
              onmouseenter: () => this.focusSite(site.id),
              onblur: () => this.focusSite(null),
              onclick: () => this.focusSite(site.id),
            },
            this.siteLine(view, site.id),
          ),
        ),
      ),
    );
  }

  /** One line describing a site as the seat knows it: for the places list and the map tooltip. */
  private siteLine(view: SeatView, id: string): string {
    const s = this.session.scenario;
    const site = s.sites.find((x) => x.id === id);
    if (!site) return id;
    const base = view.us.bases.find((b) => b.site === id);
    if (base) {
      if (base.handedOver) return `${site.name}: handed over to Iraqi forces`;
      const ad =
        base.airDefence === 'patriot' ? 'Patriot and C-RAM' : base.airDefence === 'cram' ? 'C-RAM' : 'no air defence';
      return `${site.name}: ${compact(base.garrison)} personnel, ${ad}, exposure ${base.exposure}${base.handoverTurns > 0 ? ', handover under way' : ''}`;
    }
    const proxy = s.iran.proxySites.find((p) => p.site === id);
    if (proxy) {
      const struck = view.strikes.filter((x) => x.site === id).length;
      return `${site.name}: ${groupName(s, proxy.group)}${proxy.stateInstitution ? ' (a PMU position)' : ''}${struck ? `, struck ${struck} time${struck > 1 ? 's' : ''}` : ''}`;
    }
    return `${site.name}${site.note ? `: ${site.note}` : ''}`;
  }

  private focusSite(id: string | null): void {
    this.map?.focus(id);
    this.showTooltip(id, id === null ? null : (this.map?.screenPosition(id) ?? null));
  }

  private showTooltip(id: string | null, at: { x: number; y: number } | null): void {
    const t = this.els.tooltip;
    if (id === null || at === null) {
      t.hidden = true;
      return;
    }
    const site = this.session.scenario.sites.find((x) => x.id === id);
    const line = this.siteLine(this.currentView(), id);
    const detail = site && line.startsWith(`${site.name}: `) ? line.slice(site.name.length + 2) : line;
    fill(t, h('h3', {}, site?.name ?? id), cap(detail));
    t.hidden = false;
    t.style.left = `${Math.min(at.x + 14, window.innerWidth - 330)}px`;
    t.style.top = `${Math.max(8, at.y - 10)}px`;
  }

  private selectSite(id: string): void {
    this.tab = 'sites';
    this.renderTabs();
    this.renderPanel(this.currentView());
    this.showTooltip(id, this.map?.screenPosition(id) ?? null);
  }

  // ---- The turn flow --------------------------------------------------------------------------------------------

  private async commit(): Promise<void> {
    if (this.thinking) return;
    const side = this.seat;
    this.previous = this.currentView();
    const button = document.getElementById('commit') as HTMLButtonElement | null;
    if (!this.session.hotseat) {
      this.thinking = true;
      if (button) {
        button.disabled = true;
        button.textContent = 'The computer is deciding…';
      }
      this.announce('Orders sealed. The computer is deciding.');
    }
    this.timer.stop();
    const result = await this.session.commit(side, this.draft, decideInWorker);
    this.thinking = false;
    if (this.destroyed) return;
    if (!result.ok) {
      const message = result.errors.map((e) => e.message).join('; ');
      this.announce(message);
      this.renderPanel(this.currentView());
      const box = this.els.panel.querySelector('[role=alert]');
      if (box) fill(box as HTMLElement, h('div', { className: 'error' }, message));
      return;
    }
    this.draft = [];
    const saveError = this.hooks.saved();
    if (saveError) this.announce(saveError);
    if (result.value === null) {
      const next = this.session.sideToAct;
      if (next) this.handover(next);
      return;
    }
    void this.resolve(result.value);
  }

  /** Plays the turn's events on the map in step with the news feed, then shows the results. */
  private async resolve(turn: TurnEvents): Promise<void> {
    this.lastTurn = turn;
    this.phase = 'resolving';
    if (this.shared) this.announce(''); // what the last player was told is not for everyone watching
    this.skip = false;
    this.tab = 'orders';
    this.renderTabs();
    this.renderDash(this.currentView());
    const s = this.session.scenario;
    const events = this.visibleEvents(turn.events);
    const list = h('ul', { className: 'news', 'aria-live': 'polite' });
    const skipButton = h('button', { onclick: () => (this.skip = true) }, 'Skip the animation');
    fill(this.els.panel, h('h2', {}, `Week ${turn.turn}: what happened`), skipButton, list);
    skipButton.focus();
    for (const e of events) {
      if (this.destroyed) return;
      const text = narrate(s, e, this.narrationSeat());
      if (text) list.append(h('li', {}, text));
      list.lastElementChild?.scrollIntoView({ block: 'nearest' });
      if (this.map) await this.map.play([e], this.skip || reducedMotion() ? 0 : 1);
    }
    this.phase = 'results';
    if (this.session.hotseat) this.seat = this.session.settings.side;
    this.render();
  }

  private renderResults(): void {
    const turn = this.lastTurn;
    const over = this.session.over;
    fill(
      this.els.panel,
      h('h2', {}, turn ? `Week ${turn.turn}: what happened` : 'Results'),
      turn ? h('ul', { className: 'news' }, this.newsItems(turn)) : null,
      h(
        'div',
        { className: 'commit' },
        h(
          'button',
          {
            id: 'continue',
            className: 'primary',
            onclick: () => {
              if (over) {
                this.hooks.ended();
                return;
              }
              this.phase = 'orders';
              this.previous = null;
              const next = this.session.sideToAct;
              if (this.classroom) this.projector();
              else if (this.session.hotseat && next) this.handover(next);
              else this.render();
              document.getElementById('order-type')?.focus();
            },
          },
          over ? 'See how it ended' : `Continue to week ${this.session.state.turn}`,
        ),
      ),
    );
    document.getElementById('continue')?.focus();
  }

  /** Hotseat: a screen that hides everything until the next player is at the device. */
  private handover(side: Side): void {
    const s = this.session.scenario;
    this.phase = 'handover';
    this.seat = side;
    this.announce('');
    this.els.tooltip.hidden = true;
    const first = this.session.state.turn === 1;
    const card = h(
      'div',
      { className: 'card', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'handover-title' },
      h(
        'h2',
        { id: 'handover-title', className: `side-${side}` },
        this.classroom
          ? `The ${s.sides[side].name} team's orders`
          : `Pass the device to the ${s.sides[side].name} player`,
      ),
      h(
        'p',
        {},
        this.classroom
          ? 'Blank the projector or turn the screen to the team: what follows is for its eyes only.'
          : 'The other player should look away now: what follows is for your eyes only.',
      ),
      first
        ? h('details', {}, h('summary', {}, 'Your briefing'), h('p', { className: 'briefing' }, s.briefing[side]))
        : null,
      h(
        'button',
        {
          id: 'ready',
          className: 'primary',
          onclick: () => {
            fill(this.els.overlay);
            this.phase = 'orders';
            this.tab = 'orders';
            this.renderTabs();
            this.render();
            if (this.classroom) this.timer.restart();
            this.showPause();
            document.getElementById('order-type')?.focus();
          },
        },
        this.classroom
          ? `We are the ${s.sides[side].short} team: show our orders`
          : `I am the ${s.sides[side].short} player: show my orders`,
      ),
      this.classroom
        ? h('button', { id: 'to-class-screen', onclick: () => this.projector() }, 'Back to the class screen')
        : null,
    );
    fill(this.els.overlay, h('div', { className: 'overlay' }, card));
    focusHeading(card);
  }

  // ---- The classroom -----------------------------------------------------------------------------------------------

  /** The class screen at the start of a week: public news and the ladder, and the way to each team's orders. */
  private projector(): void {
    this.phase = 'projector';
    this.announce(''); // a team's last words to its screen reader must not stay on the class screen
    this.tab = 'orders';
    fill(this.els.overlay);
    this.renderTabs();
    this.render();
    focusHeading(this.els.panel);
  }

  private renderProjector(): void {
    const s = this.session.scenario;
    const next = this.session.sideToAct;
    const last = this.session.turns.at(-1);
    const released = viewEvents(this.session.released, 'public');
    fill(
      this.els.panel,
      h('h2', {}, `Week ${this.session.state.turn}: the class screen`),
      h('p', { className: 'note' }, 'Only what both teams may see is on this screen.'),
      released.length > 0
        ? h(
            'section',
            { 'aria-label': 'News this week' },
            h('h3', {}, 'Breaking news'),
            h('ul', { className: 'news' }, this.newsItems({ turn: this.session.state.turn, events: released })),
          )
        : null,
      last
        ? h(
            'section',
            { 'aria-label': 'Last week' },
            h('h3', {}, `What happened in week ${last.turn}`),
            h('ul', { className: 'news' }, this.newsItems(last)),
          )
        : h('p', {}, 'The first week is about to begin. Each team reads its briefing and gives its orders in turn.'),
      h(
        'div',
        { className: 'commit' },
        next
          ? h(
              'button',
              { id: 'team-orders', className: 'primary', onclick: () => this.handover(next) },
              `${s.sides[next].name} team: give your orders`,
            )
          : null,
      ),
    );
  }

  private renderClock(): void {
    const t = this.timer;
    const ordering = this.phase === 'orders';
    if (!this.classroom || !t.enabled || !ordering) {
      fill(this.els.clock);
      return;
    }
    if (t.timeUp) {
      fill(
        this.els.clock,
        h('b', { className: 'time-up' }, 'Time is up'),
        ' ',
        h('button', { id: 'clock-extend', onclick: () => t.extend(60) }, 'Take another minute'),
      );
      if (this.els.clock.dataset.warned !== 'yes') this.announce('Time is up. You can take another minute.');
      this.els.clock.dataset.warned = 'yes';
      return;
    }
    this.els.clock.dataset.warned = '';
    fill(this.els.clock, `Time left ${clock(t.remaining)}${t.isRunning ? '' : ' (paused)'}`);
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) this.timer.pause();
    else if (this.phase === 'orders' && !this.timer.timeUp) this.timer.resume();
    this.renderTop(this.currentView());
    this.renderClock();
    this.showPause();
    this.announce(paused ? 'The facilitator paused the game.' : 'The game goes on.');
  }

  /** While paused, order entry is covered; the facilitator (or anyone) resumes from the cover. */
  private showPause(): void {
    if (!this.paused || this.phase !== 'orders') {
      this.els.overlay.querySelector('.paused')?.remove();
      return;
    }
    if (this.els.overlay.querySelector('.paused')) return;
    const card = h(
      'div',
      { className: 'card', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'paused-title' },
      h('h2', { id: 'paused-title' }, 'Paused by the facilitator'),
      h('p', {}, 'Order entry is locked and the clock is stopped.'),
      h('button', { id: 'resume', className: 'primary', onclick: () => this.setPaused(false) }, 'Resume the game'),
    );
    this.els.overlay.append(h('div', { className: 'overlay paused' }, card));
    focusHeading(card);
  }

  /** The desk shows both sides' secrets: a warning stands between the class screen and it. */
  private openDesk(): void {
    const back = () => {
      fill(this.els.overlay);
      this.showPause();
      if (this.phase === 'handover' && this.session.sideToAct) this.handover(this.session.sideToAct);
      else this.render();
      document.getElementById('desk-button')?.focus();
    };
    const warning = h(
      'div',
      { className: 'card', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'desk-warning' },
      h('h2', { id: 'desk-warning' }, 'Facilitator only'),
      h('p', {}, 'The desk shows everything, both teams’ secrets included. Blank the projector before you go on.'),
      h(
        'div',
        { className: 'commit' },
        h('button', { id: 'desk-open', className: 'primary', onclick: () => showDesk() }, 'Open the desk'),
        h('button', { onclick: back }, 'Cancel'),
      ),
    );
    const showDesk = () => {
      const desk = renderDesk(this.session, this.timer, {
        close: back,
        changed: (events) => {
          if (this.phase === 'results') this.lastTurn = this.session.turns.at(-1) ?? null;
          const saveError = this.hooks.saved();
          if (saveError) this.announce(saveError);
          this.announce(`${events.length} new events.`);
        },
        paused: () => this.paused,
        setPaused: (p) => {
          this.paused = p;
          if (p) this.timer.pause();
          else if (this.phase === 'orders' && !this.timer.timeUp) this.timer.resume();
        },
      });
      fill(
        this.els.overlay,
        h(
          'div',
          { className: 'overlay desk-overlay' },
          h(
            'div',
            { className: 'card wide', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'desk-title' },
            desk,
          ),
        ),
      );
      focusHeading(desk);
    };
    fill(this.els.overlay, h('div', { className: 'overlay' }, warning));
    focusHeading(warning);
  }

  // ---- Guided first turn --------------------------------------------------------------------------------------------

  private coach(): void {
    const s = this.session.scenario;
    const steps: { target: () => HTMLElement | null; title: string; text: string }[] = [
      {
        target: () => this.els.ladder,
        title: 'The escalation ladder',
        text: `Every violent or threatening act pushes the crisis up these ${s.ladder.rungs.length} rungs; quiet weeks let it come down. At rung ${s.ladder.war}, open regional war, the game ends and both sides lose.`,
      },
      {
        target: () => this.els.dash,
        title: 'What you are watching',
        text: "Baghdad's consent, the eviction pressure in parliament, US resolve and ISIS decide who wins. Hover a number for what it means; ▲ and ▼ show how it moved last week.",
      },
      {
        target: () => this.els.panel,
        title: 'Your orders',
        text: `Choose up to ${s.ordersPerTurn} orders a week. Each costs ${this.seat === 'us' ? 'political capital' : 'resources'} and shows its odds before you commit, in the words intelligence analysts use ("likely, 55-80%").`,
      },
      {
        target: () => document.getElementById('commit'),
        title: 'Commit when ready',
        text: 'Nothing is final until you commit: remove an order freely until then. Both sides then act at once, and the map plays out what happened.',
      },
    ];
    let i = 0;
    const box = h('div', { className: 'coach', role: 'dialog', 'aria-labelledby': 'coach-title' });
    const show = () => {
      for (const el of document.querySelectorAll('.highlight')) el.classList.remove('highlight');
      const step = steps[i]!;
      const target = step.target();
      target?.classList.add('highlight');
      fill(
        box,
        h('h3', { id: 'coach-title' }, step.title),
        h('p', {}, step.text),
        h('p', { className: 'steps' }, `Tip ${i + 1} of ${steps.length}`),
        h(
          'div',
          { className: 'commit' },
          h(
            'button',
            {
              className: 'primary',
              onclick: () => {
                i++;
                if (i < steps.length) show();
                else done();
              },
            },
            i + 1 < steps.length ? 'Next tip' : 'Start playing',
          ),
          h('button', { onclick: () => done() }, 'Skip the tips'),
        ),
      );
      // Placed and focused at the next frame, in the layout the browser makes for it anyway: measuring (or focusing,
      // which measures too) now would lay out the whole turn screen one extra time while it starts (3-5 ms), and the
      // tip is not painted before then.
      requestAnimationFrame(() => {
        const r = target?.getBoundingClientRect();
        const left = r ? Math.min(Math.max(8, r.left), window.innerWidth - 360) : 40;
        const top = r ? (r.bottom + 180 < window.innerHeight ? r.bottom + 8 : Math.max(8, r.top - 200)) : 40;
        box.style.left = `${left}px`;
        box.style.top = `${top}px`;
        box.querySelector<HTMLButtonElement>('button')?.focus();
      });
    };
    const done = () => {
      markTutorialDone();
      for (const el of document.querySelectorAll('.highlight')) el.classList.remove('highlight');
      box.remove();
      document.getElementById('order-type')?.focus();
    };
    document.body.append(box);
    show();
  }

  // ---- Saves and links -----------------------------------------------------------------------------------------------

  private exportSave(): void {
    const save = this.session.toSave(new Date().toISOString());
    const name = `two-boxers-${this.session.settings.seed}-week${this.session.state.turn}.json`;
    const url = URL.createObjectURL(new Blob([JSON.stringify(save, null, 1)], { type: 'application/json' }));
    const a = h('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this.announce(`Saved to ${name}`);
  }

  /** A dialog with the link in a field to copy: clipboard access is not granted everywhere (nor in every test). */
  private copyShareLink(): void {
    const link = `${location.origin}${location.pathname}#g=${this.session.toShareCode()}`;
    const field = h('input', { id: 'share-link', readonly: true, value: link, 'aria-label': 'Link to this game' });
    const close = () => {
      fill(this.els.overlay);
      document.getElementById('share-button')?.focus();
    };
    const card = h(
      'div',
      { className: 'card', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'share-title' },
      h('h2', { id: 'share-title' }, 'Share this game'),
      h(
        'p',
        {},
        'This link opens the same game, at this week, in another browser. It carries the seed and every order given so far, so only share it with someone who may see your side’s orders.',
      ),
      field,
      h(
        'div',
        { className: 'commit' },
        h(
          'button',
          {
            className: 'primary',
            onclick: () => {
              field.select();
              navigator.clipboard?.writeText(link).then(
                () => this.announce('Link copied.'),
                () => this.announce('Select the link and copy it.'),
              );
            },
          },
          'Copy the link',
        ),
        h('button', { id: 'share-close', onclick: close }, 'Close'),
      ),
    );
    card.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') close();
    });
    fill(this.els.overlay, h('div', { className: 'overlay' }, card));
    field.select();
    field.focus();
  }

  private announce(text: string): void {
    this.els.status.textContent = text;
  }
}

const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
