import {
  describeOrder,
  frontName,
  type GameEvent,
  groupName,
  type Inject,
  narrate,
  type Ruling,
  rulingKey,
  type Scenario,
  type SeatView,
  type Side,
  siteName,
} from '../engine/index.ts';
import { fill, h } from './dom.ts';
import type { Session } from './session.ts';

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

function sealedSection(s: Scenario, view: SeatView): HTMLElement {
  const line = (side: Side) => {
    const orders = view.sealed?.[side] ?? null;
    return h(
      'li',
      {},
      h('b', { className: `side-${side}` }, `${s.sides[side].short}: `),
      orders === null
        ? 'not yet committed'
        : orders.length === 0
          ? 'no orders'
          : orders.map((o) => describeOrder(s, o)).join('; '),
    );
  };
  return h(
    'section',
    { 'aria-labelledby': 'desk-sealed' },
    h('h3', { id: 'desk-sealed' }, `Sealed orders for week ${view.turn}`),
    h('ul', {}, line('us'), line('iran')),
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
  const fired = new Set(session.state.cardsFired);
  const deck = s.cards.filter((c) => !fired.has(c.id));
  const card = h(
    'select',
    { id: 'inject-card' },
    deck.map((c) => h('option', { value: c.id }, c.title)),
  );
  const templates = s.injectTemplates ?? [];
  const template = h(
    'select',
    { id: 'inject-template' },
    templates.map((t) => h('option', { value: t.id }, t.title)),
  );
  const variant = h('select', { id: 'inject-variant' });
  const title = h('input', { id: 'inject-title', maxlength: 120 });
  const text = h('textarea', { id: 'inject-text', rows: 3, maxlength: 600 });
  const pickTemplate = () => {
    const t = templates.find((x) => x.id === template.value);
    if (!t) return;
    fill(
      variant,
      t.variants.map((v) => h('option', { value: v.id }, v.label)),
    );
    title.value = t.title;
    text.value = t.text;
  };
  template.addEventListener('change', pickTemplate);
  pickTemplate();
  return h(
    'section',
    { 'aria-labelledby': 'desk-inject' },
    head,
    h('p', { className: 'note' }, 'Its effects apply now, so both teams see them before they choose.'),
    deck.length === 0
      ? h('p', { className: 'note' }, 'Every card of the deck has been played.')
      : h(
          'div',
          {},
          h('label', { for: 'inject-card' }, 'From the event deck'),
          h(
            'div',
            { className: 'row' },
            card,
            h(
              'button',
              { id: 'release-card', onclick: () => release({ type: 'card', card: card.value }) },
              'Release this card',
            ),
          ),
        ),
    templates.length === 0
      ? null
      : h(
          'fieldset',
          {},
          h('legend', {}, 'Or write one'),
          h('label', { for: 'inject-template' }, 'What kind of news'),
          template,
          h('label', { for: 'inject-variant' }, 'How strong (the scenario sets its effects)'),
          variant,
          h('label', { for: 'inject-title' }, 'Headline'),
          title,
          h('label', { for: 'inject-text' }, 'Story'),
          text,
          h(
            'div',
            { className: 'row' },
            h(
              'button',
              {
                id: 'release-written',
                onclick: () =>
                  release({
                    type: 'written',
                    template: template.value,
                    variant: variant.value,
                    title: title.value,
                    text: text.value,
                  }),
              },
              'Release what I wrote',
            ),
          ),
        ),
  );
}

/** The rolls of the last turn a ruling can reach, in the words the facilitator reads them. */
function rollsOf(s: Scenario, events: readonly GameEvent[]): { label: string; options: Ruling[] }[] {
  const rolls: { label: string; options: Ruling[] }[] = [];
  const reason = '';
  for (const e of events) {
    if (e.type === 'attack') {
      const who = events.find((x) => x.type === 'perpetrator' && x.attackId === e.attackId);
      const by = who?.type === 'perpetrator' ? (who.group ? groupName(s, who.group) : 'the IRGC') : 'unknown';
      const hurt =
        e.casualties.usKilled + e.casualties.usWounded + e.casualties.iraqiForcesKilled + e.casualties.civiliansKilled;
      rolls.push({
        label: `Attack #${e.attackId} on ${siteName(s, e.target)} by ${by}: ${e.hits} hit${e.hits === 1 ? '' : 's'}, ${hurt} hurt`,
        options: [
          ...(e.hits > 0 || hurt > 0 ? [{ type: 'attack-missed' as const, attack: e.attackId, reason }] : []),
          ...(e.kind === 'missile-strike'
            ? []
            : [
                { type: 'attack-attributed' as const, attack: e.attackId, suspect: null, reason },
                ...s.iran.groups.map((g) => ({
                  type: 'attack-attributed' as const,
                  attack: e.attackId,
                  suspect: g.id,
                  reason,
                })),
              ]),
        ],
      });
    }
    if (e.type === 'strike')
      rolls.push({
        label: `Strike #${e.strikeId} on ${siteName(s, e.site)} (${groupName(s, e.group)})`,
        options: [{ type: 'strike-missed', strike: e.strikeId, reason }],
      });
    if (e.type === 'vote')
      rolls.push({
        label: `Parliament's vote: ${e.passed ? 'passed' : 'failed'} (${e.votesFor} for)`,
        options: [{ type: 'vote', passed: !e.passed, reason }],
      });
  }
  return rolls;
}

function rulingWords(s: Scenario, r: Ruling): string {
  switch (r.type) {
    case 'attack-missed':
      return 'it did no harm after all';
    case 'attack-attributed':
      return `US intelligence names ${r.suspect === null ? 'no one' : groupName(s, r.suspect)}`;
    case 'strike-missed':
      return 'it hit nothing';
    case 'vote':
      return r.passed ? 'the motion passed' : 'the motion failed';
    default: {
      const never: never = r;
      throw new Error(`unknown ruling ${JSON.stringify(never)}`);
    }
  }
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
  const standing = session.lastRulings;
  const apply = (rulings: Ruling[], note: string) => {
    const r = session.overrule(rulings);
    if (!r.ok) {
      fail(r.errors.map((e) => e.message).join('; '));
      return;
    }
    actions.changed(r.value.events);
    redraw(note);
  };
  const rolls = rollsOf(s, last.events).filter((r) => r.options.length > 0);
  const choice = h(
    'select',
    { id: 'ruling-choice' },
    rolls.map((roll, i) =>
      h(
        'optgroup',
        { label: roll.label },
        roll.options.map((o, j) => h('option', { value: `${i}/${j}` }, `${roll.label} → ${rulingWords(s, o)}`)),
      ),
    ),
  );
  const reason = h('input', { id: 'ruling-reason', maxlength: 300, 'aria-describedby': 'ruling-about' });
  return h(
    'section',
    { 'aria-labelledby': 'desk-ruling' },
    head,
    h(
      'p',
      { id: 'ruling-about', className: 'note' },
      `Week ${last.turn} is played again from the same orders with your ruling; the dice fall as before, only the ruled result changes, and everyone is told why.`,
    ),
    standing.length > 0
      ? h(
          'ul',
          { className: 'rulings' },
          standing.map((r) => h('li', {}, `${rulingKey(r)}: ${rulingWords(s, r)} (“${r.reason}”)`)),
        )
      : null,
    rolls.length === 0
      ? h('p', { className: 'note' }, 'Nothing was rolled last week that a ruling can change.')
      : h(
          'div',
          {},
          h('label', { for: 'ruling-choice' }, 'Your ruling'),
          choice,
          h('label', { for: 'ruling-reason' }, 'The reason you give the class'),
          reason,
          h(
            'div',
            { className: 'row' },
            h(
              'button',
              {
                id: 'ruling-apply',
                onclick: () => {
                  const [i, j] = choice.value.split('/').map(Number);
                  const picked = rolls[i!]?.options[j!];
                  if (!picked) return;
                  const ruling = { ...picked, reason: reason.value.trim() } as Ruling;
                  const rest = standing.filter((r) => rulingKey(r) !== rulingKey(ruling));
                  apply([...rest, ruling], `Ruled: ${rulingWords(s, ruling)}.`);
                },
              },
              'Apply the ruling',
            ),
            standing.length > 0
              ? h(
                  'button',
                  { onclick: () => apply([], 'The rulings are withdrawn: the dice stand.') },
                  'Withdraw all rulings',
                )
              : null,
          ),
        ),
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
      `US political capital ${view.us.politicalCapital}, ISR ${view.us.isr}; Iran's resources ${view.iran.resources}, income ${view.iran.income}. `,
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
