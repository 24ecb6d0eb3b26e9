import { aNumber, atBrink, rungName, type SeatView, specOf } from '../../engine/index.ts';
import { fill, h } from '../dom.ts';
import { brinkStakes, hasBrink } from '../brink-words.ts';
import { incidentOdds, incidentWords } from '../incident-words.ts';
import type { Session } from '../session.ts';
import type { Panel } from './panel.ts';

/**
 * The escalation ladder across the screen: every rung, the one the crisis is on, the rungs past the US's aim and
 * those of the brink, and under it what the brink puts at stake this week, the odds of an incident and what lowers
 * them. The one-device game's and every networked seat's,
 * from the seat's view alone (so it imports no labels.ts: see incident-words.ts).
 */
export class LadderStrip implements Panel {
  private readonly rungs = h('ol', { className: 'ladder', 'aria-label': 'Escalation ladder' });
  private readonly odds = h('p', { className: 'ladder-odds', id: 'ladder-odds' });
  readonly el = h('div', { className: 'ladder-wrap' }, this.rungs, this.odds);

  constructor(private readonly session: Pick<Session, 'scenario'>) {}

  render(view: SeatView): void {
    const s = this.session.scenario;
    const aim = s.victory.us.maxRung;
    const brinkRung = (level: number) => hasBrink(s) && atBrink(s, level);
    fill(
      this.rungs,
      s.ladder.rungs.map((r) => {
        const now = r.level === view.ladder.rung;
        const cls = [
          'rung',
          s.ladder.gates.includes(r.level) ? 'gate' : '',
          now ? 'now' : '',
          r.level < view.ladder.rung ? 'past' : '',
          r.level >= s.ladder.war ? 'war' : '',
          r.level === aim + 1 ? 'past-aim' : '',
          brinkRung(r.level) ? 'brink' : '',
        ]
          .filter(Boolean)
          .join(' ');
        const incident = incidentOdds(s, r.level);
        const risk = incident === null ? '' : ` Incidents nobody ordered: ${incidentWords(s, incident)}`;
        const beyond = r.level > aim ? ` The US wins only with the ladder at ${aim} or lower at the end.` : '';
        const brink =
          hasBrink(s) && r.level === s.ladder.brink.fromRung ? ` The brink begins here: ${brinkStakes(s)}.` : '';
        return h(
          'li',
          {
            className: cls,
            title: `${r.level}. ${r.name}: ${r.description}${risk}${beyond}${brink}`,
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
    const rung = view.ladder.rung;
    const risk = incidentOdds(s, rung);
    this.rungs.setAttribute(
      'aria-label',
      `Escalation ladder: rung ${rung} of ${s.ladder.war}, ${rungName(s, rung)}${risk === null ? '' : `; ${aNumber(risk)} chance a week of an incident nobody ordered climbing it a rung`}`,
    );
    fill(
      this.odds,
      h('span', { className: 'aim' }, `US aim: rung ${aim} or lower at the end.`),
      ' ',
      ...(brinkRung(rung)
        ? [h('span', { className: 'brink-now' }, `At the brink this week: ${brinkStakes(s)}.`), ' ']
        : []),
      this.incidents(view),
    );
  }

  /** This week's odds of an incident nobody ordered, and the orders open to the seat that would lower them. */
  private incidents(view: SeatView): string {
    const s = this.session.scenario;
    const i = s.ladder.incidents;
    const odds = incidentOdds(s, view.ladder.rung);
    if (odds === null)
      return view.ladder.rung >= s.ladder.war
        ? ''
        : `No incidents nobody ordered below rung ${i.fromRung}: only orders move the ladder.`;
    const calm = [
      ...new Set(view.legalOrders.filter((o) => specOf(s, o.type).severity === 'de-escalation').map((o) => o.type)),
    ].map((t) => specOf(s, t).name);
    const more =
      i.perHotOrder > 0 ? `each violent or posturing order of either side +${i.perHotOrder / 10} points` : '';
    const less = i.perCalmOrder > 0 ? `each de-escalating order −${i.perCalmOrder / 10}` : '';
    const moves = [more, less].filter(Boolean).join(', ');
    const yours = calm.length > 0 && less ? ` Lowering it, yours this week: ${calm.join(', ')}.` : '';
    return `An incident nobody ordered climbs a rung: ${odds} a week before orders${moves ? ` (${moves})` : ''}.${yours}`;
  }
}
