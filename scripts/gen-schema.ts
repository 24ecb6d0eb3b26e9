import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../src/engine/index.ts';

/**
 * Writes scenarios/scenario.schema.json, the JSON Schema editors use to complete and check scenario files, from the
 * same zod schema the engine validates with. `--check` only compares, and exits 1 when the committed file is stale.
 */
const TARGET = 'scenarios/scenario.schema.json';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--check');
if (unknown.length > 0) {
  process.stderr.write(`unknown argument "${unknown[0]}": usage: npm run schema [-- --check]\n`);
  process.exit(1);
}

const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;

if (args.includes('--check')) {
  let current: string | null = null;
  try {
    current = readFileSync(TARGET, 'utf8');
  } catch {
    current = null;
  }
  if (current !== text) {
    process.stderr.write(`${TARGET}: ${current === null ? 'missing' : 'out of date'}: run npm run schema\n`);
    process.exit(1);
  }
  process.stdout.write(`${TARGET}: up to date\n`);
} else {
  // Written beside and renamed, so an editor watching the file never loads half of it.
  writeFileSync(`${TARGET}.tmp`, text);
  renameSync(`${TARGET}.tmp`, TARGET);
  process.stdout.write(`${TARGET}: written (${text.length} bytes)\n`);
}
