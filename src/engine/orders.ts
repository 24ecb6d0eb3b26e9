import { z } from 'zod';
import { frontName, groupName, siteName } from './narrate.ts';
import { type EngineError, failMany, jsonPath, ok, type Result } from './result.ts';
import { type OrderType, sideOfOrder } from './order-types.ts';
import type { OrderSpec, Scenario } from './scenario.ts';
import type { BaseState, FrontState, GameState, GroupState, PlanState, Side } from './state.ts';

const ref = z.string().min(1);
/** How an attack is claimed: by a front (its id), openly by the group, or not at all. */
const claim = z.string().min(1);

/** Orders as players give them: a `type`-tagged union, validated at every edge (UI, files, AI). */
export const orderSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('strike-site'), site: ref }),
  z.strictObject({ type: z.literal('campaign'), group: ref }),
  z.strictObject({ type: z.literal('leadership-strike'), group: ref }),
  z.strictObject({ type: z.literal('hand-over-base'), base: ref }),
  z.strictObject({ type: z.literal('deploy-air-defence'), base: ref }),
  z.strictObject({ type: z.literal('surge-isr') }),
  z.strictObject({ type: z.literal('publish-evidence'), front: ref }),
  z.strictObject({ type: z.literal('red-line') }),
  z.strictObject({ type: z.literal('us-swiss-message') }),
  z.strictObject({ type: z.literal('sanctions') }),
  z.strictObject({ type: z.literal('waiver-shorten') }),
  z.strictObject({ type: z.literal('waiver-extend') }),
  z.strictObject({ type: z.literal('back-designate') }),
  z.strictObject({ type: z.literal('counter-isis') }),
  z.strictObject({ type: z.literal('ordered-departure') }),
  z.strictObject({ type: z.literal('reinforce'), base: ref }),
  z.strictObject({ type: z.literal('hold') }),
  z.strictObject({ type: z.literal('rocket-attack'), group: ref, base: ref, claim }),
  z.strictObject({ type: z.literal('lethal-barrage'), group: ref, base: ref, claim }),
  z.strictObject({ type: z.literal('embassy-attack'), group: ref, claim }),
  z.strictObject({ type: z.literal('economic-attack'), group: ref, site: ref, claim }),
  z.strictObject({ type: z.literal('convoy-attack'), group: ref, claim }),
  z.strictObject({ type: z.literal('create-front'), group: ref, retire: ref.nullable() }),
  z.strictObject({ type: z.literal('missile-strike'), base: ref, warned: z.boolean() }),
  z.strictObject({ type: z.literal('embassy-siege') }),
  z.strictObject({ type: z.literal('public-threat') }),
  z.strictObject({ type: z.literal('military-drill') }),
  z.strictObject({ type: z.literal('eviction-campaign') }),
  z.strictObject({ type: z.literal('info-operation') }),
  z.strictObject({ type: z.literal('envoy') }),
  z.strictObject({ type: z.literal('smuggle-missiles'), group: ref }),
  z.strictObject({ type: z.literal('horizontal-escalation') }),
  z.strictObject({ type: z.literal('iran-swiss-message') }),
  z.strictObject({ type: z.literal('restrain-proxies') }),
]);

export type Order = z.infer<typeof orderSchema>;

/** The fields of each order type after `type`, in the schema's order: an id, an id or null, or a flag. */
const ORDER_FIELDS: { readonly [T in OrderType]: readonly (readonly [string, 'id' | 'id-or-null' | 'flag'])[] } = {
  'strike-site': [['site', 'id']],
  campaign: [['group', 'id']],
  'leadership-strike': [['group', 'id']],
  'hand-over-base': [['base', 'id']],
  'deploy-air-defence': [['base', 'id']],
  'surge-isr': [],
  'publish-evidence': [['front', 'id']],
  'red-line': [],
  'us-swiss-message': [],
  sanctions: [],
  'waiver-shorten': [],
  'waiver-extend': [],
  'back-designate': [],
  'counter-isis': [],
  'ordered-departure': [],
  reinforce: [['base', 'id']],
  hold: [],
  'rocket-attack': [
    ['group', 'id'],
    ['base', 'id'],
    ['claim', 'id'],
  ],
  'lethal-barrage': [
    ['group', 'id'],
    ['base', 'id'],
    ['claim', 'id'],
  ],
  'embassy-attack': [
    ['group', 'id'],
    ['claim', 'id'],
  ],
  'economic-attack': [
    ['group', 'id'],
    ['site', 'id'],
    ['claim', 'id'],
  ],
  'convoy-attack': [
    ['group', 'id'],
    ['claim', 'id'],
  ],
  'create-front': [
    ['group', 'id'],
    ['retire', 'id-or-null'],
  ],
  'missile-strike': [
    ['base', 'id'],
    ['warned', 'flag'],
  ],
  'embassy-siege': [],
  'public-threat': [],
  'military-drill': [],
  'eviction-campaign': [],
  'info-operation': [],
  envoy: [],
  'smuggle-missiles': [['group', 'id']],
  'horizontal-escalation': [],
  'iran-swiss-message': [],
  'restrain-proxies': [],
};
const FIELDS_BY_TYPE = new Map<string, (typeof ORDER_FIELDS)[OrderType]>(Object.entries(ORDER_FIELDS));

