import { ROSTER } from '../../ai/roster.ts';
import { longDate, type SeatView } from '../../engine/index.ts';
import { fill, h } from '../dom.ts';
import { opponentLabel } from '../opponent-choice.ts';
import type { Session } from '../session.ts';
import type { Panel } from './panel.ts';
import { type ScreenState, sharedScreen } from './state.ts';

export interface TopBarActions {
  /** Pauses a classroom game; only the facilitator's desk resumes it. */
  pause(): void;
  openDesk(): void;
  rules(): void;
  exportSave(): void;
  share(): void;
  menu(): void;
}

/** The bar across the top: the week, whose screen it is, and the game's buttons (the classroom's among them). */
export class TopBar implements Panel {
  readonly el = h('header', { className: 'topbar' });
  private deskButton: HTMLButtonElement | null = null;
  private shareButton: HTMLButtonElement | null = null;

  /** `clock`: the classroom clock's element, kept across redraws (game/classroom-phase.ts draws in it). */
  constructor(
    private readonly session: Session,
    private readonly clock: HTMLElement,
    private readonly actions: TopBarActions,
  ) {}

  render(view: SeatView, state: ScreenState): void {
    const s = this.session.scenario;
    const classroom = state.classroom;
    this.deskButton = classroom
      ? h('button', { id: 'desk-button', onclick: () => this.actions.openDesk() }, "Facilitator's desk")
      : null;
    this.shareButton = h('button', { id: 'share-button', onclick: () => this.actions.share() }, 'Share link');
    const { side, opponent } = this.session.settings;
    const against = opponentLabel(ROSTER, side, opponent);
    // While a week's events play, no side is to play: the bar says the week resolves (sharedScreen covers it then).
    const resolving = state.phase === 'resolving' && state.lastTurn ? `: week ${state.lastTurn.turn} resolves` : '';
    fill(
      this.el,
      h('span', { className: 'brand' }, 'TWO BOXERS'),
      h('span', { className: 'when' }, `Week ${view.turn} of ${view.lastTurn} · ${longDate(view.date)}`),
      sharedScreen(state)
        ? h(
            'span',
            { id: 'whose-screen' },
            classroom ? `Class screen${resolving || ': what both teams may see'}` : `Shared screen${resolving}`,
          )
        : h(
            'span',
            { id: 'whose-screen', className: `side-${state.seat}` },
            this.session.hotseat
              ? `${s.sides[state.seat].name} to play`
              : `You: ${s.sides[state.seat].name}${against ? ` · against ${against}` : ''}${resolving}`,
          ),
      classroom ? this.clock : null,
      h('span', { className: 'spacer' }),
      classroom && !state.paused
        ? h('button', { id: 'pause-quick', onclick: () => this.actions.pause() }, 'Pause')
        : null,
      classroom && state.paused ? h('strong', { className: 'paused-note' }, 'Paused') : null,
      this.deskButton,
      h('button', { onclick: () => this.actions.rules(), 'aria-label': 'Rules (opens the rules page)' }, 'Rules'),
      h('button', { onclick: () => this.actions.exportSave() }, 'Export save'),
      this.shareButton,
      h('button', { onclick: () => this.actions.menu() }, 'Menu'),
    );
  }

  /** Focus goes back to the button that opened a dialog when it closes. */
  focusDesk(): void {
    if (this.deskButton?.isConnected) this.deskButton.focus();
  }

  focusShare(): void {
    if (this.shareButton?.isConnected) this.shareButton.focus();
  }
}
