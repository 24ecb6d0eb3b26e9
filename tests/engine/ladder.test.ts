/**
 * The escalation ladder: `stepLadder` over a table of named cases on the shipped ladder (20 pressure a rung, at most
 * 2 rungs a turn, gates before rungs 4, 10 and war at 14 that need 30 of ordered pressure in one turn, a quiet turn
 * steps it down), then the ladder in real games: first-of-their-kind acts jump it (when a scenario gives them rungs),
 * a successful siege lifts it to its floor, and incidents nobody ordered lift a crisis standing high but never
 * through a gate, less often in a week either side calms.
 */
import { describe, expect, it } from 'vitest';
import { incidentChance, type Order, rungName } from '../../src/engine/index.ts';
import { type LadderMove, type LadderState, stepLadder } from '../../src/engine/ladder.ts';
import { baseIn, newGame, play, quiet, SCENARIO, withScenario } from './helpers.ts';

const L = SCENARIO.ladder;

interface LadderCase {
  name: string;
  from: Partial<LadderState> & { rung: number };
  pressure: number;
  ordered?: number; // the part of the pressure some side ordered; all of it unless said
  firstJumps?: number;
  to: LadderState;
  moves: LadderMove[];
}

const at = (rung: number, quietTurns = 0, peak = rung): LadderState => ({ rung, peak, quietTurns });

