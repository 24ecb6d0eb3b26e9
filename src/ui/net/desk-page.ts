import { rungName, type Scenario } from '../../engine/index.ts';
import { ClassroomClient } from '../../net/client.ts';
import { type GameOverview, LIMITS, type Overview, type ProtocolError, type SeatState } from '../../net/protocol.ts';
import { fill, focusHeading, h } from '../dom.ts';
import { RESULT_WORDS } from '../result-words.ts';
import { LiveComparison } from './desk-compare.ts';
import { deskGameSection, deskGameTitle } from './desk-game.ts';
import { forgetDeskSecret, takeDeskSecret } from './desk-link.ts';
import { connectionText, countdown, ServerClock } from './status.ts';

// The minutes last given to the timer, so that a reload of the desk offers them again.
const MINUTES_KEY = 'two-boxers:desk-timer-minutes';
function keptMinutes(): string {
  try {
    return localStorage.getItem(MINUTES_KEY) ?? '5';
  } catch {
    return '5';
  }
}
function keepMinutes(minutes: string): void {
  try {
    localStorage.setItem(MINUTES_KEY, minutes);
  } catch {
    // without storage a reload offers 5 minutes again
  }
}

/**
 * The teacher's desk at /desk, with the secret of the link this tab was opened with (desk-link.ts), so that a reload
 * keeps the desk; the link opened again in the same tab (only its fragment changes, so the page does not reload)
 * opens the desk of that link.
 */
export function openDesk(root: HTMLElement, scenario: Scenario, origin: string): void {
  let close = showDesk(root, scenario, origin, takeDeskSecret());
  window.addEventListener('hashchange', () => {
    if (location.hash.length <= 1) return;
    close();
    close = showDesk(root, scenario, origin, takeDeskSecret());
  });
}

/**
 * The teacher's desk, opened only with the facilitator's secret: every game of the class session side by side, and
 * the actions only the teacher may take. The server checks the secret on every connection; this page only asks for
 * it and shows the refusal. Returns what closes it (its connection and its clock).
 */
