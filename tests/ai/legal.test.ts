/**
 * Every computer player returns only legal orders, each with a reason, on every turn of many seeded games, for both
 * sides: games between the doctrines, games played with random legal orders (to reach states no doctrine would),
 * and games the strategists play themselves.
 */
import { describe, expect, it } from 'vitest';
import { playMatch } from '../../src/ai/match.ts';
import { believedState } from '../../src/ai/belief.ts';
import { AI_PLAYERS, type AiPlayer, orderFactsOf } from '../../src/ai/registry.ts';
import { aiDice, type Decision } from '../../src/ai/simple.ts';
import { strategistPolicy } from '../../src/ai/strategist.ts';
import {
  formatErrors,
  type GameState,
  isOrderLegal,
  ORDER_TYPES,
  type Order,
  orderSchema,
  type Side,
  validateOrders,
  viewFor,
} from '../../src/engine/index.ts';
import { matchStates, randomGameStates, SCENARIO, TEST_LEVEL } from './fixtures.ts';

const doctrines = (side: Side) => AI_PLAYERS.filter((p) => p.side === side && p.kind === 'doctrine');
const strategist = (side: Side, level: string) =>
  AI_PLAYERS.find((p) => p.side === side && p.id === `strategist:${level}`)!;

/** Ids of sites, groups and fronts: a reason names them by their display names, never by id. */
const IDS = [
  ...SCENARIO.sites.map((s) => s.id).filter((id) => id.includes('-') || /\d/.test(id)),
  ...SCENARIO.iran.groups.map((g) => g.id),
  ...SCENARIO.iran.fronts.map((f) => f.id),
  'front-1',
  'front-2',
];

function expectSound(state: GameState, side: Side, decision: Decision, who: string): void {
  const checked = validateOrders(SCENARIO, state, side, decision.orders);
  expect(checked.ok, `${who} on turn ${state.turn}: ${checked.ok ? '' : formatErrors(checked.errors)}`).toBe(true);
  expect(decision.reasons).toHaveLength(decision.orders.length);
  for (const reason of decision.reasons) {
    expect(reason, who).toMatch(/^[A-Z“].*[.!?]$/s);
    for (const id of IDS) expect(reason, `${who} names "${id}" by its id`).not.toMatch(new RegExp(`\\b${id}\\b`));
  }
}

function checkAll(states: GameState[], players: (side: Side) => AiPlayer[], seed: string): void {
  for (const state of states)
    for (const side of ['us', 'iran'] as const)
      for (const p of players(side)) {
        const view = viewFor(SCENARIO, state, side, false);
        expectSound(state, side, p.policy(SCENARIO, view, aiDice(seed, side, state.turn)), `${side} ${p.id}`);
      }
}

/** Every order of either side with every target the state names, legal or not (handed-over bases, retired fronts). */
function everyOrder(state: GameState): Order[] {
  const groups = [...state.iran.groups.map((g) => g.id), 'nobody'];
  const bases = [...state.us.bases.map((b) => b.site), 'nowhere'];
  const fronts = state.iran.fronts.map((f) => f.id);
  const claims = ['unclaimed', 'open', ...fronts];
  const out: Order[] = [];
  for (const p of SCENARIO.iran.proxySites) out.push({ type: 'strike-site', site: p.site });
  for (const g of groups) {
    out.push({ type: 'campaign', group: g }, { type: 'leadership-strike', group: g });
    out.push({ type: 'smuggle-missiles', group: g }, { type: 'create-front', group: g, retire: null });
    for (const f of fronts) out.push({ type: 'create-front', group: g, retire: f });
    for (const c of claims) {
      for (const b of bases)
        out.push(
          { type: 'rocket-attack', group: g, base: b, claim: c },
          { type: 'lethal-barrage', group: g, base: b, claim: c },
        );
      out.push({ type: 'embassy-attack', group: g, claim: c }, { type: 'convoy-attack', group: g, claim: c });
      for (const e of SCENARIO.iran.economicSites) out.push({ type: 'economic-attack', group: g, site: e, claim: c });
    }
  }
  for (const b of bases) {
    out.push(
      { type: 'hand-over-base', base: b },
      { type: 'deploy-air-defence', base: b },
      { type: 'reinforce', base: b },
    );
    out.push({ type: 'missile-strike', base: b, warned: true }, { type: 'missile-strike', base: b, warned: false });
  }
  for (const f of fronts) out.push({ type: 'publish-evidence', front: f });
  // The orders that take no fields: those the order schema accepts with a type alone.
  for (const type of ORDER_TYPES) {
    const bare = orderSchema.safeParse({ type });
    if (bare.success) out.push(bare.data);
  }
  return out;
}

/**
 * The state squeezed where play seldom goes: short of money, missiles and consent, and for odd `k` with every front
 * name used (created fronts as the engine names them), so the checks on those limits are compared too.
 */
