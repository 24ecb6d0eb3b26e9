import { decideInWorker } from '../../ai/worker-client.ts';
import { narrate, type SeatView, type Side, viewEvents } from '../../engine/index.ts';
import { fill, focusHeading, h } from '../dom.ts';
import { victoryConditions } from '../victory.ts';
import type { TurnEvents } from '../session.ts';
import type { ClassroomPhase } from './classroom-phase.ts';
import { newsItems } from './news-panel.ts';
import { whyBlock } from './why-block.ts';
import type { OrdersPanel } from './orders-panel.ts';
import type { Panel, ScreenHost } from './panel.ts';
import { clearNote, noteResults, noteSealed } from './reload-memo.ts';
import type { SitesPanel } from './sites-panel.ts';
import {
  answered,
  leaveResults,
  narrationSeat,
  type ScreenState,
  seal,
  sharedDevice,
  showResults,
  skipAnimation,
  startResolving,
  takeSeat,
  toHandover,
} from './state.ts';

export interface TurnFlowHooks {
  /** Saves the game; returns an error message for the player, if any. */
  saved(): string | null;
  ended(): void;
}

/** The parts of the screen the week's flow touches. */
export interface TurnFlowParts {
  /** The tab panel, where the week's events play as news. */
  panel: HTMLElement;
  /** The layer for the hand-over screen. */
  overlay: HTMLElement;
  orders: OrdersPanel;
  sites: SitesPanel;
  classroom: ClassroomPhase;
}

/**
 * A week from the player's side: sealing the orders, the computer deciding, the events played on the map in step
 * with the news, the results, and on a shared device the hand-over screen between the sides.
 */
export class TurnFlow {
  constructor(
    private readonly host: ScreenHost,
    private readonly parts: TurnFlowParts,
    private readonly hooks: TurnFlowHooks,
  ) {}

  async commit(): Promise<void> {
    const host = this.host;
    if (host.state.thinking) return;
    const side = host.state.seat;
    const draft = host.state.draft;
    const button = this.parts.orders.shownCommitButton();
    host.update(seal(host.state, host.view()));
    const thinking = host.state.thinking;
    if (thinking) {
      if (button) {
        button.disabled = true;
        button.textContent = 'The computer is deciding…';
      }
      host.announce('Orders sealed. The computer is deciding.');
    }
    this.parts.classroom.timer.stop();
    const result = await host.session.commit(side, [...draft], decideInWorker);
    host.update(answered(host.state, result.ok));
    if (host.destroyed) return;
    // It has decided: the words would otherwise stay in the page under the week's results, to the game's end.
    if (thinking) host.announce('');
    if (!result.ok) {
      const message = result.errors.map((e) => e.message).join('; ');
      host.announce(message);
      host.renderPanel();
      this.parts.orders.showError(message);
      return;
    }
    const saveError = this.hooks.saved();
    if (saveError) host.announce(saveError);
    if (result.value === null) {
      noteSealed(host.session);
      const next = host.session.sideToAct;
      if (next) host.handover(next);
      return;
    }
    void this.resolve(result.value);
  }

  /** Plays the turn's events on the map in step with the news feed, then shows the results. */
  private async resolve(turn: TurnEvents): Promise<void> {
    const host = this.host;
    host.update(startResolving(host.state, turn));
    clearNote();
    if (sharedDevice(host.state)) host.announce(''); // what the last player was told is not for everyone watching
    host.renderTop(); // no longer the last side's turn to play: the week resolves
    host.renderTabs();
    host.renderDash();
    const s = host.session.scenario;
    const seat = narrationSeat(host.state);
    const events = viewEvents(turn.events, seat);
    const list = h('ul', { className: 'news', 'aria-live': 'polite' });
    const skipButton = h('button', { onclick: () => host.update(skipAnimation(host.state)) }, 'Skip the animation');
    fill(this.parts.panel, h('h2', {}, `Week ${turn.turn}: what happened`), skipButton, list);
    skipButton.focus();
    for (const e of events) {
      if (host.destroyed) return;
      const text = narrate(s, e, seat);
      if (text) list.append(h('li', {}, text));
      list.lastElementChild?.scrollIntoView({ block: 'nearest' });
      if (host.map) await host.map.play([e], host.state.skip || reducedMotion() ? 0 : 1);
    }
    host.update(showResults(host.state, host.session.settings.side));
    noteResults(host.session);
    host.render();
  }

