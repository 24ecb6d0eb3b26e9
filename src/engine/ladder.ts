import { clamp, idiv } from './math.ts';
import type { Scenario } from './scenario.ts';

export interface LadderState {
  rung: number;
  peak: number;
  quietTurns: number;
}

export interface LadderMove {
  from: number;
  to: number;
  cause: 'pressure' | 'first' | 'decay' | 'siege' | 'incident';
  /** For an incident: what happened, as the news tells it (from the scenario's stories). */
  story?: string;
}

/**
 * One turn of the escalation ladder. The turn's perceived pressure climbs rungs (a gate needs a stronger push to
 * cross, as Kahn's thresholds do), quiet turns in a row let it step down, and first-of-their-kind acts (precedents
 * broken) jump it regardless of gates. Returns the new state and each move for the event log.
 */
export function stepLadder(
  scenario: Scenario,
  ladder: LadderState,
  pressure: number,
  firstJumps: number,
): { ladder: LadderState; moves: LadderMove[] } {
  const L = scenario.ladder;
  const moves: LadderMove[] = [];
  let { rung, quietTurns } = ladder;
  const from = rung;
  let steps = Math.min(idiv(pressure, L.pressurePerRung), L.maxStep);
  while (steps > 0 && rung < L.war) {
    if (L.gates.includes(rung + 1) && pressure < L.gatePressure) break;
    rung++;
    steps--;
  }
  if (pressure <= -L.pressurePerRung && rung > 0) rung--;
  if (rung !== from) moves.push({ from, to: rung, cause: 'pressure' });
  if (pressure <= L.calmBelow) {
    quietTurns++;
    if (quietTurns >= L.decayAfterQuiet && rung > 0 && firstJumps === 0) {
      moves.push({ from: rung, to: rung - 1, cause: 'decay' });
      rung--;
      quietTurns = 0;
    }
  } else quietTurns = 0;
  if (firstJumps > 0) {
    const to = clamp(rung + firstJumps, 0, L.war);
    if (to !== rung) moves.push({ from: rung, to, cause: 'first' });
    rung = to;
  }
  return { ladder: { rung, peak: Math.max(ladder.peak, rung), quietTurns }, moves };
}

/**
 * The per-mille chance this week of an incident nobody ordered, for a crisis that started the week at `rung`: the
 * higher it stands, the more forces are on a hair trigger.
 */
export function incidentChance(scenario: Scenario, rung: number): number {
  const i = scenario.ladder.incidents;
  return rung < i.fromRung ? 0 : Math.min(1000, (rung - i.fromRung + 1) * i.perMillePerRung);
}

/** The named rung for a level. */
export function rungName(scenario: Scenario, level: number): string {
  return scenario.ladder.rungs[clamp(level, 0, scenario.ladder.rungs.length - 1)]!.name;
}
