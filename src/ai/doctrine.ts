import { z } from 'zod';
import doctrinesJson from '../../scenarios/doctrines.json';
import { SCRIPTS } from './scripts.ts';
import {
  type EngineError,
  failMany,
  IRAN_ORDER_TYPES,
  jsonPath,
  ORDER_TYPES,
  type OrderType,
  ok,
  type Result,
  type Side,
  US_ORDER_TYPES,
} from '../engine/index.ts';

/**
 * Doctrines in data: the personalities of the computer players and the strategist's search budgets, read from
 * scenarios/doctrines.json. One zod schema gives the types, the validation (errors name the JSON path) and the JSON
 * Schema editors use (scenarios/doctrines.schema.json). A designer adds a doctrine by adding an entry: the one
 * doctrine engine (src/ai/doctrine-policy.ts) reads these numbers and nothing else.
 */

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id like "tit-for-tat"');
const text = z.string().min(1);
const pct = z.int().min(0).max(100).describe('0-100');
const perMille = z.int().min(0).max(1000).describe('per-mille, 0-1000');
const side = z.enum(['us', 'iran']);

const traitsSchema = z
  .strictObject({
    provokedAt: z
      .int()
      .min(1)
      .max(20)
      .default(1)
      .describe(
        'provocation points that call for an answer: each attack on the US is 1, each American killed 3 more; each US strike on Iran 2, 1 more for a PMU position or Iraqis killed',
      ),
    retaliation: pct.default(0).describe('how strongly it answers provocation in kind'),
    forgiveness: perMille
      .default(0)
      .describe('chance it lets an unanswered provocation pass: generous tit-for-tat survives misattribution'),
    memory: z.int().min(1).max(4).default(1).describe('turns an unanswered provocation still calls for an answer'),
    escalation: pct
      .default(0)
      .describe('willingness to go beyond a proportionate answer (campaigns, leaders, missiles)'),
    initiative: pct.default(0).describe('willingness to use force without a fresh provocation'),
    caution: z.int().min(0).max(14).default(10).describe('rung from which it turns to de-escalation'),
    reconcile: pct.default(0).describe('how readily it answers a quiet week with a gesture of calm'),
    politics: pct
      .default(0)
      .describe("weight on Baghdad's politics: waiver, designate, ISIS (US); eviction, info ops (Iran)"),
    defence: pct
      .default(0)
      .describe('US: air defence, surveillance, evidence; Iran: arsenal, cohesion and fronts upkeep'),
    consolidate: pct.default(0).describe('US: readiness to hand exposed bases to Iraqi forces'),
    minConfidence: perMille.default(550).describe('US: the least attribution confidence on which it strikes a group'),
    deniability: pct.default(0).describe('Iran: preference for claims through front groups (or none) and fresh fronts'),
    lethality: pct.default(0).describe('Iran: preference for killing barrages and manned targets over harassment'),
    opportunism: pct.default(0).describe('Iran: how much harder it presses when the US looks weak'),
  })
  .describe('The personality: every trait has a default, so a doctrine names only what sets it apart');
export type Traits = z.infer<typeof traitsSchema>;

const weightsSchema = z
  .partialRecord(z.enum(ORDER_TYPES), z.int().min(-100).max(100))
  .default({})
  .describe('utility points added to (or taken from) each order type; -100 rules an order out');

const doctrineSchema = z.strictObject({
  id,
  side,
  label: text.describe('short name shown in menus'),
  description: text.describe('one sentence a player reads before choosing this opponent'),
  spread: z
    .int()
    .min(0)
    .max(50)
    .default(10)
    .describe('utility points within which it varies its choice: 0 always plays its best, more is less predictable'),
  traits: traitsSchema.prefault({}),
  weights: weightsSchema,
});
export type Doctrine = z.infer<typeof doctrineSchema>;

const levelSchema = z.strictObject({
  id,
  label: text,
  description: text,
  playouts: z.int().min(1).max(100000).describe('search budget: games played forward per decision (never a time)'),
  candidates: z.int().min(1).max(200).describe('order sets compared'),
  horizon: z.int().min(1).max(12).describe('turns each playout looks ahead'),
});
export type StrategistLevel = z.infer<typeof levelSchema>;

const modelSchema = z.strictObject({
  doctrine: id,
  weight: z.int().min(1).max(100).describe('relative chance a playout assumes the other side plays this doctrine'),
});

const strategistSchema = z.strictObject({
  levels: z.array(levelSchema).min(1),
  models: z
    .strictObject({ us: z.array(modelSchema).min(1), iran: z.array(modelSchema).min(1) })
    .describe('what a strategist assumes the other side plays, per side it models'),
  self: z
    .strictObject({ us: id, iran: id })
    .describe('the doctrine a strategist assumes for its own later turns in a playout'),
  choice: z
    .strictObject({
      planShare: z
        .int()
        .min(0)
        .max(1000)
        .describe('per mille of the budget spent choosing which doctrine’s plan to follow, before other first moves'),
      challengeZ: z
        .int()
        .min(0)
        .max(1000)
        .describe(
          'how sure, in hundredths of a standard error, a first move’s gain over the plan’s own move must be for it to replace that move',
        ),
      explore: z
        .int()
        .min(0)
        .max(20)
        .describe(
          'candidates kept each turn for order types no other candidate holds (drawn at random), so that every order is weighed',
        ),
      mix: z
        .int()
        .min(0)
        .max(100)
        .describe(
          'points: a set compared in enough games whose mean is within this of the choice may be drawn instead (0: never)',
        ),
      mixPlayouts: z
        .int()
        .min(1)
        .max(1000)
        .describe('the imagined games a set must have been compared in to be drawn instead of the choice'),
    })
    .describe(
      'how a strategist picks: a plan first, then a first move that beats the plan’s own only when the gain is clear',
    ),
  utility: z
    .strictObject({
      loss: z.int().min(0).max(1000).describe('points taken off a playout the other side wins'),
      sharedLoss: z.int().min(0).max(1000).describe('points taken off a playout that ends in war'),
      warRisk: z.int().min(0).max(100).describe('points per rung above the caution rung at a playout’s end'),
      cautionRung: z.int().min(0).max(14),
      resolveRisk: z.int().min(0).max(20).describe('points per point of US resolve within 15 of breaking'),
      evictionRisk: z
        .int()
        .min(0)
        .max(20)
        .describe(
          'points per point of eviction pressure within 15 of a vote, times how thin consent is above the expulsion line (per 15 points)',
        ),
      aims: z.int().min(0).max(200).describe('points for a side whose aims are met at a playout’s end'),
    })
    .describe('how a strategist scores a playout that stops before the game ends, beside the scenario score'),
});

