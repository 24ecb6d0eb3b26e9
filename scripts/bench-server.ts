/**
 * `npm run bench:server` (also the last part of `npm run bench`): the classroom server under a loopback load.
 * 100 games with 300 connected clients (two teams and a projector each) play whole games at once, on one process
 * with SQLite, then on two processes sharing PostgreSQL and joined by Redis (US and projector on one, Iran on the
 * other; skipped when either service does not answer). Each team commits after a random pause of up to THINK_MS
 * (2000). Prints the 50th/99th percentile from the second team's
 * commit to the moment every seat of that game holds the new week, memory per game (the server's RSS), and the
 * commits acknowledged, lost and duplicated (checked against each game's stored replay).
 *
 * Beside them, at the same time, COMPUTER_GAMES (5) games against a searching computer player (BENCH_AI,
 * strategist:easy: about 0.4 s of search a week), a US team and a projector each: their US commit to every seat's
 * new view is reported apart. Those searches run on the server's AI threads (AI_THREADS); AI_THREADS=0 runs them on
 * the main thread, as before, to compare. BENCH_PG=0 skips the two-process run, BENCH_SQLITE=0 the one-process run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Order } from '../src/engine/index.ts';
import { ClassroomClient, createClassSession, joinClass } from '../src/net/client.ts';
import type { JoinableSeat, SeatState } from '../src/net/protocol.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GAMES = 100;
const PER_SESSION = 20;
const COMPUTER_GAMES = Number(process.env.COMPUTER_GAMES ?? 5);
const BENCH_AI = process.env.BENCH_AI ?? 'strategist:easy';
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Proc {
  url: string;
  pid: number;
  child: ChildProcess;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function start(env: Record<string, string>): Promise<Proc> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/tbprof'] : []),
      '--import',
      'tsx',
      'src/server/main.ts',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', NO_SESSION: '1', SESSIONS_PER_HOUR: '100', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.add(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /on port (\d+)/.exec(out);
      if (m) resolve({ url: `http://127.0.0.1:${m[1]}`, pid: child.pid!, child });
    });
    child.once('exit', () => reject(new Error(`server exited:\n${out}`)));
  });
}

async function stop(p: Proc): Promise<void> {
  const exited = new Promise((done) => p.child.once('exit', done));
  p.child.kill('SIGTERM');
  await exited;
  children.delete(p.child);
}

/** Resident memory of a process in MB, from /proc. */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

const until = (client: ClassroomClient, test: (s: SeatState) => boolean): Promise<SeatState> =>
  new Promise((resolve, reject) => {
    if (client.state && test(client.state)) return resolve(client.state);
    const timer = setTimeout(() => reject(new Error('no state within 60 s')), 60_000);
    const off = client.on('state', (s) => {
      if (test(s)) {
        clearTimeout(timer);
        off();
        resolve(s);
      }
    });
  });

/**
 * A team's time to decide, 0 to THINK_MS: teams in a class do not commit in the same millisecond, and a load
 * where every game commits at once measures a queue, not the server (THINK_MS=0 gives that load).
 */
const THINK_MS = Number(process.env.THINK_MS ?? 2000);
const think = () => new Promise((done) => setTimeout(done, Math.random() * THINK_MS));

function choose(s: SeatState): Order[] {
  const menu = s.view.legalOrders;
  return menu.length === 0 || s.view.turn % 3 === 0 ? [] : [menu[(s.view.turn * 7) % menu.length]!];
}

interface Game {
  gameId: string;
  us: ClassroomClient;
  iran: ClassroomClient | null; // null: the computer plays Iran
  projector: ClassroomClient;
  sent: { us: Order[][]; iran: Order[][] };
}

