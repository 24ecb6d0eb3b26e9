/**
 * The classroom server's protocol: every message between a browser (or any client) and the server, as zod schemas,
 * in one place that the server (src/server) and the client connection (src/net/client.ts) both import. docs/server.md
 * describes the same messages for people writing a client of their own.
 *
 * Two channels: plain HTTP for the two steps that happen before a seat exists (a teacher creating a class session,
 * a team joining with the code), and Socket.IO for everything after, authenticated by the seat token or the
 * facilitator's secret given in the handshake. Every client->server Socket.IO event carries one payload and an
 * acknowledgement callback; the server answers every one, with `{ ok: true, ... }` or `{ ok: false, error }`.
 */
import { z } from 'zod';
import {
  type GameEvent,
  type Inject,
  injectSchema,
  type Ledger,
  type Order,
  orderSchema,
  type Replay,
  type Ruling,
  rulingSchema,
  type SeatView,
} from '../engine/index.ts';
import { hasHiddenFormatting, looksLikeComputerMark } from './team-name.ts';

export const PROTOCOL_VERSION = 1;

/** Sizes the server enforces; a client checks the same numbers before sending so that it gets a reason, not a cut. */
export const LIMITS = {
  /** The JSON of one client->server Socket.IO payload, checked by the server before anything else reads it. */
  messageBytes: 16 * 1024,
  /**
   * One Socket.IO frame at the transport (engine.io maxHttpBufferSize). A frame over this closes the connection
   * before any handler runs (that is engine.io's rule, not ours): so it sits well above messageBytes, and a client
   * that checks messageBytes first never meets it.
   */
  transportBytes: 1024 * 1024,
  /** An HTTP request body (create a session, join). */
  httpBodyBytes: 4 * 1024,
  teamName: 40,
  commitId: 64,
  ordersPerMessage: 8,
  rulingsPerMessage: 8,
  gamesPerSession: 20,
  timerSeconds: 3600,
  /** Live class screens (projector seats) in one game: enough for any room, not enough to fill the store. */
  projectorsPerGame: 10,
  /** How long a seat the teacher frees for a named team waits for that team before anyone may take it. */
  seatHoldSeconds: 600,
  /** Connections one seat token (or one desk secret) may hold open at once: a few tabs, not a flood. */
  connectionsPerToken: 5,
} as const;

