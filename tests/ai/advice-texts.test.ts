/**
 * An advisor's reason agrees with the board (issue 13 item 6): what it says guards a base is what the base has, and
 * the odds it quotes are the model's.
 */
import { describe, expect, it } from 'vitest';
import { DOCTRINES } from '../../src/ai/doctrine.ts';
import { doctrineOptions } from '../../src/ai/doctrine-policy.ts';
import { Dice, type GameState, seedRng, viewFor } from '../../src/engine/index.ts';
import { newGame, SCENARIO } from './fixtures.ts';

const pc = (pm: number) => `${Math.round(pm / 10)}%`;

describe('air defence advice reads the base', () => {
  it.each([
    {
      defence: 'none',
      says: `nothing guards it: C-RAM guns there would shoot down about ${pc(SCENARIO.attacks.intercept.cram)} of the rockets`,
    },
    {
      defence: 'cram',
      says: `only C-RAM guns guard it, against rockets alone: Patriots there would also shoot down about ${pc(SCENARIO.attacks.missileIntercept.patriot)} of the missiles`,
    },
  ] as const)('every base with $defence', ({ defence, says }) => {
    const g: GameState = structuredClone(newGame('guard'));
    for (const b of g.us.bases) if (b.airDefence !== 'patriot') b.airDefence = defence;
    const view = viewFor(SCENARIO, g, 'us');
    let heard = 0;
    for (const doctrine of DOCTRINES.doctrines.filter((d) => d.side === 'us'))
      for (const o of doctrineOptions(SCENARIO, doctrine, view, new Dice(seedRng('guard')), false)) {
        if (o.order.type !== 'deploy-air-defence') continue;
        heard++;
        expect(o.why()).toContain(says);
      }
    expect(heard).toBeGreaterThan(0);
  });
});
