import { type SeatView, viewEvents } from '../../engine/index.ts';
import { clock, defaultOrderSeconds, renderDesk, TurnTimer } from '../classroom.ts';
import { deskLocked, tryDeskPin } from '../desk-pin.ts';
import { fill, focusHeading, h } from '../dom.ts';
import { readPaused, writePaused } from '../storage.ts';
import { newsItems } from './news-panel.ts';
import { whyBlock } from './why-block.ts';
import type { Panel, ScreenHost } from './panel.ts';
import {
  clockMayRun,
  gameChanged,
  narrationSeat,
  pauseCovers,
  type ScreenState,
  setPaused,
  toProjector,
} from './state.ts';

/** The parts of the screen the classroom's phases touch. */
export interface ClassroomParts {
  /** The tab panel, whose heading the class screen focuses. */
  panel: HTMLElement;
  /** The layer for the pause cover and the facilitator's desk. */
  overlay: HTMLElement;
  /** Gives the focus back to the desk's button when the desk closes. */
  focusDesk(): void;
  /** Saves the game; returns an error message for the player, if any. */
  saved(): string | null;
}

/**
 * A classroom game's own phases on the turn screen: the class screen between the teams' order phases, the clock of
 * each team's orders, the facilitator's pause, and the facilitator's desk behind its warning.
 */
export class ClassroomPhase {
  readonly clock = h('span', { className: 'clock', role: 'timer', 'aria-live': 'off' });
  readonly timer: TurnTimer;
  private cover: HTMLElement | null = null;

  constructor(
    private readonly host: ScreenHost,
    private readonly parts: ClassroomParts,
  ) {
    const settings = host.session.settings;
    const seconds = settings.orderSeconds ?? defaultOrderSeconds(host.session.scenario, settings.preset);
    this.timer = new TurnTimer(seconds, () => this.renderClock());
    if (settings.deskPin && readPaused(settings.deskPin.salt)) host.update(setPaused(host.state, true));
  }

  /** The class screen at the start of a week: public news and the ladder, and the way to each team's orders. */
  projector(): void {
    const host = this.host;
    host.update(toProjector(host.state));
    host.announce(''); // a team's last words to its screen reader must not stay on the class screen
    fill(this.parts.overlay);
    host.renderTabs();
    host.render();
    focusHeading(this.parts.panel);
  }

  renderClock(): void {
    const t = this.timer;
    const state = this.host.state;
    const el = this.clock;
    if (!state.classroom || !t.enabled || state.phase !== 'orders') {
      fill(el);
      return;
    }
    if (t.timeUp) {
      fill(
        el,
        h('b', { className: 'time-up' }, 'Time is up'),
        ' ',
        h('button', { id: 'clock-extend', onclick: () => t.extend(60) }, 'Take another minute'),
      );
      if (el.dataset.warned !== 'yes') this.host.announce('Time is up. You can take another minute.');
      el.dataset.warned = 'yes';
      return;
    }
    el.dataset.warned = '';
    fill(el, `Time left ${clock(t.remaining)}${t.isRunning ? '' : ' (paused)'}`);
  }

  /** The top bar's quick pause: it only pauses; resuming is the desk's (see showPause). */
  pause(): void {
    if (!this.host.state.paused) this.setPaused(true);
  }

  private setPaused(paused: boolean): void {
    this.pauseClock(paused);
    this.host.renderTop();
    this.renderClock();
    this.showPause();
    this.host.announce(paused ? 'The facilitator paused the game.' : 'The game goes on.');
  }

  /** The pause itself, without redrawing: the desk redraws its own controls. */
  private pauseClock(paused: boolean): void {
    const host = this.host;
    host.update(setPaused(host.state, paused));
    const pin = host.session.settings.deskPin;
    if (pin) writePaused(pin.salt, paused);
    if (paused) this.timer.pause();
    else if (clockMayRun(host.state, this.timer.timeUp)) this.timer.resume();
  }

  /**
   * While paused, order entry is covered. Only the desk resumes (behind its PIN when one was set): the cover offers
   * the way to the desk, not a Resume button a team could press.
   */
  showPause(): void {
    if (!pauseCovers(this.host.state)) {
      this.cover?.remove();
      this.cover = null;
      return;
    }
    if (this.cover?.isConnected) return;
    const card = h(
      'div',
      { className: 'card', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'paused-title' },
      h('h2', { id: 'paused-title' }, 'Paused by the facilitator'),
      h('p', {}, 'Order entry is locked and the clock is stopped. The facilitator resumes the game from the desk.'),
      h('button', { id: 'paused-desk', onclick: () => this.openDesk() }, 'Facilitator’s desk'),
    );
    this.cover = h('div', { className: 'overlay paused' }, card);
    this.parts.overlay.append(this.cover);
    focusHeading(card);
  }

  /** The desk shows both sides' secrets: a warning stands between the class screen and it. */
  openDesk(): void {
    this.pinGate(
      'The desk shows everything, both teams’ secrets included. Blank the projector before you go on.',
      { id: 'desk-open', label: 'Open the desk' },
      () => this.showDesk(),
    );
  }

