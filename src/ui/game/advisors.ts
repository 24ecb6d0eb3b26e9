import type { Advice } from '../../ai/advice.ts';
import { DOCTRINES } from '../../ai/doctrine.ts';
import { describeOrder, isSide, type Scenario, type SeatView } from '../../engine/index.ts';
import { fill, h } from '../dom.ts';

type AdviceModule = typeof import('../../ai/advice.ts');

let loaded: AdviceModule | null = null;
let loading: Promise<AdviceModule> | null = null;

/**
 * Loads the advisors' code: the doctrines that advise decide with the computer players' code, which the page's
 * start-up code leaves out. The app starts this while the title screen shows, so the orders panel finds it ready.
 */
export function loadAdvisors(): Promise<AdviceModule> {
  loading ??= import('../../ai/advice.ts').then((m) => {
    loaded = m;
    return m;
  });
  return loading;
}

/**
 * What two or three doctrines would do in the side's place, and why, as Balance of Power's advisors did: a closed
 * box whose summary counts them. Should the code still be loading, the box is filled when it arrives.
 */
export function advisorsBox(scenario: Scenario, view: SeatView, seed: string): HTMLElement {
  const box = h('details', {});
  const show = (advice: readonly Advice[]) =>
    fill(
      box,
      h('summary', {}, `Advisors (${advice.length})`),
      advice.map((a) =>
        h(
          'div',
          { className: 'advisor' },
          h('b', { title: a.description }, `${a.label}: `),
          a.decision.orders.length === 0
            ? 'do nothing this week.'
            : a.decision.orders.map((o, i) =>
                h('div', {}, `${describeOrder(scenario, o)} — ${a.decision.reasons[i] ?? ''}`),
              ),
        ),
      ),
    );
  if (loaded) {
    show(loaded.adviceFor(scenario, view, seed));
    return box;
  }
  // The same summary adviceFor's list will have, so nothing moves when it arrives.
  const count = isSide(view.seat) && !view.outcome ? DOCTRINES.advisors[view.seat].length : 0;
  fill(box, h('summary', {}, `Advisors (${count})`));
  loadAdvisors().then(
    (m) => show(m.adviceFor(scenario, view, seed)),
    () => box.append(h('p', { className: 'note' }, 'The advisors could not be loaded: reload the page to ask them.')),
  );
  return box;
}
