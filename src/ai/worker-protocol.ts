import { Dice, type FreezeOptions, type RngState, type Scenario, type SeatView, type Side } from '../engine/index.ts';
import { findAi } from './registry.ts';
import type { Decision } from './simple.ts';

/**
 * The messages between the page and the AI worker, and the worker's handler as a plain function (so it is tested
 * without a browser). The scenario travels once per session: later requests name it by key.
 */

export interface DecideRequest {
  id: number;
  scenarioKey: string;
  scenario?: Scenario; // sent with the first request for a key
  side: Side;
  ai: string; // an id from AI_PLAYERS, e.g. "strategist:hard"
  view: SeatView;
  rng: RngState; // the AI's own stream for this turn (aiDice(...).save())
}

export type DecideResponse = { id: number; ok: true; decision: Decision } | { id: number; ok: false; error: string };

/**
 * Answers one request: finds the player, rebuilds its dice and decides (`options` reaches the engine in the
 * player's playouts). Never throws: errors come back as values.
 */
export function handleRequest(
  scenarios: Map<string, Scenario>,
  req: DecideRequest,
  options: FreezeOptions = {},
): DecideResponse {
  try {
    if (req.scenario) scenarios.set(req.scenarioKey, req.scenario);
    const scenario = scenarios.get(req.scenarioKey);
    if (!scenario) return { id: req.id, ok: false, error: `unknown scenario "${req.scenarioKey}": send it first` };
    const player = findAi(req.side, req.ai);
    if (!player) return { id: req.id, ok: false, error: `no computer player "${req.ai}" for ${req.side}` };
    return { id: req.id, ok: true, decision: player.policy(scenario, req.view, new Dice(req.rng), options) };
  } catch (e) {
    return { id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
