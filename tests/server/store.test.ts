/** One contract, both stores: SQLite in a temporary folder and PostgreSQL in a schema of its own, dropped after. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { GameRow, SessionRow, Store } from '../../src/server/store.ts';
import { openPostgresStore } from '../../src/server/store-postgres.ts';
import { openSqliteStore } from '../../src/server/store-sqlite.ts';
import { tempDir } from './harness.ts';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const session: SessionRow = {
  sessionId: 's1',
  codeHmac: 'code',
  deskHash: 'desk',
  scenarioId: 'two-boxers',
  preset: 'short',
  seed: 'seed',
  createdAt: 1_700_000_000_000,
  expiresAt: 1_700_000_000_000 + 3_600_000,
  paused: false,
  timer: null,
};
const game: GameRow = {
  gameId: 'g1',
  sessionId: 's1',
  index: 1,
  scenarioId: 'two-boxers',
  scenarioHash: 'h',
  seed: 'seed',
  preset: 'short',
  players: { us: 'team', iran: 'opportunist' },
};

const stores: [string, () => Promise<{ open: () => Promise<Store> }>][] = [
  [
    'SQLite',
    async () => {
      const dir = tempDir();
      cleanups.push(() => dir.remove());
      // A folder of its own inside the temporary one, so that the store creates it.
      return { open: async () => openSqliteStore(join(dir.path, 'data')) };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const schema = `tb_store_${randomBytes(6).toString('hex')}`;
      cleanups.push(async () => {
        const pool = new pg.Pool({ connectionString: PG_URL });
        await pool.query(`drop schema if exists ${schema} cascade`);
        await pool.end();
      });
      return { open: () => openPostgresStore(PG_URL, schema) };
    },
  ],
];

describe.each(stores)('%s store', (_, make) => {
  it('keeps sessions, seats and each game log as the classroom needs them, across a reopen', async () => {
    const { open } = await make();
    const store = await open();
    const pepper = await store.pepper();
    await store.createSession(session, [game]);
    expect(await store.sessionByCode('code')).toEqual(session);
    expect(await store.sessionByDesk('desk')).toEqual(session);
    expect(await store.sessionByCode('nope')).toBeNull();
    expect(await store.gamesOf('s1')).toEqual([game]);
    await store.setPause('s1', true);
    const timer = { endsAt: session.createdAt + 5000, weeks: { g1: 3 } };
    await store.setTimer('s1', timer);
    expect(await store.session('s1')).toMatchObject({ paused: true, timer });

    const seat = { tokenHash: 't1', gameId: 'g1', seat: 'us' as const, team: 'A', createdAt: 1, revokedAt: null };
    expect(await store.addSeat(seat)).toBe('ok');
    expect(await store.addSeat({ ...seat, tokenHash: 't2', team: 'B' })).toBe('taken');
    expect(await store.addSeat({ ...seat, tokenHash: 'p1', seat: 'projector' })).toBe('ok');
    expect(await store.addSeat({ ...seat, tokenHash: 'p2', seat: 'projector' })).toBe('ok');
    await store.addSeatRequest({ sessionId: 's1', gameId: 'g1', seat: 'us', team: 'B', at: 5 });
    await store.addSeatRequest({ sessionId: 's1', gameId: 'g1', seat: 'us', team: 'D', at: 6 });
    expect((await store.seatRequests('s1', 1)).map((r) => r.team)).toEqual(['D']);
    expect((await store.seatRequests('s1', 5)).map((r) => r.team)).toEqual(['B', 'D']);
    expect(await store.revokeSeat('g1', 'us', 2)).toEqual(['t1']);
    expect(await store.seatRequests('s1', 5)).toEqual([]);
    expect(await store.seatByToken('t1')).toMatchObject({ revokedAt: 2 });
    expect(await store.addSeat({ ...seat, tokenHash: 't3', team: 'C' })).toBe('ok');
    expect((await store.liveSeats('g1')).map((s) => s.tokenHash).sort()).toEqual(['p1', 'p2', 't3']);

    const orders = { kind: 'orders' as const, turn: 1, seat: 'us' as const, commitId: 'c1', orders: [] };
    expect(await store.append('g1', 0, [orders])).toEqual({ ok: true, head: 1 });
    // Another writer saw head 0 too: refused, nothing written.
    expect(await store.append('g1', 0, [{ ...orders, seat: 'iran' }])).toEqual({ ok: false, reason: 'conflict' });
    // A second set of orders for one seat and week: refused by the index, and the head stays.
    expect(await store.append('g1', 1, [{ ...orders, commitId: 'c2' }])).toEqual({ ok: false, reason: 'duplicate' });
    const more = [
      { ...orders, seat: 'iran' as const, commitId: 'computer-1' },
      { kind: 'resolve' as const, turn: 1, hash: 'abc' },
    ];
    // Two appends from the same head at one moment (the SQLite store commits them in one transaction): one wins.
    const [a, b] = await Promise.all([store.append('g1', 1, more), store.append('g1', 1, more)]);
    expect([a, b]).toContainEqual({ ok: true, head: 3 });
    expect([a, b]).toContainEqual({ ok: false, reason: 'conflict' });
    expect((await store.entries('g1', 0)).map((e) => [e.seq, e.entry.kind])).toEqual([
      [1, 'orders'],
      [2, 'orders'],
      [3, 'resolve'],
    ]);
    expect(await store.entries('g1', 2)).toEqual([{ seq: 3, entry: more[1] }]);
    await store.close();

    const again = await open();
    expect(await again.pepper()).toEqual(pepper);
    expect((await again.entries('g1', 0)).length).toBe(3);
    await again.close();
  });

  it('a seat freed for a named team waits for that team alone until the hold runs out; a repeated request is one', async () => {
    const { open } = await make();
    const store = await open();
    await store.createSession(session, [game]);
    const seat = {
      tokenHash: 'h1',
      gameId: 'g1',
      seat: 'us' as const,
      team: 'Squatter',
      createdAt: 10,
      revokedAt: null,
    };
    expect(await store.addSeat(seat)).toBe('ok');
    for (const at of [11, 12, 13])
      await store.addSeatRequest({ sessionId: 's1', gameId: 'g1', seat: 'us', team: 'Red', at });
    await store.addSeatRequest({ sessionId: 's1', gameId: 'g1', seat: 'us', team: 'Blue', at: 14 });
    expect((await store.seatRequests('s1', 20)).map((r) => [r.team, r.at])).toEqual([
      ['Red', 13],
      ['Blue', 14],
    ]);

    expect(await store.revokeSeat('g1', 'us', 20, { team: 'Red', until: 1000 })).toEqual(['h1']);
    expect(await store.seatHold('g1', 'us', 20)).toEqual({ team: 'Red', until: 1000 });
    expect(await store.seatHold('g1', 'us', 1000)).toBeNull();
    expect(await store.addSeat({ ...seat, tokenHash: 'h2', createdAt: 21 })).toBe('held');
    expect(await store.addSeat({ ...seat, tokenHash: 'h3', team: 'Blue', createdAt: 22 })).toBe('held');
    expect((await store.liveSeats('g1')).filter((s) => s.seat === 'us')).toEqual([]);
    // A class screen is never held back.
    expect(await store.addSeat({ ...seat, tokenHash: 'p1', seat: 'projector', createdAt: 23 })).toBe('ok');
    // The team's name as a teacher reads it: spacing and case aside.
    expect(await store.addSeat({ ...seat, tokenHash: 'h4', team: '  red ', createdAt: 24 })).toBe('ok');
    expect(await store.seatHold('g1', 'us', 25)).toBeNull();

    // Freed again for Blue: Red's hold is gone with it; after the hold anyone may take the seat.
    expect(await store.revokeSeat('g1', 'us', 30, { team: 'Blue', until: 100 })).toEqual(['h4']);
    expect(await store.addSeat({ ...seat, tokenHash: 'h5', team: 'Red', createdAt: 99 })).toBe('held');
    expect(await store.addSeat({ ...seat, tokenHash: 'h6', createdAt: 100 })).toBe('ok');
    // Freed with no name: no hold.
    await store.revokeSeat('g1', 'us', 110);
    expect(await store.seatHold('g1', 'us', 110)).toBeNull();
    expect(await store.addSeat({ ...seat, tokenHash: 'h7', team: 'Anyone', createdAt: 111 })).toBe('ok');
    await store.close();
  });
});

describe('the SQLite store on a shared computer', () => {
  it('keeps its folder and files from other users: the folder 0700, the database and its WAL 0600', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const data = join(dir.path, 'data');
    const store = openSqliteStore(data);
    await store.createSession(session, [game]);
    expect(statSync(data).mode & 0o777).toBe(0o700);
    for (const f of ['two-boxers.sqlite', 'two-boxers.sqlite-wal'])
      expect(statSync(join(data, f)).mode & 0o777, f).toBe(0o600);
    await store.close();
  });
});

describe('a SQLite data folder from before timers were per week', () => {
  it('opens, gains the timer’s weeks, and its old class-wide timer lapses rather than counting into later weeks', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const data = join(dir.path, 'data');
    mkdirSync(data);
    const old = new Database(join(data, 'two-boxers.sqlite'));
    old.exec(`create table sessions (session_id text primary key, code_hmac text not null unique,
      desk_hash text not null unique, scenario_id text not null, preset text, seed text not null,
      created_at integer not null, expires_at integer not null, paused integer not null default 0, timer_ends_at integer)`);
    old
      .prepare('insert into sessions values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)')
      .run('s1', 'code', 'desk', 'two-boxers', 'short', 'seed', 1, 2, 12345);
    old.close();
    const store = openSqliteStore(data);
    expect(await store.session('s1')).toMatchObject({ sessionId: 's1', timer: null });
    const timer = { endsAt: 99, weeks: { g1: 2 } };
    await store.setTimer('s1', timer);
    expect(await store.session('s1')).toMatchObject({ timer });
    await store.close();
  });
});
