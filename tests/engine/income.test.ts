/**
 * Iran's income as its seat reads it (the Intelligence tab, the briefing packet, the desk): the real gain of the
 * week being ordered, with its parts, from the same reckoning the economy step books (src/engine/income.ts).
 */
import { describe, expect, it } from 'vitest';
import { iranIncomeParts, type Ledger, viewFor } from '../../src/engine/index.ts';
import { incomeWords } from '../../src/ui/words.ts';
import { newGame, play, quiet, SCENARIO, withScenario } from './helpers.ts';

/** What the week's income booked on Iran's resources, every income part of the ledger. */
function bookedIncome(ledger: Ledger): number {
  const line = ledger.find((l) => l.variable.kind === 'iranResources');
  return (line?.parts ?? []).filter((p) => p.cause.kind === 'income').reduce((t, p) => t + p.delta, 0);
}

describe("Iran's weekly income, as its seat reads it", () => {
  // Resources far from either bound, so the clamp never hides a part.
  const S = withScenario(quiet, (x) => {
    x.iran.resources = 50;
  });

  it('is the net the economy step books, week by week, through the pandemic and the waiver lapsing', () => {
    let g = newGame('income', S);
    const seen: number[] = [];
    for (let week = 1; week <= 8 && !g.outcome; week++) {
      const w = viewFor(S, g, 'iran').iran.weeklyIncome!;
      const r = play(g, [], []);
      expect(w.net, `week ${week}`).toBe(bookedIncome(r.ledger));
      expect(w.net).toBe(w.base + w.pandemic + w.waiver + w.economicAttack);
      seen.push(w.net);
      g = r.state;
    }
    // Not the bare income: the pandemic drains it from the first week, the lapsed waiver later.
    expect(seen.every((n) => n < S.iran.income)).toBe(true);
  });

  it('the week one of the play-test read: income 10, the pandemic -3, a real gain of 7', () => {
    const w = viewFor(SCENARIO, newGame('income'), 'iran').iran.weeklyIncome!;
    expect(w).toMatchObject({ base: SCENARIO.iran.income, net: SCENARIO.iran.income + w.pandemic });
    expect(w.pandemic).toBe(-SCENARIO.pandemic.schedule[0]! * SCENARIO.pandemic.iranDrainPerLevel);
    expect(incomeWords(w)).toBe(`${w.net} this week (${w.base}, less ${-w.pandemic} for the pandemic)`);
  });

  it('is hidden from the US and the public', () => {
    const g = newGame('income');
    expect(viewFor(SCENARIO, g, 'us').iran.weeklyIncome).toBeUndefined();
    expect(viewFor(SCENARIO, g, 'public').iran.weeklyIncome).toBeUndefined();
    expect(viewFor(SCENARIO, g, 'facilitator').iran.weeklyIncome).toBeDefined();
  });

  it.each([
    { name: 'no drain', parts: [10, 0, false, false], words: '10 this week' },
    { name: 'the pandemic', parts: [10, 3, false, false], words: '7 this week (10, less 3 for the pandemic)' },
    {
      name: 'every drain',
      parts: [10, 3, true, true],
      words:
        '3 this week (10, less 3 for the pandemic, 2 with the electricity waiver lapsed and 2 for the oil site attacked)',
    },
  ] as const)('words: $name', ({ parts, words }) => {
    const [base, pandemic, lapsed, oil] = parts;
    expect(incomeWords(iranIncomeParts(SCENARIO, base, pandemic, lapsed, oil))).toBe(words);
  });
});
