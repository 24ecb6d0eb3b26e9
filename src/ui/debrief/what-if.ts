import type { PlayedGame } from '../../analysis/record.ts';
import type { Result } from '../../engine/index.ts';
import { fill, h } from '../dom.ts';
import { Session } from '../session.ts';

/**
 * The debrief's one-click "what if": a game that ended early (a war above all) opens again at the start of its last
 * week, with the same scenario, seed and record up to the week before, so the class can play that week differently.
 * Nothing else changes: the same orders would bring the same dice and the same end, so only new choices differ.
 */

/** The week a "what if" plays again: the last one played, when the game ended in war or before its last week. */
export function whatIfWeek(game: PlayedGame): number | null {
  const outcome = game.final.outcome;
  if (!outcome) return null; // a game in progress goes on from the save itself
  const played = game.turns.length;
  return outcome.result === 'shared-loss' || played < game.final.lastTurn ? played : null;
}

/**
 * The new game: the record of every week before `whatIfWeek`, played again (each week's hash checked) under the
 * original game's settings, its seats, timer and desk PIN included.
 */
export function whatIfGame(game: PlayedGame, session: Session): Result<Session> {
  const week = whatIfWeek(game);
  if (week === null)
    return {
      ok: false,
      errors: [{ code: 'what-if.week', message: 'This game did not end early: it has no week to play again.' }],
    };
  return Session.fork(game.scenario, session.settings, game.replay, week - 1);
}

/** The button and what it does, in words; null when the game did not end early. */
export function whatIfBox(
  game: PlayedGame,
  session: Session,
  open: (fork: Session) => void,
  where?: string,
): HTMLElement | null {
  const week = whatIfWeek(game);
  if (week === null) return null;
  const war = game.final.outcome?.result === 'shared-loss';
  const problem = h('div', { role: 'alert' });
  return h(
    'div',
    { className: 'what-if', id: 'what-if-box' },
    h(
      'p',
      {},
      war
        ? `The crisis became a war in week ${week}. Did it have to? `
        : `The game ended in week ${week} of ${game.final.lastTurn}. `,
      `Play week ${week} again from where it stood: the same scenario, seed and every order up to week ${week - 1}. `,
      'The same orders would end it the same way; only other choices can change it.',
      where ? ` ${where}` : '',
    ),
    h(
      'button',
      {
        id: 'what-if',
        className: 'primary',
        onclick: () => {
          const fork = whatIfGame(game, session);
          if (fork.ok) open(fork.value);
          else
            fill(problem, h('div', { className: 'error' }, fork.errors[0]?.message ?? 'This game cannot be forked.'));
        },
      },
      `What if? Play week ${week} again`,
    ),
    problem,
  );
}
