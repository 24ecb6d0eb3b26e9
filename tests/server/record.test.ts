import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { type Order, type Side, scenarioHash, verifyReplay, viewFor } from '../../src/engine/index.ts';
import type { ProtocolError } from '../../src/net/protocol.ts';
import { LiveGame, type Plan } from '../../src/server/live-game.ts';
import {
  connect,
  hashState,
  joinSeat,
  loadScenario,
  newSession,
  type PlayRecord,
  playWeek,
  rawSocket,
  replayHere,
  serverForFile,
  startServer,
  waitForState,
} from './harness.ts';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * game:record, the finished game's whole record for the seats' end screens: every secret of both sides, so refused
 * while the game runs and given to every seat once it is over.
 */
const scenario = loadScenario();
const server = serverForFile();

const ask = (socket: Socket, event: string, payload: unknown) =>
  socket.timeout(5000).emitWithAck(event, payload) as Promise<{ ok: boolean; error?: ProtocolError }>;

describe('a game’s record for the seats (game:record)', () => {
  it('is refused while the game runs, malformed or from the desk, and given to every seat once it is over', async () => {
    const session = await newSession(server.url);
    const usSeat = await joinSeat(server.url, { code: session.joinCode, team: 'Eagles', seat: 'us' });
    const iranSeat = await joinSeat(server.url, { code: session.joinCode, team: 'Lions', seat: 'iran' });
    const wallSeat = await joinSeat(server.url, { code: session.joinCode, team: 'Wall', seat: 'projector' });
    const us = connect(server.url, { token: usSeat.token });
    const iran = connect(server.url, { token: iranSeat.token });
    const wall = connect(server.url, { token: wallSeat.token });
    const desk = connect(server.url, { desk: session.facilitatorSecret });
    server.track(us, iran, wall, desk);
    await Promise.all([us, iran, wall].map((c) => waitForState(c, () => true)));

    // Before the end: refused to every seat, at the start and in the middle of the game, with the reason.
    const record: PlayRecord = { us: [], iran: [] };
    for (let week = 1; week <= 2; week++) {
      for (const seat of [us, iran, wall]) {
        const early = await seat.request('game:record', {});
        expect(early.ok).toBe(false);
        if (early.ok) return;
        expect(early.error.code).toBe('not-over');
        expect(early.error.message).toMatch(/once the game is over; week \d+ of \d+ is being played/);
      }
      await playWeek(us, iran, record);
    }

    // Malformed (as a hostile client would send it) and from the desk: refused, the connection kept.
    const raw = await rawSocket(server, { token: usSeat.token });
    const cases: [unknown, string][] = [
      [null, 'bad-message'],
      [[], 'bad-message'],
      [{ gameId: usSeat.gameId }, 'bad-message'],
      [{ pad: 'x'.repeat(20_000) }, 'too-large'],
    ];
    for (const [payload, code] of cases) {
      const r = await ask(raw, 'game:record', payload);
      expect(r.ok).toBe(false);
      expect(r.error!.code, JSON.stringify(payload).slice(0, 60)).toBe(code);
    }
    expect(raw.connected).toBe(true);
    const fromDesk = await desk.request('game:record', {});
    expect(!fromDesk.ok && fromDesk.error.code).toBe('forbidden');

    while (us.state!.view.outcome === null) await playWeek(us, iran, record);
    await waitForState(wall, (s) => s.view.outcome !== null);
    const here = replayHere(scenario, record);

    // After the end: every seat gets the same record, the engine's replay of the game as played.
    const replays = [];
    for (const seat of [us, iran, wall]) {
      const r = await seat.request('game:record', {});
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.seq).toBe(seat.state!.seq);
      const verified = verifyReplay(scenario, r.replay);
      expect(verified.ok && hashState(verified.value.state)).toBe(hashState(here));
      replays.push(r.replay);
    }
    expect(replays[1]).toEqual(replays[0]);
    expect(replays[2]).toEqual(replays[0]);
    const fromDeskReplay = await desk.request('desk:replay', { gameId: usSeat.gameId });
    expect(fromDeskReplay.ok && fromDeskReplay.replay).toEqual(replays[0]);
    // Its record is both sides' orders: what the seats could not see while the game ran.
    expect(replays[0]!.turns.map((t) => [t.us, t.iran])).toEqual(record.us.map((u, i) => [u, record.iran[i]]));
  });
});

