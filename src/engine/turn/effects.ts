import { clamp } from '../math.ts';
import type { Effects } from '../scenario.ts';
import type { Casualties } from '../state.ts';
import { findBase, findGroup, type TurnContext } from './context.ts';

/** What an order's effects land on besides the state's own variables: a group, a front, a base. */
interface EffectTarget {
  group?: string;
  front?: string;
  base?: string;
}
const NO_TARGET: EffectTarget = {};
const add = (v: number, by: number, hi = 100): number => clamp(v + by, 0, hi);

/**
 * Applies a set of deltas, clamping every variable to its range; only the deltas that are not zero are touched.
 * `ladder: false` leaves out the ladder pressure (the caller adds its own), as a copy with `ladder: 0` would.
 */
export function apply(
  t: TurnContext,
  effects: Effects | undefined,
  target: EffectTarget = NO_TARGET,
  ladder = true,
): void {
  if (!effects) return;
  const e = denseOf(effects);
  const d = t.d;
  if (e.consent) d.baghdad.consent = add(d.baghdad.consent, e.consent);
  if (e.evictionPressure) d.baghdad.evictionPressure = add(d.baghdad.evictionPressure, e.evictionPressure);
  if (e.designateSupport) d.baghdad.designateSupport = add(d.baghdad.designateSupport, e.designateSupport);
  if (e.usResolve) d.us.resolve = add(d.us.resolve, e.usResolve);
  if (e.credibility) d.us.credibility = add(d.us.credibility, e.credibility);
  if (e.politicalCapital) d.us.politicalCapital = add(d.us.politicalCapital, e.politicalCapital);
  if (e.isr) d.us.isr = add(d.us.isr, e.isr, 5);
  if (e.counterIsis) d.us.counterIsis = add(d.us.counterIsis, e.counterIsis);
  if (e.isis) d.isis = add(d.isis, e.isis);
  if (e.iranResources) d.iran.resources = add(d.iran.resources, e.iranResources);
  if (e.iranIncome) d.iran.income = add(d.iran.income, e.iranIncome, 50);
  if (e.pmuCohesion) d.iran.pmuCohesion = add(d.iran.pmuCohesion, e.pmuCohesion);
  if (e.missileCapability) d.iran.missileCapability = add(d.iran.missileCapability, e.missileCapability);
  if (e.allAggression || e.allCohesion)
    for (const g of d.iran.groups) {
      if (e.allAggression) g.aggression = add(g.aggression, e.allAggression);
      if (e.allCohesion) g.cohesion = add(g.cohesion, e.allCohesion);
    }
  if (target.group && (e.groupArsenal || e.groupStrength || e.groupCohesion || e.groupAggression)) {
    const g = findGroup(t, target.group);
    if (e.groupArsenal) g.arsenal = add(g.arsenal, e.groupArsenal);
    if (e.groupStrength) g.strength = add(g.strength, e.groupStrength);
    if (e.groupCohesion) g.cohesion = add(g.cohesion, e.groupCohesion);
    if (e.groupAggression) g.aggression = add(g.aggression, e.groupAggression);
  }
  if (target.front && e.frontDeniability) {
    const f = d.iran.fronts.find((x) => x.id === target.front);
    if (f) f.deniability = add(f.deniability, e.frontDeniability);
  }
  if (target.base && e.baseExposure) {
    const b = findBase(t, target.base);
    b.exposure = add(b.exposure, e.baseExposure);
  }
  if (ladder) t.pressure += e.ladder;
}

/** Adds a clash's dead and wounded to the game's totals. */
export function addCasualties(t: TurnContext, c: Casualties): void {
  const total = t.d.casualties;
  total.usKilled += c.usKilled;
  total.usWounded += c.usWounded;
  total.iraqiForcesKilled += c.iraqiForcesKilled;
  total.civiliansKilled += c.civiliansKilled;
  total.proxiesKilled += c.proxiesKilled;
}

/** US losses move opinion at home, the ladder, and (with a red line standing) put credibility at stake. */
export function usLosses(t: TurnContext, c: Casualties): void {
  const a = t.s.attacks;
  const d = t.d;
  if (c.usKilled > 0) {
    t.pressure += c.usKilled * a.ladderPerDeath;
    if (!d.firsts.usDeath) {
      d.firsts.usDeath = true;
      t.firstJumps += t.s.ladder.firstUsDeath;
    }
  }
  d.us.resolve = clamp(
    d.us.resolve - c.usKilled * a.resolvePerDeath - Math.trunc((c.usWounded * a.resolvePerTenWounded) / 10),
    0,
    100,
  );
}

/** Effects with every field present (0 when absent), so that `apply` reads one shape. */
type DenseEffects = Required<Effects>;

// The scenario's effects come in as many shapes as there are combinations of fields, and apply reads every field of
// each: V8's reads go megamorphic and apply alone was a tenth of a turn. A dense copy, made once per effects
// object, has one shape.
const denseEffects = new WeakMap<Effects, DenseEffects>();

function denseOf(e: Effects): DenseEffects {
  let dense = denseEffects.get(e);
  if (dense === undefined) {
    dense = {
      consent: e.consent ?? 0,
      evictionPressure: e.evictionPressure ?? 0,
      usResolve: e.usResolve ?? 0,
      credibility: e.credibility ?? 0,
      politicalCapital: e.politicalCapital ?? 0,
      isr: e.isr ?? 0,
      counterIsis: e.counterIsis ?? 0,
      isis: e.isis ?? 0,
      iranResources: e.iranResources ?? 0,
      iranIncome: e.iranIncome ?? 0,
      pmuCohesion: e.pmuCohesion ?? 0,
      missileCapability: e.missileCapability ?? 0,
      groupArsenal: e.groupArsenal ?? 0,
      groupStrength: e.groupStrength ?? 0,
      groupCohesion: e.groupCohesion ?? 0,
      groupAggression: e.groupAggression ?? 0,
      allAggression: e.allAggression ?? 0,
      allCohesion: e.allCohesion ?? 0,
      frontDeniability: e.frontDeniability ?? 0,
      baseExposure: e.baseExposure ?? 0,
      designateSupport: e.designateSupport ?? 0,
      ladder: e.ladder ?? 0,
    };
    denseEffects.set(e, dense);
  }
  return dense;
}
