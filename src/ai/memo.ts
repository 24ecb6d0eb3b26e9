import type { Decision, Policy } from './simple.ts';

/**
 * A policy that remembers its decisions, for games that share the players' seed. A policy's choice is a function of
 * the scenario, its view and its dice, and a game's AI dice for a seat and turn come from the seed alone (aiDice).
 * So across games of one seed and one scenario, the same view (it holds the seat and the turn) gets the same
 * decision, and a searching player need not search again: in the balance report, every pairing of a seed opens
 * from the same first view, and many stay alike for a few turns.
 *
 * The view is the key, as JSON: everything a policy can read of it. Use one memo per seed and scenario, never across
 * seeds, and only for policies that read nothing but their arguments.
 */
export function rememberingPolicy(policy: Policy): Policy {
  const known = new Map<string, Decision>();
  return (scenario, view, dice, options) => {
    const key = JSON.stringify(view);
    let decision = known.get(key);
    if (decision === undefined) {
      decision = policy(scenario, view, dice, options);
      known.set(key, decision);
    }
    // A copy each time: two games must never share (and so never mutate) one order object.
    return structuredClone(decision);
  };
}
