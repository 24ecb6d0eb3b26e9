import { likelihoodOf } from '../attribution.ts';
import { infoOperationEffects } from '../order-effects.ts';
import { bookNewFront, type Cause, orderCause, push } from '../ledger.ts';
import { chance, clamp, perMille } from '../math.ts';
import { type Order, specOf } from '../orders.ts';
import { emit, findBase, findGroup, type TurnContext } from './context.ts';
import { addCasualties, apply, applyOnce, rollVolley, usLosses } from './effects.ts';
import { crossRedLine } from './red-lines.ts';

/** One of Iran's orders, except the proxy attacks (proxy-attacks.ts resolves those). */
export function iranOrder(t: TurnContext, order: Order): void {
  const s = t.s;
  const d = t.d;
  const spec = specOf(s, order.type);
  // The order as a cause: an order the US does not see is Iran's secret in the ledger too.
  const type = order.type;
  switch (order.type) {
    case 'create-front': {
      const pool = s.iran.frontNamePool[d.iran.frontNamesUsed]!;
      d.iran.frontNamesUsed++;
      const id = `front-${d.iran.frontNamesUsed}`;
      d.iran.fronts.push({
        id,
        name: pool.name,
        sponsor: order.group,
        deniability: s.domestic.newFrontDeniability,
        claims: 0,
        retired: false,
        exposed: false,
        createdTurn: d.turn,
      });
      if (order.retire) {
        const old = d.iran.fronts.find((f) => f.id === order.retire);
        if (old) old.retired = true;
      }
      emit(t, 'iran', {
        type: 'front-created',
        front: id,
        name: pool.name,
        sponsor: order.group,
        retired: order.retire,
      });
      bookNewFront(t, d.iran.fronts[d.iran.fronts.length - 1]!, orderCause('iran', type, order.group, true));
      apply(t, spec.effects, orderCause('iran', type, order.group, true), { group: order.group });
      return;
    }
    case 'missile-strike':
      missileStrike(t, order.base, order.warned);
      return;
    case 'embassy-siege': {
      const success = t.dice.chance(s.domestic.siegeChance);
      emit(t, 'all', { type: 'siege', success });
      if (success) {
        t.siegeSucceeded = true;
        apply(t, spec.effects, orderCause('iran', type));
        push(t, spec.ladder, orderCause('iran', type));
        crossRedLine(t);
      } else apply(t, spec.failEffects, orderCause('iran', type));
      return;
    }
    case 'smuggle-missiles': {
      const detected = t.dice.chance(s.domestic.smuggleDetect + d.us.isr * s.domestic.smuggleDetectPerIsr);
      emit(t, detected ? 'all' : 'iran', { type: 'shipment', group: order.group, detected });
      const g = findGroup(t, order.group);
      g.arsenal = clamp(g.arsenal + s.domestic.smuggleArsenal, 0, 100);
      apply(t, spec.effects, orderCause('iran', type, order.group, !detected), { group: order.group }, false);
      if (detected) push(t, spec.ladder, orderCause('iran', type, order.group));
      return;
    }
    case 'restrain-proxies':
      for (const g of d.iran.groups) g.restrainedTurns = s.attacks.restrainTurns;
      apply(t, spec.effects, orderCause('iran', type, null, true));
      push(t, spec.ladder, orderCause('iran', type, null, true));
      emit(t, 'iran', { type: 'act', side: 'iran', order: type, target: null });
      return;
    case 'info-operation': {
      applyOnce(
        t,
        infoOperationEffects(
          s,
          spec,
          d.us.plans.some((p) => p.leaked),
        ),
        orderCause('iran', type),
      );
      push(t, spec.ladder, orderCause('iran', type));
      emit(t, 'all', { type: 'act', side: 'iran', order: type, target: null });
      return;
    }
    case 'envoy':
      apply(t, spec.effects, orderCause('iran', type, null, true));
      push(t, spec.ladder, orderCause('iran', type, null, true));
      emit(t, 'iran', { type: 'act', side: 'iran', order: type, target: null });
      return;
    case 'public-threat':
    case 'military-drill':
    case 'eviction-campaign':
    case 'horizontal-escalation':
    case 'iran-swiss-message':
      apply(t, spec.effects, orderCause('iran', type));
      push(t, spec.ladder, orderCause('iran', type));
      emit(t, 'all', { type: 'act', side: 'iran', order: type, target: null });
      return;
    case 'rocket-attack':
    case 'lethal-barrage':
    case 'embassy-attack':
    case 'economic-attack':
    case 'convoy-attack':
      return; // resolved earlier, with the other attacks
    default:
      throw new Error(`not an Iran order: ${order.type}`);
  }
}

/** An IRGC missile strike on a base: a state act, openly Iranian, optionally warned to spare lives. */
export function missileStrike(t: TurnContext, target: string, warned: boolean): void {
  const s = t.s;
  const d = t.d;
  const profile = s.attacks.profiles['missile-strike'];
  const spec = specOf(s, 'missile-strike');
  const base = findBase(t, target);
  d.iran.missileCapability = clamp(d.iran.missileCapability - profile.arsenalCost, 0, 100);
  if (warned) emit(t, 'all', { type: 'missile-warning', target });
  const id = d.nextId++;
  const projectiles = t.dice.between(profile.rockets[0], profile.rockets[1]);
  const intercept = s.attacks.missileIntercept[base.airDefence];
  const hitChance = chance(perMille(profile.hitPerMille, base.exposure * 10));
  const kill = warned ? perMille(profile.killPerHit, s.attacks.warnedFactor) : profile.killPerHit;
  const odds = {
    intercept,
    hit: hitChance,
    kill,
    wound: profile.woundPerHit,
    iraqi: profile.iraqiPerHit,
    civilian: profile.civilianPerHit,
  };
  const { intercepted, hits, casualties, missed } = rollVolley(t, id, projectiles, odds, base.garrison > 0);
  emit(t, 'all', {
    type: 'attack',
    attackId: id,
    kind: 'missile-strike',
    target,
    projectiles,
    intercepted,
    hits,
    caught: false,
    casualties,
  });
  if (missed) emit(t, 'all', { type: 'ruling', ruling: missed });
  emit(t, 'all', { type: 'perpetrator', attackId: id, group: null, autonomous: false });
  emit(t, 'us', {
    type: 'attributed',
    attackId: id,
    suspect: null,
    confidence: s.attribution.stateAct,
    word: likelihoodOf(s, s.attribution.stateAct).word,
  });
  const attack: Cause = {
    kind: 'attack',
    attackId: id,
    attack: 'missile-strike',
    target,
    claim: 'open',
    group: null,
    autonomous: false,
  };
  addCasualties(t, casualties, attack);
  usLosses(t, casualties, attack);
  if (casualties.usKilled > 0) crossRedLine(t);
  d.attacks.push({
    id,
    turn: d.turn,
    kind: 'missile-strike',
    target,
    group: null,
    autonomous: false,
    claim: 'open',
    suspect: null,
    confidence: s.attribution.stateAct,
    casualties,
  });
  if (!d.firsts.stateStrike) {
    d.firsts.stateStrike = true;
    t.firstJumps += s.ladder.firstStateStrike;
  }
  const order: Cause = { kind: 'order', side: 'iran', order: 'missile-strike', target };
  apply(t, warned ? (spec.failEffects ?? spec.effects) : spec.effects, order);
  push(t, spec.ladder, order);
}
