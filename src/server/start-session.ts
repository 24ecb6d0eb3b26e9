/**
 * The class session `npm run serve` starts with, kept across restarts. The store holds only hashes of the desk's
 * secret and the class code (secrets.ts), so neither could be printed again after a restart, and each start used to
 * begin a second, empty session with a new code while the class played on in the first. The server therefore keeps
 * this one session's desk secret in a file of its data folder, readable by its own user only, as the store is (the
 * store already holds every seed and sealed order; a copy of the database file alone still gives no code or desk),
 * and a restart prints the same code and desk link.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CreateSessionReply, CreateSessionRequest } from '../net/protocol.ts';
import type { Classroom } from './classroom.ts';

type Created = Extract<CreateSessionReply, { ok: true }>;

export interface StartingSession {
  joinCode: string;
  facilitatorSecret: string;
  expiresAt: number;
  games: number;
  /** true: the session an earlier start began, still open, with the same settings; false: begun now. */
  kept: boolean;
}

/** What the file holds: the secret and the settings the session was started with (other settings start anew). */
interface Kept {
  facilitatorSecret: string;
  request: CreateSessionRequest;
}

function readKept(file: string): Kept | null {
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<Kept>;
    return typeof kept.facilitatorSecret === 'string' && typeof kept.request === 'object' && kept.request !== null
      ? (kept as Kept)
      : null;
  } catch {
    return null; // no file yet, or one that cannot be read: a new session
  }
}

/**
 * The session the server starts with: the one kept in `file` when it is still open and was started with the same
 * settings (unless `fresh`), else a new one, which the file then keeps.
 */
export async function startingSession(
  classroom: Classroom,
  file: string,
  request: CreateSessionRequest,
  fresh: boolean,
): Promise<StartingSession> {
  const kept = fresh ? null : readKept(file);
  if (kept && JSON.stringify(kept.request) === JSON.stringify(request)) {
    // The same check the desk's connection passes: the session exists, has not ended, and gives its code back.
    const desk = await classroom.authenticate({ desk: kept.facilitatorSecret });
    if (!('error' in desk) && desk.kind === 'desk' && desk.joinCode !== null) {
      const session = await classroom.store.session(desk.sessionId);
      const games = await classroom.store.gamesOf(desk.sessionId);
      if (session)
        return {
          joinCode: desk.joinCode,
          facilitatorSecret: kept.facilitatorSecret,
          expiresAt: session.expiresAt,
          games: games.length,
          kept: true,
        };
    }
  }
  const created = await classroom.createSession(request);
  if (!created.ok) throw new Error(`cannot start a class session: ${created.error.message}`);
  keep(file, { facilitatorSecret: created.facilitatorSecret, request });
  return sessionOf(created);
}

const sessionOf = (c: Created): StartingSession => ({
  joinCode: c.joinCode,
  facilitatorSecret: c.facilitatorSecret,
  expiresAt: c.expiresAt,
  games: c.games.length,
  kept: false,
});

/** Written whole or not at all (a crash mid-write leaves the old file), readable by the server's user only. */
function keep(file: string, kept: Kept): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const part = `${file}.part`;
  writeFileSync(part, `${JSON.stringify(kept)}\n`, { mode: 0o600 });
  renameSync(part, file);
}
