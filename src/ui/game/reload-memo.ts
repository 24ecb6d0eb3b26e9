import { type Side, hashState } from '../../engine/index.ts';
import type { Session } from '../session.ts';
import { shownFingerprint } from './fingerprint.ts';

/**
 * What a reload of the game screen cannot learn from the autosave, kept beside it: that a hotseat side's sealed orders
 * were left out of it (so the hand-over screen can say they are gone), or that the week's results were on show (so
 * they show again rather than being skipped). Each note is tied to the game's fingerprint at that moment: a note of
 * another game, or of a game that has moved on, matches nothing and is ignored. It holds no order, only a side.
 * Its own key, apart from storage.ts's saves: the saves are the game, this is only where the screen stood.
 */
const KEY = 'two-boxers/screen-memo/v1';

type Memo = { kind: 'sealed'; hash: string; side: Side } | { kind: 'results'; hash: string };

function read(): Memo | null {
  try {
    const text = localStorage.getItem(KEY);
    const memo = text === null ? null : (JSON.parse(text) as Partial<Memo> | null);
    if (memo?.kind === 'results' && typeof memo.hash === 'string') return { kind: 'results', hash: memo.hash };
    if (memo?.kind === 'sealed' && typeof memo.hash === 'string' && (memo.side === 'us' || memo.side === 'iran'))
      return { kind: 'sealed', hash: memo.hash, side: memo.side };
  } catch {
    // unreadable or unavailable storage: there is no note
  }
  return null;
}

function write(memo: Memo | null): void {
  try {
    if (memo === null) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify(memo));
  } catch {
    // storage full or unavailable: a reload then opens as it did before these notes
  }
}

/** A hotseat side sealed its orders while the other chooses: the autosave leaves them out (Session.toStoredSave). */
export function noteSealed(session: Session): void {
  const side = session.sealedWhileOtherChooses;
  if (side !== null) write({ kind: 'sealed', hash: shownFingerprint(session).hash, side });
}

/** The week's results are on show. */
export function noteResults(session: Session): void {
  write({ kind: 'results', hash: hashState(session.state) });
}

/** The screen moved on (results left, a week resolved): nothing to say after a reload. */
export function clearNote(): void {
  write(null);
}

/**
 * What the screen opening on this game should know: the side whose sealed orders a reload dropped, or that the
 * last week's results were on show. Only when the game is exactly where the note was written, nothing sealed since.
 */
export function readNote(session: Session): { droppedOrders: Side } | { results: true } | null {
  const memo = read();
  if (memo === null || hashState(session.state) !== memo.hash) return null;
  if (memo.kind === 'sealed') return { droppedOrders: memo.side };
  return session.turns.length > 0 ? { results: true } : null;
}
