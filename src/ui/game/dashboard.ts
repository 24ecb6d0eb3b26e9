import {
  causePhrase,
  figureName,
  figureValue,
  type Scenario,
  type SeatView,
  signedNumber,
} from '../../engine/index.ts';
import { fill, h, onPointerArrive } from '../dom.ts';
import type { TurnEvents } from '../session.ts';
import type { Panel } from './panel.ts';
import { lastChangeHeading, type Meter, meters } from './stakes.ts';
import { type ScreenState, viewSeat } from './state.ts';

/**
 * The meters under the map: each with the lines the victory conditions draw across its bar, its change since the
 * orders were sealed in words, and, focused, hovered or pressed, why it last moved (the engine's ledger, as the
 * seat looking may see it). Each meter is a button, so the keyboard and a finger reach the causes as a pointer does.
 */
export class Dashboard implements Panel {
  readonly el = h('section', { className: 'dash', 'aria-label': 'Situation' });
  private readonly why = h('div', { id: 'meter-why', className: 'meter-why', role: 'status', hidden: true });
  private shown: Meter[] = [];
  private pinned: string | null = null;

  /** `turns`: the weeks played with their ledgers; null on a networked seat, whose game and ledger are the server's. */
  constructor(
    private readonly scenario: Scenario,
    private readonly turns: (() => readonly TurnEvents[]) | null,
  ) {
    this.why.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.hide();
    });
  }

  render(view: SeatView, state: ScreenState): void {
    const seat = viewSeat(state);
    this.shown = meters(this.scenario, view, state.previous, seat, this.turns?.() ?? []);
    this.pinned = null;
    this.why.hidden = true;
    this.el.style.setProperty('--cols', String(Math.ceil(this.shown.length / 2)));
    fill(
      this.el,
      this.shown.map((m) => this.meter(m)),
      this.why,
    );
  }

  private meter(m: Meter): HTMLElement {
    const button = h(
      'button',
      {
        className: 'meter',
        'data-meter': m.id,
        'aria-expanded': 'false',
        'aria-controls': 'meter-why',
        onfocus: () => this.show(m, button),
        onmouseleave: () => {
          if (this.pinned !== m.id) this.hide();
        },
        onblur: () => this.hide(), // focus left the meter (a tap elsewhere, Tab): its causes go with it
        onclick: () => {
          this.pinned = this.pinned === m.id ? null : m.id;
          if (this.pinned) this.show(m, button);
          else this.hide();
        },
        onkeydown: (e: Event) => {
          if ((e as KeyboardEvent).key === 'Escape') this.hide();
        },
      },
      h('span', { className: 'label' }, m.label),
      h('b', {}, m.value),
      m.change
        ? h('span', { className: `change ${m.change.tone}` }, m.change.words)
        : h('span', { className: 'change' }, ''),
      m.max > 0
        ? h(
            'span',
            { className: 'bar', 'aria-hidden': 'true' },
            h('i', { style: `width:${Math.min(100, (m.value / m.max) * 100)}%` }),
            m.marks.map((mark) =>
              h('s', { className: 'mark', style: `left:${Math.min(100, (mark.at / m.max) * 100)}%` }),
            ),
          )
        : null,
    );
    onPointerArrive(button, () => this.show(m, button));
    return button;
  }

  private show(m: Meter, button: HTMLElement): void {
    const s = this.scenario;
    for (const b of this.el.querySelectorAll('.meter')) b.setAttribute('aria-expanded', String(b === button));
    const last = m.last;
    fill(
      this.why,
      h('h3', {}, `${m.label}: ${m.value}`),
      m.hint ? h('p', { className: 'note' }, m.hint) : null,
      m.marks.length > 0
        ? h(
            'ul',
            { className: 'marks' },
            m.marks.map((k) => h('li', {}, `│ ${k.words}`)),
          )
        : null,
      this.turns === null
        ? null
        : last === null
          ? h('p', {}, m.id === 'pandemic' ? 'It follows the calendar, not the players.' : 'It has not moved yet.')
          : [
              h('p', { className: 'when' }, lastChangeHeading(last)),
              ...last.lines.map((line) =>
                h(
                  'div',
                  { className: 'why-line' },
                  h(
                    'p',
                    {},
                    `${figureName(s, line.variable)}: ${figureValue(line.variable, line.before)} → ${figureValue(line.variable, line.after)}`,
                  ),
                  h(
                    'ul',
                    {},
                    line.parts.map((p) =>
                      h('li', {}, h('b', {}, signedNumber(p.delta)), ` ${causePhrase(s, p.cause)}`),
                    ),
                  ),
                ),
              ),
            ],
    );
    this.why.hidden = false;
    const left = Math.max(0, Math.min(button.offsetLeft, this.el.clientWidth - this.why.offsetWidth));
    this.why.style.left = `${left}px`;
  }

  private hide(): void {
    this.pinned = null;
    this.why.hidden = true;
    for (const b of this.el.querySelectorAll('.meter')) b.setAttribute('aria-expanded', 'false');
  }
}
