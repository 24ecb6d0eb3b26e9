/**
 * The published odds: the attribution table pinned over its input grid, the ICD-203 words at every edge, and the
 * order forecasts, which must be the odds the engine actually rolls (checked against observed frequencies over
 * 2,000 seeded games each).
 */
import { describe, expect, it } from 'vitest';
import {
  attributionConfidence,
  type EventOf,
  type Forecast,
  forecastOrder,
  type GameEvent,
  type GameState,
  likelihoodWord,
  type Order,
  type Scenario,
  type Side,
  viewFor,
} from '../../src/engine/index.ts';
import { baseIn, idle, newGame, play, quiet, SCENARIO, scenarioOf, withScenario } from './helpers.ts';

const SEEDS = 2000;
const TOLERANCE = 0.05; // ±5 percentage points

/** The per-mille chance of the forecast line whose label starts with `prefix`. */
function odds(f: Forecast, prefix: string): number {
  const line = f.odds.find((o) => o.label.startsWith(prefix));
  if (!line) throw new Error(`no odds "${prefix}…" in ${f.odds.map((o) => o.label).join(' | ')}`);
  return line.perMille;
}

const forecast = (state: GameState, side: Side, order: Order) =>
  forecastOrder(scenarioOf(state), viewFor(scenarioOf(state), state, side), order);

/** Osbat al-Thaereen already worn below the deniability at which its sponsor is known. */
const EXPOSED_FRONT = withScenario((s) => {
  s.iran.fronts[0]!.deniability = 16;
});

describe('attribution confidence', () => {
  // Golden table: per-mille confidence over ISR 0-5, with and without a curfew, for an open claim, an unclaimed
  // attack and a claim through a front of deniability 0, 50 and 100. Regenerate by printing the grid if the
  // scenario's attribution table is retuned on purpose; any other change here is a rule change.
  const GRID: [isr: number, curfew: boolean, open: number, unclaimed: number, d0: number, d50: number, d100: number][] =
    [
      [0, false, 990, 450, 450, 200, 50],
      [0, true, 990, 550, 550, 300, 50],
      [1, false, 990, 530, 530, 280, 50],
      [1, true, 990, 630, 630, 380, 130],
      [2, false, 990, 610, 610, 360, 110],
      [2, true, 990, 710, 710, 460, 210],
      [3, false, 990, 690, 690, 440, 190],
      [3, true, 990, 790, 790, 540, 290],
      [4, false, 990, 770, 770, 520, 270],
      [4, true, 990, 870, 870, 620, 370],
      [5, false, 990, 850, 850, 600, 350],
      [5, true, 990, 950, 950, 700, 450],
    ];

  it('covers the whole grid', () => {
    expect(GRID.map(([isr, curfew]) => `${isr}${curfew}`)).toEqual(
      [0, 1, 2, 3, 4, 5].flatMap((isr) => [`${isr}false`, `${isr}true`]),
    );
  });

  it.each(GRID.map((row) => [`ISR ${row[0]}, ${row[1] ? 'curfew' : 'no curfew'}`, row] as const))('%s', (_n, row) => {
    const [isr, curfew, ...expected] = row;
    const got = [
      attributionConfidence(SCENARIO, isr, curfew, 'open'),
      attributionConfidence(SCENARIO, isr, curfew, 'unclaimed'),
      attributionConfidence(SCENARIO, isr, curfew, { deniability: 0 }),
      attributionConfidence(SCENARIO, isr, curfew, { deniability: 50 }),
      attributionConfidence(SCENARIO, isr, curfew, { deniability: 100 }),
    ];
    expect(got).toEqual(expected);
  });

  it('is monotone: more ISR and a curfew never lower it, more deniability never raises it', () => {
    for (let isr = 0; isr <= 5; isr++)
      for (let d = 0; d <= 100; d += 5) {
        const c = attributionConfidence(SCENARIO, isr, false, { deniability: d });
        expect(attributionConfidence(SCENARIO, isr, true, { deniability: d })).toBeGreaterThanOrEqual(c);
        if (isr < 5)
          expect(attributionConfidence(SCENARIO, isr + 1, false, { deniability: d })).toBeGreaterThanOrEqual(c);
        if (d < 100) expect(attributionConfidence(SCENARIO, isr, false, { deniability: d + 5 })).toBeLessThanOrEqual(c);
        expect(c).toBeGreaterThanOrEqual(SCENARIO.attribution.floor);
        expect(c).toBeLessThanOrEqual(SCENARIO.attribution.ceiling);
      }
  });
});

