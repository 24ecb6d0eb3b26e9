import { attributionConfidence, likelihoodOf } from '../attribution.ts';
import { adjust, adjustFront, type Cause, push } from '../ledger.ts';
import { chance, idiv, perMille } from '../math.ts';
import { type AttackOrder, embassyOf, specOf } from '../orders.ts';
import type { AttackKind, Scenario } from '../scenario.ts';
import type { GameState, GroupState } from '../state.ts';
import { emit, findGroup, ruling, type TurnContext } from './context.ts';
import { addCasualties, apply, rollVolley, usLosses } from './effects.ts';
import { crossRedLine } from './red-lines.ts';

/** A proxy group's attack, on orders or on its own: the launch, the harm, the claim and what the US makes of it. */
export function proxyAttack(t: TurnContext, order: AttackOrder, autonomous: boolean): void {
  const s = t.s;
  const d = t.d;
  const kind: AttackKind = order.type;
  const profile = s.attacks.profiles[kind];
  const g = findGroup(t, order.group);
  if (g.arsenal < profile.arsenalCost) {
    if (!autonomous) emit(t, 'iran', { type: 'order-failed', side: 'iran', order: kind, reason: 'not enough rockets' });
    return;
  }
  g.arsenal -= profile.arsenalCost;
  t.attackedGroups.add(g.id);
  const target =
    order.type === 'rocket-attack' || order.type === 'lethal-barrage'
      ? order.base
      : order.type === 'embassy-attack'
        ? embassyOf(s)
        : order.type === 'economic-attack'
          ? order.site
          : 'convoy';
  // A base handed over this week keeps its walls (its exposure) but not its Americans or their air defence.
  const site = d.us.bases.find((b) => b.site === target);
  const base = site && !site.handedOver ? site : undefined;
  const exposure = site ? site.exposure : 100;
  const intercept = base ? s.attacks.intercept[base.airDefence] : 0;
  const id = d.nextId++;
  const caught = d.curfew && t.dice.chance(s.attacks.curfewCaught);
  const projectiles = caught ? 0 : t.dice.between(profile.rockets[0], profile.rockets[1]);
  const hitChance = chance(perMille(profile.hitPerMille, exposure * 10));
  const odds = {
    intercept,
    hit: hitChance,
    kill: profile.killPerHit,
    wound: profile.woundPerHit,
    iraqi: profile.iraqiPerHit,
    civilian: profile.civilianPerHit,
  };
  const { intercepted, hits, casualties, missed } = rollVolley(
    t,
    id,
    projectiles,
    odds,
    base !== undefined && base.garrison > 0,
  );
  emit(t, 'all', {
    type: 'attack',
    attackId: id,
    kind,
    target,
    projectiles,
    intercepted,
    hits,
    caught,
    casualties,
  });
  if (missed) emit(t, 'all', { type: 'ruling', ruling: missed });
  emit(t, 'iran', { type: 'perpetrator', attackId: id, group: g.id, autonomous });
  const claim = caught ? 'unclaimed' : order.claim; // a team caught in the act claims nothing
  const attack = attackCause(id, kind, target, claim, g.id, autonomous, false);
  addCasualties(t, casualties, attack);
  usLosses(t, casualties, attack);
  if (casualties.usKilled > 0) crossRedLine(t);
  const iraqiDead = casualties.iraqiForcesKilled + casualties.civiliansKilled;
  adjust(t, 'consent', iraqiDead * s.attacks.consentPerIraqiDeath, attack);

  // The claim, then what US intelligence makes of it. A team caught in the act claims nothing and leaves no doubt;
  // a claim through an exposed front reads as an open claim by its sponsor (which a false flag can exploit).
  let confidence: number;
  let suspect: string | null = g.id;
  if (caught) {
    confidence = s.attribution.ceiling;
  } else if (order.claim === 'open') {
    emit(t, 'all', { type: 'claimed', attackId: id, claim: 'open', name: g.id });
    confidence = attributionConfidence(s, d.us.isr, d.curfew, 'open');
  } else if (order.claim === 'unclaimed') {
    confidence = attributionConfidence(s, d.us.isr, d.curfew, 'unclaimed');
  } else {
    const front = d.iran.fronts.find((f) => f.id === order.claim)!;
    front.claims++;
    adjustFront(t, front, -s.attribution.claimWear, attack);
    emit(t, 'all', { type: 'claimed', attackId: id, claim: front.id, name: front.name });
    checkExposure(t, front.id);
    if (front.exposed) {
      confidence = attributionConfidence(s, d.us.isr, d.curfew, 'open');
      suspect = front.sponsor;
    } else confidence = attributionConfidence(s, d.us.isr, d.curfew, { deniability: front.deniability });
  }
  if (!caught && suspect === g.id && !t.dice.chance(confidence)) {
    // Misattribution: the US names another group, more likely an aggressive one.
    const others = d.iran.groups.filter((x) => x.id !== g.id);
    const pick = t.dice.weighted(others.map((x) => x.aggression + 1));
    suspect = pick >= 0 ? others[pick]!.id : null;
  }
  const named = ruling(t, 'attack-attributed', (r) => r.attack === id);
  if (named) suspect = named.suspect;
  const word = likelihoodOf(s, confidence).word;
  emit(t, 'us', { type: 'attributed', attackId: id, suspect, confidence, word });
  if (named) emit(t, 'us', { type: 'ruling', ruling: named });
  d.attacks.push({
    id,
    turn: d.turn,
    kind,
    target,
    group: g.id,
    autonomous,
    claim, // as made: a team caught before it fired claimed nothing, whatever it was sent to claim
    suspect,
    confidence,
    casualties,
  });
  const spec = specOf(s, kind);
  // A deniable act escalates only as far as it is pinned on someone.
  const ladder = order.claim === 'open' ? spec.ladder : perMille(spec.ladder, confidence);
  // The deniable act's push reads the US's confidence, which only the US knows.
  if (!caught)
    push(t, ladder, order.claim === 'open' ? attack : attackCause(id, kind, target, claim, g.id, autonomous, true));
  // Fire nobody ordered, and the deaths it caused, push the ladder but cannot carry it through a gate.
  if (autonomous) t.unorderedPressure += (caught ? 0 : ladder) + casualties.usKilled * s.attacks.ladderPerDeath;
  apply(t, spec.effects, attack, { group: g.id }, false);
  if (kind === 'economic-attack') d.iran.incomeLossTurns = 1;
}

