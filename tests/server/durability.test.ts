import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClassroomClient } from '../../src/net/client.ts';
import {
  choose,
  connect,
  hashState,
  joinSeat,
  loadScenario,
  newSession,
  type PlayRecord,
  playWeek,
  replayHere,
  type ServerProcess,
  startServer,
  tempDir,
  waitForState,
} from './harness.ts';

const scenario = loadScenario();
const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = 'redis://127.0.0.1:6379';
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A server that can be killed and started again on the same port with the same settings. */
function restartable(env: Record<string, string>) {
  let current: ServerProcess | null = null;
  let port = 0;
  const handle = {
    start: async () => {
      current = await startServer(env, port);
      port = current.port;
      return current;
    },
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    kill9: () => current!.kill9(),
  };
  cleanups.push(() => current?.kill9());
  return handle;
}

/**
 * The fault test: a game between two teams (each on its own server, or both on one), the US server killed with
 * SIGKILL after the US's commit for week 3 is acknowledged and before Iran commits; Iran commits while it is down
 * or just back; the server starts again on the same port and store. Every client must come back by itself and the
 * game end at the state the teams' orders make, with each acknowledged order stored once.
 */
async function killBetweenCommits(
  usServer: ReturnType<typeof restartable>,
  iranServer: ReturnType<typeof restartable>,
) {
  const session = await newSession(usServer.url);
  const usSeat = await joinSeat(usServer.url, { code: session.joinCode, team: 'Eagles', seat: 'us' });
  const iranSeat = await joinSeat(iranServer.url, { code: session.joinCode, team: 'Lions', seat: 'iran' });
  const us = connect(usServer.url, { token: usSeat.token });
  const iran = connect(iranServer.url, { token: iranSeat.token });
  const desk = connect(iranServer.url, { desk: session.facilitatorSecret });
  const clients: ClassroomClient[] = [us, iran, desk];
  cleanups.push(() => {
    for (const c of clients) c.close();
  });
  await Promise.all([waitForState(us, () => true), waitForState(iran, () => true)]);
  const record: PlayRecord = { us: [], iran: [] };
  await playWeek(us, iran, record);
  await playWeek(us, iran, record);

  // Week 3: the US commits first; Iran's commit then resolves the week on its own server, and the US sees it.
  let [u, i] = [await waitForState(us, (s) => s.view.turn === 3), await waitForState(iran, (s) => s.view.turn === 3)];
  expect(await us.commit(3, choose(u))).toMatchObject({ ok: true, dup: false });
  expect(await iran.commit(3, choose(i))).toMatchObject({ ok: true, dup: false });
  record.us.push(choose(u));
  record.iran.push(choose(i));
  await waitForState(us, (s) => s.view.turn === 4);

  // Week 4: the US's commit is acknowledged, then its server dies before Iran's commit.
  [u, i] = [await waitForState(us, (s) => s.view.turn === 4), await waitForState(iran, (s) => s.view.turn === 4)];
  expect(await us.commit(4, choose(u))).toMatchObject({ ok: true });
  await usServer.kill9();
  const iranCommit = iran.commit(4, choose(i));
  record.us.push(choose(u));
  record.iran.push(choose(i));
  await usServer.start();
  expect(await iranCommit).toMatchObject({ ok: true, dup: false });
  await Promise.all([waitForState(us, (s) => s.view.turn === 5), waitForState(iran, (s) => s.view.turn === 5)]);
  expect(us.state!.view.history[3]!.orders.us).toEqual(record.us[3]);

  while (us.state!.view.outcome === null) await playWeek(us, iran, record);
  const here = replayHere(scenario, record);
  expect(us.state!.hash).toBe(hashState(here));
  await waitForState(iran, (s) => s.view.outcome !== null);
  expect(iran.state!.hash).toBe(hashState(here));

  // The stored record: every acknowledged order exactly once, in its week.
  const replay = await desk.request('desk:replay', { gameId: usSeat.gameId });
  if (!replay.ok) throw new Error(replay.error.message);
  expect(replay.replay.turns.map((t) => [t.us, t.iran])).toEqual(record.us.map((o, w) => [o, record.iran[w]]));
  expect(replay.replay.finalHash).toBe(hashState(here));
}

async function pgSchema(): Promise<string> {
  const schema = `tb_test_${randomBytes(6).toString('hex')}`;
  cleanups.push(async () => {
    const pool = new pg.Pool({ connectionString: PG_URL });
    await pool.query(`drop schema if exists ${schema} cascade`);
    await pool.end();
  });
  return schema;
}

describe('kill -9 between two acknowledged commits loses nothing', () => {
  it('SQLite: one process, restarted on its data folder', async () => {
    const data = tempDir();
    cleanups.push(() => data.remove());
    const server = restartable({ DATA_DIR: data.path });
    await server.start();
    await killBetweenCommits(server, server);
  });

  it('PostgreSQL: one process, restarted on its schema', async () => {
    const server = restartable({ DATABASE_URL: PG_URL, PG_SCHEMA: await pgSchema() });
    await server.start();
    await killBetweenCommits(server, server);
  });

  it('two processes sharing PostgreSQL and joined by Redis, one team on each', async () => {
    const env = {
      DATABASE_URL: PG_URL,
      PG_SCHEMA: await pgSchema(),
      REDIS_URL,
      REDIS_PREFIX: `tb-test-${randomBytes(4).toString('hex')}`,
    };
    const a = restartable(env);
    const b = restartable(env);
    await a.start();
    await b.start();
    await killBetweenCommits(a, b);
  });
});
