import { rungName, type Scenario } from '../../engine/index.ts';
import { ClassroomClient } from '../../net/client.ts';
import type { GameOverview, Overview, ProtocolError } from '../../net/protocol.ts';
import { fill, focusHeading, h } from '../dom.ts';
import { RESULT_WORDS } from '../result-words.ts';
import { connectionText, countdown, ServerClock } from './status.ts';

/**
 * The teacher's desk, opened only with the facilitator's secret from the link's fragment (never sent in a URL the
 * server logs): every game of the class session side by side, and the actions only the teacher may take. The
 * server checks the secret on every connection; this page only asks for it and shows the refusal.
 */
export function showDesk(root: HTMLElement, scenario: Scenario, origin: string, secret: string): void {
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
    return;
  }
  history.replaceState(null, '', location.pathname); // the secret leaves the address bar (and shoulder-surfers)
  const client = new ClassroomClient(origin, { auth: { desk: secret } });
  const clock = new ServerClock();
  const connection = h('p', { className: 'net-connection', id: 'net-connection', role: 'status' });
  const controls = h('section', { className: 'desk-controls', 'aria-label': 'The whole class' });
  const games = h('div', { className: 'desk-games', id: 'desk-games' });
  const requests = h('section', { className: 'desk-requests', id: 'desk-requests', 'aria-label': 'Seat requests' });
  const message = h('p', { role: 'status', id: 'desk-message', className: 'note' });
  fill(main, h('h1', {}, 'Teacher’s desk'), connection, controls, message, requests, games);
  focusHeading(main);

  const say = (text: string) => {
    message.textContent = text;
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
    value: 5,
    'aria-label': 'Minutes',
  });
  const timerShown = h('span', { id: 'desk-timer', className: 'net-timer' });
  const cardSelect = h(
    'select',
    { id: 'desk-card', 'aria-label': 'An inject' },
    scenario.cards.map((c) => h('option', { value: c.id }, c.title)),
  );
  const injectTarget = h('select', { id: 'desk-inject-game', 'aria-label': 'To which game' });

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
    const targets = [
      h('option', { value: 'all' }, 'every game'),
      ...o.games.map((g) => h('option', { value: g.gameId }, `game ${g.index}`)),
    ];
    const chosen = injectTarget.value;
    fill(injectTarget, targets);
    if (chosen) injectTarget.value = chosen;
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
            onclick: () =>
              void act(client.request('desk:timer', { seconds: Math.round(Number(timerInput.value) * 60) }), (r) =>
                'timerEndsAt' in r && r.timerEndsAt ? 'Timer set.' : 'Timer cleared.',
              ),
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
      h(
        'div',
        { className: 'desk-row' },
        h('label', { for: 'desk-card' }, 'Inject '),
        cardSelect,
        ' to ',
        injectTarget,
        h(
          'button',
          {
            id: 'desk-inject',
            onclick: () =>
              void act(
                client.request('desk:inject', {
                  game: injectTarget.value,
                  inject: { type: 'card', card: cardSelect.value },
                }),
                (r) => {
                  const answers = (r as unknown as { games: { gameId: string; ok: boolean; error?: ProtocolError }[] })
                    .games;
                  return answers
                    .map((a) => {
                      const g = o.games.find((x) => x.gameId === a.gameId);
                      return `game ${g?.index ?? a.gameId}: ${a.ok ? 'released' : `refused (${a.error?.message})`}`;
                    })
                    .join('; ');
                },
              ),
          },
          'Release inject',
        ),
      ),
    );
  };

  const seatCell = (g: GameOverview, side: 'us' | 'iran') => {
    const who = g.seats[side];
    const player = g.players[side];
    return h(
      'td',
      { className: `side-${side}` },
      h('span', { className: 'team-name' }, who ?? (player === 'team' ? 'no team yet' : `computer: ${player}`)),
      ' ',
      g.committed[side]
        ? h('strong', { className: 'committed' }, '✓ committed')
        : h('span', { className: 'note' }, 'deciding'),
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
              h('td', {}, g.outcome ? `over (week ${g.outcome.turn})` : `${g.turn} of ${g.lastTurn}`),
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
              h('td', {}, g.seats.projectors),
              h('td', {}, h('button', { onclick: () => void exportReplay(g) }, 'Export replay')),
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
                  h('span', { className: 'team-name' }, r.team),
                  ` asks for the ${scenario.sides[r.seat].name} seat of game ${r.game}.`,
                ),
              ),
            ),
          ]
        : [],
    );
  };

  const renderTimer = () => {
    const o = client.overview;
    const left = o ? clock.remaining(o.timerEndsAt) : null;
    timerShown.textContent = left === null ? '' : left > 0 ? `${countdown(left)} left` : 'time is up';
  };

  client.on('overview', (o) => {
    clock.sync(o.serverTime);
    renderControls(o);
    renderGames(o);
    renderTimer();
  });
  client.on('status', (status) => {
    if (status.kind === 'refused') {
      client.close();
      refuse(
        status.error.code === 'session-expired'
          ? 'This class session is over. Start a new one with npm run serve.'
          : 'This desk link is not valid: the server does not know its secret.',
      );
      return;
    }
    connection.textContent = connectionText(status);
    connection.dataset.kind = status.kind;
  });
  setInterval(renderTimer, 1000);
}
