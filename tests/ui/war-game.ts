import type { Order, Scenario, Side } from '../../src/engine/index.ts';
import { Session, type Settings } from '../../src/ui/session.ts';

/**
 * A hotseat game pushed to war: both sides give the most expensive violent orders they can pay for, every week.
 * `beforeWeek` runs at the start of each week (a facilitator's inject, say). Shared by the "what if" tests.
 */
export async function warGame(
  scenario: Scenario,
  over: Partial<Settings> = {},
  beforeWeek: (session: Session) => void = () => undefined,
): Promise<Session> {
  const made = Session.create(scenario, {
    scenarioId: scenario.id,
    seed: '909',
    preset: null,
    side: 'us',
    opponent: 'hotseat',
    ...over,
  });
  if (!made.ok) throw new Error(made.errors[0]?.message);
  const game = made.value;
  const cost = (o: Order) => scenario.orders.find((x) => x.type === o.type)!.cost;
  const violent = (side: Side): Order[] => {
    const view = game.view(side);
    let budget = side === 'us' ? (view.us.politicalCapital ?? 0) : (view.iran.resources ?? 0);
    const picks: Order[] = [];
    const menu = view.legalOrders
      .filter((o) => scenario.orders.find((x) => x.type === o.type)?.severity === 'violent')
      .sort((a, b) => cost(b) - cost(a));
    for (const o of menu) {
      if (picks.some((p) => p.type === o.type) || cost(o) > budget || picks.length >= scenario.ordersPerTurn) continue;
      picks.push(o);
      budget -= cost(o);
    }
    return picks;
  };
  while (!game.over) {
    beforeWeek(game);
    for (const side of ['us', 'iran'] as const) {
      const r = await game.commit(side, violent(side));
      if (!r.ok) throw new Error(r.errors[0]?.message);
    }
  }
  return game;
}