function showDesk(root: HTMLElement, scenario: Scenario, origin: string, secret: string): () => void {
  const main = h('main', { id: 'main', className: 'page desk-page' }, h('h1', {}, 'Teacher’s desk'));
  fill(root, main);
  const refuse = (text: string) => {
    fill(
      main,
      h('h1', {}, 'Teacher’s desk'),
      h('p', { className: 'error', role: 'alert', id: 'desk-refused' }, text),
      h('p', {}, h('a', { href: './join' }, 'Students: join your class here')),
    );
    focusHeading(main);
  };
  // The server would refuse it too; a link without a secret need not open a connection to learn that.
  if (secret.length < 20) {
    refuse('This page needs the teacher’s desk link, with its secret after the #. Students join on the join page.');
    return () => {};
  }
  const client = new ClassroomClient(origin, { auth: { desk: secret } });
  const clock = new ServerClock();
  const connection = h('p', { className: 'net-connection', id: 'net-connection', role: 'status' });
  const controls = h('section', { className: 'desk-controls', 'aria-label': 'The whole class' });
  const games = h('div', { className: 'desk-games', id: 'desk-games' });
  const requests = h('section', { className: 'desk-requests', id: 'desk-requests', 'aria-label': 'Seat requests' });
  const message = h('p', { role: 'status', id: 'desk-message', className: 'note' });
  const code = h('p', { className: 'desk-code', id: 'desk-code' });
  const gameSection = h('div', { id: 'desk-game-slot' });
  const comparison = new LiveComparison(scenario, client);
  fill(
    main,
    h('div', { className: 'desk-head' }, h('h1', {}, 'Teacher’s desk'), code, connection),
    controls,
    message,
    requests,
    games,
    gameSection,
    comparison.root,
  );
  focusHeading(main);

  // The line stays until the next action, so it says when it was written: "Paused" from ten minutes ago is history.
  const say = (text: string) => {
    const at = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    message.textContent = `${at}: ${text}`;
  };
  const refusalText = (e: ProtocolError) => `Refused: ${e.message}`;
  const act = async <T extends { ok: boolean }>(doing: Promise<T>, done: (reply: T) => string) => {
    const reply = await doing;
    say(reply.ok ? done(reply) : refusalText((reply as unknown as { error: ProtocolError }).error));
  };

  const timerInput = h('input', {
    id: 'desk-minutes',
    type: 'number',
    min: 0,
    max: 60,
    value: keptMinutes(),
    'aria-label': 'Minutes',
    onchange: () => keepMinutes(timerInput.value),
  });
  const timerShown = h('span', { id: 'desk-timer', className: 'net-timer' });
  const renderControls = (o: Overview) => {
    const pause = h(
      'button',
      {
        id: o.paused ? 'desk-resume' : 'desk-pause',
        className: 'primary',
        onclick: () =>
          void act(client.request(o.paused ? 'desk:resume' : 'desk:pause', {}), () =>
            o.paused ? 'Resumed for everyone.' : 'Paused for everyone.',
          ),
      },
      o.paused ? 'Resume everyone' : 'Pause everyone',
    );
    fill(
      controls,
      h(
        'div',
        { className: 'desk-row' },
        pause,
        o.paused ? h('strong', { className: 'paused-note' }, 'The class is paused.') : null,
      ),
      h(
        'div',
        { className: 'desk-row' },
        h('label', { for: 'desk-minutes' }, 'Timer (minutes) '),
        timerInput,
        h(
          'button',
          {
            id: 'desk-timer-set',
            onclick: () => {
              keepMinutes(timerInput.value);
              const seconds = Math.round(Number(timerInput.value) * 60);
              void act(client.request('desk:timer', { seconds }), (r) =>
                'timerEndsAt' in r && r.timerEndsAt
                  ? 'Timer set for this week: it ends when the week’s results come in.'
                  : seconds > 0
                    ? 'No timer: every game is over, so there is no week to time.'
                    : 'Timer cleared.',
              );
            },
          },
          'Set timer',
        ),
        h(
          'button',
          { onclick: () => void act(client.request('desk:timer', { seconds: 0 }), () => 'Timer cleared.') },
          'Clear',
        ),
        timerShown,
      ),
    );
  };

  const seatCell = (g: GameOverview, side: 'us' | 'iran') => {
    const who = g.seats[side];
    const player = g.players[side];
    return h(
      'td',
      { className: `side-${side}` },
      // bdi: a name in Arabic or Persian keeps its own direction without turning the text around it.
      h('bdi', { className: 'team-name' }, who ?? (player === 'team' ? 'no team yet' : `computer: ${player}`)),
      ' ',
      // Once the game is over nobody is deciding any more.
      g.outcome
        ? null
        : g.committed[side]
          ? h('strong', { className: 'committed' }, '✓ committed')
          : h('span', { className: 'note' }, 'deciding'),
      who && player === 'team'
        ? g.connected[side] > 0
          ? h('div', { className: 'seat-online' }, '● connected')
          : h('div', { className: 'seat-offline' }, '○ not connected: page closed or offline')
        : null,
      who && player === 'team'
        ? h(
            'button',
            {
              className: 'link',
              onclick: () => {
                if (
                  !confirm(
                    `Free the ${scenario.sides[side].name} seat of game ${g.index}? That team's device leaves the game.`,
                  )
                )
                  return;
                void act(
                  client.request('desk:release-seat', { gameId: g.gameId, seat: side }),
                  () => `Seat freed in game ${g.index}.`,
                );
              },
            },
            'Free seat',
          )
        : null,
      !who && g.held[side]
        ? h('div', { className: 'note held-for' }, `Kept for ${g.held[side]} until they join`)
        : null,
    );
  };

  // Freed for a named team, the seat waits for that team alone: a device that keeps asking cannot take it first.
  const giveSeat = (r: Overview['requests'][number]) => {
    const side = scenario.sides[r.seat].name;
    const minutes = Math.round(LIMITS.seatHoldSeconds / 60);
    if (
      !confirm(
        `Give the ${side} seat of game ${r.game} to ${r.team}? The team holding it now leaves the game, and for ${minutes} minutes only ${r.team} can take it.`,
      )
    )
      return;
    void act(
      client.request('desk:release-seat', { gameId: r.gameId, seat: r.seat, keepFor: r.team }),
      () => `The ${side} seat of game ${r.game} is kept for ${r.team} for ${minutes} minutes: ask them to join again.`,
    );
  };

  const exportReplay = async (g: GameOverview) => {
    const reply = await client.request('desk:replay', { gameId: g.gameId });
    if (!reply.ok) {
      say(refusalText(reply.error));
      return;
    }
    const blob = new Blob([JSON.stringify(reply.replay, null, 2)], { type: 'application/json' });
    const a = h('a', { href: URL.createObjectURL(blob), download: `two-boxers-game-${g.index}.json` });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    say(`Replay of game ${g.index} saved.`);
  };

  const renderGames = (o: Overview) => {
    fill(
      games,
      h(
        'table',
        { className: 'desk-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Game', 'Week', 'Ladder', scenario.sides.us.name, scenario.sides.iran.name, 'Projectors', ''].map((t) =>
              h('th', {}, t),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          o.games.map((g) =>
            h(
              'tr',
              { 'data-game': g.index },
              h('th', {}, `Game ${g.index}`),
              h(
                'td',
                {},
                g.outcome ? `over (week ${g.outcome.turn})` : `${g.turn} of ${g.lastTurn}`,
                // With several games the class timer ends in each game with its own week: say where it still runs.
                o.games.length > 1 && g.timerEndsAt !== null
                  ? h('div', { className: 'net-timer desk-game-timer', 'data-ends': g.timerEndsAt })
                  : null,
              ),
              h(
                'td',
                {},
                h('b', {}, g.rung),
                ` ${rungName(scenario, g.rung)}`,
                g.peak > g.rung ? h('small', {}, ` (peak ${g.peak})`) : null,
                g.outcome
                  ? h('div', { className: `result ${g.outcome.result}` }, RESULT_WORDS[g.outcome.result])
                  : null,
              ),
              seatCell(g, 'us'),
              seatCell(g, 'iran'),
              h(
                'td',
                {},
                g.seats.projectors,
                g.seats.projectors > 0 ? h('div', { className: 'note' }, `${g.connected.projectors} connected`) : null,
              ),
              h(
                'td',
                { className: 'desk-game-actions' },
                h(
                  'button',
                  {
                    id: `desk-open-${g.index}`,
                    'aria-pressed': String(watched === g.gameId),
                    onclick: () => void watch(g.gameId),
                  },
                  watched === g.gameId ? 'Shown below' : 'Open its desk',
                ),
                h('button', { onclick: () => void exportReplay(g) }, 'Export replay'),
              ),
            ),
          ),
        ),
      ),
    );
    fill(
      requests,
      o.requests.length
        ? [
            h('h2', {}, 'Teams asking for a taken seat'),
            h(
              'ul',
              {},
              o.requests.map((r) =>
                h(
                  'li',
                  {},
                  h('bdi', { className: 'team-name' }, r.team),
                  ` asks for the ${scenario.sides[r.seat].name} seat of game ${r.game}. `,
                  h(
                    'button',
                    { className: 'link give-seat', onclick: () => giveSeat(r) },
                    'Give it to ',
                    h('bdi', {}, r.team),
                  ),
                  ' ',
                  h(
                    'button',
                    {
                      className: 'link dismiss-request',
                      onclick: () =>
                        void act(
                          client.request('desk:dismiss-request', { gameId: r.gameId, seat: r.seat, team: r.team }),
                          () => `${r.team}'s request dismissed; the seat stays with its team.`,
                        ),
                    },
                    'Dismiss',
                  ),
                ),
              ),
            ),
          ]
        : [],
    );
    renderTimer();
  };

  // The one game whose secrets, rulings and injects the desk shows (desk:watch); redrawn only when its log moves,
  // so that a pause or a team joining does not wipe a ruling's reason or an inject being written.
  let watched: string | null = null;
  let shown: { gameId: string; seq: number; turn: number; over: boolean } | null = null;
  const gameMessage = h('p', { role: 'status', id: 'desk-game-message', className: 'note' });
  const sayGame = (text: string) => {
    gameMessage.textContent = text;
  };
  const actOnGame = async <T extends { ok: boolean }>(doing: Promise<T>, done: (reply: T) => string) => {
    const reply = await doing;
    sayGame(reply.ok ? done(reply) : refusalText((reply as unknown as { error: ProtocolError }).error));
  };
  const drawGame = (state: SeatState) => {
    if (state.gameId !== watched) return;
    if (shown?.gameId === state.gameId && shown.seq === state.seq) {
      // A team joining or leaving moves no log entry: its heading names the teams anew, the forms stay as typed.
      const title = gameSection.querySelector('#desk-game-title');
      if (title) title.textContent = deskGameTitle(scenario, state);
      return;
    }
    // What the desk last did in this game ("released", "ruled") is about a week that is over once the next begins.
    const over = state.view.outcome !== null;
    if (shown?.gameId === state.gameId && (shown.turn !== state.view.turn || shown.over !== over)) sayGame('');
    shown = { gameId: state.gameId, seq: state.seq, turn: state.view.turn, over };
    fill(
      gameSection,
      deskGameSection(scenario, state, client.overview?.games.length ?? 1, {
        ruling: (gameId, rulings, note) =>
          void actOnGame(client.request('desk:ruling', { gameId, rulings }), () => note),
        inject: (target, inject) =>
          void actOnGame(client.request('desk:inject', { game: target, inject }), (r) =>
            r.ok
              ? r.games
                  .map((a) => {
                    const g = client.overview?.games.find((x) => x.gameId === a.gameId);
                    return `Game ${g?.index ?? a.gameId}: ${a.ok ? 'released' : `refused (${a.error?.message})`}.`;
                  })
                  .join(' ')
              : '',
          ),
      }),
      gameMessage,
    );
  };
  const watch = async (gameId: string) => {
    if (watched !== gameId) sayGame('');
    watched = gameId;
    shown = null;
    if (client.overview) renderGames(client.overview);
    const reply = await client.watch(gameId);
    if (!reply.ok) say(refusalText(reply.error));
  };
  client.on('state', drawGame);

  const renderCode = () => {
    fill(
      code,
      client.joinCode
        ? [
            'Class code ',
            h('strong', { id: 'desk-join-code' }, client.joinCode),
            h('span', { className: 'note' }, ` · students open ${origin}/join`),
          ]
        : h(
            'span',
            { className: 'note' },
            `Students open ${origin}/join with the code printed when the server started.`,
          ),
    );
  };

  const timeLeft = (endsAt: number | null) => {
    const left = clock.remaining(endsAt);
    return left === null ? '' : left > 0 ? `${countdown(left)} left` : 'time is up';
  };
  const renderTimer = () => {
    timerShown.textContent = timeLeft(client.overview?.timerEndsAt ?? null);
    for (const cell of games.querySelectorAll<HTMLElement>('.desk-game-timer'))
      cell.textContent = timeLeft(Number(cell.dataset.ends));
  };

  client.on('overview', (o) => {
    clock.sync(o.serverTime);
    renderCode();
    renderControls(o);
    renderGames(o);
    renderTimer();
    comparison.update(o);
    if (watched === null || !o.games.some((g) => g.gameId === watched)) {
      if (o.games[0]) void watch(o.games[0].gameId);
    }
  });
  client.on('status', (status) => {
    if (status.kind === 'refused') {
      client.close();
      forgetDeskSecret();
      refuse(
        status.error.code === 'session-expired'
          ? 'This class session is over. Start a new one with npm run serve.'
          : 'This desk link is not valid: the server does not know its secret.',
      );
      return;
    }
    connection.textContent = connectionText(status);
    connection.dataset.kind = status.kind;
    // A new connection has joined no game's room yet: follow the game again (its state comes with the answer).
    if (status.kind === 'connected' && watched !== null) void watch(watched);
  });
  const ticking = setInterval(renderTimer, 1000);
  return () => {
    clearInterval(ticking);
    client.close();
  };
}
