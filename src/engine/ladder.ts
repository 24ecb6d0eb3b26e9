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
  cause: 'pressure' | 'first' | 'decay' | 'siege' | 'incident' | 'brink';
  /** For an incident: what happened, as the news tells it (from the scenario's stories). */
  story?: string;
}

/**
 * A week's push on the ladder. `ordered` is the part that came from acts a side ordered (its orders and what they
 * caused): only that part can carry the crisis across a gate, so fire nobody ordered, incidents and the news may
 * raise it to a gate but never through one, and never into war.
 */
export interface Push {
  pressure: number;
  ordered: number;
}

/**
 * One turn of the escalation ladder. The turn's perceived pressure climbs rungs (a gate needs a stronger push to
 * cross, as Kahn's thresholds do, and a push someone ordered), quiet turns in a row let it step down, and first-of-
 * their-kind acts (precedents broken) jump it past the lower gates but never into war. Returns the new state and
 * each move for the event log.
 */
export function stepLadder(
  scenario: Scenario,
  ladder: LadderState,
  push: Push,
  firstJumps: number,
): { ladder: LadderState; moves: LadderMove[] } {
  const L = scenario.ladder;
  const moves: LadderMove[] = [];
  const { pressure } = push;
  let { rung, quietTurns } = ladder;
  const from = rung;
  let steps = Math.min(idiv(pressure, L.pressurePerRung), L.maxStep);
  while (steps > 0 && rung < L.war) {
    if (isGate(scenario, rung + 1) && Math.min(pressure, push.ordered) < L.gatePressure) break;
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
    const to = clamp(rung + firstJumps, 0, Math.max(rung, L.war - 1));
    if (to !== rung) moves.push({ from: rung, to, cause: 'first' });
    rung = to;
  }
  return { ladder: { rung, peak: Math.max(ladder.peak, rung), quietTurns }, moves };
}

/**
 * The least push one week needs to carry the ladder from `rung` up to `target`, all of it ordered (a gate on the way
 * needs the gate pressure from ordered acts); null when `target` is more rungs away than a week can climb. What a
 * player is told before an order whose push could be part of it.
 */
export function pushToReach(scenario: Scenario, rung: number, target: number): number | null {
  const L = scenario.ladder;
  const steps = target - rung;
  if (steps <= 0) return 0;
  if (steps > L.maxStep || target > L.war) return null;
  let gate = false;
  for (let r = rung + 1; r <= target; r++) if (isGate(scenario, r)) gate = true;
  return Math.max(steps * L.pressurePerRung, gate ? L.gatePressure : 0);
}

/** War is the last gate: every listed gate, and the war rung itself. */
export const isGate = (scenario: Scenario, rung: number): boolean =>
  rung === scenario.ladder.war || scenario.ladder.gates.includes(rung);

/** The highest rung an unordered lift can reach from `rung`: the step below the next gate (war included). */
export function belowNextGate(scenario: Scenario, rung: number): number {
  let top = rung;
  while (top + 1 < scenario.ladder.war && !isGate(scenario, top + 1)) top++;
  return top;
}

/** How both sides stand this week, for the incident odds: orders that raise the temperature, orders that lower it. */
export interface Posture {
  hot: number; // violent and posturing orders, both sides together
  calm: number; // de-escalating orders, both sides together
}

export const NO_POSTURE: Posture = { hot: 0, calm: 0 };

/**
 * The per-mille chance this week of an incident nobody ordered, for a crisis that started the week at `rung`: the
 * higher it stands, the more forces are on a hair trigger; each violent or posturing order of either side this week
 * raises it, each de-escalating order lowers it.
 */
export function incidentChance(scenario: Scenario, rung: number, posture: Posture = NO_POSTURE): number {
  const i = scenario.ladder.incidents;
  if (rung < i.fromRung || rung >= scenario.ladder.war) return 0;
  return clamp(
    (rung - i.fromRung + 1) * i.perMillePerRung + posture.hot * i.perHotOrder - posture.calm * i.perCalmOrder,
    0,
    1000,
  );
}

/** Whether a week that begins at `rung` is at the brink (`ladder.brink`, turn/brink.ts): from its rung, short of war. */
export const atBrink = (scenario: Scenario, rung: number): boolean =>
  rung >= scenario.ladder.brink.fromRung && rung < scenario.ladder.war;

/** The named rung for a level. */
export function rungName(scenario: Scenario, level: number): string {
  return scenario.ladder.rungs[clamp(level, 0, scenario.ladder.rungs.length - 1)]!.name;
}
