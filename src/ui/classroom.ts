import {
  frontName,
  type GameEvent,
  groupName,
  type Inject,
  narrate,
  type Ruling,
  type Scenario,
  type SeatView,
  siteName,
} from '../engine/index.ts';
import { injectForm, rulingForm, sealedSection } from './desk-forms.ts';
import { fill, h } from './dom.ts';
import type { Session } from './session.ts';
import { incomeWords } from './words.ts';

/**
 * The classroom's tools beside the turn loop: the order timer and the facilitator's desk (the white cell: everything
 * in the game, both sides' sealed orders, injects, rulings). The desk only calls the session; no rule is computed here.
 */

/**
 * A countdown for a team's orders. It never commits anything: when time is up the team sees it and anyone may add a
 * minute. Pausing the game stops it. It lives in the page only: a reload starts the phase's clock again.
 */
export class TurnTimer {
  seconds: number; // the length of an order phase; 0: no timer
  private remainingMs = 0;
  private running = false;
  private armed = false; // a team's order phase is on the clock
  private last = 0;
  private handle: ReturnType<typeof setInterval> | null = null;

  constructor(
    seconds: number,
    private readonly onTick: (timer: TurnTimer) => void,
  ) {
    this.seconds = seconds;
  }

  get enabled(): boolean {
    return this.seconds > 0;
  }

  get remaining(): number {
    return Math.max(0, Math.ceil(this.remainingMs / 1000));
  }

  get isRunning(): boolean {
    return this.running;
  }

  get timeUp(): boolean {
    return this.enabled && this.remainingMs <= 0;
  }

  get counting(): boolean {
    return this.armed;
  }

  /** A fresh clock for the next order phase. */
  restart(): void {
    this.armed = true;
    this.remainingMs = this.seconds * 1000;
    if (this.enabled) this.resume();
    else this.pause();
    this.onTick(this);
  }

  resume(): void {
    if (this.running || !this.enabled) return;
    this.running = true;
    this.last = performance.now();
    this.handle = setInterval(() => this.tick(), 250);
  }

  pause(): void {
    this.running = false;
    if (this.handle !== null) clearInterval(this.handle);
    this.handle = null;
  }

  extend(seconds: number): void {
    this.remainingMs = Math.max(0, this.remainingMs) + seconds * 1000;
    this.onTick(this);
  }

  set(seconds: number): void {
    this.seconds = seconds;
    this.remainingMs = seconds * 1000;
    if (!this.enabled) this.pause();
    this.onTick(this);
  }

  /** The order phase is over: the clock waits for the next team. */
  stop(): void {
    this.armed = false;
    this.pause();
  }

  private tick(): void {
    const now = performance.now();
    const before = this.remainingMs;
    this.remainingMs -= now - this.last;
    this.last = now;
    if (Math.ceil(before / 1000) !== Math.ceil(this.remainingMs / 1000)) this.onTick(this);
  }
}

/** "4:05" */
export const clock = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** The timer's default length for a game: the preset's, else the scenario's, else none. */
export function defaultOrderSeconds(scenario: Scenario, preset: string | null): number {
  const p = scenario.presets.find((x) => x.id === preset);
  return p?.orderSeconds ?? scenario.orderSeconds ?? 0;
}

export interface DeskActions {
  close(): void;
  /** The game changed (an inject or a ruling): re-render the screen and save. */
  changed(events: GameEvent[]): void;
  paused(): boolean;
  setPaused(paused: boolean): void;
}

/** The facilitator's desk: a dialog's content, rebuilt after every action. */
export function renderDesk(session: Session, timer: TurnTimer, actions: DeskActions): HTMLElement {
  const s = session.scenario;
  const view = session.view('facilitator');
  const message = h('div', { role: 'status', className: 'desk-message' });
  const root = h('div', { className: 'desk' });
  const redraw = (note?: string) => {
    const next = renderDesk(session, timer, actions);
    root.replaceWith(next);
    if (note) fill(next.querySelector<HTMLElement>('.desk-message')!, note);
  };
  const fail = (text: string) => fill(message, h('div', { className: 'error' }, text));
  fill(
    root,
    h('h2', { id: 'desk-title' }, "Facilitator's desk"),
    h(
      'p',
      { className: 'note' },
      'Everything in the game is on this page, both sides’ secrets included: keep it off the projector.',
    ),
    message,
    controlSection(timer, actions, redraw),
    sealedSection(s, view),
    injectSection(session, view, actions, redraw, fail),
    rulingSection(session, actions, redraw, fail),
    truthSection(s, view),
    h(
      'div',
      { className: 'commit' },
      h(
        'button',
        { id: 'desk-close', className: 'primary', onclick: () => actions.close() },
        'Back to the class screen',
      ),
    ),
  );
  return root;
}

