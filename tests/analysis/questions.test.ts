import { describe, expect, it } from 'vitest';
import { beliefs } from '../../src/analysis/timeline.ts';
import {
  discussionQuestions,
  MAX_QUESTIONS,
  MIN_QUESTIONS,
  questionCandidates,
  strikeLookBack,
} from '../../src/analysis/questions.ts';
import type { PlayedGame } from '../../src/analysis/record.ts';
import { isOrderLegal, type Order } from '../../src/engine/index.ts';
import { formatErrors, parseScenario, type Scenario, type ScenarioInput } from '../../src/engine/index.ts';
import { aiGame, SCENARIO, scriptedGame } from './games.ts';

/** The shipped scenario starting at a rung, with incidents from rung 11 at the given odds a rung. */
function withIncidents(o: { start: number; perMillePerRung: number }): Scenario {
  const raw = structuredClone(SCENARIO) as unknown as ScenarioInput;
  raw.ladder.start = o.start;
  raw.ladder.incidents = { ...raw.ladder.incidents, fromRung: 11, perMillePerRung: o.perMillePerRung };
  const parsed = parseScenario(raw);
  if (!parsed.ok) throw new Error(formatErrors(parsed.errors));
  return parsed.value;
}

// Iran holds its proxies back whenever it can afford to, so nobody fires at all.
const restrain: Order = { type: 'restrain-proxies' };
const quiet = scriptedGame((_, state) => ({
  us: [],
  iran: isOrderLegal(SCENARIO, state, 'iran', restrain) ? [restrain] : [],
}));
const games: [string, PlayedGame][] = [
  ['a hawk against a harasser', aiGame('hawk', 'harasser', '1')],
  ['restraint on both sides', aiGame('restrained', 'restrained', '2')],
  ['a tit-for-tat US against an opportunist', aiGame('tit-for-tat', 'opportunist', '1')],
  ['a measured US against a hawkish Iran', aiGame('measured', 'hawk', '1')],
  ['nobody gives an order', quiet],
];

