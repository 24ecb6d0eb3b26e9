import { z } from 'zod';
import type { GameEvent } from './events.ts';
import { injectEffects } from './resolve.ts';
import { fail, ok, type Result } from './result.ts';
import type { Scenario } from './scenario.ts';
import type { GameState } from './state.ts';

/**
 * The facilitator's inputs (the white cell of a classroom game): injects released at the start of a turn and rulings
 * that overrule a roll of the turn just resolved. Both are inputs like orders, recorded in the game and its replay,
 * so a facilitated game still replays exactly.
 */

const reason = z
  .string()
  .trim()
  .min(3, 'a ruling needs a stated reason (at least 3 characters)')
  .max(300, 'a reason of at most 300 characters');

/** An inject: a card of the scenario's deck, or one the facilitator writes from a template (words free, effects not). */
export const injectSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('card'), card: z.string() }),
  z.strictObject({
    type: z.literal('written'),
    template: z.string(),
    variant: z.string(),
    title: z.string().trim().min(1, 'a headline is required').max(120, 'a headline of at most 120 characters'),
    text: z.string().trim().min(1, 'the story is required').max(600, 'a story of at most 600 characters'),
  }),
]);
export type Inject = z.infer<typeof injectSchema>;

/**
 * A ruling on one roll of a turn: the attack (by its id) did no harm after all, US intelligence named another
 * suspect, a strike (by its id) hit nothing, or parliament's vote went the other way. The dice are still rolled, so
 * the rest of the game draws the same numbers; only the ruled result changes.
 */
export const rulingSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('attack-missed'), attack: z.int().positive(), reason }),
  z.strictObject({
    type: z.literal('attack-attributed'),
    attack: z.int().positive(),
    suspect: z.string().nullable(),
    reason,
  }),
  z.strictObject({ type: z.literal('strike-missed'), strike: z.int().positive(), reason }),
  z.strictObject({ type: z.literal('vote'), passed: z.boolean(), reason }),
]);
export type Ruling = z.infer<typeof rulingSchema>;

/** What the facilitator has done so far, kept in the state (absent until the first inject, so plain games hash as before). */
export interface FacilitatorRecord {
  injects: { turn: number; inject: Inject }[];
  pressure: number; // ladder pressure of this turn's injects, counted when the turn resolves
}

/** The headline and story of an inject as the players read them. */
export function injectWords(scenario: Scenario, inject: Inject): { title: string; text: string } {
  if (inject.type === 'written') return { title: inject.title, text: inject.text };
  const card = scenario.cards.find((c) => c.id === inject.card);
  return card ? { title: card.title, text: card.text } : { title: inject.card, text: '' };
}

/** Checks an inject against the scenario and the moment: every problem names the field it is in. */
export function checkInject(scenario: Scenario, state: GameState, input: unknown): Result<Inject> {
  const parsed = injectSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail('inject.shape', issue.message, issue.path.join('.'));
  }
  const inject = parsed.data;
  if (state.outcome) return fail('inject.over', 'the game is over');
  if (state.submitted.us || state.submitted.iran)
    return fail('inject.late', 'injects are released at the start of a turn, before either side commits its orders');
  if (inject.type === 'card') {
    if (!scenario.cards.some((c) => c.id === inject.card))
      return fail(
        'inject.card',
        `unknown card "${inject.card}": expected one of ${scenario.cards.map((c) => c.id).join(', ')}`,
        'card',
      );
    if (state.cardsFired.includes(inject.card))
      return fail('inject.card', `card "${inject.card}" has already been played`, 'card');
    return ok(inject);
  }
  const template = (scenario.injectTemplates ?? []).find((t) => t.id === inject.template);
  if (!template)
    return fail(
      'inject.template',
      `unknown template "${inject.template}": expected one of ${(scenario.injectTemplates ?? []).map((t) => t.id).join(', ') || '(none in this scenario)'}`,
      'template',
    );
  if (!template.variants.some((v) => v.id === inject.variant))
    return fail(
      'inject.variant',
      `unknown strength "${inject.variant}" for template "${template.id}": expected one of ${template.variants.map((v) => v.id).join(', ')}`,
      'variant',
    );
  return ok(inject);
}

/**
 * Releases an inject at the start of the turn being ordered: its effects apply now (the players see them before they
 * choose), its push on the ladder counts when the turn resolves. Returns the new state and the inject's events.
 */
export function releaseInject(
  scenario: Scenario,
  state: GameState,
  input: unknown,
): Result<{ state: GameState; events: GameEvent[] }> {
  const checked = checkInject(scenario, state, input);
  if (!checked.ok) return checked;
  return ok(injectEffects(scenario, state, checked.value));
}

/** Checks rulings against the scenario: shape, and the groups they name. Whether they match a roll is known only once the turn is resolved. */
export function checkRulings(scenario: Scenario, input: unknown): Result<Ruling[]> {
  const parsed = z.array(rulingSchema).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail('ruling.shape', issue.message, issue.path.join('.'));
  }
  for (const [i, r] of parsed.data.entries()) {
    if (r.type === 'attack-attributed' && r.suspect !== null && !scenario.iran.groups.some((g) => g.id === r.suspect))
      return fail(
        'ruling.suspect',
        `unknown group "${r.suspect}": expected one of ${scenario.iran.groups.map((g) => g.id).join(', ')} or null`,
        `${i}.suspect`,
      );
  }
  const keys = parsed.data.map(rulingKey);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice !== undefined) return fail('ruling.twice', `two rulings on the same roll (${twice})`);
  return ok(parsed.data);
}

/** The roll a ruling overrules: two rulings on one roll contradict each other. */
export function rulingKey(r: Ruling): string {
  switch (r.type) {
    case 'attack-missed':
      return `attack ${r.attack} harm`;
    case 'attack-attributed':
      return `attack ${r.attack} attribution`;
    case 'strike-missed':
      return `strike ${r.strike}`;
    case 'vote':
      return 'vote';
    default: {
      const never: never = r;
      throw new Error(`unknown ruling ${JSON.stringify(never)}`);
    }
  }
}
