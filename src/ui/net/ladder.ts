import { rungName, type Scenario, type SeatView } from '../../engine/index.ts';
import { fill, h } from '../dom.ts';

/**
 * The escalation ladder across a networked seat's screen, in the turn screen's classes (game/ladder-strip.ts) but
 * without its incident odds: ladder-strip imports labels.ts, and a lazy chunk importing labels.ts makes the bundler
 * split the engine out of the one-device game's start-up chunk (checked with `vite build`; see result-words.ts).
 */
export function ladderStrip(scenario: Scenario): { el: HTMLElement; render(view: SeatView): void } {
  const el = h('ol', { className: 'ladder', 'aria-label': 'Escalation ladder' });
  return {
    el,
    render(view) {
      const at = view.ladder.rung;
      fill(
        el,
        scenario.ladder.rungs.map((r) => {
          const cls = [
            'rung',
            scenario.ladder.gates.includes(r.level) ? 'gate' : '',
            r.level === at ? 'now' : '',
            r.level < at ? 'past' : '',
            r.level >= scenario.ladder.war ? 'war' : '',
          ];
          return h(
            'li',
            {
              className: cls.filter(Boolean).join(' '),
              title: `${r.level}. ${r.name}: ${r.description}`,
              'aria-current': r.level === at ? 'step' : null,
            },
            h('b', {}, r.level),
            r.name,
          );
        }),
      );
      el.setAttribute(
        'aria-label',
        `Escalation ladder: rung ${at} of ${scenario.ladder.war}, ${rungName(scenario, at)}`,
      );
    },
  };
}