const CASES: LadderCase[] = [
  {
    name: 'pressure below a rung does nothing',
    from: { rung: 6 },
    pressure: L.pressurePerRung - 1,
    to: at(6),
    moves: [],
  },
  {
    name: 'a rung of pressure climbs one rung',
    from: { rung: 6 },
    pressure: L.pressurePerRung,
    to: at(7),
    moves: [{ from: 6, to: 7, cause: 'pressure' }],
  },
  {
    name: 'two rungs of pressure climb two',
    from: { rung: 6 },
    pressure: 2 * L.pressurePerRung,
    to: at(8),
    moves: [{ from: 6, to: 8, cause: 'pressure' }],
  },
  {
    name: 'maxStep caps the climb in one turn',
    from: { rung: 6 },
    pressure: (L.maxStep + 2) * L.pressurePerRung,
    to: at(6 + L.maxStep),
    moves: [{ from: 6, to: 6 + L.maxStep, cause: 'pressure' }],
  },
  {
    name: 'a gate blocks pressure below the gate pressure',
    from: { rung: 3 },
    pressure: L.gatePressure - 1,
    to: at(3),
    moves: [],
  },
  {
    name: 'a gate opens at the gate pressure',
    from: { rung: 3 },
    pressure: L.gatePressure,
    to: at(4),
    moves: [{ from: 3, to: 4, cause: 'pressure' }],
  },
  {
    name: 'pressure nobody ordered does not open a gate, however strong',
    from: { rung: 3 },
    pressure: 10 * L.gatePressure,
    ordered: 0,
    to: at(3),
    moves: [],
  },
  {
    name: 'the ordered part of a push opens the gate',
    from: { rung: 3 },
    pressure: 2 * L.pressurePerRung,
    ordered: L.gatePressure,
    to: at(5),
    moves: [{ from: 3, to: 5, cause: 'pressure' }],
  },
  {
    name: 'a gate stops a climb part-way when too little of the push was ordered',
    from: { rung: 8 },
    pressure: 2 * L.pressurePerRung,
    ordered: L.gatePressure - 1,
    to: at(9),
    moves: [{ from: 8, to: 9, cause: 'pressure' }],
  },
  {
    name: 'strong negative pressure steps down a rung, and the quiet week one more',
    from: { rung: 6 },
    pressure: -L.pressurePerRung,
    to: at(4, 0, 6),
    moves: [
      { from: 6, to: 5, cause: 'pressure' },
      { from: 5, to: 4, cause: 'decay' },
    ],
  },
  {
    name: 'mild negative pressure is a quiet week',
    from: { rung: 6 },
    pressure: -L.pressurePerRung + 1,
    to: at(5, 0, 6),
    moves: [{ from: 6, to: 5, cause: 'decay' }],
  },
  {
    name: 'one quiet turn steps the ladder down',
    from: { rung: 6, quietTurns: 0 },
    pressure: L.calmBelow,
    to: at(5, 0, 6),
    moves: [{ from: 6, to: 5, cause: 'decay' }],
  },
  {
    name: 'pressure just above calm resets the quiet count',
    from: { rung: 6, quietTurns: 1 },
    pressure: L.calmBelow + 1,
    to: at(6, 0),
    moves: [],
  },
  {
    name: 'enough quiet turns in a row step the ladder down',
    from: { rung: 6, quietTurns: L.decayAfterQuiet - 1 },
    pressure: 0,
    to: at(5, 0, 6),
    moves: [{ from: 6, to: 5, cause: 'decay' }],
  },
  {
    name: 'a first-of-its-kind act jumps the ladder through a gate',
    from: { rung: 3 },
    pressure: 0,
    firstJumps: 2,
    to: at(5, 1),
    moves: [{ from: 3, to: 5, cause: 'first' }],
  },
  {
    name: 'a first-of-its-kind act stops the quiet decay',
    from: { rung: 6, quietTurns: L.decayAfterQuiet - 1 },
    pressure: 0,
    firstJumps: 1,
    to: at(7, L.decayAfterQuiet),
    moves: [{ from: 6, to: 7, cause: 'first' }],
  },
  {
    name: 'pressure and a first jump add up',
    from: { rung: 6 },
    pressure: L.pressurePerRung,
    firstJumps: 1,
    to: at(8),
    moves: [
      { from: 6, to: 7, cause: 'pressure' },
      { from: 7, to: 8, cause: 'first' },
    ],
  },
  {
    name: 'the climb stops at war',
    from: { rung: L.war - 1 },
    pressure: 10 * L.gatePressure,
    to: at(L.war),
    moves: [{ from: L.war - 1, to: L.war, cause: 'pressure' }],
  },
  {
    name: 'war is a gate: fire nobody ordered does not start it',
    from: { rung: L.war - 1 },
    pressure: 10 * L.gatePressure,
    ordered: L.gatePressure - 1,
    to: at(L.war - 1),
    moves: [],
  },
  {
    name: 'first jumps stop below war',
    from: { rung: L.war - 2 },
    pressure: L.pressurePerRung - 1,
    firstJumps: 5,
    to: at(L.war - 1),
    moves: [{ from: L.war - 2, to: L.war - 1, cause: 'first' }],
  },
  {
    name: 'negative pressure cannot go below the bottom rung',
    from: { rung: 0 },
    pressure: -10 * L.pressurePerRung,
    to: at(0, 1),
    moves: [],
  },
  {
    name: 'quiet decay cannot go below the bottom rung',
    from: { rung: 0, quietTurns: L.decayAfterQuiet - 1 },
    pressure: 0,
    to: at(0, L.decayAfterQuiet),
    moves: [],
  },
  {
    name: 'the peak is kept on the way down',
    from: { rung: 9, peak: 11, quietTurns: L.decayAfterQuiet - 1 },
    pressure: 0,
    to: at(8, 0, 11),
    moves: [{ from: 9, to: 8, cause: 'decay' }],
  },
];