/** Stable refusal codes. The message beside each one is written for people; the code is for programs. */
export const ERROR_CODES = [
  'bad-message', // the payload does not have the shape the event needs (the path says where)
  'too-large', // the payload is over LIMITS.messageBytes
  'unknown-event',
  'no-ack', // an event sent without an acknowledgement callback: the server could not answer it
  'rate-limited', // too many messages, or too many wrong join codes: wait and retry (retryAfterSeconds says how long)
  'unauthorized', // no seat token or facilitator secret, or one the server does not know
  'seat-revoked', // the teacher released this seat: join again
  'session-expired',
  'wrong-code', // no class session has this join code
  'seat-taken', // another team holds this seat: ask the teacher to release it
  'seat-held', // the teacher freed this seat for another team, which has not joined yet
  'name-taken', // another team of the class has a name that looks the same (team-name.ts): choose another
  'no-such-game',
  'not-your-game', // the seat belongs to another game (or another class session)
  'forbidden', // this seat may not do that (a projector giving orders, a team using the teacher's desk)
  'paused', // the teacher has paused the game
  'game-over',
  'not-over', // asked for what a seat may have only once the game is over (its record), while it runs
  // the seat's game is over, but another game of the session plays the same seed: its record would give that game's
  // dice away, so it waits until every game on the seed is over (SeatState.gamesStillPlaying says how many remain)
  'others-playing',
  'stale-turn', // the orders are for a turn that is not the one being ordered
  'already-committed', // this seat has committed other orders for this turn
  'commit-conflict', // a commitId already stored for this turn came again with other orders: no retry, a bug or a forgery
  'illegal-orders', // the engine refused the orders (the message says which and why)
  'refused', // the engine refused a facilitator action (an inject too late, a ruling with no roll to rule on)
  'unavailable', // the store could not be reached or the game is being changed by another server: retry
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ProtocolError {
  code: ErrorCode;
  message: string;
  path?: string;
  retryAfterSeconds?: number;
}
export type Refusal = { ok: false; error: ProtocolError };
export type Reply<T extends object = object> = ({ ok: true } & T) | Refusal;

export const refusal = (code: ErrorCode, message: string, path?: string): Refusal => ({
  ok: false,
  error: path === undefined ? { code, message } : { code, message, path },
});

/** The seats a team (or a projector) can join. The facilitator is not a seat: it holds the session's secret. */
export const JOINABLE_SEATS = ['us', 'iran', 'projector'] as const;
export type JoinableSeat = (typeof JOINABLE_SEATS)[number];

/**
 * A team's name is shown to other people (the projector, the teacher): plain text, one line, no personal data asked
 * for, in any script. It is never parsed as markup anywhere, and what would not print as it was typed is refused:
 * control characters and line separators; Unicode format characters (zero-width spaces, bidi overrides such as
 * U+202E, which make a name look like another or turn the text after it around), but for the joiners some scripts are
 * written with (team-name.ts); and a name that looks like the mark of a computer player (compared by its skeleton, so
 * neither a full-width colon nor a Cyrillic "о" gets through), which would let a team pass for one on the desk. The
 * first failing check names the problem (the join's message takes the first). A name that looks like another team's
 * in the same class is refused by the server (`name-taken`), which knows the other names.
 */
export const teamNameSchema = z
  .string()
  .trim()
  .min(1, 'a team name is required')
  .max(LIMITS.teamName, `a team name of at most ${LIMITS.teamName} characters`)
  .refine((s) => !/[\p{Cc}\u2028\u2029]/u.test(s), 'a team name on one line, without control characters')
  // Before the check on format characters, so that a name made only of them is told it has nothing to show.
  .refine(
    (s) => s.replace(/\p{Cf}/gu, '').trim() !== '',
    'a team name needs letters or digits: this one has only invisible characters and spaces',
  )
  .refine(
    (s) => !hasHiddenFormatting(s),
    'a team name without invisible formatting characters (zero-width spaces or joiners, or direction marks such as U+202E): type it again plainly',
  )
  .refine(
    (s) => !looksLikeComputerMark(s),
    'a team name may not start with "computer:": the class screens and the desk use it to mark computer players',
  );

const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
const gameIdSchema = idSchema;
/** A computer player's id as the registry names it: a doctrine ("opportunist") or a strategist's level ("strategist:easy"). */
const aiIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_:-]+$/, 'letters, digits, :, - and _ only');

// ---------------------------------------------------------------------------------------------------------------
// HTTP: POST /api/sessions and POST /api/join, JSON bodies, JSON replies (Reply<...>): status 200 for every answer,
// refusals included; 400, 413, 429 and 503 only for a request not read (malformed, too large, too many) or not served.

/** A teacher creates a class session: one or more games on the same seed (duplicate play). */
export const createSessionRequest = z.strictObject({
  scenarioId: idSchema.optional(), // the server's default scenario when absent
  preset: idSchema.nullable().optional(), // a scenario preset (the short classroom game), or the full length
  games: z.int().min(1).max(LIMITS.gamesPerSession).optional(), // 1 when absent
  /** The seed every game of the session plays; the server draws a long random one when absent. Keep it secret. */
  seed: z.string().min(16, 'a seed of at least 16 characters: a short one can be guessed').max(128).optional(),
  /** A computer player for a side in every game of the session (an AI id), instead of a team. */
  computer: z.strictObject({ us: aiIdSchema.optional(), iran: aiIdSchema.optional() }).optional(),
});
export type CreateSessionRequest = z.infer<typeof createSessionRequest>;

export interface GameSummary {
  gameId: string;
  index: number; // 1-based: "game 2" as the class says it
  players: { us: string; iran: string }; // 'team' or a computer player's id
}

export type CreateSessionReply = Reply<{
  sessionId: string;
  joinCode: string; // XXXX-XXXX: give it to the class
  facilitatorSecret: string; // the teacher's desk: keep it private
  expiresAt: number; // ms since 1970: the code and every seat of the session stop working then
  games: GameSummary[];
}>;

