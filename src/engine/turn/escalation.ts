import { incidentChance, stepLadder } from '../ladder.ts';
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

/**
 * The week's step on the ladder (ladder.ts keeps the rule): the pressure and the firsts broken move the rung, a
 * successful siege holds it at a floor, and near the top an incident nobody ordered may lift it.
 */
export function moveLadder(t: TurnContext): void {
  const s = t.s;
  const d = t.d;
  const start = d.ladder.rung;
  const chance = incidentChance(s, start);
  const incident = chance > 0 && t.dice.chance(chance);
  const { ladder, moves } = stepLadder(s, d.ladder, t.pressure, t.firstJumps);
  d.ladder = ladder;
  if (t.siegeSucceeded && d.ladder.rung < s.ladder.siegeFloor) {
    moves.push({ from: d.ladder.rung, to: s.ladder.siegeFloor, cause: 'siege' });
    d.ladder.rung = s.ladder.siegeFloor;
    d.ladder.peak = Math.max(d.ladder.peak, d.ladder.rung);
  }
  // An incident undoes the week's calming and lifts the crisis a rung above where the week began.
  if (incident && d.ladder.rung < s.ladder.war) {
    const to = Math.min(Math.max(d.ladder.rung, start) + 1, s.ladder.war);
    const stories = s.ladder.incidents.stories;
    const story = stories.length > 0 ? stories[t.dice.int(stories.length)] : undefined;
    moves.push({ from: d.ladder.rung, to, cause: 'incident', ...(story !== undefined && { story }) });
    d.ladder.rung = to;
    d.ladder.peak = Math.max(d.ladder.peak, d.ladder.rung);
    d.ladder.quietTurns = 0;
  }
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
