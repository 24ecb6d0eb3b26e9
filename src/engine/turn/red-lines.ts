import { adjust, type Cause } from '../ledger.ts';
import type { Scenario } from '../scenario.ts';
import type { AttackRecord } from '../state.ts';
import { emit, type TurnContext } from './context.ts';

const HONOURED: Cause = { kind: 'red-line', status: 'honoured' };
const BROKEN: Cause = { kind: 'red-line', status: 'broken' };
const UNANSWERED: Cause = { kind: 'red-line', status: 'unanswered' };
const ANSWERED: Cause = { kind: 'red-line', status: 'answered' };

/** A standing red line is crossed (an American killed, the embassy besieged): the US has a window to answer it. */
export function crossRedLine(t: TurnContext): void {
  for (const r of t.d.us.redLines) {
    if (r.status !== 'standing') continue;
    r.status = 'crossed';
    r.crossedTurn = t.d.turn;
    r.deadline = t.d.turn + t.s.redLines.responseWindow - 1;
    emit(t, 'all', { type: 'red-line', status: 'crossed' });
  }
}

/** A crossed line is honoured by a US strike this turn, or broken once its deadline passes unanswered. */
export function judgeRedLines(t: TurnContext): void {
  const s = t.s;
  const d = t.d;
  for (const r of d.us.redLines) {
    if (r.status !== 'crossed') continue;
    if (t.kineticResponse) {
      r.status = 'honoured';
      adjust(t, 'credibility', s.redLines.honouredCredibility, HONOURED);
      emit(t, 'all', { type: 'red-line', status: 'honoured' });
    } else if (r.deadline !== null && d.turn >= r.deadline) {
      r.status = 'broken';
      adjust(t, 'credibility', s.redLines.brokenCredibility, BROKEN);
      adjust(t, 'resolve', s.redLines.brokenResolve, BROKEN);
      emit(t, 'all', { type: 'red-line', status: 'broken' });
    }
  }
  answerAttacks(t);
}

/**
 * Declared or not, an attack on Americans asks for an answer, as the US gave one for K-1 and for Taji. A US strike
 * within the response window answers every attack on US forces since its last one (credibility gained once); when
 * the window closes on an attack still unanswered, the US loses credibility for it, if it could pin the attack on
 * someone (its confidence at least the strikes' `lowConfidence`: a front's cover spares the US the blame too), and
 * for each American it killed, pinned or not.
 */
function answerAttacks(t: TurnContext): void {
  const d = t.d;
  const r = t.s.redLines;
  const last = d.us.lastStrikeTurn;
  if (t.kineticResponse) {
    if (answerOwed(t.s, d.attacks, last, d.turn)) adjust(t, 'credibility', r.answeredCredibility, ANSWERED);
    d.us.lastStrikeTurn = d.turn;
    return;
  }
  const since = windowStart(t.s, d.turn);
  let cost = 0;
  for (const a of d.attacks)
    if (a.turn === since && unanswered(a, last))
      cost +=
        (a.confidence >= t.s.strikes.lowConfidence ? r.unansweredAttack : 0) +
        a.casualties.usKilled * r.unansweredDeath;
  if (cost !== 0) adjust(t, 'credibility', cost, UNANSWERED);
}

type AttackSeen = Pick<AttackRecord, 'kind' | 'turn'>;
const windowStart = (s: Scenario, turn: number) => turn - s.redLines.responseWindow + 1;
/** An attack on US forces (an oil site is not) that no US strike has answered since. */
const unanswered = (a: AttackSeen, lastStrikeTurn: number | null) =>
  a.kind !== 'economic-attack' && (lastStrikeTurn === null || a.turn > lastStrikeTurn);

/**
 * Whether a US strike in week `turn` would answer attacks still owed an answer (and earn credibility back): what
 * resolution applies and what the strike's forecast tells the player, from the records either sees.
 */
export function answerOwed(
  s: Scenario,
  attacks: readonly AttackSeen[],
  lastStrikeTurn: number | null,
  turn: number,
): boolean {
  const since = windowStart(s, turn);
  return attacks.some((a) => a.turn >= since && unanswered(a, lastStrikeTurn));
}
