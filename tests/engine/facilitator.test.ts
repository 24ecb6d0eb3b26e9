import { describe, expect, it } from 'vitest';
import {
  cardContradiction,
  createGame,
  type GameEvent,
  type GameState,
  hashState,
  makeReplay,
  parseReplay,
  playTurn,
  recordReplay,
  releaseInject,
  resolveOrders,
  type Scenario,
  submitOrders,
  verifyReplay,
  viewEvents,
  viewFor,
} from '../../src/engine/index.ts';
import { quiet, SCENARIO, withScenario } from './helpers.ts';

/** A scenario with a template a facilitator can write from, and a ladder push on its strong variant. */
const TEMPLATED: Scenario = withScenario((s) => {
  s.injectTemplates = [
    {
      id: 'protest',
      title: 'Protests in Baghdad',
      text: 'Crowds march on Tahrir Square.',
      variants: [
        { id: 'small', label: 'A small protest', effects: { consent: -2 } },
        { id: 'large', label: 'A mass protest', effects: { consent: -6, evictionPressure: 5, ladder: 40 } },
      ],
    },
  ];
});

function start(scenario: Scenario = SCENARIO, seed = 'facilitated'): GameState {
  const g = createGame(scenario, seed);
  if (!g.ok) throw new Error(g.errors[0]!.message);
  return g.value;
}

function released(scenario: Scenario, state: GameState, inject: unknown) {
  const r = releaseInject(scenario, state, inject);
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.value;
}

const rocket = { type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'unclaimed' } as const;

/** The first seed on which Kataib Hezbollah's rockets at Taji hit something, and the turn as it resolved. */
function hittingTurn(scenario: Scenario) {
  for (let i = 0; i < 200; i++) {
    const state = start(scenario, `hit-${i}`);
    const r = resolveOrders(scenario, state, [{ type: 'hold' }], [rocket]);
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const attack = r.value.events.find((e) => e.type === 'attack');
    if (attack?.type === 'attack' && attack.hits > 0 && attack.casualties.usWounded + attack.casualties.usKilled > 0)
      return { state, attackId: attack.attackId, events: r.value.events };
  }
  throw new Error('no seed in 200 where the rockets hurt Americans');
}

describe('injects', () => {
  it('a deck card released at the start of a turn applies its effects now and is marked as played', () => {
    const state = start();
    const card = SCENARIO.cards.find((c) => c.id === 'oil-price-collapse')!;
    const { state: after, events } = released(SCENARIO, state, { type: 'card', card: card.id });
    expect(after.cardsFired).toContain(card.id);
    expect(after.baghdad.consent).toBe(state.baghdad.consent + card.effects.consent!);
    expect(after.iran.income).toBe(state.iran.income + card.effects.iranIncome!);
    expect(events).toEqual([
      { audience: 'all', type: 'card', card: card.id, title: card.title, text: card.text, released: 'deck' },
    ]);
    expect(after.rng).toEqual(state.rng); // no dice: the facilitator decided
    const again = releaseInject(SCENARIO, after, { type: 'card', card: card.id });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.errors[0]!.message).toMatch(/already been played/);
  });

  it('a written inject takes the facilitator words and the template variant effects; its ladder push counts at resolution', () => {
    const calm = withScenario(quiet, (s) => {
      s.injectTemplates = [
        {
          id: 'protest',
          title: 't',
          text: 't',
          variants: [{ id: 'large', label: 'big', effects: { consent: -6, ladder: 60 } }],
        },
      ];
    });
    const state = start(calm);
    const inject = {
      type: 'written',
      template: 'protest',
      variant: 'large',
      title: 'Sadr calls a million-man march',
      text: 'Hundreds of thousands fill the streets demanding foreign troops leave.',
    };
    const { state: after, events } = released(calm, state, inject);
    expect(after.baghdad.consent).toBe(state.baghdad.consent - 6);
    expect(after.ladder).toEqual(state.ladder); // not yet
    expect(events[0]).toMatchObject({ type: 'card', title: inject.title, text: inject.text, released: 'written' });
    const withPush = playTurn(calm, after, [{ type: 'hold' }], []);
    const without = playTurn(calm, state, [{ type: 'hold' }], []);
    if (!withPush.ok || !without.ok) throw new Error('turn failed');
    expect(withPush.value.ladder.rung).toBeGreaterThan(without.value.ladder.rung);
    expect(withPush.value.facilitator?.pressure).toBe(0);
  });

  it.each([
    ['an unknown card', { type: 'card', card: 'martians-land' }, /unknown card "martians-land"/],
    [
      'an unknown template',
      { type: 'written', template: 'coup', variant: 'small', title: 'x', text: 'y' },
      /unknown template "coup"/,
    ],
    [
      'an unknown strength',
      { type: 'written', template: 'protest', variant: 'huge', title: 'x', text: 'y' },
      /unknown strength "huge"/,
    ],
    [
      'an empty headline',
      { type: 'written', template: 'protest', variant: 'small', title: '  ', text: 'y' },
      /headline is required/,
    ],
    ['not an inject', { type: 'meteor' }, /./],
  ])('refuses %s, naming it, and leaves the state alone', (_, inject, message) => {
    const state = start(TEMPLATED);
    const r = releaseInject(TEMPLATED, state, inject);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(message);
  });

  it('refuses a card whose story the game contradicts, naming why, and lists it as such for the desk', () => {
    const state = start();
    const patriots = SCENARIO.cards.find((c) => c.id === 'patriots-operational')!;
    const withdrawal = SCENARIO.cards.find((c) => c.id === 'zurufi-out-kadhimi-in')!;
    expect(cardContradiction(SCENARIO, state, patriots)).toBeNull();
    expect(cardContradiction(SCENARIO, state, withdrawal)).toBeNull();
    // Erbil handed over, the government confirmed: each card now tells of what is no longer so.
    const later = structuredClone(state);
    for (const b of later.us.bases) if (b.site === 'erbil') b.handedOver = true;
    later.baghdad.stage = 'confirmed';
    expect(cardContradiction(SCENARIO, later, patriots)).toMatch(/Erbil.*no longer holds/);
    expect(cardContradiction(SCENARIO, later, withdrawal)).toMatch(/PM-designate, and Baghdad has none/);
    for (const card of [patriots, withdrawal]) {
      const r = releaseInject(SCENARIO, later, { type: 'card', card: card.id });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.errors[0]!.code).toBe('inject.card');
        expect(r.errors[0]!.message).toContain(`card "${card.id}" cannot be released now: it tells of`);
      }
    }
    // The facilitator's view carries the same facts: the networked desk greys the same cards.
    expect(cardContradiction(SCENARIO, viewFor(SCENARIO, later, 'facilitator'), patriots)).toMatch(/Erbil/);
    // A card that tells of neither goes out as before.
    expect(releaseInject(SCENARIO, later, { type: 'card', card: 'oil-price-collapse' }).ok).toBe(true);
  });

  it('refuses an inject once a side has committed its orders', () => {
    const state = start();
    const sealed = submitOrders(SCENARIO, state, 'us', [{ type: 'hold' }]);
    if (!sealed.ok) throw new Error('submit failed');
    const r = releaseInject(SCENARIO, sealed.value, { type: 'card', card: 'oil-price-collapse' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.code).toBe('inject.late');
  });
});

