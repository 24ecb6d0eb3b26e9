import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  type AppendResult,
  type GameRow,
  type LogEntry,
  type SeatRow,
  type SessionRow,
  type Store,
  type StoredEntry,
  teamKey,
  timerOf,
} from './store.ts';

/** The same tables as store-sqlite.ts; times are ms since 1970 in bigint columns, read back as numbers. */
const schemaSql = (schema: string) => `
create schema if not exists ${schema};
set search_path to ${schema};
create table if not exists meta (key text primary key, value text not null);
create table if not exists sessions (
  session_id text primary key,
  code_hmac text not null unique,
  desk_hash text not null unique,
  scenario_id text not null,
  preset text,
  seed text not null,
  created_at bigint not null,
  expires_at bigint not null,
  paused boolean not null default false,
  timer_ends_at bigint,
  timer_weeks text
);
-- Added after the first release: a schema from before gets the column (its timer lapses, timerOf).
alter table sessions add column if not exists timer_weeks text;
create table if not exists games (
  game_id text primary key,
  session_id text not null references sessions(session_id),
  idx integer not null,
  scenario_id text not null,
  scenario_hash text not null,
  seed text not null,
  preset text,
  us_player text not null,
  iran_player text not null,
  head_seq integer not null default 0,
  unique (session_id, idx)
);
create table if not exists seats (
  token_hash text primary key,
  game_id text not null references games(game_id),
  seat text not null check (seat in ('us', 'iran', 'projector')),
  team text not null,
  created_at bigint not null,
  revoked_at bigint
);
create unique index if not exists one_team_per_seat on seats(game_id, seat) where revoked_at is null and seat <> 'projector';
create table if not exists seat_requests (
  session_id text not null references sessions(session_id),
  game_id text not null references games(game_id),
  seat text not null,
  team text not null,
  at bigint not null
);
create index if not exists seat_requests_of_session on seat_requests(session_id, at);
create table if not exists seat_holds (
  game_id text not null references games(game_id),
  seat text not null,
  team_key text not null,
  team text not null,
  held_until bigint not null,
  primary key (game_id, seat)
);
create table if not exists log (
  game_id text not null references games(game_id),
  seq integer not null,
  turn integer not null,
  kind text not null check (kind in ('orders', 'inject', 'resolve', 'ruling')),
  seat text,
  body text not null,
  primary key (game_id, seq)
);
create unique index if not exists one_orders_per_seat_turn on log(game_id, turn, seat) where kind = 'orders';
`;

// bigint columns come back as strings by default; ours are ms timestamps, well inside a double's exact range.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

interface Row {
  [column: string]: unknown;
}

const sessionOf = (r: Row): SessionRow => ({
  sessionId: r.session_id as string,
  codeHmac: r.code_hmac as string,
  deskHash: r.desk_hash as string,
  scenarioId: r.scenario_id as string,
  preset: r.preset as string | null,
  seed: r.seed as string,
  createdAt: r.created_at as number,
  expiresAt: r.expires_at as number,
  paused: r.paused as boolean,
  timer: timerOf(r.timer_ends_at as number | null, r.timer_weeks as string | null),
});

const gameOf = (r: Row): GameRow => ({
  gameId: r.game_id as string,
  sessionId: r.session_id as string,
  index: r.idx as number,
  scenarioId: r.scenario_id as string,
  scenarioHash: r.scenario_hash as string,
  seed: r.seed as string,
  preset: r.preset as string | null,
  players: { us: r.us_player as string, iran: r.iran_player as string },
});

const seatOf = (r: Row): SeatRow => ({
  tokenHash: r.token_hash as string,
  gameId: r.game_id as string,
  seat: r.seat as SeatRow['seat'],
  team: r.team as string,
  createdAt: r.created_at as number,
  revokedAt: r.revoked_at as number | null,
});

const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';

/**
 * PostgreSQL as the store, for several server processes sharing games. Each transaction runs on one client taken
 * from the pool (never through pool.query, whose statements may land on different connections); COMMIT returns once
 * the commit is flushed (synchronous_commit on, PostgreSQL's default), which is when the server acknowledges.
 */
