/**
 * An order's forecast promises the effects its rule applies (issue 12 item 6): where a rule reads more than the
 * order's own `effects` (bases held, surveillance, a leaked plan, a red line's credibility, a strike's price in
 * Baghdad), the forecast's sure effects equal the ledger's parts for that order in the week it resolves.
 */
import { describe, expect, it } from 'vitest';
import {
  type Cause,
  type Forecast,
  forecastOrder,
  type GameState,
  type Ledger,
  type Order,
  type Side,
  type Variable,
  viewFor,
} from '../../src/engine/index.ts';
import { embassyOf } from '../../src/engine/orders.ts';
import { clone, newGame, play, quiet, scenarioOf, withScenario } from './helpers.ts';

/** The ledger figure an effect moves, where the ledger books it. */
const FIGURE: Partial<Record<Forecast['effects'][number]['key'], Variable>> = {
  consent: { kind: 'consent' },
  evictionPressure: { kind: 'evictionPressure' },
  usResolve: { kind: 'resolve' },
  credibility: { kind: 'credibility' },
  isis: { kind: 'isis' },
  iranResources: { kind: 'iranResources' },
};

/** The sum of a figure's parts whose cause the order made (the order itself, or the strike it flew). */
function bookedBy(ledger: Ledger, v: Variable, mine: (c: Cause) => boolean): number {
  const line = ledger.find((l) => JSON.stringify(l.variable) === JSON.stringify(v));
  return (line?.parts ?? []).filter((p) => mine(p.cause)).reduce((t, p) => t + p.delta, 0);
}

/** Forecasts the order for `side`, plays it alone, and compares every sure effect with what the ledger booked. */
function expectForecastBooked(state: GameState, side: Side, order: Order, mine: (c: Cause) => boolean): Forecast {
  const scenario = scenarioOf(state);
  const forecast = forecastOrder(scenario, viewFor(scenario, state, side), order);
  const { ledger } = side === 'us' ? play(state, [order], []) : play(state, [], [order]);
  const compared: string[] = [];
  for (const e of forecast.effects) {
    const v =
      e.key === 'frontDeniability' && order.type === 'publish-evidence'
        ? ({ kind: 'deniability', front: order.front } as Variable)
        : e.key === 'baseExposure' && order.type === 'ordered-departure'
          ? ({ kind: 'base', base: embassyOf(scenario), field: 'exposure' } as Variable)
          : FIGURE[e.key];
    if (!v) continue;
    expect(bookedBy(ledger, v, mine), `${order.type}: ${e.label}`).toBe(e.delta);
    compared.push(e.key);
  }
  expect(compared.length).toBeGreaterThan(0);
  return forecast;
}

const byOrder = (type: Order['type']) => (c: Cause) => c.kind === 'order' && c.order === type;
const Q = withScenario(quiet);

