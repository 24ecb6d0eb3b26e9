import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

/** The tables, the same in SQLite and PostgreSQL (store-postgres.ts) apart from the column types. */
const SCHEMA = `
create table if not exists meta (key text primary key, value text not null);
create table if not exists sessions (
  session_id text primary key,
  code_hmac text not null unique,
  desk_hash text not null unique,
  scenario_id text not null,
  preset text,
  seed text not null,
  created_at integer not null,
  expires_at integer not null,
  paused integer not null default 0,
  timer_ends_at integer,
  timer_weeks text
);
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
  created_at integer not null,
  revoked_at integer
);
create unique index if not exists one_team_per_seat on seats(game_id, seat) where revoked_at is null and seat <> 'projector';
create table if not exists seat_requests (
  session_id text not null references sessions(session_id),
  game_id text not null references games(game_id),
  seat text not null,
  team text not null,
  at integer not null
);
create index if not exists seat_requests_of_session on seat_requests(session_id, at);
create table if not exists seat_holds (
  game_id text not null references games(game_id),
  seat text not null,
  team_key text not null,
  team text not null,
  held_until integer not null,
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

interface SessionRecord {
  session_id: string;
  code_hmac: string;
  desk_hash: string;
  scenario_id: string;
  preset: string | null;
  seed: string;
  created_at: number;
  expires_at: number;
  paused: number;
  timer_ends_at: number | null;
  timer_weeks: string | null;
}

interface GameRecord {
  game_id: string;
  session_id: string;
  idx: number;
  scenario_id: string;
  scenario_hash: string;
  seed: string;
  preset: string | null;
  us_player: string;
  iran_player: string;
}

interface SeatRecord {
  token_hash: string;
  game_id: string;
  seat: SeatRow['seat'];
  team: string;
  created_at: number;
  revoked_at: number | null;
}

interface RequestRecord {
  session_id: string;
  game_id: string;
  seat: 'us' | 'iran';
  team: string;
  at: number;
}

const sessionOf = (r: SessionRecord): SessionRow => ({
  sessionId: r.session_id,
  codeHmac: r.code_hmac,
  deskHash: r.desk_hash,
  scenarioId: r.scenario_id,
  preset: r.preset,
  seed: r.seed,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  paused: r.paused !== 0,
  timer: timerOf(r.timer_ends_at, r.timer_weeks),
});

const gameOf = (r: GameRecord): GameRow => ({
  gameId: r.game_id,
  sessionId: r.session_id,
  index: r.idx,
  scenarioId: r.scenario_id,
  scenarioHash: r.scenario_hash,
  seed: r.seed,
  preset: r.preset,
  players: { us: r.us_player, iran: r.iran_player },
});

const seatOf = (r: SeatRecord): SeatRow => ({
  tokenHash: r.token_hash,
  gameId: r.game_id,
  seat: r.seat,
  team: r.team,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/**
 * The embedded store: one SQLite file in the data folder, in WAL mode with synchronous=FULL, so a commit has been
 * fsynced when it returns. better-sqlite3 is synchronous: each method finishes its transaction before it returns.
 */
export function openSqliteStore(dataDir: string): Store {
  // The file holds the seeds, the join codes' pepper and every sealed order: on a shared school computer, another
  // login must not read it. SQLite gives the WAL and shared-memory files the database file's mode.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'two-boxers.sqlite');
  const db = new Database(file);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
  // Set on every open: better-sqlite3 builds SQLite with WAL's default synchronous=NORMAL, so a reopened WAL
  // database comes back as NORMAL (which may lose the last commits on power loss) unless told again.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const mode = db.pragma('journal_mode', { simple: true });
  const sync = db.pragma('synchronous', { simple: true });
  if (mode !== 'wal' || sync !== 2)
    throw new Error(`SQLite durability settings not in force: journal_mode=${mode}, synchronous=${sync}`);
  db.exec(SCHEMA);
  // A data folder from before timers were per week has no timer_weeks column: add it (its timer lapses, timerOf).
  const columns = db.pragma('table_info(sessions)') as { name: string }[];
  if (!columns.some((c) => c.name === 'timer_weeks')) db.exec('alter table sessions add column timer_weeks text');

  const q = {
    meta: db.prepare<[string], { value: string }>('select value from meta where key = ?'),
    setMeta: db.prepare('insert or ignore into meta (key, value) values (?, ?)'),
    insertSession: db.prepare(
      `insert into sessions (session_id, code_hmac, desk_hash, scenario_id, preset, seed, created_at, expires_at, paused, timer_ends_at, timer_weeks)
       values (@session_id, @code_hmac, @desk_hash, @scenario_id, @preset, @seed, @created_at, @expires_at, @paused, @timer_ends_at, @timer_weeks)`,
    ),
    insertGame: db.prepare(
      `insert into games (game_id, session_id, idx, scenario_id, scenario_hash, seed, preset, us_player, iran_player)
       values (@game_id, @session_id, @idx, @scenario_id, @scenario_hash, @seed, @preset, @us_player, @iran_player)`,
    ),
    sessionByCode: db.prepare<[string], SessionRecord>('select * from sessions where code_hmac = ?'),
    sessionByDesk: db.prepare<[string], SessionRecord>('select * from sessions where desk_hash = ?'),
    session: db.prepare<[string], SessionRecord>('select * from sessions where session_id = ?'),
    setPause: db.prepare('update sessions set paused = ? where session_id = ?'),
    setTimer: db.prepare('update sessions set timer_ends_at = ?, timer_weeks = ? where session_id = ?'),
    gamesOf: db.prepare<[string], GameRecord>('select * from games where session_id = ? order by idx'),
    game: db.prepare<[string], GameRecord>('select * from games where game_id = ?'),
    insertSeat: db.prepare(
      `insert into seats (token_hash, game_id, seat, team, created_at, revoked_at)
       values (@token_hash, @game_id, @seat, @team, @created_at, null)`,
    ),
    seatByToken: db.prepare<[string], SeatRecord>('select * from seats where token_hash = ?'),
    liveSeats: db.prepare<[string], SeatRecord>(
      'select * from seats where game_id = ? and revoked_at is null order by created_at',
    ),
    liveSeatTokens: db.prepare<[string, string], { token_hash: string }>(
      'select token_hash from seats where game_id = ? and seat = ? and revoked_at is null',
    ),
    revoke: db.prepare('update seats set revoked_at = ? where game_id = ? and seat = ? and revoked_at is null'),
    addRequest: db.prepare('insert into seat_requests (session_id, game_id, seat, team, at) values (?, ?, ?, ?, ?)'),
    sameRequest: db.prepare('delete from seat_requests where game_id = ? and seat = ? and team = ?'),
    hold: db.prepare<[string, string, number], { team_key: string; team: string; held_until: number }>(
      'select team_key, team, held_until from seat_holds where game_id = ? and seat = ? and held_until > ?',
    ),
    addHold: db.prepare('insert into seat_holds (game_id, seat, team_key, team, held_until) values (?, ?, ?, ?, ?)'),
    endHold: db.prepare('delete from seat_holds where game_id = ? and seat = ?'),
    requests: db.prepare<[string, number], RequestRecord>(
      'select * from (select * from seat_requests where session_id = ? order by at desc limit ?) order by at',
    ),
    closeRequests: db.prepare('delete from seat_requests where game_id = ? and seat = ?'),
    entries: db.prepare<[string, number], { seq: number; body: string }>(
      'select seq, body from log where game_id = ? and seq > ? order by seq',
    ),
    head: db.prepare<[string], { head_seq: number }>('select head_seq from games where game_id = ?'),
    insertEntry: db.prepare('insert into log (game_id, seq, turn, kind, seat, body) values (?, ?, ?, ?, ?, ?)'),
    setHead: db.prepare('update games set head_seq = ? where game_id = ? and head_seq = ?'),
  };

  const createSessionTx = db.transaction((session: SessionRow, games: GameRow[]) => {
    q.insertSession.run({
      session_id: session.sessionId,
      code_hmac: session.codeHmac,
      desk_hash: session.deskHash,
      scenario_id: session.scenarioId,
      preset: session.preset,
      seed: session.seed,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      paused: session.paused ? 1 : 0,
      timer_ends_at: session.timer?.endsAt ?? null,
      timer_weeks: session.timer ? JSON.stringify(session.timer.weeks) : null,
    });
    for (const g of games)
      q.insertGame.run({
        game_id: g.gameId,
        session_id: g.sessionId,
        idx: g.index,
        scenario_id: g.scenarioId,
        scenario_hash: g.scenarioHash,
        seed: g.seed,
        preset: g.preset,
        us_player: g.players.us,
        iran_player: g.players.iran,
      });
  });

  const appendOne = db.transaction((gameId: string, expectedHead: number, list: LogEntry[]): AppendResult => {
    const head = q.head.get(gameId)?.head_seq;
    if (head !== expectedHead) return { ok: false, reason: 'conflict' };
    let seq = head;
    for (const entry of list) {
      seq += 1;
      q.insertEntry.run(
        gameId,
        seq,
        entry.turn,
        entry.kind,
        entry.kind === 'orders' ? entry.seat : null,
        JSON.stringify(entry),
      );
    }
    q.setHead.run(seq, gameId, head);
    return { ok: true, head: seq };
  });

  // Group commit: the appends that arrive in one turn of the event loop (different games: one game has at most
  // one in flight) share one transaction and so one fsync, each in its own savepoint (appendOne nested in
  // appendBatch), so one refused append leaves the others. Every caller hears back after the COMMIT.
  interface Waiting {
    gameId: string;
    expectedHead: number;
    list: LogEntry[];
    done: (r: AppendResult) => void;
    fail: (e: unknown) => void;
  }
  let waiting: Waiting[] = [];
  const appendBatch = db.transaction((batch: Waiting[]): AppendResult[] =>
    batch.map((w) => {
      try {
        return appendOne(w.gameId, w.expectedHead, w.list);
      } catch (e) {
        if (isUniqueViolation(e)) return { ok: false, reason: 'duplicate' } as const;
        throw e;
      }
    }),
  );
  const flush = () => {
    const batch = waiting;
    waiting = [];
    let results: AppendResult[];
    try {
      results = appendBatch.immediate(batch);
    } catch (e) {
      for (const w of batch) w.fail(e);
      return;
    }
    for (const [i, w] of batch.entries()) w.done(results[i]!);
  };

  return {
    kind: 'sqlite',
    async pepper() {
      q.setMeta.run('pepper', randomBytes(32).toString('base64'));
      return Buffer.from(q.meta.get('pepper')!.value, 'base64');
    },
    async createSession(session, games) {
      createSessionTx.immediate(session, games);
    },
    async sessionByCode(codeHmac) {
      const r = q.sessionByCode.get(codeHmac);
      return r ? sessionOf(r) : null;
    },
    async sessionByDesk(deskHash) {
      const r = q.sessionByDesk.get(deskHash);
      return r ? sessionOf(r) : null;
    },
    async session(sessionId) {
      const r = q.session.get(sessionId);
      return r ? sessionOf(r) : null;
    },
    async setPause(sessionId, paused) {
      q.setPause.run(paused ? 1 : 0, sessionId);
    },
    async setTimer(sessionId, timer) {
      q.setTimer.run(timer?.endsAt ?? null, timer ? JSON.stringify(timer.weeks) : null, sessionId);
    },
    async gamesOf(sessionId) {
      return q.gamesOf.all(sessionId).map(gameOf);
    },
    async game(gameId) {
      const r = q.game.get(gameId);
      return r ? gameOf(r) : null;
    },
    async addSeat(seat) {
      return db
        .transaction((): 'ok' | 'taken' | 'held' => {
          if (seat.seat !== 'projector') {
            const hold = q.hold.get(seat.gameId, seat.seat, seat.createdAt);
            if (hold && hold.team_key !== teamKey(seat.team)) return 'held';
          }
          try {
            q.insertSeat.run({
              token_hash: seat.tokenHash,
              game_id: seat.gameId,
              seat: seat.seat,
              team: seat.team,
              created_at: seat.createdAt,
            });
          } catch (e) {
            if (isUniqueViolation(e)) return 'taken';
            throw e;
          }
          if (seat.seat !== 'projector') q.endHold.run(seat.gameId, seat.seat);
          return 'ok';
        })
        .immediate();
    },
    async seatHold(gameId, seat, now) {
      const hold = q.hold.get(gameId, seat, now);
      return hold ? { team: hold.team, until: hold.held_until } : null;
    },
    async seatByToken(tokenHash) {
      const r = q.seatByToken.get(tokenHash);
      return r ? seatOf(r) : null;
    },
    async liveSeats(gameId) {
      return q.liveSeats.all(gameId).map(seatOf);
    },
    async revokeSeat(gameId, seat, at, holdFor) {
      return db
        .transaction(() => {
          const tokens = q.liveSeatTokens.all(gameId, seat).map((r) => r.token_hash);
          q.revoke.run(at, gameId, seat);
          q.closeRequests.run(gameId, seat);
          q.endHold.run(gameId, seat);
          if (holdFor) q.addHold.run(gameId, seat, teamKey(holdFor.team), holdFor.team, holdFor.until);
          return tokens;
        })
        .immediate();
    },
    async addSeatRequest(r) {
      db.transaction(() => {
        q.sameRequest.run(r.gameId, r.seat, r.team);
        q.addRequest.run(r.sessionId, r.gameId, r.seat, r.team, r.at);
      })();
    },
    async dropSeatRequest(gameId, seat, team) {
      q.sameRequest.run(gameId, seat, team);
    },
    async seatRequests(sessionId, limit) {
      return q.requests
        .all(sessionId, limit)
        .map((r) => ({ sessionId: r.session_id, gameId: r.game_id, seat: r.seat, team: r.team, at: r.at }));
    },
    async entries(gameId, afterSeq): Promise<StoredEntry[]> {
      return q.entries.all(gameId, afterSeq).map((r) => ({ seq: r.seq, entry: JSON.parse(r.body) as LogEntry }));
    },
    append(gameId, expectedHead, list) {
      return new Promise<AppendResult>((done, fail) => {
        if (waiting.length === 0) setImmediate(flush);
        waiting.push({ gameId, expectedHead, list, done, fail });
      });
    },
    async close() {
      db.close();
    },
  };
}
