import { adjustFront, orderCause, push } from '../ledger.ts';
import { clamp } from '../math.ts';
import { counterIsisEffects, evidenceStrip } from '../order-effects.ts';
import { type Order, specOf } from '../orders.ts';
import { emit, findGroup, type TurnContext } from './context.ts';
import { apply, applyOnce } from './effects.ts';
import { checkExposure } from './proxy-attacks.ts';
import { leak, strike } from './strikes.ts';

/** One of the US orders other than the postures (us-posture.ts resolves those at the start of the week). */
export function usOrder(t: TurnContext, order: Order): void {
  const s = t.s;
  const d = t.d;
  const spec = specOf(s, order.type);
  const type = order.type;
  switch (order.type) {
    case 'strike-site': {
      const site = s.iran.proxySites.find((p) => p.site === order.site)!;
      strike(t, order.site, site.group, 'strike', 1000);
      apply(t, spec.effects, orderCause('us', type, order.site), { group: site.group }, false);
      push(t, spec.ladder, orderCause('us', type, order.site));
      return;
    }
    case 'campaign': {
      const drafted = d.us.plans.find((p) => p.group === order.group && !p.active && p.turnsLeft === 0);
      const duration = spec.duration ?? 1;
      if (drafted) {
        drafted.active = true;
        drafted.turnsLeft = duration;
        drafted.startedTurn = d.turn;
      } else
        d.us.plans.push({
          id: d.nextId++,
          kind: 'campaign',
          group: order.group,
          turnsLeft: duration,
          active: true,
          leaked: false,
          startedTurn: d.turn,
        });
      emit(t, 'us', { type: 'campaign', group: order.group, status: 'started' });
      return; // its strikes run with the campaigns below, this turn included
    }
    case 'leadership-strike': {
      const g = findGroup(t, order.group);
      const leader = s.iran.groups.find((x) => x.id === g.id)!.leader;
      const leaked = t.dice.chance(spec.leakChance ?? 0);
      if (leaked) leak(t, g.id);
      const killed = t.dice.chance(leaked ? s.strikes.leakedLeaderKillChance : s.strikes.leaderKillChance);
      t.kineticResponse = true;
      push(t, spec.ladder, orderCause('us', type, g.id));
      if (killed) {
        g.leaderAlive = false;
        g.cohesion = clamp(g.cohesion + s.strikes.leaderKillCohesion, 0, 100);
        g.aggression = clamp(g.aggression + s.strikes.leaderKillAggression, 0, 100);
        if (!d.firsts.leaderKilled) {
          d.firsts.leaderKilled = true;
          t.firstJumps += s.ladder.firstLeaderKilled;
        }
        emit(t, 'all', { type: 'leader-killed', group: g.id, leader });
        apply(t, spec.effects, orderCause('us', type, g.id), { group: g.id });
      } else {
        emit(t, 'all', { type: 'leader-escaped', group: g.id, leader });
        apply(t, spec.failEffects, orderCause('us', type, g.id), { group: g.id });
      }
      return;
    }
    case 'publish-evidence': {
      const f = d.iran.fronts.find((x) => x.id === order.front)!;
      const strip = evidenceStrip(s, spec, d.us.isr);
      adjustFront(t, f, -strip, orderCause('us', type, f.id));
      applyOnce(t, { ...spec.effects, frontDeniability: 0 }, orderCause('us', type, f.id));
      push(t, spec.ladder, orderCause('us', type, f.id));
      emit(t, 'all', { type: 'evidence', front: f.id, deniability: f.deniability });
      checkExposure(t, f.id);
      return;
    }
    case 'waiver-shorten':
      d.baghdad.waiverTurns = Math.min(d.baghdad.waiverTurns, s.baghdad.waiverShortenTo);
      apply(t, spec.effects, orderCause('us', type));
      push(t, spec.ladder, orderCause('us', type));
      emit(t, 'all', { type: 'waiver', turnsLeft: d.baghdad.waiverTurns, change: 'shortened' });
      return;
    case 'waiver-extend':
      d.baghdad.waiverTurns += s.baghdad.waiverExtendBy;
      apply(t, spec.effects, orderCause('us', type));
      push(t, spec.ladder, orderCause('us', type));
      emit(t, 'all', { type: 'waiver', turnsLeft: d.baghdad.waiverTurns, change: 'extended' });
      return;
    case 'back-designate':
      apply(t, spec.effects, orderCause('us', type));
      push(t, spec.ladder, orderCause('us', type));
      emit(t, 'all', { type: 'government', stage: 'backed', name: d.baghdad.designate });
      return;
    case 'counter-isis': {
      const held = d.us.bases.filter((b) => !b.handedOver).length;
      const before = d.isis;
      applyOnce(t, counterIsisEffects(spec, held, d.us.bases.length), orderCause('us', type));
      push(t, spec.ladder, orderCause('us', type));
      // What the operation did, not where ISIS stands: the week's own growth comes later (runIsis).
      emit(t, 'all', { type: 'counter-isis', cut: before - d.isis });
      return;
    }
    case 'us-swiss-message':
    case 'sanctions':
    case 'hold':
      apply(t, spec.effects, orderCause('us', type));
      push(t, spec.ladder, orderCause('us', type));
      emit(t, 'all', { type: 'act', side: 'us', order: type, target: null });
      return;
    case 'hand-over-base':
    case 'deploy-air-defence':
    case 'reinforce':
    case 'surge-isr':
    case 'ordered-departure':
    case 'red-line':
      return; // postures, resolved at the start of the week
    default:
      throw new Error(`not a US order: ${order.type}`);
  }
}