describe('the forecast promises what the rule applies', () => {
  it('counter-ISIS work is scaled by the bases still held', () => {
    const state = clone(newGame('forecast-isis', Q));
    for (const b of state.us.bases.filter((x) => x.canHandOver).slice(0, 3)) b.handedOver = true;
    const f = expectForecastBooked(state, 'us', { type: 'counter-isis' }, byOrder('counter-isis'));
    const own = scenarioOf(state).orders.find((o) => o.type === 'counter-isis')!.effects.isis!;
    expect(f.effects.find((e) => e.key === 'isis')!.delta).not.toBe(own); // fewer bases, a smaller cut
  });

  it('published evidence strips more deniability under more surveillance', () => {
    const state = clone(newGame('forecast-evidence', Q));
    state.us.isr = 3;
    const front = state.iran.fronts[0]!;
    front.claims = 1; // the US knows of a front only once it has claimed something
    const order: Order = { type: 'publish-evidence', front: front.id };
    const f = expectForecastBooked(state, 'us', order, byOrder('publish-evidence'));
    const own = scenarioOf(state).orders.find((o) => o.type === 'publish-evidence')!.effects.frontDeniability!;
    expect(f.effects.find((e) => e.key === 'frontDeniability')!.delta).toBeLessThan(own);
  });

  it('the coup story lands harder once a US strike plan has leaked', () => {
    const state = clone(newGame('forecast-coup', Q));
    state.us.plans.push({
      id: 9999,
      kind: 'campaign',
      group: 'kh',
      turnsLeft: 0,
      active: false,
      leaked: true,
      startedTurn: 1,
    });
    const f = expectForecastBooked(state, 'iran', { type: 'info-operation' }, byOrder('info-operation'));
    const own = scenarioOf(state).orders.find((o) => o.type === 'info-operation')!.effects.evictionPressure ?? 0;
    expect(f.effects.find((e) => e.key === 'evictionPressure')!.delta).toBeGreaterThan(own);
  });

  it('a red line earns the credibility the rule gives a public commitment', () => {
    const state = clone(newGame('forecast-red-line', Q));
    state.us.redLines = []; // one stands at the start: a second cannot be declared over it
    const f = expectForecastBooked(state, 'us', { type: 'red-line' }, byOrder('red-line'));
    expect(f.effects.find((e) => e.key === 'credibility')?.delta).toBe(scenarioOf(state).redLines.declareCredibility);
  });

  it("rockets on an oil site cost Iran's side the week's income, and the forecast says so", () => {
    // The order's own effects move US resolve; the rule docks the week's income in the economy step.
    const state = newGame('forecast-oil', Q);
    const order: Order = { type: 'economic-attack', group: 'nujaba', site: 'burjesia', claim: 'unclaimed' };
    const f = expectForecastBooked(
      state,
      'iran',
      order,
      (c) =>
        (c.kind === 'attack' && c.attack === 'economic-attack') ||
        (c.kind === 'income' && c.rule === 'economic-attack'),
    );
    expect(f.effects.find((e) => e.key === 'iranResources')?.delta).toBe(scenarioOf(state).domestic.economicIncome);
    expect(f.effects.find((e) => e.key === 'usResolve')?.delta).toBe(
      scenarioOf(state).orders.find((o) => o.type === 'economic-attack')!.effects.usResolve,
    );
  });

  it("a strike's price in Baghdad is in its forecast, at a depot and more at a PMU position", () => {
    // What a strike turns out to hit (a wrong target, Iraqi dead, weak evidence) is told as a risk, not a sure effect.
    const S = withScenario(quiet, (s) => {
      s.strikes.wrongTargetConsent = 0;
      s.strikes.lowConfidenceConsent = 0;
      for (const p of s.iran.proxySites) p.civilianRisk = 0;
    });
    const prices = ['jurf-al-sakhar', 'qaim-border'].map((site) => {
      const state = newGame(`forecast-strike-${site}`, S);
      const f = expectForecastBooked(
        state,
        'us',
        { type: 'strike-site', site },
        (c) => c.kind === 'strike' || byOrder('strike-site')(c),
      );
      expect(f.notes.some((n) => n.includes('did not in fact attack'))).toBe(true);
      return f.effects.find((e) => e.key === 'consent')!.delta;
    });
    expect(prices[0]).toBe(S.strikes.consent);
    expect(prices[1]).toBe(S.strikes.consent + S.strikes.stateInstitutionConsent);
  });

  it('reinforcing costs resolve at home and ordering staff out makes the embassy a smaller target, as the rules do', () => {
    const state = newGame('forecast-posture', Q);
    const S = scenarioOf(state);
    const own = (type: Order['type']) => S.orders.find((o) => o.type === type)!.effects;
    const reinforce = expectForecastBooked(state, 'us', { type: 'reinforce', base: 'taji' }, byOrder('reinforce'));
    expect(reinforce.effects.find((e) => e.key === 'usResolve')?.delta).toBe(
      (own('reinforce').usResolve ?? 0) + S.domestic.reinforceResolve,
    );
    expect(reinforce.notes.join(' ')).toContain(`${S.domestic.reinforceTroops} more troops`);
    const departure = expectForecastBooked(state, 'us', { type: 'ordered-departure' }, byOrder('ordered-departure'));
    expect(departure.effects.find((e) => e.key === 'baseExposure')?.delta).toBe(S.domestic.departureExposure);
  });

  it('a shipment refills the group’s rockets, and its ladder push comes only if it is spotted', () => {
    const state = clone(newGame('forecast-smuggle', Q));
    const group = state.iran.groups.find((g) => g.id === 'kh')!;
    group.arsenal = 20;
    const S = scenarioOf(state);
    const f = forecastOrder(S, viewFor(S, state, 'iran'), { type: 'smuggle-missiles', group: 'kh' });
    expect(f.effects.find((e) => e.key === 'groupArsenal')?.delta).toBe(S.domestic.smuggleArsenal);
    expect(f.ladderWhen).toBe('spotted');
    const { state: after } = play(state, [], [{ type: 'smuggle-missiles', group: 'kh' }]);
    expect(after.iran.groups.find((g) => g.id === 'kh')!.arsenal).toBe(20 + S.domestic.smuggleArsenal);
  });

  it('a siege promises nothing sure: what it does if the crowd breaks in, and if not, are told apart', () => {
    const state = newGame('forecast-siege', Q);
    const S = scenarioOf(state);
    const view = viewFor(S, state, 'iran');
    const f = forecastOrder(S, view, { type: 'embassy-siege' });
    expect(f.effects).toEqual([]);
    expect(f.ladderWhen).toBe('succeeds');
    expect(f.odds.map((o) => o.perMille)).toEqual([S.domestic.siegeChance]);
    const spec = S.orders.find((o) => o.type === 'embassy-siege')!;
    expect(f.notes.find((n) => n.startsWith('If they break in'))).toContain(`ladder pressure +${spec.ladder}`);
    expect(f.notes.find((n) => n.startsWith('If they do not'))).toContain(
      `Eviction pressure −${-spec.failEffects!.evictionPressure!}`,
    );
    // The other kinds of push: a strike outside Iraq always in full, an attack as far as it is pinned.
    expect(forecastOrder(S, view, { type: 'horizontal-escalation' }).ladderWhen).toBe('always');
    const rocket: Order = { type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'unclaimed' };
    expect(forecastOrder(S, view, rocket).ladderWhen).toBe('pinned');
  });
});
