import {
  type Dice,
  isSide,
  type Order,
  type OrderType,
  type Scenario,
  type SeatView,
  type Side,
  specOf,
} from '../engine/index.ts';
import { context, type Option } from './doctrine-context.ts';
import { iranOptions } from './doctrine-iran.ts';
import { usOptions } from './doctrine-us.ts';
import type { Doctrine } from './doctrine.ts';
import type { Decision } from './simple.ts';

/**
 * The doctrine engine: one policy for every doctrine, reading its personality from data. Each order the side could
 * give gets a utility (the doctrine's weight for the order type plus what the situation adds, scaled by its
 * traits) and the reason a student would give for it; the doctrine then picks its best orders, varying among those
 * within its `spread` of the best so that it is neither predictable nor erratic. Integer arithmetic only, and every
 * draw from the AI's own dice, so a seed always gives the same choice.
 */

export type { Option } from './doctrine-context.ts';

/** Whether an order is legal for the side now, alone (targets and budget). */
export type LegalCheck = (order: Order) => boolean;

/**
 * Every order the doctrine considers now, with its utility and reason. `forgive` is the roll of its forgiveness
 * (a generous tit-for-tat lets some provocations pass). Targets are chosen with `dice`.
 */
export function doctrineOptions(
  scenario: Scenario,
  doctrine: Doctrine,
  view: SeatView,
  dice: Dice,
  forgive: boolean,
): Option[] {
  const c = context(scenario, doctrine, view, dice, forgive);
  return view.seat === 'us' ? usOptions(c) : iranOptions(c);
}

/** What the side can spend this turn, as its view shows it. */
export const budgetIn = (view: SeatView): number =>
  view.seat === 'us' ? (view.us.politicalCapital ?? 0) : (view.iran.resources ?? 0);

/**
 * The options worth something, the best first, those of equal worth in the order given: a stable sort, by insertion
 * (a doctrine has a score of options, and the models decide in every turn of every playout).
 */
function byUtility(options: readonly Option[]): Option[] {
  const pool: Option[] = [];
  for (const o of options) {
    if (o.utility <= 0) continue;
    let i = pool.length;
    pool.push(o);
    for (; i > 0 && pool[i - 1]!.utility < o.utility; i--) pool[i] = pool[i - 1]!;
    pool[i] = o;
  }
  return pool;
}

/**
 * Picks up to the scenario's number of orders from the options: the best first, varied among those within `spread`
 * of it (weighted by how close they are), one of each type, within the budget and legal.
 */
export function choose(
  scenario: Scenario,
  options: Option[],
  budget: number,
  spread: number,
  dice: Dice,
  legal: LegalCheck,
  explain = true,
): Decision {
  const pool = byUtility(options);
  // An option's cost and legality cannot change while choosing (legality is checked alone): each is asked once, on
  // the first pick that reaches the option. Most options lie below the spread of the best and are never reached.
  const costs: (number | undefined)[] = [];
  const legality: (boolean | undefined)[] = [];
  const orders: Order[] = [];
  const reasons: string[] = [];
  const near: number[] = []; // indices into pool
  let left = budget;
  while (orders.length < scenario.ordersPerTurn) {
    // The options within `spread` of the best one still open; legality is checked only for those (it is the slow part).
    near.length = 0;
    let floor = 0;
    for (let i = 0; i < pool.length; i++) {
      const o = pool[i]!;
      if (near.length > 0 && o.utility < floor) break;
      let cost = costs[i];
      if (cost === undefined) {
        cost = specOf(scenario, o.order.type).cost;
        costs[i] = cost;
      }
      if (cost > left || hasType(orders, o.order.type)) continue;
      let isLegal = legality[i];
      if (isLegal === undefined) {
        isLegal = legal(o.order);
        legality[i] = isLegal;
      }
      if (!isLegal) continue;
      if (near.length === 0) floor = o.utility - spread;
      near.push(i);
    }
    const first = near[0];
    if (first === undefined) break;
    const at = near[dice.weighted(near.map((i) => pool[i]!.utility - floor + 1))] ?? first;
    const pick = pool[at]!;
    orders.push(pick.order);
    if (explain) reasons.push(pick.why());
    left -= costs[at]!;
  }
  return { orders, reasons };
}

/** Whether the orders hold one of this type (a loop, not a closure made for every option of every pick). */
function hasType(orders: readonly Order[], type: OrderType): boolean {
  for (const o of orders) if (o.type === type) return true;
  return false;
}

/**
 * A doctrine's decision for a view. `legal` says whether one order is legal now (the caller knows how to check);
 * `explain: false` leaves the reasons out (the strategist's playouts need only the orders).
 */
export function decideDoctrine(
  scenario: Scenario,
  doctrine: Doctrine,
  view: SeatView,
  dice: Dice,
  legal: LegalCheck,
  explain = true,
): Decision {
  if (view.outcome || !isSide(view.seat)) return { orders: [], reasons: [] };
  const forgive = dice.chance(doctrine.traits.forgiveness);
  const options = doctrineOptions(scenario, doctrine, view, dice, forgive);
  const decision = choose(scenario, options, budgetIn(view), doctrine.spread, dice, legal, explain);
  if (decision.orders.length === 0 && view.seat === 'us' && legal({ type: 'hold' }))
    return {
      orders: [{ type: 'hold' }],
      reasons: ['Nothing we can afford would help this week: we hold and save capital.'],
    };
  if (decision.orders.length === 0) return { orders: [], reasons: [] };
  return decision;
}

/** The side of a seat that gives orders; the facilitator gives none. */
export function sideOf(view: SeatView): Side {
  if (!isSide(view.seat)) throw new Error('only a side gives orders');
  return view.seat;
}
