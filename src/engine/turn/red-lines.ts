import { adjust, type Cause } from '../ledger.ts';
import { emit, type TurnContext } from './context.ts';

const HONOURED: Cause = { kind: 'red-line', status: 'honoured' };
const BROKEN: Cause = { kind: 'red-line', status: 'broken' };

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
}
