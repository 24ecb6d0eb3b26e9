import { hashState, hashWeekStart } from '../../engine/index.ts';
import type { Session } from '../session.ts';

/**
 * The fingerprint the game screen shows, and whether it is the week's start rather than the game as it stands: at one
 * device, while a side's orders are sealed and the other side chooses, the week's start (hashWeekStart: what a reload
 * at that moment opens) gives nothing away and still matches another computer's game at that week.
 */
export function shownFingerprint(session: Session): { hash: string; weekStart: boolean } {
  const state = session.state;
  if (session.sealedWhileOtherChooses === null) return { hash: hashState(state), weekStart: false };
  return { hash: hashWeekStart(state), weekStart: true };
}
