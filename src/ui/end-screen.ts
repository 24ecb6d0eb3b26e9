import { hashState, makeReplay, recordReplay, rungName, type Score } from '../engine/index.ts';
import { frontName, groupName, longDate, siteName } from '../engine/narrate.ts';
import { h } from './dom.ts';
import type { Session } from './session.ts';
import { download } from './storage.ts';

const RESULT_WORDS = {
  us: 'The Coalition wins',
  iran: 'Iran and the axis win',
  draw: 'A stalemate',
  'shared-loss': 'Regional war: everyone loses',
} as const;

/**
 * The end of a game: the result and why, both scores line by line, and the ground truth the players could not see
 * during play (who really fired each attack, whether each strike hit the guilty party).
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
      { className: 'cols' },
      scoreTable(s.sides.us.name, outcome.score.us, 'side-us'),
      scoreTable(s.sides.iran.name, outcome.score.iran, 'side-iran'),
    ),
    h('h3', {}, 'What really happened'),
    truth.attacks.length === 0
      ? h('p', { className: 'note' }, 'No attacks were made.')
      : h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'Week'),
              h('th', {}, 'Attack on'),
              h('th', {}, 'Claimed by'),
              h('th', {}, 'The US believed'),
              h('th', {}, 'Who really fired'),
              h('th', { className: 'num' }, 'US killed'),
            ),
          ),
          h(
            'tbody',
            {},
            truth.attacks.map((a) => {
              const right = !a.group || a.suspect === a.group;
              return h(
                'tr',
                {},
                h('td', {}, a.turn),
                h('td', {}, siteName(s, a.target)),
                h('td', {}, a.claim === 'open' ? 'openly' : a.claim === 'unclaimed' ? 'nobody' : frontName(s, a.claim)),
                h(
                  'td',
                  {},
                  a.suspect
                    ? `${groupName(s, a.suspect)} (${a.word ?? ''}, ${((a.confidence ?? 0) / 10).toFixed(0)}%)`
                    : a.group === null
                      ? 'Iran'
                      : 'no suspect',
                ),
                h(
                  'td',
                  { className: right ? 'truth-right' : 'truth-wrong' },
                  !a.group
                    ? 'the IRGC, from Iran'
                    : `${groupName(s, a.group)}${a.autonomous ? ', on its own initiative' : ', on Iran’s order'}`,
                ),
                h('td', { className: 'num' }, a.casualties.usKilled),
              );
            }),
          ),
        ),
    truth.strikes.length === 0
      ? null
      : h(
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
              h('th', {}, 'Week'),
              h('th', {}, 'Site'),
              h('th', {}, 'Group'),
              h('th', {}, 'Deserved?'),
              h('th', { className: 'num' }, 'Iraqis killed'),
            ),
          ),
          h(
            'tbody',
            {},
            truth.strikes.map((x) =>
              h(
                'tr',
                {},
                h('td', {}, x.turn),
                h('td', {}, siteName(s, x.site)),
                h('td', {}, groupName(s, x.group)),
                h(
                  'td',
                  { className: x.justified ? 'truth-right' : 'truth-wrong' },
                  x.justified ? 'yes: it had attacked' : 'no: it had not attacked',
                ),
                h('td', { className: 'num' }, x.casualties.iraqiForcesKilled + x.casualties.civiliansKilled),
              ),
            ),
          ),
        ),
    h(
      'div',
      { className: 'actions' },
      h('button', { className: 'primary', onclick: () => actions.newGame() }, 'New game'),
      h('button', { onclick: exportReplay }, 'Export the replay'),
      h('button', { onclick: () => actions.title() }, 'Title screen'),
    ),
  ];
  root.append(...parts.filter((p): p is Node => p !== null));
}