/** A team (or a projector) joins with the code on the board and a team name. */
export const joinRequest = z.strictObject({
  code: z.string().max(32),
  team: teamNameSchema,
  seat: z.enum(JOINABLE_SEATS),
  game: z.int().min(1).max(LIMITS.gamesPerSession).optional(), // the first game with that seat free when absent
});
export type JoinRequest = z.infer<typeof joinRequest>;

export type JoinReply = Reply<{
  token: string; // the seat token: keep it (localStorage) to come back after a reload or a dropped network
  sessionId: string;
  gameId: string;
  game: number;
  seat: JoinableSeat;
  team: string;
}>;

// ---------------------------------------------------------------------------------------------------------------
// Socket.IO. Handshake: io(url, { auth: { token } }) for a seat, io(url, { auth: { desk: secret } }) for the teacher.

export const handshakeAuth = z.union([
  z.strictObject({ token: z.string().min(20).max(100) }),
  z.strictObject({ desk: z.string().min(20).max(100) }),
]);

/** Client->server events, each with its payload schema. Every one needs an acknowledgement callback. */
export const clientEvents = {
  /**
   * The seat's whole state now (after connecting). With `unlessStamp` (stateStamp of the state the client holds) the
   * answer is `unchanged` when nothing the seat would see has changed since: the client's periodic check, which finds
   * a pushed state that never arrived (a publish lost between server processes) without fetching the game each time.
   */
  sync: z.strictObject({ gameId: gameIdSchema.optional(), unlessStamp: z.string().max(200).optional() }),
  /**
   * A team's orders for the turn being ordered, final once acknowledged. `commitId` is the client's own id for this
   * commit: sending it again (after a dropped connection, say) is answered as the first time, never stored twice.
   */
  commit: z.strictObject({
    turn: z.int().min(1).max(1000),
    commitId: idSchema.max(LIMITS.commitId),
    orders: z.array(orderSchema).max(LIMITS.ordersPerMessage),
  }),
  /**
   * The seat's game's whole record (the engine's replay: both sides' orders, every roll's result, who really fired),
   * for the end screen's reveal and the debrief. It holds every secret of both sides and the seed, which every game
   * of the session shares, so a seat gets it only once its game is over (`not-over` before) and every game on that
   * seed is over too (`others-playing` before); the desk has `desk:replay` at any time.
   */
  'game:record': z.strictObject({}),
  'desk:overview': z.strictObject({}),
  'desk:view': z.strictObject({ gameId: gameIdSchema }),
  /** Follow one game: its facilitator state is pushed after every change (null: follow none; the overview stays). */
  'desk:watch': z.strictObject({ gameId: gameIdSchema.nullable() }),
  'desk:pause': z.strictObject({}),
  'desk:resume': z.strictObject({}),
  /**
   * A countdown shown to every seat for the week each game is ordering now (0 clears it): it ends there when that week
   * resolves or the game ends. It is advice: orders are never sent for a team.
   */
  'desk:timer': z.strictObject({ seconds: z.int().min(0).max(LIMITS.timerSeconds) }),
  /** An inject released at the start of the turn in one game, or in every game of the session. */
  'desk:inject': z.strictObject({ game: z.union([gameIdSchema, z.literal('all')]), inject: injectSchema }),
  /** Rulings on the turn just resolved (the whole list: it replaces any earlier one), before the next turn begins. */
  'desk:ruling': z.strictObject({
    gameId: gameIdSchema,
    rulings: z.array(rulingSchema).max(LIMITS.rulingsPerMessage),
  }),
  /**
   * Frees a seat: its token stops working and its connections are closed, so another device can join it. With
   * `keepFor`, only a team of that name may take it for the next LIMITS.seatHoldSeconds.
   */
  'desk:release-seat': z.strictObject({
    gameId: gameIdSchema,
    seat: z.enum(['us', 'iran']),
    keepFor: teamNameSchema.optional(),
  }),
  /** Takes a team's request for a taken seat off the desk, the seat left as it is. */
  'desk:dismiss-request': z.strictObject({ gameId: gameIdSchema, seat: z.enum(['us', 'iran']), team: teamNameSchema }),
  'desk:replay': z.strictObject({ gameId: gameIdSchema }),
} as const;

