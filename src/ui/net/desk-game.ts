import type { Inject, Ruling, Scenario, Side } from '../../engine/index.ts';
import type { SeatState } from '../../net/protocol.ts';
import { injectForm, rulingForm, sealedSection } from '../desk-forms.ts';
import { h } from '../dom.ts';

/** What the game's section sends to the server; the desk page says what came back. */
export interface DeskGameActions {
  ruling(gameId: string, rulings: Ruling[], note: string): void;
  inject(target: string, inject: Inject): void;
}

/**
 * The one game the desk follows (desk:watch), from its facilitator state: both sides' sealed orders, rulings on the
 * week just played and injects for the week being ordered, with the same forms as the one-device desk. The server
 * runs the engine and refuses what it must; this section only offers what the state says is open now.
 */
export function deskGameSection(
  scenario: Scenario,
  state: SeatState,
  gameCount: number,
  actions: DeskGameActions,
): HTMLElement {
  return h(
    'section',
    { className: 'desk desk-game', id: 'desk-game', 'data-game': state.game, 'aria-labelledby': 'desk-game-title' },
    h('h2', { id: 'desk-game-title' }, deskGameTitle(scenario, state)),
    h('p', { className: 'note' }, 'This part shows both teams’ secrets: keep it off the projector.'),
    h('div', { className: 'desk-columns' }, sealedSection(scenario, state.view), rulings(scenario, state, actions)),
    injects(scenario, state, gameCount, actions),
  );
}

/** The game's heading: who plays it and where it stands (redrawn alone when a team joins, see desk-page.ts). */
export function deskGameTitle(scenario: Scenario, state: SeatState): string {
  const view = state.view;
  const name = (side: Side) => `${state.seats[side] ?? 'no team yet'} (${scenario.sides[side].short})`;
  const when = view.outcome ? `over in week ${view.outcome.turn}` : `week ${view.turn} of ${view.lastTurn}`;
  return `Game ${state.game}: ${name('us')} and ${name('iran')}, ${when}`;
}

function rulings(s: Scenario, state: SeatState, actions: DeskGameActions): HTMLElement {
  const view = state.view;
  const head = h('h3', { id: 'desk-ruling' }, 'Overrule a roll of the last week');
  const record = view.history.at(-1);
  const last = record && state.news.find((n) => n.turn === record.turn);
  // The server's rule (live-game.ts overruled): only the week just resolved, before anything happens in the next.
  const open =
    last !== undefined && !view.submitted.us && !view.submitted.iran && !state.news.some((n) => n.turn > last.turn);
  const section = (...body: (HTMLElement | null)[]) =>
    h('section', { 'aria-labelledby': 'desk-ruling' }, head, ...body);
  if (!last || !open)
    return section(
      h(
        'p',
        { className: 'note', id: 'ruling-closed' },
        last
          ? 'Only the week just played can be overruled, before anything happens in the next one.'
          : 'No week has been played yet.',
      ),
    );
  return section(
    rulingForm({
      scenario: s,
      turn: last.turn,
      events: last.events,
      standing: record?.rulings ?? [],
      over: view.outcome !== null,
      apply: (list, note) => actions.ruling(state.gameId, list, note),
    }),
  );
}

function injects(s: Scenario, state: SeatState, gameCount: number, actions: DeskGameActions): HTMLElement {
  const view = state.view;
  const head = h('h3', { id: 'desk-inject' }, 'Release an inject');
  const section = (...body: HTMLElement[]) =>
    h('section', { 'aria-labelledby': 'desk-inject', className: 'desk-inject' }, head, ...body);
  if (view.outcome) return section(h('p', { className: 'note' }, 'The game is over.'));
  if (view.submitted.us || view.submitted.iran)
    return section(
      h(
        'p',
        { className: 'note', id: 'inject-closed' },
        'Injects go out at the start of a week, before either team commits its orders: release the next one then.',
      ),
    );
  const target = h(
    'select',
    { id: 'inject-target', 'aria-label': 'To which game' },
    h('option', { value: state.gameId }, `game ${state.game} only`),
    gameCount > 1 ? h('option', { value: 'all' }, `every game of the class (${gameCount})`) : null,
  );
  // Played cards as this game's news tells them: the deck's cards fire once per game (a written inject is no card).
  const played = new Set(
    state.news.flatMap((n) => n.events).flatMap((e) => (e.type === 'card' && e.released !== 'written' ? [e.card] : [])),
  );
  return section(
    injectForm({
      scenario: s,
      played,
      facts: view,
      release: (inject) => actions.inject(target.value, inject),
      target: h('div', { className: 'row' }, h('label', { for: 'inject-target' }, 'Release to '), target),
    }),
  );
}