export const doctrineBookSchema = z
  .strictObject({
    $schema: z.string().optional(),
    formatVersion: z.literal(1),
    doctrines: z.array(doctrineSchema).min(1),
    advisors: z
      .strictObject({ us: z.array(id).min(1).max(3), iran: z.array(id).min(1).max(3) })
      .describe('the doctrines whose advice a side sees before it commits'),
    strategist: strategistSchema,
  })
  .describe('The personalities of the computer players of Two Boxers and the strategist’s budgets');
export type DoctrineBook = z.infer<typeof doctrineBookSchema>;

const SIDE_TYPES: Record<Side, ReadonlySet<OrderType>> = {
  us: new Set(US_ORDER_TYPES),
  iran: new Set(IRAN_ORDER_TYPES),
};

/** References the shape cannot check: unique ids, weights on the doctrine's own orders, models that exist. */
function crossCheck(book: DoctrineBook): EngineError[] {
  const errors: EngineError[] = [];
  const bad = (path: string, message: string) => errors.push({ code: 'doctrines.reference', path, message });
  const seen = new Set<string>();
  book.doctrines.forEach((d, i) => {
    const key = `${d.side}/${d.id}`;
    if (seen.has(key)) bad(`doctrines[${i}].id`, `duplicate id "${d.id}" for side ${d.side}`);
    // One id, one player: a doctrine named like a scripted player of its side could not be chosen by name.
    if (SCRIPTS.some((script) => script.side === d.side && script.id === d.id))
      bad(
        `doctrines[${i}].id`,
        `"${d.id}" is the id of a ${d.side} scripted player (${SCRIPTS.filter((x) => x.side === d.side)
          .map((x) => x.id)
          .join(', ')}): choose another id`,
      );
    seen.add(key);
    for (const type of Object.keys(d.weights) as OrderType[])
      if (!SIDE_TYPES[d.side].has(type))
        bad(
          `doctrines[${i}].weights.${type}`,
          `"${type}" is not ${d.side === 'us' ? 'a US' : 'an Iranian'} order: expected one of the side's orders`,
        );
  });
  const need = (path: string, s: Side, ref: string) => {
    if (!seen.has(`${s}/${ref}`))
      bad(
        path,
        `unknown ${s} doctrine "${ref}": expected one of ${book.doctrines
          .filter((d) => d.side === s)
          .map((d) => d.id)
          .join(', ')}`,
      );
  };
  for (const s of ['us', 'iran'] as const) {
    book.advisors[s].forEach((ref, i) => {
      need(`advisors.${s}[${i}]`, s, ref);
    });
    book.strategist.models[s].forEach((m, i) => {
      need(`strategist.models.${s}[${i}].doctrine`, s, m.doctrine);
    });
    need(`strategist.self.${s}`, s, book.strategist.self[s]);
  }
  const levels = new Set<string>();
  book.strategist.levels.forEach((l, i) => {
    if (levels.has(l.id)) bad(`strategist.levels[${i}].id`, `duplicate level "${l.id}"`);
    levels.add(l.id);
  });
  return errors;
}

/** Validates untrusted doctrine JSON: every problem comes back with its JSON path, nothing throws. */
export function parseDoctrines(input: unknown): Result<DoctrineBook> {
  const parsed = doctrineBookSchema.safeParse(input);
  if (!parsed.success)
    return failMany(
      parsed.error.issues.map((issue) => ({
        code: `doctrines.${issue.code}`,
        path: jsonPath(issue.path),
        message: issue.message,
      })),
    );
  const errors = crossCheck(parsed.data);
  return errors.length > 0 ? failMany(errors) : ok(parsed.data);
}

/** The JSON Schema of a doctrines file, from the same zod schema (scenarios/doctrines.schema.json). */
export function doctrinesJsonSchema(): unknown {
  return z.toJSONSchema(doctrineBookSchema, { io: 'input', unrepresentable: 'any' });
}

function shipped(): DoctrineBook {
  const parsed = parseDoctrines(doctrinesJson);
  if (!parsed.ok)
    throw new Error(
      `scenarios/doctrines.json is invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    );
  return parsed.value;
}

/** The doctrines shipped with the game (scenarios/doctrines.json), validated once at load. */
export const DOCTRINES: DoctrineBook = shipped();

/** A doctrine of a book by side and id. Throws: the references were checked when the book was parsed. */
export function doctrineOf(book: DoctrineBook, s: Side, doctrineId: string): Doctrine {
  const d = book.doctrines.find((x) => x.side === s && x.id === doctrineId);
  if (!d) throw new Error(`no ${s} doctrine "${doctrineId}"`);
  return d;
}
