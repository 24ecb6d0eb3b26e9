import type { SeatView, Side } from '../../engine/index.ts';
import type { MapController } from '../map/index.ts';
import type { Session } from '../session.ts';
import type { ScreenState } from './state.ts';

/**
 * One part of the turn screen. It builds and keeps its own elements (no lookups by id in the document) and redraws
 * them from the seat's view and the screen state. The strips own their element; the tab panels draw in the one tab
 * panel element while their tab (or phase) is the one shown.
 */
export interface Panel {
  readonly el: HTMLElement;
  render(view: SeatView, state: ScreenState): void;
}

/**
 * What the turn flow, the classroom phases and the panels' actions may ask of the screen they are part of
 * (game/screen.ts). The screen keeps the one current state; a change goes through `update`, then a redraw.
 */
export interface ScreenHost {
  readonly session: Session;
  readonly state: ScreenState;
  update(next: ScreenState): void;
  /** What the screen may show now: the acting side's view, or on a shared screen only what both sides may see. */
  view(): SeatView;
  readonly destroyed: boolean;
  readonly map: MapController | null;
  /** Redraws the strips, the tab panel and the map. */
  render(): void;
  renderTabs(): void;
  renderPanel(): void;
  renderDash(): void;
  renderTop(): void;
  /** Tells screen readers (the polite live region). */
  announce(text: string): void;
  /** The phases that cover or replace the panels: the class screen, the hand-over screen. */
  projector(): void;
  handover(side: Side): void;
}
