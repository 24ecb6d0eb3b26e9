import { addAllDead, adjust, adjustBase, adjustFront, type Cause, push, shift, limit } from '../ledger.ts';
import { clamp } from '../math.ts';
import type { Effects } from '../scenario.ts';
import { type Casualties, noCasualties } from '../state.ts';
import { findBase, findGroup, ruling, type TurnContext } from './context.ts';

/** What an order's effects land on besides the state's own variables: a group, a front, a base. */
interface EffectTarget {
  group?: string;
  front?: string;
  base?: string;
}
const NO_TARGET: EffectTarget = {};
const add = (v: number, by: number, hi = 100): number => clamp(v + by, 0, hi);

/**
 * Applies a set of deltas for `cause`, clamping every variable to its range; only the deltas that are not zero are
 * touched. `ladder: false` leaves out the ladder pressure (the caller adds its own), as a copy with `ladder: 0` would.
 */
export function apply(
  t: TurnContext,
  effects: Effects | undefined,
  cause: Cause,
  target: EffectTarget = NO_TARGET,
  ladder = true,
): void {
  if (effects) applyDense(t, denseOf(effects), cause, target, ladder);
}

/**
 * `apply` for effects made for this one call (`{ ...spec.effects, isis: 3 }`): made dense without being remembered,
 * as an entry in the WeakMap for an object used once costs more than it saves.
 */
export function applyOnce(
  t: TurnContext,
  effects: Effects,
  cause: Cause,
  target: EffectTarget = NO_TARGET,
  ladder = true,
): void {
  applyDense(t, dense(effects), cause, target, ladder);
}

function applyDense(t: TurnContext, e: DenseEffects, cause: Cause, target: EffectTarget, ladder: boolean): void {
  const d = t.d;
  if (e.consent) adjust(t, 'consent', e.consent, cause);
  if (e.evictionPressure) adjust(t, 'evictionPressure', e.evictionPressure, cause);
  if (e.designateSupport) d.baghdad.designateSupport = add(d.baghdad.designateSupport, e.designateSupport);
  if (e.usResolve) adjust(t, 'resolve', e.usResolve, cause);
  if (e.credibility) adjust(t, 'credibility', e.credibility, cause);
  if (e.politicalCapital) adjust(t, 'politicalCapital', e.politicalCapital, cause);
  if (e.isr) d.us.isr = add(d.us.isr, e.isr, 5);
  if (e.counterIsis) d.us.counterIsis = add(d.us.counterIsis, e.counterIsis);
  if (e.isis) adjust(t, 'isis', e.isis, cause);
  if (e.iranResources) adjust(t, 'iranResources', e.iranResources, cause);
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
    if (f) adjustFront(t, f, e.frontDeniability, cause);
  }
  if (target.base && e.baseExposure) adjustBase(t, findBase(t, target.base), 'exposure', e.baseExposure, cause);
  if (ladder) push(t, e.ladder, cause);
}

/** Adds a clash's dead and wounded to the game's totals. */
export function addCasualties(t: TurnContext, c: Casualties, cause: Cause): void {
  addAllDead(t, c, cause);
}

/** US losses move opinion at home, the ladder, and (with a red line standing) put credibility at stake. */
export function usLosses(t: TurnContext, c: Casualties, cause: Cause): void {
  const a = t.s.attacks;
  const d = t.d;
  if (c.usKilled > 0) {
    push(t, c.usKilled * a.ladderPerDeath, cause.kind === 'attack' ? { ...cause, deaths: c.usKilled } : cause);
    if (!d.firsts.usDeath) {
      d.firsts.usDeath = true;
      t.firstJumps += t.s.ladder.firstUsDeath;
    }
  }
  // The dead and the wounded in one sum, clamped once.
  shift(t, 'resolve', -c.usKilled * a.resolvePerDeath - Math.trunc((c.usWounded * a.resolvePerTenWounded) / 10), cause);
  limit(t, 'resolve');
}

/** Effects with every field present (0 when absent), so that `apply` reads one shape. */
type DenseEffects = Required<Effects>;

// The scenario's effects come in as many shapes as there are combinations of fields, and apply reads every field of
// each: V8's reads go megamorphic and apply alone was a tenth of a turn. A dense copy, made once per effects
// object, has one shape.
const denseEffects = new WeakMap<Effects, DenseEffects>();

function denseOf(e: Effects): DenseEffects {
  let known = denseEffects.get(e);
  if (known === undefined) {
    known = dense(e);
    denseEffects.set(e, known);
  }
  return known;
}

function dense(e: Effects): DenseEffects {
  return {
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
}

/** What a volley does: how many are shot down, how many hit, and the harm the hits do. */
export interface Volley {
  intercepted: number;
  hits: number;
  casualties: Casualties;
}

/**
 * A volley of rockets or missiles at a target (attack `id`): each projectile shot down or hitting, each hit killing
 * or wounding Americans where they are present and Iraqis in any case; a facilitator's "missed" ruling voids it.
 * Proxy attacks and Iran's missile strike share it, so both draw in the same order.
 */
export function rollVolley(
  t: TurnContext,
  id: number,
  projectiles: number,
  odds: { intercept: number; hit: number; kill: number; wound: number; iraqi: number; civilian: number },
  usPresent: boolean,
): Volley & { missed: ReturnType<typeof ruling<'attack-missed'>> } {
  const casualties = noCasualties();
  let intercepted = 0;
  let hits = 0;
  for (let i = 0; i < projectiles; i++) {
    if (t.dice.chance(odds.intercept)) intercepted++;
    else if (t.dice.chance(odds.hit)) hits++;
  }
  const wounded = t.s.attacks.woundedPerWound;
  for (let i = 0; i < hits; i++) {
    if (usPresent && t.dice.chance(odds.kill)) casualties.usKilled++;
    if (usPresent && t.dice.chance(odds.wound)) casualties.usWounded += t.dice.between(wounded[0], wounded[1]);
    if (t.dice.chance(odds.iraqi)) casualties.iraqiForcesKilled++;
    if (t.dice.chance(odds.civilian)) casualties.civiliansKilled++;
  }
  const missed = ruling(t, 'attack-missed', (r) => r.attack === id);
  if (missed) return { intercepted, hits: 0, casualties: noCasualties(), missed };
  return { intercepted, hits, casualties, missed };
}
