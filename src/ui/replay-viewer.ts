import mapJson from '../../assets/map/countries.json';
import { ROSTER } from '../ai/roster.ts';
import { type PlayedGame, playBack } from '../analysis/record.ts';
import {
  describeOrder,
  type GameEvent,
  longDate,
  narrate,
  REPLAY_FORMAT,
  type Result,
  rungName,
  type Scenario,
  type Seat,
  type Side,
  viewEvents,
  viewFor,
} from '../engine/index.ts';
import { fill, focusHeading, h } from './dom.ts';
import { createMap, type MapController } from './map/index.ts';
import type { MapAsset } from './map-projection.ts';
import { listProblems } from './problems.ts';
import { secretsWarning } from './secrets-warning.ts';
import { otherSide, SAVE_FORMAT, Session, type Settings } from './session.ts';

/**
 * The replay viewer: a recorded game turn by turn, from any seat (the US, Iran, the facilitator who sees everything),
 * the map and the news as they were; "fork here" plays on from any week as a new game. It reads a replay file, a
 * save file (which holds a replay) or a game link. Every figure comes from the engine's views of the replayed states.
 */

const SEATS: { seat: Seat; label: string }[] = [
  { seat: 'public', label: 'Public (what both sides saw)' },
  { seat: 'us', label: 'US-led Coalition' },
  { seat: 'iran', label: 'Iran' },
  { seat: 'facilitator', label: 'Facilitator (everything)' },
];

/**
 * Who played a recorded game, when the recording says (a save's or a link's settings; a bare replay does not): the
 * side a person played, or 'hotseat' when people played both.
 */
export type Players = { hotseat: true } | { hotseat: false; side: Side };

/**
 * The seats a recording may be watched from without the warning. A finished game hides nothing any more: every seat,
 * the facilitator's first, as before. A game not over may be watched by one of its players (a share link is how a
 * game moves between browsers), so only what a player of it could already see: the public seat, and against the
 * computer the person's own side. A hotseat game or a bare replay names no single player: the public seat only.
 */
export function openSeats(over: boolean, players: Players | null): Seat[] {
  if (over) return ['facilitator', 'us', 'iran', 'public'];
  return players && !players.hotseat ? [players.side, 'public'] : ['public'];
}

/** Who played, read from a save's or link's settings: a save the player could edit says no more than they know. */
function playersOf(settings: unknown): Players | null {
  const { side, opponent } = (settings ?? {}) as { side?: unknown; opponent?: unknown };
  if (opponent === 'hotseat') return { hotseat: true };
  return side === 'us' || side === 'iran' ? { hotseat: false, side } : null;
}

/**
 * A replay, a save holding one, or a game link's code: the replay steps, or what is wrong with the input (one
 * message, ready to show, with where in the file each problem is).
 */
export function openRecording(
  scenarios: readonly Scenario[],
  input: unknown,
): Result<{ scenario: Scenario; game: PlayedGame; players: Players | null }> {
  const bad = (message: string) => ({ ok: false as const, errors: [{ code: 'viewer.input', message }] });
  let json = input;
  let players: Players | null = null;
  if (typeof input === 'string') {
    const code = input.includes('#g=') ? input.slice(input.indexOf('#g=') + 3) : input.trim();
    const linked = Session.fromShareCode(scenarios, code);
    if (!linked.ok) return bad(listProblems(linked.errors));
    json = linked.value.toSave('').replay;
    players = playersOf(linked.value.settings);
  }
  if (typeof json !== 'object' || json === null) return bad('This is not a replay, a save file or a game link.');
  const record = json as { format?: unknown; replay?: unknown; scenarioId?: unknown };
  const inSave = record.format === SAVE_FORMAT;
  if (inSave) players = playersOf((record as { settings?: unknown }).settings);
  const replay = inSave ? record.replay : json;
  if ((replay as { format?: unknown } | null)?.format !== REPLAY_FORMAT)
    return bad('This is not a replay, a save file or a game link.');
  const id = (replay as { scenarioId?: unknown }).scenarioId;
  const scenario = scenarios.find((s) => s.id === id);
  if (!scenario) return bad(`This replay is of a scenario this game does not have ("${String(id)}").`);
  const game = playBack(scenario, replay);
  if (!game.ok) {
    // The engine's paths are the replay's own; in a save the replay is its `replay` field.
    const errors = inSave
      ? game.errors.map((e) => ({ ...e, path: e.path ? `replay.${e.path}` : 'replay' }))
      : game.errors;
    return bad(listProblems(errors, 'This replay cannot be played back'));
  }
  return { ok: true, value: { scenario, game: game.value, players } };
}

export interface ViewerHooks {
  /** Plays on from a week as a new game. */
  fork(session: Session): void;
  back(): void;
}

