import { adjust, adjustBase, type Cause, orderCause, push, setAirDefence, setHandedOver } from '../ledger.ts';
import { clamp } from '../math.ts';
import { redLineEffects } from '../order-effects.ts';
import { embassyOf, type Order, specOf } from '../orders.ts';
import { emit, findBase, type TurnContext } from './context.ts';
import { apply, applyOnce } from './effects.ts';

/**
 * A US posture, resolved at the start of the week (true), or false for any other order: postures shape how this
 * week's attacks land.
 */
export function usPosture(t: TurnContext, order: Order): boolean {
  const s = t.s;
  const d = t.d;
  const spec = specOf(s, order.type);
  const type = order.type;
  switch (order.type) {
    case 'hand-over-base':
      handOver(t, order.base, orderCause('us', type, order.base));
      apply(t, spec.effects, orderCause('us', type, order.base));
      push(t, spec.ladder, orderCause('us', type, order.base));
      return true;
    case 'deploy-air-defence': {
      const b = findBase(t, order.base);
      setAirDefence(t, b, b.airDefence === 'none' ? 'cram' : 'patriot', orderCause('us', type, b.site));
      emit(t, 'all', { type: 'air-defence', base: b.site, level: b.airDefence });
      apply(t, spec.effects, orderCause('us', type, b.site), { base: b.site });
      push(t, spec.ladder, orderCause('us', type, b.site));
      return true;
    }
    case 'reinforce': {
      const b = findBase(t, order.base);
      adjustBase(t, b, 'garrison', s.domestic.reinforceTroops, orderCause('us', type, b.site));
      d.us.troops += s.domestic.reinforceTroops;
      adjust(t, 'resolve', s.domestic.reinforceResolve, orderCause('us', type, b.site));
      emit(t, 'all', { type: 'reinforced', base: b.site, troops: s.domestic.reinforceTroops });
      apply(t, spec.effects, orderCause('us', type, b.site), { base: b.site });
      push(t, spec.ladder, orderCause('us', type, b.site));
      return true;
    }
    case 'surge-isr':
      d.us.isrSurged = true;
      apply(t, spec.effects, orderCause('us', type, null, true));
      emit(t, 'us', { type: 'isr', level: d.us.isr });
      push(t, spec.ladder, orderCause('us', type, null, true));
      return true;
    case 'ordered-departure': {
      d.us.departureOrdered = true;
      const e = findBase(t, embassyOf(s));
      adjustBase(t, e, 'exposure', s.domestic.departureExposure, orderCause('us', type, e.site));
      apply(t, spec.effects, orderCause('us', type, e.site));
      push(t, spec.ladder, orderCause('us', type, e.site));
      emit(t, 'all', { type: 'act', side: 'us', order: order.type, target: e.site });
      return true;
    }
    case 'red-line':
      d.us.redLines.push({ declaredTurn: d.turn, status: 'standing', crossedTurn: null, deadline: null });
      applyOnce(t, redLineEffects(s, spec), orderCause('us', type));
      push(t, spec.ladder, orderCause('us', type));
      emit(t, 'all', { type: 'red-line', status: 'declared' });
      return true;
    default:
      return false;
  }
}

/** A base passes to Iraqi hands: its garrison moves to the hub, and counter-ISIS work loses a base. */
export function handOver(t: TurnContext, baseId: string, cause: Cause): void {
  const d = t.d;
  const b = findBase(t, baseId);
  const hub = findBase(t, t.s.us.hub);
  adjustBase(t, hub, 'garrison', b.garrison, cause);
  adjustBase(t, b, 'garrison', -b.garrison, cause);
  setHandedOver(t, b, cause);
  adjustBase(t, b, 'handoverTurns', -b.handoverTurns, cause);
  d.us.counterIsis = clamp(d.us.counterIsis - t.s.isis.counterIsisPerBase, 0, 100);
  emit(t, 'all', { type: 'handover', base: baseId });
}
