import { type DoctrineBook, parseDoctrines } from '../ai/doctrine.ts';
import { type EngineError, formatErrors, parseScenario, type Scenario, plural } from '../engine/index.ts';
import { doctrinesFileOf, readJson, readScenario } from './args.ts';

/**
 * `--set PATH=V1,V2,...` as sweep and compare read it: a JSON path into the scenario file (`us.bases[0].garrison`)
 * or, when it starts with one of the doctrine book's fields, into the doctrines file
 * (`doctrines[measured].traits.retaliation`). A list entry is picked by position (`[0]`) or by its id, order type
 * or site (`orders[campaign].cost`). Values are read as the type the field has, and every variant is checked
 * against the schema as a whole, after all its settings, since some fields constrain others.
 */

type Json = unknown;
/** A step of a path as written: a field, a position in a list, or a list entry named by its id. */
type Step = { field: string } | { index: number } | { name: string };
/** A step once resolved against the file: a field or a position. */
export type Segment = string | number;

/** The two files a setting can change. */
export type DocumentName = 'scenario' | 'doctrines';
export type Documents = Record<DocumentName, Json>;

// The doctrine book's top-level fields; a path starting with one of them goes into the doctrines file.
const BOOK_FIELDS = new Set(['doctrines', 'advisors', 'strategist']);

// Names that reach an object's prototype rather than a field of it: `--set __proto__.x=1` once changed every object.
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** One `--set`: which file, where (resolved to fields and positions), and the values to try. */
export interface Setting {
  path: string;
  document: DocumentName;
  segments: Segment[];
  values: Json[];
  texts: string[];
}

/** Splits `orders[campaign].cost` into its steps; a message when it is not a path. */
function splitPath(path: string): Step[] | { message: string } {
  const steps: Step[] = [];
  const re = /(?:^|\.)([^.[\]]+)|\[([^[\]]+)\]/y;
  let at = 0;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (!m || (m[1] !== undefined && at > 0 && path[at] !== '.'))
      return { message: `--set ${path}: not a path like us.bases[0].garrison or orders[campaign].cost` };
    const word = m[1] ?? m[2]!;
    if (FORBIDDEN.has(word)) return { message: `--set ${path}: "${word}" is not a field a scenario can have` };
    if (m[1] !== undefined) steps.push(/^\d+$/.test(word) ? { index: Number(word) } : { field: word });
    else steps.push(/^\d+$/.test(word) ? { index: Number(word) } : { name: word });
    at = re.lastIndex;
  }
  return steps.length > 0 ? steps : { message: `--set ${path}: an empty path` };
}

/** A path as text, from resolved segments. */
export const pathText = (segments: readonly Segment[]): string =>
  segments.reduce<string>((t, s) => (typeof s === 'number' ? `${t}[${s}]` : t ? `${t}.${s}` : s), '') || 'the scenario';

const kindOf = (v: Json) =>
  Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;

const fieldsOf = (v: Json) => Object.keys(v as object).join(', ');

// What names a list entry: its id, or for lists without ids its order type or its site.
const entryName = (entry: Json): string | undefined => {
  if (entry === null || typeof entry !== 'object') return undefined;
  const e = entry as Record<string, unknown>;
  for (const key of ['id', 'type', 'site']) if (typeof e[key] === 'string') return e[key];
  return undefined;
};

/** An entry's name as a list of them shows it, with its side where entries of both sides share names (doctrines). */
const entryLabel = (entry: Json): string | undefined => {
  const name = entryName(entry);
  const side = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>).side : undefined;
  return name !== undefined && typeof side === 'string' ? `${name} (${side})` : name;
};

/**
 * Follows a path's steps through a file's JSON: the resolved segments and the value there (undefined for a field
 * the file leaves out, which the schema may still know). A message naming the step that does not fit.
 */
