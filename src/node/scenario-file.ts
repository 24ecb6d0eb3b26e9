import { dirname, join } from 'node:path';
import {
  composeScenario,
  type EngineError,
  formatErrors,
  modelNameOf,
  parseScenario,
  type Scenario,
} from '../engine/index.ts';
import { readJson } from './json-file.ts';

/**
 * Reading a scenario file on Node: the one place the CLI, the server, the scripts, the build and the tests read
 * scenarios. A file that names a model (`"model": "model.json"`, relative to the scenario file) is composed with it
 * (src/engine/scenario-model.ts); one that does not is a self-contained scenario, as exports and variants are.
 */
export interface ScenarioFile {
  scenario: Scenario;
  /** The composed, self-contained scenario as JSON: what a variant edits and an export writes. */
  json: unknown;
  /** The files read: the scenario, and the model it names. No output may overwrite them. */
  files: string[];
}

const lines = (errors: readonly EngineError[], file: string): string[] =>
  formatErrors(errors.map((e) => ({ ...e, file: e.file ?? file }))).split('\n');

/** The path of the model a scenario at `scenarioPath` names, written the way the scenario's path was. */
const modelPath = (scenarioPath: string, name: string): string => join(dirname(scenarioPath), name);

/** Reads, composes and checks a scenario file; on failure, one `FILE: json.path: message` line per problem. */
export function readScenarioFile(path: string): { ok: true; file: ScenarioFile } | { ok: false; lines: string[] } {
  const json = readJson(path);
  if (!json.ok) return { ok: false, lines: [`${path}: ${json.message}`] };
  const name = modelNameOf(json.value);
  if (!name.ok) return { ok: false, lines: lines(name.errors, path) };
  if (name.value === null) {
    const parsed = parseScenario(json.value);
    if (!parsed.ok) return { ok: false, lines: lines(parsed.errors, path) };
    return { ok: true, file: { scenario: parsed.value, json: json.value, files: [path] } };
  }
  const model = modelPath(path, name.value);
  const modelJson = readJson(model);
  if (!modelJson.ok)
    return {
      ok: false,
      lines: [
        modelJson.message.startsWith('cannot read: ')
          ? `${path}: model: cannot read ${model}: ${modelJson.message.slice('cannot read: '.length)}`
          : `${model}: ${modelJson.message}`,
      ],
    };
  const composed = composeScenario(json.value, modelJson.value, { scenario: path, model });
  if (!composed.ok) return { ok: false, lines: lines(composed.errors, path) };
  return { ok: true, file: { scenario: composed.value.scenario, json: composed.value.json, files: [path, model] } };
}

/** A scenario file that must be good (the shipped ones, in the server, scripts and tests): throws its problems. */
export function mustReadScenario(path: string): Scenario {
  const read = readScenarioFile(path);
  if (!read.ok) throw new Error(read.lines.join('\n'));
  return read.file.scenario;
}
