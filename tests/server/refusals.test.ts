import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassroomClient } from '../../src/net/client.ts';
import { joinClass } from '../../src/net/client.ts';
import { type GameOverview, LIMITS, type ProtocolError, type SeatState } from '../../src/net/protocol.ts';
import { connect, joinSeat, newSession, tempDir, waitForState, rawSocket, serverForFile } from './harness.ts';

const dist = tempDir();
beforeAll(() => {
  mkdirSync(join(dist.path, 'site'));
  writeFileSync(join(dist.path, 'site', 'index.html'), '<!doctype html><title>the game</title>');
  writeFileSync(join(dist.path, 'site', 'app.js'), 'console.log(1)');
  writeFileSync(join(dist.path, 'secret.txt'), 'outside the site');
});
afterAll(() => dist.remove());
const server = serverForFile(() => ({
  DIST_DIR: join(dist.path, 'site'),
  JOIN_FAILURES: '5',
  JOIN_WINDOW_SECONDS: '60',
}));
const raw = (auth: object): Promise<Socket> => rawSocket(server, auth);

function refusedHandshake(auth: object): Promise<ProtocolError> {
  const socket = io(server.url, { auth, transports: ['websocket'], reconnection: false });
  server.track(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected')));
    socket.once('connect_error', (e: Error & { data?: ProtocolError }) => resolve(e.data!));
  });
}

const ask = (socket: Socket, event: string, payload: unknown) =>
  socket.timeout(5000).emitWithAck(event, payload) as Promise<{ ok: boolean; error?: ProtocolError }>;

async function post(path: string, body: string) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as never };
}

