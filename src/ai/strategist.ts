import { isSide } from '../engine/index.ts';
import {
  aims,
  Dice,
  type FreezeOptions,
  type GameState,
  isOrderLegal,
  legalOrders,
  type Order,
  type ResolveOptions,
  type RngState,
  resolveTurn,
  type Scenario,
  type SeatView,
  type Side,
  scoreGame,
  seedRng,
  specOf,
  viewFor,
} from '../engine/index.ts';
import { believedState, RECENT_TURNS } from './belief.ts';
import { opponentWeights } from './profile.ts';
import { DOCTRINES, type Doctrine, type DoctrineBook, doctrineOf, type StrategistLevel } from './doctrine.ts';
import { budgetIn, decideDoctrine, doctrineOptions, type Option, sideOf } from './doctrine-policy.ts';
import type { Decision, Policy } from './simple.ts';
import { rival } from './situation.ts';
import { names } from './words.ts';

/**
 * The strategist: a searching AI. For each candidate set of orders it plays the game forward a few turns in worlds
 * sampled from its own view (what it cannot see is drawn from priors consistent with what it can; each world gets a
 * fresh RNG state from the strategist's own stream), against doctrine models of the other side (imagined as often
 * as each explains the other side's record: profile.ts). The budget is a number of playouts, never a time, so a seed
 * gives the same choice on any machine. Candidates share their worlds (common random numbers) and are weeded out by
 * sequential halving: the budget goes to the sets still in contention.
 *
 * It chooses in two steps. First a plan: which of its doctrines to follow from here on, each played out with its own
 * continuation. Then other first moves, each followed by that plan; one replaces the plan's own move only if it wins
 * world by world by more than chance explains, and is not clearly worse against any reading of the other side.
 * Picking the best of many noisy means favours the luckiest, and a move that only pays against one imagined opponent
 * is a bet on that reading; both cost the strategist against a doctrine that simply plays its plan well. Last, it
 * draws among the sets that came out nearly as well as that choice: a mixed strategy (`strategist.choice.mix`).
 */

interface Candidate {
  orders: Order[];
  reasons: string[];
  /** The doctrine whose plan this is: the playouts follow it on our later turns (else the book's `self`). */
  plan?: Doctrine;
}

interface World {
  state: GameState;
  opponent: Doctrine;
  model: number; // the opponent's index among the models
  first: Order[]; // the opponent's orders this turn: the same whatever we choose, so computed once
  models: RngState; // the doctrine models' dice for the later turns of every playout in this world
}

const keyOf = (orders: readonly Order[]): string =>
  orders
    .map((o) => JSON.stringify(o))
    .sort()
    .join('|');

/**
 * The order sets worth comparing: what each of the side's doctrines would do, then pairs and singles of the best
 * options any doctrine sees (one of each order type with its best-looking targets), within budget and legal. The
 * last `explore` places go to order types no other set holds, drawn at random: an order no doctrine favours in a
 * situation would otherwise never be weighed there, however well it would pay.
 */
