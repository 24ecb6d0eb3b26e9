import mapJson from '../../../assets/map/countries.json';
import {
  describeOrder,
  forecastOrder,
  longDate,
  type Order,
  orderRisks,
  rungName,
  type Scenario,
  type SeatView,
} from '../../engine/index.ts';
import { ClassroomClient, type ConnectionStatus } from '../../net/client.ts';
import type { NewsEntry, SeatState } from '../../net/protocol.ts';
import { openReplay } from '../debrief/game-file.ts';
import { fill, focusHeading, h, refill } from '../dom.ts';
import { renderEnd } from '../end-screen.ts';
import { Dashboard } from '../game/dashboard.ts';
import { newsItems } from '../game/news-panel.ts';
import { askBeforeAdding, budgetLine, cannotAdd, forecastBox } from '../game/order-forecast.ts';
import { LadderStrip } from '../game/ladder-strip.ts';
import { type MenuChoice, type OrderMenus, orderMenus } from '../game/order-menus.ts';
import { newScreen, type ScreenState } from '../game/state.ts';
import { whyBlock } from '../game/why-block.ts';
import { createMap, type MapController } from '../map/index.ts';
import type { MapAsset } from '../map-projection.ts';
import { RESULT_WORDS } from '../result-words.ts';
import { forgetSeat, type KeptSeat } from './seat-store.ts';
import type { Session, TurnEvents } from '../session.ts';
import { connectionText, countdown, ServerClock } from './status.ts';

/** The weeks whose ledger the server sent (this seat's view of it), as the one-device screen's parts take them. */
const weeksOf = (s: SeatState | null): TurnEvents[] =>
  (s?.news ?? []).flatMap((n: NewsEntry) =>
    n.ledger ? [{ turn: n.turn, events: n.events, ledger: n.ledger, injectLedger: n.injectLedger ?? [] }] : [],
  );

/**
 * Why a finished game's reveal waits for the rest of the class: every game plays the same dice, so its record would
 * tell a team still playing what is coming (`others` null: the count is not known yet).
 */
export function revealWaitsText(others: number | null): string {
  const left =
    others === null
      ? ''
      : others === 1
        ? ' One game is still being played.'
        : ` ${others} games are still being played.`;
  return `The reveal opens when every game of the class has ended: they all play with the same dice, so this game's rolls and orders would give away what is coming in the others.${left} It opens here by itself when the last one ends.`;
}

/** The map's animations follow the player's system setting, as the one-device game's do. */
const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/**
 * A networked seat: a team's turn screen, or the projector's (the public view, no orders), driven by the server.
 * Everything shown is the seat's view and news as the server sent them; orders are chosen from the view's legal
 * orders and committed through the client, which re-sends them across dropped connections until answered.
 */
