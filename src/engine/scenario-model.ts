import { z } from 'zod';
import { type EngineError, failMany, jsonPath, ok, type Result } from './result.ts';
import { parseScenario, type Scenario, scenarioJsonSchema, scenarioZodSchema } from './scenario.ts';

/**
 * One model, two scenarios (issue 12): the rules' numbers live in one model file (scenarios/model.json) that every
 * shipped scenario names with `"model": "model.json"`; a scenario file holds only its starting state, its dated
 * events, its presets and its texts. Composing is a deep merge whose keys must be disjoint at the leaves, so a
 * scenario cannot quietly play with numbers of its own. The composed scenario is an ordinary self-contained one and
 * goes through parseScenario like any other: the rules never know which file a number came from.
 */

/** Which fields of a scenario the model holds: `true` for a whole field, an object for some of the fields inside. */
export type ModelFields = { readonly [key: string]: true | ModelFields };

/** The fields a model holds, in the order a model file lists them. Everything else belongs to the scenario. */
export const MODEL_FIELDS = {
  us: { capitalPerTurn: true, baseIsr: true },
  iran: { income: true },
  baghdad: {
    pressureDecay: true,
    consentDrift: true,
    voteAt: true,
    voteCooldown: true,
    seatsToPass: true,
    expulsionConsent: true,
    bindingFromVote: true,
    voteConsentDrop: true,
    blocDissent: true,
    government: {
      confirmChance: true,
      supportWeight: true,
      successorSupport: true,
      confirmedVoteBonus: true,
      confirmedConsent: true,
    },
    waiverShortenTo: true,
    waiverExtendBy: true,
    waiverLapseConsent: true,
    waiverIranIncome: true,
  },
  isis: {
    growth: true,
    pandemicGrowth: true,
    counterIsisDivisor: true,
    attackAt: true,
    attackIraqiKilled: true,
    consentPerAttack: true,
    counterIsisPerBase: true,
  },
  pandemic: { curfewFrom: true, iranDrainPerLevel: true, partnerLeaveChancePerLevel: true },
  partnerLeaveCounterIsis: true,
  ladder: {
    war: true,
    rungs: true,
    gates: true,
    pressurePerRung: true,
    gatePressure: true,
    maxStep: true,
    calmBelow: true,
    decayAfterQuiet: true,
    firstUsDeath: true,
    firstLeaderKilled: true,
    firstStateStrike: true,
    siegeFloor: true,
    incidents: true,
    brink: true,
  },
  rivera: true,
  attribution: true,
  attacks: true,
  strikes: true,
  redLines: true,
  domestic: true,
  victory: true,
  scoring: true,
  orders: true,
} as const satisfies ModelFields;

/** The field a scenario names its model file with, relative to the scenario file. */
export const MODEL_FIELD = 'model';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function pickSchema(obj: z.ZodObject, fields: ModelFields): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, sub] of Object.entries(fields)) {
    const child = obj.shape[key];
    if (child === undefined) throw new Error(`MODEL_FIELDS names ${key}, which the scenario schema lacks`);
    shape[key] = sub === true ? child : pickSchema(child as z.ZodObject, sub);
  }
  const picked = z.strictObject(shape);
  return obj.description ? picked.describe(obj.description) : picked;
}

let modelSchemaBuilt: z.ZodObject | undefined;
/** The schema of a model file: the scenario schema's model fields, with their ranges and descriptions. */
function modelSchema(): z.ZodObject {
  modelSchemaBuilt ??= z
    .strictObject({
      $schema: z.string().optional().describe('"./model.schema.json": lets editors complete and check the file'),
      ...pickSchema(scenarioZodSchema(), MODEL_FIELDS).shape,
    })
    .describe(
      'The model of the Two Boxers escalation game: the rules and their numbers, shared by every scenario that names this file',
    );
  return modelSchemaBuilt;
}

