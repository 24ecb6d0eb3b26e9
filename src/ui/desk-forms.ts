import {
  type CardFacts,
  cardContradiction,
  describeOrder,
  type GameEvent,
  groupName,
  type Inject,
  type Ruling,
  rulingKey,
  type Scenario,
  type SeatView,
  type Side,
  siteName,
} from '../engine/index.ts';
import { fill, h } from './dom.ts';

/**
 * The facilitator's two forms, shared by the one-device desk (classroom.ts, acting on the page's session) and the
 * networked teacher's desk (net/desk-page.ts, sending to the server): rulings on the last week's rolls, and injects
 * from the deck or written within the scenario's templates. Neither form decides anything: the engine checks a
 * ruling or an inject where it is applied, and the form shows its refusal.
 */

/** The rolls of the last turn a ruling can reach, in the words the facilitator reads them. */
export function rollsOf(s: Scenario, events: readonly GameEvent[]): { label: string; options: Ruling[] }[] {
  const rolls: { label: string; options: Ruling[] }[] = [];
  const reason = '';
  for (const e of events) {
    if (e.type === 'attack') {
      const who = events.find((x) => x.type === 'perpetrator' && x.attackId === e.attackId);
      const by = who?.type === 'perpetrator' ? (who.group ? groupName(s, who.group) : 'the IRGC') : 'unknown';
      const hurt =
        e.casualties.usKilled + e.casualties.usWounded + e.casualties.iraqiForcesKilled + e.casualties.civiliansKilled;
      rolls.push({
        label: `Attack #${e.attackId} on ${siteName(s, e.target)} by ${by}: ${e.hits} hit${e.hits === 1 ? '' : 's'}, ${hurt} hurt`,
        options: [
          ...(e.hits > 0 || hurt > 0 ? [{ type: 'attack-missed' as const, attack: e.attackId, reason }] : []),
          ...(e.kind === 'missile-strike'
            ? []
            : [
                { type: 'attack-attributed' as const, attack: e.attackId, suspect: null, reason },
                ...s.iran.groups.map((g) => ({
                  type: 'attack-attributed' as const,
                  attack: e.attackId,
                  suspect: g.id,
                  reason,
                })),
              ]),
        ],
      });
    }
    if (e.type === 'strike')
      rolls.push({
        label: `Strike #${e.strikeId} on ${siteName(s, e.site)} (${groupName(s, e.group)})`,
        options: [{ type: 'strike-missed', strike: e.strikeId, reason }],
      });
    if (e.type === 'vote')
      rolls.push({
        label: `Parliament's vote: ${e.passed ? 'passed' : 'failed'} (${e.votesFor} for)`,
        options: [{ type: 'vote', passed: !e.passed, reason }],
      });
  }
  return rolls;
}

/** A ruling in the words the facilitator chose it (and the class reads it). */
export function rulingWords(s: Scenario, r: Ruling): string {
  switch (r.type) {
    case 'attack-missed':
      return 'it did no harm after all';
    case 'attack-attributed':
      return `US intelligence names ${r.suspect === null ? 'no one' : groupName(s, r.suspect)}`;
    case 'strike-missed':
      return 'it hit nothing';
    case 'vote':
      return r.passed ? 'the motion passed' : 'the motion failed';
    default: {
      const never: never = r;
      throw new Error(`unknown ruling ${JSON.stringify(never)}`);
    }
  }
}

export interface RulingFormInput {
  scenario: Scenario;
  /** The week the rulings would change, and its events as the facilitator sees them. */
  turn: number;
  events: readonly GameEvent[];
  /** The rulings standing on that week (the list a new ruling is added to, or replaces its roll's in). */
  standing: readonly Ruling[];
  /** Sends the whole new list; an empty list withdraws every ruling. */
  apply(rulings: Ruling[], note: string): void;
  /** The game ended that week: a ruling may change how, never reopen it (the server refuses one that would). */
  over?: boolean;
}

/** The form under the ruling section's heading: the standing rulings, a roll and its other result, a reason. */
export function rulingForm(input: RulingFormInput): HTMLElement {
  const { scenario: s, standing } = input;
  const rolls = rollsOf(s, input.events).filter((r) => r.options.length > 0);
  const choice = h(
    'select',
    { id: 'ruling-choice' },
    rolls.map((roll, i) =>
      h(
        'optgroup',
        { label: roll.label },
        roll.options.map((o, j) => h('option', { value: `${i}/${j}` }, `${roll.label} → ${rulingWords(s, o)}`)),
      ),
    ),
  );
  const reason = h('input', { id: 'ruling-reason', maxlength: 300, 'aria-describedby': 'ruling-about' });
  return h(
    'div',
    { className: 'ruling-form' },
    h(
      'p',
      { id: 'ruling-about', className: 'note' },
      `Week ${input.turn} is played again from the same orders with your ruling; the dice fall as before, only the ruled result changes, and whoever sees that result is told why.`,
    ),
    input.over
      ? h(
          'p',
          { id: 'ruling-over', className: 'note' },
          'The game ended that week and its teams may have seen its whole record: a ruling can change how it ended, but one that would let play go on is refused.',
        )
      : null,
    standing.length > 0
      ? h(
          'ul',
          { className: 'rulings', id: 'rulings-standing' },
          standing.map((r) => h('li', {}, `${rulingKey(r)}: ${rulingWords(s, r)} (“${r.reason}”)`)),
        )
      : null,
    rolls.length === 0
      ? h('p', { className: 'note' }, 'Nothing was rolled last week that a ruling can change.')
      : h(
          'div',
          {},
          h('label', { for: 'ruling-choice' }, 'Your ruling'),
          choice,
          h('label', { for: 'ruling-reason' }, 'The reason you give the class'),
          reason,
          h(
            'div',
            { className: 'row' },
            h(
              'button',
              {
                id: 'ruling-apply',
                onclick: () => {
                  const [i, j] = choice.value.split('/').map(Number);
                  const picked = rolls[i!]?.options[j!];
                  if (!picked) return;
                  const ruling = { ...picked, reason: reason.value.trim() } as Ruling;
                  const rest = standing.filter((r) => rulingKey(r) !== rulingKey(ruling));
                  input.apply([...rest, ruling], `Ruled: ${rulingWords(s, ruling)}.`);
                },
              },
              'Apply the ruling',
            ),
            standing.length > 0
              ? h(
                  'button',
                  {
                    id: 'ruling-withdraw',
                    onclick: () => input.apply([], 'The rulings are withdrawn: the dice stand.'),
                  },
                  'Withdraw all rulings',
                )
              : null,
          ),
        ),
  );
}

