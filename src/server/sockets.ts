import type { Server, Socket } from 'socket.io';
import type { Seat } from '../engine/index.ts';
import { isClientEvent, LIMITS, type Reply, refusal, type ServerEvents } from '../net/protocol.ts';
import { type Caller, type Classroom, engineSeat } from './classroom.ts';
import { addressKey, TokenBucket } from './limits.ts';

interface SocketData {
  caller: Caller;
}

type ClassSocket = Socket<Record<string, never>, ServerEvents, Record<string, never>, SocketData>;
export type ClassServer = Server<Record<string, never>, ServerEvents, Record<string, never>, SocketData>;

/** Socket.IO rooms: one per seat of a game (every device of that seat), one per session's desk, one per token. */
export const seatRoom = (gameId: string, seat: Seat): string => `game:${gameId}:${seat}`;
export const deskRoom = (sessionId: string): string => `desk:${sessionId}`;
export const tokenRoom = (tokenHash: string): string => `token:${tokenHash}`;
export const watchRoom = (gameId: string): string => `watch:${gameId}`;

/** A desk socket follows one game at a time: it leaves the game it watched before. */
function follow(socket: ClassSocket, gameId: string | null): void {
  for (const room of socket.rooms) if (room.startsWith('watch:')) void socket.leave(room);
  if (gameId !== null) void socket.join(watchRoom(gameId));
}

const ANNOUNCED_SEATS: readonly Seat[] = ['us', 'iran', 'public'];
const OVERVIEW_MS = 100;

/**
 * Wires Socket.IO to the classroom: the handshake is authenticated (on every reconnection too), each connection joins
 * only its own seat's room, and each event passes an allow-list, a flood guard and a reply-or-refuse rule before
 * the classroom sees it. After a stored change every seat room of the game gets that seat's state; with the Redis
 * adapter the rooms span every server process.
 */
