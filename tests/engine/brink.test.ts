/**
 * The brink (turn/brink.ts): in a week that begins at `ladder.brink.fromRung` or higher, a side that holds its fire
 * while the other fires backs down and pays; when both fire, the exchange may run into war. Only ordered fire
 * counts: a US strike of any kind, a campaign's weekly strike included, and an Iranian violent order; and only fire
 * Iran's side cannot deny, or that kills Americans, puts the US on the spot.
 */
import { describe, expect, it } from 'vitest';
import { forecastOrder, type Ledger, type Order, viewFor } from '../../src/engine/index.ts';
import { groupIn, newGame, play, quiet, type ScenarioPatch, withScenario } from './helpers.ts';

const BRINK = {
  fromRung: 10,
  exchangeWar: 1000,
  usBacksDown: { resolve: -25, credibility: -20 },
  iranBacksDown: { consent: 15, evictionPressure: -10 },
};
const atBrink: ScenarioPatch = (x) => {
  x.ladder.brink = BRINK;
  x.ladder.start = BRINK.fromRung;
  x.attacks.curfewCaught = 0;
  x.baghdad.consentDrift = 0;
};
const S = withScenario(quiet, atBrink);
const below = withScenario(quiet, atBrink, (x) => {
  x.ladder.start = BRINK.fromRung - 1;
});
const calmExchange = withScenario(quiet, atBrink, (x) => {
  x.ladder.brink = { ...BRINK, exchangeWar: 0 };
});

const rockets: Order[] = [{ type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'open' }];
const strike: Order[] = [{ type: 'strike-site', site: 'jurf-al-sakhar' }];
const campaign: Order[] = [{ type: 'campaign', group: 'kh' }];

/** The parts of a figure's change the brink booked for a side. */
const brinkParts = (ledger: Ledger, kind: string): number[] =>
  (ledger.find((l) => l.variable.kind === kind)?.parts ?? [])
    .filter((p) => p.cause.kind === 'brink')
    .map((p) => p.delta);