export type ClientEventName = keyof typeof clientEvents;
export type ClientPayload<E extends ClientEventName> = z.infer<(typeof clientEvents)[E]>;
export const CLIENT_EVENT_NAMES = Object.keys(clientEvents) as ClientEventName[];
export const isClientEvent = (name: unknown): name is ClientEventName =>
  typeof name === 'string' && Object.hasOwn(clientEvents, name);

/** Who sits in a game, as the other seats may know it: team names only. */
export interface SeatsTaken {
  us: string | null; // the team's name, 'computer: <id>', or null while free
  iran: string | null;
  projectors: number;
}

/**
 * One week's news as a seat may see it: the engine's events (viewEvents) and why each figure moved, the engine's
 * ledger as this seat may see it (viewLedger: a cause it may not see is one "unseen" part, so the parts still sum to
 * the change), the injects released before the week's orders apart (`injectLedger`). The ledgers come on every week
 * of a `sync` reply, and on the newest resolved week of a pushed state (ClassroomClient keeps the older ones); the
 * entry of injects released for the week being ordered has none until the week resolves.
 */
export interface NewsEntry {
  turn: number;
  events: GameEvent[];
  ledger?: Ledger;
  injectLedger?: Ledger;
}

/**
 * What a seat receives: its view of one game and nothing more. `view` and `news` come from the engine's viewFor and
 * viewEvents for this seat; `seq` grows with every change to the game, so a client keeps the state with the
 * highest seq; a change to the session (pause, timer), to who holds the seats or to how many games still play
 * leaves it alone, so stateStamp adds those for the client's periodic check. `hash` (the engine's state hash) is
 * sent to the facilitator only, and to everyone once the game's record is theirs (game:record): it digests hidden
 * state, the dice included.
 */
export interface SeatState {
  sessionId: string;
  gameId: string;
  game: number;
  seat: JoinableSeat | 'facilitator';
  team: string | null;
  seq: number;
  paused: boolean;
  timerEndsAt: number | null; // ms since 1970, by the server's clock
  serverTime: number; // ms since 1970 when sent, to show the timer without trusting the device's clock
  seats: SeatsTaken;
  view: SeatView;
  news: NewsEntry[]; // every turn so far, as this seat may see it
  /**
   * Once this game is over: how many other games of the session on the same seed are still being played. Its record
   * and hash are given when this reaches 0. A count, never another game's state: the games play the same dice, so a
   * finished game's record would show a running one its rolls. Null while this game runs (nothing waits on it yet)
   * and for the desk, whose overview shows every game.
   */
  gamesStillPlaying: number | null;
  hash?: string;
}

/**
 * What tells two of a seat's states apart, but for the time they were sent: the game's log position, the session's
 * pause and timer, who holds the seats, and how many games still play beside a finished one. The client sends it
 * with its periodic `sync`; the server builds it from the same parts without building the state. (The desk builds it
 * from an overview row, which has no count: the facilitator's is always null.)
 */
export const stateStamp = (
  s: Pick<SeatState, 'seq' | 'paused' | 'timerEndsAt' | 'seats'> & Partial<Pick<SeatState, 'gamesStillPlaying'>>,
): string =>
  JSON.stringify([
    s.seq,
    s.paused,
    s.timerEndsAt,
    s.seats.us,
    s.seats.iran,
    s.seats.projectors,
    s.gamesStillPlaying ?? null,
  ]);

/** One game in the teacher's overview: enough to see every game of the session side by side. */
export interface GameOverview {
  gameId: string;
  index: number;
  seq: number;
  turn: number;
  lastTurn: number;
  rung: number;
  peak: number;
  committed: { us: boolean; iran: boolean };
  seats: SeatsTaken;
  /**
   * The devices open on each seat now (connections, counted by the server): 0 on a taken team seat means the team's
   * page is closed or off the network.
   */
  connected: { us: number; iran: number; projectors: number };
  /** A freed seat the teacher is keeping for a team (desk:release-seat's keepFor) that has not joined yet. */
  held: { us: string | null; iran: string | null };
  players: { us: string; iran: string };
  /** The desk's timer in this game: null once the week it was set in has resolved, or the game is over. */
  timerEndsAt: number | null;
  outcome: SeatView['outcome'];
  hash: string;
}

