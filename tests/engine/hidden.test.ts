/**
 * Hidden information: what each seat's view and event stream may not carry. The US never learns who really fired
 * except through its own (fallible) assessment; Iran never sees a US plan that has not leaked, nor US capital and
 * ISR; nobody sees the RNG state.
 */
import { describe, expect, it } from 'vitest';
import {
  Dice,
  type GameEvent,
  type GameState,
  legalOrders,
  type Order,
  type Scenario,
  type Seat,
  type SeatView,
  seedRng,
  submitOrders,
  validateOrders,
  viewEvents,
  viewFor,
  hashState,
  hashWeekStart,
} from '../../src/engine/index.ts';
import { groupIn, newGame, play, quiet, SCENARIO, specIn, withScenario } from './helpers.ts';

const SEATS: readonly Seat[] = ['us', 'iran', 'facilitator', 'public'];

/** Every key anywhere in a value. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  return out;
}

/** Every number anywhere in a value. */
function numbersOf(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbersOf(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) numbersOf(v, out);
  return out;
}

interface Turn {
  before: GameState;
  state: GameState;
  events: GameEvent[];
}

/**
 * A game where Iran keeps attacking through its fronts (and now and then makes a new one, claims openly or not at
 * all) while the US picks among its legal orders: the test's own stream chooses, never the game's.
 */
function frontHeavyGame(scenario: Scenario, seed: string): Turn[] {
  const dice = new Dice(seedRng(`${seed}/hidden-test`));
  let state = newGame(seed, scenario);
  const turns: Turn[] = [];
  while (!state.outcome) {
    const fronts = state.iran.fronts.filter((f) => !f.retired);
    const groups = state.iran.groups.filter((g) => g.arsenal >= scenario.attacks.profiles['rocket-attack'].arsenalCost);
    const bases = state.us.bases.filter((b) => !b.handedOver);
    const iran: Order[] = [];
    const group = groups[dice.int(Math.max(1, groups.length))];
    if (group && bases.length > 0) {
      const roll = dice.int(10);
      const claim =
        roll < 7 && fronts.length > 0 ? fronts[dice.int(fronts.length)]!.id : roll < 9 ? 'unclaimed' : 'open';
      iran.push({ type: 'rocket-attack', group: group.id, base: bases[dice.int(bases.length)]!.site, claim });
    }
    if (dice.chance(300)) {
      const creatable = legalOrders(scenario, state, 'iran').filter((o) => o.type === 'create-front');
      if (creatable.length > 0) iran.push(creatable[dice.int(creatable.length)]!);
    }
    const menu = legalOrders(scenario, state, 'us');
    const us = dice.chance(700) && menu.length > 0 ? [menu[dice.int(menu.length)]!] : [];
    // Orders the budget cannot pay for are dropped, last first.
    while (iran.length > 0 && !validateOrders(scenario, state, 'iran', iran).ok) iran.pop();
    const r = play(state, us, iran);
    turns.push({ before: state, state: r.state, events: r.events });
    state = r.state;
  }
  return turns;
}

const GAMES = 40;
const games = Array.from({ length: GAMES }, (_, i) => frontHeavyGame(SCENARIO, `hidden-${i}`));