describe('a record shares its dice with every game of the class (duplicate play)', () => {
  it('waits, for the seats of a finished game, until every game on the same seed is over; they are told how many play', async () => {
    const session = await newSession(server.url, { games: 2 });
    const seatsOf = async (game: number) => {
      const joined = await Promise.all(
        (['us', 'iran', 'projector'] as const).map((seat) =>
          joinSeat(server.url, { code: session.joinCode, team: `${seat} ${game}`, seat, game }),
        ),
      );
      const [us, iran, wall] = joined.map((j) => connect(server.url, { token: j.token }));
      server.track(us!, iran!, wall!);
      await Promise.all([us!, iran!, wall!].map((c) => waitForState(c, () => true)));
      return { us: us!, iran: iran!, wall: wall! };
    };
    const first = await seatsOf(1);
    const second = await seatsOf(2);
    const playToEnd = async (g: typeof first) => {
      const record: PlayRecord = { us: [], iran: [] };
      while (g.us.state!.view.outcome === null) await playWeek(g.us, g.iran, record);
      await waitForState(g.wall, (s) => s.view.outcome !== null);
    };

    // Game 1 ends first: its record would be game 2's dice, so no seat of game 1 gets it (nor the hash) yet.
    await playToEnd(first);
    for (const seat of [first.us, first.iran, first.wall]) {
      const early = await seat.request('game:record', {});
      expect(early.ok).toBe(false);
      if (early.ok) return;
      expect(early.error.code).toBe('others-playing');
      expect(early.error.message).toMatch(/1 other game of the class is still being played/);
      const s = await waitForState(seat, (x) => x.view.outcome !== null);
      expect(s.gamesStillPlaying).toBe(1);
      expect(s.hash).toBeUndefined();
      // A sync (a reload) says the same.
      const synced = await seat.request('sync', {});
      expect(synced.ok && 'state' in synced && [synced.state.gamesStillPlaying, synced.state.hash]).toEqual([
        1,
        undefined,
      ]);
    }
    // The seats of the game still running are told nothing of the other game: their count waits for their own end.
    expect(second.us.state!.gamesStillPlaying).toBeNull();

    // Game 2 ends: game 1's seats are told without asking, and every seat of both games gets the record.
    await playToEnd(second);
    for (const seat of [first.us, first.iran, first.wall, second.us, second.iran, second.wall]) {
      const s = await waitForState(seat, (x) => x.gamesStillPlaying === 0);
      expect(s.hash).toMatch(/^[0-9a-f]+$/);
      const r = await seat.request('game:record', {});
      expect(r.ok).toBe(true);
    }
  });
});

describe('with two server processes (PostgreSQL and Redis)', () => {
  it('a finished game’s seats on one process are told when the last game ends on the other, and get the record', async () => {
    const schema = `tb_test_${randomBytes(6).toString('hex')}`;
    const env = {
      DATABASE_URL: PG_URL,
      PG_SCHEMA: schema,
      REDIS_URL,
      REDIS_PREFIX: `tb-test-${randomBytes(4).toString('hex')}`,
    };
    const [a, b] = [await startServer(env), await startServer(env)];
    try {
      const session = await newSession(a.url, { games: 2 });
      const seats = async (url: string, game: number) => {
        const [us, iran] = await Promise.all(
          (['us', 'iran'] as const).map(async (seat) => {
            const j = await joinSeat(url, { code: session.joinCode, team: `${seat} ${game}`, seat, game });
            const c = connect(url, { token: j.token });
            server.track(c);
            await waitForState(c, () => true);
            return c;
          }),
        );
        return { us: us!, iran: iran! };
      };
      const first = await seats(a.url, 1);
      const second = await seats(b.url, 2);
      for (const g of [first, second]) {
        const record: PlayRecord = { us: [], iran: [] };
        while (g.us.state!.view.outcome === null) await playWeek(g.us, g.iran, record);
      }
      // Pushed by process B through Redis, well before the clients' periodic check (15 s) would find it.
      const told = await waitForState(first.us, (s) => s.gamesStillPlaying === 0, 5000);
      expect(told.hash).toBeDefined();
      expect((await first.iran.request('game:record', {})).ok).toBe(true);
    } finally {
      await Promise.all([a.kill9(), b.kill9()]);
      const pool = new pg.Pool({ connectionString: PG_URL });
      await pool.query(`drop schema if exists ${schema} cascade`);
      await pool.end();
    }
  });
});

describe('a finished game stays finished', () => {
  it('a ruling may change how the last week went, but not reopen a game whose record the seats may hold', async () => {
    // Found by search: in this game the US strikes of week 1 end it (Iran wins), and a ruling that the first strike
    // hit nothing would take that away (the engine resolves the week again to a game still running).
    const seed = 'reopen-search-seed-50';
    const game = new LiveGame(scenario, {
      gameId: 'g',
      sessionId: 's',
      index: 1,
      scenarioId: scenario.id,
      scenarioHash: scenarioHash(scenario),
      seed,
      preset: 'short',
      players: { us: 'team', iran: 'team' },
    });
    const pick = (side: Side, prefs: string[]): Order[] => {
      const legal = viewFor(scenario, game.state, side).legalOrders;
      const out: Order[] = [];
      for (const p of prefs) {
        const o = legal.find((x) => x.type === p);
        if (o && out.length < scenario.ordersPerTurn) out.push(o);
      }
      return out;
    };
    const apply = (plan: Plan) => {
      if (!('kind' in plan) || plan.kind !== 'append') throw new Error(JSON.stringify(plan));
      game.catchUp(plan.entries.map((entry, i) => ({ seq: game.head + 1 + i, entry })));
    };
    const noAi = () => Promise.reject(new Error('no computer player here'));
    let us = pick('us', ['strike-site', 'leadership-strike', 'campaign']);
    let plan = await game.planCommit('us', 1, 'u1', us, false, noAi);
    if (!('kind' in plan)) {
      us = us.slice(0, 1);
      plan = await game.planCommit('us', 1, 'u1', us, false, noAi);
    }
    apply(plan);
    apply(await game.planCommit('iran', 1, 'i1', pick('iran', ['eviction-campaign', 'info-operation']), false, noAi));
    expect(game.state.outcome?.result).toBe('iran');

    const reopening = game.planRuling([{ type: 'strike-missed', strike: 1, reason: 'the strike went astray' }]);
    expect('error' in reopening && reopening.error).toMatchObject({ code: 'refused' });
    expect('error' in reopening && reopening.error.message).toMatch(/cannot reopen it/);
    // A ruling that leaves the game over is still the teacher's to make (here: withdrawing every ruling).
    expect(game.planRuling([])).toMatchObject({ kind: 'append' });
  });
});