function controlSection(timer: TurnTimer, actions: DeskActions, redraw: (note?: string) => void): HTMLElement {
  const minutes = h('input', {
    id: 'timer-minutes',
    type: 'number',
    min: 0,
    max: 60,
    step: 0.5,
    value: Math.round(timer.seconds / 30) / 2,
    'aria-describedby': 'timer-about',
  });
  return h(
    'section',
    { 'aria-labelledby': 'desk-control' },
    h('h3', { id: 'desk-control' }, 'The game and the clock'),
    h(
      'div',
      { className: 'row' },
      h(
        'button',
        {
          id: 'pause',
          onclick: () => {
            actions.setPaused(!actions.paused());
            redraw(actions.paused() ? 'The game is paused: order entry is locked.' : 'The game goes on.');
          },
        },
        actions.paused() ? 'Resume the game' : 'Pause the game',
      ),
    ),
    h('label', { for: 'timer-minutes' }, 'Minutes for each team’s orders (0: no timer)'),
    h(
      'div',
      { className: 'row' },
      minutes,
      h(
        'button',
        {
          id: 'timer-set',
          onclick: () => {
            const n = Number(minutes.value);
            if (!Number.isFinite(n) || n < 0 || n > 60) {
              redraw('Enter the minutes, from 0 to 60 (1.5 is a minute and a half).');
              return;
            }
            timer.set(Math.round(n * 60));
            redraw(n === 0 ? 'No timer.' : `Each team now has ${n} minutes for its orders.`);
          },
        },
        'Set the timer',
      ),
      timer.enabled
        ? h(
            'button',
            {
              id: 'timer-extend',
              onclick: () => {
                timer.extend(60);
                redraw(`One more minute: ${clock(timer.remaining)} left.`);
              },
            },
            'Add a minute',
          )
        : null,
    ),
    h(
      'p',
      { id: 'timer-about', className: 'note' },
      !timer.enabled
        ? 'No timer is set.'
        : `${
            timer.counting
              ? `${clock(timer.remaining)} left on the clock${timer.isRunning ? '' : ' (stopped)'}.`
              : `Each team gets ${clock(timer.seconds)}; the clock starts when a team opens its orders.`
          } When time is up the team is told and can take another minute: nothing is committed for them.`,
    ),
  );
}

function injectSection(
  session: Session,
  view: SeatView,
  actions: DeskActions,
  redraw: (note?: string) => void,
  fail: (text: string) => void,
): HTMLElement {
  const s = session.scenario;
  const head = h('h3', { id: 'desk-inject' }, 'Release an inject');
  if (view.outcome) return h('section', {}, head, h('p', { className: 'note' }, 'The game is over.'));
  if (view.submitted.us || view.submitted.iran)
    return h(
      'section',
      { 'aria-labelledby': 'desk-inject' },
      head,
      h(
        'p',
        { className: 'note' },
        'Injects go out at the start of a week, before either team commits its orders: release the next one then.',
      ),
    );
  const release = (inject: Inject) => {
    const r = session.release(inject);
    if (!r.ok) {
      fail(r.errors.map((e) => e.message).join('; '));
      return;
    }
    actions.changed(r.value);
    redraw(`Released: ${r.value.map((e) => narrate(s, e, 'facilitator')).join(' ')}`);
  };
  return h(
    'section',
    { 'aria-labelledby': 'desk-inject' },
    head,
    injectForm({ scenario: s, played: new Set(session.state.cardsFired), facts: session.state, release }),
  );
}

function rulingSection(
  session: Session,
  actions: DeskActions,
  redraw: (note?: string) => void,
  fail: (text: string) => void,
): HTMLElement {
  const s = session.scenario;
  const head = h('h3', { id: 'desk-ruling' }, 'Overrule a roll of the last week');
  const last = session.turns.at(-1);
  if (!last || !session.canOverrule)
    return h(
      'section',
      { 'aria-labelledby': 'desk-ruling' },
      head,
      h(
        'p',
        { className: 'note' },
        last
          ? 'Only the week just played can be overruled, before anything happens in the next one.'
          : 'No week has been played yet.',
      ),
    );
  const apply = (rulings: Ruling[], note: string) => {
    const r = session.overrule(rulings);
    if (!r.ok) {
      fail(r.errors.map((e) => e.message).join('; '));
      return;
    }
    actions.changed(r.value.events);
    redraw(note);
  };
  return h(
    'section',
    { 'aria-labelledby': 'desk-ruling' },
    head,
    rulingForm({ scenario: s, turn: last.turn, events: last.events, standing: session.lastRulings, apply }),
  );
}

function truthSection(s: Scenario, view: SeatView): HTMLElement {
  const attacks = [...view.attacks].reverse();
  return h(
    'section',
    { 'aria-labelledby': 'desk-truth' },
    h('h3', { id: 'desk-truth' }, 'The whole truth'),
    h(
      'p',
      {},
      `US political capital ${view.us.politicalCapital}, ISR ${view.us.isr}; Iran's resources ${view.iran.resources}, income ${view.iran.weeklyIncome ? incomeWords(view.iran.weeklyIncome) : view.iran.income}. `,
      `Escalation scores so far: US ${view.escalation.us}, Iran ${view.escalation.iran}.`,
    ),
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
          h('th', { className: 'num' }, 'Strength'),
          h('th', { className: 'num' }, 'Arsenal'),
          h('th', { className: 'num' }, 'Aggression'),
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
            h('td', { className: 'num' }, g.aggression ?? ''),
          ),
        ),
      ),
    ),
    attacks.length === 0
      ? h('p', { className: 'note' }, 'No attacks yet.')
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
              h('th', {}, 'Attack'),
              h('th', {}, 'Really fired by'),
              h('th', {}, 'The US believes'),
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
                h(
                  'td',
                  {},
                  `#${a.id} ${siteName(s, a.target)}${a.claim !== 'open' && a.claim !== 'unclaimed' ? `, claimed by ${frontName(s, a.claim)}` : ''}`,
                ),
                h('td', {}, a.group ? `${groupName(s, a.group)}${a.autonomous ? ' (acting alone)' : ''}` : 'the IRGC'),
                h('td', {}, a.suspect ? `${groupName(s, a.suspect)}: ${a.word}` : a.group ? 'no suspect' : 'Iran'),
              ),
            ),
          ),
        ),
  );
}