describe('the US view', () => {
  it('never carries the true group of an attack, nor whether it was ordered', () => {
    let claimed = 0;
    for (const turns of games)
      for (const { state } of turns) {
        const view = viewFor(SCENARIO, state, 'us');
        for (const a of view.attacks) {
          expect(Object.keys(a).sort()).toEqual(
            ['casualties', 'claim', 'confidence', 'id', 'kind', 'suspect', 'target', 'turn', 'word'].sort(),
          );
          if (a.claim !== 'open' && a.claim !== 'unclaimed') claimed++;
        }
        const text = JSON.stringify(view.attacks);
        expect(text).not.toContain('"group"');
        expect(text).not.toContain('"autonomous"');
      }
    expect(claimed).toBeGreaterThan(100); // the games really were full of front claims
  });

  it('shows a front’s sponsor only once the front is exposed, and no front it has not heard of', () => {
    let exposed = 0;
    for (const turns of games)
      for (const { state } of turns) {
        const view = viewFor(SCENARIO, state, 'us');
        for (const f of view.iran.fronts) {
          const truth = state.iran.fronts.find((x) => x.id === f.id)!;
          expect(f.sponsor).toBe(truth.exposed ? truth.sponsor : null);
          expect(truth.claims > 0 || truth.exposed).toBe(true);
          if (truth.exposed) exposed++;
        }
        for (const truth of state.iran.fronts)
          if (truth.claims === 0 && !truth.exposed) expect(JSON.stringify(view)).not.toContain(truth.name);
      }
    expect(exposed).toBeGreaterThan(0);
  });

  it('shows each group as its intelligence estimate, refreshed now and then, never the live truth', () => {
    let stale = 0;
    for (const turns of games.slice(0, 10))
      for (const { state } of turns) {
        const view = viewFor(SCENARIO, state, 'us');
        view.iran.groups.forEach((g, i) => {
          const truth = state.iran.groups[i]!;
          const estimate = state.us.intel.find((e) => e.group === g.id)!;
          expect(Object.keys(g).sort()).toEqual(['arsenal', 'asOf', 'id', 'leaderAlive', 'strength']);
          expect([g.strength, g.arsenal, g.asOf]).toEqual([estimate.strength, estimate.arsenal, estimate.asOf]);
          if (g.arsenal !== Math.round(truth.arsenal / 10) * 10) stale++;
        });
        expect(keysOf(view.iran)).not.toContain('resources');
        expect(keysOf(view.iran)).not.toContain('missileCapability');
        expect(keysOf(view.iran)).not.toContain('cohesion');
        expect(keysOf(view.iran)).not.toContain('aggression');
      }
    // A live estimate would move with every attack and name the shooter; this one lags the truth.
    expect(stale).toBeGreaterThan(0);
  });

  it('differs by nothing but its own assessment whichever group fired', () => {
    // Two groups whose rocket costs do not cross a rounding edge of the estimates (60 → 56 still reads 60).
    const s = withScenario(quiet, (x) => {
      groupIn(x, 'kh').arsenal = 60;
      groupIn(x, 'aah').arsenal = 60;
      x.attacks.curfewCaught = 0;
    });
    const strip = (view: SeatView) =>
      JSON.parse(
        JSON.stringify({ ...view, attacks: view.attacks.map(({ suspect, confidence, word, ...rest }) => rest) }),
      ) as unknown;
    const stripEvents = (events: GameEvent[]) =>
      viewEvents(events, 'us').map((e) =>
        e.type === 'attributed' ? { ...e, suspect: '?', confidence: 0, word: '?' } : e,
      );
    for (let i = 0; i < 20; i++) {
      const fire = (group: string) =>
        play(newGame(`who-${i}`, s), [], [{ type: 'rocket-attack', group, base: 'taji', claim: 'osbat-al-thaereen' }]);
      const a = fire('kh');
      const b = fire('aah');
      expect(a.state.attacks[0]!.group).not.toBe(b.state.attacks[0]!.group);
      expect(strip(viewFor(s, a.state, 'us'))).toEqual(strip(viewFor(s, b.state, 'us')));
      expect(stripEvents(a.events)).toEqual(stripEvents(b.events));
    }
  });

  it('a launch team caught before it fired claimed nothing: the record and every view say so', () => {
    const s = withScenario(quiet, (x) => {
      x.attacks.curfewCaught = 1000;
      x.pandemic.curfewFrom = 0;
    });
    const { state, events } = play(
      newGame('caught-claim', s),
      [],
      [{ type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'osbat-al-thaereen' }],
    );
    expect(events.some((e) => e.type === 'attack' && e.caught)).toBe(true);
    expect(events.some((e) => e.type === 'claimed')).toBe(false);
    expect(state.attacks[0]!.claim).toBe('unclaimed');
    for (const seat of ['us', 'iran', 'public'] as const)
      expect(viewFor(s, state, seat).attacks[0]!.claim, seat).toBe('unclaimed');
  });

  it('and the US event stream never names the perpetrator of a proxy attack', () => {
    let attacks = 0;
    for (const turns of games)
      for (const { events } of turns) {
        for (const e of events) if (e.type === 'perpetrator' && e.group !== null) attacks++;
        const seen = viewEvents(events, 'us');
        expect(seen.filter((e) => e.type === 'perpetrator' && e.group !== null)).toEqual([]);
        expect(seen.filter((e) => e.type === 'front-created' || e.type === 'misdirected')).toEqual([]);
        expect(seen.filter((e) => e.type === 'shipment' && !e.detected)).toEqual([]);
      }
    expect(attacks).toBeGreaterThan(200);
  });
});