describe('likelihood words (ICD-203)', () => {
  // Golden: the words as the scenario publishes them, with the per-mille edge each covers.
  const WORDS: [upTo: number, word: string, range: string][] = [
    [50, 'almost no chance', '1-5%'],
    [200, 'very unlikely', '5-20%'],
    [450, 'unlikely', '20-45%'],
    [550, 'roughly even chance', '45-55%'],
    [800, 'likely', '55-80%'],
    [950, 'very likely', '80-95%'],
    [1000, 'almost certain', '95-99%'],
  ];

  it('are the published table', () => {
    expect(SCENARIO.attribution.words.map((w) => [w.upTo, w.word, w.range])).toEqual(WORDS);
  });

  const edges = WORDS.flatMap(([upTo, word], i) => {
    const next = WORDS[i + 1];
    return [[upTo - 1, word], [upTo, word], ...(next ? [[upTo + 1, next[1]] as const] : [])] as const;
  });

  it.each(edges.map(([pm, word]) => [pm, word] as const))('%i per mille is "%s"', (pm, word) => {
    expect(likelihoodWord(SCENARIO, pm).word).toBe(word);
  });

  it('covers the ends of the scale', () => {
    expect(likelihoodWord(SCENARIO, 0)).toEqual({ word: 'almost no chance', range: '1-5%' });
    expect(likelihoodWord(SCENARIO, 1000)).toEqual({ word: 'almost certain', range: '95-99%' });
  });
});

