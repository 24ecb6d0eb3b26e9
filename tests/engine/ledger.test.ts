/**
 * The ledger (issue 12 item 7): each cause kind pinned by a named case; over random games with injects, every
 * watched figure's parts sum exactly to its change, read from the states themselves, and every figure that changed
 * has parts; a seat's ledger never names what its view hides; a resolution that keeps no record reaches the same state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ladderSummary,
  causePhrase,
  BASE_FIELDS,
  CASUALTY_KINDS,
  type Cause,
  type GameState,
  type Inject,
  type Ledger,
  type LedgerLine,
  legalOrders,
  type Order,
  checkInject,
  releaseInject,
  resolveTurn,
  SCALARS,
  type Scenario,
  type Seat,
  type Side,
  submitOrders,
  type Variable,
  validateOrders,
  viewFor,
  viewLedger,
} from '../../src/engine/index.ts';
import { closeLedger, type LedgerEntry } from '../../src/engine/ledger.ts';
import { perMille } from '../../src/engine/math.ts';
import { AIR_DEFENCE } from '../../src/engine/scenario.ts';
import { newGame, play, quiet, SCENARIO, specIn, withScenario } from './helpers.ts';

const SCALE = Number(process.env.PROPERTY_SCALE ?? '1');

const same = (a: Variable, b: Variable) => JSON.stringify(a) === JSON.stringify(b);
const lineOf = (ledger: Ledger, v: Variable): LedgerLine | undefined => ledger.find((l) => same(l.variable, v));
const sum = (line: LedgerLine) => line.parts.reduce((t, p) => t + p.delta, 0);
/** The parts of a figure whose cause matches. */
function partsOf(ledger: Ledger, v: Variable, match: Partial<Cause>): number[] {
  const line = lineOf(ledger, v);
  const keys = Object.entries(match);
  return (line?.parts ?? [])
    .filter((p) => keys.every(([k, x]) => (p.cause as Record<string, unknown>)[k] === x))
    .map((p) => p.delta);
}

/** Every watched figure read straight from a state (not through ledger.ts), with the variable that names it. */
function figures(state: GameState): [Variable, number][] {
  const out: [Variable, number][] = [
    [{ kind: 'rung' }, state.ladder.rung],
    [{ kind: 'consent' }, state.baghdad.consent],
    [{ kind: 'evictionPressure' }, state.baghdad.evictionPressure],
    [{ kind: 'resolve' }, state.us.resolve],
    [{ kind: 'credibility' }, state.us.credibility],
    [{ kind: 'politicalCapital' }, state.us.politicalCapital],
    [{ kind: 'isis' }, state.isis],
    [{ kind: 'iranResources' }, state.iran.resources],
  ];
  for (const k of CASUALTY_KINDS) out.push([{ kind: 'casualties', of: k }, state.casualties[k]]);
  for (const f of state.iran.fronts) out.push([{ kind: 'deniability', front: f.id }, f.deniability]);
  for (const b of state.us.bases) {
    out.push([{ kind: 'base', base: b.site, field: 'garrison' }, b.garrison]);
    out.push([{ kind: 'base', base: b.site, field: 'exposure' }, b.exposure]);
    out.push([{ kind: 'base', base: b.site, field: 'airDefence' }, AIR_DEFENCE.indexOf(b.airDefence)]);
    out.push([{ kind: 'base', base: b.site, field: 'handedOver' }, b.handedOver ? 1 : 0]);
    out.push([{ kind: 'base', base: b.site, field: 'handoverTurns' }, b.handoverTurns]);
  }
  return out;
}