describe('rulings', () => {
  it('"the rocket missed after all": the attack does no harm, the ruling and its reason are announced to all', () => {
    const { state, attackId, events } = hittingTurn(SCENARIO);
    const ruling = { type: 'attack-missed', attack: attackId, reason: 'The launch site was under water.' };
    const r = resolveOrders(SCENARIO, state, [{ type: 'hold' }], [rocket], [ruling]);
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const attack = r.value.events.find((e) => e.type === 'attack');
    expect(attack).toMatchObject({ attackId, hits: 0, casualties: { usKilled: 0, usWounded: 0 } });
    const before = events.find((e) => e.type === 'attack');
    expect(attack).toMatchObject({ projectiles: (before as typeof attack)!.projectiles }); // the same volley flew
    expect(r.value.events).toContainEqual({ audience: 'all', type: 'ruling', ruling });
    expect(r.value.state.casualties.usWounded + r.value.state.casualties.usKilled).toBe(0);
    expect(r.value.state.history.at(-1)!.rulings).toEqual([ruling]);
  });

  it('an attribution ruling changes what US intelligence names, and only the US and facilitator hear of it', () => {
    const { state, attackId } = hittingTurn(SCENARIO);
    const ruling = { type: 'attack-attributed', attack: attackId, suspect: 'aah', reason: 'A captured launcher.' };
    const r = resolveOrders(SCENARIO, state, [{ type: 'hold' }], [rocket], [ruling]);
    if (!r.ok) throw new Error(r.errors[0]!.message);
    expect(r.value.state.attacks.find((a) => a.id === attackId)!.suspect).toBe('aah');
    const seen = (seat: 'us' | 'iran') => viewEvents(r.value.events, seat).some((e) => e.type === 'ruling');
    expect(seen('us')).toBe(true);
    expect(seen('iran')).toBe(false);
  });

  it('a strike ruled a miss destroys nothing', () => {
    const state = start(SCENARIO, 'strike');
    const site = SCENARIO.iran.proxySites[0]!;
    const strike = [{ type: 'strike-site', site: site.site }];
    const plain = resolveOrders(SCENARIO, state, strike, []);
    if (!plain.ok) throw new Error(plain.errors[0]!.message);
    const struck = plain.value.events.find((e) => e.type === 'strike') as Extract<GameEvent, { type: 'strike' }>;
    const ruled = resolveOrders(
      SCENARIO,
      state,
      strike,
      [],
      [{ type: 'strike-missed', strike: struck.strikeId, reason: 'The depot had been emptied.' }],
    );
    if (!ruled.ok) throw new Error(ruled.errors[0]!.message);
    const g = (s: GameState) => s.iran.groups.find((x) => x.id === site.group)!;
    expect(g(ruled.value.state).arsenal).toBe(g(state).arsenal);
    expect(g(ruled.value.state).strength).toBe(g(state).strength);
    expect(ruled.value.events.find((e) => e.type === 'strike')).toMatchObject({ arsenalLost: 0, strengthLost: 0 });
  });

  it('a vote ruling decides the motion', () => {
    const hot = withScenario(quiet, (s) => {
      s.baghdad.evictionPressure = 95;
    });
    const state = start(hot, 'vote');
    for (const passed of [true, false]) {
      const r = resolveOrders(hot, state, [{ type: 'hold' }], [], [{ type: 'vote', passed, reason: 'Ruled.' }]);
      if (!r.ok) throw new Error(r.errors[0]!.message);
      expect(r.value.events.find((e) => e.type === 'vote')).toMatchObject({ passed });
    }
  });

  it.each([
    ['no such attack', [{ type: 'attack-missed', attack: 9999, reason: 'Ruled.' }], 'ruling.unmatched'],
    ['no vote this turn', [{ type: 'vote', passed: true, reason: 'Ruled.' }], 'ruling.unmatched'],
    ['no reason', [{ type: 'attack-missed', attack: 1, reason: '' }], 'ruling.shape'],
    [
      'an unknown suspect',
      [{ type: 'attack-attributed', attack: 1, suspect: 'zz', reason: 'Ruled.' }],
      'ruling.suspect',
    ],
    [
      'two rulings on one roll',
      [
        { type: 'attack-missed', attack: 1, reason: 'Ruled.' },
        { type: 'attack-missed', attack: 1, reason: 'Twice.' },
      ],
      'ruling.twice',
    ],
  ])('refuses a ruling with %s', (_, rulings, code) => {
    const calm = withScenario(quiet);
    const r = resolveOrders(calm, start(calm), [{ type: 'hold' }], [], rulings);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.code).toBe(code);
  });
});

