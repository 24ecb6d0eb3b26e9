import {
  type Dice,
  ORDER_TYPES,
  type Order,
  type OrderType,
  type Scenario,
  type SeatView,
  specOf,
} from '../engine/index.ts';
import type { Doctrine, Traits } from './doctrine.ts';
import { type Provocation, provocations, provocationText, quietLastTurn } from './situation.ts';
import { names } from './words.ts';

/**
 * What the doctrine engine's two sides share: an option and the situation a doctrine weighs its options in (the
 * doctrine's weights and traits, the provocations, the danger of war), read once per decision.
 */

/** An order a doctrine considers, what it is worth to it and why (the words are built only for orders chosen). */
export interface Option {
  order: Order;
  utility: number;
  why: () => string;
}

export interface Ctx {
  s: Scenario;
  v: SeatView;
  t: Traits;
  weights: Weights;
  n: ReturnType<typeof names>;
  out: Option[];
  risk: number; // US: how close Baghdad is to voting us out, 0-4
  dice: Dice;
  forgive: boolean;
  danger: number; // rungs at or above the caution rung
  provocations: Provocation[];
  top: Provocation | undefined; // the worst unanswered provocation that calls for an answer
  quiet: boolean;
}

export const idiv = (a: number, b: number) => Math.trunc(a / b);

type Weights = Readonly<Record<OrderType, number>>;
const fullWeights = new WeakMap<Doctrine, Weights>();

/**
 * A doctrine's weight for every order type, 0 where it names none: the models read a weight for each option in every
 * turn of every playout, and a missing key costs a slow lookup (up the prototype chain) where a present one is a
 * plain property read. Built once per doctrine, every type in the same order, so every doctrine's has one shape, and
 * by Object.fromEntries rather than by assigning the keys one by one: V8 turns an object given more than a dozen
 * properties by computed keys into a hash table. The options read it as `c.weights['campaign']`, a literal key at
 * each site (a shared helper taking the type would be one site for every key, and a slower lookup).
 */
function weightsOf(d: Doctrine): Weights {
  let full = fullWeights.get(d);
  if (!full) {
    full = Object.fromEntries(ORDER_TYPES.map((type) => [type, d.weights[type] ?? 0])) as Record<OrderType, number>;
    fullWeights.set(d, full);
  }
  return full;
}

/**
 * The first of `items` that `keep` admits and that no other admitted item sorts before: what
 * `items.filter(keep).sort(order)[0]` gives (the sort is stable), without copying or sorting. The models run in
 * every turn of every playout, so these copies were a good part of the strategist's allocations.
 */
export function firstBest<T>(
  items: readonly T[],
  keep: (x: T) => boolean,
  order: (a: T, b: T) => number,
): T | undefined {
  let best: T | undefined;
  for (const x of items) if (keep(x) && (best === undefined || order(x, best) < 0)) best = x;
  return best;
}

export function context(s: Scenario, d: Doctrine, v: SeatView, dice: Dice, forgive: boolean): Ctx {
  const t = d.traits;
  const all = provocations(s, v, t.memory);
  const top = all.find(
    (p) =>
      !p.answered &&
      p.points >= t.provokedAt &&
      (v.seat === 'iran' || (p.group !== null && p.confidence >= t.minConfidence)),
  );
  const b = v.baghdad;
  return {
    s,
    v,
    t,
    weights: weightsOf(d),
    n: names(s),
    out: [],
    risk:
      Number(b.consent < 45) +
      Number(b.consent < 35) +
      Number(b.evictionPressure >= 45) +
      Number(b.evictionPressure >= 55),
    dice,
    forgive,
    danger: Math.max(0, v.ladder.rung - t.caution + 1),
    provocations: all,
    top,
    quiet: quietLastTurn(v),
  };
}

export const tell = (c: Ctx, p: Provocation): string => provocationText(c.s, p);

/** US: what a change in Baghdad's consent and parliament's pressure is worth, more as a vote to expel us nears. */
export const appraise = (c: Ctx, consent: number, eviction: number): number =>
  c.v.seat === 'us' ? idiv(c.t.politics * (1 + c.risk) * (2 * consent - eviction), 40) : 0;

/** Adds an option; for the US, what the order's own effects do in Baghdad counts too. */
export function add(c: Ctx, order: Order, utility: number, why: () => string): void {
  if (c.v.seat !== 'us') {
    c.out.push({ order, utility, why }); // appraise is nothing to Iran: no need to look up the order's effects
    return;
  }
  const e = specOf(c.s, order.type).effects;
  c.out.push({ order, utility: utility + appraise(c, e.consent ?? 0, e.evictionPressure ?? 0), why });
}

/** The text with its first letter in lower case, to quote one sentence inside another. */
export const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