/** The ledger accounts for every change between two states, exactly, and names nothing that is not watched. */
function checkAccounts(before: GameState, after: GameState, ledger: Ledger, pressure: number | null): void {
  const was = new Map(figures(before).map(([v, x]) => [JSON.stringify(v), x]));
  const watched = figures(after);
  expect(SCALARS.length + CASUALTY_KINDS.length + BASE_FIELDS.length).toBe(9 + 5 + 5);
  for (const [v, now] of watched) {
    const from = was.get(JSON.stringify(v)) ?? 0;
    const line = lineOf(ledger, v);
    if (now !== from) expect(line, `${JSON.stringify(v)} moved ${from} → ${now} with no cause`).toBeDefined();
    if (!line) continue;
    expect([line.before, line.after], JSON.stringify(v)).toEqual([from, now]);
    expect(sum(line), `${JSON.stringify(v)}: ${JSON.stringify(line.parts)}`).toBe(now - from);
    for (const p of line.parts) expect(p.delta).not.toBe(0);
  }
  const pressureLine = lineOf(ledger, { kind: 'pressure' });
  if (pressure !== null) expect(pressureLine?.after ?? 0).toBe(pressure);
  if (pressureLine) expect([pressureLine.before, sum(pressureLine)]).toEqual([0, pressureLine.after]);
  for (const line of ledger)
    if (line.variable.kind !== 'pressure')
      expect(
        watched.some(([v]) => same(v, line.variable)),
        JSON.stringify(line.variable),
      ).toBe(true);
}

/** What a seat's ledger may not name: checked against the seat's own view of the state after the week. */
function checkHidden(scenario: Scenario, after: GameState, ledger: Ledger, seat: Seat): void {
  const mine = viewLedger(ledger, seat);
  const view = viewFor(scenario, after, seat, false);
  const side: Side | null = seat === 'us' || seat === 'iran' ? seat : null;
  for (const line of mine) {
    // The parts still sum to the change: a hidden cause is folded, never dropped.
    expect(sum(line)).toBe(line.after - line.before);
    const v = line.variable;
    if (v.kind === 'iranResources') expect(view.iran.resources).toBe(line.after);
    if (v.kind === 'politicalCapital') expect(view.us.politicalCapital).toBe(line.after);
    if (v.kind === 'deniability') expect(view.iran.fronts.find((f) => f.id === v.front)?.deniability).toBe(line.after);
    if (v.kind === 'consent') expect(view.baghdad.consent).toBe(line.after);
    if (v.kind === 'rung') expect(view.ladder.rung).toBe(line.after);
    if (v.kind === 'resolve') expect(view.us.resolve).toBe(line.after);
    // The week's pressure is in no view: a total with a hidden part in it would give that part away.
    if (v.kind === 'pressure' && seat !== 'facilitator')
      expect(line.parts.some((p) => p.cause.kind === 'unseen')).toBe(false);
    for (const p of line.parts) {
      if (p.cause.only !== undefined) expect(p.cause.only).toBe(side);
      if (p.cause.kind === 'attack' && seat !== 'iran') {
        expect(p.cause).not.toHaveProperty('group');
        expect(p.cause).not.toHaveProperty('autonomous');
      }
    }
  }
  // A front the seat does not know of is never named, in a figure or in a cause.
  const known = new Set(view.iran.fronts.map((f) => f.id));
  const text = JSON.stringify(mine);
  for (const f of after.iran.fronts) if (!known.has(f.id)) expect(text).not.toContain(`"${f.id}"`);
}

// ---- Each cause kind, pinned --------------------------------------------------------------------------------------

const Q = withScenario(quiet, (s) => {
  s.attacks.curfewCaught = 0;
});

