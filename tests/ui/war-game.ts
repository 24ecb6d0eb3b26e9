import type { Scenario } from '../../src/engine/index.ts';
import { Session, type Settings } from '../../src/ui/session.ts';
import { violentOrders } from '../browser/escalated.ts';

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
  while (!game.over) {
    beforeWeek(game);
    for (const side of ['us', 'iran'] as const) {
      const r = await game.commit(side, violentOrders(game, side));
      if (!r.ok) throw new Error(r.errors[0]?.message);
    }
  }
  return game;
}
