import { hashState } from '../../engine/index.ts';
import type { Session } from '../session.ts';

/**
 * The fingerprint the game screen shows, and whether it is the week's start rather than the game as it stands. The
 * state's hash covers sealed orders: at one device, while a side's orders are sealed and the other side chooses, the
 * hash of the game as it stands would let the second player try likely orders in another browser until it matched.
 * The week's start is the game without the orders sealed (what a replay of its record ends on, and what a reload at
 * that moment opens), so it gives nothing away and still matches another computer's game at that week.
 */
export function shownFingerprint(session: Session): { hash: string; weekStart: boolean } {
  const state = session.state;
  if (session.sealedWhileOtherChooses === null) return { hash: hashState(state), weekStart: false };
  return { hash: hashState({ ...state, submitted: { us: null, iran: null } }), weekStart: true };
}