function candidates(
  scenario: Scenario,
  view: SeatView,
  point: GameState,
  book: DoctrineBook,
  dice: Dice,
  legal: (o: Order) => boolean,
  limit: number,
): Candidate[] {
  const side = sideOf(view);
  const own = book.doctrines.filter((d) => d.side === side);
  const budget = budgetIn(view);
  const cost = (o: Order) => specOf(scenario, o.type).cost;
  const list: Candidate[] = [];
  const seen = new Set<string>();
  // Every doctrine's plan is a candidate, even when two open with the same orders: their continuations differ.
  const push = (c: Candidate) => {
    const k = keyOf(c.orders);
    if (list.length >= limit || (!c.plan && seen.has(k))) return;
    if (!c.plan) seen.add(k);
    list.push(c);
  };
  const best = new Map<string, Option>();
  const bestOfType = new Map<string, Option>(); // however little the doctrines think of it: for exploring
  for (const d of own)
    for (const o of doctrineOptions(scenario, d, view, dice, false)) {
      const k = JSON.stringify(o.order);
      const ofType = bestOfType.get(o.order.type);
      if ((!ofType || o.utility > ofType.utility) && cost(o.order) <= budget && legal(o.order))
        bestOfType.set(o.order.type, o);
      if (o.utility <= -50 || !legal(o.order)) continue;
      const had = best.get(k);
      if (!had || o.utility > had.utility) best.set(k, o);
    }
  for (const d of own) {
    const decision = decideDoctrine(scenario, d, view, dice, legal);
    push({ orders: decision.orders, reasons: decision.reasons, plan: d });
  }
  // Doing nothing is always a candidate: sometimes the best move is to keep one's powder dry.
  push(
    side === 'us' && legal({ type: 'hold' })
      ? { orders: [{ type: 'hold' }], reasons: ['Nothing we could do would help more than saving our capital.'] }
      : { orders: [], reasons: [] },
  );
  // The best options, at most two of a type, then every affordable pair of them, best sums first.
  const ranked = [...best.values()].sort((a, b) => b.utility - a.utility);
  const top: Option[] = [];
  const perType = new Map<string, number>();
  for (const o of ranked) {
    const k = perType.get(o.order.type) ?? 0;
    if (k >= 2) continue;
    perType.set(o.order.type, k + 1);
    top.push(o);
    if (top.length >= 12) break;
  }
  const pairs: { a: Option; b: Option; sum: number }[] = [];
  for (let i = 0; i < top.length; i++)
    for (let j = i + 1; j < top.length; j++) {
      const a = top[i]!;
      const b = top[j]!;
      if (a.order.type === b.order.type || cost(a.order) + cost(b.order) > budget) continue;
      pairs.push({ a, b, sum: a.utility + b.utility });
    }
  pairs.sort((x, y) => y.sum - x.sum);
  const singles = top.filter((o) => cost(o.order) <= budget);
  const typesIn = (held: Candidate[]) => new Set(held.flatMap((c) => c.orders.map((o) => o.type)));
  // One option of each affordable type the plans do not hold: the doctrines' best-rated, else the first legal one.
  const unexplored: Option[] = [];
  const planned = typesIn(list);
  for (const o of legalOrders(scenario, point, side))
    if (!planned.has(o.type) && cost(o) <= budget) {
      planned.add(o.type);
      unexplored.push(bestOfType.get(o.type) ?? { order: o, utility: 0, why: () => untried(scenario, o) });
    }
  // Room is kept for the unexplored types only as far as there are any; the usual sets fill the rest.
  const room = Math.max(list.length, limit - Math.min(book.strategist.choice.explore, unexplored.length));
  // Interleave so that a small budget still sees both kinds.
  for (let i = 0; list.length < room && (i < pairs.length || i < singles.length); i++) {
    const p = pairs[i];
    if (p && scenario.ordersPerTurn >= 2) push({ orders: [p.a.order, p.b.order], reasons: [p.a.why(), p.b.why()] });
    if (i % 3 === 0) {
      const s = singles[i / 3];
      if (s) push({ orders: [s.order], reasons: [s.why()] });
    }
  }
  // Each beside the best option it leaves room for, so that it is weighed against the plans on fair terms.
  const held = typesIn(list);
  const fresh = unexplored.filter((o) => !held.has(o.order.type));
  while (list.length < limit && fresh.length > 0) {
    const o = fresh.splice(dice.int(fresh.length), 1)[0]!;
    const mate =
      scenario.ordersPerTurn >= 2
        ? top.find((t) => t.order.type !== o.order.type && cost(t.order) + cost(o.order) <= budget)
        : undefined;
    push(
      mate
        ? { orders: [o.order, mate.order], reasons: [o.why(), mate.why()] }
        : { orders: [o.order], reasons: [o.why()] },
    );
  }
  return list;
}

/** Why the strategist gives an order none of its doctrines offered: it paid in the games it imagined. */
const untried = (scenario: Scenario, o: Order): string =>
  `${specOf(scenario, o.type).name}: none of our usual plans calls for it now, but in the games we imagined it paid better than anything they offered.`;