export interface InjectFormInput {
  scenario: Scenario;
  /** The deck's cards already played in this game: they cannot be released again. */
  played: ReadonlySet<string>;
  /** Where the game stands: a card whose story it contradicts is shown, greyed, with the reason. */
  facts: CardFacts;
  release(inject: Inject): void;
  /** Extra controls beside each release button (the networked desk's choice of game). */
  target?: HTMLElement;
}

/** The deck's cards still to play, and the written inject: free words, effects from a template's strengths. */
export function injectForm(input: InjectFormInput): HTMLElement {
  const s = input.scenario;
  const deck = s.cards
    .filter((c) => !input.played.has(c.id))
    .map((c) => ({ card: c, why: cardContradiction(s, input.facts, c) }));
  const open = deck.filter((d) => d.why === null);
  // Open cards first, so that the one selected at first can be released.
  const card = h(
    'select',
    { id: 'inject-card' },
    [...open, ...deck.filter((d) => d.why !== null)].map((d) =>
      h(
        'option',
        { value: d.card.id, disabled: d.why !== null, title: d.why },
        d.why === null ? d.card.title : `${d.card.title} (not now: ${d.why})`,
      ),
    ),
  );
  const templates = s.injectTemplates ?? [];
  const template = h(
    'select',
    { id: 'inject-template' },
    templates.map((t) => h('option', { value: t.id }, t.title)),
  );
  const variant = h('select', { id: 'inject-variant' });
  const title = h('input', { id: 'inject-title', maxlength: 120 });
  const text = h('textarea', { id: 'inject-text', rows: 3, maxlength: 600 });
  const pickTemplate = () => {
    const t = templates.find((x) => x.id === template.value);
    if (!t) return;
    fill(
      variant,
      t.variants.map((v) => h('option', { value: v.id }, v.label)),
    );
    title.value = t.title;
    text.value = t.text;
  };
  template.addEventListener('change', pickTemplate);
  pickTemplate();
  return h(
    'div',
    { className: 'inject-form' },
    h('p', { className: 'note' }, 'Its effects apply now, so both teams see them before they choose.'),
    input.target ?? null,
    open.length === 0
      ? h(
          'p',
          { className: 'note', id: 'deck-closed' },
          deck.length === 0
            ? 'Every card of the deck has been played.'
            : 'No card left in the deck fits the game as it stands.',
        )
      : h(
          'div',
          {},
          h('label', { for: 'inject-card' }, 'From the event deck'),
          h(
            'div',
            { className: 'row' },
            card,
            h(
              'button',
              { id: 'release-card', onclick: () => input.release({ type: 'card', card: card.value }) },
              'Release this card',
            ),
          ),
        ),
    templates.length === 0
      ? null
      : h(
          'fieldset',
          {},
          h('legend', {}, 'Or write one'),
          h('label', { for: 'inject-template' }, 'What kind of news'),
          template,
          h('label', { for: 'inject-variant' }, 'How strong (the scenario sets its effects)'),
          variant,
          h('label', { for: 'inject-title' }, 'Headline'),
          title,
          h('label', { for: 'inject-text' }, 'Story'),
          text,
          h(
            'div',
            { className: 'row' },
            h(
              'button',
              {
                id: 'release-written',
                onclick: () =>
                  input.release({
                    type: 'written',
                    template: template.value,
                    variant: variant.value,
                    title: title.value,
                    text: text.value,
                  }),
              },
              'Release what I wrote',
            ),
          ),
        ),
  );
}

/** The sealed orders of the week being ordered, both sides, as the facilitator's desk shows them (one-device or networked). */
export function sealedSection(s: Scenario, view: SeatView): HTMLElement {
  const line = (side: Side) => {
    const orders = view.sealed?.[side] ?? null;
    return h(
      'li',
      {},
      h('b', { className: `side-${side}` }, `${s.sides[side].short}: `),
      orders === null
        ? 'not yet committed'
        : orders.length === 0
          ? 'no orders'
          : orders.map((o) => describeOrder(s, o)).join('; '),
    );
  };
  return h(
    'section',
    { 'aria-labelledby': 'desk-sealed' },
    h('h3', { id: 'desk-sealed' }, `Sealed orders for week ${view.turn}`),
    view.outcome ? h('p', { className: 'note' }, 'The game is over.') : h('ul', {}, line('us'), line('iran')),
  );
}