function locate(
  raw: Json,
  path: string,
  steps: readonly Step[],
): { segments: Segment[]; value: Json } | { message: string } {
  let here = raw;
  const segments: Segment[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const where = pathText(segments);
    const last = i === steps.length - 1;
    if (Array.isArray(here)) {
      if ('field' in step) return { message: `--set ${path}: ${where} is a list; pick an entry, e.g. ${where}[0]` };
      let index: number;
      if ('index' in step) {
        index = step.index;
        if (index >= here.length) return { message: `--set ${path}: ${where} ${entriesText(here.length)}` };
      } else {
        const list: readonly Json[] = here;
        const matches = list.flatMap((entry, at) => (entryName(entry) === step.name ? [at] : []));
        if (matches.length === 0) {
          const names = list.map(entryLabel).filter((n) => n !== undefined);
          return {
            message: `--set ${path}: ${where} has no entry "${step.name}"${names.length > 0 ? ` (it has ${names.join(', ')})` : ''}`,
          };
        }
        // Both sides have a hawk: a name that picks one of them silently would change a doctrine nobody meant.
        if (matches.length > 1)
          return {
            message: `--set ${path}: ${where} has ${matches.length} entries "${step.name}" (${matches.map((at) => `${where}[${at}]: ${entryLabel(list[at])}`).join(', ')}): pick one by its number`,
          };
        index = matches[0]!;
      }
      segments.push(index);
      here = here[index];
    } else if (here !== null && typeof here === 'object') {
      if (!('field' in step))
        return {
          message: `--set ${path}: ${where} is an object, not a list; name a field, e.g. ${where}.${fieldsOf(here).split(', ')[0]}`,
        };
      segments.push(step.field);
      if (!Object.hasOwn(here, step.field)) {
        if (last) return { segments, value: undefined };
        return { message: `--set ${path}: ${where} has no field "${step.field}" (it has ${fieldsOf(here)})` };
      }
      here = (here as Record<string, Json>)[step.field];
    } else return { message: `--set ${path}: ${where} is ${kindOf(here)}, with no fields inside` };
  }
  return { segments, value: here };
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Reads one value as the type the field has in the file; a message when it cannot be that type. */
function valueFor(path: string, current: Json, text: string): { value: Json } | { message: string } {
  const wrong = (what: string) => ({
    message: `--set ${path}=${text}: "${text}" is not ${what} (${path} is ${kindOf(current)}, ${JSON.stringify(current)} in the file)`,
  });
  if (typeof current === 'number') return NUMBER.test(text) ? { value: Number(text) } : wrong('a number');
  if (typeof current === 'boolean')
    return text === 'true' || text === 'false' ? { value: text === 'true' } : wrong('true or false');
  if (typeof current === 'string') return { value: text };
  if (current !== undefined && current !== null)
    return {
      message: `--set ${path}: it is ${kindOf(current)}; set one of its ${Array.isArray(current) ? 'entries' : 'fields'} instead`,
    };
  // A field the file leaves out: the schema decides what it takes.
  if (NUMBER.test(text)) return { value: Number(text) };
  if (text === 'true' || text === 'false') return { value: text === 'true' };
  return { value: text };
}

/** What a list holds, for a position past its end: "has 3 entries, numbered 0-2", "has 1 entry, numbered 0". */
const entriesText = (n: number): string =>
  n === 0 ? 'is empty' : `has ${plural(n, 'entry', 'entries')}, numbered ${n === 1 ? '0' : `0-${n - 1}`}`;

/** Reads a `--set PATH=V1,V2` against the files' JSON; a one-line message when it is wrong. */
export function parseSetting(docs: Documents, text: string): Setting | { message: string } {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) return { message: `--set ${text}: expected PATH=VALUE[,VALUE...]` };
  const path = text.slice(0, eq);
  const steps = splitPath(path);
  if ('message' in steps) return steps;
  const head = steps[0]!;
  const document: DocumentName = 'field' in head && BOOK_FIELDS.has(head.field) ? 'doctrines' : 'scenario';
  const found = locate(docs[document], path, steps);
  if ('message' in found) return found;
  const texts = text.slice(eq + 1).split(',');
  const values: Json[] = [];
  for (const t of texts) {
    const v = valueFor(path, found.value, t);
    if ('message' in v) return v;
    values.push(v.value);
  }
  return { path, document, segments: found.segments, values, texts };
}

/** Pulls every `--set X` (or `--set=X`) out of argv: the one option that may be given more than once. */
export function takeSets(argv: readonly string[]): { sets: string[]; rest: string[] } | { message: string } {
  const sets: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith('--set=')) sets.push(arg.slice('--set='.length));
    else if (arg === '--set') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) return { message: '--set needs a value: --set PATH=V1,V2' };
      sets.push(v);
    } else rest.push(arg);
  }
  return { sets, rest };
}

