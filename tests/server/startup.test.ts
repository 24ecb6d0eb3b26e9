/**
 * What `npm run serve` prints at start, across restarts with the same data folder: the class session it started
 * before, while it is open and started with the same settings, so the code on the board and the desk link stay right.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, type ServerProcess, startServer, tempDir } from './harness.ts';

const data = tempDir();
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const s of running) await s.stop();
  data.remove();
});

/** Starts the server with its start-up session, stops it once it has printed that (unless `running`), and returns
 * what it printed. */
async function start(
  env: Record<string, string> = {},
  leave: 'stopped' | 'running' = 'stopped',
): Promise<{ code: string; secret: string; text: string }> {
  const server = await startServer({ DATA_DIR: data.path, NO_SESSION: '', ...env });
  running.push(server);
  const deadline = Date.now() + 20_000;
  while (!/Projector:/.test(server.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const text = server.output();
  const code = /Class code:\s+(\S+)/.exec(text)?.[1];
  const secret = /\/desk#(\S+)/.exec(text)?.[1];
  if (!code || !secret) throw new Error(`no session printed:\n${text}`);
  if (leave === 'stopped') {
    await server.stop();
    running.splice(running.indexOf(server), 1);
  }
  return { code, secret, text };
}

describe('the class session the server starts with', () => {
  it('is the same after a restart: the same code and desk link, and the desk opens on it', async () => {
    const first = await start();
    expect(first.text).not.toContain('The same class session');
    expect(statSync(join(data.path, 'starting-session.json')).mode & 0o777).toBe(0o600);
    const again = await start({}, 'running');
    expect([again.code, again.secret]).toEqual([first.code, first.secret]);
    expect(again.text).toContain('The same class session as before this restart');
    const server = running.at(-1)!;
    const desk = connect(server.url, { desk: again.secret });
    const overview = await desk.request('desk:overview', {});
    desk.close();
    expect(overview).toMatchObject({ ok: true, joinCode: first.code });
    await server.stop();
    running.pop();
  });

  it('is new when asked (NEW_SESSION=1), with other settings, or once the session has ended', async () => {
    const before = await start();
    const asked = await start({ NEW_SESSION: '1' });
    expect(asked.code).not.toBe(before.code);
    // The new one is kept from then on.
    expect((await start()).code).toBe(asked.code);
    const other = await start({ SESSION_GAMES: '2' });
    expect(other.code).not.toBe(asked.code);
    expect(other.text).toContain('(2 games)');
    // SESSION_HOURS=0: each session has ended as it begins, so every start makes a new one.
    const ended = await start({ SESSION_HOURS: '0' });
    expect((await start({ SESSION_HOURS: '0' })).code).not.toBe(ended.code);
  });
});