export function attachSockets(io: ClassServer, classroom: Classroom, shared: boolean): void {
  // Connections open in this process per seat token or desk: the flood guard below is per connection, so without a
  // cap one token could open connections until its syncs crowded out every other class.
  const open = new Map<string, number>();
  io.use((socket, next) => {
    classroom.authenticate(socket.handshake.auth, addressKey(socket.handshake.address)).then(
      (caller) => {
        if ('error' in caller) {
          const err = new Error(caller.error.message) as Error & { data: unknown };
          err.data = caller.error;
          next(err);
          return;
        }
        const key = caller.kind === 'seat' ? `seat:${caller.tokenHash}` : `desk:${caller.sessionId}`;
        const count = open.get(key) ?? 0;
        if (count >= LIMITS.connectionsPerToken) {
          const who = caller.kind === 'seat' ? 'this seat' : 'this desk';
          const message = `${who} already has ${count} connections open: close a tab or window, then retry`;
          const err = new Error(message) as Error & { data: unknown };
          err.data = { code: 'rate-limited', message, retryAfterSeconds: 5 };
          next(err);
          return;
        }
        open.set(key, count + 1);
        socket.once('disconnect', () => {
          const left = (open.get(key) ?? 1) - 1;
          if (left > 0) open.set(key, left);
          else open.delete(key);
        });
        socket.data.caller = caller;
        next();
      },
      (e: unknown) => {
        console.error('authentication failed', e);
        const err = new Error('the server cannot check this seat now: retry') as Error & { data: unknown };
        err.data = { code: 'unavailable', message: err.message };
        next(err);
      },
    );
  });

  io.on('connection', (socket: ClassSocket) => {
    const caller = socket.data.caller;
    if (caller.kind === 'seat') {
      void socket.join([seatRoom(caller.gameId, engineSeat(caller.seat)), tokenRoom(caller.tokenHash)]);
      // The desk shows whether each seat has a device connected: a page closed or gone off the network shows there.
      announceOverview(caller.sessionId);
      socket.once('disconnect', () => announceOverview(caller.sessionId));
    } else {
      void socket.join(deskRoom(caller.sessionId));
    }
    const bucket = new TokenBucket(20, 10, Date.now());
    socket.onAny((event: unknown, ...args: unknown[]) => {
      const ack = args.at(-1);
      const name = typeof event === 'string' ? event.slice(0, 40) : '?';
      if (typeof ack !== 'function') {
        socket.emit('refused', {
          event: name,
          error: { code: 'no-ack', message: `"${name}" was sent without an acknowledgement callback` },
        });
        return;
      }
      const answer = ack as (reply: Reply) => void;
      if (!bucket.take(Date.now())) {
        answer({
          ok: false,
          error: { code: 'rate-limited', message: 'too many messages: wait a second', retryAfterSeconds: 1 },
        });
        return;
      }
      if (!isClientEvent(event)) {
        answer(refusal('unknown-event', `unknown event "${name}"`));
        return;
      }
      if (args.length !== 2) {
        answer(refusal('bad-message', `"${event}" takes one payload and an acknowledgement`));
        return;
      }
      classroom.handle(caller, event, args[0]).then(
        (reply) => {
          if (event === 'desk:watch' && reply.ok) follow(socket, (args[0] as { gameId: string | null }).gameId);
          answer(reply);
        },
        (e: unknown) => {
          console.error(`"${event}" failed`, e);
          answer(refusal('unavailable', 'the server could not do that now: retry'));
        },
      );
    });
  });

  // The overview covers every game of the session: one per session per OVERVIEW_MS however many games changed.
  const overviewsDue = new Set<string>();
  function announceOverview(sessionId: string): void {
    if (overviewsDue.has(sessionId)) return;
    overviewsDue.add(sessionId);
    setTimeout(() => {
      overviewsDue.delete(sessionId);
      classroom.overview(sessionId).then(
        (overview) => io.to(deskRoom(sessionId)).emit('overview', overview),
        (e: unknown) => console.error('overview failed', e),
      );
    }, OVERVIEW_MS);
  }

  // Counted in the seat rooms: with rooms shared between processes (Redis) a seat's devices may be on any of them, so
  // every process is asked; should one not answer, this process's own count stands in.
  const here = (room: string) => io.sockets.adapter.rooms.get(room)?.size ?? 0;
  const everywhere = (room: string) =>
    io
      .in(room)
      .fetchSockets()
      .then(
        (sockets) => sockets.length,
        () => here(room),
      );
  classroom.connections = async (gameId) => {
    const count = (seat: Seat) =>
      shared ? everywhere(seatRoom(gameId, seat)) : Promise.resolve(here(seatRoom(gameId, seat)));
    const [us, iran, projectors] = await Promise.all([count('us'), count('iran'), count('public')]);
    return { us, iran, projectors };
  };

  classroom.onChange = (sessionId, gameIds) => {
    for (const gameId of gameIds) {
      for (const seat of ANNOUNCED_SEATS) {
        const state = classroom.stateOf(gameId, seat);
        if (state) io.to(seatRoom(gameId, seat)).emit('state', state);
      }
      // Only a desk watching the game gets its facilitator state; with rooms shared between processes (Redis) a
      // watcher may be elsewhere, so this process cannot skip an empty-looking room.
      if (shared || (io.sockets.adapter.rooms.get(watchRoom(gameId))?.size ?? 0) > 0) {
        const desk = classroom.stateOf(gameId, 'facilitator');
        if (desk) io.to(watchRoom(gameId)).emit('state', desk);
      }
    }
    announceOverview(sessionId);
  };

  classroom.onRevoke = (tokenHashes) => {
    for (const hash of tokenHashes) {
      io.to(tokenRoom(hash)).emit('revoked', {
        code: 'seat-revoked',
        message: 'the teacher released this seat: join again to play',
      });
      io.in(tokenRoom(hash)).disconnectSockets(true);
    }
  };
}