/** A model file's problems against the model schema (an unknown field included), each with its JSON path. */
function modelErrors(model: unknown): EngineError[] {
  const checked = modelSchema().safeParse(model);
  if (checked.success) return [];
  return checked.error.issues.map((issue) => ({
    code: `model.${issue.code}`,
    path: jsonPath(issue.path),
    message: issue.message,
  }));
}

/**
 * Checks a model file on its own (`npm run validate -- scenarios/model.json`): its fields, their types and limits.
 * How its rules fit a scenario's sites and groups is checked where a scenario names it (composeScenario).
 */
export function checkModel(model: unknown): Result<null> {
  const errors = modelErrors(model);
  return errors.length > 0 ? failMany(errors) : ok(null);
}

/** Whether a JSON path as errors print it (`ladder.rungs[3].name`) lies in a field the model holds. */
export function isModelPath(path: string): boolean {
  let node: true | ModelFields = MODEL_FIELDS;
  for (const key of path.split(/[.[]/)) {
    if (node === true) return true;
    const next: true | ModelFields | undefined = node[key];
    if (next === undefined) return false;
    node = next;
  }
  return node === true;
}

/** The model's fields of a JSON object, and nothing else. */
function pickFields(value: Json, fields: ModelFields): Json {
  const out: Json = {};
  for (const [key, sub] of Object.entries(fields)) {
    const v = value[key];
    if (sub === true) {
      if (v !== undefined) out[key] = v;
    } else if (isObject(v)) out[key] = pickFields(v, sub);
  }
  return out;
}

/** The model's fields of a whole scenario: the model a composed scenario was made with. */
export function modelOf(scenario: Scenario): Json {
  return pickFields(scenario as unknown as Json, MODEL_FIELDS);
}

/** The model file a scenario's JSON names: null for a self-contained scenario, an error for a `model` not a name. */
export function modelNameOf(json: unknown): Result<string | null> {
  if (!isObject(json) || !(MODEL_FIELD in json)) return ok(null);
  const name = json[MODEL_FIELD];
  // A scenario and its model travel together (a folder, a zip, a share): a path from the root would break that.
  if (typeof name === 'string' && /^([/\\]|[A-Za-z]:)/.test(name))
    return failMany([
      {
        code: 'scenario.model',
        path: MODEL_FIELD,
        message: `"${name}" is an absolute path: name the model relative to the scenario's folder, e.g. "model.json"`,
      },
    ]);
  if (typeof name === 'string' && name.trim() !== '') return ok(name);
  return failMany([
    {
      code: 'scenario.model',
      path: MODEL_FIELD,
      message: 'expected the name of a model file, relative to the scenario: "model.json"',
    },
  ]);
}

/** The scenario's fields the model holds: a scenario that names a model may not set them. */
function overlaps(scenario: Json, fields: ModelFields, path: string[], out: string[]): void {
  for (const [key, sub] of Object.entries(fields)) {
    if (!(key in scenario)) continue;
    if (sub === true) out.push(jsonPath([...path, key]));
    else if (isObject(scenario[key])) overlaps(scenario[key], sub, [...path, key], out);
  }
}

/** A deep merge of plain objects; lists are values. Where both hold a key, the model's value is kept. */
function merge(scenario: Json, model: Json): Json {
  const out: Json = { ...scenario };
  for (const [key, value] of Object.entries(model)) {
    const mine = out[key];
    out[key] = isObject(mine) && isObject(value) ? merge(mine, value) : value;
  }
  return out;
}

/** The names the problems are reported under: the scenario file and the model file, as the user knows them. */
export interface ComposeNames {
  scenario: string;
  model: string;
}

/**
 * A scenario file's JSON composed with the model it names, then checked as one scenario. Every problem comes back
 * with the file it is in: the model's against the model schema (an unknown field included), a model field the
 * scenario also sets, and each problem of the whole under the file that holds its path. `json` is the composed,
 * self-contained scenario (no `model`, the scenario's own `$schema`), which is what exports and variants write.
 */
export function composeScenario(
  scenario: unknown,
  model: unknown,
  names: ComposeNames,
): Result<{ scenario: Scenario; json: Json }> {
  if (!isObject(scenario))
    return failMany([{ code: 'scenario.type', path: '(root)', message: 'expected an object', file: names.scenario }]);
  const modelProblems = modelErrors(model);
  const errors: EngineError[] = modelProblems.map((e) => ({ ...e, file: names.model }));
  const taken: string[] = [];
  overlaps(scenario, MODEL_FIELDS, [], taken);
  for (const path of taken)
    errors.push({
      code: 'scenario.model-field',
      path,
      message: `a model rule, held by ${names.model}; remove it from the scenario`,
      file: names.scenario,
    });
  const { [MODEL_FIELD]: _named, ...own } = scenario;
  // Only the model's fields are merged: anything else in the model file is its own problem, reported above.
  const json = merge(own, isObject(model) ? pickFields(model, MODEL_FIELDS) : {});
  const parsed = parseScenario(json);
  if (!parsed.ok)
    for (const e of parsed.errors) {
      const inModel = e.path !== undefined && isModelPath(e.path);
      // The model's own shape was checked above against its schema: the whole repeats those problems.
      if (inModel && modelProblems.length > 0) continue;
      errors.push({ ...e, file: inModel ? names.model : names.scenario });
    }
  if (errors.length > 0 || !parsed.ok) return failMany(errors);
  return ok({ scenario: parsed.value, json });
}

/** The JSON Schema of a model file (scenarios/model.schema.json), from the same zod schema as the scenario's. */
export function modelJsonSchema(): unknown {
  return z.toJSONSchema(modelSchema(), { io: 'input', unrepresentable: 'any' });
}

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode | false>;
  required?: string[];
  [key: string]: unknown;
}

