import { type Side, hashState } from '../../engine/index.ts';
import type { Session } from '../session.ts';
import { readScreenMemo, writeScreenMemo } from '../storage.ts';
import { shownFingerprint } from './fingerprint.ts';

/**
 * What a reload of the game screen cannot learn from the autosave, kept beside it: that a hotseat side's sealed orders
 * were left out of it (so the hand-over screen can say they are gone), or that the week's results were on show (so
 * they show again rather than being skipped). Each note is tied to the game's fingerprint at that moment: a note of
 * another game, or of a game that has moved on, matches nothing and is ignored. It holds no order, only a side.
 */

/** A hotseat side sealed its orders while the other chooses: the autosave leaves them out (Session.toStoredSave). */
export function noteSealed(session: Session): void {
  const side = session.sealedWhileOtherChooses;
  if (side !== null) writeScreenMemo({ kind: 'sealed', hash: shownFingerprint(session).hash, side });
}

/** The week's results are on show. */
export function noteResults(session: Session): void {
  writeScreenMemo({ kind: 'results', hash: hashState(session.state) });
}

/** The screen moved on (results left, a week resolved): nothing to say after a reload. */
export function clearNote(): void {
  writeScreenMemo(null);
}

/**
 * What the screen opening on this game should know: the side whose sealed orders a reload dropped, or that the
 * last week's results were on show. Only when the game is exactly where the note was written, nothing sealed since.
 */
export function readNote(session: Session): { droppedOrders: Side } | { results: true } | null {
  const memo = readScreenMemo();
  if (memo === null || hashState(session.state) !== memo.hash) return null;
  if (memo.kind === 'sealed') return { droppedOrders: memo.side };
  return session.turns.length > 0 ? { results: true } : null;
}
