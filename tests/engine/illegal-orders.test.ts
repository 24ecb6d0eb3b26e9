/**
 * The table of illegal orders, each refused with its code and path and leaving the state untouched, and reading an
 * order from untrusted input exactly as the order schema does.
 */
import { describe, expect, it } from 'vitest';
import {
  type GameState,
  hashState,
  isOrderLegal,
  legalOrders,
  type Order,
  orderSchema,
  readOrder,
  type Side,
  submitOrders,
  US_ORDER_TYPES,
  IRAN_ORDER_TYPES,
  validateOrders,
} from '../../src/engine/index.ts';
import {
  deepFreeze,
  idle,
  newGame,
  play,
  quiet,
  SCENARIO,
  type ScenarioPatch,
  scenarioOf,
  withScenario,
} from './helpers.ts';
import { lab, rocketOnTaji, SEED } from './order-lab.ts';

interface IllegalCase {
  name: string;
  side: Side;
  orders: unknown;
  code: string;
  path: string | undefined;
  state?: () => GameState;
}

const fresh = () => newGame(SEED);
const variant =
  (...patches: ScenarioPatch[]) =>
  () =>
    newGame(SEED, withScenario(...patches));
const labGame =
  (...turns: [Order[], Order[]][]) =>
  () => {
    let state = newGame(
      SEED,
      withScenario(lab, (s) => {
        s.strikes.leaderKillChance = 1000;
      }),
    );
    for (const [us, iran] of turns) state = play(state, us, iran).state;
    return state;
  };
const finished = () =>
  idle(
    newGame(
      SEED,
      withScenario(quiet, (s) => {
        s.turns = 1;
        s.presets = [];
      }),
    ),
  );