describe('forecasts', () => {
  const rocket: Order = { type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'unclaimed' };

  it('a rocket attack: curfew, hits, deaths and attribution, in numbers and words', () => {
    const state = newGame('forecast');
    const s = SCENARIO;
    const f = forecast(state, 'iran', rocket);
    const p = s.attacks.profiles['rocket-attack'];
    const taji = s.us.bases.find((b) => b.site === 'taji')!;
    expect(taji.airDefence).toBe('none');
    const n = Math.trunc((p.rockets[0] + p.rockets[1]) / 2);
    const caught = s.attacks.curfewCaught / 1000;
    const perShot = ((p.hitPerMille / 1000) * taji.exposure) / 100;
    const hit = 1000 * (1 - caught) * (1 - (1 - perShot) ** n);
    const kill = 1000 * (1 - caught) * (1 - (1 - (perShot * p.killPerHit) / 1000) ** n);

    expect(f).toMatchObject({ name: 'Fire harassment rockets', cost: 3, severity: 'violent', deniable: true });
    expect(f.escalationPoints).toBe(s.rivera.violent);
    expect(f.effects).toEqual([{ key: 'pmuCohesion', label: 'PMU cohesion', delta: 1 }]);
    expect(f.odds.map((o) => o.label)).toEqual([
      'the launch team is caught under curfew',
      `at least one of ~${n} rockets hits`,
      'an American is killed',
      'the US pins it on Kataib Hezbollah',
    ]);
    expect(odds(f, 'the launch team')).toBe(s.attacks.curfewCaught);
    // Integer arithmetic in the engine, floating point here: they agree to a few per mille.
    expect(Math.abs(odds(f, 'at least one') - hit)).toBeLessThan(3);
    expect(Math.abs(odds(f, 'an American') - kill)).toBeLessThan(3);
    for (const o of f.odds) expect(o.word).toBe(likelihoodWord(s, o.perMille).word);
  });

  it('a lethal barrage: a Patriot base shows lower hit odds than an undefended one', () => {
    const barrage = (base: string): Order => ({ type: 'lethal-barrage', group: 'kh', base, claim: 'unclaimed' });
    const state = newGame('forecast');
    const patriot = odds(forecast(state, 'iran', barrage('ain-al-asad')), 'at least one');
    const none = odds(forecast(state, 'iran', barrage('taji')), 'at least one');
    expect(patriot).toBeLessThan(none);
    expect(forecast(state, 'iran', barrage('ain-al-asad')).notes).toContain('Patriots intercept 40% of what is fired.');

    // The same exposure on both, so only the air defence differs.
    const sameExposure = withScenario((s) => {
      baseIn(s, 'ain-al-asad').exposure = baseIn(s, 'taji').exposure;
    });
    const g = newGame('forecast', sameExposure);
    expect(odds(forecast(g, 'iran', barrage('ain-al-asad')), 'at least one')).toBeLessThan(
      odds(forecast(g, 'iran', barrage('taji')), 'at least one'),
    );
    // And with no air defence either, the two are the same.
    const undefended = withScenario((s) => {
      baseIn(s, 'ain-al-asad').exposure = baseIn(s, 'taji').exposure;
      baseIn(s, 'ain-al-asad').airDefence = 'none';
    });
    const h = newGame('forecast', undefended);
    expect(forecast(h, 'iran', barrage('ain-al-asad')).odds).toEqual(forecast(h, 'iran', barrage('taji')).odds);
  });

  it("a claim through an exposed front names the front's sponsor, not the group that fired", () => {
    // Seed 2020's week 4: Osbat al-Thaereen worn to 16, below the 25 at which its sponsor (KH) is known.
    const aah: Order = { type: 'rocket-attack', group: 'aah', base: 'union-iii', claim: 'osbat-al-thaereen' };
    const state = newGame('forecast', EXPOSED_FRONT);
    const f = forecast(state, 'iran', aah);
    const s = EXPOSED_FRONT;
    expect(f.odds.map((o) => o.label)).toContain("the US pins it on Kataib Hezbollah, Osbat al-Thaereen's sponsor");
    expect(f.odds.some((o) => o.label === 'the US pins it on Asaib Ahl al-Haq')).toBe(false);
    // Only a launch team caught under curfew is pinned on the group that fired.
    expect(odds(f, 'the US pins it on Kataib Hezbollah')).toBe(1000 - s.attacks.curfewCaught);
    expect(f.notes).toContain(
      "Osbat al-Thaereen is exposed: the US reads the claim as Kataib Hezbollah's (almost certain, 99%), not as Asaib Ahl al-Haq's.",
    );
    // The group that is the front's sponsor is still pinned at the open claim's confidence.
    const kh = forecast(state, 'iran', { ...aah, group: 'kh' });
    expect(f.odds.length).toBe(kh.odds.length);
    expect(kh.odds.map((o) => o.label)).toContain('the US pins it on Kataib Hezbollah');
  });

  // Every attack pinned on the group that fired, so that a strike's or a campaign's assessment is the attack's.
  const FULL_ATTRIBUTION = withScenario(quiet, (x) => {
    x.attribution.base = 1000;
    x.attribution.ceiling = 1000;
  });

  it('a strike on a proxy site: the best recent assessment, and the warning when it is weak', () => {
    const strike: Order = { type: 'strike-site', site: 'jurf-al-sakhar' };
    const s = FULL_ATTRIBUTION;
    const cold = forecast(newGame('forecast', s), 'us', strike);
    expect(odds(cold, 'Kataib Hezbollah carried out a recent attack')).toBe(0);
    expect(cold.notes).toContain(
      `Striking on weak intelligence costs ${-s.strikes.lowConfidenceConsent} more consent.`,
    );
    // Iraqi forces die at the site's risk, a civilian at half of it: either counts.
    const risk = s.iran.proxySites.find((p) => p.site === 'jurf-al-sakhar')!.civilianRisk / 1000;
    expect(
      Math.abs(odds(cold, 'Iraqis who are not militia die') - 1000 * (1 - (1 - risk) * (1 - risk / 2))),
    ).toBeLessThan(2);

    const attacked = play(newGame('forecast', s), [], [rocket]).state;
    expect(attacked.attacks[0]).toMatchObject({ group: 'kh', suspect: 'kh' });
    const warm = forecast(attacked, 'us', strike);
    expect(odds(warm, 'Kataib Hezbollah carried out a recent attack')).toBe(attacked.attacks[0]!.confidence);
    expect(warm.notes.some((n) => n.startsWith('Striking on weak intelligence'))).toBe(false);

    // Outside the window the attack no longer counts.
    const later = idle(attacked, s.strikes.window);
    expect(odds(forecast(later, 'us', strike), 'Kataib Hezbollah carried out a recent attack')).toBe(0);
  });

  it('a campaign: the assessment its strikes will all be judged by, and the warning when it is weak', () => {
    const campaign: Order = { type: 'campaign', group: 'kh' };
    const s = FULL_ATTRIBUTION;
    const cold = forecast(newGame('forecast', s), 'us', campaign);
    expect(odds(cold, 'Kataib Hezbollah carried out a recent attack')).toBe(0);
    expect(cold.notes.some((n) => n.includes(`${-s.strikes.lowConfidenceConsent} more consent a strike`))).toBe(true);
    const attacked = play(newGame('forecast', s), [], [rocket]).state;
    const warm = forecast(attacked, 'us', campaign);
    expect(odds(warm, 'Kataib Hezbollah carried out a recent attack')).toBe(attacked.attacks[0]!.confidence);
    expect(warm.notes).toContain(
      'Its strikes answer the attacks that prompted it: each is judged from this week on, not as a new provocation.',
    );
    const weeks = s.orders.find((o) => o.type === 'campaign')!.duration;
    expect(warm.notes).toContain(
      `Its effects and its push on the ladder come again in each of the ${weeks} weeks it runs.`,
    );
  });

  it('a rocket attack on the embassy uses the embassy, wherever the scenario lists it and whatever its flags', () => {
    const embassy: Order = { type: 'embassy-attack', group: 'kh', claim: 'unclaimed' };
    const base = odds(forecast(newGame('forecast'), 'iran', embassy), 'at least one');
    const keyed = withScenario((s) => {
      baseIn(s, 'embassy').key = true;
    });
    expect(odds(forecast(newGame('forecast', keyed), 'iran', embassy), 'at least one')).toBe(base);
  });
});

