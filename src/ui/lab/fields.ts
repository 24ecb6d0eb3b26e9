/**
 * The lab's form, as data: every number in a scenario, found by walking the scenario beside its JSON Schema (the
 * one `npm run schema` writes, made from the engine's zod schema), with the schema's description and limits. No DOM
 * here, so node tests read it.
 */

import { jsonPath } from '../../engine/index.ts';

type Schema = Record<string, unknown>;
export type PathStep = string | number;

export interface NumberField {
  /** The steps from the scenario's root to the number. */
  path: PathStep[];
  /** The path as `npm run compare -- --set` reads it, list entries by id where they have one: orders[campaign].cost */
  label: string;
  /** The top-level field the number sits under: the form's sections. */
  section: string;
  value: number;
  integer: boolean;
  min: number | null;
  max: number | null;
  /** The schema's description of the field, or of the nearest field above it that has one. */
  help: string;
}

// zod writes an unbounded integer's limits as the largest safe integers: no limit worth showing.
const bound = (x: unknown): number | null =>
  typeof x === 'number' && Math.abs(x) < Number.MAX_SAFE_INTEGER ? x : null;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The branch of a union schema that describes this value (nullable fields and unions are written as anyOf). */
function branchFor(schema: Schema, value: unknown): Schema {
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (!options) return schema;
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'object' ? 'object' : null;
  const fits = (s: Schema) =>
    kind === null
      ? s.type === 'integer' || s.type === 'number'
      : kind === 'object'
        ? s.type === 'object' || 'properties' in s
        : s.type === kind;
  const found = options.find(fits) ?? options[0] ?? schema;
  return { ...found, description: found.description ?? schema.description };
}

function childSchema(schema: Schema, step: PathStep): Schema | null {
  if (typeof step === 'number') {
    const prefix = schema.prefixItems as Schema[] | undefined;
    const item = prefix?.[step] ?? schema.items;
    return isObject(item) ? item : null;
  }
  const props = schema.properties as Record<string, Schema> | undefined;
  const child = props?.[step] ?? schema.additionalProperties;
  return isObject(child) ? child : null;
}

/** A list entry's name in a path: its id, order type or site where it has one, as `--set` accepts. */
function entryName(entry: unknown, index: number): string {
  if (isObject(entry)) for (const key of ['id', 'type', 'site']) if (typeof entry[key] === 'string') return entry[key];
  return String(index);
}

/** Every number in the scenario with its limits and help, in the file's order. Constants (formatVersion) are left out. */
export function numberFields(scenario: unknown, schema: unknown): NumberField[] {
  const out: NumberField[] = [];
  const walk = (value: unknown, node: Schema, path: PathStep[], label: string, help: string) => {
    const s = branchFor(node, value);
    const here = typeof s.description === 'string' ? s.description : help;
    if (typeof value === 'number') {
      if ('const' in s) return;
      out.push({
        path,
        label,
        section: String(path[0]),
        value,
        integer: s.type === 'integer',
        min: bound(s.minimum),
        max: bound(s.maximum),
        help: here,
      });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((entry, i) => {
        const child = childSchema(s, i);
        if (child) walk(entry, child, [...path, i], `${label}[${entryName(entry, i)}]`, here);
      });
      return;
    }
    if (isObject(value))
      for (const [key, entry] of Object.entries(value)) {
        const child = childSchema(s, key);
        if (child) walk(entry, child, [...path, key], label ? `${label}.${key}` : key, here);
      }
  };
  if (isObject(schema)) walk(scenario, schema, [], '', '');
  return out;
}

/** Why a typed value cannot stand in a field (not a number, not whole, outside its limits), or null when it can. */
export function checkValue(field: NumberField, text: string): string | null {
  if (text.trim() === '') return 'a number is needed';
  const x = Number(text);
  if (!Number.isFinite(x)) return `"${text}" is not a number`;
  if (field.integer && !Number.isInteger(x)) return 'a whole number is needed';
  if (field.min !== null && x < field.min) return `at least ${field.min}`;
  if (field.max !== null && x > field.max) return `at most ${field.max}`;
  return null;
}

/** A copy of the scenario with these numbers changed (keyed by field label); the original is left as it is. */
export function withValues(
  scenario: unknown,
  fields: readonly NumberField[],
  values: ReadonlyMap<string, number>,
): unknown {
  const copy = structuredClone(scenario);
  for (const field of fields) {
    const value = values.get(field.label);
    if (value === undefined) continue;
    let at = copy as Record<PathStep, unknown>;
    for (const step of field.path.slice(0, -1)) at = at[step] as Record<PathStep, unknown>;
    at[field.path[field.path.length - 1]!] = value;
  }
  return copy;
}

/**
 * The field a scenario problem points at: the one at the problem's path (as the engine prints it, `rockets[0]`), or
 * the first field under it when the problem is with a whole list or object (`rockets`: a [min, max] pair…).
 */
export function fieldAt(fields: readonly NumberField[], path: string | undefined): NumberField | null {
  if (!path) return null;
  const printed = (f: NumberField) => jsonPath(f.path);
  return (
    fields.find((f) => printed(f) === path) ??
    fields.find((f) => printed(f).startsWith(`${path}.`) || printed(f).startsWith(`${path}[`)) ??
    null
  );
}
