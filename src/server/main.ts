/**
 * The classroom server: `npm run serve` (scripts/serve.ts builds the game first when needed), or
 * `tsx src/server/main.ts`. Configured by environment variables (docs/server.md):
 *   PORT (8080), HOST (0.0.0.0), DATA_DIR (./data: the SQLite store), DATABASE_URL (postgres://…: PostgreSQL instead),
 *   PG_SCHEMA (the PostgreSQL schema, public), REDIS_URL (redis://…: share rooms with other processes),
 *   DIST_DIR (./dist), PUBLIC_URL (the address printed for people), SESSION_HOURS (12),
 *   JOIN_FAILURES (20 different wrong codes per address per JOIN_WINDOW_SECONDS, 600), JOINS_PER_MINUTE (60 refused
 *   joins per address, code and team), NO_SESSION (1: start none),
 *   SESSION_GAMES, SESSION_PRESET, SESSION_US, SESSION_IRAN (the session made at start, and kept by a restart
 *   while it is open and these are unchanged), NEW_SESSION (1: start a new one all the same),
 *   GAME_IDLE_SECONDS (1800: a game idle this long leaves memory until its next message; 0: never),
 *   AI_THREADS (the computer players' threads: one fewer than the cores, at least 1; 0: decide on the main thread),
 *   AI_NICE (10: how far those threads stand back from the main thread for the CPU, 0-19; 0: not at all).
 */
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import type { Scenario } from '../engine/index.ts';
import { type CreateSessionRequest, LIMITS } from '../net/protocol.ts';
import { mustReadScenario } from '../node/scenario-file.ts';
import { AiPool } from './ai-pool.ts';
import { Classroom } from './classroom.ts';
import { httpHandler } from './http.ts';
import { connectRedis, type RedisPair } from './redis.ts';
import { attachSockets, type ClassServer } from './sockets.ts';
import type { Store } from './store.ts';
import { startingSession } from './start-session.ts';
import { openSqliteStore } from './store-sqlite.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const env = process.env;
const dataDir = resolve(env.DATA_DIR ?? 'data');
/** In the data folder: the desk secret of the session the server starts with, so a restart shows it again. */
const STARTING_SESSION_FILE = 'starting-session.json';

// The files beside the scenarios that are not scenarios: the AI's doctrines and the model the scenarios name.
const NOT_SCENARIOS = new Set(['doctrines.json', 'model.json']);

function loadScenarios(): Map<string, Scenario> {
  const dir = join(ROOT, 'scenarios');
  const scenarios = new Map<string, Scenario>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.json') || file.endsWith('.schema.json') || NOT_SCENARIOS.has(file)) continue;
    const scenario = mustReadScenario(join(dir, file));
    scenarios.set(scenario.id, scenario);
  }
  return scenarios;
}

async function openStore(): Promise<Store> {
  if (env.DATABASE_URL) {
    const { openPostgresStore } = await import('./store-postgres.ts');
    return openPostgresStore(env.DATABASE_URL, env.PG_SCHEMA ?? 'public');
  }
  return openSqliteStore(dataDir);
}

const int = (name: string, fallback: number): number => {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not "${v}"`);
  return n;
};

/** The addresses students can open: this machine's IPv4 addresses on the school network. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

async function main(): Promise<void> {
  const port = int('PORT', 8080);
  const host = env.HOST ?? '0.0.0.0';
  const store = await openStore();
  const gameIdleMs = int('GAME_IDLE_SECONDS', 1800) * 1000;
  const aiThreads = int('AI_THREADS', Math.max(1, availableParallelism() - 1));
  const aiNice = int('AI_NICE', 10);
  if (aiNice > 19) throw new Error(`AI_NICE must be 0-19, not ${aiNice}`);
  const ai = aiThreads > 0 ? new AiPool(aiThreads, { nice: aiNice }) : null;
  await ai?.ready();
  const classroom = await Classroom.open(store, {
    scenarios: loadScenarios(),
    defaultScenario: 'two-boxers',
    sessionHours: int('SESSION_HOURS', 12),
    joinFailureLimit: int('JOIN_FAILURES', 20),
    joinFailureWindowMs: int('JOIN_WINDOW_SECONDS', 600) * 1000,
    joinsPerMinute: int('JOINS_PER_MINUTE', 60),
    gameIdleMs,
    ...(ai && { decide: ai.decide }),
  });
  // Looked at a few times per idle period (at least once a minute), so a game leaves memory soon after it goes idle.
  if (gameIdleMs > 0) setInterval(() => classroom.evictIdle(), Math.min(60_000, Math.max(250, gameIdleMs / 4))).unref();
  const distDir = resolve(env.DIST_DIR ?? join(ROOT, 'dist'));
  const http = createServer(
    httpHandler(classroom, {
      distDir: existsSync(join(distDir, 'index.html')) ? distDir : null,
      sessionsPerHour: int('SESSIONS_PER_HOUR', 30),
    }),
  );
  const io: ClassServer = new Server(http, {
    maxHttpBufferSize: LIMITS.transportBytes,
    serveClient: false,
    // Recovery only replays packets a dropped connection missed; every client re-syncs on connect anyway (a server
    // restart loses what recovery keeps), so it stays off and one path handles every kind of return.
  });
  let redis: RedisPair | null = null;
  if (env.REDIS_URL) {
    const { createAdapter } = await import('@socket.io/redis-adapter');
    redis = await connectRedis(env.REDIS_URL);
    io.adapter(createAdapter(redis.pub, redis.sub, { key: env.REDIS_PREFIX ?? 'two-boxers' }));
  }
  attachSockets(io, classroom, redis !== null);
  await new Promise<void>((done) => http.listen(port, host, done));
  const address = http.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const base = env.PUBLIC_URL?.replace(/\/$/, '') ?? `http://${lanAddresses()[0] ?? '127.0.0.1'}:${actualPort}`;
  console.log(`Two Boxers classroom server on port ${actualPort} (store: ${store.kind}${redis ? ', redis' : ''})`);
  if (env.NO_SESSION !== '1') {
    const request: CreateSessionRequest = {
      games: int('SESSION_GAMES', 1),
      ...(env.SESSION_PRESET && { preset: env.SESSION_PRESET }),
      ...((env.SESSION_US || env.SESSION_IRAN) && {
        computer: {
          ...(env.SESSION_US && { us: env.SESSION_US }),
          ...(env.SESSION_IRAN && { iran: env.SESSION_IRAN }),
        },
      }),
    };
    const file = join(dataDir, STARTING_SESSION_FILE);
    const session = await startingSession(classroom, file, request, env.NEW_SESSION === '1');
    const until = new Date(session.expiresAt).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
    console.log(`
  Students open:        ${base}/join
  Class code:           ${session.joinCode}   (${session.games} game${session.games > 1 ? 's' : ''})
  Teacher's desk:       ${base}/desk#${session.facilitatorSecret}
                        (keep this link private: it opens the desk of this class)
  Projector:            ${base}/join (choose "projector")
${
  session.kept
    ? `
  The same class session as before this restart, open until ${until}: the same code, desk and games.
  (NEW_SESSION=1 starts a new one.)
`
    : ''
}`);
  }
  const stop = async (signal: string) => {
    console.log(`${signal}: closing`);
    io.close();
    await redis?.close();
    await ai?.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
