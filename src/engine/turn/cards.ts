import type { Inject } from '../rulings.ts';
import type { Scenario } from '../scenario.ts';
import { confirmGovernment, withdrawDesignate } from './baghdad.ts';
import { partnersLeave } from './background.ts';
import { emit, type TurnContext } from './context.ts';
import { addCasualties, apply, usLosses } from './effects.ts';

/** The event deck: dated or conditional injects, each fired at most once. */
export function drawCards(t: TurnContext): void {
  const d = t.d;
  // Read once: every card checks several of these.
  const now = {
    turn: d.turn,
    pandemic: d.pandemic,
    rung: d.ladder.rung,
    isis: d.isis,
    consent: d.baghdad.consent,
    usKilled: d.casualties.usKilled,
    partners: d.partners,
    curfew: d.curfew,
    waiver: d.baghdad.waiverTurns,
    stage: d.baghdad.stage,
    support: d.baghdad.designateSupport,
  };
  // A short list, searched in place: a Set built every turn cost more than the searches.
  for (const card of cardsDatedFor(t.s, now.turn)) {
    if (d.cardsFired.includes(card.id)) continue;
    const w = card.when;
    const held =
      (w.turn === undefined || now.turn === w.turn) &&
      (w.fromTurn === undefined || now.turn >= w.fromTurn) &&
      (w.minPandemic === undefined || now.pandemic >= w.minPandemic) &&
      (w.minRung === undefined || now.rung >= w.minRung) &&
      (w.maxRung === undefined || now.rung <= w.maxRung) &&
      (w.minIsis === undefined || now.isis >= w.minIsis) &&
      (w.maxConsent === undefined || now.consent <= w.maxConsent) &&
      (w.minUsKilled === undefined || now.usKilled >= w.minUsKilled) &&
      (w.minPartners === undefined || now.partners >= w.minPartners) &&
      (w.curfew === undefined || now.curfew === w.curfew) &&
      (w.waiverEndsWithin === undefined || (now.waiver > 0 && now.waiver <= w.waiverEndsWithin)) &&
      (w.stage === undefined || now.stage === w.stage) &&
      (w.maxDesignateSupport === undefined || now.support <= w.maxDesignateSupport) &&
      (w.basesHeld === undefined || w.basesHeld.every((site) => holds(d, site)));
    if (!held) continue;
    if (w.chance !== undefined && !t.dice.chance(w.chance)) continue;
    playCard(t, card);
  }
}

/** Whether the US still holds a base: a card's news about a base must not outlive its handover. */
function holds(d: TurnContext['d'], site: string): boolean {
  return d.us.bases.some((b) => b.site === site && !b.handedOver);
}

// The cards whose dates a turn can meet, in the deck's order, by scenario and turn: the deck is read every turn of
// every playout, and most of its cards are dated. A card left out would fail its `turn` or `fromTurn` test anyway,
// before any draw.
const datedFor = new WeakMap<Scenario, Scenario['cards'][number][][]>();

function cardsDatedFor(s: Scenario, turn: number): readonly Scenario['cards'][number][] {
  let byTurn = datedFor.get(s);
  if (byTurn === undefined) {
    byTurn = [];
    datedFor.set(s, byTurn);
  }
  let cards = byTurn[turn];
  if (cards === undefined) {
    cards = s.cards.filter(
      (c) =>
        (c.when.turn === undefined || c.when.turn === turn) &&
        (c.when.fromTurn === undefined || turn >= c.when.fromTurn),
    );
    byTurn[turn] = cards;
  }
  return cards;
}

/** A card of the deck comes into play, by its conditions or because the facilitator released it. */
export function playCard(t: TurnContext, card: Scenario['cards'][number], released?: 'deck'): void {
  const d = t.d;
  d.cardsFired.push(card.id);
  emit(t, 'all', {
    type: 'card',
    card: card.id,
    title: card.title,
    text: card.text,
    ...(released && { released }),
  });
  const cause = { kind: 'card', card: card.id, title: card.title, ...(released && { released }) } as const;
  apply(t, card.effects, cause);
  // The dead the story tells of count like any attack's, US losses with their weight at home.
  if (card.casualties) {
    addCasualties(t, card.casualties, cause);
    usLosses(t, card.casualties, cause);
  }
  partnersLeave(t, card.partnersLeave);
  if (card.designate === 'confirm' && d.baghdad.stage === 'designate') confirmGovernment(t);
  if (card.designate === 'withdraw' && d.baghdad.stage === 'designate') withdrawDesignate(t);
}

/** The facilitator's inject: effects now, its push on the ladder kept for the turn's resolution. */
export function applyInject(t: TurnContext, inject: Inject): void {
  const s = t.s;
  const d = t.d;
  if (inject.type === 'card') playCard(t, s.cards.find((c) => c.id === inject.card)!, 'deck');
  else {
    const variant = s
      .injectTemplates!.find((x) => x.id === inject.template)!
      .variants.find((v) => v.id === inject.variant)!;
    emit(t, 'all', {
      type: 'card',
      card: inject.template,
      title: inject.title,
      text: inject.text,
      released: 'written',
    });
    apply(t, variant.effects, { kind: 'card', card: inject.template, title: inject.title, released: 'written' });
    partnersLeave(t, variant.partnersLeave);
  }
  const record = d.facilitator ?? { injects: [], pressure: 0 };
  d.facilitator = {
    injects: [...record.injects, { turn: d.turn, inject }],
    pressure: record.pressure + t.pressure,
  };
}