/** The model's fields made forbidden: what a scenario that names a model may not set. */
function forbidden(fields: ModelFields): JsonSchemaNode {
  return {
    properties: Object.fromEntries(
      Object.entries(fields).map(([key, sub]) => [key, sub === true ? false : forbidden(sub)]),
    ),
  };
}

/** Takes the model's fields out of `node`'s required lists and returns them, to be required only without a model. */
function requiredModelFields(node: JsonSchemaNode, fields: ModelFields): JsonSchemaNode {
  const required = node.required ?? [];
  const held = required.filter((key) => fields[key] === true);
  node.required = required.filter((key) => fields[key] !== true);
  const nested = Object.entries(fields).flatMap(([key, sub]) => {
    const child = node.properties?.[key];
    return sub === true || !child ? [] : [[key, requiredModelFields(child, sub)] as const];
  });
  return {
    ...(held.length > 0 ? { required: held } : {}),
    ...(nested.length > 0 ? { properties: Object.fromEntries(nested) } : {}),
  };
}

/**
 * The JSON Schema of a scenario file (scenarios/scenario.schema.json): a self-contained scenario, or one that names
 * a model with `model` and then leaves out every field the model holds. Each field keeps its place in `properties`,
 * so editors complete both kinds and the lab reads one tree.
 */
export function scenarioFileJsonSchema(): unknown {
  const schema = scenarioJsonSchema() as JsonSchemaNode;
  schema.properties = {
    ...schema.properties,
    [MODEL_FIELD]: {
      type: 'string',
      minLength: 1,
      description:
        'the model file whose rules this scenario plays with, relative to this file ("model.json"); a scenario that names one leaves out every field the model holds',
    },
  };
  const withoutModel = requiredModelFields(schema, MODEL_FIELDS);
  return {
    ...schema,
    if: { required: [MODEL_FIELD] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, a JSON value that is never awaited
    then: forbidden(MODEL_FIELDS),
    else: withoutModel,
  };
}
