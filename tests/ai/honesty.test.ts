/**
 * Honesty: a computer player reads only its seat's view. Two states that differ only in what a side cannot see
 * (the true authors of attacks, Iran's purse, secret plans, the game's RNG…) give the same view, and so every AI of
 * that side, doctrines and strategist alike, gives the same orders and the same reasons from the same dice.
 */
import { describe, expect, it } from 'vitest';
import { AI_PLAYERS } from '../../src/ai/registry.ts';
import { aiDice } from '../../src/ai/simple.ts';
import { strategistPolicy } from '../../src/ai/strategist.ts';
import { Dice, type GameState, type Side, seedRng, viewFor } from '../../src/engine/index.ts';
import { hiddenFromIran, hiddenFromUs, matchStates, randomGameStates, SCENARIO, TEST_LEVEL } from './fixtures.ts';

const twin = (side: Side, state: GameState, dice: Dice) =>
  side === 'us' ? hiddenFromUs(state, dice) : hiddenFromIran(state, dice);

/** Mid-game states worth hiding things in: random play (fronts, strikes, plans of every kind) and doctrine play. */
function states(): GameState[] {
  const hawk = (side: Side) => AI_PLAYERS.find((p) => p.side === side && p.id === 'hawk')!.policy;
  const out: GameState[] = [];
  for (const seed of ['1', '2', '3']) out.push(...randomGameStates(`honest-${seed}`).filter((_, i) => i % 2 === 1));
  out.push(...matchStates('honest-hawks', hawk('us'), hawk('iran')).filter((_, i) => i % 3 === 2));
  return out;
}

const STATES = states();

describe.each(['us', 'iran'] as const)('what %s cannot see changes nothing', (side) => {
  it('the twins really differ only where the side cannot look', () => {
    const dice = new Dice(seedRng(`twins/${side}`));
    for (const s of STATES) {
      const t = twin(side, s, dice);
      expect(JSON.stringify(t)).not.toBe(JSON.stringify(s));
      expect(viewFor(SCENARIO, t, side)).toEqual(viewFor(SCENARIO, s, side));
    }
  });

  const players = AI_PLAYERS.filter((p) => p.side === side && p.kind === 'doctrine');
  it.each(players.map((p) => [p.id, p] as const))('doctrine %s gives the same orders and reasons', (_, player) => {
    const dice = new Dice(seedRng(`twins/${side}/${player.id}`));
    for (const s of STATES) {
      const t = twin(side, s, dice);
      const a = player.policy(SCENARIO, viewFor(SCENARIO, s, side, false), aiDice('honest', side, s.turn));
      const b = player.policy(SCENARIO, viewFor(SCENARIO, t, side, false), aiDice('honest', side, s.turn));
      expect(b).toEqual(a);
    }
  });

  it('the strategist samples what it cannot see from its own stream, never from the state', () => {
    const policy = strategistPolicy(TEST_LEVEL);
    const dice = new Dice(seedRng(`twins/${side}/strategist`));
    for (const s of STATES) {
      const t = twin(side, s, dice);
      const a = policy(SCENARIO, viewFor(SCENARIO, s, side, false), aiDice('honest', side, s.turn));
      const b = policy(SCENARIO, viewFor(SCENARIO, t, side, false), aiDice('honest', side, s.turn));
      expect(b).toEqual(a);
    }
  });

  it('so does the strategist at every level of the registry', () => {
    const dice = new Dice(seedRng(`twins/${side}/levels`));
    const few = STATES.filter((_, i) => i % 7 === 3).slice(0, 2);
    for (const player of AI_PLAYERS.filter((p) => p.side === side && p.kind === 'strategist'))
      for (const s of few) {
        const t = twin(side, s, dice);
        const a = player.policy(SCENARIO, viewFor(SCENARIO, s, side, false), aiDice('honest', side, s.turn));
        const b = player.policy(SCENARIO, viewFor(SCENARIO, t, side, false), aiDice('honest', side, s.turn));
        expect(b.orders).toEqual(a.orders);
        expect(b.search).toEqual(a.search);
      }
  });
});
