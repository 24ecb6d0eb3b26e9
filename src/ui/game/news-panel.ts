import { narrate, type Scenario, type Seat, type SeatView, viewEvents } from '../../engine/index.ts';
import { fill, h } from '../dom.ts';
import type { Session, TurnEvents } from '../session.ts';
import type { Panel } from './panel.ts';
import { narrationSeat, type ScreenState } from './state.ts';

/** A week's events as news lines, told to a seat: only what it may see, in the engine's own words. */
export function newsItems(scenario: Scenario, turn: Pick<TurnEvents, 'events'>, seat: Seat): HTMLElement[] {
  return viewEvents(turn.events, seat)
    .map((e) => narrate(scenario, e, seat))
    .filter((t): t is string => t !== null)
    .map((t) => h('li', {}, t));
}

/** The news of the last week played. */
export class NewsPanel implements Panel {
  constructor(
    readonly el: HTMLElement,
    private readonly session: Session,
  ) {}

  render(_view: SeatView, state: ScreenState): void {
    const last = this.session.turns[this.session.turns.length - 1];
    fill(
      this.el,
      h('h2', {}, last ? `News: week ${last.turn}` : 'News'),
      last
        ? h('ul', { className: 'news' }, newsItems(this.session.scenario, last, narrationSeat(state)))
        : h('p', { className: 'note' }, 'Nothing has happened yet: the first week is about to begin.'),
    );
  }
}