/** Every combination of the settings' values, first setting slowest. */
export function grid(settings: readonly Setting[]): number[][] {
  let combos: number[][] = [[]];
  for (const s of settings) combos = combos.flatMap((c) => s.values.map((_, i) => [...c, i]));
  return combos;
}

/** The settings of one combination as `PATH=VALUE` words, to name a variant. */
export const comboLabel = (settings: readonly Setting[], combo: readonly number[]): string =>
  combo.map((v, j) => `${settings[j]!.path}=${settings[j]!.texts[v]}`).join(' ');

/** Refuses a path named twice: its values belong in one --set. */
export function checkDistinct(settings: readonly Setting[]): string | null {
  const seen = new Set<string>();
  for (const s of settings) {
    const key = `${s.document}:${pathText(s.segments)}`;
    if (seen.has(key)) return `--set ${s.path} is given twice: list all its values in one --set`;
    seen.add(key);
  }
  return null;
}

/** Copies of the files with one combination's values written in. */
export function applyCombo(docs: Documents, settings: readonly Setting[], combo: readonly number[]): Documents {
  const out: Documents = { scenario: structuredClone(docs.scenario), doctrines: structuredClone(docs.doctrines) };
  combo.forEach((v, j) => {
    const s = settings[j]!;
    let here = out[s.document] as Record<string | number, Json>;
    for (const key of s.segments.slice(0, -1)) here = here[key] as Record<string | number, Json>;
    here[s.segments[s.segments.length - 1]!] = s.values[v];
  });
  return out;
}

/** The first schema problem with a variant, in words that name the settings; `raw` is the file as read. */
function schemaProblem(label: string, file: string, errors: readonly EngineError[], raw: Json): string {
  const e = errors[0]!;
  const unknown = /^Unrecognized keys?: (.+)$/.exec(e.message);
  if (e.code.endsWith('unrecognized_keys') && unknown) {
    const steps = splitPath(e.path ?? '');
    const holder = e.path && !('message' in steps) ? locate(raw, e.path, steps) : { value: raw };
    const has = 'value' in holder && holder.value && typeof holder.value === 'object' ? fieldsOf(holder.value) : '';
    return `--set ${label}: no field ${unknown[1]} in ${e.path || `the ${file}`}${has ? ` (it has ${has})` : ''}`;
  }
  return `--set ${label}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

/** A variant checked as a whole: the scenario and the doctrine book it makes, or the first problem in words. */
export function checkVariant(
  docs: Documents,
  original: Documents,
  label: string,
): { ok: true; scenario: Scenario; book: DoctrineBook } | { ok: false; message: string } {
  const scenario = parseScenario(docs.scenario);
  if (!scenario.ok) return { ok: false, message: schemaProblem(label, 'scenario', scenario.errors, original.scenario) };
  const book = parseDoctrines(docs.doctrines);
  if (!book.ok) return { ok: false, message: schemaProblem(label, 'doctrines file', book.errors, original.doctrines) };
  return { ok: true, scenario: scenario.value, book: book.value };
}

/**
 * Reads the scenario and doctrine files a setting may change, as JSON and as checked: the scenario's problems
 * named with its JSON paths, the doctrines' too. `inputs` lists the files read, which no output may overwrite.
 */
export function loadDocuments(
  scenarioPath: string,
  doctrinesPath: string | null,
):
  | { ok: true; docs: Documents; base: { scenario: Scenario; book: DoctrineBook }; inputs: string[] }
  | { ok: false; message: string } {
  const read = (path: string) => {
    const json = readJson(path);
    return json.ok ? json : { ok: false as const, message: `${path}: ${json.message}` };
  };
  // A scenario that names a model is edited composed: a --set may change a rule, and a written variant stands alone.
  const scenario = readScenario(scenarioPath);
  if (!scenario.ok) return { ok: false, message: scenario.lines.join('\n') };
  const bookPath = doctrinesFileOf(doctrinesPath);
  const bookJson = read(bookPath);
  if (!bookJson.ok) return bookJson;
  const book = parseDoctrines(bookJson.value);
  if (!book.ok)
    return {
      ok: false,
      message: formatErrors(book.errors)
        .split('\n')
        .map((l) => `${bookPath}: ${l}`)
        .join('\n'),
    };
  return {
    ok: true,
    docs: { scenario: scenario.json, doctrines: bookJson.value },
    base: { scenario: scenario.scenario, book: book.value },
    inputs: [...scenario.files, bookPath],
  };
}
