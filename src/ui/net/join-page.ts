import { joinClass } from '../../net/client.ts';
import {
  type JoinableSeat,
  LIMITS,
  normalizeJoinCode,
  type ProtocolError,
  teamNameSchema,
} from '../../net/protocol.ts';
import { fill, focusHeading, h } from '../dom.ts';
import { type KeptSeat, keepSeat } from './seat-store.ts';

/** The name a projector joins under when none is typed. */
const PROJECTOR_NAME = 'Projector';

/** What a team is told when the server refuses a join: what happened and what to do, never a bare code. */
export function joinRefusalText(error: ProtocolError): string {
  switch (error.code) {
    case 'wrong-code':
      return 'No class has that code. Check the code on the board and type it again.';
    case 'seat-taken':
      return 'Another team already holds that seat. Your teacher has been asked: they can free it from the desk. Try again once they have.';
    case 'seat-held':
      return 'Your teacher is keeping that seat for another team. If it was freed for you, type your team’s name exactly as before; otherwise ask your teacher.';
    case 'name-taken':
      return 'Another team in this class has a name that looks the same as yours. Choose a different name.';
    case 'rate-limited':
      return `Too many tries to join from this network. Wait ${error.retryAfterSeconds ?? 60} seconds, then try again.`;
    case 'session-expired':
      return 'That class session is over. Ask your teacher for today’s code.';
    case 'no-such-game':
      return 'That class has no game with that number.';
    case 'unavailable':
      return 'The class server cannot be reached. Check that you are on the school network, then try again.';
    default:
      return error.message;
  }
}

/**
 * The page a team opens: the class code from the board, a team name (shown to others as plain text, never as markup),
 * and the seat. On success the seat's token is kept in localStorage, so a reload returns to the same seat.
 */
export function showJoin(
  root: HTMLElement,
  origin: string,
  notice: string | undefined,
  joined: (seat: KeptSeat) => void,
) {
  const code = h('input', {
    id: 'join-code',
    name: 'code',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    placeholder: 'ABCD-1234',
    maxlength: 16,
    required: true,
  });
  const team = h('input', {
    id: 'join-team',
    name: 'team',
    autocomplete: 'off',
    maxlength: LIMITS.teamName,
    required: true,
  });
  const seatChoice = (value: JoinableSeat, label: string, checked = false) =>
    h('label', { className: 'seat-choice' }, h('input', { type: 'radio', name: 'seat', value, checked }), ` ${label}`);
  const game = h('input', { id: 'join-game', type: 'number', min: 1, max: LIMITS.gamesPerSession, placeholder: 'any' });
  const message = h(
    'div',
    { role: 'alert', id: 'join-message' },
    notice ? h('p', { className: 'error' }, notice) : null,
  );
  const submit = h('button', { type: 'submit', className: 'primary', id: 'join-submit' }, 'Join the class');
  const form = h(
    'form',
    { className: 'join-form', novalidate: true },
    h('label', { for: 'join-code' }, 'Class code (on the board)'),
    code,
    h('label', { for: 'join-team' }, 'Team name (no real names: it is shown to the class; the projector needs none)'),
    team,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Your seat'),
      seatChoice('us', 'United States team', true),
      seatChoice('iran', 'Iran team'),
      seatChoice('projector', 'The projector (what the whole class may see)'),
    ),
    h('label', { for: 'join-game' }, 'Game number (if your teacher gave one)'),
    game,
    submit,
    message,
  );
  const say = (text: string) => fill(message, h('p', { className: 'error' }, text));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const normalized = normalizeJoinCode(code.value);
    if (!normalized) {
      say('A class code has 8 letters and digits, like ABCD-1234. Check the board.');
      code.focus();
      return;
    }
    const seat = (form.querySelector<HTMLInputElement>('input[name=seat]:checked')?.value ?? 'us') as JoinableSeat;
    // The projector is no team: the class sees it under a plain name unless the teacher gives one.
    const name = team.value.trim() || (seat === 'projector' ? PROJECTOR_NAME : '');
    if (!name) {
      say('Give your team a name.');
      team.focus();
      return;
    }
    // The server's own rules for a name (protocol.ts), told here before sending: a name it would refuse is a typing
    // slip to fix, not a request, so it never reaches the server as one.
    const named = teamNameSchema.safeParse(name);
    if (!named.success) {
      const why = named.error.issues[0]?.message ?? 'this team name cannot be used';
      say(`${why.charAt(0).toUpperCase()}${why.slice(1)}.`);
      team.focus();
      return;
    }
    const number = game.value ? Number(game.value) : undefined;
    submit.disabled = true;
    fill(message, h('p', { className: 'note' }, 'Joining…'));
    void joinClass(origin, { code: normalized, team: name, seat, ...(number ? { game: number } : {}) }).then(
      (reply) => {
        submit.disabled = false;
        if (!reply.ok) {
          say(joinRefusalText(reply.error));
          return;
        }
        const kept: KeptSeat = {
          token: reply.token,
          sessionId: reply.sessionId,
          gameId: reply.gameId,
          game: reply.game,
          seat: reply.seat,
          team: reply.team,
        };
        keepSeat(kept);
        joined(kept);
      },
    );
  });
  const main = h(
    'main',
    { id: 'main', className: 'page join-page' },
    h('h1', {}, 'Two Boxers: join your class'),
    h('p', { className: 'lead' }, 'Type the code your teacher wrote on the board and choose your team’s seat.'),
    form,
  );
  fill(root, main);
  focusHeading(main);
  code.focus();
}