describe('each cause in the ledger', () => {
  it('an order: its effect on consent, its price on political capital, then consent drifting home', () => {
    const start = newGame('ledger-order', Q);
    const { ledger, state } = play(start, [{ type: 'waiver-extend' }], []);
    const extend = Q.orders.find((o) => o.type === 'waiver-extend')!;
    expect(partsOf(ledger, { kind: 'consent' }, { kind: 'order', side: 'us', order: 'waiver-extend' })).toEqual([
      extend.effects.consent,
    ]);
    expect(partsOf(ledger, { kind: 'politicalCapital' }, { kind: 'cost', order: 'waiver-extend' })).toEqual([
      -extend.cost,
    ]);
    expect(partsOf(ledger, { kind: 'consent' }, { kind: 'drift', rule: 'consent' })).toEqual([-Q.baghdad.consentDrift]);
    expect(lineOf(ledger, { kind: 'consent' })).toMatchObject({
      before: start.baghdad.consent,
      after: state.baghdad.consent,
    });
  });

  it("an open attack's push on the ladder, its full weight; a deniable one's, scaled by the US's confidence", () => {
    const start = newGame('ledger-attack', Q);
    const rocketLadder = Q.orders.find((o) => o.type === 'rocket-attack')!.ladder;
    const open = play(start, [], [{ type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'open' }]);
    const attack = open.state.attacks[0]!;
    expect(
      partsOf(open.ledger, { kind: 'pressure' }, { kind: 'attack', attackId: attack.id, group: 'kh', target: 'taji' }),
    ).toEqual([rocketLadder]);
    const hidden = play(start, [], [{ type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'unclaimed' }]);
    const a = hidden.state.attacks[0]!;
    const line = lineOf(hidden.ledger, { kind: 'pressure' })!;
    const part = line.parts.find((p) => p.cause.kind === 'attack')!;
    expect(part.delta).toBe(perMille(rocketLadder, a.confidence));
    expect(part.cause.only).toBe('us');
    // Iran does not learn the US's confidence from it: not as a part, and not as the week's total either, which is
    // nowhere else in its view.
    const iran = lineOf(viewLedger(hidden.ledger, 'iran'), { kind: 'pressure' })!;
    expect(iran.parts.some((p) => p.cause.kind === 'attack' || p.cause.kind === 'unseen')).toBe(false);
    expect(iran.partial).toBe(true);
    expect(iran.after).toBe(sum(iran));
    expect(ladderSummary(Q, viewLedger(hidden.ledger, 'iran'))).not.toContain('net');
    expect(ladderSummary(Q, viewLedger(hidden.ledger, 'us'))).toContain(`net +${part.delta} pressure`);
  });

  it('a US strike: its cost in consent and the proxies it killed', () => {
    const { ledger, state } = play(newGame('ledger-strike', Q), [{ type: 'strike-site', site: 'jurf-al-sakhar' }], []);
    const strike = state.strikes[0]!;
    const cause = { kind: 'strike', strikeId: strike.id } as const;
    expect(partsOf(ledger, { kind: 'consent' }, cause)).toHaveLength(1);
    expect(partsOf(ledger, { kind: 'casualties', of: 'proxiesKilled' }, cause)).toEqual([
      strike.casualties.proxiesKilled,
    ]);
  });

  it('decay after quiet weeks: the rung steps down for its own cause', () => {
    const s = withScenario(quiet, (x) => {
      x.ladder.decayAfterQuiet = 1;
    });
    const { ledger, state } = play(newGame('ledger-decay', s), [], []);
    expect(partsOf(ledger, { kind: 'rung' }, { kind: 'rung', move: 'decay' })).toEqual([-1]);
    expect(causePhrase(s, { kind: 'rung', move: 'decay' })).toBe(
      `a quiet week (pressure ${s.ladder.calmBelow} or less)`,
    );
    expect(lineOf(ledger, { kind: 'rung' })).toMatchObject({ before: s.ladder.start, after: state.ladder.rung });
  });

  it('drift: ISIS grows, the pandemic feeds it and counter-ISIS work wears it, each its own part', () => {
    const start = newGame('ledger-drift', Q);
    const { ledger } = play(start, [], []);
    expect(partsOf(ledger, { kind: 'isis' }, { kind: 'drift', rule: 'isis-growth' })).toEqual([Q.isis.growth]);
    expect(partsOf(ledger, { kind: 'isis' }, { kind: 'drift', rule: 'isis-pandemic' })).toEqual([
      start.pandemic * Q.isis.pandemicGrowth,
    ]);
    expect(partsOf(ledger, { kind: 'isis' }, { kind: 'drift', rule: 'counter-isis' })).toEqual([
      -Math.trunc(start.us.counterIsis / Q.isis.counterIsisDivisor),
    ]);
    expect(partsOf(ledger, { kind: 'iranResources' }, { kind: 'income', rule: 'iran' })).toEqual([start.iran.income]);
  });

  it('a clamp at a limit is its own part, so the parts still sum to the change', () => {
    const s = withScenario(quiet, (x) => {
      x.baghdad.consent = 99;
    });
    const { ledger } = play(newGame('ledger-clamp', s), [{ type: 'waiver-extend' }], []);
    const line = lineOf(ledger, { kind: 'consent' })!;
    expect(line.parts.slice(0, 2)).toEqual([
      { cause: { kind: 'order', side: 'us', order: 'waiver-extend', target: null }, delta: 4 },
      { cause: { kind: 'clamp', limit: 100 }, delta: -3 },
    ]);
    expect(sum(line)).toBe(line.after - 99);
  });

  it('a card of the deck: its effects and its push on the ladder', () => {
    const s = withScenario((x) => {
      x.attacks.autonomyPerAggression = 0;
    });
    const { ledger } = play(newGame('ledger-card', s), [], []);
    expect(partsOf(ledger, { kind: 'credibility' }, { kind: 'card', card: 'patriots-operational' })).toEqual([2]);
    expect(partsOf(ledger, { kind: 'pressure' }, { kind: 'card', card: 'sneak-attack-warning' })).toEqual([5]);
  });

  it("an inject: its effects when released, its push on the ladder in the week's resolution", () => {
    const inject: Inject = { type: 'written', template: 'protest', variant: 'large', title: 'March', text: 'A march.' };
    const released = releaseInject(Q, newGame('ledger-inject', Q), inject);
    if (!released.ok) throw new Error(JSON.stringify(released.errors));
    const card = { kind: 'card', card: 'protest', released: 'written' } as const;
    expect(partsOf(released.value.ledger, { kind: 'consent' }, card)).toEqual([-5]);
    expect(lineOf(released.value.ledger, { kind: 'pressure' })).toMatchObject({ before: 0, after: 10 });
    const { ledger } = play(released.value.state, [], []);
    expect(partsOf(ledger, { kind: 'pressure' }, { kind: 'injects' })).toEqual([10]);
  });

  it("a ruling: parliament's vote decided by the facilitator is named as ruled", () => {
    const s = withScenario(quiet, (x) => {
      x.baghdad.evictionPressure = 100;
      for (const b of x.baghdad.blocs) b.lean = 0;
      for (const b of x.baghdad.blocs) b.pressureWeight = 0;
    });
    const start = newGame('ledger-ruling', s);
    const us = submitOrders(s, start, 'us', []);
    if (!us.ok) throw new Error('refused');
    const both = submitOrders(s, us.value, 'iran', []);
    if (!both.ok) throw new Error('refused');
    const r = resolveTurn(s, both.value, [{ type: 'vote', passed: true, reason: 'the white cell rules it passed' }]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(partsOf(r.value.ledger, { kind: 'consent' }, { kind: 'vote', passed: true, ruled: true })).toEqual([
      s.baghdad.voteConsentDrop,
    ]);
  });

  it('a handover under way completes: the countdown, the flag and the garrison moving to the hub', () => {
    const { ledger } = play(newGame('ledger-handover', Q), [], []);
    const cause = { kind: 'handover', base: 'k1' } as const;
    const garrison = Q.us.bases.find((b) => b.site === 'k1')!.garrison;
    expect(partsOf(ledger, { kind: 'base', base: 'k1', field: 'handoverTurns' }, cause)).toEqual([-1]);
    expect(partsOf(ledger, { kind: 'base', base: 'k1', field: 'handedOver' }, cause)).toEqual([1]);
    expect(partsOf(ledger, { kind: 'base', base: 'k1', field: 'garrison' }, cause)).toEqual([-garrison]);
    expect(partsOf(ledger, { kind: 'base', base: Q.us.hub, field: 'garrison' }, cause)).toContain(garrison);
  });

  it("an attack's dead are booked by kind, and a US order's air defence as a level", () => {
    const s = withScenario(quiet, (x) => {
      x.attacks.curfewCaught = 0;
      Object.assign(x.attacks.profiles['lethal-barrage'], { hitPerMille: 1000, civilianPerHit: 1000 });
    });
    const { ledger, state } = play(
      newGame('ledger-dead', s),
      [{ type: 'deploy-air-defence', base: 'taji' }],
      [{ type: 'lethal-barrage', group: 'kh', base: 'besmaya', claim: 'open' }],
    );
    const a = state.attacks[0]!;
    expect(a.casualties.civiliansKilled).toBeGreaterThan(0);
    expect(partsOf(ledger, { kind: 'casualties', of: 'civiliansKilled' }, { kind: 'attack', attackId: a.id })).toEqual([
      a.casualties.civiliansKilled,
    ]);
    expect(
      partsOf(
        ledger,
        { kind: 'base', base: 'taji', field: 'airDefence' },
        { kind: 'order', order: 'deploy-air-defence' },
      ),
    ).toEqual([1]);
  });
});

describe("the causes of the engine's own actors and of precedents", () => {
  it('a red line broken by an American death, and the first death jumping the rung', () => {
    const s = withScenario(quiet, (x) => {
      x.attacks.curfewCaught = 0;
      x.redLines.responseWindow = 1;
      x.ladder.brokenBefore.usDeath = false;
      x.ladder.firstUsDeath = 1; // the shipped model gives precedents no rungs; the rule stays for designers
      Object.assign(x.attacks.profiles['lethal-barrage'], { hitPerMille: 1000, killPerHit: 1000 });
    });
    const fire = [{ type: 'lethal-barrage', group: 'kh', base: 'taji', claim: 'open' }];
    const { ledger, state } = play(newGame('ledger-red-line', s), [], fire);
    expect(state.casualties.usKilled).toBeGreaterThan(0);
    const broken = { kind: 'red-line', status: 'broken' } as const;
    expect(partsOf(ledger, { kind: 'credibility' }, broken)).toEqual([s.redLines.brokenCredibility]);
    expect(partsOf(ledger, { kind: 'resolve' }, broken)).toEqual([s.redLines.brokenResolve]);
    expect(partsOf(ledger, { kind: 'rung' }, { kind: 'rung', move: 'first' })).toEqual([s.ladder.firstUsDeath]);
    const attack = { kind: 'attack', attackId: state.attacks[0]!.id } as const;
    expect(partsOf(ledger, { kind: 'casualties', of: 'usKilled' }, attack)).toEqual([state.casualties.usKilled]);
    const killed = state.casualties.usKilled;
    expect(partsOf(ledger, { kind: 'pressure' }, { ...attack, deaths: killed })).toEqual([
      killed * s.attacks.ladderPerDeath,
    ]);
    // The attack's own push and the push for its dead read apart, not as one phrase twice.
    const phrases = (lineOf(ledger, { kind: 'pressure' })?.parts ?? [])
      .filter((p) => p.cause.kind === 'attack')
      .map((p) => causePhrase(s, p.cause));
    expect(phrases).toHaveLength(2);
    expect(new Set(phrases).size).toBe(2);
    // The dead named first, then what killed them, in one sentence (not "...on orders: the American it killed").
    const dead = killed === 1 ? 'the American killed by ' : `the ${killed} Americans killed by `;
    expect(phrases.filter((p) => p.startsWith(dead))).toEqual([
      `${dead}a heavy barrage on ${s.sites.find((x) => x.id === 'taji')!.name} (claimed openly, fired by Kataib Hezbollah on orders)`,
    ]);
    expect(phrases.some((p) => p.includes('it killed'))).toBe(false);
  });

  it('ISIS strikes Iraqi forces: the dead and the consent it costs', () => {
    const s = withScenario(quiet, (x) => {
      x.isis.attackAt = 0;
    });
    const { ledger, state } = play(newGame('ledger-isis', s), [], []);
    expect(partsOf(ledger, { kind: 'casualties', of: 'iraqiForcesKilled' }, { kind: 'isis-attack' })).toEqual([
      state.casualties.iraqiForcesKilled,
    ]);
    expect(partsOf(ledger, { kind: 'consent' }, { kind: 'isis-attack' })).toEqual([s.isis.consentPerAttack]);
  });

  it("a campaign's leak and a government confirmed, each its own cause in consent", () => {
    const s = withScenario(quiet, (x) => {
      specIn(x, 'campaign').leakChance = 1000;
      x.baghdad.government.confirmChance = 1000;
    });
    // Against Asaib Ahl al-Haq: the drafted plan against Kataib Hezbollah has leaked already.
    const { ledger } = play(newGame('ledger-leak', s), [{ type: 'campaign', group: 'aah' }], []);
    expect(partsOf(ledger, { kind: 'consent' }, { kind: 'leak', group: 'aah' })).toEqual([s.strikes.leakConsent]);
    expect(partsOf(ledger, { kind: 'evictionPressure' }, { kind: 'leak', group: 'aah' })).toEqual([
      s.strikes.leakPressure,
    ]);
    expect(partsOf(ledger, { kind: 'consent' }, { kind: 'government', stage: 'confirmed' })).toEqual([
      s.baghdad.government.confirmedConsent,
    ]);
  });
});

describe('the books', () => {
  it('a batch result (freeze: false) closes its ledger when read, to the same ledger', () => {
    const start = newGame('ledger-lazy', SCENARIO);
    const us = submitOrders(SCENARIO, start, 'us', [{ type: 'waiver-extend' }]);
    if (!us.ok) throw new Error('refused');
    const both = submitOrders(SCENARIO, us.value, 'iran', [{ type: 'eviction-campaign' }]);
    if (!both.ok) throw new Error('refused');
    const eager = resolveTurn(SCENARIO, both.value);
    const lazy = resolveTurn(SCENARIO, both.value, [], { freeze: false });
    if (!eager.ok || !lazy.ok) throw new Error('not resolved');
    expect(lazy.value.ledger.length).toBeGreaterThan(3);
    expect(lazy.value.ledger).toEqual(eager.value.ledger);
    expect(lazy.value.ledger).toBe(lazy.value.ledger); // closed once
  });

  it('a figure that moved without a booked cause stops the resolution, naming the figure', () => {
    const before = newGame('ledger-books', Q);
    const after = structuredClone(before);
    after.baghdad.consent += 3;
    expect(() => closeLedger(before, after, [], 0)).toThrow(/consent went 50 → 53, but its booked causes sum to 0/);
    const booked: LedgerEntry[] = [{ key: 'consent', delta: 3, cause: { kind: 'drift', rule: 'consent' } }];
    expect(closeLedger(before, after, booked, 0)).toEqual([
      { variable: { kind: 'consent' }, before: 50, after: 53, parts: [{ cause: booked[0]!.cause, delta: 3 }] },
    ]);
    after.us.bases[0]!.exposure += 1;
    expect(() => closeLedger(before, after, booked, 0)).toThrow(/exposure\.ain-al-asad/);
  });
});

// ---- Over random games --------------------------------------------------------------------------------------------

const s = SCENARIO;
const choicesArb = fc.array(fc.nat({ max: 100_000 }), { maxLength: s.ordersPerTurn });
const injectArb = fc.option(fc.nat({ max: 1000 }), { nil: undefined });
const gameArb = fc.record({
  seed: fc.string({ minLength: 1, maxLength: 12 }),
  turns: fc.array(fc.record({ us: choicesArb, iran: choicesArb, inject: injectArb }), {
    minLength: 1,
    maxLength: s.turns,
  }),
});

function pick(state: GameState, side: Side, indexes: number[]): Order[] {
  const menu = legalOrders(s, state, side);
  const chosen: Order[] = [];
  for (const i of indexes) {
    if (menu.length === 0) break;
    const order = menu[i % menu.length]!;
    if (validateOrders(s, state, side, [...chosen, order]).ok) chosen.push(order);
  }
  return chosen;
}

/** One of the deck's cards the facilitator may release now (unplayed, true to the state) or a written inject. */
function injectFor(state: GameState, n: number): Inject {
  const cards = s.cards.filter((c) => checkInject(s, state, { type: 'card', card: c.id }).ok);
  const templates = s.injectTemplates ?? [];
  const choices = cards.length + templates.length;
  const i = n % Math.max(1, choices);
  if (i < cards.length) return { type: 'card', card: cards[i]!.id };
  const t = templates[i - cards.length]!;
  return {
    type: 'written',
    template: t.id,
    variant: t.variants[n % t.variants.length]!.id,
    title: 'News',
    text: 'A story.',
  };
}

describe('the ledger over random games', () => {
  it('accounts for every change exactly, and no seat learns from it what its view hides', () => {
    fc.assert(
      fc.property(gameArb, (script) => {
        let state = newGame(script.seed);
        for (const turn of script.turns) {
          if (state.outcome) break;
          if (turn.inject !== undefined) {
            const r = releaseInject(s, state, injectFor(state, turn.inject));
            if (!r.ok) throw new Error(JSON.stringify(r.errors));
            checkAccounts(
              state,
              r.value.state,
              r.value.ledger,
              r.value.state.facilitator!.pressure - (state.facilitator?.pressure ?? 0),
            );
            state = r.value.state;
          }
          const us = submitOrders(s, state, 'us', pick(state, 'us', turn.us));
          if (!us.ok) throw new Error(JSON.stringify(us.errors));
          const both = submitOrders(s, us.value, 'iran', pick(state, 'iran', turn.iran));
          if (!both.ok) throw new Error(JSON.stringify(both.errors));
          const r = resolveTurn(s, both.value);
          if (!r.ok) throw new Error(JSON.stringify(r.errors));
          // A resolution that keeps no record (the strategist's playouts) reaches the very same state.
          const bare = resolveTurn(s, both.value, [], { record: false });
          if (!bare.ok) throw new Error(JSON.stringify(bare.errors));
          expect(bare.value.state).toEqual(r.value.state);
          expect(bare.value.events).toEqual([]);
          expect(() => bare.value.ledger).toThrow(/record: false/);
          // Resolved in place on a state of its own (the playouts' later turns), the state becomes the same result.
          const own = structuredClone(both.value);
          const placed = resolveTurn(s, own, [], { record: false, freeze: false, inPlace: true });
          if (!placed.ok) throw new Error(JSON.stringify(placed.errors));
          expect(placed.value.state).toBe(own);
          expect(own).toEqual(r.value.state);
          expect(() => resolveTurn(s, both.value, [], { record: false, inPlace: true })).toThrow(/in place/);
          const rung = r.value.events.find((e) => e.type === 'rung');
          checkAccounts(state, r.value.state, r.value.ledger, rung?.type === 'rung' ? rung.pressure : null);
          for (const seat of ['us', 'iran', 'public'] as const) checkHidden(s, r.value.state, r.value.ledger, seat);
          expect(viewLedger(r.value.ledger, 'facilitator')).toBe(r.value.ledger);
          state = r.value.state;
        }
      }),
      { numRuns: Math.max(1, Math.round(60 * SCALE)) },
    );
  });
});