/**
 * Plays `order` for `side` over many seeds from the state `start` gives for each, and compares the mean forecast
 * chance with the observed frequency of `happened`.
 */
function calibration(
  start: (seed: string) => GameState,
  side: Side,
  order: Order,
  label: string,
  happened: (events: GameEvent[], state: GameState) => boolean,
): { forecast: number; observed: number } {
  let predicted = 0;
  let seen = 0;
  for (let i = 0; i < SEEDS; i++) {
    const state = start(`calibration-${i}`);
    predicted += odds(forecast(state, side, order), label) / 1000;
    const orders = side === 'us' ? [[order], []] : [[], [order]];
    const r = play(state, orders[0], orders[1]);
    if (happened(r.events, r.state)) seen++;
  }
  return { forecast: predicted / SEEDS, observed: seen / SEEDS };
}

/** The attack event of the ordered attack, not of a group firing on its own the same week. */
function firstAttack(events: GameEvent[]) {
  const unordered = new Set(events.flatMap((e) => (e.type === 'perpetrator' && e.autonomous ? [e.attackId] : [])));
  const attack = events.find((e): e is EventOf<'attack'> => e.type === 'attack' && !unordered.has(e.attackId));
  if (!attack) throw new Error('no attack');
  return attack;
}

function pinnedOn(group: string) {
  return (events: GameEvent[], state: GameState) => {
    const id = firstAttack(events).attackId;
    return state.attacks.find((a) => a.id === id)!.suspect === group;
  };
}

const atLeastOneHit = (events: GameEvent[]) => firstAttack(events).hits > 0;
const anAmericanKilled = (events: GameEvent[]) => firstAttack(events).casualties.usKilled > 0;

