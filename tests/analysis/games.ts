import { playMatch } from '../../src/ai/match.ts';
import { findAi } from '../../src/ai/registry.ts';
import { type PlayedGame, playBack, playBackState } from '../../src/analysis/record.ts';
import {
  createGame,
  type GameOptions,
  type GameState,
  type Order,
  playTurn,
  type Scenario,
} from '../../src/engine/index.ts';
import { shippedScenario } from '../shipped.ts';

export const SCENARIO = shippedScenario('two-boxers');
export const RED_LINES = shippedScenario('red-lines');

/** A whole game between two computer players, played back. */
export function aiGame(us: string, iran: string, seed: string, options: GameOptions = {}): PlayedGame {
  const usAi = findAi('us', us);
  const iranAi = findAi('iran', iran);
  if (!usAi || !iranAi) throw new Error(`no players ${us} / ${iran}`);
  const match = playMatch(SCENARIO, seed, usAi.policy, iranAi.policy, options);
  return mustPlayBack(SCENARIO, match.state);
}

/**
 * A game where each side gives the orders `choose` returns for each turn (an empty list to hold), to the end or
 * for `turns` turns; orders the rules refuse throw, so a test says exactly what was played.
 */
export function scriptedGame(
  choose: (turn: number, state: GameState) => { us: Order[]; iran: Order[] },
  seed = '1',
  options: GameOptions & { scenario?: Scenario; turns?: number } = {},
): PlayedGame {
  const scenario = options.scenario ?? SCENARIO;
  const created = createGame(scenario, seed, options.preset === undefined ? {} : { preset: options.preset });
  if (!created.ok) throw new Error(created.errors[0]?.message);
  let state = created.value;
  while (!state.outcome && (options.turns === undefined || state.turn <= options.turns)) {
    const orders = choose(state.turn, state);
    const next = playTurn(scenario, state, orders.us, orders.iran);
    if (!next.ok) throw new Error(`turn ${state.turn}: ${next.errors[0]?.message}`);
    state = next.value;
  }
  return mustPlayBack(scenario, state);
}

export function mustPlayBack(scenario: Scenario, state: GameState): PlayedGame {
  const game = playBackState(scenario, state);
  if (!game.ok) throw new Error(game.errors[0]?.message);
  return game.value;
}

export { playBack };
