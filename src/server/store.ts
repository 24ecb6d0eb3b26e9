/**
 * Where the classroom server keeps everything that must outlive the process: class sessions, games, seats and each
 * game's log of inputs (the replay). Two implementations with the same behaviour: SQLite in a data folder (one
 * process, the default) and PostgreSQL (several processes). Every write that the server acknowledges has returned
 * from a durable commit before the acknowledgement is sent.
 */
import type { Inject, Order, Ruling, Side } from '../engine/index.ts';

export interface SessionRow {
  sessionId: string;
  codeHmac: string; // HMAC of the normalised join code: the code itself is not stored
  deskHash: string; // sha256 of the facilitator's secret
  scenarioId: string;
  preset: string | null;
  seed: string;
  createdAt: number;
  expiresAt: number;
  paused: boolean;
  timer: ClassTimer | null;
}

/**
 * The desk's timer: when it ends, and the week each game of the session was ordering when the teacher set it. It is
 * that week's alone: a game shows it until that week resolves or the game ends (LiveGame.timerEndsAt).
 */
export interface ClassTimer {
  endsAt: number;
  weeks: Record<string, number>; // by game id
}

/** The timer as the stores keep it, in two columns. One stored without its weeks (set by a server from before timers
 * were per week) belongs to no week, so it lapses. */
export const timerOf = (endsAt: number | null, weeks: string | null): ClassTimer | null =>
  endsAt === null || weeks === null ? null : { endsAt, weeks: JSON.parse(weeks) as Record<string, number> };

export interface GameRow {
  gameId: string;
  sessionId: string;
  index: number;
  scenarioId: string;
  scenarioHash: string;
  seed: string;
  preset: string | null;
  players: { us: string; iran: string }; // 'team' or a computer player's id
}

export type SeatName = 'us' | 'iran' | 'projector';

/** A team that asked for a seat another team holds: the teacher sees it and may release the seat. */
export interface SeatRequest {
  sessionId: string;
  gameId: string;
  seat: 'us' | 'iran';
  team: string;
  at: number;
}

/**
 * A seat the teacher freed for one team: until `until`, only a join under that team's name takes it, so that a device
 * asking again and again cannot take a freed seat before the team it was freed for.
 */
export interface SeatHold {
  team: string;
  until: number;
}

/** Team names compared as a teacher reads them: "Red team " and "red team" are one team. */
export const teamKey = (team: string): string => team.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

export interface SeatRow {
  tokenHash: string;
  gameId: string;
  seat: SeatName;
  team: string;
  createdAt: number;
  revokedAt: number | null;
}

/** One input to a game, in the order it happened: replaying them from the seed rebuilds the game exactly. */
export type LogEntry =
  | { kind: 'orders'; turn: number; seat: Side; commitId: string; orders: Order[] }
  | { kind: 'inject'; turn: number; inject: Inject }
  | { kind: 'resolve'; turn: number; hash: string } // the turn resolved; hash: the state after it
  | { kind: 'ruling'; turn: number; rulings: Ruling[]; hash: string }; // the last turn resolved again with these

export interface StoredEntry {
  seq: number;
  entry: LogEntry;
}

export type AppendResult = { ok: true; head: number } | { ok: false; reason: 'conflict' | 'duplicate' };

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** The server's secret for join-code HMACs, made on first use and kept, so codes survive a restart. */
  pepper(): Promise<Buffer>;
  createSession(session: SessionRow, games: GameRow[]): Promise<void>;
  sessionByCode(codeHmac: string): Promise<SessionRow | null>;
  sessionByDesk(deskHash: string): Promise<SessionRow | null>;
  session(sessionId: string): Promise<SessionRow | null>;
  setPause(sessionId: string, paused: boolean): Promise<void>;
  setTimer(sessionId: string, timer: ClassTimer | null): Promise<void>;
  gamesOf(sessionId: string): Promise<GameRow[]>;
  game(gameId: string): Promise<GameRow | null>;
  /**
   * Adds a seat; 'taken' when a team seat of that game is held by a token not revoked, 'held' when the teacher freed
   * it for another team and the hold has not run out (at `seat.createdAt`). Taking a held seat ends its hold.
   */
  addSeat(seat: SeatRow): Promise<'ok' | 'taken' | 'held'>;
  /** The hold on a team seat still running at `now`, if any. */
  seatHold(gameId: string, seat: 'us' | 'iran', now: number): Promise<SeatHold | null>;
  seatByToken(tokenHash: string): Promise<SeatRow | null>;
  liveSeats(gameId: string): Promise<SeatRow[]>;
  /** Records a request; a team asking again for the same seat replaces its earlier request rather than adding one. */
  addSeatRequest(request: SeatRequest): Promise<void>;
  /** Drops one team's request for a seat (the teacher dismissed it). */
  dropSeatRequest(gameId: string, seat: 'us' | 'iran', team: string): Promise<void>;
  /** The session's open requests, oldest first (at most `limit`, the newest kept). */
  seatRequests(sessionId: string, limit: number): Promise<SeatRequest[]>;
  /**
   * Revokes every live token of a team seat, closes the requests for it and ends any hold on it, then holds it for
   * `holdFor` when given; returns the token hashes revoked.
   */
  revokeSeat(gameId: string, seat: 'us' | 'iran', at: number, holdFor?: SeatHold): Promise<string[]>;
  /** A game's log after `afterSeq`, in order. */
  entries(gameId: string, afterSeq: number): Promise<StoredEntry[]>;
  /**
   * Appends entries to a game's log in one durable transaction, only if its head is still `expectedHead` (another
   * process may have moved it: 'conflict'). 'duplicate' when a seat's orders for that turn are already stored.
   */
  append(gameId: string, expectedHead: number, entries: LogEntry[]): Promise<AppendResult>;
  close(): Promise<void>;
}

/** What the log entry of a row stores as JSON: the entry without the columns kept beside it. */
export function entryBody(entry: LogEntry): string {
  return JSON.stringify(entry);
}
