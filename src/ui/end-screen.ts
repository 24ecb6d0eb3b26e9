import { hashState, longDate, makeReplay, recordReplay, rungName, type Score } from '../engine/index.ts';
import { fill, h } from './dom.ts';
import { RESULT_WORDS, SHARED_LOSS_POINTS } from './result-words.ts';
import type { Session } from './session.ts';
import { download } from './storage.ts';
import { beliefTable, strikeTable } from './truth-tables.ts';
import { plural } from './words.ts';

export interface EndActions {
  /** No button without it: a networked seat's game is the server's, not one to replace on this device. */
  newGame?(): void;
  title?(): void;
  /** Back to where the end screen was opened from (a networked seat's last week); no button without it. */
  back?: { label: string; action(): void };
  /** Opens the debrief of this game (loaded on demand); rejects if it cannot be loaded. */
  debrief(): Promise<void>;
}

/**
 * The end of a game: the result and why, both scores line by line, and the ground truth the players could not see
 * during play (who really fired each attack, whether each strike hit the guilty party). The debrief goes further.
 * The one-device game shows it (app.ts), and so does every networked seat once the game is over (net/team-screen.ts,
 * from the record the server gives then).
 */
export function renderEnd(root: HTMLElement, session: Session, actions: EndActions): void {
  const s = session.scenario;
  const outcome = session.state.outcome;
  if (!outcome) return;
  const truth = session.view('facilitator');
  const scoreTable = (label: string, score: Score, cls: string) =>
    h(
      'section',
      { className: 'card' },
      h('h3', { className: cls }, `${label}: ${plural(score.total, 'point')}`),
      h(
        'table',
        {},
        h(
          'tbody',
          {},
          score.lines.map((l) => h('tr', {}, h('td', {}, l.label), h('td', { className: 'num' }, l.points))),
        ),
      ),
    );
  const exportReplay = () => {
    const replay = recordReplay(s, session.state);
    if (replay.ok) download(`two-boxers-${session.settings.seed}-replay.json`, makeReplay(replay.value));
  };
  const failed = h('div', { role: 'alert' });
  const debrief = () =>
    actions
      .debrief()
      .catch((e: unknown) =>
        fill(
          failed,
          h(
            'div',
            { className: 'error' },
            `The debrief could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
          ),
        ),
      );
  const parts: (Node | null)[] = [
    h('h2', {}, 'The game is over'),
    h('p', { className: `result ${outcome.result}` }, RESULT_WORDS[outcome.result]),
    h('p', { className: 'lead' }, outcome.explanation),
    h(
      'p',
      {},
      `Ended in week ${outcome.turn} (${longDate(truth.date)}) with the ladder at rung ${truth.ladder.rung}, ${rungName(s, truth.ladder.rung)}; its peak was ${truth.ladder.peak}. `,
      `Americans killed: ${truth.casualties.usKilled}; wounded: ${truth.casualties.usWounded}; Iraqi forces killed: ${truth.casualties.iraqiForcesKilled}; civilians killed: ${truth.casualties.civiliansKilled}; militia killed: ${truth.casualties.proxiesKilled}. `,
      `Escalation score: Coalition ${truth.escalation.us}, Iran ${truth.escalation.iran}.`,
    ),
    h(
      'div',
      { className: 'actions' },
      h('button', { className: 'primary', id: 'debrief-button', onclick: debrief }, 'Open the debrief'),
    ),
    failed,
    // The truth first, the points after: the reveal is what the class has waited the whole game for.
    h('h3', {}, 'What really happened'),
    beliefTable(s, session.state),
    strikeTable(s, session.state),
    outcome.result === 'shared-loss'
      ? h('p', { className: 'note', id: 'shared-loss-points' }, SHARED_LOSS_POINTS)
      : null,
    h(
      'div',
      { className: 'cols' },
      scoreTable(s.sides.us.name, outcome.score.us, 'side-us'),
      scoreTable(s.sides.iran.name, outcome.score.iran, 'side-iran'),
    ),
    h('p', { className: 'note' }, 'Game fingerprint: ', h('code', { id: 'fingerprint' }, hashState(session.state))),
    h(
      'div',
      { className: 'actions' },
      actions.back ? h('button', { id: 'end-back', onclick: () => actions.back?.action() }, actions.back.label) : null,
      actions.newGame ? h('button', { onclick: () => actions.newGame?.() }, 'New game') : null,
      h('button', { onclick: exportReplay }, 'Export the replay'),
      actions.title ? h('button', { onclick: () => actions.title?.() }, 'Title screen') : null,
    ),
  ];
  root.append(...parts.filter((p): p is Node => p !== null));
}