export interface Overview {
  sessionId: string;
  /** Teams that asked for a seat another team holds (newest 20), until the teacher releases that seat or dismisses
   * the request. */
  requests: { gameId: string; game: number; seat: 'us' | 'iran'; team: string; at: number }[];
  expiresAt: number;
  paused: boolean;
  /** The desk's timer while any game is still in the week it was set in (each game's in its `timerEndsAt`). */
  timerEndsAt: number | null;
  serverTime: number;
  games: GameOverview[];
}

/** The acknowledgement each client->server event gets. */
export interface ClientReplies {
  sync: Reply<{ state: SeatState } | { unchanged: true }>;
  commit: Reply<{ seq: number; dup: boolean }>;
  /**
   * seq: the log position the record ends at (a seat whose state has a higher seq asks again). Refused `not-over`
   * while the game runs, `others-playing` while another game on its seed does.
   */
  'game:record': Reply<{ replay: Replay; seq: number }>;
  /** joinCode: the class's join code (XXXX-XXXX) to show on the desk; null for a session that cannot give it back. */
  'desk:overview': Reply<{ overview: Overview; joinCode: string | null }>;
  'desk:view': Reply<{ state: SeatState }>;
  'desk:watch': Reply<{ state: SeatState | null }>;
  'desk:pause': Reply;
  'desk:resume': Reply;
  'desk:timer': Reply<{ timerEndsAt: number | null }>;
  'desk:inject': Reply<{ games: { gameId: string; ok: boolean; error?: ProtocolError }[] }>;
  'desk:ruling': Reply<{ seq: number }>;
  'desk:release-seat': Reply<{ released: number; heldUntil?: number }>;
  'desk:dismiss-request': Reply;
  'desk:replay': Reply<{ replay: Replay }>;
}

/** Server->client pushes (no acknowledgement). */
export interface ServerEvents {
  /**
   * A seat's new state after any change to its game (orders committed by either side, a turn resolved, ...); for
   * the desk, the facilitator state of the game it watches (desk:watch).
   */
  state: (state: SeatState) => void;
  /** The facilitator's overview after any change in the session. */
  overview: (overview: Overview) => void;
  /** The teacher released this seat: the connection is closed after this, and the token no longer works. */
  revoked: (notice: { code: 'seat-revoked'; message: string }) => void;
  /** A message the server could not answer through an acknowledgement (it was sent without one). */
  refused: (notice: { event: string; error: ProtocolError }) => void;
}

export type { GameEvent, Inject, Ledger, Order, Replay, Ruling, SeatView };

/** The size a payload has on the wire as the server measures it (UTF-8 bytes of its JSON). */
export function payloadBytes(payload: unknown): number {
  const json = JSON.stringify(payload);
  return json === undefined ? 0 : new TextEncoder().encode(json).length;
}

/** Checks a client->server payload: size first (nothing larger is parsed), then shape. */
export function parseClientPayload<E extends ClientEventName>(
  event: E,
  payload: unknown,
): { ok: true; value: ClientPayload<E> } | Refusal {
  let bytes: number;
  try {
    bytes = payloadBytes(payload);
  } catch {
    return refusal('bad-message', `"${event}": the payload is not JSON`);
  }
  if (bytes > LIMITS.messageBytes)
    return refusal('too-large', `"${event}": ${bytes} bytes, over the limit of ${LIMITS.messageBytes} bytes`);
  const parsed = clientEvents[event].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    return refusal('bad-message', `"${event}": ${path ? `${path}: ` : ''}${issue.message}`, path || undefined);
  }
  return { ok: true, value: parsed.data as ClientPayload<E> };
}

/**
 * A join code as typed: upper case, without spaces or dashes, with the letters people confuse read as the digits
 * they look like (Crockford's base32: O is 0, I and L are 1). Returns null when it cannot be a code.
 */
export function normalizeJoinCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}$/.test(code) ? code : null;
}
