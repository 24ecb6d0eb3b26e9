import { z } from 'zod';

/**
 * The facilitator's inputs (the white cell of a classroom game): injects released at the start of a turn and rulings
 * that overrule a roll of the turn just resolved. Both are inputs like orders, recorded in the game and its replay,
 * so a facilitated game still replays exactly.
 *
 * A leaf (it imports only zod): the state, the events and the turn's steps read these shapes without importing the
 * facilitator's checks, which call resolution (facilitator.ts re-exports them all).
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