/**
 * A doctrine model's orders in a playout: from its own view of the playout's state, checked against that state. The
 * view shares the state's records: the model only reads them, and no playout changes a state once made.
 */
function modelOrders(scenario: Scenario, doctrine: Doctrine, state: GameState, dice: Dice): Order[] {
  const side = doctrine.side;
  const view = viewFor(scenario, state, side, false, true);
  return decideDoctrine(scenario, doctrine, view, dice, (o) => isOrderLegal(scenario, state, side, o), false).orders;
}

/**
 * One turn of a playout. The turn records and the attacks and strikes no rule or doctrine looks back to are dropped
 * as it goes: every turn copies the state and every model's view maps over them. `owned` says the state is the
 * playout's own (made by an earlier step, never shared, not frozen): the turn then resolves on it in place. A world's
 * state is not: every candidate starts from it.
 */
function step(
  scenario: Scenario,
  state: GameState,
  us: Order[],
  iran: Order[],
  options: ResolveOptions,
  owned: boolean,
): GameState {
  let r: ReturnType<typeof resolveTurn>;
  if (owned) {
    state.submitted = { us, iran };
    r = resolveTurn(scenario, state, [], IN_PLACE);
  } else r = resolveTurn(scenario, { ...state, submitted: { us, iran } }, [], options);
  if (!r.ok) throw new Error(`a playout could not resolve: ${r.errors[0]?.message}`);
  // The state just made is the playout's own unless frozen: trimmed where it stands rather than copied again.
  const next = options.freeze === false ? r.value.state : { ...r.value.state };
  const since = next.turn - RECENT_TURNS;
  next.history = [];
  next.attacks = recent(next.attacks, since);
  next.strikes = recent(next.strikes, since);
  return next;
}

const IN_PLACE: ResolveOptions = { freeze: false, record: false, inPlace: true };

/** The records from turn `since` on (the list itself when all are). */
const recent = <T extends { turn: number }>(xs: T[], since: number): T[] =>
  xs.every((x) => x.turn >= since) ? xs : xs.filter((x) => x.turn >= since);

/**
 * What a playout's end is worth to a side: the scenario's own score (with the victory points when the game ended),
 * less the book's penalties for losing or for war, and, when the game goes on, a little for aims already met and
 * for the dangers near at hand (the war rung, US resolve near breaking, a vote near with consent low).
 */
export function playoutValue(scenario: Scenario, state: GameState, side: Side, book: DoctrineBook): number {
  const u = book.strategist.utility;
  const o = state.outcome;
  if (o) {
    let v = o.score[side].total;
    if (o.result === 'shared-loss') v -= u.sharedLoss;
    else if (o.result === rival(side)) v -= u.loss;
    return v;
  }
  let v = scoreGame(scenario, state, null)[side].total;
  const a = aims(scenario, state);
  if (side === 'us' ? a.us.length === 0 : a.us.length > 0 && a.iran.length === 0) v += u.aims;
  v -= Math.max(0, state.ladder.rung - u.cautionRung) * u.warRisk;
  const sign = side === 'us' ? -1 : 1;
  v += sign * Math.max(0, scenario.victory.iran.resolveBreak + 15 - state.us.resolve) * u.resolveRisk;
  // A vote expels the US when consent, after the drop a passing vote brings, is at or below the line: the danger
  // grows with the pressure toward a vote and with how little consent stands above that line.
  const b = scenario.baghdad;
  const line = b.expulsionConsent - b.voteConsentDrop;
  const margin = Math.max(0, Math.min(30, line + 15 - state.baghdad.consent));
  const pressure = Math.max(0, state.baghdad.evictionPressure - (b.voteAt - 15));
  v += sign * Math.trunc((pressure * margin * u.evictionRisk) / 15);
  return v;
}

/**
 * The strategist's decision for a view at a level. Draws only from `dice` (its own stream): the candidates' targets,
 * the sampled worlds, their RNG states and the models' choices. `options` reaches the engine in every playout.
 */
