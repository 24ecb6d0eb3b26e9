/**
 * A figure the week acted on but left where it was (an order's +2 undone by a drift's −2) is still shown: listed in
 * "What changed and why" with net 0, and its meter finds that week as its last change, saying the causes cancelled.
 */
import { describe, expect, it } from 'vitest';
import { figureSummary, type Scenario, viewLedger } from '../../src/engine/index.ts';
import { lastChange, lastChangeHeading } from '../../src/ui/game/stakes.ts';
import { whyFigures } from '../../src/ui/game/why-block.ts';
import { Session } from '../../src/ui/session.ts';
import { shippedScenario } from '../shipped.ts';

const scenario: Scenario = shippedScenario('two-boxers');

/** Seed 1 against the harasser: the US's counter-ISIS operations raise consent as much as the week takes off. */
async function counterIsisWeek(): Promise<Session> {
  const made = Session.create(scenario, {
    scenarioId: 'two-boxers',
    seed: '1',
    preset: null,
    side: 'us',
    opponent: 'harasser',
  });
  if (!made.ok) throw new Error(made.errors[0]?.message);
  const s = made.value;
  const r = await s.commit('us', [{ type: 'counter-isis' }]);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return s;
}

describe('a figure whose causes cancel out', () => {
  it('is listed in the week\'s "what changed and why", with net 0', async () => {
    const s = await counterIsisWeek();
    const ledger = viewLedger(s.turns[0]!.ledger, 'us');
    const consent = ledger.find((l) => l.variable.kind === 'consent')!;
    // The case itself: parts that are not zero, and no move.
    expect(consent.after).toBe(consent.before);
    expect(consent.parts.some((p) => p.delta > 0)).toBe(true);
    expect(whyFigures(ledger).main).toContain(consent);
    expect(figureSummary(scenario, consent)).toMatch(/Coalition order: Run counter-ISIS operations .*net 0: 50 → 50$/);
  });

  it("is that week's on its meter, which says the causes cancelled rather than that it moved", async () => {
    const s = await counterIsisWeek();
    const last = lastChange(s.turns, 'consent', 'us');
    expect(last?.turn).toBe(1);
    expect(lastChangeHeading(last!)).toBe('Last acted on in week 1, its causes cancelling out:');
  });

  it('is not listed when it was not acted on at all, nor when the only parts the seat may see are zero', () => {
    const still = { variable: { kind: 'consent' as const }, before: 50, after: 50 };
    const ledger = [
      { ...still, parts: [] },
      { ...still, parts: [{ cause: { kind: 'unseen' as const }, delta: 0 }] },
    ];
    expect(whyFigures(ledger).main).toEqual([]);
  });

  it('says "moved" when the figure did move', () => {
    const moved = {
      turn: 3,
      lines: [
        {
          variable: { kind: 'consent' as const },
          before: 50,
          after: 48,
          parts: [{ cause: { kind: 'drift' as const, rule: 'consent' as const }, delta: -2 }],
        },
      ],
    };
    expect(lastChangeHeading(moved)).toBe('Last moved in week 3:');
  });
});
