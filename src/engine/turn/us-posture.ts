import { clamp } from '../math.ts';
import { embassyOf, type Order, specOf } from '../orders.ts';
import { emit, findBase, type TurnContext } from './context.ts';
import { apply } from './effects.ts';

/**
 * A US posture, resolved at the start of the week (true), or false for any other order: postures shape how this
 * week's attacks land.
 */
export function usPosture(t: TurnContext, order: Order): boolean {
  const s = t.s;
  const d = t.d;
  const spec = specOf(s, order.type);
  switch (order.type) {
    case 'hand-over-base':
      handOver(t, order.base);
      apply(t, spec.effects);
      t.pressure += spec.ladder;
      return true;
    case 'deploy-air-defence': {
      const b = findBase(t, order.base);
      b.airDefence = b.airDefence === 'none' ? 'cram' : 'patriot';
      emit(t, 'all', { type: 'air-defence', base: b.site, level: b.airDefence });
      apply(t, spec.effects, { base: b.site });
      t.pressure += spec.ladder;
      return true;
    }
    case 'reinforce': {
      const b = findBase(t, order.base);
      b.garrison += s.domestic.reinforceTroops;
      d.us.troops += s.domestic.reinforceTroops;
      d.us.resolve = clamp(d.us.resolve + s.domestic.reinforceResolve, 0, 100);
      emit(t, 'all', { type: 'reinforced', base: b.site, troops: s.domestic.reinforceTroops });
      apply(t, spec.effects, { base: b.site });
      t.pressure += spec.ladder;
      return true;
    }
    case 'surge-isr':
      d.us.isrSurged = true;
      apply(t, spec.effects);
      emit(t, 'us', { type: 'isr', level: d.us.isr });
      t.pressure += spec.ladder;
      return true;
    case 'ordered-departure': {
      d.us.departureOrdered = true;
      const e = findBase(t, embassyOf(s));
      e.exposure = clamp(e.exposure + s.domestic.departureExposure, 0, 100);
      apply(t, spec.effects);
      t.pressure += spec.ladder;
      emit(t, 'all', { type: 'act', side: 'us', order: order.type, target: e.site });
      return true;
    }
    case 'red-line':
      d.us.redLines.push({ declaredTurn: d.turn, status: 'standing', crossedTurn: null, deadline: null });
      d.us.credibility = clamp(d.us.credibility + s.redLines.declareCredibility, 0, 100);
      apply(t, spec.effects);
      t.pressure += spec.ladder;
      emit(t, 'all', { type: 'red-line', status: 'declared' });
      return true;
    default:
      return false;
  }
}

/** A base passes to Iraqi hands: its garrison moves to the hub, and counter-ISIS work loses a base. */
export function handOver(t: TurnContext, baseId: string): void {
  const d = t.d;
  const b = findBase(t, baseId);
  const hub = findBase(t, t.s.us.hub);
  hub.garrison += b.garrison;
  b.garrison = 0;
  b.handedOver = true;
  b.handoverTurns = 0;
  d.us.counterIsis = clamp(d.us.counterIsis - t.s.isis.counterIsisPerBase, 0, 100);
  emit(t, 'all', { type: 'handover', base: baseId });
}
