import { z } from 'zod';
import { type FreezeOptions, injectEffects, type TurnResult } from './resolve.ts';
import { siteName } from './narrate.ts';
import { fail, ok, type Result } from './result.ts';
import { type Inject, injectSchema, type Ruling, rulingKey, rulingSchema } from './rulings.ts';
import type { Scenario } from './scenario.ts';
import type { GameState } from './state.ts';

// The facilitator's inputs checked and released; their shapes and rulingKey live in the leaf rulings.ts.
export { type FacilitatorRecord, type Inject, injectSchema, type Ruling, rulingKey, rulingSchema } from './rulings.ts';

/** The headline and story of an inject as the players read them. */
export function injectWords(scenario: Scenario, inject: Inject): { title: string; text: string } {
  if (inject.type === 'written') return { title: inject.title, text: inject.text };
  const card = scenario.cards.find((c) => c.id === inject.card);
  return card ? { title: card.title, text: card.text } : { title: inject.card, text: '' };
}

/** What a card's story takes for granted: where government formation stands, and which bases the US holds. */
export interface CardFacts {
  baghdad: { stage: GameState['baghdad']['stage'] };
  us: { bases: readonly { site: string; handedOver: boolean }[] };
}

/**
 * Why a card's story would contradict the moment, or null. The facilitator may release a card before its week or
 * against its odds, but never against the facts it tells of: a PM-designate withdrawing after the government is
 * confirmed, Patriots going up at a base already handed over. Takes the state or the facilitator's view.
 */
export function cardContradiction(scenario: Scenario, at: CardFacts, card: Scenario['cards'][number]): string | null {
  const stage = at.baghdad.stage;
  if ((card.designate !== undefined || card.when.stage === 'designate') && stage !== 'designate')
    return 'it tells of a PM-designate, and Baghdad has none';
  if (card.when.stage !== undefined && card.when.stage !== stage)
    return `it tells of government formation at the stage "${card.when.stage}", and Baghdad is at "${stage}"`;
  const lost = (card.when.basesHeld ?? []).filter((site) => !at.us.bases.some((b) => b.site === site && !b.handedOver));
  if (lost.length > 0)
    return `it tells of ${lost.map((site) => siteName(scenario, site)).join(' and ')}, which the US no longer holds`;
  return null;
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
    const why = cardContradiction(scenario, state, scenario.cards.find((c) => c.id === inject.card)!);
    if (why !== null) return fail('inject.card', `card "${inject.card}" cannot be released now: ${why}`, 'card');
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
 * choose), its push on the ladder counts when the turn resolves. Returns the new state, the inject's events and
 * its ledger.
 */
export function releaseInject(
  scenario: Scenario,
  state: GameState,
  input: unknown,
  options: FreezeOptions = {},
): Result<TurnResult> {
  const checked = checkInject(scenario, state, input);
  if (!checked.ok) return checked;
  return ok(injectEffects(scenario, state, checked.value, options));
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
