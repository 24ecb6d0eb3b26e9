import {
  type Dice,
  type Order,
  type OrderType,
  type Scenario,
  type SeatView,
  type Side,
  specOf,
  US_ORDER_TYPES,
} from '../engine/index.ts';
import type { Decision } from './simple.ts';

/**
 * Scripted policies: fixed plans that ignore the crisis, kept as measuring instruments (issue 12). Each is a floor
 * a good player must beat and a probe of the model: if holding every week still ends in war, the dice decide; if
 * two cheap orders every week beat the strategist, the model rewards a cheap denial. They are not opponents anyone
 * chose for their play, so they never reason beyond the plan.
 */
export interface Script {
  id: string;
  side: Side;
  label: string;
  description: string;
  /** The orders wanted this week, most wanted first; `legal` says whether one order alone is allowed now. */
  decide: (scenario: Scenario, view: SeatView, dice: Dice, legal: (o: Order) => boolean) => Order[];
}

/** The side's two cheapest political (non-violent) orders, cheapest first, ties in the scenario's order. */
export function cheapestPolitical(scenario: Scenario, side: Side): OrderType[] {
  const mine = scenario.orders.filter(
    (o) => o.severity === 'non-violent' && (US_TYPES.has(o.type) ? 'us' : 'iran') === side,
  );
  return [...mine]
    .sort((a, b) => a.cost - b.cost)
    .slice(0, 2)
    .map((o) => o.type);
}

const US_HOLD: Order = { type: 'hold' };

/** An order with no target, as the engine's Order union spells it. */
const bare = (type: OrderType): Order => ({ type }) as Order;

const US_TYPES: ReadonlySet<OrderType> = new Set(US_ORDER_TYPES);

export const SCRIPTS: readonly Script[] = [
  {
    id: 'hold',
    side: 'us',
    label: 'Script: hold every week',
    description: 'Holds every week and does nothing else: the passive baseline.',
    decide: (_s, _v, _d, legal) => [US_HOLD].filter(legal),
  },
  {
    id: 'strike',
    side: 'us',
    label: 'Script: strike every week',
    description: 'Strikes a proxy site every week when it may (a site drawn at random), otherwise holds.',
    decide: (scenario, _v, dice, legal) => {
      const sites = scenario.iran.proxySites.map((p): Order => ({ type: 'strike-site', site: p.site })).filter(legal);
      if (sites.length > 0) return [sites[dice.int(sites.length)]!];
      return [US_HOLD].filter(legal);
    },
  },
  {
    id: 'cheap-politics',
    side: 'us',
    label: 'Script: the two cheapest political orders',
    description: "Gives the Coalition's two cheapest non-violent orders every week, whichever are allowed.",
    decide: (scenario, _v, _d, legal) => cheapestPolitical(scenario, 'us').map(bare).filter(legal),
  },
  {
    id: 'restrain',
    side: 'iran',
    label: 'Script: restrain the proxies every week',
    description: 'Restrains its proxies every week and does nothing else.',
    decide: (_s, _v, _d, legal) => [bare('restrain-proxies')].filter(legal),
  },
  {
    id: 'nothing',
    side: 'iran',
    label: 'Script: order nothing',
    description: 'Gives no orders at all: the militias are left to themselves.',
    decide: () => [],
  },
  {
    id: 'cheap-politics',
    side: 'iran',
    label: 'Script: the two cheapest political orders',
    description: "Gives Iran's two cheapest non-violent orders every week, whichever are allowed.",
    decide: (scenario, _v, _d, legal) => cheapestPolitical(scenario, 'iran').map(bare).filter(legal),
  },
  {
    id: 'evict-coup',
    side: 'iran',
    label: 'Script: eviction campaign and the coup story',
    description: "Pushes the eviction campaign and spreads the 'US coup' story every week, and never restrains.",
    decide: (_s, _v, _d, legal) => [bare('eviction-campaign'), bare('info-operation')].filter(legal),
  },
];

/**
 * A script's decision: its wanted orders that are each legal, kept while they fit the week's budget and order
 * limit together (each was checked alone).
 */
export function decideScript(
  scenario: Scenario,
  script: Script,
  view: SeatView,
  dice: Dice,
  legal: (o: Order) => boolean,
): Decision {
  const budget = (script.side === 'us' ? view.us.politicalCapital : view.iran.resources) ?? 0;
  const orders: Order[] = [];
  let left = budget;
  for (const o of script.decide(scenario, view, dice, legal)) {
    if (orders.length >= scenario.ordersPerTurn) break;
    const cost = specOf(scenario, o.type).cost;
    if (cost > left || orders.some((x) => x.type === o.type)) continue;
    left -= cost;
    orders.push(o);
  }
  const plan = script.label.replace(/^Script: (.)/, (_, first: string) => first.toUpperCase());
  return { orders, reasons: orders.map(() => `${plan}, whatever happens: the plan does not look at the crisis.`) };
}
