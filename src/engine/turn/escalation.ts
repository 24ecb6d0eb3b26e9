import { belowNextGate, incidentChance, type Posture, stepLadder } from '../ladder.ts';
import { book } from '../ledger.ts';
import { type Order, specOf } from '../orders.ts';
import type { Side } from '../state.ts';
import { emit, type TurnContext } from './context.ts';

/** A side's orders scored on Rivera et al.'s severity points, added to its running escalation score. */
export function escalationScore(t: TurnContext, side: Side, orders: readonly Order[]): number {
  let points = 0;
  for (const o of orders) points += t.s.rivera[specOf(t.s, o.type).severity];
  t.d.escalation[side] += points;
  return points;
}

/** How both sides stood this week: their violent and posturing orders against their de-escalating ones. */
export function postureOf(t: TurnContext, us: readonly Order[], iran: readonly Order[]): Posture {
  const posture = { hot: 0, calm: 0 };
  for (const orders of [us, iran])
    for (const o of orders) {
      const severity = specOf(t.s, o.type).severity;
      if (severity === 'violent' || severity === 'posturing') posture.hot++;
      else if (severity === 'de-escalation') posture.calm++;
    }
  return posture;
}

/**
 * The week's step on the ladder (ladder.ts keeps the rule): the pressure and the firsts broken move the rung, a
 * successful siege holds it at a floor, and near the top an incident nobody ordered may lift it, its odds set by
 * how both sides stood this week, though never across a gate.
 */
export function moveLadder(t: TurnContext): void {
  const s = t.s;
  const d = t.d;
  const start = d.ladder.rung;
  const chance = incidentChance(s, start, t.posture);
  const incident = chance > 0 && t.dice.chance(chance);
  const { ladder, moves } = stepLadder(
    s,
    d.ladder,
    { pressure: t.pressure, ordered: t.pressure - t.unorderedPressure },
    t.firstJumps,
  );
  d.ladder = ladder;
  if (t.siegeSucceeded && d.ladder.rung < s.ladder.siegeFloor) {
    moves.push({ from: d.ladder.rung, to: s.ladder.siegeFloor, cause: 'siege' });
    d.ladder.rung = s.ladder.siegeFloor;
    d.ladder.peak = Math.max(d.ladder.peak, d.ladder.rung);
  }
  // An exchange of fire at the brink that ran out of hand: war, whatever the week's push.
  if (t.spiral && d.ladder.rung < s.ladder.war) {
    moves.push({ from: d.ladder.rung, to: s.ladder.war, cause: 'brink' });
    d.ladder.rung = s.ladder.war;
    d.ladder.peak = s.ladder.war;
  }
  // An incident undoes the week's calming and lifts the crisis a rung above where the week began, short of a gate.
  const top = belowNextGate(s, Math.max(d.ladder.rung, start));
  if (incident && d.ladder.rung < top) {
    const to = Math.min(Math.max(d.ladder.rung, start) + 1, top);
    const stories = s.ladder.incidents.stories;
    const story = stories.length > 0 ? stories[t.dice.int(stories.length)] : undefined;
    moves.push({ from: d.ladder.rung, to, cause: 'incident', ...(story !== undefined && { story }) });
    d.ladder.rung = to;
    d.ladder.peak = Math.max(d.ladder.peak, d.ladder.rung);
    d.ladder.quietTurns = 0;
  }
  // The moves go only to the record (a playout keeps none: then the causes need not even be built).
  if (t.record)
    for (const m of moves) {
      book(t, 'rung', m.to - m.from, { kind: 'rung', move: m.cause, ...(m.story !== undefined && { story: m.story }) });
      emit(t, 'all', {
        type: 'rung',
        from: m.from,
        to: m.to,
        pressure: t.pressure,
        cause: m.cause,
        ...(m.story !== undefined && { story: m.story }),
      });
    }
}
