import mapJson from '../../../assets/map/countries.json';
import { describeOrder, type SeatView, type Side } from '../../engine/index.ts';
import { fill, h } from '../dom.ts';
import { createMap, type MapController } from '../map/index.ts';
import type { MapAsset } from '../map-projection.ts';
import type { Session } from '../session.ts';
import { ClassroomPhase, ProjectorPanel } from './classroom-phase.ts';
import { showCoach } from './coach.ts';
import { Dashboard } from './dashboard.ts';
import { IntelPanel } from './intel-panel.ts';
import { LadderStrip } from './ladder-strip.ts';
import { LogPanel } from './log-panel.ts';
import { NewsPanel } from './news-panel.ts';
import { OrdersPanel } from './orders-panel.ts';
import type { Panel, ScreenHost } from './panel.ts';
import { exportSave, showShareLink } from './share.ts';
import { SitesPanel } from './sites-panel.ts';
import {
  addOrder,
  chooseTab,
  showResults,
  startResolving,
  newScreen,
  openingPhase,
  type PanelContent,
  panelContent,
  removeOrder,
  type ScreenState,
  viewSeat,
} from './state.ts';
import { Tabs } from './tabs.ts';
import { TopBar } from './top-bar.ts';
import { readNote } from './reload-memo.ts';
import { ResultsPanel, TurnFlow } from './turn-flow.ts';
import { inertBehindWall } from './wall.ts';

export interface GameScreenHooks {
  saved(): string | null;
  ended(): void;
  menu(): void;
  rules(): void;
}

/**
 * The turn loop on one screen: the map (Phaser) on the left, the side's panels (HTML) on the right. Everything it
 * shows comes from a seat's view or the events resolution returned; it computes no rule itself. This is the root:
 * it lays the panels out, keeps the one screen state (game/state.ts) and wires the panels' actions to it.
 */
export class GameScreen implements ScreenHost {
  private current: ScreenState;
  private shownMap: MapController | null = null;
  private gone = false;
  private coaching = false;
  private readonly top: TopBar;
  private readonly ladder: LadderStrip;
  private readonly dash: Dashboard;
  private readonly tabs: Tabs;
  private readonly orders: OrdersPanel;
  private readonly sites: SitesPanel;
  private readonly content: Record<PanelContent, Panel>;
  private readonly classroom: ClassroomPhase;
  private readonly flow: TurnFlow;
  private readonly overlay = h('div', {});
  private readonly status = h('div', { className: 'sr-only', 'aria-live': 'polite' });
  private readonly wall: { sync(): void; stop(): void };

