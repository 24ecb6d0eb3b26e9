import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type ErrorCode, LIMITS, type Reply, refusal } from '../net/protocol.ts';
import type { Classroom } from './classroom.ts';
import { AttemptLimiter, addressKey } from './limits.ts';

/**
 * The refusals that are HTTP errors: a request the server cannot read (malformed, too large), will not read now
 * (too many tries), or cannot answer (its own fault). Every other refusal (a wrong code, a taken seat, a name that
 * looks like another team's) is the protocol's answer to a well-formed request: 200 with `{ ok: false, error }`, as a
 * Socket.IO reply would be, so a browser does not log the page's everyday refusals as failed loads.
 */
const HTTP_ERRORS: Partial<Record<ErrorCode, number>> = {
  'bad-message': 400,
  'too-large': 413,
  'rate-limited': 429,
  unavailable: 503,
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

function send(res: ServerResponse, reply: Reply): void {
  const status = reply.ok ? 200 : (HTTP_ERRORS[reply.error.code] ?? 200);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  if (!reply.ok && reply.error.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(reply.error.retryAfterSeconds);
  res.writeHead(status, headers);
  res.end(JSON.stringify(reply));
}

/**
 * A JSON body of at most LIMITS.httpBodyBytes. A larger one is read to its end without being kept (so the client
 * hears the 413 rather than a cut connection) up to a hard ceiling, past which the connection is closed.
 */
function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | ReturnType<typeof refusal>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= LIMITS.httpBodyBytes) chunks.push(chunk);
      else if (size > 16 * 1024 * 1024) req.destroy();
    });
    req.on('error', () => resolve(refusal('bad-message', 'the request was cut off')));
    req.on('end', () => {
      if (size > LIMITS.httpBodyBytes) {
        resolve(refusal('too-large', `the body is ${size} bytes, over the limit of ${LIMITS.httpBodyBytes} bytes`));
        return;
      }
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      } catch {
        resolve(refusal('bad-message', 'the body is not JSON'));
      }
    });
  });
}

export interface HttpOptions {
  /** The built browser game (vite build's dist/), served as it is; absent: the API only. */
  distDir: string | null;
  /** Sessions one address may create per hour (a student's laptop should not fill the store). */
  sessionsPerHour: number;
}

/**
 * The HTTP side: the two steps before a seat exists (create a class session, join it) and the built game's files.
 * Everything after joining goes over Socket.IO (sockets.ts).
 */
export function httpHandler(classroom: Classroom, options: HttpOptions) {
  const creations = new AttemptLimiter(options.sessionsPerHour, 3_600_000);
  // How long the main thread kept callbacks waiting (a long synchronous task delays every game's commits and views).
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const address = addressKey(req.socket.remoteAddress ?? '?');
    try {
      if (url.pathname === '/api/sessions' || url.pathname === '/api/join') {
        if (req.method !== 'POST') {
          res.writeHead(405, { allow: 'POST' }).end();
          return;
        }
        const body = await readJson(req);
        if (!body.ok) return send(res, body);
        if (url.pathname === '/api/join') return send(res, await classroom.join(body.value, address));
        const wait = creations.blockedFor(address, Date.now());
        if (wait > 0)
          return send(res, {
            ok: false,
            error: { code: 'rate-limited', message: `too many new sessions: wait ${wait} s`, retryAfterSeconds: wait },
          });
        const reply = await classroom.createSession(body.value);
        if (reply.ok) creations.record(address, Date.now());
        return send(res, reply);
      }
      if (url.pathname === '/api/health') {
        // Since start, or since the last ?reset (the bench reads it over its run).
        const loopDelayMs = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
        if (url.searchParams.has('reset')) loop.reset();
        return send(res, { ok: true, store: classroom.store.kind, games: classroom.loadedGames, loopDelayMs } as Reply);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      serveFile(options.distDir, url.pathname, res);
    } catch (e) {
      console.error(`${req.method} ${url.pathname} failed`, e);
      if (!res.headersSent) send(res, refusal('unavailable', 'the server could not do that now: retry'));
      else res.end();
    }
  };
}

/** A file of the built game; any path that is not a file gets the page itself (its own code reads the path). */
function serveFile(distDir: string | null, pathname: string, res: ServerResponse): void {
  if (distDir === null) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('no built game on this server\n');
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad path\n');
    return;
  }
  let path = join(distDir, normalize(decoded).replace(/^(\.\.[/\\])+/, ''));
  if (!path.startsWith(distDir + sep) && path !== distDir) path = join(distDir, 'index.html');
  if (!existsSync(path) || !statSync(path).isFile()) path = join(distDir, 'index.html');
  const type = TYPES[extname(path)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'x-content-type-options': 'nosniff' });
  res.end(readFileSync(path));
}
