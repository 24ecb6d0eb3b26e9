import type { SeatView } from '../../engine/index.ts';
import { fill, h } from '../dom.ts';
import type { Session } from '../session.ts';
import type { Panel } from './panel.ts';
import { type ScreenState, sharedScreen } from './state.ts';

/** The meters under the map, each with its change since the orders were sealed (▲ and ▼ in the stylesheet). */
export class Dashboard implements Panel {
  readonly el = h('section', { className: 'dash', 'aria-label': 'Situation' });

  constructor(private readonly session: Session) {}

  render(view: SeatView, state: ScreenState): void {
    const prev = state.previous;
    const shared = sharedScreen(state);
    const meter = (label: string, value: number, was: number | undefined, max = 100, hint = '') =>
      h(
        'div',
        { className: 'meter', title: hint },
        label,
        h('b', { className: was === undefined || was === value ? '' : value > was ? 'delta-up' : 'delta-down' }, value),
        max > 0
          ? h(
              'div',
              { className: 'bar', 'aria-hidden': 'true' },
              h('i', { style: `width:${Math.min(100, (value / max) * 100)}%` }),
            )
          : null,
      );
    const b = view.baghdad;
    const s = this.session.scenario;
    const own =
      state.seat === 'us'
        ? meter(
            'Political capital',
            view.us.politicalCapital ?? 0,
            prev?.us.politicalCapital,
            100,
            'What your orders cost',
          )
        : meter("Iran's resources", view.iran.resources ?? 0, prev?.iran.resources, 100, 'What your orders cost');
    fill(
      this.el,
      shared ? null : own,
      meter(
        "Baghdad's consent",
        b.consent,
        prev?.baghdad.consent,
        100,
        `The US wins only with ${s.victory.us.minConsent}+; a passed vote expels it if it leaves ${s.baghdad.expulsionConsent} or less (a passed vote costs ${-s.baghdad.voteConsentDrop})`,
      ),
      meter(
        'Eviction pressure',
        b.evictionPressure,
        prev?.baghdad.evictionPressure,
        100,
        `Parliament votes at ${s.baghdad.voteAt}`,
      ),
      meter(
        'US resolve',
        view.us.resolve,
        prev?.us.resolve,
        100,
        `At ${s.victory.iran.resolveBreak} or less the US leaves`,
      ),
      meter(
        'US credibility',
        view.us.credibility,
        prev?.us.credibility,
        100,
        'Falls when a red line is crossed without answer',
      ),
      meter('ISIS', view.isis, prev?.isis, 100, `The US must hold it at ${s.victory.us.maxIsis} or less`),
      meter(
        'Pandemic',
        view.pandemic,
        prev?.pandemic,
        5,
        view.curfew ? 'Curfews: launch teams are easier to spot' : '',
      ),
      meter('Americans killed', view.casualties.usKilled, prev?.casualties.usKilled, 0),
      state.seat === 'iran' && !shared
        ? meter(
            'Best deniability',
            view.iran.bestDeniability ?? 0,
            prev?.iran.bestDeniability,
            100,
            `Iran needs a front at ${s.victory.iran.minDeniability}+`,
          )
        : meter(
            'Bases held',
            view.us.bases.filter((x) => !x.handedOver).length,
            prev?.us.bases.filter((x) => !x.handedOver).length,
            0,
            `At ${s.victory.iran.tokenBases} or fewer the presence is a token`,
          ),
    );
  }
}
