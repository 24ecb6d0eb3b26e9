import {
  describeOrder,
  type FreezeOptions,
  type GameState,
  injectWords,
  type Order,
  type Replay,
  releaseInject,
  resolveOrders,
  type Scenario,
  type Side,
  validateOrders,
} from '../engine/index.ts';

/**
 * Plays a replay's recorded inputs in another world: the same orders under other dice. Where the world has drifted,
 * a recorded order can be illegal (the base was handed over, the front retired, the money ran out): that order is
 * dropped and the side's other orders stand, each drop counted with the engine's reason. The facilitator's rulings
 * are never carried over, since they overruled rolls that other dice do not make.
 */

/** An input that another world refused, with the engine's reason. */
export interface Dropped {
  turn: number;
  who: Side | 'facilitator';
  what: string;
  reason: string;
}

/** Drops counted over many worlds, in constant memory: how many worlds lost an input, and which inputs went most. */
export class DropTally {
  worlds = 0;
  worldsHit = 0;
  total = 0;
  private readonly byKind = new Map<string, number>();

  add(dropped: readonly Dropped[]): void {
    this.worlds++;
    if (dropped.length > 0) this.worldsHit++;
    this.total += dropped.length;
    for (const d of dropped) {
      const who = d.who === 'facilitator' ? 'facilitator' : d.who === 'us' ? 'US' : 'Iran';
      const key = `${who}: ${d.what}: ${d.reason}`;
      this.byKind.set(key, (this.byKind.get(key) ?? 0) + 1);
    }
  }

  /** The commonest drops, each as "who: what: why" with its count. */
  common(top: number): [string, number][] {
    return [...this.byKind].sort((a, b) => b[1] - a[1]).slice(0, top);
  }
}

export interface RecordedPlay {
  state: GameState;
  dropped: Dropped[];
  /** Turns played after the record ran out (this world's game lasted longer): both sides gave no orders. */
  turnsBeyond: number;
}

/**
 * The recorded orders still legal in this state, in their recorded order: each is kept if it is legal beside those
 * kept before it (so an order the budget no longer covers goes, not the whole list).
 */
export function keepLegal(
  scenario: Scenario,
  state: GameState,
  side: Side,
  orders: readonly Order[],
): { kept: Order[]; dropped: { order: Order; reason: string }[] } {
  if (validateOrders(scenario, state, side, orders).ok) return { kept: [...orders], dropped: [] };
  const kept: Order[] = [];
  const dropped: { order: Order; reason: string }[] = [];
  for (const order of orders) {
    const tried = validateOrders(scenario, state, side, [...kept, order]);
    if (tried.ok) kept.push(order);
    else dropped.push({ order, reason: tried.errors[0]?.message ?? 'refused' });
  }
  return { kept, dropped };
}

/**
 * Plays the replay's recorded orders from `from` to the game's end. With `injects`, the facilitator's recorded
 * injects are released at the start of every turn, the first included (so `from` must come before them); any this
 * world refuses is dropped. `freeze` reaches the engine.
 */
export function playRecorded(
  scenario: Scenario,
  from: GameState,
  replay: Replay,
  options: { injects: boolean } & FreezeOptions,
): RecordedPlay {
  let state = from;
  const dropped: Dropped[] = [];
  let turnsBeyond = 0;
  while (!state.outcome) {
    const turn = state.turn;
    const recorded = replay.turns[turn - 1];
    if (options.injects) {
      const injects = recorded
        ? (recorded.injects ?? [])
        : turn === replay.turns.length + 1
          ? (replay.pending ?? [])
          : [];
      for (const inject of injects) {
        const released = releaseInject(scenario, state, inject, options);
        if (released.ok) state = released.value.state;
        else
          dropped.push({
            turn,
            who: 'facilitator',
            what: `inject "${injectWords(scenario, inject).title}"`,
            reason: released.errors[0]?.message ?? 'refused',
          });
      }
    }
    if (!recorded) turnsBeyond++;
    const orders = { us: [] as Order[], iran: [] as Order[] };
    for (const side of ['us', 'iran'] as const) {
      const legal = keepLegal(scenario, state, side, recorded?.[side] ?? []);
      orders[side] = legal.kept;
      for (const d of legal.dropped)
        dropped.push({ turn, who: side, what: describeOrder(scenario, d.order), reason: d.reason });
    }
    const resolved = resolveOrders(scenario, state, orders.us, orders.iran, [], options);
    if (!resolved.ok) throw new Error(`turn ${turn}: checked orders were refused: ${resolved.errors[0]?.message}`);
    state = resolved.value.state;
  }
  return { state, dropped, turnsBeyond };
}