/**
 * A proxy attack as a cause; `secret` marks a part only the US sees. Built as one literal or the other, not by
 * spreading one into the other: this runs for every attack of every playout turn.
 */
function attackCause(
  id: number,
  kind: AttackKind,
  target: string,
  claim: string,
  group: string,
  autonomous: boolean,
  secret: boolean,
): Cause {
  return secret
    ? { kind: 'attack', attackId: id, attack: kind, target, claim, group, autonomous, only: 'us' }
    : { kind: 'attack', attackId: id, attack: kind, target, claim, group, autonomous };
}

/** Once a front's deniability wears thin, its sponsor is plain to see: the US view names it from then on. */
export function checkExposure(t: TurnContext, frontId: string): void {
  const f = t.d.iran.fronts.find((x) => x.id === frontId);
  if (f && !f.exposed && f.deniability < t.s.attribution.exposedBelow) {
    f.exposed = true;
    emit(t, 'all', { type: 'front-exposed', front: f.id, sponsor: f.sponsor });
  }
}

/**
 * The per-mille chance this week that a group fires without orders: its aggression outrunning its cohesion and the
 * PMU's (Iran does not fully own its proxies, and a group that has lost its leader holds together less), less what
 * deters it: a
 * standing US red line, US surveillance overhead and a curfew on the streets.
 */
export function autonomyChance(s: Scenario, d: GameState, g: GroupState): number {
  const a = s.attacks;
  const redLine = d.us.redLines.some((r) => r.status === 'standing');
  // The PMU's unity as a whole holds every group back a little, beside each group's own cohesion.
  const unity = idiv(d.iran.pmuCohesion, a.pmuCohesionDivisor);
  return chance(
    (g.aggression - g.cohesion - unity - a.autonomyThreshold) * a.autonomyPerAggression -
      (redLine ? a.redLineDeterrence : 0) -
      d.us.isr * a.isrDeterrence -
      (d.curfew ? a.curfewDeterrence : 0),
  );
}

/** Groups whose aggression outruns their cohesion may fire on their own, unless restrained this week. */
export function autonomousAttacks(t: TurnContext): void {
  const s = t.s;
  const d = t.d;
  for (const g of d.iran.groups) {
    const pm = autonomyChance(s, d, g);
    if (g.restrainedTurns > 0 || t.attackedGroups.has(g.id) || pm <= 0) continue;
    if (!t.dice.chance(pm)) continue;
    const bases = d.us.bases.filter((b) => !b.handedOver);
    const pick = t.dice.weighted(bases.map((b) => b.exposure));
    if (pick < 0) continue;
    const front = d.iran.fronts
      .filter((f) => f.sponsor === g.id && !f.retired)
      .sort((a, b) => b.deniability - a.deniability)[0];
    proxyAttack(
      t,
      { type: 'rocket-attack', group: g.id, base: bases[pick]!.site, claim: front ? front.id : 'unclaimed' },
      true,
    );
  }
}
