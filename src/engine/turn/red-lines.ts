import { clamp } from '../math.ts';
import { emit, type TurnContext } from './context.ts';

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
      d.us.credibility = clamp(d.us.credibility + s.redLines.honouredCredibility, 0, 100);
      emit(t, 'all', { type: 'red-line', status: 'honoured' });
    } else if (r.deadline !== null && d.turn >= r.deadline) {
      r.status = 'broken';
      d.us.credibility = clamp(d.us.credibility + s.redLines.brokenCredibility, 0, 100);
      d.us.resolve = clamp(d.us.resolve + s.redLines.brokenResolve, 0, 100);
      emit(t, 'all', { type: 'red-line', status: 'broken' });
    }
  }
}
