import { rungName, type SeatView } from '../../engine/index.ts';
import { fill, h } from '../dom.ts';
import { incidentOdds, incidentWords } from '../labels.ts';
import type { Session } from '../session.ts';
import type { Panel } from './panel.ts';

/** The escalation ladder across the screen: every rung, the one the crisis is on, and the odds of incidents. */
export class LadderStrip implements Panel {
  readonly el = h('ol', { className: 'ladder', 'aria-label': 'Escalation ladder' });

  constructor(private readonly session: Session) {}

  render(view: SeatView): void {
    const s = this.session.scenario;
    fill(
      this.el,
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
        const risk = incident === null ? '' : ` Incidents nobody ordered: ${incidentWords(s, incident)}`;
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
    this.el.setAttribute(
      'aria-label',
      `Escalation ladder: rung ${view.ladder.rung} of ${s.ladder.war}, ${rungName(s, view.ladder.rung)}${risk === null ? '' : `; a ${risk} chance a week of an incident nobody ordered climbing it a rung`}`,
    );
  }
}
