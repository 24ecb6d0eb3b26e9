/**
 * The teacher's desk over the wire, against a real server process: the class code it is shown, every desk message a
 * team seat might try, and hostile or malformed desk messages — each refused with a reason, nothing changed.
 */
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { type ClassroomClient, joinClass } from '../../src/net/client.ts';
import {
  CLIENT_EVENT_NAMES,
  type ClientEventName,
  normalizeJoinCode,
  type Overview,
  type ProtocolError,
  type SeatState,
  stateStamp,
} from '../../src/net/protocol.ts';
import { joinCodeFor } from '../../src/server/secrets.ts';
import { connect, joinSeat, newSession, waitForState, rawSocket, serverForFile } from './harness.ts';

const server = serverForFile();
const raw = (auth: object): Promise<Socket> => rawSocket(server, auth);

const ask = (socket: Socket, event: string, payload: unknown) =>
  socket.timeout(5000).emitWithAck(event, payload) as Promise<{ ok: boolean; error?: ProtocolError }>;

function client(auth: { token: string } | { desk: string }): ClassroomClient {
  const c = connect(server.url, auth);
  server.track(c);
  return c;
}

/** The overview without its clock: what must not move when a message is refused. */
const still = (o: Overview) => ({ ...o, serverTime: 0 });

