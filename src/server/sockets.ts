import type { Server, Socket } from 'socket.io';
import type { Seat } from '../engine/index.ts';
import { isClientEvent, type Reply, refusal, type ServerEvents } from '../net/protocol.ts';
import { type Caller, type Classroom, engineSeat } from './classroom.ts';
import { TokenBucket } from './limits.ts';

interface SocketData {
  caller: Caller;
}

type ClassSocket = Socket<Record<string, never>, ServerEvents, Record<string, never>, SocketData>;
export type ClassServer = Server<Record<string, never>, ServerEvents, Record<string, never>, SocketData>;

/** Socket.IO rooms: one per seat of a game (every device of that seat), one per session's desk, one per token. */
export const seatRoom = (gameId: string, seat: Seat): string => `game:${gameId}:${seat}`;
export const deskRoom = (sessionId: string): string => `desk:${sessionId}`;
export const tokenRoom = (tokenHash: string): string => `token:${tokenHash}`;

const ANNOUNCED_SEATS: readonly Seat[] = ['us', 'iran', 'public'];

/**
 * Wires Socket.IO to the classroom: the handshake is authenticated (on every reconnection too), each connection joins
 * only its own seat's room, and each event passes an allow-list, a flood guard and a reply-or-refuse rule before
 * the classroom sees it. After a stored change every seat room of the game gets that seat's state; with the Redis
 * adapter the rooms span every server process.
 */
export function attachSockets(io: ClassServer, classroom: Classroom): void {
  io.use((socket, next) => {
    classroom.authenticate(socket.handshake.auth).then(
      (caller) => {
        if ('error' in caller) {
          const err = new Error(caller.error.message) as Error & { data: unknown };
          err.data = caller.error;
          next(err);
          return;
        }
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
      classroom.handle(caller, event, args[0]).then(answer, (e: unknown) => {
        console.error(`"${event}" failed`, e);
        answer(refusal('unavailable', 'the server could not do that now: retry'));
      });
    });
  });

  classroom.onChange = (sessionId, gameIds) => {
    for (const gameId of gameIds) {
      for (const seat of ANNOUNCED_SEATS) {
        const state = classroom.stateOf(gameId, seat);
        if (state) io.to(seatRoom(gameId, seat)).emit('state', state);
      }
      const desk = classroom.stateOf(gameId, 'facilitator');
      if (desk) io.to(deskRoom(sessionId)).emit('state', desk);
    }
    classroom.overview(sessionId).then(
      (overview) => io.to(deskRoom(sessionId)).emit('overview', overview),
      (e: unknown) => console.error('overview failed', e),
    );
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
