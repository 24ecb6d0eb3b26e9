/**
 * A connection to the classroom server for any screen (or a test, or a bot): no DOM. It joins a class over HTTP,
 * keeps one Socket.IO connection for a seat or the teacher's desk, always holds the newest state the server sent
 * (by seq), re-syncs after every (re)connection, and delivers a commit exactly once: the same commit id is re-sent
 * after a dropped connection or a server restart until the server answers it, and the server stores it once. It also
 * checks now and then that nothing was missed while connected: with several server processes a state pushed from
 * another process travels through Redis, and a publish lost there (Redis down or behind) would leave a seat showing
 * an old week until the next change, which may never come if that seat is the one the game waits for.
 */
import { io, type Socket, type SocketOptions, type ManagerOptions } from 'socket.io-client';
import {
  type ClientEventName,
  type ClientPayload,
  type ClientReplies,
  type CreateSessionReply,
  type CreateSessionRequest,
  type JoinReply,
  type JoinRequest,
  LIMITS,
  type Order,
  type Overview,
  type ProtocolError,
  payloadBytes,
  type Refusal,
  refusal,
  type SeatState,
  type ServerEvents,
  stateStamp,
} from './protocol.ts';

async function post<T>(url: string, body: unknown): Promise<T | Refusal> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as T;
  } catch (e) {
    return refusal('unavailable', `the server cannot be reached (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The teacher creates a class session (POST /api/sessions). */
export const createClassSession = (baseUrl: string, request: CreateSessionRequest): Promise<CreateSessionReply> =>
  post<CreateSessionReply>(`${baseUrl}/api/sessions`, request);

/** A team joins with the class code (POST /api/join); keep the token it returns to come back. */
export const joinClass = (baseUrl: string, request: JoinRequest): Promise<JoinReply> =>
  post<JoinReply>(`${baseUrl}/api/join`, request);

export type ConnectionStatus =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting'; reason: string }
  /** The server refused the seat (released by the teacher, unknown token, session over): join again. */
  | { kind: 'refused'; error: ProtocolError };

export interface ClientOptions {
  /** A seat's token from joinClass, or the facilitator's secret for the desk. */
  auth: { token: string } | { desk: string };
  /** How long to wait for an answer before trying again (ms). */
  answerTimeoutMs?: number;
  /** Passed to socket.io-client (reconnection delays, transports). */
  io?: Partial<ManagerOptions & SocketOptions>;
  /** How often to check, while connected, for a change whose push never arrived (ms; 0: never). */
  checkEveryMs?: number;
}

/** A missed push shows within this long: a class notices a frozen screen after about half a minute. */
export const CHECK_EVERY_MS = 15_000;

const randomId = (): string => {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};

const FATAL = new Set(['unauthorized', 'seat-revoked', 'session-expired']);

/**
 * A pushed state carries the ledger of the newest resolved week only (protocol.ts, NewsEntry): the older weeks'
 * ledgers, which never change, are carried over from the state it replaces, so every state held has them all.
 */
function keepLedgers(s: SeatState, before: SeatState | null | undefined): SeatState {
  if (!before || s.news.every((n) => n.ledger)) return s;
  const known = new Map(before.news.filter((n) => n.ledger).map((n) => [n.turn, n]));
  return {
    ...s,
    news: s.news.map((n) => {
      const old = n.ledger ? undefined : known.get(n.turn);
      return old ? { ...n, ledger: old.ledger, injectLedger: old.injectLedger } : n;
    }),
  };
}

interface PendingCommit {
  payload: ClientPayload<'commit'>;
  resolve: (reply: ClientReplies['commit']) => void;
}

/** What a client may emit: each event with its payload and the answer its acknowledgement receives. */
type ClientEmits = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: (reply: ClientReplies[E]) => void) => void;
};

export class ClassroomClient {
  readonly socket: Socket<ServerEvents, ClientEmits>;
  /** The newest state of this seat's game (the highest seq the server sent), or null before the first. */
  state: SeatState | null = null;
  /** The desk's newest state of each game, by game id (the desk only). */
  readonly games = new Map<string, SeatState>();
  overview: Overview | null = null;
  /** The class's join code, for the desk to show (null until the first overview, or when the server cannot give it). */
  joinCode: string | null = null;
  status: ConnectionStatus = { kind: 'connecting' };
  private pending: PendingCommit | null = null;
  private readonly listeners = {
    state: new Set<(s: SeatState) => void>(),
    overview: new Set<(o: Overview) => void>(),
    status: new Set<(s: ConnectionStatus) => void>(),
  };
  private readonly timeoutMs: number;
  private readonly checkTimer: ReturnType<typeof setInterval> | null = null;
  private checking = false;
  private closed = false;
  /** The game whose facilitator state the desk follows (desk:watch), for the desk's periodic check. */
  private watching: string | null = null;

  constructor(url: string, options: ClientOptions) {
    this.timeoutMs = options.answerTimeoutMs ?? 5000;
    const every = options.checkEveryMs ?? CHECK_EVERY_MS;
    if (every > 0) this.checkTimer = setInterval(() => void this.check(), every);
    this.socket = io(url, { auth: options.auth, ...options.io });
    this.socket.on('connect', () => {
      this.setStatus({ kind: 'connected' });
      void this.afterConnect();
    });
    this.socket.on('disconnect', (reason) => {
      this.setStatus({ kind: 'reconnecting', reason });
      // A disconnect the server chose is not retried by socket.io-client; only a revoked seat should stay down.
      if (reason === 'io server disconnect' && this.status.kind !== 'refused') this.socket.connect();
    });
    this.socket.on('connect_error', (err: Error & { data?: ProtocolError }) => {
      if (err.data && FATAL.has(err.data.code)) this.setStatus({ kind: 'refused', error: err.data });
      else this.setStatus({ kind: 'reconnecting', reason: err.message });
      // socket.io-client gives up after a refusal from the server's handshake; one that says when to come back (too
      // many connections for this seat) is tried again then.
      const wait = err.data?.code === 'rate-limited' ? err.data.retryAfterSeconds : undefined;
      if (wait !== undefined && !this.socket.active && !this.closed)
        setTimeout(() => {
          if (!this.socket.connected && !this.closed) this.socket.connect();
        }, wait * 1000);
    });
    this.socket.on('state', (s) => this.take(s));
    this.socket.on('overview', (o) => this.takeOverview(o));
    this.socket.on('revoked', (notice) => this.setStatus({ kind: 'refused', error: notice }));
  }

  on(event: 'state', listener: (s: SeatState) => void): () => void;
  on(event: 'overview', listener: (o: Overview) => void): () => void;
  on(event: 'status', listener: (s: ConnectionStatus) => void): () => void;
  on(event: keyof ClassroomClient['listeners'], listener: (value: never) => void): () => void {
    const set = this.listeners[event] as Set<unknown>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * Sends one event and waits for its answer; a refusal (including "too large", checked here before sending, and
   * "unavailable" when no answer came in time) is a value, never a throw.
   */
  async request<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<ClientReplies[E]> {
    const bytes = payloadBytes(payload);
    if (bytes > LIMITS.messageBytes)
      return refusal('too-large', `${bytes} bytes, over the limit of ${LIMITS.messageBytes} bytes`) as ClientReplies[E];
    try {
      // The generic event name defeats socket.io's tuple types; ClientEmits still types every call site above.
      const timed = this.socket.timeout(this.timeoutMs);
      const emit = timed.emitWithAck as (e: E, p: ClientPayload<E>) => Promise<unknown>;
      return (await emit.call(timed, event, payload)) as ClientReplies[E];
    } catch (e) {
      return refusal(
        'unavailable',
        `no answer from the server (${e instanceof Error ? e.message : String(e)})`,
      ) as ClientReplies[E];
    }
  }

  /** The seat's state now, from the server. */
  async sync(): Promise<ClientReplies['sync']> {
    const reply = await this.request('sync', {});
    if (reply.ok && 'state' in reply) this.take(reply.state);
    return reply;
  }

  /** The desk follows one game (null: none): its facilitator state now, then pushed after every change. */
  async watch(gameId: string | null): Promise<ClientReplies['desk:watch']> {
    const reply = await this.request('desk:watch', { gameId });
    if (reply.ok) {
      this.watching = gameId;
      if (reply.state) this.take(reply.state);
    }
    return reply;
  }

  /**
   * Commits this seat's orders for a turn. The promise settles with the server's answer, waiting through dropped
   * connections and restarts (the same commit is re-sent on each reconnection until answered).
   */
  commit(turn: number, orders: Order[]): Promise<ClientReplies['commit']> {
    if (this.pending) return Promise.resolve(refusal('already-committed', 'a commit is already on its way'));
    const payload = { turn, commitId: randomId(), orders };
    const bytes = payloadBytes(payload);
    if (bytes > LIMITS.messageBytes)
      return Promise.resolve(refusal('too-large', `${bytes} bytes, over the limit of ${LIMITS.messageBytes} bytes`));
    return new Promise((resolve) => {
      this.pending = { payload, resolve };
      this.sendPending();
    });
  }

  /** Whether a commit is waiting for the server's answer. */
  get committing(): boolean {
    return this.pending !== null;
  }

  close(): void {
    this.closed = true;
    if (this.checkTimer !== null) clearInterval(this.checkTimer);
    this.socket.close();
  }

  /**
   * The periodic check. A seat asks whether its state is still the newest, sending its stamp, and gets the state
   * only when it is not. The desk fetches the overview, whose row for the game it follows gives that game's stamp, and
   * fetches the game only when the stamp moved; each is passed on only when it changed, so that a screen is not
   * redrawn every few seconds for nothing.
   */
  private async check(): Promise<void> {
    if (!this.socket.connected || this.checking || this.status.kind !== 'connected') return;
    this.checking = true;
    try {
      if ('token' in (this.socket.auth as object)) {
        if (!this.state) return; // the sync after connecting brings the first
        const reply = await this.request('sync', { unlessStamp: stateStamp(this.state) });
        if (reply.ok && 'state' in reply) this.take(reply.state);
        return;
      }
      const reply = await this.request('desk:overview', {});
      if (!reply.ok) return;
      const o = reply.overview;
      if (!sameOverview(o, this.overview)) this.takeOverview(o);
      const gameId = this.watching;
      const known = gameId === null ? undefined : this.games.get(gameId);
      const row = o.games.find((g) => g.gameId === gameId);
      if (gameId === null || (known && row && stateStamp({ ...o, ...row }) === stateStamp(known))) return;
      const view = await this.request('desk:view', { gameId });
      if (view.ok && (!known || stateStamp(known) !== stateStamp(view.state))) this.take(view.state);
    } finally {
      this.checking = false;
    }
  }

  private takeOverview(o: Overview): void {
    if (!this.overview || o.serverTime >= this.overview.serverTime) this.overview = o;
    for (const f of this.listeners.overview) f(o);
  }

  private sendPending(): void {
    const pending = this.pending;
    if (!pending || !this.socket.connected) return; // the connect handler sends it
    this.socket
      .timeout(this.timeoutMs)
      .emit('commit', pending.payload, (err: Error | null, reply: ClientReplies['commit']) => {
        if (this.pending !== pending) return;
        if (err) {
          if (this.socket.connected) setTimeout(() => this.sendPending(), 200);
          return;
        }
        if (!reply.ok && reply.error.code === 'unavailable') {
          setTimeout(() => this.sendPending(), 200);
          return;
        }
        this.pending = null;
        pending.resolve(reply);
      });
  }

  private async afterConnect(): Promise<void> {
    if ('token' in (this.socket.auth as object)) await this.sync();
    else {
      const reply = await this.request('desk:overview', {});
      if (reply.ok) {
        this.overview = reply.overview;
        this.joinCode = reply.joinCode;
        for (const f of this.listeners.overview) f(reply.overview);
      }
    }
    this.sendPending();
  }

  private take(pushed: SeatState): void {
    let s: SeatState;
    if (pushed.seat === 'facilitator') {
      const known = this.games.get(pushed.gameId);
      if (known && known.seq > pushed.seq) return;
      s = keepLedgers(pushed, known);
      this.games.set(s.gameId, s);
    } else {
      if (this.state && this.state.seq > pushed.seq) return;
      s = keepLedgers(pushed, this.state);
      this.state = s;
    }
    for (const f of this.listeners.state) f(s);
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status.kind === 'refused') return;
    this.status = status;
    for (const f of this.listeners.status) f(status);
  }
}

/** Two overviews alike but for when they were sent. */
const sameOverview = (a: Overview, b: Overview | null): boolean =>
  b !== null && JSON.stringify({ ...a, serverTime: 0 }) === JSON.stringify({ ...b, serverTime: 0 });
