/**
 * What the player's screen says changed and why, and what is at stake (issue 13 items 1-2), without a DOM: the
 * one-line summaries of the ledger (ledger-words.ts), the session keeping each week's ledger, the dashboard's meters
 * (victory lines, change words for the seat looking, last change's causes as that seat may see them). The risks an
 * order is asked about before it is added are the engine's: tests/engine/risks.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  figureSummary,
  type Ledger,
  type LedgerLine,
  ladderSummary,
  type Scenario,
  viewLedger,
} from '../../src/engine/index.ts';
import { changeOf, lastChange, marksOf, meters } from '../../src/ui/game/stakes.ts';
import { Session } from '../../src/ui/session.ts';
import { shippedScenario } from '../shipped.ts';

const scenario: Scenario = shippedScenario('two-boxers');

function session(seed = '7'): Session {
  const s = Session.create(scenario, {
    scenarioId: 'two-boxers',
    seed,
    preset: null,
    side: 'us',
    opponent: 'harasser',
  });
  if (!s.ok) throw new Error(s.errors[0]?.message);
  return s.value;
}

/** Plays weeks with the US holding, against the computer. */
async function play(s: Session, weeks: number): Promise<void> {
  for (let i = 0; i < weeks && !s.over; i++) {
    const r = await s.commit('us', []);
    if (!r.ok) throw new Error(r.errors[0]?.message);
  }
}

/** The signed numbers of a summary, in order ("+3 … · −2 … · net +1: 50 → 51" → [3, -2, 1]). */
const numbers = (text: string): number[] =>
  [...text.matchAll(/(?:^|· |; )([+−]\d+|0) /g)].map((m) => Number(m[1]!.replace('−', '-')));

describe('the ledger in one line (ledger-words.ts)', () => {
  const line: LedgerLine = {
    variable: { kind: 'consent' },
    before: 50,
    after: 51,
    parts: [
      { cause: { kind: 'order', side: 'us', order: 'counter-isis', target: null }, delta: 3 },
      { cause: { kind: 'drift', rule: 'consent' }, delta: -2 },
    ],
  };

  it('says each cause with its number, then the net and the move, with a true minus sign', () => {
    const text = figureSummary(scenario, line);
    expect(text).toBe(
      '+3 Coalition order: Run counter-ISIS operations · −2 consent drifting back to its usual level · net +1: 50 → 51',
    );
    expect(numbers(text)).toEqual([3, -2]);
  });

  it("says the ladder's pressure by its causes, then the rung's move", () => {
    const ledger: Ledger = [
      {
        variable: { kind: 'pressure' },
        before: 0,
        after: 29,
        parts: [
          {
            cause: { kind: 'attack', attackId: 1, attack: 'rocket-attack', target: 'taji', claim: 'unclaimed' },
            delta: 14,
          },
          { cause: { kind: 'order', side: 'us', order: 'us-swiss-message', target: null }, delta: -10 },
          { cause: { kind: 'strike', strikeId: 1, site: 'jurf-al-sakhar', group: 'kh' }, delta: 25 },
        ],
      },
      {
        variable: { kind: 'rung' },
        before: 7,
        after: 8,
        parts: [{ cause: { kind: 'rung', move: 'pressure' }, delta: 1 }],
      },
    ];
    const text = ladderSummary(scenario, ledger)!;
    expect(text).toMatch(
      /^\+14 rockets on .*unclaimed · −10 Coalition order: .* · \+25 US strike on .* · net \+29 pressure; \+1 the week's pressure: rung 7 → 8$/,
    );
    expect(ladderSummary(scenario, [])).toBeNull();
    // A whole rung's push that moved nothing met a gate, and the line says so.
    expect(ladderSummary(scenario, ledger.slice(0, 1))).toMatch(
      new RegExp(
        `net \\+29 pressure: the rung held at a gate, which takes ${scenario.ladder.gatePressure} points from ordered acts in one week to cross$`,
      ),
    );
    const small = [{ ...ledger[0]!, parts: ledger[0]!.parts.slice(0, 2), after: 4 }];
    expect(ladderSummary(scenario, small)).toMatch(/net \+4 pressure: the rung held$/);
  });
});

describe("the session keeps each week's ledger", () => {
  it("beside its events, and gives a seat only its share: never the other side's purse", async () => {
    const s = session();
    await play(s, 3);
    expect(s.turns.length).toBe(3);
    for (const t of s.turns) {
      expect(t.ledger.length).toBeGreaterThan(0);
      // Every line's parts sum to its change, as the engine promised.
      for (const line of t.ledger)
        expect(
          line.parts.reduce((n, p) => n + p.delta, 0),
          JSON.stringify(line.variable),
        ).toBe(line.after - line.before);
      const us = viewLedger(t.ledger, 'us');
      const iran = viewLedger(t.ledger, 'iran');
      const pub = viewLedger(t.ledger, 'public');
      expect(us.some((l) => l.variable.kind === 'iranResources')).toBe(false);
      expect(iran.some((l) => l.variable.kind === 'politicalCapital')).toBe(false);
      expect(pub.some((l) => l.variable.kind === 'politicalCapital' || l.variable.kind === 'iranResources')).toBe(
        false,
      );
      expect(t.ledger.some((l) => l.variable.kind === 'iranResources')).toBe(true);
    }
  });

  it('rebuilt from a save, the same ledgers', async () => {
    const s = session('11');
    await play(s, 2);
    const loaded = Session.fromSave([scenario], JSON.parse(JSON.stringify(s.toSave('2026-01-01T00:00:00Z'))));
    if (!loaded.ok) throw new Error(loaded.errors[0]?.message);
    expect(loaded.value.turns.map((t) => t.ledger)).toEqual(s.turns.map((t) => t.ledger));
  });
});