const ILLEGAL: IllegalCase[] = [
  {
    name: 'a US order given by Iran',
    side: 'iran',
    orders: [{ type: 'hold' }],
    code: 'order.illegal',
    path: 'orders[0].type',
  },
  {
    name: 'an Iranian order given by the US',
    side: 'us',
    orders: [rocketOnTaji('kh', 'unclaimed')],
    code: 'order.illegal',
    path: 'orders[0].type',
  },
  {
    name: 'an unknown base',
    side: 'us',
    orders: [{ type: 'deploy-air-defence', base: 'camp-nowhere' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'an unknown base for an attack',
    side: 'iran',
    orders: [{ type: 'rocket-attack', group: 'kh', base: 'camp-nowhere', claim: 'unclaimed' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'an unknown group (US)',
    side: 'us',
    orders: [{ type: 'campaign', group: 'isis' }],
    code: 'order.illegal',
    path: 'orders[0].group',
  },
  {
    name: 'an unknown group (Iran)',
    side: 'iran',
    orders: [rocketOnTaji('hamas', 'unclaimed')],
    code: 'order.illegal',
    path: 'orders[0].group',
  },
  {
    name: 'an unknown front for evidence',
    side: 'us',
    orders: [{ type: 'publish-evidence', front: 'no-such-front' }],
    code: 'order.illegal',
    path: 'orders[0].front',
  },
  {
    name: 'a front the US has not heard of yet',
    side: 'us',
    orders: [{ type: 'publish-evidence', front: 'front-1' }],
    code: 'order.illegal',
    path: 'orders[0].front',
    state: labGame([[], [{ type: 'create-front', group: 'aah', retire: null }]]),
  },
  {
    name: 'an unknown front as a claim',
    side: 'iran',
    orders: [rocketOnTaji('kh', 'no-such-front')],
    code: 'order.illegal',
    path: 'orders[0].claim',
  },
  {
    name: 'a retired front as a claim',
    side: 'iran',
    orders: [rocketOnTaji('kh', 'osbat-al-thaereen')],
    code: 'order.illegal',
    path: 'orders[0].claim',
    state: labGame([[], [{ type: 'create-front', group: 'kh', retire: 'osbat-al-thaereen' }]]),
  },
  {
    name: 'an unknown front to retire',
    side: 'iran',
    orders: [{ type: 'create-front', group: 'kh', retire: 'no-such-front' }],
    code: 'order.illegal',
    path: 'orders[0].retire',
  },
  {
    name: 'a site that is not a proxy site',
    side: 'us',
    orders: [{ type: 'strike-site', site: 'tehran' }],
    code: 'order.illegal',
    path: 'orders[0].site',
  },
  {
    name: 'a site that is not an economic site',
    side: 'iran',
    orders: [{ type: 'economic-attack', group: 'kh', site: 'taji', claim: 'unclaimed' }],
    code: 'order.illegal',
    path: 'orders[0].site',
  },
  {
    name: 'reinforcing a handed-over base',
    side: 'us',
    orders: [{ type: 'reinforce', base: 'q-west' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'rockets on a handed-over base',
    side: 'iran',
    orders: [{ type: 'rocket-attack', group: 'kh', base: 'al-qaim', claim: 'unclaimed' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'missiles on a handed-over base',
    side: 'iran',
    orders: [{ type: 'missile-strike', base: 'q-west', warned: false }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'handing over a base already handed over',
    side: 'us',
    orders: [{ type: 'hand-over-base', base: 'q-west' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'handing over a base whose handover is under way',
    side: 'us',
    orders: [{ type: 'hand-over-base', base: 'k1' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'handing over the hub',
    side: 'us',
    orders: [{ type: 'hand-over-base', base: 'ain-al-asad' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'Patriots where Patriots stand',
    side: 'us',
    orders: [{ type: 'deploy-air-defence', base: 'erbil' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: "air defence without Baghdad's consent",
    side: 'us',
    orders: [{ type: 'deploy-air-defence', base: 'taji' }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: variant((s) => {
      s.baghdad.consent = 20;
    }),
  },
  {
    name: 'a second red line while one stands',
    side: 'us',
    orders: [{ type: 'red-line' }],
    code: 'order.illegal',
    path: 'orders[0]',
  },
  {
    name: 'a leader already dead',
    side: 'us',
    orders: [{ type: 'leadership-strike', group: 'aah' }],
    code: 'order.illegal',
    path: 'orders[0].group',
    state: labGame([[{ type: 'leadership-strike', group: 'aah' }], []]),
  },
  {
    name: 'a second campaign while one runs',
    side: 'us',
    orders: [{ type: 'campaign', group: 'badr' }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: labGame([[{ type: 'campaign', group: 'aah' }], []]),
  },
  {
    name: 'ISR above its maximum',
    side: 'us',
    orders: [{ type: 'surge-isr' }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: variant((s) => {
      s.us.isr = 5;
    }),
  },
  {
    name: 'shortening a waiver already that short',
    side: 'us',
    orders: [{ type: 'waiver-shorten' }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: variant((s) => {
      s.baghdad.waiverTurns = 1;
    }),
  },
  {
    name: 'backing a designate when there is none',
    side: 'us',
    orders: [{ type: 'back-designate' }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: variant((s) => {
      s.baghdad.government.stage = 'confirmed';
    }),
  },
  {
    name: 'ordering the staff out twice',
    side: 'us',
    orders: [{ type: 'ordered-departure' }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: labGame([[{ type: 'ordered-departure' }], []]),
  },
  {
    name: 'a missile strike with too few missiles',
    side: 'iran',
    orders: [{ type: 'missile-strike', base: 'taji', warned: true }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: variant((s) => {
      s.iran.missileCapability = 10;
    }),
  },
  {
    name: 'a new front when the name pool is spent',
    side: 'iran',
    orders: [{ type: 'create-front', group: 'kh', retire: null }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: variant((s) => {
      s.iran.frontNamePool = [];
    }),
  },
  {
    name: 'the same order type twice',
    side: 'us',
    orders: [{ type: 'hold' }, { type: 'hold' }],
    code: 'order.duplicate',
    path: 'orders[1]',
  },
  {
    name: 'more orders than a turn allows',
    side: 'us',
    orders: [{ type: 'hold' }, { type: 'counter-isis' }, { type: 'us-swiss-message' }],
    code: 'order.count',
    path: 'orders',
  },
  {
    name: 'over the US budget',
    side: 'us',
    orders: [
      { type: 'campaign', group: 'kh' },
      { type: 'leadership-strike', group: 'aah' },
    ],
    code: 'order.cost',
    path: 'orders',
  },
  {
    name: "over Iran's budget",
    side: 'iran',
    orders: [{ type: 'missile-strike', base: 'taji', warned: false }],
    code: 'order.cost',
    path: 'orders',
    state: variant((s) => {
      s.iran.resources = 5;
    }),
  },
  {
    name: 'the game is over',
    side: 'us',
    orders: [{ type: 'hold' }],
    code: 'game.over',
    path: 'orders',
    state: finished,
  },
  { name: 'not a list', side: 'us', orders: { type: 'hold' }, code: 'order.shape', path: 'orders' },
  {
    name: 'an unknown order type',
    side: 'us',
    orders: [{ type: 'nuke' }],
    code: 'order.shape',
    path: 'orders[0].type',
  },
  {
    name: 'a missing field',
    side: 'us',
    orders: [{ type: 'strike-site' }],
    code: 'order.shape',
    path: 'orders[0].site',
  },
  {
    name: 'a field of the wrong type',
    side: 'iran',
    orders: [{ type: 'missile-strike', base: 'taji', warned: 'yes' }],
    code: 'order.shape',
    path: 'orders[0].warned',
  },
  {
    name: 'an unknown field',
    side: 'us',
    orders: [{ type: 'hold', priority: 1 }],
    code: 'order.shape',
    path: 'orders[0]',
  },
  { name: 'not an object', side: 'iran', orders: ['rocket-attack'], code: 'order.shape', path: 'orders[0]' },
];

describe('illegal orders', () => {
  it.each(ILLEGAL.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const state = deepFreeze((c.state ?? fresh)());
    const scenario = scenarioOf(state);
    const before = hashState(state);
    const copy = JSON.stringify(state);

    const result = submitOrders(scenario, state, c.side, c.orders);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => ({ code: e.code, path: e.path }))).toContainEqual({ code: c.code, path: c.path });
    for (const e of result.errors) expect(e.message.length).toBeGreaterThan(0);
    // A reason names what the scenario names (a debrief prints it): an id appears only when nothing has it.
    const named = new Set([
      ...scenario.sites.map((x) => x.id),
      ...scenario.iran.groups.map((x) => x.id),
      ...state.iran.fronts.map((x) => x.id),
    ]);
    for (const e of result.errors)
      for (const [, id] of e.message.matchAll(/"([^"]+)"/g))
        if (c.code === 'order.illegal') expect(named.has(id!), e.message).toBe(false);
    expect(validateOrders(scenario, state, c.side, c.orders).ok).toBe(false);

    // Nothing changed: the state is frozen (a write would have thrown) and hashes and serialises the same.
    expect(hashState(state)).toBe(before);
    expect(JSON.stringify(state)).toBe(copy);
    expect(state.submitted[c.side]).toBeNull();

    // A single order the engine refuses is never offered.
    if (Array.isArray(c.orders) && c.orders.length === 1 && c.code === 'order.illegal') {
      const order = c.orders[0] as Order;
      expect(isOrderLegal(scenario, state, c.side, order)).toBe(false);
      expect(legalOrders(scenario, state, c.side)).not.toContainEqual(order);
    }
  });

  it.each([
    {
      name: 'evidence on a front that has claimed nothing (the debrief saw no known front "osbat-al-thaereen")',
      side: 'us' as const,
      order: { type: 'publish-evidence', front: 'osbat-al-thaereen' } as Order,
      state: fresh, // a game starts with no claim heard through it
      says: 'Osbat al-Thaereen has claimed nothing yet: the US does not know of it',
    },
    {
      name: 'rockets on a handed-over base',
      side: 'iran' as const,
      order: rocketOnTaji('kh', 'unclaimed'),
      state: labGame([[{ type: 'hand-over-base', base: 'taji' }], []]),
      says: `${SCENARIO.sites.find((x) => x.id === 'taji')!.name} has been handed over`,
    },
  ])('a refusal names things by their names: $name', ({ side, order, state, says }) => {
    const g = state();
    const r = validateOrders(scenarioOf(g), g, side, [order]);
    expect(!r.ok && r.errors[0]!.message).toBe(says);
  });

  it('every order legalOrders offers alone is accepted, on both sides, at the start', () => {
    for (const side of ['us', 'iran'] as const) {
      const state = fresh();
      const offered = legalOrders(SCENARIO, state, side);
      expect(offered.length).toBeGreaterThan(17);
      for (const order of offered)
        expect(validateOrders(SCENARIO, state, side, [order]), JSON.stringify(order)).toMatchObject({ ok: true });
    }
  });
});

describe('reading an order', () => {
  /** Orders of every type, then each bent out of shape in the ways a hand-edited file or a buggy player would. */
  function corpus(): unknown[] {
    const state = idle(newGame('read-orders'), 3);
    const valid: Record<string, unknown>[] = [
      ...legalOrders(SCENARIO, state, 'us'),
      ...legalOrders(SCENARIO, state, 'iran'),
      { type: 'create-front', group: 'kh', retire: 'front-x' },
      { type: 'publish-evidence', front: 'nobody' },
      { type: 'red-line' },
    ];
    const types = new Set(valid.map((o) => o.type));
    expect([...US_ORDER_TYPES, ...IRAN_ORDER_TYPES].filter((t) => !types.has(t))).toEqual([]);
    const out: unknown[] = [null, undefined, 3, 'hold', [], [{ type: 'hold' }], {}, { type: 'no-such-order' }];
    out.push(
      { type: 3 },
      Object.assign(Object.create(null), { type: 'hold' }),
      new (class Hold {
        type = 'hold';
      })(),
    );
    out.push(Object.create({ type: 'hold' }), Object.assign(Object.create({ site: 'x' }), { type: 'strike-site' }));
    for (const o of valid) {
      out.push(
        o,
        { ...o },
        Object.fromEntries(Object.entries(o).reverse()),
        { ...o, extra: 1 },
        { ...o, extra: undefined },
      );
      for (const key of Object.keys(o)) {
        const { [key]: _, ...without } = o;
        out.push(without);
        for (const bad of ['', 0, 1, true, false, null, undefined, {}, [], 'x']) out.push({ ...o, [key]: bad });
      }
    }
    return out;
  }

  it('reads every input as orderSchema does, to the order of the keys', () => {
    let accepted = 0;
    for (const raw of corpus()) {
      const ours = readOrder(raw);
      const zods = orderSchema.safeParse(raw);
      const what = JSON.stringify(raw) ?? String(raw);
      expect(ours.success, what).toBe(zods.success);
      if (ours.success && zods.success) {
        accepted++;
        expect(ours.data, what).toStrictEqual(zods.data);
        expect(JSON.stringify(ours.data), what).toBe(JSON.stringify(zods.data));
        expect(ours.data, what).not.toBe(raw);
      } else expect(ours.error?.issues, what).toEqual(zods.error?.issues);
    }
    expect(accepted).toBeGreaterThan(100);
  });
});