describe('stepLadder', () => {
  it('uses the shipped ladder this table was written for', () => {
    expect({
      pressurePerRung: L.pressurePerRung,
      gatePressure: L.gatePressure,
      gates: L.gates,
      maxStep: L.maxStep,
      calmBelow: L.calmBelow,
      decayAfterQuiet: L.decayAfterQuiet,
      war: L.war,
    }).toEqual({
      pressurePerRung: 20,
      gatePressure: 30,
      gates: [4, 10],
      maxStep: 2,
      calmBelow: 10,
      decayAfterQuiet: 1,
      war: 14,
    });
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const from: LadderState = { quietTurns: 0, peak: c.from.rung, ...c.from };
    const frozen = Object.freeze({ ...from });
    const push = { pressure: c.pressure, ordered: c.ordered ?? c.pressure };
    expect(stepLadder(SCENARIO, frozen, push, c.firstJumps ?? 0)).toEqual({ ladder: c.to, moves: c.moves });
  });

  it('never leaves 0..war and never lowers the peak, over a grid of inputs', () => {
    for (let rung = 0; rung <= L.war; rung++)
      for (let pressure = -200; pressure <= 200; pressure += 5)
        for (const firstJumps of [0, 1, 2, 5])
          for (const quietTurns of [0, 1, 5]) {
            const push = { pressure, ordered: rung % 2 === 0 ? pressure : 0 };
            const { ladder, moves } = stepLadder(SCENARIO, { rung, peak: rung, quietTurns }, push, firstJumps);
            expect(ladder.rung).toBeGreaterThanOrEqual(0);
            expect(ladder.rung).toBeLessThanOrEqual(L.war);
            expect(ladder.peak).toBe(Math.max(rung, ladder.rung));
            // The moves chain from the old rung to the new one.
            let r = rung;
            for (const m of moves) {
              expect(m.from).toBe(r);
              r = m.to;
            }
            expect(r).toBe(ladder.rung);
          }
  });

  it('names every rung', () => {
    expect(rungName(SCENARIO, 0)).toBe('Uneasy calm');
    expect(rungName(SCENARIO, L.war)).toBe('Open regional war');
    expect(rungName(SCENARIO, 99)).toBe('Open regional war');
  });
});