describe('the Iran view', () => {
  it('never has US political capital or ISR, nor the US assessments', () => {
    for (const turns of games.slice(0, 10))
      for (const { state, events } of turns) {
        const view = viewFor(SCENARIO, state, 'iran');
        expect(view.us).not.toHaveProperty('politicalCapital');
        expect(view.us).not.toHaveProperty('isr');
        for (const a of view.attacks) {
          expect(a).not.toHaveProperty('suspect');
          expect(a).not.toHaveProperty('confidence');
        }
        expect(view.strikes.every((x) => 'justified' in x)).toBe(true);
        expect(viewEvents(events, 'iran').filter((e) => e.type === 'attributed' || e.type === 'isr')).toEqual([]);
      }
  });

  it('never shows a US campaign that has not leaked', () => {
    const s = withScenario(quiet, (x) => {
      specIn(x, 'campaign').leakChance = 0;
      x.us.plans = [];
    });
    let state = newGame('secret-campaign', s);
    const iranEvents: GameEvent[] = [];
    for (let t = 0; t < 4; t++) {
      const r = play(state, t === 0 ? [{ type: 'campaign', group: 'aah' }] : [], []);
      iranEvents.push(...viewEvents(r.events, 'iran'));
      state = r.state;
      expect(state.us.plans).toHaveLength(1);
      const view = viewFor(s, state, 'iran');
      expect(view.us.plans).toEqual([]);
      expect(JSON.stringify(view)).not.toContain('"campaign"'); // ("eviction-campaign" is Iran's own order)
      // The strikes themselves are no secret: they land.
      expect(view.strikes.length).toBe(state.strikes.length);
    }
    expect(state.strikes.length).toBeGreaterThan(1);
    expect(JSON.stringify(iranEvents)).not.toContain('"campaign"');
    // The US sees its own plan and knows its strikes for what they are.
    expect(viewFor(s, state, 'us').us.plans).toHaveLength(1);
    expect(viewFor(s, state, 'us').strikes.every((x) => x.kind === 'campaign')).toBe(true);
  });

  it('shows a plan once it has leaked', () => {
    const s = withScenario(quiet, (x) => {
      specIn(x, 'campaign').leakChance = 1000;
      x.us.plans = [];
    });
    const r = play(newGame('leaky-campaign', s), [{ type: 'campaign', group: 'aah' }], []);
    expect(viewFor(s, r.state, 'iran').us.plans).toMatchObject([{ group: 'aah', leaked: true }]);
    expect(viewEvents(r.events, 'iran')).toContainEqual({ audience: 'all', type: 'plan-leaked', group: 'aah' });
  });
});

describe('sealed orders', () => {
  it('stay sealed: the other side sees only that orders were given', () => {
    const s = SCENARIO;
    const sealed = submitOrders(s, newGame('sealed'), 'iran', [
      { type: 'lethal-barrage', group: 'nujaba', base: 'erbil', claim: 'unclaimed' },
    ]);
    if (!sealed.ok) throw new Error('refused');
    const us = viewFor(s, sealed.value, 'us');
    expect(us.submitted).toEqual({ us: false, iran: true });
    expect(us.ownOrders).toBeNull();
    expect(JSON.stringify(us)).not.toContain('lethal-barrage');
    expect(viewFor(s, sealed.value, 'iran').ownOrders).toEqual([
      { type: 'lethal-barrage', group: 'nujaba', base: 'erbil', claim: 'unclaimed' },
    ]);
  });
});