/**
 * An order read as orderSchema reads it. A plain object that is exactly a valid order is copied here directly,
 * as zod would copy it; anything else goes to zod, which also words the problems. Every order of every turn is
 * read, and zod's general machinery was a tenth of a batch's time (tests/engine/illegal-orders.test.ts holds the two
 * to the same answers).
 */
export function readOrder(raw: unknown): ReturnType<typeof orderSchema.safeParse> {
  const order = plainOrder(raw);
  return order ? { success: true, data: order } : orderSchema.safeParse(raw);
}

function plainOrder(raw: unknown): Order | null {
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return null;
  const r = raw as Record<string, unknown>;
  const fields = typeof r.type === 'string' && Object.hasOwn(r, 'type') ? FIELDS_BY_TYPE.get(r.type) : undefined;
  if (!fields) return null;
  const out: Record<string, unknown> = { type: r.type };
  for (const [name, kind] of fields) {
    if (!Object.hasOwn(r, name)) return null;
    const v = r[name];
    const fits =
      kind === 'flag'
        ? typeof v === 'boolean'
        : (typeof v === 'string' && v.length > 0) || (kind === 'id-or-null' && v === null);
    if (!fits) return null;
    out[name] = v;
  }
  let keys = 0;
  for (const _ in r) keys++;
  return keys === fields.length + 1 ? (out as Order) : null;
}
export type OrderOf<T extends OrderType> = Extract<Order, { type: T }>;
export type AttackOrder = OrderOf<
  'rocket-attack' | 'lethal-barrage' | 'embassy-attack' | 'economic-attack' | 'convoy-attack'
>;

export const isProxyAttack = (o: Order): o is AttackOrder =>
  o.type === 'rocket-attack' ||
  o.type === 'lethal-barrage' ||
  o.type === 'embassy-attack' ||
  o.type === 'economic-attack' ||
  o.type === 'convoy-attack';

interface ScenarioIndex {
  specs: Map<OrderType, OrderSpec>;
  embassy: string;
  proxySites: Set<string>;
  economicSites: Set<string>;
}

const indexes = new WeakMap<Scenario, ScenarioIndex>();
// The last scenario asked about: a run plays one scenario, and this spares the WeakMap its hashing on every order.
let last: { scenario: Scenario; index: ScenarioIndex } | null = null;

/** Lookups built once per scenario object (scenarios are immutable once parsed): orders are checked in hot loops. */
function indexOf(scenario: Scenario): ScenarioIndex {
  if (last?.scenario === scenario) return last.index;
  let index = indexes.get(scenario);
  if (!index) {
    const kinds = new Map(scenario.sites.map((s) => [s.id, s.kind]));
    const embassy = scenario.us.bases.find((b) => kinds.get(b.site) === 'embassy');
    if (!embassy) throw new Error(`scenario ${scenario.id} has no embassy`);
    index = {
      specs: new Map(scenario.orders.map((o) => [o.type, o])),
      embassy: embassy.site,
      proxySites: new Set(scenario.iran.proxySites.map((p) => p.site)),
      economicSites: new Set(scenario.iran.economicSites),
    };
    indexes.set(scenario, index);
  }
  last = { scenario, index };
  return index;
}

/** The scenario's entry for an order type. Every type has one (the scenario check guarantees it). */
export function specOf(scenario: Scenario, type: OrderType): OrderSpec {
  const spec = indexOf(scenario).specs.get(type);
  if (!spec) throw new Error(`scenario ${scenario.id} has no order "${type}"`);
  return spec;
}

/** The embassy's base id in this scenario. */
export const embassyOf = (scenario: Scenario): string => indexOf(scenario).embassy;

/** A base still held by the US (not handed over), whose garrison an attack can hurt. */
export const activeBases = (state: GameState) => state.us.bases.filter((b) => !b.handedOver);