describe('the brink', () => {
  it('the US holding its fire while Iran fires backs down: resolve and credibility lost, booked to the brink', () => {
    const r = play(newGame('brink-us', S), [{ type: 'hold' }], rockets);
    expect(brinkParts(r.ledger, 'resolve')).toEqual([BRINK.usBacksDown.resolve]);
    expect(brinkParts(r.ledger, 'credibility')).toEqual([BRINK.usBacksDown.credibility]);
    expect(brinkParts(r.ledger, 'consent')).toEqual([]);
    expect(r.events.filter((e) => e.type === 'backed-down')).toEqual([
      { type: 'backed-down', side: 'us', audience: 'all' },
    ]);
    expect(r.state.outcome).toBeNull();
  });

  it('a deniable attack does not put the US on the spot, even one that kills Americans', () => {
    const deadly = withScenario(quiet, atBrink, (x) => {
      Object.assign(x.attacks.profiles['rocket-attack'], { hitPerMille: 1000, killPerHit: 1000 });
      x.attacks.resolvePerDeath = 0;
      for (const b of x.us.bases) Object.assign(b, { exposure: 100, airDefence: 'none' });
    });
    const unclaimed: Order[] = [{ type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'unclaimed' }];
    const r = play(newGame('brink-deniable', deadly), [{ type: 'hold' }], unclaimed);
    expect(r.state.attacks.at(-1)!.casualties.usKilled).toBeGreaterThan(0);
    expect(brinkParts(r.ledger, 'resolve')).toEqual([]);
    // The same attack claimed openly does.
    const open = play(newGame('brink-deniable', deadly), [{ type: 'hold' }], rockets);
    expect(brinkParts(open.ledger, 'resolve')).toEqual([BRINK.usBacksDown.resolve]);
  });

  it('IRGC missiles, never deniable, put the US on the spot', () => {
    const r = play(
      newGame('brink-missiles', S),
      [{ type: 'hold' }],
      [{ type: 'missile-strike', base: 'ain-al-asad', warned: true }],
    );
    expect(brinkParts(r.ledger, 'credibility')).toEqual([BRINK.usBacksDown.credibility]);
  });

  it("Iran's side holding its fire while the US strikes backs down: Baghdad turns toward the US", () => {
    const r = play(newGame('brink-iran', S), strike, []);
    expect(brinkParts(r.ledger, 'consent')).toEqual([BRINK.iranBacksDown.consent]);
    expect(brinkParts(r.ledger, 'evictionPressure')).toEqual([BRINK.iranBacksDown.evictionPressure]);
    expect(brinkParts(r.ledger, 'resolve')).toEqual([]);
    expect(r.events.filter((e) => e.type === 'backed-down').map((e) => e.type === 'backed-down' && e.side)).toEqual([
      'iran',
    ]);
  });

  it('both firing in the same week runs into war at the exchange chance, the move booked to the brink', () => {
    const r = play(newGame('brink-both', S), strike, rockets);
    expect(r.state.outcome?.result).toBe('shared-loss');
    expect(r.state.ladder.rung).toBe(S.ladder.war);
    const rung = r.ledger.find((l) => l.variable.kind === 'rung')!;
    expect(rung.parts.at(-1)?.cause).toEqual({ kind: 'rung', move: 'brink' });
    expect(rung.after - rung.before).toBe(rung.parts.reduce((t, p) => t + p.delta, 0));
    expect(r.events.some((e) => e.type === 'backed-down')).toBe(false);
    // With no chance of running out of hand, the same exchange costs neither side and brings no war.
    const calm = play(newGame('brink-both', calmExchange), strike, rockets);
    expect(calm.state.outcome).toBeNull();
    expect(brinkParts(calm.ledger, 'resolve')).toEqual([]);
    expect(brinkParts(calm.ledger, 'consent')).toEqual([]);
  });

  it('neither side firing costs nothing', () => {
    const r = play(newGame('brink-none', S), [{ type: 'us-swiss-message' }], [{ type: 'iran-swiss-message' }]);
    expect(r.ledger.flatMap((l) => l.parts).filter((p) => p.cause.kind === 'brink')).toEqual([]);
    expect(r.state.outcome).toBeNull();
  });

  it('does nothing in a week that begins below its rung', () => {
    const r = play(newGame('brink-below', below), [{ type: 'hold' }], rockets);
    expect(brinkParts(r.ledger, 'resolve')).toEqual([]);
    const both = play(newGame('brink-below', below), strike, rockets);
    expect(both.state.outcome).toBeNull();
  });

  it("a campaign's weekly strike is US fire: a running campaign does not back down, and meets Iran's fire", () => {
    const started = play(newGame('brink-campaign', calmExchange), campaign, []);
    // The week it began its first strike fell: Iran, holding, backed down.
    expect(brinkParts(started.ledger, 'consent')).toEqual([BRINK.iranBacksDown.consent]);
    const next = play(started.state, [{ type: 'hold' }], rockets);
    expect(next.state.strikes.some((x) => x.turn === started.state.turn)).toBe(true);
    expect(brinkParts(next.ledger, 'resolve')).toEqual([]);
  });

  it('a militia firing alone is not Iran firing: Iran, ordering no attack, still backs down before a US strike', () => {
    const loose = withScenario(quiet, atBrink, (x) => {
      x.attacks.autonomyPerAggression = 20;
      x.attacks.autonomyThreshold = 0;
      x.attacks.redLineDeterrence = 0;
      x.attacks.isrDeterrence = 0;
      x.us.redLineStanding = false;
      for (const g of x.iran.groups) Object.assign(groupIn(x, g.id), { aggression: 100, cohesion: 0, arsenal: 100 });
    });
    const r = play(newGame('brink-alone', loose), strike, []);
    expect(r.state.attacks.some((a) => a.autonomous)).toBe(true);
    expect(brinkParts(r.ledger, 'consent')).toEqual([BRINK.iranBacksDown.consent]);
    expect(r.state.outcome).toBeNull();
  });

  it("the order's forecast says what its fire asks of the other side at the brink, and nothing below it", () => {
    const notes = (scenario: typeof S, side: 'us' | 'iran', order: Order) =>
      forecastOrder(scenario, viewFor(scenario, newGame('brink-forecast', scenario), side, false), order).notes.filter(
        (n) => n.startsWith('At the brink'),
      );
    expect(notes(S, 'us', strike[0]!)).toEqual([
      "At the brink: if Iran's side holds its fire this week, it backs down (Baghdad's consent +15, eviction pressure −10).",
    ]);
    const onTheSpot =
      'At the brink this puts the US on the spot: if it strikes nothing this week, it backs down (resolve −25, credibility −20).';
    expect(notes(S, 'iran', rockets[0]!)).toEqual([onTheSpot]);
    expect(notes(S, 'iran', { type: 'missile-strike', base: 'ain-al-asad', warned: true })).toEqual([onTheSpot]);
    expect(notes(S, 'iran', { type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'unclaimed' })).toEqual([
      'At the brink a deniable act does not put the US on the spot: it can hold its fire without backing down.',
    ]);
    expect(notes(S, 'iran', { type: 'iran-swiss-message' })).toEqual([]);
    expect(notes(below, 'us', strike[0]!)).toEqual([]);
  });
});
