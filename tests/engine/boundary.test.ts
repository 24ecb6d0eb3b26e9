/**
 * One boundary: the AI, the analysis, the command line, the Node file readers, the server, the UI and the scripts reach the engine only
 * through its public entry, src/engine/index.ts, so what the engine keeps to itself can move without breaking them.
 * Checked on the source text, comments aside; type-only imports count too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importSpecifiers } from './source-text.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENGINE = join(ROOT, 'src', 'engine');
const ENTRY = join(ENGINE, 'index.ts');
const USERS = ['src/ai', 'src/analysis', 'src/cli', 'src/node', 'src/server', 'src/ui', 'scripts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** The engine modules a file imports other than the entry, as paths from the engine folder. */
function pastTheEntry(file: string, src: string): string[] {
  return importSpecifiers(src)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(file), spec))
    .filter((target) => target.startsWith(ENGINE + sep) && target !== ENTRY)
    .map((target) => relative(ENGINE, target));
}

const files = USERS.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((path) => ({
  path,
  name: relative(ROOT, path).split(sep).join('/'),
}));

describe('the engine boundary', () => {
  it('finds the sources of every folder that uses the engine', () => {
    const names = files.map((f) => f.name);
    for (const name of ['src/ai/match.ts', 'src/analysis/luck.ts', 'src/cli/sim.ts', 'src/ui/app.ts'])
      expect(names).toContain(name);
  });

  it('tells an import past the entry from one through it', () => {
    const file = join(ROOT, 'src', 'cli', 'x.ts');
    expect(pastTheEntry(file, "import { narrate } from '../engine/narrate.ts';")).toEqual(['narrate.ts']);
    expect(pastTheEntry(file, "import type { TurnContext } from '../engine/turn/context.ts';")).toEqual([
      join('turn', 'context.ts'),
    ]);
    expect(pastTheEntry(file, "export { x } from '../engine/rng.ts';\nconst m = import('../engine/view.ts');")).toEqual(
      ['rng.ts', 'view.ts'],
    );
    expect(pastTheEntry(file, "import { narrate } from '../engine/index.ts';")).toEqual([]);
    expect(pastTheEntry(file, "// from '../engine/narrate.ts'\nimport { z } from 'zod';")).toEqual([]);
  });

  it.each(files.map((f) => [f.name, f.path] as const))('%s imports the engine only through index.ts', (_name, path) => {
    expect(pastTheEntry(path, readFileSync(path, 'utf8'))).toEqual([]);
  });
});
