import { describeOrder, rungName, type SeatView } from '../../engine/index.ts';
import { fill, h } from '../dom.ts';
import type { Session } from '../session.ts';
import { shownFingerprint } from './fingerprint.ts';
import { newsItems } from './news-panel.ts';
import type { Panel } from './panel.ts';
import { narrationSeat, type ScreenState } from './state.ts';

/** Every week played, newest first, with the side's own orders; and the game's fingerprint. */
export class LogPanel implements Panel {
  constructor(
    readonly el: HTMLElement,
    private readonly session: Session,
  ) {}

  render(view: SeatView, state: ScreenState): void {
    const s = this.session.scenario;
    const print = shownFingerprint(this.session);
    fill(
      this.el,
      h('h2', {}, 'Log of past weeks'),
      h(
        'p',
        { className: 'note' },
        print.weekStart ? `Game fingerprint at the start of week ${view.turn}: ` : 'Game fingerprint: ',
        h('code', { id: 'fingerprint' }, print.hash),
        print.weekStart
          ? ' — while one side’s orders are sealed, the fingerprint stays at the week’s start, so that it tells nothing of them.'
          : ' — the same seed and orders give the same fingerprint on any computer.',
      ),
      this.session.turns.length === 0 ? h('p', { className: 'note' }, 'No week has been played yet.') : null,
      [...this.session.turns].reverse().map((t) => {
        const record = view.history.find((r) => r.turn === t.turn);
        const mine = record?.orders[state.seat];
        return h(
          'details',
          {},
          h('summary', {}, `Week ${t.turn}${record ? ` — ladder at ${record.rung}: ${rungName(s, record.rung)}` : ''}`),
          mine
            ? h('p', {}, 'Your orders: ', mine.length === 0 ? 'none' : mine.map((o) => describeOrder(s, o)).join('; '))
            : null,
          h('ul', { className: 'news' }, newsItems(s, t, narrationSeat(state))),
        );
      }),
    );
  }
}
