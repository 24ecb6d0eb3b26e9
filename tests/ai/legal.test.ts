/**
 * Every computer player returns only legal orders, each with a reason, on every turn of many seeded games, for both
 * sides: games between the doctrines, games played with random legal orders (to reach states no doctrine would),
 * and games the strategists play themselves.
 */
import { describe, expect, it } from 'vitest';
import { playMatch } from '../../src/ai/match.ts';
import { AI_PLAYERS, type AiPlayer } from '../../src/ai/registry.ts';
import { aiDice, type Decision } from '../../src/ai/simple.ts';
import { strategistPolicy } from '../../src/ai/strategist.ts';
import { formatErrors, type GameState, type Side, validateOrders, viewFor } from '../../src/engine/index.ts';
import { randomGameStates, SCENARIO, TEST_LEVEL } from './fixtures.ts';

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

describe('legal orders', () => {
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