/** Fronts Iran can claim through: not retired. */
export const liveFronts = (state: GameState) => state.iran.fronts.filter((f) => !f.retired);

/**
 * What deciding an order's legality reads: a part of the state a side can see, so a player checks its orders
 * against its view without building a whole believed state (a GameState is one).
 */
export interface OrderFacts {
  outcome: GameState['outcome'];
  baghdad: Pick<GameState['baghdad'], 'consent' | 'waiverTurns' | 'stage'>;
  us: Pick<GameState['us'], 'politicalCapital' | 'isr' | 'redLines' | 'departureOrdered'> & {
    bases: readonly BaseState[];
    plans: readonly Pick<PlanState, 'active'>[];
  };
  iran: Pick<GameState['iran'], 'resources' | 'missileCapability' | 'frontNamesUsed'> & {
    groups: readonly Pick<GroupState, 'id' | 'leaderAlive'>[];
    fronts: readonly Pick<FrontState, 'id' | 'retired' | 'claims' | 'exposed'>[];
  };
}

const illegal = (path: string, message: string, field = ''): EngineError => ({
  code: 'order.illegal',
  message,
  path: field ? `${path}.${field}` : path,
});

const groupOf = (state: OrderFacts, id: string) => state.iran.groups.find((g) => g.id === id);
const baseOf = (state: OrderFacts, id: string) => state.us.bases.find((b) => b.site === id);

function checkGroup(state: OrderFacts, id: string, path: string): EngineError | null {
  return groupOf(state, id) ? null : illegal(path, `unknown group "${id}"`, 'group');
}

// The reasons name what the scenario names (a debrief lists them when a recorded order no longer fits another world);
// only an id the scenario does not know is quoted as given.

/** A site by its name, or its id as given when the scenario has no such site. */
const siteCalled = (scenario: Scenario, id: string): string =>
  scenario.sites.some((x) => x.id === id) ? siteName(scenario, id) : `"${id}"`;

function checkHeldBase(scenario: Scenario, state: OrderFacts, id: string, path: string): EngineError | null {
  const base = baseOf(state, id);
  if (!base) return illegal(path, `unknown base "${id}"`, 'base');
  return base.handedOver ? illegal(path, `${siteName(scenario, id)} has been handed over`, 'base') : null;
}

/** Why a front cannot be named in an order: unknown, or retired (null when it can). */
function frontRefused(scenario: Scenario, state: OrderFacts, id: string): string | null {
  const front = state.iran.fronts.find((f) => f.id === id);
  if (!front) return `unknown front "${id}"`;
  return front.retired ? `${frontName(scenario, id)} has been retired` : null;
}

function checkClaim(scenario: Scenario, state: OrderFacts, claim: string, path: string): EngineError | null {
  if (claim === 'open' || claim === 'unclaimed') return null;
  const refused = frontRefused(scenario, state, claim);
  return refused === null ? null : illegal(path, refused, 'claim');
}