describe('the teacher’s desk over the wire', () => {
  it('is told its class code, drawn again from its secret after a reconnection; the code joins the class', async () => {
    const session = await newSession(server.url);
    expect(joinCodeFor(session.facilitatorSecret).shown).toBe(session.joinCode);
    expect(normalizeJoinCode(session.joinCode)).toBe(session.joinCode.replace('-', ''));
    const desk = client({ desk: session.facilitatorSecret });
    const first = await desk.request('desk:overview', {});
    expect(first).toMatchObject({ ok: true, joinCode: session.joinCode });
    // A second device with the same link (a reload), and the client's own copy from its first connection.
    const again = client({ desk: session.facilitatorSecret });
    expect(await again.request('desk:overview', {})).toMatchObject({ ok: true, joinCode: session.joinCode });
    await new Promise<void>((resolve) => {
      if (desk.joinCode) resolve();
      else desk.on('overview', () => resolve());
    });
    expect(desk.joinCode).toBe(session.joinCode);
    // Another session's desk is told its own code, never this one.
    const other = await newSession(server.url);
    const otherDesk = client({ desk: other.facilitatorSecret });
    expect(await otherDesk.request('desk:overview', {})).toMatchObject({ joinCode: other.joinCode });
    expect(other.joinCode).not.toBe(session.joinCode);
  });

  it('a team seat can send none of the desk’s messages, even well-formed ones, and nothing changes', async () => {
    const session = await newSession(server.url, { games: 2 });
    const us = await joinSeat(server.url, { code: session.joinCode, team: 'Eagles', seat: 'us' });
    const gameId = us.gameId;
    const desk = client({ desk: session.facilitatorSecret });
    const overview = async () => {
      const r = await desk.request('desk:overview', {});
      if (!r.ok) throw new Error(r.error.message);
      return still(r.overview);
    };
    // Connected first: the overview counts the seat's connections.
    const seat = await raw({ token: us.token });
    const before = await overview();
    const valid: Record<Extract<ClientEventName, `desk:${string}`>, unknown> = {
      'desk:overview': {},
      'desk:view': { gameId },
      'desk:watch': { gameId },
      'desk:pause': {},
      'desk:resume': {},
      'desk:timer': { seconds: 60 },
      'desk:inject': { game: 'all', inject: { type: 'card', card: 'x' } },
      'desk:ruling': { gameId, rulings: [{ type: 'vote', passed: true, reason: 'the whips counted again' }] },
      'desk:release-seat': { gameId, seat: 'us' },
      'desk:dismiss-request': { gameId, seat: 'us', team: 'Eagles' },
      'desk:replay': { gameId },
    };
    // Every desk event the protocol has is in the table: a new one must be added here too.
    expect(Object.keys(valid).sort()).toEqual(CLIENT_EVENT_NAMES.filter((e) => e.startsWith('desk:')).sort());
    for (const [event, payload] of Object.entries(valid)) {
      const r = await ask(seat, event, payload);
      expect(r.error, event).toMatchObject({ code: 'forbidden' });
    }
    expect(await overview()).toEqual(before);
    // The seat was not released by its own desk:release-seat: it still plays.
    expect(await ask(seat, 'sync', {})).toMatchObject({ ok: true });
  });

  it('hostile or malformed desk messages are refused with the field named, and change nothing', async () => {
    const session = await newSession(server.url);
    const gameId = session.games[0]!.gameId;
    const other = await newSession(server.url);
    const us = client({ token: (await joinSeat(server.url, { code: session.joinCode, team: 'A', seat: 'us' })).token });
    const iran = client({
      token: (await joinSeat(server.url, { code: session.joinCode, team: 'B', seat: 'iran' })).token,
    });
    const desk = client({ desk: session.facilitatorSecret });
    const deskSocket = await raw({ desk: session.facilitatorSecret });
    // Before any week is played a ruling has nothing to rule on.
    expect(
      await ask(deskSocket, 'desk:ruling', {
        gameId,
        rulings: [{ type: 'vote', passed: true, reason: 'a recount' }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'refused' } });
    // One week with a rocket attack, so that there are rolls to rule on.
    const seen = await waitForState(iran, (s) => s.view.turn === 1);
    const rocket = seen.view.legalOrders.filter((o) => o.type === 'rocket-attack').slice(0, 1);
    expect(rocket).toHaveLength(1);
    await waitForState(us, (s) => s.view.turn === 1);
    expect(await us.commit(1, [])).toMatchObject({ ok: true });
    expect(await iran.commit(1, rocket)).toMatchObject({ ok: true });
    await waitForState(us, (s) => s.view.turn === 2);
    const view = await desk.request('desk:view', { gameId });
    if (!view.ok) throw new Error(view.error.message);
    const attack = view.state.view.attacks[0]!.id;

    const before = await desk.request('desk:overview', {});
    if (!before.ok) throw new Error(before.error.message);
    const written = { type: 'written', template: 'protest', variant: 'small', title: 'Crowds', text: 'At the gate.' };
    const reason = 'the facilitator says so';
    const cases: [string, unknown, string, string?][] = [
      ['desk:inject', { game: gameId, inject: { ...written, template: 'coup' } }, 'refused', 'inject'],
      ['desk:inject', { game: gameId, inject: { ...written, variant: 'enormous' } }, 'refused', 'inject'],
      ['desk:inject', { game: gameId, inject: { ...written, title: 'x'.repeat(121) } }, 'bad-message', 'inject.title'],
      ['desk:inject', { game: gameId, inject: { ...written, text: '   ' } }, 'bad-message', 'inject.text'],
      ['desk:inject', { game: gameId, inject: { ...written, effects: { ladder: 99 } } }, 'bad-message', 'inject'],
      ['desk:inject', { game: gameId, inject: { type: 'card', card: 'no-such-card' } }, 'refused', 'inject'],
      ['desk:inject', { game: 'no-such-game', inject: written }, 'no-such-game', 'game'],
      ['desk:inject', { game: other.games[0]!.gameId, inject: written }, 'no-such-game', 'game'],
      [
        'desk:ruling',
        { gameId, rulings: [{ type: 'vote', passed: true, reason: 'x' }] },
        'bad-message',
        'rulings.0.reason',
      ],
      [
        'desk:ruling',
        { gameId, rulings: Array.from({ length: 9 }, () => ({ type: 'vote', passed: true, reason })) },
        'bad-message',
        'rulings',
      ],
      [
        'desk:ruling',
        { gameId, rulings: [{ type: 'attack-attributed', attack, suspect: 'skynet', reason }] },
        'refused',
        'rulings',
      ],
      [
        'desk:ruling',
        {
          gameId,
          rulings: [
            { type: 'attack-missed', attack, reason },
            { type: 'attack-missed', attack, reason: 'twice over' },
          ],
        },
        'refused',
        'rulings',
      ],
      ['desk:ruling', { gameId, rulings: [{ type: 'strike-missed', strike: 77, reason }] }, 'refused'],
      ['desk:ruling', { gameId: other.games[0]!.gameId, rulings: [] }, 'not-your-game'],
      ['desk:timer', { seconds: 3601 }, 'bad-message', 'seconds'],
      ['desk:timer', { seconds: -1 }, 'bad-message', 'seconds'],
      ['desk:release-seat', { gameId, seat: 'projector' }, 'bad-message', 'seat'],
      ['desk:watch', { gameId: '../../etc' }, 'bad-message', 'gameId'],
    ];
    for (const [event, payload, code, path] of cases) {
      const r = await ask(deskSocket, event, payload);
      const what = `${event} ${JSON.stringify(payload).slice(0, 100)}`;
      expect(r.ok, what).toBe(false);
      expect(r.error!.code, what).toBe(code);
      if (path) expect(r.error!.path, what).toBe(path);
      expect(r.error!.message.length, what).toBeGreaterThan(8);
    }
    const after = await desk.request('desk:overview', {});
    if (!after.ok) throw new Error(after.error.message);
    expect(still(after.overview)).toEqual(still(before.overview));
    const replay = await desk.request('desk:replay', { gameId });
    expect(replay.ok && replay.replay.turns[0]!.rulings).toBeFalsy();

    // The same desk's well-formed ruling and written inject go through; the teams see the ruling and the inject,
    // and still nothing of the other side's or the desk's hidden view.
    const ruling = { type: 'attack-attributed' as const, attack, suspect: null, reason: 'the evidence was thin' };
    expect(await desk.request('desk:ruling', { gameId, rulings: [ruling] })).toMatchObject({ ok: true });
    expect(await desk.request('desk:inject', { game: gameId, inject: written as never })).toMatchObject({ ok: true });
    for (const [team, seat] of [
      [us, 'us'],
      [iran, 'iran'],
    ] as const) {
      const s: SeatState = await waitForState(team, (x) => x.news.some((n) => n.turn === 2));
      expect(s.seat).toBe(seat);
      expect(s.view.sealed).toBeUndefined();
      expect(s.hash).toBeUndefined();
      const events = s.news.flatMap((n) => n.events);
      // A ruling on the attribution changes what US intelligence believes: the US team is told, Iran is not.
      expect(events.some((e) => e.type === 'ruling' && e.ruling.reason === ruling.reason)).toBe(seat === 'us');
      expect(events).toContainEqual(expect.objectContaining({ type: 'card', released: 'written', title: 'Crowds' }));
      // Who really fired is Iran's to know (and the desk's), never the US team's.
      expect(events.some((e) => e.type === 'perpetrator')).toBe(seat === 'iran');
    }
    // Once a team has committed, the other side's sealed orders stay sealed from the other team.
    expect(await us.commit(2, [])).toMatchObject({ ok: true });
    const iranSees = await waitForState(iran, (s) => s.view.submitted.us);
    expect(iranSees.view.ownOrders).toBeNull();
    expect(JSON.stringify(iranSees)).not.toContain('"sealed"');
  });
});

describe('the desk’s timer', () => {
  it('belongs to the week each game was ordering when it was set: it ends when that week resolves, and with the game', async () => {
    const session = await newSession(server.url, { games: 2 });
    const teams = [];
    for (const game of [1, 2]) {
      const us = await joinSeat(server.url, { code: session.joinCode, team: `U${game}`, seat: 'us', game });
      const iran = await joinSeat(server.url, { code: session.joinCode, team: `I${game}`, seat: 'iran', game });
      teams.push({ us: client({ token: us.token }), iran: client({ token: iran.token }) });
    }
    const [g1, g2] = teams as [(typeof teams)[0], (typeof teams)[0]];
    const desk = client({ desk: session.facilitatorSecret });
    const overview = async () => {
      const r = await desk.request('desk:overview', {});
      if (!r.ok) throw new Error(r.error.message);
      return r.overview;
    };
    const week = async (t: typeof g1) => {
      const turn = (await waitForState(t.us, () => true)).view.turn;
      await waitForState(t.iran, (s) => s.view.turn === turn);
      expect(await t.us.commit(turn, [])).toMatchObject({ ok: true });
      expect(await t.iran.commit(turn, [])).toMatchObject({ ok: true });
      return waitForState(t.us, (s) => s.view.turn > turn || s.view.outcome !== null);
    };

    // Set in week 1: every seat of both games counts down.
    const set = await desk.request('desk:timer', { seconds: 60 });
    if (!set.ok) throw new Error(set.error.message);
    const endsAt = set.timerEndsAt!;
    for (const t of [g1, g2]) await waitForState(t.iran, (s) => s.timerEndsAt === endsAt);
    // Game 1's week 1 resolves: its week 2 has no timer; game 2, still in week 1, keeps it.
    expect((await week(g1)).timerEndsAt).toBeNull();
    expect((await waitForState(g1.iran, (s) => s.view.turn === 2)).timerEndsAt).toBeNull();
    expect((await waitForState(g2.us, () => true)).timerEndsAt).toBe(endsAt);
    let o = await overview();
    expect(o.games.map((g) => g.timerEndsAt)).toEqual([null, endsAt]);
    expect(o.timerEndsAt).toBe(endsAt);
    // A sync with the stamp of the state it holds is answered "unchanged": the stamp carries the week's timer.
    expect(await g1.us.request('sync', { unlessStamp: stateStamp(g1.us.state!) })).toEqual({
      ok: true,
      unchanged: true,
    });
    expect((await week(g2)).timerEndsAt).toBeNull();
    o = await overview();
    expect([o.timerEndsAt, ...o.games.map((g) => g.timerEndsAt)]).toEqual([null, null, null]);

    // Set again in the last week of game 1: it ends with the game, not after it.
    while ((await waitForState(g1.us, () => true)).view.turn < (g1.us.state!.view.lastTurn ?? 0)) await week(g1);
    const last = await desk.request('desk:timer', { seconds: 60 });
    if (!last.ok) throw new Error(last.error.message);
    await waitForState(g1.us, (s) => s.timerEndsAt === last.timerEndsAt);
    const over = await week(g1);
    expect(over.view.outcome).not.toBeNull();
    expect(over.timerEndsAt).toBeNull();
    o = await overview();
    expect(o.games[0]!.timerEndsAt).toBeNull();
    // Game 2 is in its week 2, which the timer was set in: it counts there still.
    expect(o.games[1]!.timerEndsAt).toBe(last.timerEndsAt);
    // With every game over there is no week to time: none is set, and the desk is told so.
    while ((await week(g2)).view.outcome === null);
    const none = await desk.request('desk:timer', { seconds: 60 });
    if (!none.ok) throw new Error(none.error.message);
    expect(none.timerEndsAt).toBeNull();
  });
});

describe('what the desk is told about seats', () => {
  /** The desk's overview once `test` holds for it: asked now, then from its pushes. */
  const overviewWhen = (desk: ClassroomClient, test: (o: Overview) => boolean): Promise<Overview> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no such overview within 10 s')), 10_000);
      const done = (o: Overview) => {
        if (!test(o)) return;
        clearTimeout(timer);
        off();
        resolve(o);
      };
      const off = desk.on('overview', done);
      void desk.request('desk:overview', {}).then((r) => r.ok && done(r.overview));
    });

  it('whether a device is connected on each seat: a team that closes its page shows as not connected', async () => {
    const session = await newSession(server.url);
    const desk = client({ desk: session.facilitatorSecret });
    const us = await joinSeat(server.url, { code: session.joinCode, team: 'Eagles', seat: 'us' });
    await joinSeat(server.url, { code: session.joinCode, team: 'Wall', seat: 'projector' });
    let o = await overviewWhen(desk, (x) => x.games[0]!.seats.us === 'Eagles');
    expect(o.games[0]!.connected).toEqual({ us: 0, iran: 0, projectors: 0 });
    const page = client({ token: us.token });
    const second = client({ token: us.token });
    o = await overviewWhen(desk, (x) => x.games[0]!.connected.us === 2);
    expect(o.games[0]!.connected).toEqual({ us: 2, iran: 0, projectors: 0 });
    page.close();
    second.close();
    o = await overviewWhen(desk, (x) => x.games[0]!.connected.us === 0);
    expect(o.games[0]!.seats.us).toBe('Eagles');
  });

  it('a request for a taken seat can be dismissed: it leaves the desk, and the seat stays with its team', async () => {
    const session = await newSession(server.url);
    const desk = client({ desk: session.facilitatorSecret });
    const us = await joinSeat(server.url, { code: session.joinCode, team: 'Eagles', seat: 'us' });
    for (const team of ['Hawks', 'Falcons'])
      expect(await joinClass(server.url, { code: session.joinCode, team, seat: 'us', game: 1 })).toMatchObject({
        ok: false,
        error: { code: 'seat-taken' },
      });
    await overviewWhen(desk, (o) => o.requests.length === 2);
    expect(await desk.request('desk:dismiss-request', { gameId: us.gameId, seat: 'us', team: 'Hawks' })).toMatchObject({
      ok: true,
    });
    const o = await overviewWhen(desk, (x) => x.requests.length === 1);
    expect(o.requests.map((r) => r.team)).toEqual(['Falcons']);
    expect(o.games[0]!.seats.us).toBe('Eagles');
    // Another session's game is not this desk's to touch.
    const other = await newSession(server.url);
    expect(
      await desk.request('desk:dismiss-request', { gameId: other.games[0]!.gameId, seat: 'us', team: 'Falcons' }),
    ).toMatchObject({ ok: false, error: { code: 'not-your-game' } });
  });
});