describe('a facilitated game replays exactly', () => {
  function facilitatedGame(): GameState {
    const { state, attackId } = hittingTurn(TEMPLATED);
    let s = released(TEMPLATED, state, { type: 'card', card: 'oil-price-collapse' }).state;
    s = released(TEMPLATED, s, {
      type: 'written',
      template: 'protest',
      variant: 'large',
      title: 'Protests',
      text: 'Big ones.',
    }).state;
    // The inject changed nothing the attack rolls on, but the ruling must find its attack by the id it has now.
    const first = resolveOrders(TEMPLATED, s, [{ type: 'hold' }], [rocket]);
    if (!first.ok) throw new Error(first.errors[0]!.message);
    const id = (first.value.events.find((e) => e.type === 'attack') as { attackId: number }).attackId;
    expect(id).toBe(attackId);
    const ruled = playTurn(
      TEMPLATED,
      s,
      [{ type: 'hold' }],
      [rocket],
      [{ type: 'attack-missed', attack: id, reason: 'The rockets fell short.' }],
    );
    if (!ruled.ok) throw new Error(ruled.errors[0]!.message);
    s = ruled.value;
    const second = playTurn(TEMPLATED, s, [{ type: 'hold' }], []);
    if (!second.ok) throw new Error(second.errors[0]!.message);
    // An inject released for the turn now being ordered is part of the record too.
    return released(TEMPLATED, second.value, {
      type: 'written',
      template: 'protest',
      variant: 'small',
      title: 'A',
      text: 'B',
    }).state;
  }

  it('records injects and rulings in the replay and verifies to the same hashes', () => {
    const game = facilitatedGame();
    const replay = recordReplay(TEMPLATED, game);
    if (!replay.ok) throw new Error(replay.errors[0]!.message);
    expect(replay.value.turns[0]!.injects).toHaveLength(2);
    expect(replay.value.turns[0]!.rulings).toHaveLength(1);
    expect(replay.value.pending).toHaveLength(1);
    const text = makeReplay(replay.value);
    const parsed = parseReplay(JSON.parse(text));
    expect(parsed.ok && parsed.value).toEqual(replay.value);
    const verified = verifyReplay(TEMPLATED, JSON.parse(text));
    if (!verified.ok) throw new Error(verified.errors[0]!.message);
    expect(hashState(verified.value.state)).toBe(hashState(game));
  });

  it('a replay whose ruling was edited is caught at that turn', () => {
    const replay = recordReplay(TEMPLATED, facilitatedGame());
    if (!replay.ok) throw new Error('record failed');
    const edited = structuredClone(replay.value);
    edited.turns[0]!.rulings = [];
    const r = verifyReplay(TEMPLATED, edited);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/turn 1 differs/);
  });

  it('the views show released injects to both sides', () => {
    const { events } = released(TEMPLATED, start(TEMPLATED), { type: 'card', card: 'oil-price-collapse' });
    for (const seat of ['us', 'iran'] as const) expect(viewEvents(events, seat)).toHaveLength(1);
    expect(viewFor(TEMPLATED, start(TEMPLATED), 'us').turn).toBe(1);
  });
});