function checkOrder(scenario: Scenario, state: OrderFacts, side: Side, order: Order, path: string): EngineError | null {
  if (sideOfOrder(order.type) !== side)
    return illegal(path, `"${order.type}" is not ${side === 'us' ? 'a US' : 'an Iranian'} order`, 'type');
  const spec = specOf(scenario, order.type);
  if (spec.minConsent !== undefined && state.baghdad.consent < spec.minConsent)
    return illegal(path, `needs Baghdad's consent of at least ${spec.minConsent} (it is ${state.baghdad.consent})`);
  const index = indexOf(scenario);
  switch (order.type) {
    case 'strike-site':
      return index.proxySites.has(order.site)
        ? null
        : illegal(path, `${siteCalled(scenario, order.site)} is not a proxy site`, 'site');
    case 'campaign':
      if (state.us.plans.some((p) => p.active)) return illegal(path, 'a campaign is already running');
      return checkGroup(state, order.group, path);
    case 'leadership-strike': {
      const g = groupOf(state, order.group);
      if (!g) return illegal(path, `unknown group "${order.group}"`, 'group');
      return g.leaderAlive
        ? null
        : illegal(path, `the leader of ${groupName(scenario, order.group)} is already dead`, 'group');
    }
    case 'hand-over-base': {
      const b = baseOf(state, order.base);
      if (!b) return illegal(path, `unknown base "${order.base}"`, 'base');
      const name = siteName(scenario, order.base);
      if (b.handedOver || b.handoverTurns > 0) return illegal(path, `${name} is already handed over`, 'base');
      return b.canHandOver ? null : illegal(path, `${name} cannot be handed over`, 'base');
    }
    case 'deploy-air-defence': {
      const bad = checkHeldBase(scenario, state, order.base, path);
      if (bad) return bad;
      return baseOf(state, order.base)!.airDefence === 'patriot'
        ? illegal(path, `${siteName(scenario, order.base)} already has Patriots`, 'base')
        : null;
    }
    case 'reinforce':
      return checkHeldBase(scenario, state, order.base, path);
    case 'surge-isr':
      return state.us.isr >= 5 ? illegal(path, 'ISR is already at its maximum') : null;
    case 'publish-evidence': {
      // Only a front the US has heard of: one that has claimed an attack or been exposed.
      const f = state.iran.fronts.find((x) => x.id === order.front);
      if (!f) return illegal(path, `no known front "${order.front}"`, 'front');
      const name = frontName(scenario, order.front);
      if (f.retired) return illegal(path, `${name} has been retired`, 'front');
      return f.claims > 0 || f.exposed
        ? null
        : illegal(path, `${name} has claimed nothing yet: the US does not know of it`, 'front');
    }
    case 'red-line':
      return state.us.redLines.some((r) => r.status === 'standing' || r.status === 'crossed')
        ? illegal(path, 'a red line already stands')
        : null;
    case 'waiver-shorten':
      return state.baghdad.waiverTurns <= scenario.baghdad.waiverShortenTo
        ? illegal(path, 'the waiver is already that short')
        : null;
    case 'back-designate':
      return state.baghdad.stage === 'designate' ? null : illegal(path, 'there is no PM-designate to back');
    case 'ordered-departure':
      return state.us.departureOrdered ? illegal(path, 'staff have already been ordered out') : null;
    case 'us-swiss-message':
    case 'sanctions':
    case 'waiver-extend':
    case 'counter-isis':
    case 'hold':
      return null;
    case 'rocket-attack':
    case 'lethal-barrage':
      return (
        checkGroup(state, order.group, path) ??
        checkHeldBase(scenario, state, order.base, path) ??
        checkClaim(scenario, state, order.claim, path)
      );
    case 'embassy-attack':
    case 'convoy-attack':
      return checkGroup(state, order.group, path) ?? checkClaim(scenario, state, order.claim, path);
    case 'economic-attack':
      return (
        checkGroup(state, order.group, path) ??
        (index.economicSites.has(order.site)
          ? null
          : illegal(path, `${siteCalled(scenario, order.site)} is not an economic site`, 'site')) ??
        checkClaim(scenario, state, order.claim, path)
      );
    case 'create-front': {
      const bad = checkGroup(state, order.group, path);
      if (bad) return bad;
      if (state.iran.frontNamesUsed >= scenario.iran.frontNamePool.length) return illegal(path, 'no front names left');
      const retire = order.retire === null ? null : frontRefused(scenario, state, order.retire);
      if (retire !== null) return illegal(path, retire, 'retire');
      return null;
    }
    case 'missile-strike':
      if (state.iran.missileCapability < scenario.attacks.profiles['missile-strike'].arsenalCost)
        return illegal(path, 'not enough missiles left');
      return checkHeldBase(scenario, state, order.base, path);
    case 'smuggle-missiles':
      return checkGroup(state, order.group, path);
    case 'restrain-proxies':
    case 'embassy-siege':
    case 'public-threat':
    case 'military-drill':
    case 'eviction-campaign':
    case 'info-operation':
    case 'envoy':
    case 'horizontal-escalation':
    case 'iran-swiss-message':
      return null;
    default: {
      const never: never = order;
      throw new Error(`unhandled order ${JSON.stringify(never)}`);
    }
  }
}

/** What a side can spend on orders this turn. */
export const budgetOf = (state: OrderFacts, side: Side): number =>
  side === 'us' ? state.us.politicalCapital : state.iran.resources;

/**
 * Checks a side's whole set of orders for this turn against the rules: shape, side, targets, count, budget and
 * duplicates. Returns the parsed orders, or every problem found with its path (`orders[1].base`).
 */
