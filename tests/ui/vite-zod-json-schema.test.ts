import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zodWithoutJsonSchema } from '../../scripts/vite-zod-json-schema.ts';

const core = join(dirname(createRequire(import.meta.url).resolve('zod/package.json')), 'v4', 'core');
const load = (id: string) => (zodWithoutJsonSchema().load as (id: string) => string | undefined)(id);

describe('the browser build without zod’s JSON Schema writer', () => {
  for (const file of ['json-schema-processors.js', 'to-json-schema.js'])
    it(`stubs every export of zod's ${file}, each throwing`, async () => {
      const id = join(core, file);
      const stub = load(id);
      expect(stub).toBeTypeOf('string');
      const real = Object.keys(await import(pathToFileURL(id).href)).sort();
      const stubbed = [...stub!.matchAll(/^export const ([\w$]+) =/gm)].map((m) => m[1]).sort();
      // A zod update that adds an export the stub misses would fail the build's imports, or worse, a caller at run time.
      expect(stubbed).toEqual(real);
      const run = new Function(`${stub!.replace(/^export /gm, '')}\nreturn ${stubbed[0]}();`);
      expect(run).toThrow(/left out of the browser build/);
    });

  it('leaves every other module alone', () => {
    expect(load(join(core, 'schemas.js'))).toBeUndefined();
    expect(load(join(core, 'json-schema.js'))).toBeUndefined();
  });
});
