import { describe, expect, it } from 'vitest';
import { type RedLineState, type Scenario, signedNumber } from '../../src/engine/index.ts';
import { redLineStakes, redLineState } from '../../src/ui/red-line-words.ts';
import { shippedScenario } from '../shipped.ts';

const scenario: Scenario = shippedScenario('two-boxers');
const line = (r: Partial<RedLineState>): RedLineState => ({
  declaredTurn: 0,
  status: 'standing',
  crossedTurn: null,
  deadline: null,
  ...r,
});

/** The Intelligence tab's red lines: each line's state in the engine's status words, and what crossing one costs. */
describe('red lines in words', () => {
  it.each<[string, RedLineState, number, string]>([
    ['one standing from the start', line({}), 1, 'standing: since the start of the game'],
    ['one declared in play', line({ declaredTurn: 3 }), 5, 'standing: declared in week 3'],
    [
      'one crossed, with weeks left to answer',
      line({ status: 'crossed', crossedTurn: 4, deadline: 6 }),
      5,
      'crossed: crossed in week 4 (declared before the game began): a US strike by week 6 honours it, otherwise it is broken',
    ],
    [
      'one crossed, in its last week',
      line({ status: 'crossed', crossedTurn: 4, deadline: 5, declaredTurn: 2 }),
      5,
      'crossed: crossed in week 4 (declared in week 2): a US strike by week 5 (this is the last week) honours it, otherwise it is broken',
    ],
    [
      'one honoured',
      line({ status: 'honoured', crossedTurn: 4, deadline: 5 }),
      7,
      'honoured: crossed in week 4 (declared before the game began) and answered by a US strike in time',
    ],
    [
      'one broken',
      line({ status: 'broken', crossedTurn: 4, deadline: 5 }),
      7,
      'broken: crossed in week 4 (declared before the game began) and not answered by week 5',
    ],
  ])('%s', (_name, r, turn, text) => {
    const { status, words } = redLineState(r, turn);
    expect(status).toBe(r.status); // the engine's word, never another
    expect(`${status}: ${words}`).toBe(text);
  });

  it("says what crosses a line and what leaving it unanswered costs, from the scenario's numbers", () => {
    const r = scenario.redLines;
    const words = redLineStakes(scenario, 'a standing line');
    expect(words).toContain(
      'An attack that kills an American or a siege that breaks into the embassy crosses a standing line',
    );
    expect(words).toContain(`honours it (credibility ${signedNumber(r.honouredCredibility)})`);
    expect(words).toContain(
      `otherwise it is broken (credibility ${signedNumber(r.brokenCredibility)}, resolve ${signedNumber(r.brokenResolve)})`,
    );
    const three = { ...scenario, redLines: { ...r, responseWindow: 3, brokenCredibility: -7 } };
    expect(redLineStakes(three)).toContain('in the week it is crossed or the 2 after honours it');
    expect(redLineStakes(three)).toContain('(credibility −7, resolve');
  });
});
