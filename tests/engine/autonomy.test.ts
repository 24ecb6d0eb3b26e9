/**
 * Fire nobody ordered: a group acts alone as far as its aggression outruns its cohesion, less what deters it (a
 * standing red line, US surveillance, a curfew); the envoy's cohesion and a killed leader's loss of it move the odds;
 * and what such fire pushes on the ladder stops short of a gate.
 */
import { describe, expect, it } from 'vitest';
import type { GameState, Order } from '../../src/engine/index.ts';
import { autonomyChance } from '../../src/engine/turn/proxy-attacks.ts';
import { clone, groupIn, newGame, play, quiet, SCENARIO, type ScenarioPatch, withScenario } from './helpers.ts';

const kh = (state: GameState) => state.iran.groups.find((g) => g.id === 'kh')!;

/** Kataib Hezbollah far more aggressive than cohesive, and deterrence at known numbers. */
const loosePatch: ScenarioPatch = (x) => {
  x.attacks.autonomyPerAggression = 10;
  x.attacks.autonomyThreshold = 0;
  x.attacks.redLineDeterrence = 100;
  x.attacks.isrDeterrence = 20;
  x.attacks.curfewDeterrence = 150;
  x.iran.pmuCohesion = 0;
  x.attacks.pmuCohesionDivisor = 10;
  Object.assign(groupIn(x, 'kh'), { aggression: 80, cohesion: 20 });
};
const loose = withScenario(quiet, loosePatch);

describe('the odds that a group fires on its own', () => {
  it('grow with aggression above cohesion and vanish once cohesion catches up', () => {
    const state = clone(newGame('odds', loose));
    state.us.redLines = [];
    state.us.isr = 0;
    state.curfew = false;
    const g = kh(state);
    expect(autonomyChance(loose, state, g)).toBe((80 - 20) * 10);
    g.cohesion = 50;
    expect(autonomyChance(loose, state, g)).toBe((80 - 50) * 10);
    g.cohesion = 80;
    expect(autonomyChance(loose, state, g)).toBe(0);
    g.cohesion = 95;
    expect(autonomyChance(loose, state, g)).toBe(0); // never below nothing
  });

  it("fall as the PMU as a whole holds together: its cohesion, divided, adds to each group's own", () => {
    const state = clone(newGame('odds', loose));
    state.us.redLines = [];
    state.us.isr = 0;
    state.curfew = false;
    const g = kh(state);
    state.iran.pmuCohesion = 0;
    const apart = autonomyChance(loose, state, g);
    state.iran.pmuCohesion = 60;
    expect(autonomyChance(loose, state, g)).toBe(apart - 6 * 10);
  });

  it('fall with a standing red line, with each point of US surveillance and under a curfew', () => {
    const state = clone(newGame('odds', loose));
    state.us.redLines = [];
    state.us.isr = 0;
    state.curfew = false;
    const g = kh(state);
    const open = autonomyChance(loose, state, g);
    state.us.isr = 3;
    expect(autonomyChance(loose, state, g)).toBe(open - 3 * 20);
    state.curfew = true;
    expect(autonomyChance(loose, state, g)).toBe(open - 3 * 20 - 150);
    state.us.redLines = [{ status: 'standing' } as GameState['us']['redLines'][number]];
    expect(autonomyChance(loose, state, g)).toBe(open - 3 * 20 - 150 - 100);
  });

  it("the envoy's unifying visit lowers them and a killed leader raises them", () => {
    const s = withScenario(quiet, loosePatch, (x) => {
      x.strikes.leaderKillChance = 1000;
      x.strikes.leakedLeaderKillChance = 1000;
    });
    const start = newGame('cohesion', s);
    const before = autonomyChance(s, start, kh(start));
    const envoy = play(start, [{ type: 'hold' }], [{ type: 'envoy' }]).state;
    expect(autonomyChance(s, envoy, kh(envoy))).toBeLessThan(before);
    const killed = play(start, [{ type: 'leadership-strike', group: 'kh' }], []).state;
    expect(kh(killed).cohesion).toBe(kh(start).cohesion + s.strikes.leaderKillCohesion);
    expect(autonomyChance(s, killed, kh(killed))).toBeGreaterThan(before);
  });

  it('in play: a loose group fires alone in most weeks, the same group held together never does', () => {
    const undeterred: ScenarioPatch = (x) => {
      x.attacks.redLineDeterrence = 0;
      x.attacks.isrDeterrence = 0;
      x.attacks.curfewDeterrence = 0;
    };
    const free = withScenario(quiet, loosePatch, undeterred);
    const tight = withScenario(quiet, loosePatch, undeterred, (x) => {
      groupIn(x, 'kh').cohesion = 80;
    });
    const seeds = Array.from({ length: 30 }, (_, i) => `alone-${i}`);
    const alone = (s: typeof loose) =>
      seeds.filter((seed) =>
        play(newGame(seed, s), [{ type: 'hold' }], []).events.some(
          (e) => e.type === 'perpetrator' && e.group === 'kh' && e.autonomous,
        ),
      ).length;
    expect(alone(free)).toBeGreaterThan(seeds.length / 3);
    expect(alone(tight)).toBe(0);
  });
});

describe('what fire nobody ordered does to the ladder', () => {
  it('climbs toward a gate but not through it; the same push ordered goes through', () => {
    // Every group fires alone every week, every rocket kills: a lot of pressure, none of it ordered.
    const s = withScenario(quiet, loosePatch, (x) => {
      x.ladder.start = SCENARIO.ladder.gates[1]! - 1;
      x.attacks.redLineDeterrence = 0;
      x.attacks.isrDeterrence = 0;
      x.attacks.curfewDeterrence = 0;
      for (const g of x.iran.groups) Object.assign(g, { aggression: 100, cohesion: 0, arsenal: 100 });
      Object.assign(x.attacks.profiles['rocket-attack'], { hitPerMille: 1000, killPerHit: 1000 });
      for (const b of x.us.bases) Object.assign(b, { exposure: 100, airDefence: 'none' });
      x.attacks.curfewCaught = 0;
    });
    const gate = SCENARIO.ladder.gates[1]!;
    const alone = play(newGame('gate', s), [{ type: 'hold' }], []);
    expect(alone.state.casualties.usKilled).toBeGreaterThan(0);
    expect(alone.state.ladder.rung).toBe(gate - 1);
    const orders: Order[] = [
      { type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'open' },
      { type: 'lethal-barrage', group: 'aah', base: 'taji', claim: 'open' },
    ];
    const ordered = play(newGame('gate', s), [{ type: 'hold' }], orders);
    expect(ordered.state.ladder.rung).toBeGreaterThanOrEqual(gate);
  });
});
