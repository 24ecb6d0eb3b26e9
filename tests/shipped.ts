/**
 * The shipped scenarios as every test reads them: through the Node reader (src/node/scenario-file.ts), composed
 * with the model they name, exactly as the CLI, the server and the build read them.
 */
import { fileURLToPath } from 'node:url';
import type { Scenario, ScenarioInput } from '../src/engine/index.ts';
import { readScenarioFile, type ScenarioFile } from '../src/node/scenario-file.ts';

export type Shipped = 'two-boxers' | 'red-lines';

/** The absolute path of a shipped scenario file. */
export const shippedPath = (name: Shipped): string =>
  fileURLToPath(new URL(`../scenarios/${name}.json`, import.meta.url));

const read = new Map<Shipped, ScenarioFile>();
function file(name: Shipped): ScenarioFile {
  let f = read.get(name);
  if (f === undefined) {
    const r = readScenarioFile(shippedPath(name));
    if (!r.ok) throw new Error(`scenarios/${name}.json does not validate:\n${r.lines.join('\n')}`);
    f = r.file;
    read.set(name, f);
  }
  return f;
}

/** A shipped scenario, composed and parsed once. Treat it as immutable. */
export const shippedScenario = (name: Shipped): Scenario => file(name).scenario;

/** A fresh deep clone of a shipped scenario's composed JSON, self-contained and not yet validated: patch it freely. */
export const shippedJson = (name: Shipped): ScenarioInput => structuredClone(file(name).json) as ScenarioInput;
