/**
 * Every order type's effects, one named case per type (and a few more for the branches that matter): the cases are
 * in order-cases-us.ts and order-cases-iran.ts, the harness that plays and compares them in order-lab.ts. Then the
 * orders whose effects run over more than one turn.
 */
import { describe, expect, it } from 'vitest';
import {
  type GameEvent,
  type GameState,
  hashState,
  type Order,
  specOf,
  US_ORDER_TYPES,
  IRAN_ORDER_TYPES,
} from '../../src/engine/index.ts';
import { baseIn, newGame, play, SCENARIO, specIn, withScenario } from './helpers.ts';
import { lab, SEED } from './order-lab.ts';
import { checkEffectCases } from './order-lab.ts';
import { US_CASES } from './order-cases-us.ts';
import { IRAN_CASES } from './order-cases-iran.ts';

const CASES = [...US_CASES, ...IRAN_CASES];

describe('order effects', () => {
  it('has a case for every order type of both sides', () => {
    const covered = new Set(CASES.map((c) => c.order.type));
    expect([...US_ORDER_TYPES, ...IRAN_ORDER_TYPES].filter((t) => !covered.has(t))).toEqual([]);
    expect(US_ORDER_TYPES.length + IRAN_ORDER_TYPES.length).toBe(34);
    for (const c of CASES) expect(specOf(SCENARIO, c.order.type), c.name).toBeDefined();
  });

  checkEffectCases(CASES);
});

describe('order effects over more than one turn', () => {
  it('a campaign strikes the group once a turn for its duration, site after site, then ends', () => {
    const s = withScenario(lab, (x) => {
      specIn(x, 'campaign').leakChance = 0;
    });
    const sites = s.iran.proxySites.filter((p) => p.group === 'kh').map((p) => p.site);
    const duration = specOf(s, 'campaign').duration ?? 1;
    let state = newGame(SEED, s);
    const struck: string[] = [];
    let ended = false;
    for (let turn = 1; turn <= duration + 1; turn++) {
      const r = play(state, turn === 1 ? [{ type: 'campaign', group: 'kh' }] : [], []);
      struck.push(...r.events.flatMap((ev) => (ev.type === 'strike' ? [ev.site] : [])));
      ended ||= r.events.some((ev) => ev.type === 'campaign' && ev.status === 'ended');
      state = r.state;
    }
    expect(struck).toEqual(sites.slice(0, duration));
    expect(ended).toBe(true);
    expect(state.us.plans[0]).toMatchObject({ group: 'kh', active: false, turnsLeft: 0 });
    expect(state.strikes.map((x) => x.kind)).toEqual(Array(duration).fill('campaign'));
  });

  it('restrain-proxies: no autonomous attack this turn or the next, and they resume after', () => {
    // Groups so aggressive, and so loose, that each attacks on its own every turn it may.
    const s = withScenario(lab, (x) => {
      x.attacks.autonomyPerAggression = 20;
      x.attacks.autonomyThreshold = 0;
      x.attacks.redLineDeterrence = 0;
      x.attacks.isrDeterrence = 0;
      x.attacks.curfewDeterrence = 0;
      for (const g of x.iran.groups) Object.assign(g, { aggression: 100, cohesion: 0 });
    });
    const unordered = (events: GameEvent[]) => events.filter((ev) => ev.type === 'perpetrator' && ev.autonomous).length;
    const free = play(newGame(SEED, s), [], []);
    expect(unordered(free.events)).toBe(s.iran.groups.length);

    const t1 = play(newGame(SEED, s), [], [{ type: 'restrain-proxies' }]);
    const t2 = play(t1.state, [], []);
    const t3 = play(t2.state, [], []);
    expect(s.attacks.restrainTurns).toBe(2);
    expect([unordered(t1.events), unordered(t2.events)]).toEqual([0, 0]);
    expect(unordered(t3.events)).toBeGreaterThan(0);
  });

  it('reinforcing and handing over one base in the same week: the troops end at the hub, in either order', () => {
    const s = withScenario(lab);
    const reinforce: Order = { type: 'reinforce', base: 'taji' };
    const handOver: Order = { type: 'hand-over-base', base: 'taji' };
    const a = play(newGame(SEED, s), [reinforce, handOver], []).state;
    const b = play(newGame(SEED, s), [handOver, reinforce], []).state;
    const garrison = (st: GameState, site: string) => st.us.bases.find((x) => x.site === site)!.garrison;
    for (const st of [a, b]) {
      expect(garrison(st, 'taji')).toBe(0);
      expect(garrison(st, s.us.hub)).toBe(
        garrison(newGame(SEED, s), s.us.hub) + garrison(newGame(SEED, s), 'taji') + s.domestic.reinforceTroops,
      );
    }
    expect(hashState({ ...a, history: [] })).toBe(hashState({ ...b, history: [] }));
  });

  it('missile-strike: a warning cuts the deaths to the warned factor', () => {
    // Every missile hits (no air defence, full exposure) and every unwarned hit kills.
    const s = withScenario(lab, (x) => {
      Object.assign(x.attacks.profiles['missile-strike'], { hitPerMille: 1000, killPerHit: 1000 });
      baseIn(x, 'taji').exposure = 100;
    });
    let unwarned = 0;
    let warned = 0;
    let fired = 0;
    for (let i = 0; i < 200; i++) {
      const a = play(newGame(`missile-${i}`, s), [], [{ type: 'missile-strike', base: 'taji', warned: false }]);
      const b = play(newGame(`missile-${i}`, s), [], [{ type: 'missile-strike', base: 'taji', warned: true }]);
      const attack = a.events.find((ev) => ev.type === 'attack')!;
      if (attack.type !== 'attack') throw new Error('no attack');
      fired += attack.projectiles;
      unwarned += a.state.casualties.usKilled;
      warned += b.state.casualties.usKilled;
    }
    expect(unwarned).toBe(fired);
    const rate = warned / fired;
    const expected = s.attacks.warnedFactor / 1000;
    expect(Math.abs(rate - expected)).toBeLessThan(0.03);
  });
});
