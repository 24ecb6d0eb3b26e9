import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { doctrinesJsonSchema } from '../src/ai/doctrine.ts';
import { modelJsonSchema, scenarioFileJsonSchema } from '../src/engine/index.ts';
import { withReference } from './gen-scenario-doc.ts';

/**
 * Writes scenarios/scenario.schema.json, the JSON Schema editors use to complete and check scenario files, from the
 * same zod schema the engine validates with, and the field reference in docs/scenario-format.md from that schema;
 * scenarios/model.schema.json, the same for the model file the scenarios name (src/engine/scenario-model.ts);
 * and scenarios/doctrines.schema.json, the same for the AI players' doctrines file.
 * `--check` only compares, and exits 1 when either committed file is stale.
 */
const SCHEMA = 'scenarios/scenario.schema.json';
const MODEL_SCHEMA = 'scenarios/model.schema.json';
const DOCTRINES_SCHEMA = 'scenarios/doctrines.schema.json';
const DOC = 'docs/scenario-format.md';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--check');
if (unknown.length > 0) {
  process.stderr.write(`unknown argument "${unknown[0]}": usage: npm run schema [-- --check]\n`);
  process.exit(1);
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

const schema = scenarioFileJsonSchema();
const schemaText = `${JSON.stringify(schema, null, 2)}\n`;
const page = read(DOC);
if (page === null) {
  process.stderr.write(`${DOC}: missing: it holds the hand-written parts around the generated field reference\n`);
  process.exit(1);
}
const doc = withReference(page, schema);
if (!doc.ok) {
  process.stderr.write(`${DOC}: ${doc.message}\n`);
  process.exit(1);
}
const targets: [string, string][] = [
  [SCHEMA, schemaText],
  [MODEL_SCHEMA, `${JSON.stringify(modelJsonSchema(), null, 2)}\n`],
  [DOC, doc.text],
  [DOCTRINES_SCHEMA, `${JSON.stringify(doctrinesJsonSchema(), null, 2)}\n`],
];

if (args.includes('--check')) {
  let stale = 0;
  for (const [path, text] of targets) {
    const current = read(path);
    if (current === text) process.stdout.write(`${path}: up to date\n`);
    else {
      stale++;
      process.stderr.write(`${path}: ${current === null ? 'missing' : 'out of date'}: run npm run schema\n`);
    }
  }
  if (stale > 0) process.exit(1);
} else {
  for (const [path, text] of targets) {
    // Written beside and renamed, so an editor watching the file never loads half of it.
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
    process.stdout.write(`${path}: written (${text.length} bytes)\n`);
  }
}
