/**
 * The order form's ladder line follows each order's own rule (turn/iran-orders.ts, turn/proxy-attacks.ts): a strike
 * outside Iraq pushes in full, smuggled missiles only if spotted, a siege only if it breaks in, a proxy attack as far
 * as it is pinned. Every number is the forecast's or the scenario's.
 */
import { describe, expect, it } from 'vitest';
import { createGame, forecastOrder, type Order, type Scenario, viewFor } from '../../src/engine/index.ts';
import { ladderPush } from '../../src/ui/game/order-forecast.ts';
import { shippedScenario } from '../shipped.ts';

const scenario: Scenario = shippedScenario('two-boxers');
const game = createGame(scenario, '7');
if (!game.ok) throw new Error('no game');
const view = viewFor(scenario, game.value, 'iran');
const group = scenario.iran.groups[0]!.id;
const push = (order: Order) => ladderPush(scenario, forecastOrder(scenario, view, order));
const ladder = (type: Order['type']) => scenario.orders.find((o) => o.type === type)!.ladder;

describe('the ladder line of an order form', () => {
  it('says a strike outside Iraq pushes its full ladder: it has no claim to make', () => {
    const words = push({ type: 'horizontal-escalation' });
    expect(words).toBe(
      `Ladder pressure: +${ladder('horizontal-escalation')} (every ${scenario.ladder.pressurePerRung} points climb a rung).`,
    );
    expect(words).not.toMatch(/claimed|up to/);
  });

  it('says smuggled missiles push only if the shipment is spotted, at the odds the forecast gives', () => {
    const f = forecastOrder(scenario, view, { type: 'smuggle-missiles', group });
    expect(f.odds.map((o) => o.label)).toContain('US intelligence spots the shipment');
    const words = ladderPush(scenario, f);
    expect(words).toContain(
      `+${ladder('smuggle-missiles')} only if US intelligence spots the shipment (the odds above)`,
    );
    expect(words).not.toMatch(/claimed/);
  });

  it('says a siege pushes only if the crowd breaks in', () => {
    expect(push({ type: 'embassy-siege' })).toContain(
      `+${ladder('embassy-siege')} only if supporters break into the compound`,
    );
  });

  it('says a proxy attack pushes in full only when claimed openly', () => {
    const words = push({ type: 'convoy-attack', group, claim: 'unclaimed' });
    expect(words).toContain(`up to +${ladder('convoy-attack')}, in full if claimed openly`);
  });
});