export async function openPostgresStore(url: string, schema: string): Promise<Store> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`PG_SCHEMA "${schema}": lower-case letters, digits, _`);
  const pool = new pg.Pool({ connectionString: url, max: 20, options: `-c search_path=${schema}` });
  pool.on('error', (e) => console.error('postgres', e));
  const setup = await pool.connect();
  try {
    // Two processes starting at once would race on "create table if not exists"; a lock makes them take turns.
    await setup.query('select pg_advisory_lock(72051)');
    await setup.query(schemaSql(schema));
    await setup.query('select pg_advisory_unlock(72051)');
  } finally {
    setup.release();
  }

  async function tx<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query('begin');
      const result = await work(c);
      await c.query('commit');
      return result;
    } catch (e) {
      await c.query('rollback').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  const one = async (sql: string, params: unknown[]): Promise<Row | null> =>
    ((await pool.query(sql, params)).rows[0] as Row | undefined) ?? null;

  return {
    kind: 'postgres',
    async pepper() {
      await pool.query('insert into meta (key, value) values ($1, $2) on conflict (key) do nothing', [
        'pepper',
        randomBytes(32).toString('base64'),
      ]);
      const r = await one('select value from meta where key = $1', ['pepper']);
      return Buffer.from(r!.value as string, 'base64');
    },
    async createSession(s, games) {
      await tx(async (c) => {
        await c.query(
          `insert into sessions (session_id, code_hmac, desk_hash, scenario_id, preset, seed, created_at, expires_at, paused, timer_ends_at, timer_weeks)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            s.sessionId,
            s.codeHmac,
            s.deskHash,
            s.scenarioId,
            s.preset,
            s.seed,
            s.createdAt,
            s.expiresAt,
            s.paused,
            s.timer?.endsAt ?? null,
            s.timer ? JSON.stringify(s.timer.weeks) : null,
          ],
        );
        for (const g of games)
          await c.query(
            `insert into games (game_id, session_id, idx, scenario_id, scenario_hash, seed, preset, us_player, iran_player)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [
              g.gameId,
              g.sessionId,
              g.index,
              g.scenarioId,
              g.scenarioHash,
              g.seed,
              g.preset,
              g.players.us,
              g.players.iran,
            ],
          );
      });
    },
    async sessionByCode(codeHmac) {
      const r = await one('select * from sessions where code_hmac = $1', [codeHmac]);
      return r ? sessionOf(r) : null;
    },
    async sessionByDesk(deskHash) {
      const r = await one('select * from sessions where desk_hash = $1', [deskHash]);
      return r ? sessionOf(r) : null;
    },
    async session(sessionId) {
      const r = await one('select * from sessions where session_id = $1', [sessionId]);
      return r ? sessionOf(r) : null;
    },
    async setPause(sessionId, paused) {
      await pool.query('update sessions set paused = $1 where session_id = $2', [paused, sessionId]);
    },
    async setTimer(sessionId, timer) {
      await pool.query('update sessions set timer_ends_at = $1, timer_weeks = $2 where session_id = $3', [
        timer?.endsAt ?? null,
        timer ? JSON.stringify(timer.weeks) : null,
        sessionId,
      ]);
    },
    async gamesOf(sessionId) {
      return (await pool.query('select * from games where session_id = $1 order by idx', [sessionId])).rows.map(gameOf);
    },
    async game(gameId) {
      const r = await one('select * from games where game_id = $1', [gameId]);
      return r ? gameOf(r) : null;
    },
    async addSeat(seat) {
      return tx(async (c): Promise<'ok' | 'taken' | 'held'> => {
        if (seat.seat !== 'projector') {
          // Locks the hold's row, if any, so that a revoke placing a new hold waits for this join or comes after it.
          const hold = await c.query(
            'select team_key from seat_holds where game_id = $1 and seat = $2 and held_until > $3 for update',
            [seat.gameId, seat.seat, seat.createdAt],
          );
          const held = hold.rows[0] as Row | undefined;
          if (held && held.team_key !== teamKey(seat.team)) return 'held';
        }
        await c.query('savepoint seat');
        try {
          await c.query(
            'insert into seats (token_hash, game_id, seat, team, created_at, revoked_at) values ($1, $2, $3, $4, $5, null)',
            [seat.tokenHash, seat.gameId, seat.seat, seat.team, seat.createdAt],
          );
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
          await c.query('rollback to savepoint seat');
          return 'taken';
        }
        if (seat.seat !== 'projector')
          await c.query('delete from seat_holds where game_id = $1 and seat = $2', [seat.gameId, seat.seat]);
        return 'ok';
      });
    },
    async seatHold(gameId, seat, now) {
      const r = await one(
        'select team, held_until from seat_holds where game_id = $1 and seat = $2 and held_until > $3',
        [gameId, seat, now],
      );
      return r ? { team: r.team as string, until: r.held_until as number } : null;
    },
    async seatByToken(tokenHash) {
      const r = await one('select * from seats where token_hash = $1', [tokenHash]);
      return r ? seatOf(r) : null;
    },
    async liveSeats(gameId) {
      const rows = await pool.query(
        'select * from seats where game_id = $1 and revoked_at is null order by created_at',
        [gameId],
      );
      return rows.rows.map(seatOf);
    },
    async revokeSeat(gameId, seat, at, holdFor) {
      return tx(async (c) => {
        const r = await c.query(
          'update seats set revoked_at = $1 where game_id = $2 and seat = $3 and revoked_at is null returning token_hash',
          [at, gameId, seat],
        );
        await c.query('delete from seat_requests where game_id = $1 and seat = $2', [gameId, seat]);
        await c.query('delete from seat_holds where game_id = $1 and seat = $2', [gameId, seat]);
        if (holdFor)
          await c.query(
            'insert into seat_holds (game_id, seat, team_key, team, held_until) values ($1, $2, $3, $4, $5)',
            [gameId, seat, teamKey(holdFor.team), holdFor.team, holdFor.until],
          );
        return r.rows.map((row: Row) => row.token_hash as string);
      });
    },
    async addSeatRequest(r) {
      await tx(async (c) => {
        await c.query('delete from seat_requests where game_id = $1 and seat = $2 and team = $3', [
          r.gameId,
          r.seat,
          r.team,
        ]);
        await c.query('insert into seat_requests (session_id, game_id, seat, team, at) values ($1, $2, $3, $4, $5)', [
          r.sessionId,
          r.gameId,
          r.seat,
          r.team,
          r.at,
        ]);
      });
    },
    async dropSeatRequest(gameId, seat, team) {
      await pool.query('delete from seat_requests where game_id = $1 and seat = $2 and team = $3', [
        gameId,
        seat,
        team,
      ]);
    },
    async seatRequests(sessionId, limit) {
      const r = await pool.query(
        'select * from (select * from seat_requests where session_id = $1 order by at desc limit $2) recent order by at',
        [sessionId, limit],
      );
      return r.rows.map((row: Row) => ({
        sessionId: row.session_id as string,
        gameId: row.game_id as string,
        seat: row.seat as 'us' | 'iran',
        team: row.team as string,
        at: row.at as number,
      }));
    },
    async entries(gameId, afterSeq): Promise<StoredEntry[]> {
      const r = await pool.query('select seq, body from log where game_id = $1 and seq > $2 order by seq', [
        gameId,
        afterSeq,
      ]);
      return r.rows.map((row: Row) => ({ seq: row.seq as number, entry: JSON.parse(row.body as string) as LogEntry }));
    },
    async append(gameId, expectedHead, list): Promise<AppendResult> {
      // One statement, so one round trip and its own transaction: the head moves only if it is still where the
      // caller saw it (compare-and-set), and the entries go in only if it moved. A unique index violation (a
      // seat's second orders for a week) fails the whole statement, so nothing is written.
      const seqs = list.map((_, i) => expectedHead + 1 + i);
      try {
        const r = await pool.query(
          `with moved as (
             update games set head_seq = $3 where game_id = $1 and head_seq = $2 returning game_id
           )
           insert into log (game_id, seq, turn, kind, seat, body)
           select moved.game_id, e.seq, e.turn, e.kind, e.seat, e.body
           from moved, unnest($4::int[], $5::int[], $6::text[], $7::text[], $8::text[]) as e(seq, turn, kind, seat, body)`,
          [
            gameId,
            expectedHead,
            expectedHead + list.length,
            seqs,
            list.map((e) => e.turn),
            list.map((e) => e.kind),
            list.map((e) => (e.kind === 'orders' ? e.seat : null)),
            list.map((e) => JSON.stringify(e)),
          ],
        );
        if (r.rowCount !== list.length) return { ok: false, reason: 'conflict' };
        return { ok: true, head: expectedHead + list.length };
      } catch (e) {
        if (isUniqueViolation(e)) return { ok: false, reason: 'duplicate' };
        throw e;
      }
    },
    async close() {
      await pool.end();
    },
  };
}