  /**
   * Hotseat: a screen that hides everything until the next player is at the device. `dropped`: the side whose sealed
   * orders a reload did not keep (game/reload-memo.ts), which the players are told here, once.
   */
  handover(side: Side, dropped: Side | null = null): void {
    const host = this.host;
    const s = host.session.scenario;
    host.update(toHandover(host.state, side));
    const classroom = host.state.classroom;
    host.announce('');
    this.parts.sites.hideTooltip();
    // The side that just played leaves nothing behind the wall: its orders go from the page, not only from view.
    fill(this.parts.panel);
    const first = host.session.state.turn === 1;
    const card = h(
      'div',
      { className: 'card', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'handover-title' },
      h(
        'h2',
        { id: 'handover-title', className: `side-${side}` },
        classroom ? `The ${s.sides[side].name} team's orders` : `Pass the device to the ${s.sides[side].name} player`,
      ),
      h(
        'p',
        {},
        classroom
          ? 'Blank the projector or turn the screen to the team: what follows is for its eyes only.'
          : 'The other player should look away now: what follows is for your eyes only.',
      ),
      dropped
        ? h(
            'p',
            { id: 'handover-dropped', className: 'notice' },
            `The ${s.sides[dropped].name} player’s orders for week ${host.session.state.turn}, sealed before the page was reloaded, were not kept: this browser keeps no side’s sealed orders while the other side still chooses. The ${s.sides[dropped].short} player gives them again.`,
          )
        : null,
      first
        ? h(
            'details',
            {},
            h('summary', {}, 'Your briefing'),
            h('p', { className: 'briefing' }, s.briefing[side]),
            h('p', { className: 'win-rule' }, h('strong', {}, 'Exactly: '), victoryConditions(s)[side]),
          )
        : null,
      h(
        'button',
        {
          id: 'ready',
          className: 'primary',
          onclick: () => {
            fill(this.parts.overlay);
            host.update(takeSeat(host.state));
            host.renderTabs();
            host.render();
            if (classroom) this.parts.classroom.timer.restart();
            this.parts.classroom.showPause();
            this.parts.orders.focusOrderType();
          },
        },
        classroom
          ? `We are the ${s.sides[side].short} team: show our orders`
          : `I am the ${s.sides[side].short} player: show my orders`,
      ),
      classroom
        ? h('button', { id: 'to-class-screen', onclick: () => host.projector() }, 'Back to the class screen')
        : null,
    );
    fill(this.parts.overlay, h('div', { className: 'overlay handover-wall' }, card));
    focusHeading(card);
  }
}

/** The week's results on the orders tab, and the way on: to the next week, or to how the game ended. */
export class ResultsPanel implements Panel {
  constructor(
    readonly el: HTMLElement,
    private readonly host: ScreenHost,
    private readonly orders: OrdersPanel,
    private readonly ended: () => void,
  ) {}

  render(_view: SeatView, state: ScreenState): void {
    const host = this.host;
    const turn = state.lastTurn;
    const over = host.session.over;
    const button = h(
      'button',
      {
        id: 'continue',
        className: 'primary',
        onclick: () => {
          clearNote();
          if (over) {
            this.ended();
            return;
          }
          const next = leaveResults(host.state, host.session.sideToAct);
          host.update(next);
          if (next.phase === 'projector') host.projector();
          else if (next.phase === 'handover') host.handover(next.seat);
          else host.render();
          this.orders.focusOrderType();
        },
      },
      over ? 'See how it ended' : `Continue to week ${host.session.state.turn}`,
    );
    fill(
      this.el,
      h('h2', {}, turn ? `Week ${turn.turn}: what happened` : 'Results'),
      turn ? whyBlock(host.session.scenario, turn, narrationSeat(state)) : null,
      turn ? h('h3', {}, 'The news') : null,
      turn ? h('ul', { className: 'news' }, newsItems(host.session.scenario, turn, narrationSeat(state))) : null,
      h('div', { className: 'commit sticky' }, button),
    );
    // The week's story reads from the top (what changed and why); the way on stays in view, held at the bottom.
    button.focus({ preventScroll: true });
    this.el.scrollTop = 0;
  }
}

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