describe("the dashboard's meters", () => {
  it("draw the scenario's victory lines, wherever the scenario puts them", () => {
    const v = scenario.victory;
    const view = session().view('us');
    expect(marksOf(scenario, view, 'consent').map((m) => m.at)).toEqual([
      v.us.minConsent,
      scenario.baghdad.expulsionConsent,
    ]);
    expect(marksOf(scenario, view, 'credibility').map((m) => m.at)).toEqual([v.us.minCredibility]);
    expect(marksOf(scenario, view, 'isis').map((m) => m.at)).toEqual([v.us.maxIsis]);
    expect(marksOf(scenario, view, 'resolve').map((m) => m.at)).toEqual([v.iran.resolveBreak]);
    expect(marksOf(scenario, view, 'evictionPressure').map((m) => m.at)).toEqual([scenario.baghdad.voteAt]);
    expect(marksOf(scenario, view, 'basesHeld').map((m) => m.at)).toEqual([v.iran.tokenBases]);
    const moved = { ...scenario, victory: { ...v, us: { ...v.us, minCredibility: 63 } } };
    expect(marksOf(moved, view, 'credibility')[0]).toMatchObject({ at: 63, words: expect.stringContaining('63') });
  });

  it("draw the eviction vote's line where the engine's next vote is, and say when one can come again", () => {
    const view = session().view('us');
    const b = scenario.baghdad;
    const at = (week: number, baghdad: Partial<typeof view.baghdad>) =>
      marksOf(scenario, { ...view, turn: week, baghdad: { ...view.baghdad, ...baghdad } }, 'evictionPressure');
    const raised = b.voteAt + b.government.confirmedVoteBonus;
    const cases = [
      { name: 'no vote yet', week: 2, baghdad: {}, at: b.voteAt, words: `Parliament votes on eviction at ${b.voteAt}` },
      {
        name: 'a confirmed government raises the bar',
        week: 2,
        baghdad: { stage: 'confirmed' as const },
        at: raised,
        words: `Parliament votes on eviction at ${raised}`,
      },
      {
        name: 'a vote last week: none again for a while',
        week: 3,
        baghdad: { lastVoteTurn: 2 },
        at: b.voteAt,
        words: `Parliament votes on eviction at ${b.voteAt}, but not again before week ${2 + b.voteCooldown}`,
      },
      {
        name: 'the next vote would come after the last week',
        week: view.lastTurn - 1,
        baghdad: { lastVoteTurn: view.lastTurn - 1 },
        at: b.voteAt,
        words: `Parliament votes on eviction at ${b.voteAt}, but not again before the game ends`,
      },
      {
        name: 'the wait is over',
        week: 2 + b.voteCooldown,
        baghdad: { lastVoteTurn: 2 },
        at: b.voteAt,
        words: `Parliament votes on eviction at ${b.voteAt}`,
      },
    ];
    expect(2 + b.voteCooldown).toBeLessThan(view.lastTurn); // the third case is one the game can reach
    for (const c of cases) expect(at(c.week, c.baghdad), c.name).toEqual([{ at: c.at, words: c.words }]);
  });

  it('say in words whom a change helps, for the side looking; on a shared screen, the side it helps', () => {
    const cases = [
      { id: 'evictionPressure', delta: 4, seat: 'us', words: '▲ 4, bad for you', tone: 'bad' },
      { id: 'evictionPressure', delta: 4, seat: 'iran', words: '▲ 4, good for you', tone: 'good' },
      { id: 'consent', delta: -3, seat: 'us', words: '▼ 3, bad for you', tone: 'bad' },
      { id: 'consent', delta: -3, seat: 'public', words: '▼ 3, good for Iran', tone: 'neutral' },
      { id: 'isis', delta: 2, seat: 'iran', words: '▲ 2', tone: 'neutral' },
      { id: 'isis', delta: 2, seat: 'public', words: '▲ 2, bad for Coalition', tone: 'neutral' },
      { id: 'pandemic', delta: 1, seat: 'public', words: '▲ 1', tone: 'neutral' },
      { id: 'resolve', delta: -5, seat: 'iran', words: '▼ 5, good for you', tone: 'good' },
    ] as const;
    for (const c of cases)
      expect(changeOf(scenario, c.id, c.delta, c.seat), `${c.id} ${c.seat}`).toMatchObject({
        words: c.words,
        tone: c.tone,
      });
    expect(changeOf(scenario, 'consent', 0, 'us')).toBeNull();
  });

  it("show each figure's last change with its causes, as the seat may see them", async () => {
    const s = session();
    await play(s, 3);
    const view = s.view('us');
    const shown = meters(scenario, view, null, 'us', s.turns);
    expect(shown.map((m) => m.id)).toContain('politicalCapital');
    expect(shown.map((m) => m.id)).not.toContain('iranResources');
    const pc = shown.find((m) => m.id === 'politicalCapital')!;
    expect(pc.last).not.toBeNull();
    for (const line of pc.last!.lines) {
      expect(line.variable.kind).toBe('politicalCapital');
      expect(line.parts.reduce((n, p) => n + p.delta, 0)).toBe(line.after - line.before);
    }
    // The public screen never sees a purse, nor a cause only one side keeps.
    for (const id of ['politicalCapital', 'iranResources'] as const)
      expect(lastChange(s.turns, id, 'public')).toBeNull();
    const pub = meters(scenario, s.view('public'), null, 'public', s.turns);
    for (const m of pub)
      for (const line of m.last?.lines ?? []) for (const p of line.parts) expect(p.cause.only).toBeUndefined();
  });
});
