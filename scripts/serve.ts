/**
 * `npm run serve`: the classroom server with the built game on one port. Builds the game first when dist/ is
 * missing or older than its sources, then starts src/server/main.ts (configured by environment variables: see
 * docs/server.md).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The newest modification time under these paths (files and folders, recursively). */
function newest(paths: string[]): number {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) latest = Math.max(latest, newest(readdirSync(path).map((name) => join(path, name))));
    else latest = Math.max(latest, stat.mtimeMs);
  }
  return latest;
}

const distDir = process.env.DIST_DIR ?? join(ROOT, 'dist');
const built = join(distDir, 'index.html');
const sources = ['src', 'assets', 'scenarios', 'index.html', 'vite.config.ts'].map((p) => join(ROOT, p));
if (!existsSync(built) || statSync(built).mtimeMs < newest(sources)) {
  console.log('Building the game for the browser (vite build)…');
  await build({ root: ROOT, logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
}
await import('../src/server/main.ts');