describe('forecasts match the engine: observed frequency within ±5 points over 2,000 seeds', () => {
  const fresh = (scenario: Scenario) => (seed: string) => newGame(seed, scenario);
  const rocket = (base: string, claim = 'unclaimed'): Order => ({ type: 'rocket-attack', group: 'kh', base, claim });
  const barrage = (base: string): Order => ({ type: 'lethal-barrage', group: 'kh', base, claim: 'unclaimed' });

  const CASES: [name: string, run: () => { forecast: number; observed: number }][] = [
    [
      'rockets on an undefended base hit at least once',
      () => calibration(fresh(SCENARIO), 'iran', rocket('taji'), 'at least one', atLeastOneHit),
    ],
    [
      'a lethal barrage on a Patriot base hits at least once',
      () => calibration(fresh(SCENARIO), 'iran', barrage('ain-al-asad'), 'at least one', atLeastOneHit),
    ],
    [
      'rockets on the embassy hit at least once',
      () =>
        calibration(
          fresh(SCENARIO),
          'iran',
          { type: 'embassy-attack', group: 'aah', claim: 'unclaimed' },
          'at least one',
          atLeastOneHit,
        ),
    ],
    [
      'a lethal barrage on an undefended base kills an American',
      () => calibration(fresh(SCENARIO), 'iran', barrage('taji'), 'an American is killed', anAmericanKilled),
    ],
    [
      'a warned missile strike on a Patriot base hits at least once',
      () =>
        calibration(
          fresh(SCENARIO),
          'iran',
          { type: 'missile-strike', base: 'ain-al-asad', warned: true },
          'at least one',
          atLeastOneHit,
        ),
    ],
    [
      'an unclaimed attack is pinned on the group that fired',
      () => calibration(fresh(SCENARIO), 'iran', rocket('taji'), 'the US pins it on', pinnedOn('kh')),
    ],
    [
      'an attack claimed through a front is pinned on its sponsor',
      () =>
        calibration(fresh(SCENARIO), 'iran', rocket('taji', 'osbat-al-thaereen'), 'the US pins it on', pinnedOn('kh')),
    ],
    [
      'an attack claimed through an exposed front is pinned on the sponsor, not on the group that fired',
      () =>
        calibration(
          fresh(EXPOSED_FRONT),
          'iran',
          { type: 'rocket-attack', group: 'aah', base: 'taji', claim: 'osbat-al-thaereen' },
          'the US pins it on Kataib Hezbollah',
          pinnedOn('kh'),
        ),
    ],
    [
      'rockets in the week the curfew lifts',
      () => {
        // Curfew in week 1, none from week 2: the forecast given in week 2 must use week 2's streets.
        const lifting = withScenario(quiet, (s) => {
          s.pandemic.schedule = [3, 2];
        });
        return calibration(
          (seed) => idle(newGame(seed, lifting), 1),
          'iran',
          rocket('taji'),
          'at least one',
          atLeastOneHit,
        );
      },
    ],
    [
      'a strike on a proxy site kills Iraqis who are not militia',
      () =>
        calibration(
          fresh(withScenario(quiet)),
          'us',
          { type: 'strike-site', site: 'karbala-airport' },
          'Iraqis who are not militia die',
          (events) =>
            events.some(
              (e) => e.type === 'strike' && e.casualties.iraqiForcesKilled + e.casualties.civiliansKilled > 0,
            ),
        ),
    ],
    [
      'a leadership strike kills the leader (the plan may leak first)',
      () =>
        calibration(
          fresh(withScenario(quiet)),
          'us',
          { type: 'leadership-strike', group: 'aah' },
          'the leader is killed',
          (events) => events.some((e) => e.type === 'leader-killed'),
        ),
    ],
  ];

  it.each(CASES)('%s', (_name, run) => {
    const { forecast: predicted, observed } = run();
    expect(predicted).toBeGreaterThan(0);
    expect(
      Math.abs(observed - predicted),
      `forecast ${predicted.toFixed(3)}, observed ${observed.toFixed(3)}`,
    ).toBeLessThanOrEqual(TOLERANCE);
  });
});