async function playGame(g: Game, latencies: number[], counts: { acked: number; dup: number }): Promise<void> {
  if (!g.iran) return playAlone(g, latencies, counts);
  for (;;) {
    const u = await until(g.us, () => true);
    if (u.view.outcome) return;
    const week = u.view.turn;
    const i = await until(g.iran, (s) => s.view.turn === week);
    const usOrders = choose(u);
    const iranOrders = choose(i);
    await think();
    const first = await g.us.commit(week, usOrders);
    await think();
    const t0 = performance.now();
    const seats = [g.us, g.iran, g.projector].map((c) =>
      until(c, (s) => s.view.turn > week || s.view.outcome !== null).then(() => performance.now()),
    );
    const second = await g.iran.commit(week, iranOrders);
    const arrivals = await Promise.all(seats);
    latencies.push(Math.max(...arrivals) - t0);
    for (const r of [first, second]) {
      if (!r.ok) throw new Error(`week ${week}: ${r.error.message}`);
      counts.acked++;
      if (r.dup) counts.dup++;
    }
    g.sent.us.push(usOrders);
    g.sent.iran.push(iranOrders);
  }
}

/** A US team against the computer: its commit is the week's last, so the latency includes the computer's search. */
async function playAlone(g: Game, latencies: number[], counts: { acked: number; dup: number }): Promise<void> {
  for (;;) {
    const u = await until(g.us, () => true);
    if (u.view.outcome) return;
    const week = u.view.turn;
    const usOrders = choose(u);
    await think();
    const t0 = performance.now();
    const seats = [g.us, g.projector].map((c) =>
      until(c, (s) => s.view.turn > week || s.view.outcome !== null).then(() => performance.now()),
    );
    const r = await g.us.commit(week, usOrders);
    latencies.push(Math.max(...(await Promise.all(seats))) - t0);
    if (!r.ok) throw new Error(`week ${week}: ${r.error.message}`);
    counts.acked++;
    if (r.dup) counts.dup++;
    g.sent.us.push(usOrders);
  }
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

async function run(label: string, procs: Proc[], seatProc: (seat: JoinableSeat) => Proc): Promise<void> {
  const io = { transports: ['websocket'] };
  const before = procs.map((p) => rssMb(p.pid));
  const games: Game[] = [];
  const desks: ClassroomClient[] = [];
  const sessions = GAMES / PER_SESSION + (COMPUTER_GAMES > 0 ? 1 : 0);
  for (let s = 0; s < sessions; s++) {
    const computer = s === GAMES / PER_SESSION;
    const session = await createClassSession(procs[0]!.url, {
      games: computer ? COMPUTER_GAMES : PER_SESSION,
      preset: 'short',
      seed: `bench-seed-${s}-0123456789`,
      ...(computer && { computer: { iran: BENCH_AI } }),
    });
    if (!session.ok) throw new Error(session.error.message);
    desks.push(new ClassroomClient(procs[0]!.url, { auth: { desk: session.facilitatorSecret }, io }));
    for (const game of session.games) {
      const seat = async (name: JoinableSeat) => {
        const url = seatProc(name).url;
        const joined = await joinClass(url, {
          code: session.joinCode,
          team: `t-${name}`,
          seat: name,
          game: game.index,
        });
        if (!joined.ok) throw new Error(joined.error.message);
        return new ClassroomClient(url, { auth: { token: joined.token }, io, answerTimeoutMs: 10_000 });
      };
      games.push({
        gameId: game.gameId,
        us: await seat('us'),
        iran: computer ? null : await seat('iran'),
        projector: await seat('projector'),
        sent: { us: [], iran: [] },
      });
    }
  }
  const clients = (g: Game) => [g.us, g.iran, g.projector].filter((c): c is ClassroomClient => c !== null);
  await Promise.all(games.flatMap((g) => clients(g).map((c) => until(c, () => true))));
  const health = async (p: Proc, reset = false) =>
    (
      (await (await fetch(`${p.url}/api/health${reset ? '?reset' : ''}`)).json()) as {
        loopDelayMs: { p99: number; max: number };
      }
    ).loopDelayMs;
  for (const p of procs) await health(p, true);
  const latencies: number[] = [];
  const alone: number[] = [];
  const counts = { acked: 0, dup: 0 };
  const t0 = performance.now();
  await Promise.all(games.map((g) => playGame(g, g.iran ? latencies : alone, counts)));
  const seconds = (performance.now() - t0) / 1000;
  const after = procs.map((p) => rssMb(p.pid));
  const loops = await Promise.all(procs.map((p) => health(p)));

  // Lost: an acknowledged week whose orders the stored replay does not hold as sent.
  let lost = 0;
  for (const [i, g] of games.entries()) {
    const desk = desks[Math.floor(i / PER_SESSION)]!;
    const replay = await desk.request('desk:replay', { gameId: g.gameId });
    if (!replay.ok) throw new Error(replay.error.message);
    for (const [w, us] of g.sent.us.entries()) {
      const turn = replay.replay.turns[w];
      if (!turn || JSON.stringify(turn.us) !== JSON.stringify(us)) lost++;
      if (g.iran && (!turn || JSON.stringify(turn.iran) !== JSON.stringify(g.sent.iran[w]))) lost++;
    }
    if (replay.replay.turns.length !== g.sent.us.length) lost++;
  }
  for (const c of [...desks, ...games.flatMap(clients)]) c.close();

  latencies.sort((a, b) => a - b);
  alone.sort((a, b) => a - b);
  const memory = after.reduce((a, b) => a + b, 0) - before.reduce((a, b) => a + b, 0);
  console.log(
    `server, ${label}: ${GAMES} games, ${GAMES * 3} clients, ${latencies.length} weeks in ${seconds.toFixed(1)} s (each commit after 0-${THINK_MS} ms)`,
  );
  console.log(
    `  second commit -> every seat's new view: p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms (target p99 < 150 ms)`,
  );
  if (alone.length > 0)
    console.log(
      `  beside them ${COMPUTER_GAMES} games against ${BENCH_AI} (AI_THREADS=${process.env.AI_THREADS ?? 'default'}), ${alone.length} weeks: US commit -> every seat's new view p50 ${pct(alone, 50).toFixed(1)} ms, p99 ${pct(alone, 99).toFixed(1)} ms`,
    );
  console.log(
    `  memory: ${((memory * 1024) / games.length).toFixed(0)} KB per game (server RSS ${before.map((m) => m.toFixed(0)).join('+')} -> ${after.map((m) => m.toFixed(0)).join('+')} MB)`,
  );
  console.log(
    `  the server's main thread held callbacks up: p99 ${loops.map((l) => l.p99.toFixed(0)).join('+')} ms, max ${loops.map((l) => l.max.toFixed(0)).join('+')} ms (event-loop delay)`,
  );
  console.log(`  commits: ${counts.acked} acknowledged, ${lost} lost, ${counts.dup} duplicated`);
}

async function reachable(): Promise<boolean> {
  try {
    const pool = new pg.Pool({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
    await pool.query('select 1');
    await pool.end();
    const { createClient } = await import('redis');
    const redis = createClient({ url: REDIS_URL, socket: { connectTimeout: 2000, reconnectStrategy: false } });
    await redis.connect();
    await redis.quit();
    return true;
  } catch {
    return false;
  }
}

if (process.env.BENCH_SQLITE === '0') {
  console.log('server, 1 process: skipped (BENCH_SQLITE=0)');
} else {
  const data = mkdtempSync(join(tmpdir(), 'two-boxers-bench-'));
  try {
    const one = await start({ DATA_DIR: data });
    await run('1 process, SQLite', [one], () => one);
    await stop(one);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

if (process.env.BENCH_PG === '0') {
  console.log('server, 2 processes: skipped (BENCH_PG=0)');
} else if (await reachable()) {
  const schema = `tb_bench_${randomBytes(6).toString('hex')}`;
  const env = { DATABASE_URL: PG_URL, PG_SCHEMA: schema, REDIS_URL, REDIS_PREFIX: `tb-bench-${schema}` };
  try {
    const a = await start(env);
    const b = await start(env);
    await run('2 processes, PostgreSQL + Redis', [a, b], (seat) => (seat === 'iran' ? b : a));
    await stop(a);
    await stop(b);
  } finally {
    const pool = new pg.Pool({ connectionString: PG_URL });
    await pool.query(`drop schema if exists ${schema} cascade`);
    await pool.end();
  }
} else {
  console.log('server, 2 processes: skipped (PostgreSQL or Redis does not answer)');
}
process.exit(0);
