import type { Order, Scenario, SeatView, Side } from '../../src/engine/index.ts';
import { Session } from '../../src/ui/session.ts';
import { shippedScenario } from '../shipped.ts';

/**
 * A hotseat game in which both sides give the most expensive violent orders they can pay for, week after week, until
 * the ladder stands at `rung` or higher (a game that reaches war or its end first throws): opened from its share link,
 * the crisis high on the ladder that the browser tests and the screenshots need, in seconds. At the brink only the US
 * fires, Iran's side holding (and backing down): both firing there would most likely end the game in war.
 */
export async function escalatedGame(rung: number, seed = '909'): Promise<Session> {
  const made = Session.create(shippedScenario('two-boxers'), {
    scenarioId: 'two-boxers',
    seed,
    preset: null,
    side: 'us',
    opponent: 'hotseat',
  });
  if (!made.ok) throw new Error(made.errors[0]?.message);
  const game = made.value;
  while (game.state.ladder.rung < rung) {
    if (game.over)
      throw new Error(`seed ${seed}: the game ended at rung ${game.state.ladder.rung} before rung ${rung}`);
    const atBrink = game.state.ladder.rung >= game.scenario.ladder.brink.fromRung;
    for (const side of ['us', 'iran'] as const) {
      const r = await game.commit(side, side === 'iran' && atBrink ? [] : violentOrders(game, side));
      if (!r.ok) throw new Error(r.errors[0]?.message);
    }
  }
  if (game.over) throw new Error(`seed ${seed}: the game ended at rung ${game.state.ladder.rung}`);
  return game;
}

/** The most expensive violent orders a side can pay for this week, one of each kind, as many as a week allows. */
export function violentOrders(game: Session, side: Side): Order[] {
  return violentChoice(game.scenario, game.view(side));
}

/** The same choice from a seat's view alone: a networked team's, say. */
export function violentChoice(scenario: Scenario, view: SeatView): Order[] {
  const side = view.seat;
  const cost = (o: Order) => scenario.orders.find((x) => x.type === o.type)!.cost;
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
}
