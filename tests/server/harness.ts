/**
 * Real server processes on loopback for the server tests: spawned with tsx exactly as `npm run serve` runs the
 * server, killed by pid (SIGKILL for the fault tests), and clients built on src/net/client.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import { createGame, type GameState, hashState, type Order, playTurn, type Scenario } from '../../src/engine/index.ts';
import { ClassroomClient, createClassSession, joinClass } from '../../src/net/client.ts';
import type { CreateSessionRequest, JoinRequest, SeatState } from '../../src/net/protocol.ts';
import { shippedScenario } from '../shipped.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export interface ServerProcess {
  port: number;
  url: string;
  output: () => string;
  kill9: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Starts `src/server/main.ts` with these environment variables; resolves once it listens. */
export function startServer(env: Record<string, string>, port = 0): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), NO_SESSION: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  void exited.then(() => children.delete(child));
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void kill('SIGKILL');
      reject(new Error(`the server did not start in 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /on port (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        const p = Number(m[1]);
        resolve({
          port: p,
          url: `http://127.0.0.1:${p}`,
          output: () => output,
          kill9: () => kill('SIGKILL'),
          stop: () => kill('SIGTERM'),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening:\n${output}`));
    });
  });
}

export function tempDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'two-boxers-server-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function loadScenario(): Scenario {
  return shippedScenario('two-boxers');
}

export const SEED = 'server-test-seed-0001';

export async function newSession(url: string, request: CreateSessionRequest = {}) {
  const reply = await createClassSession(url, { seed: SEED, preset: 'short', ...request });
  if (!reply.ok) throw new Error(`session: ${reply.error.message}`);
  return reply;
}

export async function joinSeat(url: string, request: JoinRequest) {
  const reply = await joinClass(url, request);
  if (!reply.ok) throw new Error(`join ${request.seat}: ${reply.error.code} ${reply.error.message}`);
  return reply;
}

/** A client that reconnects quickly, as the tests need (a browser would keep the defaults). */
export function connect(url: string, auth: { token: string } | { desk: string }): ClassroomClient {
  return new ClassroomClient(url, {
    auth,
    answerTimeoutMs: 3000,
    io: { reconnectionDelay: 100, reconnectionDelayMax: 300, transports: ['websocket'] },
  });
}

/** Resolves with the client's state once `test` holds for it (checking the one it has first). */
export function waitForState(
  client: ClassroomClient,
  test: (s: SeatState) => boolean,
  timeoutMs = 20_000,
): Promise<SeatState> {
  return new Promise((resolve, reject) => {
    if (client.state && test(client.state)) return resolve(client.state);
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(
          `no such state within ${timeoutMs} ms; last: turn ${client.state?.view.turn}, seq ${client.state?.seq}`,
        ),
      );
    }, timeoutMs);
    const off = client.on('state', (s) => {
      if (s.seat !== 'facilitator' && test(s)) {
        clearTimeout(timer);
        off();
        resolve(s);
      }
    });
  });
}

/** A deterministic legal choice from the seat's own menu: one order a week, or none. */
export function choose(state: SeatState): Order[] {
  const menu = state.view.legalOrders;
  if (menu.length === 0 || state.view.turn % 3 === 0) return [];
  return [menu[(state.view.turn * 7) % menu.length]!];
}

export interface PlayRecord {
  us: Order[][];
  iran: Order[][];
}

/** Plays one week: both teams commit what they choose, and both see the next week (or the end). */
export async function playWeek(us: ClassroomClient, iran: ClassroomClient, record: PlayRecord): Promise<void> {
  const week = us.state!.view.turn;
  const [u, i] = [
    await waitForState(us, (s) => s.view.turn === week),
    await waitForState(iran, (s) => s.view.turn === week),
  ];
  const ordersUs = choose(u);
  const ordersIran = choose(i);
  const [a, b] = await Promise.all([us.commit(week, ordersUs), iran.commit(week, ordersIran)]);
  if (!a.ok || !b.ok) throw new Error(`week ${week}: ${JSON.stringify([a, b])}`);
  record.us[week - 1] = ordersUs;
  record.iran[week - 1] = ordersIran;
  const next = (s: SeatState) => s.view.turn > week || s.view.outcome !== null;
  await Promise.all([waitForState(us, next), waitForState(iran, next)]);
}

/** The game played again here from the orders the teams sent: what the server must hold. */
export function replayHere(scenario: Scenario, record: PlayRecord): GameState {
  const created = createGame(scenario, SEED, { preset: 'short' });
  if (!created.ok) throw new Error('cannot create');
  let state = created.value;
  for (let t = 0; t < record.us.length; t++) {
    const next = playTurn(scenario, state, record.us[t], record.iran[t]);
    if (!next.ok) throw new Error(`turn ${t + 1} does not replay here: ${next.errors[0]?.message}`);
    state = next.value;
  }
  return state;
}

export { hashState };

/** The server of one test file, and what its tests opened, closed with it. */
export interface FileServer {
  readonly process: ServerProcess;
  readonly url: string;
  track(...opened: { close(): unknown }[]): void;
}

/**
 * One server for a test file: started before its tests with a data folder of its own (and `env`, read then), stopped
 * after them with every connection the tests tracked, its data folder removed.
 */
export function serverForFile(env: () => Record<string, string> = () => ({})): FileServer {
  let server: ServerProcess | undefined;
  const data = tempDir();
  const opened: { close(): unknown }[] = [];
  beforeAll(async () => {
    server = await startServer({ DATA_DIR: data.path, ...env() });
  });
  afterAll(async () => {
    for (const o of opened) o.close();
    await server?.stop();
    data.remove();
  });
  return {
    get process() {
      if (!server) throw new Error('the server starts before the tests');
      return server;
    },
    get url() {
      return this.process.url;
    },
    track: (...more) => {
      opened.push(...more);
    },
  };
}

/** A bare Socket.IO connection, as a hostile client would open one: no checks on our side; closed with the server. */
export function rawSocket(server: FileServer, auth: object): Promise<Socket> {
  const socket = io(server.url, { auth, transports: ['websocket'], reconnection: false });
  server.track(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}