describe('the ladder in a game', () => {
  /** Rockets that always kill: every one hits taji and every hit kills; nobody else is hurt and nobody is caught. */
  const deadly = (usDeathBrokenBefore: boolean) =>
    withScenario(quiet, (s) => {
      Object.assign(s.attacks.profiles['rocket-attack'], {
        hitPerMille: 1000,
        killPerHit: 1000,
        woundPerHit: 0,
        iraqiPerHit: 0,
        civilianPerHit: 0,
      });
      baseIn(s, 'taji').exposure = 100;
      s.attacks.curfewCaught = 0;
      s.ladder.brokenBefore.usDeath = usDeathBrokenBefore;
      s.ladder.firstUsDeath = 1; // the shipped model gives precedents no rungs; the rule stays for designers
    });
  const rockets = [{ type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'unclaimed' }];

  it('the first US death jumps the ladder when that precedent was not yet broken', () => {
    const broken = play(newGame('first-death', deadly(true)), [], rockets);
    const fresh = play(newGame('first-death', deadly(false)), [], rockets);
    // Same seed, same draws: the same deaths and the same pressure; only the precedent differs.
    expect(fresh.state.casualties.usKilled).toBe(broken.state.casualties.usKilled);
    expect(fresh.state.casualties.usKilled).toBeGreaterThan(0);
    expect(fresh.state.firsts.usDeath).toBe(true);
    expect(fresh.state.ladder.rung).toBe(Math.min(L.war - 1, broken.state.ladder.rung + 1));
    expect(fresh.events).toContainEqual(expect.objectContaining({ type: 'rung', cause: 'first' }));
    expect(broken.events.some((e) => e.type === 'rung' && e.cause === 'first')).toBe(false);

    // A precedent is broken once: the next death does not jump the ladder again.
    const again = play(fresh.state, [], rockets);
    expect(again.events.some((e) => e.type === 'rung' && e.cause === 'first')).toBe(false);
  });

  it('the first state-on-state strike jumps the ladder by its own amount', () => {
    const s = (brokenBefore: boolean) =>
      withScenario(quiet, (x) => {
        x.ladder.brokenBefore.stateStrike = brokenBefore;
        x.ladder.firstStateStrike = 2;
        Object.assign(x.attacks.profiles['missile-strike'], { killPerHit: 0, woundPerHit: 0 });
      });
    const missiles = [{ type: 'missile-strike', base: 'erbil', warned: true }];
    const broken = play(newGame('first-strike', s(true)), [], missiles).state;
    const fresh = play(newGame('first-strike', s(false)), [], missiles).state;
    expect(fresh.ladder.rung).toBe(Math.min(L.war - 1, broken.ladder.rung + 2));
  });

  it('a successful embassy siege lifts the ladder to the siege floor', () => {
    const s = withScenario(quiet, (x) => {
      x.domestic.siegeChance = 1000;
      x.ladder.start = 2;
    });
    const r = play(newGame('siege', s), [], [{ type: 'embassy-siege' }]);
    expect(r.state.ladder.rung).toBe(L.siegeFloor);
    expect(r.state.ladder.peak).toBe(L.siegeFloor);
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'rung', to: L.siegeFloor, cause: 'siege' }));
  });

  it('quiet weeks bring the ladder down in a real game', () => {
    const s = withScenario(quiet);
    let state = newGame('calm', s);
    const start = state.ladder.rung;
    const rungs: number[] = [];
    for (let t = 0; t < 2 * L.decayAfterQuiet; t++) {
      state = play(state, [{ type: 'hold' }], [{ type: 'iran-swiss-message' }]).state;
      rungs.push(state.ladder.rung);
    }
    // One rung down after every decayAfterQuiet quiet weeks.
    expect(rungs).toEqual(rungs.map((_, t) => start - Math.trunc((t + 1) / L.decayAfterQuiet)));
  });

  describe('incidents nobody ordered', () => {
    it('are possible only from their rung, likelier on each rung above, and never more than certain', () => {
      const s = withScenario((x) => {
        x.ladder.incidents = { fromRung: 11, perMillePerRung: 300 };
      });
      expect([9, 10, 11, 12, 13, 14].map((r) => incidentChance(s, r))).toEqual([0, 0, 300, 600, 900, 0]);
      const certain = withScenario((x) => {
        x.ladder.incidents = { fromRung: 5, perMillePerRung: 400 };
      });
      expect(incidentChance(certain, 13)).toBe(1000);
      // The shipped scenario has them, from a rung above the US aim's and below war.
      expect(L.incidents.perMillePerRung).toBeGreaterThan(0);
      expect(L.incidents.fromRung).toBeGreaterThan(SCENARIO.victory.us.maxRung);
      expect(L.incidents.fromRung).toBeLessThan(L.war);
    });

    const calming = {
      us: [{ type: 'us-swiss-message' }],
      iran: [{ type: 'iran-swiss-message' }, { type: 'restrain-proxies' }],
    };
    const standingAt = (rung: number, perMillePerRung: number) =>
      withScenario(quiet, (x) => {
        x.ladder.start = rung;
        x.ladder.incidents = { fromRung: 10, perMillePerRung };
      });

    it('undo a week of calming and lift the crisis a rung above where the week began', () => {
      const calmed = play(newGame('incident', standingAt(10, 0)), calming.us, calming.iran);
      // Both sides' messages and restraint step it down a rung, and the quiet week one more.
      expect(calmed.state.ladder.rung).toBe(8);
      const r = play(newGame('incident', standingAt(10, 1000)), calming.us, calming.iran);
      expect(r.state.ladder.rung).toBe(11);
      expect(r.state.ladder.peak).toBe(11);
      expect(r.events).toContainEqual(expect.objectContaining({ type: 'rung', from: 8, to: 11, cause: 'incident' }));
    });

    it("are likelier in a week of violence or posturing and rarer in a week of calming, either side's", () => {
      const s = withScenario((x) => {
        x.ladder.incidents = { fromRung: 11, perMillePerRung: 100, perHotOrder: 100, perCalmOrder: 150 };
      });
      expect(incidentChance(s, 12)).toBe(200);
      expect(incidentChance(s, 12, { hot: 2, calm: 0 })).toBe(400);
      expect(incidentChance(s, 12, { hot: 2, calm: 1 })).toBe(250);
      expect(incidentChance(s, 12, { hot: 0, calm: 2 })).toBe(0);
      // In a game: the same week at the same rung, with and without one side's de-escalating order.
      const at12 = (perCalmOrder: number) =>
        withScenario(quiet, (x) => {
          x.ladder.start = 12;
          x.ladder.incidents = { fromRung: 11, perMillePerRung: 500, perHotOrder: 0, perCalmOrder };
        });
      const seeds = Array.from({ length: 40 }, (_, i) => `calm-${i}`);
      const incidents = (perCalmOrder: number, us: Order[]) =>
        seeds.filter((seed) =>
          play(newGame(seed, at12(perCalmOrder)), us, []).events.some(
            (e) => e.type === 'rung' && e.cause === 'incident',
          ),
        ).length;
      // 1000 per mille at rung 12 whatever is ordered ...
      expect(incidents(0, [{ type: 'us-swiss-message' }])).toBe(seeds.length);
      // ... and none once one side's calming order takes all of it away.
      expect(incidents(1000, [{ type: 'us-swiss-message' }])).toBe(0);
      expect(incidents(1000, [{ type: 'hold' }])).toBe(seeds.length);
    });

    it('never carry the crisis through a gate: below a gate they stop a rung short of it', () => {
      const s = withScenario(quiet, (x) => {
        x.ladder.start = 9;
        x.ladder.gates = [10];
        x.ladder.incidents = { fromRung: 9, perMillePerRung: 1000 };
      });
      // The quiet week steps it down to 8; the incident undoes that, and stops at 9, short of the gate.
      const r = play(newGame('gate', s), [{ type: 'hold' }], []);
      expect(r.events).toContainEqual(expect.objectContaining({ type: 'rung', from: 8, to: 9, cause: 'incident' }));
      expect(r.state.ladder.rung).toBe(9);
      // Standing just below the gate, there is no rung left for an incident to lift it to.
      const noDecay = withScenario(quiet, (x) => {
        x.ladder.start = 9;
        x.ladder.gates = [10];
        x.ladder.calmBelow = -100;
        x.ladder.incidents = { fromRung: 9, perMillePerRung: 1000 };
      });
      const held = play(newGame('gate', noDecay), [{ type: 'hold' }], []);
      expect(held.state.ladder.rung).toBe(9);
      expect(held.events.some((e) => e.type === 'rung' && e.cause === 'incident')).toBe(false);
    });

    it("come with one of the scenario's stories for the news, drawn by the game's dice", () => {
      const stories = ['A first story.', 'A second story.', 'A third story.'];
      const told = (seed: string, withStories: string[]) => {
        const s = withScenario(quiet, (x) => {
          x.ladder.start = 10;
          x.ladder.incidents = { fromRung: 10, perMillePerRung: 1000, stories: withStories };
        });
        const r = play(newGame(seed, s), calming.us, calming.iran);
        return r.events.find((e) => e.type === 'rung' && e.cause === 'incident') as { story?: string } | undefined;
      };
      const seeds = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
      const drawn = seeds.map((seed) => told(seed, stories)?.story);
      for (const story of drawn) expect(stories).toContain(story);
      expect(new Set(drawn).size).toBeGreaterThan(1);
      expect(seeds.map((seed) => told(seed, stories)?.story)).toEqual(drawn); // the same seed, the same story
      expect(told('a', [])).not.toHaveProperty('story');
    });

    it('one rung below war, an incident is not the war: only an ordered push crosses that gate', () => {
      const r = play(newGame('incident', standingAt(L.war - 1, 1000)), [{ type: 'hold' }], []);
      expect(r.state.ladder.rung).toBe(L.war - 1);
      expect(r.state.outcome).toBeNull();
    });

    it('below their rung they draw nothing: the game is the same, bit for bit, as one without them', () => {
      const none = withScenario(quiet, (x) => {
        x.ladder.incidents = { fromRung: 14, perMillePerRung: 0 };
      });
      const high = withScenario(quiet, (x) => {
        x.ladder.incidents = { fromRung: 12, perMillePerRung: 500 };
      });
      const week = (s: typeof none) =>
        play(newGame('below', s), [{ type: 'counter-isis' }], [{ type: 'eviction-campaign' }]).state;
      const { scenarioHash: withRule, ...played } = week(high);
      const { scenarioHash: without, ...plain } = week(none);
      expect(played.ladder.rung).toBeLessThan(12);
      expect(withRule).not.toBe(without); // the two scenarios differ ...
      expect(played).toEqual(plain); // ... and the games do not
    });
  });
});
