import { parseDoctrines } from '../ai/doctrine.ts';
import { type EngineError, formatErrors, plural, checkModel, MODEL_FIELDS } from '../engine/index.ts';
import { readJson } from '../node/json-file.ts';
import { readScenarioFile } from '../node/scenario-file.ts';

/**
 * What `npm run validate` makes of one file. The scenarios folder holds more than scenarios (the model they name,
 * the AI's doctrine book, the JSON Schemas editors use), and `npm run validate -- scenarios/*.json` is the natural
 * thing to type, so each file is checked as what it is rather than reported as a broken scenario.
 */
export type FileKind = 'scenario' | 'model' | 'doctrines' | 'json-schema';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The kinds a file's `$schema` names: our own schemas by file name, and JSON Schema's meta-schemas by their site. */
function kindNamed(schema: string): FileKind | null {
  if (/(^|[/\\])scenario\.schema\.json$/.test(schema)) return 'scenario';
  if (/(^|[/\\])model\.schema\.json$/.test(schema)) return 'model';
  if (/(^|[/\\])doctrines\.schema\.json$/.test(schema)) return 'doctrines';
  if (/^https?:\/\/json-schema\.org\//.test(schema)) return 'json-schema';
  return null;
}

/**
 * What a file's JSON is: the kind its `$schema` names, else its shape (a doctrine book lists `doctrines`, a model
 * holds the model's fields and no scenario id, a JSON Schema describes `properties`). Anything else is checked as a scenario, so
 * a broken scenario is still told what a scenario lacks.
 */
export function fileKind(json: unknown): FileKind {
  if (!isObject(json)) return 'scenario';
  const named = typeof json.$schema === 'string' ? kindNamed(json.$schema) : null;
  if (named !== null) return named;
  const keys = Object.keys(json).filter((k) => k !== '$schema');
  if (Array.isArray(json.doctrines) && !('sides' in json)) return 'doctrines';
  // Every scenario has an id and a format version, which a model never has.
  if (!('id' in json) && !('formatVersion' in json) && keys.some((k) => k in MODEL_FIELDS)) return 'model';
  if (json.type === 'object' && isObject(json.properties) && !('id' in json)) return 'json-schema';
  return 'scenario';
}

/** The outcome of checking one file: whether it passes, and its lines (`FILE: OK (...)` or one per problem). */
export interface FileCheck {
  ok: boolean;
  lines: string[];
}

const problems = (file: string, errors: readonly EngineError[]): FileCheck => ({
  ok: false,
  lines: formatErrors(errors.map((e) => ({ ...e, file: e.file ?? file }))).split('\n'),
});

const count = (list: unknown, noun: string) => plural(Array.isArray(list) ? list.length : 0, noun);

/** Checks one file as what it is: a scenario (composed with the model it names), a model, a doctrine book. */
export function validateFile(file: string): FileCheck {
  const json = readJson(file);
  if (!json.ok) return { ok: false, lines: [`${file}: ${json.message}`] };
  const kind = fileKind(json.value);
  switch (kind) {
    case 'json-schema':
      return { ok: true, lines: [`${file}: a JSON Schema, not a scenario: skipped`] };
    case 'model': {
      const checked = checkModel(json.value);
      if (!checked.ok) return problems(file, checked.errors);
      return { ok: true, lines: [`${file}: OK (a model: ${count((json.value as Json).orders, 'order')})`] };
    }
    case 'doctrines': {
      const parsed = parseDoctrines(json.value);
      if (!parsed.ok) return problems(file, parsed.errors);
      return { ok: true, lines: [`${file}: OK (a doctrine book: ${count(parsed.value.doctrines, 'doctrine')})`] };
    }
    case 'scenario': {
      const read = readScenarioFile(file);
      if (!read.ok) return { ok: false, lines: read.lines };
      const s = read.file.scenario;
      return {
        ok: true,
        lines: [`${file}: OK (${count(s.orders, 'order')}, ${count(s.sites, 'site')}, ${count(s.cards, 'card')})`],
      };
    }
    default: {
      const never: never = kind;
      throw new Error(`unknown file kind ${String(never)}`);
    }
  }
}