describe('every view', () => {
  it('never carries the RNG state or the seed', () => {
    for (const turns of games.slice(0, 10))
      for (const { state } of turns)
        for (const seat of SEATS) {
          const view = viewFor(SCENARIO, state, seat);
          expect(keysOf(view)).not.toContain('rng');
          expect(keysOf(view)).not.toContain('seed');
          const numbers = new Set(numbersOf(view));
          // alea's three fractions are the state; its integer carry alone (often a small number) proves nothing.
          for (const v of Object.values(state.rng)) if (!Number.isInteger(v)) expect(numbers.has(v)).toBe(false);
          expect(JSON.stringify(view)).not.toContain(state.seed);
        }
  });

  it('lets the facilitator see everything but the RNG', () => {
    const { state } = games[0]!.at(-1)!;
    const view = viewFor(SCENARIO, state, 'facilitator');
    expect(view.attacks.map((a) => a.group)).toEqual(state.attacks.map((a) => a.group));
    expect(view.iran.fronts.map((f) => f.sponsor)).toEqual(state.iran.fronts.map((f) => f.sponsor));
    expect(view.us.politicalCapital).toBe(state.us.politicalCapital);
    expect(view.iran.resources).toBe(state.iran.resources);
    expect(view.legalOrders).toEqual([]);
  });
});

describe('the public view (a projected classroom screen)', () => {
  it('carries nothing either side keeps from the other', () => {
    let fronted = 0;
    for (const turns of games)
      for (const { state } of turns) {
        const view = viewFor(SCENARIO, state, 'public');
        for (const a of view.attacks)
          expect(Object.keys(a).sort()).toEqual(['casualties', 'claim', 'id', 'kind', 'target', 'turn'].sort());
        for (const f of view.iran.fronts) {
          const truth = state.iran.fronts.find((x) => x.id === f.id)!;
          expect(f.sponsor).toBe(truth.exposed ? truth.sponsor : null);
          if (!truth.exposed) fronted++;
        }
        expect(view.iran.groups).toEqual([]);
        expect(view.iran.resources).toBeUndefined();
        expect(view.us.politicalCapital).toBeUndefined();
        expect(view.us.plans.every((p) => p.leaked)).toBe(true);
        expect(view.history.every((h) => Object.keys(h.orders).length === 0)).toBe(true);
        if (!state.outcome) expect(view.escalation).toEqual({ us: null, iran: null });
        expect(view.strikes.every((s) => !('justified' in s))).toBe(true);
      }
    expect(fronted).toBeGreaterThan(0); // the games did hide someone behind a front
  });

  it('sees neither side’s sealed orders, and only the events meant for all', () => {
    const sealed = submitOrders(SCENARIO, newGame('public-sealed'), 'iran', [
      { type: 'lethal-barrage', group: 'nujaba', base: 'erbil', claim: 'unclaimed' },
    ]);
    if (!sealed.ok) throw new Error('refused');
    const view = viewFor(SCENARIO, sealed.value, 'public');
    expect(view.ownOrders).toBeNull();
    expect(view.legalOrders).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('lethal-barrage');
    const r = play(
      sealed.value,
      [{ type: 'hold' }],
      [{ type: 'lethal-barrage', group: 'nujaba', base: 'erbil', claim: 'unclaimed' }],
    );
    const seen = viewEvents(r.events, 'public');
    expect(seen.every((e) => e.audience === 'all')).toBe(true);
    expect(seen.some((e) => e.type === 'perpetrator' || e.type === 'attributed')).toBe(false);
  });

  it('the week’s start hash is the same whatever a side has sealed, and is the hash before anything was sealed', () => {
    const start = newGame('week-start');
    const hashes = new Set<string>();
    for (const orders of [
      [],
      [{ type: 'lethal-barrage', group: 'nujaba', base: 'erbil', claim: 'unclaimed' }],
    ] as const) {
      const sealed = submitOrders(SCENARIO, start, 'iran', [...orders]);
      if (!sealed.ok) throw new Error('refused');
      expect(hashState(sealed.value)).not.toBe(hashState(start));
      hashes.add(hashWeekStart(sealed.value));
    }
    expect([...hashes]).toEqual([hashState(start)]);
  });
});