export function showSeat(
  root: HTMLElement,
  scenario: Scenario,
  origin: string,
  seat: KeptSeat,
  rejoin: (message?: string) => void,
): void {
  const client = new ClassroomClient(origin, { auth: { token: seat.token } });
  const clock = new ServerClock();
  const projector = seat.seat === 'projector';
  const ladder = new LadderStrip({ scenario });
  // The meters' causes come from the ledgers the server sent this seat (each client keeps every week's).
  const dash = new Dashboard(scenario, () => weeksOf(client.state));
  const screenState: ScreenState = projector
    ? { ...newScreen('us', false, true), phase: 'projector' }
    : newScreen(seat.seat as 'us' | 'iran', false, false);

  const title = h('h1', { className: 'net-title' });
  const connection = h('span', { className: 'net-connection', id: 'net-connection', role: 'status' });
  const timer = h('span', { className: 'net-timer', id: 'net-timer', 'aria-live': 'off' });
  const banner = h('div', { id: 'net-banner', 'aria-live': 'assertive' });
  const panel = h('section', {
    className: 'side net-side',
    'aria-label': projector ? 'The class screen' : 'Your orders',
  });
  const mapDiv = h('div', { className: 'map', role: 'img', 'aria-label': 'Map of Iraq and its neighbours' });
  const leave = h(
    'button',
    {
      className: 'net-leave',
      onclick: () => {
        if (!confirm('Leave this seat on this device? You will need the class code and the teacher to come back.'))
          return;
        client.close();
        forgetSeat();
        rejoin();
      },
    },
    'Leave seat',
  );
  const gameMain = h(
    'main',
    { id: 'main', className: `game net-game${projector ? ' net-projector' : ''}` },
    h('div', { className: 'left' }, h('div', { className: 'mapwrap' }, mapDiv), dash.el),
    panel,
  );
  // The end screen and the debrief, once the game is over: the game's screen is hidden meanwhile, not taken down,
  // so that "Back to the last week" finds its map as it was.
  const endMain = h('main', { id: 'net-end', className: 'page net-end', hidden: true });
  fill(
    root,
    h('header', { className: `net-top${projector ? ' projector' : ''}` }, title, timer, connection, leave),
    banner,
    ladder.el,
    gameMain,
    endMain,
  );

  let map: MapController | null = null;
  /** The newest week the map has shown happening (a week resolved while this page was away is not played). */
  let playedTurn: number | null = null;
  let playing = false;
  let gone = false;
  let draft: Order[] = [];
  let draftTurn = 0;
  let error = '';
  let sending = false;
  /** The order chosen in the menus, kept across the redraws each message from the server brings. */
  const menuChoice: MenuChoice = { fields: {} };
  /**
   * The seat's view as the newest resolved week began (its orders sealed), kept since this page opened: the meters
   * say what changed since, and whether it is good or bad for the side looking (stakes.ts), as the one-device
   * results do. The week in which the page was opened has none.
   */
  let sealed: SeatView | null = null;
  let latest: { view: SeatView; resolved: number } | null = null;
  /** An order that puts the side's loss line at stake, waiting for the team to say whether to add it. */
  let asking: Order | null = null;

  const sideName = projector ? 'Projector' : scenario.sides[seat.seat as 'us' | 'iran'].name;

  /** The finished game as the server recorded it, played back here (game:record), and the log position it ends at. */
  let ended: { session: Session; seq: number } | null = null;
  let ending: 'game' | 'end' | 'debrief' = 'game';
  /** The end screen says the reveal waits for the class's other games; a state that says they are over opens it. */
  let waitingForClass = false;

  const showGame = () => {
    ending = 'game';
    waitingForClass = false;
    for (const el of [banner, ladder.el, gameMain]) el.hidden = false;
    endMain.hidden = true;
    fill(endMain);
    render();
    document.getElementById('net-end-button')?.focus();
  };

  /**
   * The one-device end screen (end-screen.ts), from the game's record: the server gives it only once the game is
   * over, and the engine plays it back here, so the reveal is the engine's facilitator view, computed nowhere else.
   */
  const showEnd = async (askAgain = true): Promise<void> => {
    ending = 'end';
    for (const el of [banner, ladder.el, gameMain]) el.hidden = true;
    endMain.hidden = false;
    const back = { label: 'Back to the last week', action: showGame };
    const failed = (message: string) => {
      fill(
        endMain,
        h('h2', {}, 'The game is over'),
        h('div', { className: 'error', role: 'alert', id: 'net-end-error' }, message),
        h('div', { className: 'actions' }, h('button', { id: 'end-back', onclick: showGame }, back.label)),
      );
      focusHeading(endMain);
    };
    const waitForClass = (others: number | null) => {
      const first = !waitingForClass;
      waitingForClass = true;
      fill(
        endMain,
        h('h2', {}, 'The game is over'),
        h('p', { className: 'note', role: 'status', id: 'net-end-waiting' }, revealWaitsText(others)),
        h('div', { className: 'actions' }, h('button', { id: 'end-back', onclick: showGame }, back.label)),
      );
      if (first) focusHeading(endMain);
    };
    const seq = client.state?.seq ?? 0;
    const others = client.state?.gamesStillPlaying ?? null;
    if (!ended && others !== null && others > 0) return waitForClass(others);
    waitingForClass = false;
    if (!ended || ended.seq < seq) {
      fill(endMain, h('p', { className: 'note', role: 'status' }, 'Fetching the whole record of the game…'));
      const reply = await client.request('game:record', {});
      if (gone || ending !== 'end') return;
      if (!reply.ok && reply.error.code === 'others-playing') {
        // The state that ends the last game may have come while this asked: then the record is there to ask again.
        if (askAgain && client.state?.gamesStillPlaying === 0) return showEnd(false);
        return waitForClass(null);
      }
      if (!reply.ok) return failed(`The game's record could not be fetched: ${reply.error.message}`);
      const opened = openReplay(scenario, reply.replay, 'The record the server sent');
      if (!opened.ok) return failed(opened.errors[0]?.message ?? 'The record the server sent does not play back.');
      ended = { session: opened.value, seq: reply.seq };
    }
    const { session } = ended;
    fill(endMain);
    renderEnd(endMain, session, {
      back,
      debrief: () =>
        import('../debrief/index.ts').then(({ showDebrief, showDuplicate }) => {
          ending = 'debrief';
          showDebrief(endMain, session, {
            scenarios: [scenario],
            back: { label: 'Back to the result', action: () => void showEnd() },
            compare: showDuplicate,
            // The class's game stays on this page; the what-if is a one-device game, in the game's own page.
            fork: (fork) => window.open(`${location.origin}/#g=${fork.toShareCode()}`, '_blank', 'noopener'),
            forkWhere:
              'It opens in a new tab on this device, as a game for two players at one screen; this page stays with the class.',
          });
        }),
    });
    focusHeading(endMain);
  };

  const renderTop = (s: SeatState | null) => {
    fill(
      title,
      // A projector joined without a name is called Projector: said once, not "Projector: Projector".
      // bdi: a name in Arabic or Persian keeps its own direction without turning the text around it.
      seat.team === sideName ? sideName : [`${sideName}: `, h('bdi', {}, seat.team)],
      h(
        'small',
        {},
        s ? ` · game ${s.game} · week ${s.view.turn} of ${s.view.lastTurn} · ${longDate(s.view.date)}` : '',
      ),
    );
    const left = s ? clock.remaining(s.timerEndsAt) : null;
    timer.textContent = left === null ? '' : left > 0 ? `Time left: ${countdown(left)}` : 'Time is up';
    timer.classList.toggle('up', left !== null && left <= 0);
  };

  const renderBanner = (s: SeatState) => {
    // A pause holds up orders: a finished game has none to hold, and its end is what the class should read.
    if (s.paused && s.view.outcome === null)
      fill(
        banner,
        h('div', { className: 'net-banner paused' }, 'The teacher has paused the game. Wait for them to resume it.'),
      );
    else fill(banner);
  };

  const ordersPart = (s: SeatState, view: SeatView): (HTMLElement | null)[] => {
    const side = seat.seat as 'us' | 'iran';
    if (view.submitted[side] || sending) {
      const other = side === 'us' ? 'iran' : 'us';
      return [
        h('h2', {}, `Week ${view.turn}: orders sealed`),
        view.ownOrders?.length
          ? h(
              'ul',
              { className: 'net-draft' },
              view.ownOrders.map((o) => h('li', {}, describeOrder(scenario, o))),
            )
          : h('p', {}, sending ? 'Sending your orders…' : 'You hold this week.'),
        h(
          'p',
          { className: 'note', id: 'net-waiting' },
          view.submitted[other]
            ? 'Both teams have committed: the week is being resolved.'
            : `Waiting for the ${scenario.sides[other].name} team.`,
        ),
      ];
    }
    // As on the one-device form, a type already in the draft is not offered again.
    const legal = view.legalOrders.filter((o) => !draft.some((d) => d.type === o.type));
    const key = (o: Order) => JSON.stringify(o);
    // A pause locks the form, the open question with it.
    if (asking && (s.paused || !legal.some((o) => key(o) === key(asking as Order)))) asking = null;
    // The forecast is the engine's, on this seat's own view, as the one-device order form's is: no rule here.
    const menus = h('div');
    const forecast = h('div', { id: 'net-forecast' });
    const ask = h('div', { id: 'net-ask' });
    let chosen: Order | undefined;
    const addButton = h(
      'button',
      {
        id: 'net-add',
        onclick: () => {
          const order = chosen;
          if (!order) return;
          if (orderRisks(scenario, view, side, forecastOrder(scenario, view, order)).length > 0) askAbout(order);
          else add(order);
        },
      },
      'Add',
    );
    const showChoice = () => {
      const order = chosen;
      fill(forecast, order ? forecastBox(scenario, view, side, forecastOrder(scenario, view, order)) : null);
      const refused = order ? cannotAdd(scenario, view, side, draft, order.type) : null;
      addButton.disabled = !order || refused !== null || s.paused;
      addButton.textContent = refused ?? 'Add';
    };
    const add = (order: Order) => {
      draft = [...draft, order];
      asking = null;
      error = '';
      render();
      document.getElementById('net-commit')?.focus();
    };
    const askAbout = (order: Order) => {
      asking = order;
      const risks = orderRisks(scenario, view, side, forecastOrder(scenario, view, order));
      askBeforeAdding(
        ask,
        scenario,
        order,
        risks,
        () => add(order),
        () => {
          asking = null;
          fill(ask);
          document.getElementById('net-add')?.focus();
        },
      );
    };
    // The menus, as the one-device form's: the order, then each of its targets in a menu of its own.
    let drawn: OrderMenus | undefined;
    const drawMenus = (moved?: string) => {
      if (legal.length === 0) {
        chosen = undefined;
        fill(menus, h('p', { className: 'note' }, 'No other order is open to you this week.'));
      } else {
        drawn = orderMenus(scenario, legal, menuChoice, drawMenus, 'net-order', undefined, drawn);
        chosen = drawn.order;
        refill(menus, drawn.rows);
      }
      if (moved) {
        asking = null;
        fill(ask);
        document.getElementById(moved)?.focus();
      }
      showChoice();
    };
    drawMenus();
    // A question still open when the server's next message redraws the form is asked again.
    if (asking) queueMicrotask(() => asking && ask.isConnected && askAbout(asking));
    return [
      h('h2', {}, `Week ${view.turn}: your orders`),
      h(
        'p',
        { className: 'note' },
        `Choose up to ${scenario.ordersPerTurn} orders. Committing none means you hold this week.`,
      ),
      budgetLine(scenario, view, side, draft),
      h('div', { className: 'builder' }, menus, forecast, h('div', { className: 'net-add' }, addButton), ask),
      // No empty list: it would only leave a gap above the commit button.
      draft.length === 0
        ? null
        : h(
            'ol',
            { className: 'net-draft', id: 'net-draft' },
            draft.map((o, i) =>
              h(
                'li',
                {},
                describeOrder(scenario, o),
                ' ',
                h(
                  'button',
                  {
                    className: 'link',
                    onclick: () => {
                      draft = draft.filter((_, j) => j !== i);
                      render();
                    },
                  },
                  'Remove',
                ),
              ),
            ),
          ),
      error ? h('p', { className: 'error', role: 'alert', id: 'net-error' }, error) : null,
      h(
        'div',
        { className: 'commit' },
        h(
          'button',
          {
            id: 'net-commit',
            className: 'primary',
            disabled: s.paused,
            onclick: () => {
              sending = true;
              error = '';
              render();
              void client.commit(view.turn, draft).then((reply) => {
                sending = false;
                if (reply.ok) draft = [];
                else error = reply.error.message;
                render();
              });
            },
          },
          draft.length ? `Commit ${draft.length} order${draft.length > 1 ? 's' : ''}` : 'Commit: hold this week',
        ),
      ),
    ];
  };

  const render = () => {
    if (gone) return;
    const s = client.state;
    renderTop(s);
    if (!s) {
      fill(panel, h('p', { className: 'note' }, 'Connecting to the class server…'));
      return;
    }
    const view = s.view;
    if (view.turn !== draftTurn) {
      draft = [];
      draftTurn = view.turn;
    }
    renderBanner(s);
    ladder.render(view);
    dash.render(view, { ...screenState, previous: sealed });
    showMap(s);
    const last = s.news[s.news.length - 1];
    const week = weeksOf(s).at(-1);
    const news = last
      ? [
          h('h2', {}, `Week ${last.turn}: what happened`),
          // What changed and why comes above the news, as on the one-device screen, for the week just resolved
          // (not above the injects released for the week being ordered: that week has not happened yet).
          week && week.turn === last.turn ? whyBlock(scenario, week, view.seat) : null,
          h('ul', { className: 'news', id: 'net-news' }, newsItems(scenario, last, view.seat)),
        ]
      : [h('p', { className: 'note' }, 'Nothing has happened yet: the first week is about to begin.')];
    const rung = h(
      'p',
      { className: 'net-rung' },
      `The crisis is at rung ${view.ladder.rung}: ${rungName(scenario, view.ladder.rung)}.`,
    );
    if (view.outcome) {
      fill(
        panel,
        h('h2', { id: 'net-over' }, 'The game is over'),
        h('p', { className: `result ${view.outcome.result}` }, RESULT_WORDS[view.outcome.result]),
        h('p', { className: 'lead' }, view.outcome.explanation),
        // As the one-device results' "See how it ended": the last week first, then the reveal.
        h(
          'div',
          { className: 'actions' },
          h(
            'button',
            { className: 'primary', id: 'net-end-button', onclick: () => void showEnd() },
            'See how it ended: who really fired',
          ),
        ),
        s.gamesStillPlaying
          ? h('p', { className: 'note', id: 'net-reveal-waits' }, revealWaitsText(s.gamesStillPlaying))
          : null,
        rung,
        ...news,
      );
      return;
    }
    if (projector) {
      const committed = (side: 'us' | 'iran') =>
        h(
          'li',
          {},
          `${scenario.sides[side].name}: `,
          h('bdi', {}, s.seats[side] ?? 'no team yet'),
          ' — ',
          view.submitted[side] ? 'orders in' : 'deciding',
        );
      fill(
        panel,
        h('h2', {}, `Week ${view.turn}`),
        rung,
        h('ul', { className: 'net-teams' }, committed('us'), committed('iran')),
        ...news,
      );
      return;
    }
    fill(panel, ...ordersPart(s, view), rung, h('details', { open: true }, h('summary', {}, 'News'), ...news));
  };

  /**
   * The map shows the seat's view; a week that resolves while the page is open is first played on it (the seat's
   * events, as the one-device game plays them), then the new view is drawn.
   */
  const showMap = (s: SeatState) => {
    const week = weeksOf(s).at(-1);
    if (!map) return;
    if (playedTurn === null || !week || week.turn <= playedTurn) {
      playedTurn = Math.max(playedTurn ?? 0, week?.turn ?? 0);
      if (!playing) map.show(s.view);
      return;
    }
    playedTurn = week.turn;
    playing = true;
    const shown = map;
    void shown.play(week.events, reducedMotion() ? 0 : 1).then(() => {
      playing = false;
      if (!gone && client.state) shown.show(client.state.view);
    });
  };

  const showStatus = (status: ConnectionStatus) => {
    if (gone) return;
    if (status.kind === 'refused') {
      gone = true;
      client.close();
      map?.destroy();
      forgetSeat();
      rejoin(
        status.error.code === 'seat-revoked'
          ? 'Your teacher has freed this seat. Join again with the class code.'
          : status.error.code === 'session-expired'
            ? 'That class session is over. Ask your teacher for today’s code.'
            : 'This device’s seat is no longer known to the class server. Join again with the class code.',
      );
      return;
    }
    connection.textContent = connectionText(status);
    connection.dataset.kind = status.kind;
  };

  client.on('state', (s) => {
    const resolved = weeksOf(s).at(-1)?.turn ?? 0;
    if (latest && resolved > latest.resolved) sealed = latest.view;
    latest = { view: s.view, resolved };
    clock.sync(s.serverTime);
    render();
    // A ruling on the last week changes the record (never reopens the game): the end screen shown is redrawn. One
    // waiting for the class's other games says how many remain, and opens the reveal when none does.
    if (ending === 'end' && ((ended && s.seq > ended.seq) || waitingForClass)) void showEnd();
  });
  client.on('status', showStatus);
  showStatus(client.status);
  const tick = setInterval(() => {
    if (gone) clearInterval(tick);
    else renderTop(client.state);
  }, 1000);
  render();
  createMap(mapDiv, scenario, mapJson as unknown as MapAsset, { onHover: () => {}, onSelect: () => {} }).then((m) => {
    if (gone) {
      m.destroy();
      return;
    }
    map = m;
    if (client.state) showMap(client.state);
  });
}