describe('refusals: each one answered with a reason, nothing changed', () => {
  let session: Awaited<ReturnType<typeof newSession>>;
  let usToken: string;
  let iranToken: string;
  let gameId: string;
  let desk: ClassroomClient;
  /** Game 1 as the desk sees it, but for the connections open on its seats: the tests open some as they go. */
  const game = async (): Promise<Omit<GameOverview, 'connected'>> => {
    const r = await desk.request('desk:overview', {});
    if (!r.ok) throw new Error(r.error.message);
    const { connected: _, ...rest } = r.overview.games[0]!;
    return rest;
  };

  beforeAll(async () => {
    session = await newSession(server.url, { games: 2 });
    const us = await joinSeat(server.url, { code: session.joinCode, team: 'Eagles', seat: 'us' });
    const iran = await joinSeat(server.url, { code: session.joinCode, team: 'Lions', seat: 'iran' });
    usToken = us.token;
    iranToken = iran.token;
    gameId = us.gameId;
    desk = connect(server.url, { desk: session.facilitatorSecret });
    server.track(desk);
  });

  it('a team cannot give orders for the other side, open the desk, or read another game', async () => {
    const before = await game();
    const us = await raw({ token: usToken });
    const forOther = await ask(us, 'commit', { turn: 1, commitId: 'c1', orders: [], seat: 'iran' });
    expect(forOther.error).toMatchObject({ code: 'bad-message' });
    expect(forOther.error!.message).toContain('seat');
    for (const event of ['desk:pause', 'desk:overview', 'desk:replay']) {
      const r = await ask(us, event, event === 'desk:replay' ? { gameId } : {});
      expect(r.error, event).toMatchObject({
        code: 'forbidden',
        message: "the teacher's desk needs the facilitator's secret",
      });
    }
    const otherGame = session.games[1]!.gameId;
    expect((await ask(us, 'sync', { gameId: otherGame })).error).toMatchObject({ code: 'not-your-game' });
    const otherSession = await newSession(server.url);
    expect((await ask(us, 'sync', { gameId: otherSession.games[0]!.gameId })).error).toMatchObject({
      code: 'not-your-game',
    });
    // The desk of one session cannot reach a game of another.
    const r = await desk.request('desk:view', { gameId: otherSession.games[0]!.gameId });
    expect(!r.ok && r.error.code).toBe('not-your-game');
    // The projector seat sees the public view and gives no orders.
    const projector = await joinSeat(server.url, { code: session.joinCode, team: 'Wall', seat: 'projector' });
    const p = await raw({ token: projector.token });
    expect((await ask(p, 'commit', { turn: 1, commitId: 'p1', orders: [] })).error).toMatchObject({
      code: 'forbidden',
    });
    const view = (await ask(p, 'sync', {})) as unknown as { state: { view: { seat: string; ownOrders: unknown } } };
    expect(view.state.view).toMatchObject({ seat: 'public', ownOrders: null });
    expect(await game()).toEqual({ ...before, seats: { ...before.seats, projectors: 1 } });
  });

  it('forged, released and missing tokens and a wrong desk secret are refused at the handshake', async () => {
    expect(await refusedHandshake({})).toMatchObject({ code: 'unauthorized' });
    expect(await refusedHandshake({ token: 'x'.repeat(43) })).toMatchObject({ code: 'unauthorized' });
    expect(await refusedHandshake({ desk: 'y'.repeat(43) })).toMatchObject({ code: 'unauthorized' });
    expect(await refusedHandshake({ token: 5 })).toMatchObject({ code: 'unauthorized' });

    // A seat taken twice is refused; the teacher releases it; the old token is dead, open connections closed.
    const second = await joinClass(server.url, { code: session.joinCode, team: 'Again', seat: 'iran', game: 1 });
    expect(!second.ok && second.error.code).toBe('seat-taken');
    const asked = await desk.request('desk:overview', {});
    expect(asked.ok && asked.overview.requests).toEqual([
      { gameId, game: 1, seat: 'iran', team: 'Again', at: expect.any(Number) },
    ]);
    const open = connect(server.url, { token: iranToken });
    server.track(open);
    await waitForState(open, () => true);
    const released = await desk.request('desk:release-seat', { gameId, seat: 'iran' });
    expect(released).toEqual({ ok: true, released: 1 });
    await new Promise<void>((done) => {
      const off = open.on('status', (s) => {
        if (s.kind === 'refused') {
          off();
          done();
        }
      });
      if (open.status.kind === 'refused') done();
    });
    expect(open.status).toMatchObject({ kind: 'refused', error: { code: 'seat-revoked' } });
    expect(await refusedHandshake({ token: iranToken })).toMatchObject({ code: 'seat-revoked' });
    const again = await joinSeat(server.url, { code: session.joinCode, team: 'New Lions', seat: 'iran', game: 1 });
    iranToken = again.token;
    expect((await game()).seats.iran).toBe('New Lions');
    const answered = await desk.request('desk:overview', {});
    expect(answered.ok && answered.overview.requests).toEqual([]);
  });

  it('a team asking for a full side without a game number is refused and asks the teacher', async () => {
    const small = await newSession(server.url, { games: 1 });
    await joinSeat(server.url, { code: small.joinCode, team: 'Holders', seat: 'us' });
    const late = await joinClass(server.url, { code: small.joinCode, team: 'Latecomers', seat: 'us' });
    expect(!late.ok && late.error.code).toBe('seat-taken');
    const smallDesk = connect(server.url, { desk: small.facilitatorSecret });
    server.track(smallDesk);
    const overview = await smallDesk.request('desk:overview', {});
    expect(overview.ok && overview.overview.requests).toEqual([
      { gameId: small.games[0]!.gameId, game: 1, seat: 'us', team: 'Latecomers', at: expect.any(Number) },
    ]);
  });

  it('malformed, oversized, unknown and unanswerable messages get a refusal and the connection stays', async () => {
    const before = await game();
    const us = await raw({ token: usToken });
    const cases: [string, unknown, string][] = [
      ['commit', null, 'bad-message'],
      ['commit', [1, 2], 'bad-message'],
      ['commit', { turn: '1', commitId: 'a', orders: [] }, 'bad-message'],
      ['commit', { turn: 1, commitId: 'a b', orders: [] }, 'bad-message'],
      ['commit', { turn: 1, commitId: 'a', orders: [{ type: 'nuke-everything' }] }, 'bad-message'],
      ['commit', { turn: 1, commitId: 'a', orders: 'hold' }, 'bad-message'],
      ['commit', { turn: 1, commitId: 'a', orders: [], pad: 'x'.repeat(20_000) }, 'too-large'],
      ['desk:pause', { x: 1 }, 'bad-message'],
      ['take-over', {}, 'unknown-event'],
    ];
    for (const [event, payload, code] of cases) {
      const r = await ask(us, event, payload);
      expect(r.ok, JSON.stringify(payload)?.slice(0, 80)).toBe(false);
      expect(r.error!.code, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).toBe(code);
      expect(r.error!.message.length).toBeGreaterThan(5);
    }
    const refused = new Promise((resolve) => us.once('refused', resolve));
    us.emit('commit', { turn: 1, commitId: 'a', orders: [] });
    expect(await refused).toMatchObject({ event: 'commit', error: { code: 'no-ack' } });
    expect(us.connected).toBe(true);
    expect(await game()).toEqual(before);
  });

  it('a 5 MB message closes only its own connection, before any handler runs; the client module refuses to send it', async () => {
    const before = await game();
    const us = await raw({ token: usToken });
    const closed = new Promise<string>((resolve) => us.once('disconnect', resolve));
    us.emit('commit', { turn: 1, commitId: 'big', orders: [], pad: 'x'.repeat(5 * 1024 * 1024) }, () => {});
    expect(await closed).toMatch(/transport close/);
    const client = connect(server.url, { token: usToken });
    server.track(client);
    await waitForState(client, () => true);
    const big = await client.request('commit', {
      turn: 1,
      commitId: 'big',
      orders: Array.from({ length: 5 }, () => ({ type: 'strike-site', site: 'x'.repeat(1024 * 1024) })) as never,
    });
    expect(big).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(await game()).toEqual(before);
    // HTTP too: a 5 MB join body is answered 413 with a reason.
    const join = await post('/api/join', JSON.stringify({ code: 'x', team: 'y'.repeat(5 * 1024 * 1024), seat: 'us' }));
    expect(join.status).toBe(413);
    expect(join.body).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('out-of-order and repeated commits: a stale week, a repeat with the same id, another set of orders', async () => {
    const us = await raw({ token: usToken });
    expect((await ask(us, 'commit', { turn: 2, commitId: 'w2', orders: [] })).error).toMatchObject({
      code: 'stale-turn',
    });
    const first = await ask(us, 'commit', { turn: 1, commitId: 'w1-a', orders: [] });
    expect(first).toMatchObject({ ok: true, dup: false });
    const repeat = await ask(us, 'commit', { turn: 1, commitId: 'w1-a', orders: [] });
    expect(repeat).toEqual({ ...first, dup: true });
    // The same id with other orders is no retry: it is refused, and the orders stored stay.
    const synced = (await ask(us, 'sync', {})) as unknown as { state: SeatState };
    const other = synced.state.view.legalOrders.slice(0, 1);
    expect(other).toHaveLength(1);
    const conflict = await ask(us, 'commit', { turn: 1, commitId: 'w1-a', orders: other });
    expect(conflict.error).toMatchObject({ code: 'commit-conflict' });
    expect(conflict.error!.message).toMatch(/week 1/);
    expect((await ask(us, 'commit', { turn: 1, commitId: 'w1-b', orders: [] })).error).toMatchObject({
      code: 'already-committed',
    });
    const g = await game();
    expect(g.committed).toEqual({ us: true, iran: false });
    expect(g.seq).toBe((first as unknown as { seq: number }).seq);
  });

  it('the desk pauses every game: commits are refused until it resumes; markup in a team name stays text', async () => {
    expect(await desk.request('desk:pause', {})).toEqual({ ok: true });
    const iran = await raw({ token: iranToken });
    const paused = await ask(iran, 'commit', { turn: 1, commitId: 'i1', orders: [] });
    expect(paused.error).toMatchObject({ code: 'paused' });
    expect((await game()).committed.iran).toBe(false);
    expect(await desk.request('desk:resume', {})).toEqual({ ok: true });
    expect(await ask(iran, 'commit', { turn: 1, commitId: 'i1', orders: [] })).toMatchObject({ ok: true });
    expect((await game()).turn).toBe(2);

    const markup = '<img src=x onerror=alert(1)>';
    const joined = await joinSeat(server.url, { code: session.joinCode, team: markup, seat: 'us', game: 2 });
    expect(joined.team).toBe(markup);
    const bad = await joinClass(server.url, { code: session.joinCode, team: 'two\nlines', seat: 'iran' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-message', path: 'team' } });
  });

  it('team names that would not print as typed, or pass for a computer player, are refused with the reason', async () => {
    const cases: { name: string; team: string; reason: RegExp }[] = [
      { name: 'a right-to-left override', team: 'Eagles\u202Eselgae', reason: /invisible formatting characters/ },
      { name: 'a zero-width space', team: 'Ea\u200Bgles', reason: /invisible formatting characters/ },
      { name: 'a zero-width joiner', team: 'Eagles\u200D', reason: /invisible formatting characters/ },
      { name: 'only zero-width spaces', team: '\u200B\u200B', reason: /only invisible characters/ },
      { name: 'only spaces once invisible marks go', team: ' \u2060 \u200C ', reason: /only invisible characters/ },
      { name: 'only spaces', team: '   ', reason: /a team name is required/ },
      { name: 'a computer player’s mark', team: 'computer: measured', reason: /"computer:"/ },
      { name: 'the mark in capitals, spaced', team: 'COMPUTER : strategist', reason: /"computer:"/ },
      { name: 'the mark with a full-width colon', team: 'computer：strategist', reason: /"computer:"/ },
      { name: 'the mark in Cyrillic letters', team: 'соmputer: measured', reason: /"computer:"/ },
      { name: 'a non-joiner between Latin letters', team: 'Ea\u200Cgles', reason: /invisible formatting characters/ },
      { name: 'a line separator', team: 'two\u2028lines', reason: /one line/ },
    ];
    // A class of its own: the names that pass take class screens, which a game has a few of.
    const { joinCode } = await newSession(server.url);
    for (const c of cases) {
      const r = await post('/api/join', JSON.stringify({ code: joinCode, team: c.team, seat: 'projector' }));
      expect(r.status, c.name).toBe(400);
      expect(r.body, c.name).toMatchObject({ ok: false, error: { code: 'bad-message', path: 'team' } });
      expect((r.body as { error: ProtocolError }).error.message, c.name).toMatch(c.reason);
    }
    // Names close to them stay welcome: other scripts, emoji, "computer" without the colon.
    // A Persian keyboard types a zero-width non-joiner inside words; an emoji sequence holds joiners.
    const welcome = [
      'Équipe Ω',
      'نسور',
      'شیر\u200Cها',
      '👨\u200D👩\u200D👧',
      '🦅 Eagles',
      'Computer club',
      'the computer: not first',
    ];
    for (const team of welcome) {
      const r = await post('/api/join', JSON.stringify({ code: joinCode, team, seat: 'projector' }));
      expect(r.status, team).toBe(200);
      expect(r.body, team).toMatchObject({ ok: true, team });
    }
  });

  it('one seat token holds a few connections, not a flood of them; the client comes back when one closes', async () => {
    const small = await newSession(server.url, { games: 1 });
    const seat = await joinSeat(server.url, { code: small.joinCode, team: 'Tabs', seat: 'us' });
    const open: Socket[] = [];
    for (let i = 0; i < LIMITS.connectionsPerToken; i++) open.push(await raw({ token: seat.token }));
    const refused = await refusedHandshake({ token: seat.token });
    expect(refused).toMatchObject({ code: 'rate-limited', retryAfterSeconds: 5 });
    expect(refused.message).toContain(`${LIMITS.connectionsPerToken} connections open`);
    // The desk is counted apart from the seats: it still connects.
    expect((await raw({ desk: small.facilitatorSecret })).connected).toBe(true);

    // The game's own client says why it waits, and tries again when the refusal says to.
    const client = connect(server.url, { token: seat.token });
    server.track(client);
    const waiting = () => client.status.kind === 'reconnecting' && /connections open/.test(client.status.reason);
    for (let tries = 0; !waiting() && tries < 100; tries++) await new Promise((r) => setTimeout(r, 20));
    expect(waiting()).toBe(true);
    open[0]!.disconnect();
    for (let tries = 0; client.status.kind !== 'connected' && tries < 100; tries++)
      await new Promise((r) => setTimeout(r, 100));
    expect(client.status.kind).toBe('connected');
    expect((await client.request('sync', {})).ok).toBe(true);
  });

  it('a flood of messages is slowed with refusals, not a disconnect', async () => {
    const us = await raw({ token: usToken });
    const replies = await Promise.all(Array.from({ length: 40 }, () => ask(us, 'sync', {})));
    const limited = replies.filter((r) => r.error?.code === 'rate-limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(replies.filter((r) => r.ok).length).toBeGreaterThanOrEqual(20);
    expect(us.connected).toBe(true);
  });

  it('serves the built game and nothing outside it', async () => {
    const get = async (path: string) => {
      const res = await fetch(`${server.url}${path}`);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    };
    expect(await get('/app.js')).toEqual({
      status: 200,
      type: 'text/javascript; charset=utf-8',
      text: 'console.log(1)',
    });
    expect((await get('/join')).text).toContain('the game');
    expect((await get('/desk')).text).toContain('the game');
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/a/../../secret.txt'])
      expect((await get(path)).text, path).not.toContain('outside');
    // fetch tidies dot segments away before sending; a raw request does not.
    const raw = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.process.port, path: '/../secret.txt' }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });
    expect(raw).toContain('the game');
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/api/sessions')).status).toBe(405);
    expect(JSON.parse((await get('/api/health')).text)).toMatchObject({
      ok: true,
      store: 'sqlite',
      games: expect.any(Number),
    });
  });

  it('a join refused for what it asks is answered 200 with the reason; one the server cannot read is an HTTP error', async () => {
    const small = await newSession(server.url, { games: 1 });
    const versusComputer = await newSession(server.url, { games: 1, computer: { iran: 'opportunist' } });
    await joinSeat(server.url, { code: small.joinCode, team: 'Owls', seat: 'us' });
    const join = (body: object) => post('/api/join', JSON.stringify(body));
    // The protocol's answers to well-formed requests: a browser does not log these as failed loads.
    const answers: { name: string; body: object; code: string; message: RegExp }[] = [
      {
        name: 'a taken seat',
        body: { code: small.joinCode, team: 'Hawks', seat: 'us' },
        code: 'seat-taken',
        message: /every US seat is taken: ask your teacher/,
      },
      {
        name: 'a taken seat in a named game',
        body: { code: small.joinCode, team: 'Hawks', seat: 'us', game: 1 },
        code: 'seat-taken',
        message: /another team holds this seat in game 1: your teacher can see your request/,
      },
      {
        name: 'a name that looks like another team’s',
        body: { code: small.joinCode, team: 'Оwls', seat: 'iran' },
        code: 'name-taken',
        message: /already taken by a team with a name that looks the same \("Owls", game 1\)/,
      },
      {
        name: 'a game the class does not have',
        body: { code: small.joinCode, team: 'Hawks', seat: 'iran', game: 4 },
        code: 'no-such-game',
        message: /no game 4/,
      },
      {
        name: 'the side the computer plays',
        body: { code: versusComputer.joinCode, team: 'Hawks', seat: 'iran' },
        code: 'forbidden',
        message: /the computer plays Iran/,
      },
    ];
    for (const a of answers) {
      const r = await join(a.body);
      expect(r.status, a.name).toBe(200);
      expect(r.body, a.name).toMatchObject({ ok: false, error: { code: a.code } });
      expect((r.body as { error: ProtocolError }).error.message, a.name).toMatch(a.message);
    }
    // What the server cannot read stays an HTTP error.
    const malformed = await join({ code: small.joinCode, team: 'Hawks', seat: 'pilot' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ ok: false, error: { code: 'bad-message', path: 'seat' } });
    const notJson = await post('/api/join', '{"code":');
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ ok: false, error: { code: 'bad-message', message: 'the body is not JSON' } });
  });

  it('wrong join codes: each refused, then the address must wait, but for the codes of classes already here', async () => {
    for (let i = 0; i < 3; i++)
      expect(
        (await post('/api/join', JSON.stringify({ code: session.joinCode, team: `P${i}`, seat: 'projector' }))).status,
      ).toBe(200);
    for (let i = 0; i < 5; i++) {
      const r = await post('/api/join', JSON.stringify({ code: `ZZZZ-ZZZ${i}`, team: 'guess', seat: 'us' }));
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'wrong-code' } });
    }
    // Locked against guessing: a new code, and the right code of a class never joined from this address, wait alike.
    const fresh = await newSession(server.url);
    for (const code of ['ZZZZ-ZZZ9', fresh.joinCode]) {
      const blocked = await post('/api/join', JSON.stringify({ code, team: 'late', seat: 'projector' }));
      expect(blocked.status, code).toBe(429);
      expect(Number(blocked.retryAfter), code).toBeGreaterThan(0);
      expect(blocked.body, code).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    }
    // The class whose code was used here goes on joining; and a desk connecting from here makes its class's known.
    const late = await post('/api/join', JSON.stringify({ code: session.joinCode, team: 'late', seat: 'projector' }));
    expect(late.body).toMatchObject({ ok: true, team: 'late' });
    expect((await raw({ desk: fresh.facilitatorSecret })).connected).toBe(true);
    const after = await post('/api/join', JSON.stringify({ code: fresh.joinCode, team: 'Owls', seat: 'us' }));
    expect(after.body).toMatchObject({ ok: true, team: 'Owls' });
  });
});