function strained(state: GameState, k: number): GameState {
  const t = structuredClone(state);
  t.iran.missileCapability = (k * 7) % 40;
  t.iran.resources = (k * 5) % 30;
  t.us.politicalCapital = (k * 3) % 20;
  t.baghdad.consent = 20 + ((k * 13) % 60);
  if (k % 2 === 1)
    while (t.iran.frontNamesUsed < SCENARIO.iran.frontNamePool.length) {
      t.iran.frontNamesUsed++;
      t.iran.fronts.push({
        id: `front-${t.iran.frontNamesUsed}`,
        name: SCENARIO.iran.frontNamePool[t.iran.frontNamesUsed - 1]!.name,
        sponsor: t.iran.groups[0]!.id,
        deniability: 30 + 10 * (t.iran.frontNamesUsed % 5),
        claims: t.iran.frontNamesUsed % 2,
        retired: t.iran.frontNamesUsed % 3 === 0,
        exposed: false,
        createdTurn: 0,
      });
    }
  return t;
}

describe('legal orders', () => {
  it('the facts a view gives judge every order as the believed state does', () => {
    const states = [
      ...['f1', 'f2', 'f3', 'f4'].flatMap((seed) => randomGameStates(`legal-${seed}`)),
      ...doctrines('us').flatMap((us, i) =>
        matchStates(`legal-facts-${i}`, us.policy, doctrines('iran')[i % doctrines('iran').length]!.policy),
      ),
    ];
    states.push(...states.map(strained));
    let legal = 0;
    for (const state of states)
      for (const side of ['us', 'iran'] as const) {
        const view = viewFor(SCENARIO, state, side, false);
        const believed = believedState(SCENARIO, view, null);
        const facts = orderFactsOf(SCENARIO, view);
        const orders = everyOrder(state);
        expect(new Set(orders.map((o) => o.type)), 'every order type is tried').toEqual(new Set(ORDER_TYPES));
        for (const o of orders) {
          const expected = isOrderLegal(SCENARIO, believed, side, o);
          expect(isOrderLegal(SCENARIO, facts, side, o), `${side} turn ${state.turn}: ${JSON.stringify(o)}`).toBe(
            expected,
          );
          if (expected) legal++;
        }
      }
    expect(legal).toBeGreaterThan(1000);
  });

  it('every doctrine pairing plays whole games without a refused order', () => {
    let seed = 0;
    for (const us of doctrines('us'))
      for (const iran of doctrines('iran'))
        for (let k = 0; k < 3; k++) {
          const m = playMatch(SCENARIO, `legal-${seed++}`, us.policy, iran.policy, { keepLog: false });
          expect(m.errors, `${us.id} vs ${iran.id}`).toEqual([]);
          expect(m.state.outcome).not.toBeNull();
        }
  });

  it('every doctrine gives legal orders with reasons in states reached by random play', () => {
    for (const seed of ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'])
      checkAll(randomGameStates(`legal-${seed}`), doctrines, seed);
  });

  it('the strategist gives legal orders with reasons in states reached by random play', () => {
    const test = (side: Side): AiPlayer[] => [
      { ...strategist(side, 'easy'), id: 'strategist:test', policy: strategistPolicy(TEST_LEVEL) },
    ];
    for (const seed of ['s1', 's2', 's3']) checkAll(randomGameStates(`legal-${seed}`), test, seed);
  });

  it.each(['easy', 'normal'])('the %s strategist plays whole games on both sides without a refused order', (level) => {
    for (const [k, opponent] of ['harasser', 'hawk'].entries()) {
      const iran = AI_PLAYERS.find((p) => p.side === 'iran' && p.id === opponent)!;
      const us = AI_PLAYERS.find((p) => p.side === 'us' && p.id === ['tit-for-tat', 'restrained'][k])!;
      const a = playMatch(SCENARIO, `legal-${level}-${k}`, strategist('us', level).policy, iran.policy);
      const b = playMatch(SCENARIO, `legal-${level}-${k}`, us.policy, strategist('iran', level).policy);
      for (const m of [a, b]) {
        expect(m.errors).toEqual([]);
        for (const t of m.turns) for (const d of [t.us, t.iran]) expect(d.reasons).toHaveLength(d.orders.length);
      }
    }
  });

  it('the hard strategist plays a whole game against itself without a refused order', () => {
    const m = playMatch(SCENARIO, 'legal-hard', strategist('us', 'hard').policy, strategist('iran', 'hard').policy);
    expect(m.errors).toEqual([]);
    for (const t of m.turns) {
      expect(t.us.search?.playouts).toBeGreaterThan(0);
      expect(t.iran.summary).toMatch(/imagined games/);
    }
  });
});