/**
 * Shows a recording: returns a function that tears the map down when the screen is left. `players`: who played it,
 * if the recording says (see openSeats).
 */
export function showReplay(
  root: HTMLElement,
  scenario: Scenario,
  game: PlayedGame,
  hooks: ViewerHooks,
  players: Players | null = null,
): () => void {
  // states[0] is the start, states[t] the state after week t; events[t - 1] are week t's.
  const steps = { states: [game.start, ...game.turns.map((t) => t.after)], events: game.turns.map((t) => t.events) };
  const last = steps.states.length - 1;
  let at = last;
  const r = game.replay;
  const final = steps.states[last]!;
  // Every seat, once the person chose to see the secrets of a game not over (see secretsWarning).
  let seats = openSeats(final.outcome !== null, players);
  let seat: Seat = seats[0]!;
  let map: MapController | null = null;
  let destroyed = false;
  const mapDiv = h('div', { className: 'map', role: 'img', 'aria-label': 'Map of Iraq and its neighbours, as it was' });
  const slider = h('input', {
    id: 'replay-week',
    type: 'range',
    min: 0,
    max: last,
    step: 1,
    value: at,
    'aria-describedby': 'replay-where',
  });
  const where = h('p', { id: 'replay-where', className: 'lead', 'aria-live': 'polite' });
  const panel = h('div', { className: 'replay-panel' });
  const forkBox = h('div', { className: 'replay-fork' });
  const forkButton = h('button', { id: 'replay-fork', onclick: () => fork() }, 'Fork here: play on as a new game');

  const go = (to: number, animate: boolean) => {
    const from = at;
    at = Math.max(0, Math.min(last, to));
    slider.value = String(at);
    draw();
    const view = viewFor(scenario, steps.states[at]!, seat);
    if (!map) return;
    if (animate && at === from + 1) {
      const events = viewEvents(steps.events[at - 1] ?? [], seat);
      const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
      map.show(viewFor(scenario, steps.states[from]!, seat));
      void map.play(events, reduce ? 0 : 1).then(() => {
        if (!destroyed && at === from + 1) map?.show(view);
      });
    } else map.show(view);
  };

  const draw = () => {
    const state = steps.states[at]!;
    const view = viewFor(scenario, state, seat);
    where.textContent =
      at === 0
        ? `Before week 1 (${longDate(view.date)}): the position both sides started from.`
        : `After week ${at} of ${final.lastTurn}: ${longDate(view.date)}, ladder at rung ${view.ladder.rung}, ${rungName(scenario, view.ladder.rung)}.`;
    const record = at > 0 ? view.history.find((x) => x.turn === at) : undefined;
    const ordersOf = (side: Side) => {
      const orders = record?.orders[side];
      if (orders === undefined) return null;
      return h(
        'li',
        {},
        h('b', { className: `side-${side}` }, `${scenario.sides[side].short}: `),
        orders.length === 0 ? 'no orders' : orders.map((o) => describeOrder(scenario, o)).join('; '),
      );
    };
    const news = at > 0 ? viewEvents(steps.events[at - 1] ?? [], seat) : [];
    const lines = news.map((e: GameEvent) => narrate(scenario, e, seat)).filter((t): t is string => t !== null);
    fill(
      panel,
      h(
        'dl',
        { className: 'replay-dash' },
        [
          ["Baghdad's consent", view.baghdad.consent],
          ['Eviction pressure', view.baghdad.evictionPressure],
          ['US resolve', view.us.resolve],
          ['ISIS', view.isis],
          ['Americans killed', view.casualties.usKilled],
          ['Bases held', view.us.bases.filter((b) => !b.handedOver).length],
        ].map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))),
      ),
      at > 0
        ? h(
            'section',
            { 'aria-labelledby': 'replay-orders' },
            h('h3', { id: 'replay-orders' }, `Orders in week ${at}`),
            h('ul', {}, ordersOf('us'), ordersOf('iran')),
            seat === 'facilitator'
              ? null
              : h(
                  'p',
                  { className: 'note' },
                  seat === 'public'
                    ? 'Both sides’ orders are hidden from this seat.'
                    : 'The other side’s orders are hidden from this seat.',
                ),
          )
        : null,
      at > 0
        ? h(
            'section',
            { 'aria-labelledby': 'replay-news' },
            h(
              'h3',
              { id: 'replay-news' },
              `What ${seat === 'facilitator' ? 'happened' : 'this seat saw'} in week ${at}`,
            ),
            h(
              'ul',
              { className: 'news' },
              lines.map((t) => h('li', {}, t)),
            ),
          )
        : null,
      at === last && final.outcome ? h('p', { className: 'result' }, final.outcome.explanation) : null,
    );
    fill(forkBox);
    // A fork of a game not over could be played from the other side, whose view holds that side's secrets.
    forkButton.disabled = (final.outcome !== null && at === last) || !seats.includes('facilitator');
  };

  /** Playing on from this week: the recorded turns up to it, then a new game with the chosen seats. */
  const fork = () => {
    const side = h(
      'select',
      { id: 'fork-side' },
      h('option', { value: 'us' }, scenario.sides.us.name),
      h('option', { value: 'iran' }, scenario.sides.iran.name),
    );
    const opponent = h('select', { id: 'fork-opponent' });
    const fillOpponents = () =>
      fill(
        opponent,
        ROSTER.filter((p) => p.side === otherSide(side.value as Side) && p.kind !== 'script').map((p) =>
          h('option', { value: p.id }, `Computer: ${p.label}`),
        ),
        h('option', { value: 'hotseat' }, 'Another person at this device (hotseat)'),
      );
    side.addEventListener('change', fillOpponents);
    fillOpponents();
    const error = h('div', { role: 'alert' });
    fill(
      forkBox,
      h('h3', { id: 'fork-title' }, `Play on from week ${at + 1}`),
      h('label', { for: 'fork-side' }, 'Your side'),
      side,
      h('label', { for: 'fork-opponent' }, 'Opponent'),
      opponent,
      error,
      h(
        'div',
        { className: 'actions' },
        h(
          'button',
          {
            id: 'fork-start',
            className: 'primary',
            onclick: () => {
              const settings: Settings = {
                scenarioId: scenario.id,
                seed: r.seed,
                preset: r.options.preset ?? null,
                side: side.value as Side,
                opponent: opponent.value,
              };
              const session = Session.fork(scenario, settings, r, at);
              if (!session.ok) {
                fill(error, h('div', { className: 'error' }, session.errors[0]?.message ?? 'Cannot fork here.'));
                return;
              }
              hooks.fork(session.value);
            },
          },
          'Start the new game',
        ),
      ),
    );
    side.focus();
  };

  const seatChoice = h('fieldset', { className: 'replay-seats' });
  const drawSeats = () =>
    fill(
      seatChoice,
      h('legend', {}, 'Point of view'),
      SEATS.filter((s) => seats.includes(s.seat)).map((s) =>
        h(
          'label',
          { className: 'choice' },
          h('input', {
            type: 'radio',
            name: 'replay-seat',
            value: s.seat,
            checked: s.seat === seat,
            onchange: () => {
              seat = s.seat;
              go(at, false);
            },
          }),
          h('span', {}, s.label),
        ),
      ),
    );
  drawSeats();
  const warning = seats.includes('facilitator')
    ? null
    : secretsWarning('replay-secrets', 'who really fired, each side’s orders and intelligence', () => {
        seats = openSeats(true, players);
        warning?.remove();
        drawSeats();
        go(at, false);
        seatChoice.querySelector<HTMLInputElement>('input:checked')?.focus();
      });
  slider.addEventListener('input', () => go(Number(slider.value), false));
  const main = h(
    'main',
    { id: 'main', className: 'page replay' },
    h(
      'h2',
      {},
      `Replay: ${scenario.name}, seed ${r.seed}${final.outcome ? ` — ${final.outcome.result === 'shared-loss' ? 'everyone lost' : final.outcome.result === 'draw' ? 'a stalemate' : `${scenario.sides[final.outcome.result].short} won`}` : ''}`,
    ),
    where,
    h(
      'div',
      { className: 'replay-controls' },
      h('button', { id: 'replay-prev', onclick: () => go(at - 1, false) }, '◀ Previous week'),
      h('label', { for: 'replay-week' }, 'Week'),
      slider,
      h('button', { id: 'replay-next', onclick: () => go(at + 1, true) }, 'Next week ▶'),
      seatChoice,
      forkButton,
      h('button', { onclick: () => hooks.back() }, 'Back'),
    ),
    warning,
    h(
      'div',
      { className: 'replay-body' },
      h('div', { className: 'mapwrap' }, mapDiv),
      // Its own scroller (styles.css): focusable so that the keyboard scrolls it too.
      h(
        'div',
        { className: 'replay-side', tabindex: 0, role: 'region', 'aria-label': 'The week: figures, orders and news' },
        panel,
        forkBox,
      ),
    ),
  );
  fill(root, main);
  draw();
  focusHeading(main);
  createMap(mapDiv, scenario, mapJson as unknown as MapAsset, {
    onHover: () => undefined,
    onSelect: () => undefined,
  }).then((m) => {
    if (destroyed) {
      m.destroy();
      return;
    }
    map = m;
    m.show(viewFor(scenario, steps.states[at]!, seat));
  });
  return () => {
    destroyed = true;
    map?.destroy();
    map = null;
  };
}