  /**
   * A save file or a share link carries the whole game away, both teams' secrets included (a debrief or the replay
   * viewer opens it as the facilitator): behind the desk's PIN when one was set, as the desk is.
   */
  forFacilitator(label: string, proceed: (pinChecked: boolean) => void): void {
    if (!this.host.session.settings.deskPin) {
      proceed(false);
      return;
    }
    this.pinGate(
      'A save or a link holds the whole game, both teams’ secrets and sealed orders included: only the facilitator may take one.',
      { id: 'pin-proceed', label },
      () => {
        this.closeOverlay();
        proceed(true);
      },
    );
  }

  /** Back from a facilitator's overlay to the class screen as it was: the pause cover, the hand-over, the turn. */
  private closeOverlay(): void {
    const host = this.host;
    fill(this.parts.overlay);
    this.showPause();
    const next = host.session.sideToAct;
    if (host.state.phase === 'handover' && next) host.handover(next);
    else host.render();
  }

  /** A warning, and the desk's PIN when one was set, before `granted`; Cancel goes back to the class screen. */
  private pinGate(warning: string, button: { id: string; label: string }, granted: () => void): void {
    const host = this.host;
    const overlay = this.parts.overlay;
    const back = () => {
      this.closeOverlay();
      this.parts.focusDesk();
    };
    const pin = host.session.settings.deskPin;
    const pinInput = h('input', {
      id: 'desk-pin-entry',
      type: 'password',
      inputmode: 'numeric',
      autocomplete: 'off',
      maxlength: 8,
    });
    const refused = h('p', { role: 'alert', className: 'error-line' });
    const refuse = (text: string) => fill(refused, h('span', { className: 'error' }, text));
    // Wrong PINs lock the desk for a while (desk-pin.ts); the lock runs on the page's clock.
    const open = () => {
      if (!pin) return granted();
      void tryDeskPin(pin, pinInput.value, Date.now()).then((refusal) => {
        if (refusal === null) return granted();
        pinInput.value = '';
        refuse(refusal);
        pinInput.focus();
      });
    };
    const locked = pin ? deskLocked(pin, Date.now()) : null;
    if (locked) refuse(locked);
    pinInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') open();
    });
    const card = h(
      'div',
      { className: 'card', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'desk-warning' },
      h('h2', { id: 'desk-warning' }, 'Facilitator only'),
      h('p', {}, warning),
      pin
        ? [h('label', { for: 'desk-pin-entry' }, 'The desk’s PIN, set when the game began'), pinInput, refused]
        : null,
      h(
        'div',
        { className: 'commit' },
        h('button', { id: button.id, className: 'primary', onclick: open }, button.label),
        h('button', { onclick: back }, 'Cancel'),
      ),
    );
    fill(overlay, h('div', { className: 'overlay' }, card));
    focusHeading(card);
    if (pin) pinInput.focus();
  }

  private showDesk(): void {
    const host = this.host;
    const desk = renderDesk(host.session, this.timer, {
      close: () => {
        this.closeOverlay();
        this.parts.focusDesk();
      },
      changed: (events) => {
        host.update(gameChanged(host.state, host.session.turns.at(-1) ?? null));
        const saveError = this.parts.saved();
        if (saveError) host.announce(saveError);
        host.announce(`${events.length} new events.`);
      },
      paused: () => host.state.paused,
      setPaused: (p) => this.pauseClock(p),
    });
    fill(
      this.parts.overlay,
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
  }

  stop(): void {
    this.timer.stop();
  }
}

/** The class screen's panel: only what both teams may see, and the button that calls the next team. */
export class ProjectorPanel implements Panel {
  constructor(
    readonly el: HTMLElement,
    private readonly host: ScreenHost,
  ) {}

  render(_view: SeatView, state: ScreenState): void {
    const session = this.host.session;
    const s = session.scenario;
    const next = session.sideToAct;
    const last = session.turns.at(-1);
    const released = viewEvents(session.released, 'public');
    const seat = narrationSeat(state);
    fill(
      this.el,
      h('h2', { className: 'class-screen' }, `Week ${session.state.turn}: the class screen`),
      h('p', { className: 'note' }, 'Only what both teams may see is on this screen.'),
      released.length > 0
        ? h(
            'section',
            { 'aria-label': 'News this week' },
            h('h3', {}, 'Breaking news'),
            h('ul', { className: 'news' }, newsItems(s, { events: released }, seat)),
          )
        : null,
      last
        ? h(
            'section',
            { 'aria-label': 'Last week' },
            h('h3', {}, `What happened in week ${last.turn}`),
            whyBlock(s, last, seat),
            h('ul', { className: 'news' }, newsItems(s, last, seat)),
          )
        : h('p', {}, 'The first week is about to begin. Each team reads its briefing and gives its orders in turn.'),
      h(
        'div',
        { className: 'commit' },
        next
          ? h(
              'button',
              { id: 'team-orders', className: 'primary', onclick: () => this.host.handover(next) },
              `${s.sides[next].name} team: give your orders`,
            )
          : null,
      ),
    );
  }
}
