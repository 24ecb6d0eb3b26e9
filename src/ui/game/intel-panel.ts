import { frontName, groupName, type Scenario, type SeatView, siteName } from '../../engine/index.ts';
import { fill, h } from '../dom.ts';
import { redLineStakes, redLineState } from '../red-line-words.ts';
import type { Session } from '../session.ts';
import type { Panel } from './panel.ts';
import { type ScreenState, sharedScreen } from './state.ts';
import { incomeWords, plural } from '../words.ts';

/**
 * What the side knows: the attacks (for the US its assessment of who fired, for Iran the truth), the US red lines,
 * the groups, the fronts and Baghdad. Hidden on a shared screen, but for the red lines: they are public.
 */
export class IntelPanel implements Panel {
  constructor(
    readonly el: HTMLElement,
    private readonly session: Session,
  ) {}

  render(view: SeatView, state: ScreenState): void {
    if (sharedScreen(state)) {
      fill(
        this.el,
        h('h2', {}, 'Intelligence'),
        h(
          'p',
          { className: 'note' },
          'Hidden on the shared screen: each player sees their own intelligence when they give orders.',
        ),
        redLines(this.session.scenario, view),
      );
      return;
    }
    const s = this.session.scenario;
    const us = state.seat === 'us';
    const attacks = [...view.attacks].reverse();
    fill(
      this.el,
      h('h2', {}, us ? 'Intelligence' : 'The axis'),
      h('h3', {}, 'Attacks'),
      attacks.length === 0
        ? h('p', { className: 'note' }, 'No attacks yet in this game.')
        : h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, 'Wk'),
                h('th', {}, 'Target'),
                h('th', {}, 'Claim'),
                h('th', {}, us ? 'Our assessment' : 'Who fired'),
                h('th', { className: 'num' }, 'US killed'),
              ),
            ),
            h(
              'tbody',
              {},
              attacks.map((a) =>
                h(
                  'tr',
                  {},
                  h('td', {}, a.turn),
                  h('td', {}, siteName(s, a.target)),
                  h('td', {}, a.claim === 'open' ? 'openly' : a.claim === 'unclaimed' ? 'none' : frontName(s, a.claim)),
                  h(
                    'td',
                    {},
                    us
                      ? a.suspect
                        ? `${groupName(s, a.suspect)}: ${a.word} (${((a.confidence ?? 0) / 10).toFixed(0)}%)`
                        : a.kind === 'missile-strike'
                          ? 'Iran (state act)'
                          : 'unknown'
                      : a.group
                        ? `${groupName(s, a.group)}${a.autonomous ? ' (acted alone)' : ''}`
                        : 'IRGC',
                  ),
                  h('td', { className: 'num' }, a.casualties.usKilled),
                ),
              ),
            ),
          ),
      redLines(s, view),
      h('h3', {}, 'Groups'),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'Group'),
            h('th', { className: 'num' }, us ? 'Strength (est.)' : 'Strength'),
            h('th', { className: 'num' }, us ? 'Arsenal (est.)' : 'Arsenal'),
            us ? null : h('th', { className: 'num' }, 'Aggression'),
            h('th', {}, 'Leader'),
          ),
        ),
        h(
          'tbody',
          {},
          view.iran.groups.map((g) =>
            h(
              'tr',
              {},
              h('td', {}, groupName(s, g.id)),
              h('td', { className: 'num' }, g.strength),
              h('td', { className: 'num' }, g.arsenal),
              us ? null : h('td', { className: 'num' }, g.aggression ?? ''),
              h('td', {}, g.leaderAlive ? 'alive' : 'killed'),
            ),
          ),
        ),
      ),
      h('h3', {}, 'Front groups'),
      view.iran.fronts.length === 0
        ? h('p', { className: 'note' }, us ? 'No front group has claimed an attack yet.' : 'No fronts.')
        : h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, 'Front'),
                h('th', { className: 'num' }, 'Claims'),
                h('th', { className: 'num' }, 'Deniability'),
                h('th', {}, 'Behind it'),
              ),
            ),
            h(
              'tbody',
              {},
              view.iran.fronts.map((f) =>
                h(
                  'tr',
                  {},
                  h('td', {}, f.name, f.retired ? ' (retired)' : ''),
                  h('td', { className: 'num' }, f.claims),
                  h('td', { className: 'num' }, f.deniability),
                  h('td', {}, f.sponsor ? groupName(s, f.sponsor) : 'not known'),
                ),
              ),
            ),
          ),
      h('h3', {}, 'Baghdad'),
      h('p', {}, baghdadWords(view)),
      us
        ? null
        : h(
            'p',
            {},
            `Missile capability ${view.iran.missileCapability}, PMU cohesion ${view.iran.pmuCohesion}, proxy capability ${view.iran.proxyCapability}, income ${view.iran.weeklyIncome ? incomeWords(view.iran.weeklyIncome) : view.iran.income}.`,
          ),
      us ? h('p', {}, `ISR level ${view.us.isr} of 5. Troops in Iraq: ${view.us.troops.toLocaleString('en')}.`) : null,
    );
  }
}

/**
 * The US red lines, public to every seat: each line's state in the engine's words, and what crossing one costs. A
 * US player must know one stands before it is crossed: the scenario may start with one.
 */
function redLines(s: Scenario, view: SeatView): HTMLElement {
  const lines = view.us.redLines;
  return h(
    'section',
    { className: 'red-lines', 'aria-labelledby': 'red-lines-h' },
    h('h3', { id: 'red-lines-h' }, 'US red lines'),
    lines.length === 0
      ? h('p', { className: 'note' }, 'The US has declared none.')
      : h(
          'ul',
          {},
          lines.map((r) => {
            const { status, words } = redLineState(r, view.turn);
            return h('li', { className: `red-line ${status}` }, h('b', {}, status), `: ${words}.`);
          }),
        ),
    lines.length === 0
      ? null
      : h(
          'p',
          { className: 'note' },
          redLineStakes(s, 'a standing line'),
          // turn/red-lines.ts asks an answer for every attack on Americans too: the Rules page has its numbers.
          s.redLines.unansweredAttack !== 0 || s.redLines.unansweredDeath !== 0
            ? ' Attacks on Americans left unanswered cost credibility too, red line or not, when they kill or are pinned on a group (see the Rules).'
            : '',
        ),
  );
}

/** Baghdad's state as the Intelligence tab reads it: the government, the waiver, the votes and the partners. */
export function baghdadWords(view: SeatView): string {
  const b = view.baghdad;
  const government =
    b.stage === 'designate'
      ? `${b.designate} is PM-designate (${plural(b.designateTurns, 'week')} left to form a government)`
      : b.stage === 'confirmed'
        ? `${b.designate}'s government is confirmed`
        : 'caretaker';
  const waiver = b.waiverTurns > 0 ? `${plural(b.waiverTurns, 'week')} left` : 'lapsed';
  return `Government: ${government}. Electricity waiver: ${waiver}. Eviction votes passed: ${b.votesPassed}. Coalition partners still in Iraq: ${view.partners}.`;
}
