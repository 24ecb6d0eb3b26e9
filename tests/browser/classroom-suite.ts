import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import type { ClassroomClient } from '../../src/net/client.ts';
import { connect, type ServerProcess, startServer } from '../server/harness.ts';
import { type Browser, openBrowser } from './support.ts';

export interface ClassroomSuite {
  /** The suite's server, started before its first test on a data folder of its own. */
  readonly server: ServerProcess;
  /** A Chromium page closed after the test, whose console errors fail the test unless allowed. */
  browser(viewport?: { width: number; height: number }): Promise<Browser>;
  /** A connection (a team's token or the desk's secret) closed after the test. */
  client(auth: { token: string } | { desk: string }): ClassroomClient;
  /** Console errors this test causes on purpose (a failed reconnection while the network is cut). */
  allowErrors(pattern: RegExp): void;
}

/**
 * The classroom browser suites' common frame: one server per file with its own data folder, removed after; every
 * page and connection a test opens closed after it; and no console error on any page but those the suite expects
 * (`expected`, for every test) or a test allows.
 */
export function classroomSuite(
  name: string,
  options: { env?: Record<string, string>; expected?: RegExp } = {},
): ClassroomSuite {
  let server: ServerProcess | undefined;
  let dataDir: string | undefined;
  let allowed: RegExp | null = null;
  const pages: Browser[] = [];
  const clients: ClassroomClient[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `two-boxers-${name}-`));
    server = await startServer({ DATA_DIR: dataDir, DIST_DIR: inject('distDir'), ...options.env });
  });

  afterAll(async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    const permitted = [options.expected, allowed].filter((p): p is RegExp => p != null);
    const errors = pages.flatMap((b) => b.errors).filter((e) => !permitted.some((p) => p.test(e)));
    allowed = null;
    await Promise.all(pages.splice(0).map((b) => b.close()));
    for (const c of clients.splice(0)) c.close();
    expect(errors, 'console errors').toEqual([]);
  });

  return {
    get server() {
      if (!server) throw new Error('the classroom server is started in beforeAll: use it inside a test');
      return server;
    },
    async browser(viewport) {
      const b = await openBrowser(viewport);
      pages.push(b);
      return b;
    },
    client(auth) {
      const c = connect(this.server.url, auth);
      clients.push(c);
      return c;
    },
    allowErrors(pattern) {
      allowed = pattern;
    },
  };
}
