import { beliefs } from '../analysis/timeline.ts';
import {
  type GameState,
  hashState,
  makeReplay,
  recordReplay,
  rungName,
  type Scenario,
  type Score,
} from '../engine/index.ts';
import { groupName, longDate, siteName } from '../engine/narrate.ts';
import { fill, focusHeading, h } from './dom.ts';
import type { Session } from './session.ts';
import { download } from './storage.ts';

/** A game's result as a headline (the end screen's, the debrief's and duplicate play's). */
export const RESULT_WORDS = {
  us: 'The Coalition wins',
  iran: 'Iran and the axis win',
  draw: 'A stalemate',
  'shared-loss': 'Regional war: everyone loses',
} as const;

/** Each attack: who claimed it, what the US believed and how sure it was, and who really fired. */
export function beliefTable(scenario: Scenario, state: GameState): HTMLElement {
  const rows = beliefs(scenario, state);
  if (rows.length === 0) return h('p', { className: 'note' }, 'No attacks were made.');
  return h(
    'table',
    { className: 'truth' },
    h('caption', { className: 'note' }, 'Every attack: what US intelligence concluded, and who really fired'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Week'),
        h('th', { scope: 'col' }, 'Attack on'),
        h('th', { scope: 'col' }, 'Claimed by'),
        h('th', { scope: 'col' }, 'The US believed'),
        h('th', { scope: 'col' }, 'Who really fired'),
        h('th', { scope: 'col', className: 'num' }, 'US killed'),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          h('td', {}, r.turn),
          h('td', {}, r.target),
          h('td', {}, r.claimedBy),
          h(
            'td',
            {},
            r.suspect
              ? `${r.suspect}: ${r.word}, ${Math.round(r.confidence / 10)}%`
              : r.stateAct
                ? 'Iran'
                : 'no suspect',
          ),
          h(
            'td',
            { className: r.right ? 'truth-right' : 'truth-wrong' },
            r.stateAct ? r.firedBy : `${r.firedBy}${r.autonomous ? ', on its own initiative' : ', on Iran’s order'}`,
          ),
          h('td', { className: 'num' }, r.usKilled),
        ),
      ),
    ),
  );
}

/** Each US strike, and whether the group struck had really attacked. */
export function strikeTable(scenario: Scenario, state: GameState): HTMLElement | null {
  if (state.strikes.length === 0) return null;
  return h(
    'table',
    {},
    h(
      'caption',
      { className: 'note' },
      'US strikes, and whether the group struck had really attacked in the weeks before',
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Week'),
        h('th', { scope: 'col' }, 'Site'),
        h('th', { scope: 'col' }, 'Group'),
        h('th', { scope: 'col' }, 'Deserved?'),
        h('th', { scope: 'col', className: 'num' }, 'Iraqis killed'),
      ),
    ),
    h(
      'tbody',
      {},
      state.strikes.map((x) =>
        h(
          'tr',
          {},
          h('td', {}, x.turn),
          h('td', {}, siteName(scenario, x.site)),
          h('td', {}, groupName(scenario, x.group)),
          h(
            'td',
            { className: x.justified ? 'truth-right' : 'truth-wrong' },
            x.justified ? 'yes: it had attacked' : 'no: it had not attacked',
          ),
          h('td', { className: 'num' }, x.casualties.iraqiForcesKilled + x.casualties.civiliansKilled),
        ),
      ),
    ),
  );
}

/**
 * The end of a game: the result and why, both scores line by line, and the ground truth the players could not see
 * during play (who really fired each attack, whether each strike hit the guilty party). The debrief goes further.
 */
export function renderEnd(root: HTMLElement, session: Session, actions: { newGame(): void; title(): void }): void {
  const s = session.scenario;
  const outcome = session.state.outcome;
  if (!outcome) return;
  const truth = session.view('facilitator');
  const scoreTable = (label: string, score: Score, cls: string) =>
    h(
      'section',
      { className: 'card' },
      h('h3', { className: cls }, `${label}: ${score.total} points`),
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
  // The debrief loads on demand: it is most of a class's last ten minutes, not part of playing.
  const debrief = () =>
    import('./debrief.ts').then(
      (m) =>
        m.showDebrief(root, session, {
          scenarios: [s],
          back: {
            label: 'Back to the result',
            action: () => {
              fill(root);
              renderEnd(root, session, actions);
              focusHeading(root);
            },
          },
        }),
      (e: unknown) =>
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
    h('p', { className: 'note' }, 'Game fingerprint: ', h('code', { id: 'fingerprint' }, hashState(session.state))),
    h(
      'div',
      { className: 'actions' },
      h('button', { className: 'primary', id: 'debrief-button', onclick: debrief }, 'Debrief'),
    ),
    failed,
    h(
      'div',
      { className: 'cols' },
      scoreTable(s.sides.us.name, outcome.score.us, 'side-us'),
      scoreTable(s.sides.iran.name, outcome.score.iran, 'side-iran'),
    ),
    h('h3', {}, 'What really happened'),
    beliefTable(s, session.state),
    strikeTable(s, session.state),
    h(
      'div',
      { className: 'actions' },
      h('button', { onclick: () => actions.newGame() }, 'New game'),
      h('button', { onclick: exportReplay }, 'Export the replay'),
      h('button', { onclick: () => actions.title() }, 'Title screen'),
    ),
  ];
  root.append(...parts.filter((p): p is Node => p !== null));
}