export function validateOrders(scenario: Scenario, state: GameState, side: Side, input: unknown): Result<Order[]> {
  if (state.outcome)
    return failMany([{ code: 'game.over', message: 'the game is over: it accepts no orders', path: 'orders' }]);
  if (!Array.isArray(input))
    return failMany([{ code: 'order.shape', message: 'expected a list of orders', path: 'orders' }]);
  const errors: EngineError[] = [];
  if (input.length > scenario.ordersPerTurn)
    errors.push({
      code: 'order.count',
      path: 'orders',
      message: `at most ${scenario.ordersPerTurn} orders a turn (got ${input.length})`,
    });
  const orders: Order[] = [];
  let cost = 0;
  const seen = new Set<string>();
  input.forEach((raw, i) => {
    const path = `orders[${i}]`;
    const parsed = readOrder(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({
          code: 'order.shape',
          path: `${path}${issue.path.length > 0 ? `.${jsonPath(issue.path)}` : ''}`,
          message: issue.message,
        });
      return;
    }
    const order = parsed.data;
    const problem = checkOrder(scenario, state, side, order, path);
    if (problem) {
      errors.push(problem);
      return;
    }
    if (seen.has(order.type))
      errors.push({ code: 'order.duplicate', path, message: `only one "${order.type}" a turn` });
    seen.add(order.type);
    cost += specOf(scenario, order.type).cost;
    orders.push(order);
  });
  const budget = budgetOf(state, side);
  if (errors.length === 0 && cost > budget)
    errors.push({
      code: 'order.cost',
      path: 'orders',
      message: `these orders cost ${cost} but only ${budget} ${side === 'us' ? 'political capital' : 'resources'} is available`,
    });
  return errors.length > 0 ? failMany(errors) : ok(orders);
}

/**
 * Whether one order, alone, is legal for the side now (what the UI offers, before the count and budget check).
 * Takes a state, or the facts of one a side can see (OrderFacts).
 */
export function isOrderLegal(scenario: Scenario, state: OrderFacts, side: Side, order: Order): boolean {
  if (state.outcome) return false;
  return (
    checkOrder(scenario, state, side, order, 'order') === null &&
    specOf(scenario, order.type).cost <= budgetOf(state, side)
  );
}

/**
 * Every legal single order for a side, with its targets spelled out. Attack claims are listed as 'unclaimed',
 * 'open' and each live front. The UI and the AI offer exactly these; nothing else gets past validateOrders.
 */
export function legalOrders(scenario: Scenario, state: GameState, side: Side): Order[] {
  const out: Order[] = [];
  const push = (o: Order) => {
    if (isOrderLegal(scenario, state, side, o)) out.push(o);
  };
  const groups = state.iran.groups.map((g) => g.id);
  const held = activeBases(state).map((b) => b.site);
  const claims = ['unclaimed', 'open', ...liveFronts(state).map((f) => f.id)];
  if (side === 'us') {
    for (const p of scenario.iran.proxySites) push({ type: 'strike-site', site: p.site });
    for (const g of groups) push({ type: 'campaign', group: g });
    for (const g of groups) push({ type: 'leadership-strike', group: g });
    for (const b of state.us.bases) push({ type: 'hand-over-base', base: b.site });
    for (const b of held) push({ type: 'deploy-air-defence', base: b });
    push({ type: 'surge-isr' });
    for (const f of liveFronts(state)) push({ type: 'publish-evidence', front: f.id });
    push({ type: 'red-line' });
    push({ type: 'us-swiss-message' });
    push({ type: 'sanctions' });
    push({ type: 'waiver-shorten' });
    push({ type: 'waiver-extend' });
    push({ type: 'back-designate' });
    push({ type: 'counter-isis' });
    push({ type: 'ordered-departure' });
    for (const b of held) push({ type: 'reinforce', base: b });
    push({ type: 'hold' });
    return out;
  }
  for (const g of groups) {
    for (const c of claims) {
      for (const b of held) {
        push({ type: 'rocket-attack', group: g, base: b, claim: c });
        push({ type: 'lethal-barrage', group: g, base: b, claim: c });
      }
      push({ type: 'embassy-attack', group: g, claim: c });
      for (const e of scenario.iran.economicSites) push({ type: 'economic-attack', group: g, site: e, claim: c });
      push({ type: 'convoy-attack', group: g, claim: c });
    }
    push({ type: 'create-front', group: g, retire: null });
    for (const f of liveFronts(state)) push({ type: 'create-front', group: g, retire: f.id });
    push({ type: 'smuggle-missiles', group: g });
  }
  for (const b of held) {
    push({ type: 'missile-strike', base: b, warned: true });
    push({ type: 'missile-strike', base: b, warned: false });
  }
  push({ type: 'embassy-siege' });
  push({ type: 'public-threat' });
  push({ type: 'military-drill' });
  push({ type: 'eviction-campaign' });
  push({ type: 'info-operation' });
  push({ type: 'envoy' });
  push({ type: 'horizontal-escalation' });
  push({ type: 'iran-swiss-message' });
  push({ type: 'restrain-proxies' });
  return out;
}