  constructor(
    root: HTMLElement,
    readonly session: Session,
    hooks: GameScreenHooks,
  ) {
    this.current = newScreen(
      session.sideToAct ?? session.settings.side,
      session.hotseat,
      session.settings.classroom === true,
    );
    this.tabs = new Tabs((tab) => {
      this.update(chooseTab(this.state, tab));
      this.renderTabs();
      this.renderPanel();
    });
    const panel = this.tabs.panel;
    const overlay = this.overlay;
    this.classroom = new ClassroomPhase(this, {
      panel,
      overlay,
      focusDesk: () => this.top.focusDesk(),
      saved: () => hooks.saved(),
    });
    this.top = new TopBar(session, this.classroom.clock, {
      pause: () => this.classroom.pause(),
      openDesk: () => this.classroom.openDesk(),
      rules: () => hooks.rules(),
      exportSave: () =>
        this.classroom.forFacilitator('Export the save', (pinChecked) =>
          this.announce(exportSave(session, pinChecked, overlay, () => this.top.focusShare())),
        ),
      share: () =>
        this.classroom.forFacilitator('Show the link', () =>
          showShareLink(
            session,
            overlay,
            (t) => this.announce(t),
            () => this.top.focusShare(),
          ),
        ),
      menu: () => hooks.menu(),
    });
    this.ladder = new LadderStrip(session);
    this.dash = new Dashboard(session.scenario, () => session.turns);
    this.orders = new OrdersPanel(panel, session, {
      add: (order) => {
        this.update(addOrder(this.state, order));
        this.announce(`Added: ${describeOrder(session.scenario, order)}`);
        this.renderPanel();
      },
      remove: (index) => {
        this.update(removeOrder(this.state, index));
        this.announce('Order removed');
        this.renderPanel();
      },
      commit: () => void this.flow.commit(),
      coach: () => {
        // The orders panel asks on every redraw of the first week (adding or removing an order): one box at a time.
        if (this.coaching) return;
        this.coaching = true;
        showCoach(
          root,
          session.scenario,
          this.state.seat,
          {
            ladder: this.ladder.el,
            dash: this.dash.el,
            panel,
            commit: () => this.orders.shownCommitButton(),
          },
          () => {
            this.coaching = false;
            this.orders.focusOrderType();
          },
        );
      },
    });
    this.sites = new SitesPanel(panel, session, this);
    this.flow = new TurnFlow(
      this,
      { panel, overlay, orders: this.orders, sites: this.sites, classroom: this.classroom },
      hooks,
    );
    this.content = {
      orders: this.orders,
      projector: new ProjectorPanel(panel, this),
      results: new ResultsPanel(panel, this, this.orders, () => hooks.ended()),
      intel: new IntelPanel(panel, session),
      news: new NewsPanel(panel, session),
      log: new LogPanel(panel, session),
      sites: this.sites,
    };

    const mapDiv = h('div', { className: 'map', role: 'img', 'aria-label': 'Map of Iraq and its neighbours' });
    fill(
      root,
      this.top.el,
      this.ladder.el,
      h(
        'main',
        { id: 'main', className: 'game' },
        h('div', { className: 'left' }, h('div', { className: 'mapwrap' }, mapDiv), this.dash.el),
        h('section', { className: 'side', 'aria-label': 'Your panels' }, this.tabs.el, panel),
      ),
      this.sites.tooltip,
      overlay,
      this.status,
    );
    this.wall = inertBehindWall(root, overlay, [this.status]);
    this.renderTabs();
    createMap(mapDiv, session.scenario, mapJson as unknown as MapAsset, {
      onHover: (id, at) => this.sites.showTooltip(id, at),
      onSelect: (id) => this.selectSite(id),
    }).then((map) => {
      if (this.gone) {
        map.destroy();
        return;
      }
      this.shownMap = map;
      map.show(this.view());
      // The browser bench measures time to a usable turn screen up to this point.
      requestAnimationFrame(() => {
        (window as unknown as { __twoBoxersMapReady?: number }).__twoBoxersMapReady = performance.now();
      });
    });
    const turnStart = !session.state.history.length || session.sideToAct === session.humanSides[0];
    const opening = openingPhase(this.state, session.sideToAct, turnStart);
    // What the autosave cannot say: the week's results were on show, or a reload dropped a side's sealed orders.
    const note = readNote(session);
    const lastTurn = session.turns.at(-1);
    if (note && 'results' in note && lastTurn && !this.state.classroom) {
      this.update(showResults(startResolving(this.state, lastTurn), session.settings.side));
      this.renderTabs();
      this.render();
    } else if (opening.phase === 'projector') this.projector();
    else if (opening.phase === 'handover')
      this.flow.handover(opening.side, note && 'droppedOrders' in note ? note.droppedOrders : null);
    else this.render();
  }

  destroy(): void {
    this.gone = true;
    this.wall.stop();
    this.classroom.stop();
    this.shownMap?.destroy();
    this.shownMap = null;
  }

  get state(): ScreenState {
    return this.current;
  }

  update(next: ScreenState): void {
    this.current = next;
  }

  get destroyed(): boolean {
    return this.gone;
  }

  /** The map once Phaser has drawn it (null until then, and after destroy). */
  get map(): MapController | null {
    return this.shownMap;
  }

  view(): SeatView {
    return this.session.view(viewSeat(this.state));
  }

  render(): void {
    this.wall.sync(); // the wall may have just come down: what follows may move the focus behind it
    const view = this.view();
    this.top.render(view, this.state);
    this.classroom.renderClock();
    this.ladder.render(view);
    this.dash.render(view, this.state);
    this.content[panelContent(this.state)].render(view, this.state);
    this.map?.show(view);
  }

  renderTop(): void {
    this.top.render(this.view(), this.state);
    this.classroom.renderClock();
  }

  renderDash(): void {
    this.dash.render(this.view(), this.state);
  }

  renderTabs(): void {
    this.tabs.render(this.state);
  }

  renderPanel(): void {
    this.content[panelContent(this.state)].render(this.view(), this.state);
  }

  announce(text: string): void {
    this.status.textContent = text;
  }

  projector(): void {
    this.classroom.projector();
  }

  handover(side: Side): void {
    this.flow.handover(side);
  }

  /** A site clicked on the map: the places tab opens at it. */
  private selectSite(id: string): void {
    this.update(chooseTab(this.state, 'sites'));
    this.renderTabs();
    this.renderPanel();
    this.sites.showTooltip(id, this.map?.screenPosition(id) ?? null);
  }
}
