/**
 * Counts the player reads agree in number: "1 week left", not "1 weeks left" (the Intelligence tab's government
 * and waiver), and the shared helper the other pages use.
 */
import { describe, expect, it } from 'vitest';
import { viewFor } from '../../src/engine/index.ts';
import { baghdadWords } from '../../src/ui/game/intel-panel.ts';
import { plural } from '../../src/ui/words.ts';
import { newGame, SCENARIO } from '../engine/helpers.ts';

describe("the Intelligence tab's Baghdad line", () => {
  it.each([
    { weeks: 1, says: ['(1 week left to form a government)', 'Electricity waiver: 1 week left.'] },
    { weeks: 3, says: ['(3 weeks left to form a government)', 'Electricity waiver: 3 weeks left.'] },
  ])('$weeks left', ({ weeks, says }) => {
    const g = structuredClone(newGame('plurals'));
    g.baghdad.designateTurns = weeks;
    g.baghdad.waiverTurns = weeks;
    const words = baghdadWords(viewFor(SCENARIO, g, 'iran'));
    for (const s of says) expect(words).toContain(s);
  });
});

describe('plural', () => {
  it.each([
    [0, 'weeks'],
    [1, 'week'],
    [2, 'weeks'],
  ] as const)('%i %s', (n, noun) => {
    expect(plural(n, 'week')).toBe(`${n} ${noun}`);
  });
});