describe('discussion questions', () => {
  it.each(games)(
    'asks 5 to 8, one of each kind, each citing a week the game played or the whole game (%s)',
    (_, game) => {
      const qs = discussionQuestions(game);
      expect(qs.length).toBeGreaterThanOrEqual(MIN_QUESTIONS);
      expect(qs.length).toBeLessThanOrEqual(MAX_QUESTIONS);
      expect(new Set(qs.map((q) => q.kind)).size).toBe(qs.length);
      for (const q of qs) {
        expect(q.text).toMatch(/\?$/);
        if (q.turn !== null) {
          expect(q.turn).toBeGreaterThanOrEqual(1);
          expect(q.turn).toBeLessThanOrEqual(game.turns.length);
          expect(q.cite).toMatch(new RegExp(`^Week ${q.turn}\\b`));
        }
      }
      // Shown in the order of the weeks they cite, whole-game questions last.
      const turns = qs.map((q) => q.turn ?? Number.POSITIVE_INFINITY);
      expect(turns).toEqual([...turns].sort((a, b) => a - b));
    },
  );

  it('differ between games: they come from what happened, not from a fixed list', () => {
    const sets = games.map(([, g]) =>
      discussionQuestions(g)
        .map((q) => q.kind)
        .join(','),
    );
    expect(new Set(sets).size).toBeGreaterThan(2);
  });

  it('keep the weightiest candidates', () => {
    for (const [, game] of games) {
      const chosen = new Set(discussionQuestions(game).map((q) => q.kind));
      const all = questionCandidates(game);
      const cut = Math.min(...all.filter((c) => chosen.has(c.kind)).map((c) => c.weight));
      for (const c of all) if (c.weight > cut) expect(chosen.has(c.kind)).toBe(true);
    }
  });

  it('asks about a misattributed attack, citing its week and both groups', () => {
    const game = games.find(([, g]) =>
      g.final.attacks.some((a) => a.group !== null && a.suspect !== null && a.suspect !== a.group),
    )![1];
    const wrong = game.final.attacks.find((a) => a.group !== null && a.suspect !== null && a.suspect !== a.group)!;
    const q = questionCandidates(game).find((c) => c.kind === 'misattribution')!;
    expect(q.turn).toBe(wrong.turn);
    expect(q.cite).toMatch(/blamed .+ had fired/);
  });

  it('asks about a strike on a group that had not attacked', () => {
    const game = scriptedGame(
      // Iran holds its groups back, so none of them has fired when the strike lands.
      (turn) => ({ us: turn === 1 ? [{ type: 'strike-site', site: 'jurf-al-sakhar' }] : [], iran: [restrain] }),
      '9',
      {
        turns: 2,
      },
    );
    expect(game.final.strikes[0]?.justified).toBe(false);
    const q = questionCandidates(game).find((c) => c.kind === 'wrong-strike');
    expect(q?.turn).toBe(1);
    // The rule looks back a set number of weeks, the strike's own included, and the question says so rather than
    // "had never attacked" (or "in the 2 weeks before", which a group that fired two weeks before would belie).
    expect(SCENARIO.strikes.window).toBe(2);
    expect(q?.cite).toContain('a group that had made no attack that week or the week before.');
  });

  it('asks about a side that backed down at the brink, citing its week', () => {
    const raw = structuredClone(SCENARIO) as unknown as ScenarioInput;
    raw.ladder.start = SCENARIO.ladder.brink.fromRung;
    const parsed = parseScenario(raw);
    if (!parsed.ok) throw new Error(formatErrors(parsed.errors));
    const strike: Order = { type: 'strike-site', site: SCENARIO.iran.proxySites[0]!.site };
    // The US strikes at the brink in the first week and Iran's side holds its fire: Iran backs down.
    const game = scriptedGame((turn) => ({ us: turn === 1 ? [strike] : [], iran: [] }), '1', {
      scenario: parsed.value,
      turns: 2,
    });
    const q = questionCandidates(game).find((c) => c.kind === 'backed-down');
    expect(q?.turn).toBe(1);
    expect(q?.cite).toContain("At the brink Iran's side held its fire while the US struck");
    expect(questionCandidates(quiet).some((c) => c.kind === 'backed-down')).toBe(false);
  });

  it('a suspect named by the facilitator’s ruling is not asked about as US intelligence’s call', () => {
    const game = games.find(([, g]) =>
      g.final.attacks.some((a) => a.group !== null && a.suspect !== null && a.suspect !== a.group),
    )![1];
    const wrong = game.final.attacks.filter((a) => a.group !== null && a.suspect !== null && a.suspect !== a.group);
    // The same game as if the facilitator had named every misattributed suspect by ruling.
    const history = game.final.history.map((h) => ({
      ...h,
      rulings: wrong
        .filter((a) => a.turn === h.turn)
        .map((a) => ({ type: 'attack-attributed' as const, attack: a.id, suspect: a.suspect, reason: 'a ruling' })),
    }));
    const ruled = { ...game, final: { ...game.final, history } };
    expect(questionCandidates(ruled).map((c) => c.kind)).not.toContain('misattribution');
    const rows = beliefs(SCENARIO, ruled.final);
    for (const row of rows)
      expect(row.ruledBecause, `attack ${row.attackId}`).toBe(
        wrong.some((a) => a.id === row.attackId) ? 'a ruling' : null,
      );
    expect(beliefs(SCENARIO, game.final).every((r) => r.ruledBecause === null)).toBe(true);
  });

  it('in a game with no attacks and no strikes, asks about the quiet and finds no misattribution', () => {
    expect(quiet.final.attacks).toEqual([]);
    const kinds = questionCandidates(quiet).map((c) => c.kind);
    expect(kinds).toContain('quiet');
    expect(kinds).not.toContain('misattribution');
    expect(kinds).not.toContain('wrong-strike');
  });

  it('at the brink, incidents nobody ordered do not end the game: the war question comes only with an ordered push', () => {
    // Both sides calm the crisis every week one rung below war, where incidents are certain: no war.
    const brink = withIncidents({ start: SCENARIO.ladder.war - 1, perMillePerRung: 1000 });
    const calm = scriptedGame(() => ({ us: [{ type: 'us-swiss-message' }], iran: [restrain] }), '5', {
      scenario: brink,
      turns: 3,
    });
    expect(calm.final.outcome?.result).not.toBe('shared-loss');
    expect(questionCandidates(calm).some((c) => c.kind === 'war')).toBe(false);

    // The same brink with Iran's missiles: an ordered push across the last gate, and the question asks about it.
    const fired = scriptedGame(
      () => ({ us: [], iran: [{ type: 'missile-strike', base: 'ain-al-asad', warned: false }] }),
      '5',
      { scenario: brink, turns: 3 },
    );
    expect(fired.final.outcome?.result).toBe('shared-loss');
    const q = questionCandidates(fired).find((c) => c.kind === 'war')!;
    expect(q.turn).toBe(1);
    expect(q.cite).toMatch(/the game ended in war\./);
    expect(q.text).toMatch(/^Which move made the climb impossible to stop/);
  });
});

/** The weeks a strike reads for the group's attacks (turn/strikes.ts: an attack in a week after `since - window`). */
describe('the strike look-back in words', () => {
  const windowOf = (window: number, turnDays = 7): Scenario => ({
    ...SCENARIO,
    turnDays,
    strikes: { ...SCENARIO.strikes, window },
  });
  it.each<[number, 'strike' | 'campaign', string]>([
    [1, 'strike', 'that week'],
    [2, 'strike', 'that week or the week before'],
    [3, 'strike', 'that week or the 2 weeks before'],
    [1, 'campaign', 'from the week its campaign began on'],
    [2, 'campaign', 'from the week before its campaign began on'],
    [3, 'campaign', 'from 2 weeks before its campaign began on'],
  ])('a window of %i, a %s: "%s"', (window, kind, words) => {
    expect(strikeLookBack(windowOf(window), kind)).toBe(words);
  });

  it('counts in turns when a turn is not a week', () => {
    expect(strikeLookBack(windowOf(2, 3), 'strike')).toBe('that turn or the turn before');
  });
});
