import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** zod's JSON Schema writer: the modules zod's classic API imports for `toJSONSchema`, whatever calls it. */
const WRITER = /[\\/]zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema)\.js$/;

/**
 * Leaves zod's JSON Schema writer out of the browser build: zod's classic API imports it into every page that
 * validates anything (a fifth of zod), yet the game never writes a JSON Schema in the browser. `npm run schema`
 * writes them (scenarios/*.schema.json, tested current), and the lab reads them as data. Each of the writer's exports
 * becomes a function that throws, so a browser caller learns at once rather than getting a wrong schema. Vitest, the
 * CLI and the dev server use zod as it is.
 */
export function zodWithoutJsonSchema(): Plugin {
  return {
    name: 'zod-without-json-schema',
    apply: 'build',
    load(id) {
      if (!WRITER.test(id)) return undefined;
      const source = readFileSync(id, 'utf8');
      const names = new Set<string>();
      for (const m of source.matchAll(/^export (?:async )?(?:function\*?|const|let|var|class) ([\w$]+)/gm))
        names.add(m[1]!);
      for (const m of source.matchAll(/^export \{([^}]*)\}/gm))
        for (const part of m[1]!.split(',')) {
          const name = part
            .trim()
            .split(/\s+as\s+/)
            .at(-1);
          if (name) names.add(name);
        }
      const throws = `() => { throw new Error("zod's JSON Schema writer is left out of the browser build (scripts/vite-zod-json-schema.ts): write schemas with npm run schema"); }`;
      return [...names].map((n) => `export const ${n} = ${throws};`).join('\n');
    },
  };
}