export function searchDecision(
  scenario: Scenario,
  view: SeatView,
  dice: Dice,
  level: StrategistLevel,
  book: DoctrineBook = DOCTRINES,
  options: FreezeOptions = {},
): Decision {
  if (view.outcome || !isSide(view.seat)) return { orders: [], reasons: [] };
  const side = view.seat;
  const other = rival(side);
  const point = believedState(scenario, view, null);
  const legal = (o: Order) => isOrderLegal(scenario, point, side, o);
  const list = candidates(scenario, view, point, book, dice, legal, level.candidates);
  // Whom to imagine across the table: the book's models, weighted by how well each explains the record.
  const models = book.strategist.models[other].map((m) => doctrineOf(book, other, m.doctrine));
  const weights = opponentWeights(
    scenario,
    view,
    point,
    models,
    book.strategist.models[other].map((m) => m.weight),
    dice,
  );
  const worlds: World[] = [];
  const world = (i: number): World => {
    while (worlds.length <= i) {
      const state = believedState(scenario, view, dice, true);
      const model = dice.weighted(weights);
      const opponent = models[model] ?? models[0]!;
      const first = modelOrders(scenario, opponent, state, new Dice(seedRng(`first/${dice.int(0x7fffffff)}`)));
      worlds.push({ state, opponent, model, first, models: seedRng(`models/${dice.int(0x7fffffff)}`) });
    }
    return worlds[i]!;
  };
  // A playout reads only the states: the turns keep no events or ledger.
  const quiet: ResolveOptions = { ...options, record: false };
  // A playout's later turns resolve on its own states in place, unless states are frozen (tests, the UI).
  const owned = options.freeze === false;
  const playout = (c: Candidate, plan: Doctrine, w: World): number => {
    const models = new Dice(w.models);
    let state =
      side === 'us'
        ? step(scenario, w.state, c.orders, w.first, quiet, false)
        : step(scenario, w.state, w.first, c.orders, quiet, false);
    for (let t = 1; t < level.horizon && !state.outcome; t++) {
      const mine = modelOrders(scenario, plan, state, models);
      const theirs = modelOrders(scenario, w.opponent, state, models);
      state =
        side === 'us'
          ? step(scenario, state, mine, theirs, quiet, owned)
          : step(scenario, state, theirs, mine, quiet, owned);
    }
    return playoutValue(scenario, state, side, book);
  };

  // values[i][k]: candidate i's playout in world k. Every candidate meets the same worlds in the same order, so two
  // candidates can be compared world by world (common random numbers).
  const values: number[][] = list.map(() => []);
  let used = 0;
  const sums = list.map(() => 0); // kept with values: the sorts ask for each mean many times
  const mean = (i: number) => (values[i]!.length > 0 ? sums[i]! / values[i]!.length : Number.NEGATIVE_INFINITY);
  const byMean = (a: number, b: number) => mean(b) - mean(a) || a - b;
  // Sequential halving: each round shares its part of the budget among the sets still in, then keeps the better half.
  const halve = (ids: number[], budget: number, planOf: (i: number) => Doctrine): number[] => {
    const limit = Math.min(level.playouts, used + budget);
    let alive = [...ids];
    let rounds = 1; // ceil(log2(candidates)), counted in integers
    while (1 << rounds < alive.length) rounds++;
    for (let r = 0; r < rounds && alive.length > 1; r++) {
      const per = Math.max(1, Math.floor((limit - used) / (alive.length * (rounds - r))));
      for (const i of alive)
        for (let k = 0; k < per && used < limit; k++) {
          const v = playout(list[i]!, planOf(i), world(values[i]!.length));
          values[i]!.push(v);
          sums[i]! += v;
          used++;
        }
      alive = alive.filter((i) => values[i]!.length > 0).sort(byMean);
      if (r < rounds - 1) alive = alive.slice(0, Math.ceil(alive.length / 2));
    }
    return alive.sort(byMean);
  };
  const self = doctrineOf(book, side, book.strategist.self[side]);
  const planIds = list.flatMap((c, i) => (c.plan ? [i] : []));
  // First the plans: which doctrine to follow from here on.
  const leader = halve(
    planIds,
    Math.floor((level.playouts * book.strategist.choice.planShare) / 1000),
    (i) => list[i]!.plan!,
  )[0];
  const plan = (leader === undefined ? undefined : list[leader]!.plan) ?? self;
  // Then other first moves, each followed by that plan, against the plan's own first move.
  const lead = leader === undefined ? '' : keyOf(list[leader]!.orders);
  const moves = list.flatMap((c, i) => (!c.plan && keyOf(c.orders) !== lead ? [i] : []));
  const field = leader === undefined ? moves : [leader, ...moves];
  const ranked = halve(field, level.playouts - used, (i) => list[i]!.plan ?? plan);
  // A challenger must beat the plan's own move world by world, by more than chance explains among many challengers.
  // mean > z * standard error, squared to stay in plain arithmetic: s1^2 (n-1) > z^2 (n s2 - s1^2), z in hundredths.
  const above = (s1: number, s2: number, n: number) =>
    s1 * s1 * (n - 1) * 10000 >
    book.strategist.choice.challengeZ * book.strategist.choice.challengeZ * (n * s2 - s1 * s1);
  const beats = (i: number, j: number): boolean => {
    const n = Math.min(values[i]!.length, values[j]!.length);
    if (n < 2) return false;
    let s1 = 0;
    let s2 = 0;
    const per = models.map(() => ({ s1: 0, s2: 0, n: 0 }));
    for (let k = 0; k < n; k++) {
      const d = values[i]![k]! - values[j]![k]!;
      s1 += d;
      s2 += d * d;
      const m = per[worlds[k]!.model]!;
      m.s1 += d;
      m.s2 += d * d;
      m.n++;
    }
    if (!(s1 > 0 && above(s1, s2, n))) return false;
    // Not clearly worse against any doctrine the other side may be playing: a gain that only one reading of the
    // other side promises is a gamble on that reading.
    return per.every((m) => m.n < 2 || m.s1 >= 0 || !above(-m.s1, m.s2, m.n));
  };
  // A mixed strategy: among the sets compared in enough games whose mean is within `mix` points of the choice, one
  // is drawn. Between near-equal moves the search's choice is mostly noise, and a player who always gives the same
  // answer in a situation is read and played; drawing keeps every order that pays about as well in the game.
  const { mix, mixPlayouts } = book.strategist.choice;
  const mixed = (chosen: number): number => {
    if (mix === 0) return chosen;
    const near = list.flatMap((_, i) => (values[i]!.length >= mixPlayouts && mean(i) >= mean(chosen) - mix ? [i] : []));
    return near.length > 1 ? near[dice.int(near.length)]! : chosen;
  };
  const top = ranked[0];
  const best = top !== undefined && (leader === undefined || top === leader || beats(top, leader)) ? top : leader;
  const pick = best === undefined ? undefined : mixed(best);
  const chosen = list[pick ?? 0] ?? { orders: [], reasons: [] };
  const expected = pick === undefined ? 0 : mean(pick);
  const others = ranked.filter((i) => i !== pick);
  const runnerUp = others[0] === undefined ? expected : mean(others[0]);
  const n = names(scenario);
  const them = scenario.sides[other].short;
  return {
    orders: chosen.orders,
    reasons: chosen.reasons,
    summary: `Looking ${n.weeks(level.horizon)} ahead in ${thousands(used)} imagined games against the likely ${them} replies, ${
      pick === best
        ? `these orders came out best of the ${list.length} compared.`
        : `these orders came out within ${book.strategist.choice.mix} points of our first choice among the ${list.length} compared, and were drawn from those that did, so that we are not predictable.`
    }`,
    search: {
      playouts: used,
      candidates: list.length,
      horizon: level.horizon,
      expected: Math.round(expected),
      margin: Math.round(expected - runnerUp),
    },
  };
}

/** 1234567 as "1,234,567", without Intl (whose output may vary with the platform's locale data). */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The strategist at a level, as a policy. */
export function strategistPolicy(level: StrategistLevel, book: DoctrineBook = DOCTRINES): Policy {
  return (scenario, view, dice, options) => searchDecision(scenario, view, dice, level, book, options);
}
