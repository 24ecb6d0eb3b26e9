/**
 * The client's periodic check, against a Socket.IO server in this process that answers as the classroom does but
 * whose pushes the test can hold back: the case of a state published from another server process and lost in Redis.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { ClassroomClient } from '../../src/net/client.ts';
import { type Overview, type SeatState, stateStamp } from '../../src/net/protocol.ts';

/** Only what the client reads of a state: the rest of a seat's state plays no part in the check. */
const seatState = (seat: 'us' | 'facilitator', seq: number, paused = false): SeatState =>
  ({
    sessionId: 's',
    gameId: 'g',
    game: 1,
    seat,
    team: null,
    seq,
    paused,
    timerEndsAt: null,
    serverTime: seq,
    seats: { us: 'a', iran: 'b', projectors: 0 },
    news: [],
  }) as unknown as SeatState;

/** The overview as the server builds it from the game it holds: the game's row carries its seq and seats. */
const overviewOf = (game: SeatState, serverTime: number): Overview => ({
  sessionId: 's',
  requests: [],
  expiresAt: 9e12,
  paused: game.paused,
  timerEndsAt: game.timerEndsAt,
  serverTime,
  games: [{ gameId: game.gameId, seq: game.seq, seats: game.seats } as Overview['games'][number]],
});

interface Fake {
  url: string;
  /** The game as the server holds it: changed by the test without any push. */
  seat: SeatState;
  desk: SeatState;
  syncs: { unlessStamp?: string }[];
  /** How often the desk fetched the game it follows. */
  views: number;
  close: () => Promise<void>;
}

let open: { fake: Fake; clients: ClassroomClient[] } | null = null;

async function fakeServer(): Promise<Fake> {
  const http: HttpServer = createServer();
  const io = new Server(http);
  let time = 100;
  const fake: Fake = {
    url: '',
    seat: seatState('us', 1),
    desk: seatState('facilitator', 1),
    syncs: [],
    views: 0,
    close: async () => {
      io.close();
      await new Promise((done) => http.close(done));
    },
  };
  io.on('connection', (socket) => {
    socket.on('sync', (payload: { unlessStamp?: string }, ack: (r: unknown) => void) => {
      fake.syncs.push(payload);
      ack(
        payload.unlessStamp === stateStamp(fake.seat)
          ? { ok: true, unchanged: true }
          : { ok: true, state: { ...fake.seat, serverTime: time++ } },
      );
    });
    socket.on('desk:overview', (_: unknown, ack: (r: unknown) => void) =>
      ack({ ok: true, overview: overviewOf(fake.desk, time++), joinCode: null }),
    );
    socket.on('desk:watch', (_: unknown, ack: (r: unknown) => void) => ack({ ok: true, state: fake.desk }));
    socket.on('desk:view', (_: unknown, ack: (r: unknown) => void) => {
      fake.views++;
      ack({ ok: true, state: { ...fake.desk, serverTime: time++ } });
    });
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  fake.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return fake;
}

async function setUp(auth: { token: string } | { desk: string }) {
  const fake = await fakeServer();
  const client = new ClassroomClient(fake.url, { auth, checkEveryMs: 40, io: { transports: ['websocket'] } });
  open = { fake, clients: [client] };
  return { fake, client };
}

afterEach(async () => {
  if (!open) return;
  for (const c of open.clients) c.close();
  await open.fake.close();
  open = null;
});

const until = async (test: () => boolean, what: string, ms = 3000): Promise<void> => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (test()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`not within ${ms} ms: ${what}`);
};

describe("the client's periodic check for a missed push", () => {
  it('a seat gets a state that was never pushed, and an unchanged one is neither fetched nor passed on', async () => {
    const { fake, client } = await setUp({ token: 't'.repeat(24) });
    let passedOn = 0;
    client.on('state', () => passedOn++);
    await until(() => client.state?.seq === 1, 'the first state, by the sync after connecting');
    await until(() => fake.syncs.length >= 5, 'four periodic checks');
    expect(fake.syncs[0]).toEqual({});
    for (const s of fake.syncs.slice(1)) expect(s).toEqual({ unlessStamp: stateStamp(seatState('us', 1)) });
    expect(passedOn).toBe(1);

    fake.seat = seatState('us', 4); // a commit and a resolved week whose push was lost
    await until(() => client.state?.seq === 4, 'the missed week');
    fake.seat = seatState('us', 4, true); // the teacher paused: the seq stays
    await until(() => client.state?.paused === true, 'the missed pause');
    const after = passedOn;
    await until(() => fake.syncs.length >= 12, 'more checks');
    expect(passedOn).toBe(after);
  });

  it('the desk gets a changed overview and the followed game, fetching the game only when its row in the overview moved', async () => {
    const { fake, client } = await setUp({ desk: 'd'.repeat(24) });
    let overviews = 0;
    let states = 0;
    client.on('overview', () => overviews++);
    client.on('state', () => states++);
    await until(() => client.overview !== null, 'the overview after connecting');
    expect(await client.watch('g')).toMatchObject({ ok: true });
    expect(client.games.get('g')?.seq).toBe(1); // watching brings the game's state now
    const seen = { overviews, states };
    await new Promise((r) => setTimeout(r, 300));
    expect({ overviews, states }).toEqual(seen);
    expect(fake.views).toBe(0);

    fake.desk = seatState('facilitator', 3); // a week whose pushes were lost: the overview and the game
    await until(() => client.games.get('g')?.seq === 3, 'the changed game');
    expect(client.overview?.games[0]?.seq).toBe(3);
    expect(fake.views).toBe(1);
    fake.desk = seatState('facilitator', 3, true); // the pause: the seq stays, the overview says it
    await until(() => client.games.get('g')?.paused === true, 'the missed pause');
    expect(fake.views).toBe(2);
    expect(overviews).toBe(seen.overviews + 2);
    expect(states).toBe(seen.states + 2);
  });

  it('checks stop when the client is closed', async () => {
    const { fake, client } = await setUp({ token: 't'.repeat(24) });
    await until(() => fake.syncs.length >= 2, 'a check');
    client.close();
    const count = fake.syncs.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.syncs.length).toBe(count);
  });
});
