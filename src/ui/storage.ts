import type { Side } from '../engine/index.ts';
import type { PinAttempts } from './desk-pin.ts';
import type { SaveFile } from './session.ts';

const AUTOSAVE = 'two-boxers/autosave/v1';
/** A copy of the autosave that earlier versions kept and nothing read; it may hold a hotseat side's sealed orders. */
const RETIRED_PREVIOUS = 'two-boxers/autosave/v1/previous';
const REPLACED = 'two-boxers/replaced/v1';
const TUTORIAL = 'two-boxers/tutorial-done';

const UNRESUMABLE = 'two-boxers/unresumable/v1';

/**
 * The autosave, if any: its text, and its JSON when the text parses (the session validates it). A text that does not
 * parse is still returned, so that the player is told and the text kept (keepUnresumable), not silently dropped.
 */
export function readAutosave(): { text: string; json: unknown } | null {
  let text: string | null;
  try {
    text = localStorage.getItem(AUTOSAVE);
  } catch {
    return null; // storage unavailable: there is no autosave to read
  }
  if (text === null) return null;
  try {
    return { text, json: JSON.parse(text) };
  } catch {
    return { text, json: undefined };
  }
}

/**
 * Keeps aside an autosave this version cannot resume (damaged, or from an earlier version of the rules), before the
 * next game's autosave replaces it: the title screen offers it as a file. One slot: the last such save.
 */
export function keepUnresumable(text: string): void {
  try {
    if (localStorage.getItem(UNRESUMABLE) !== text) localStorage.setItem(UNRESUMABLE, text);
  } catch {
    // storage full or unavailable: the title screen's message still offers the text while the page is open
  }
}

export function readUnresumable(): string | null {
  try {
    return localStorage.getItem(UNRESUMABLE);
  } catch {
    return null;
  }
}

export function discardUnresumable(): void {
  try {
    localStorage.removeItem(UNRESUMABLE);
  } catch {
    // storage unavailable: nothing kept
  }
}

/**
 * Writes the autosave. A failed write (storage full) leaves the last one as it was: setItem replaces its key whole
 * or not at all. The retired copy goes first, freeing its room and whatever sealed orders it kept.
 */
export function writeAutosave(save: SaveFile): string | null {
  try {
    localStorage.removeItem(RETIRED_PREVIOUS);
    localStorage.setItem(AUTOSAVE, JSON.stringify(save));
    return null;
  } catch (e) {
    return `The game could not be saved in this browser (${e instanceof Error ? e.message : String(e)}).`;
  }
}

export function clearAutosave(): void {
  try {
    localStorage.removeItem(AUTOSAVE);
  } catch {
    // storage unavailable: nothing to clear
  }
}

/**
 * Keeps a game in progress that the player chose to replace (a share link, a new game, a loaded save), so the title
 * screen can bring it back. One slot: the last game replaced.
 */
export function keepReplaced(save: SaveFile): string | null {
  try {
    localStorage.setItem(REPLACED, JSON.stringify(save));
    return null;
  } catch (e) {
    return `The replaced game could not be kept in this browser (${e instanceof Error ? e.message : String(e)}).`;
  }
}

/** The last replaced game, as raw JSON (the session validates it), or null. */
export function readReplaced(): unknown {
  try {
    const text = localStorage.getItem(REPLACED);
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

export function tutorialDone(): boolean {
  try {
    return localStorage.getItem(TUTORIAL) === '1';
  } catch {
    return true;
  }
}

export function markTutorialDone(): void {
  try {
    localStorage.setItem(TUTORIAL, '1');
  } catch {
    // a private window without storage shows the tutorial again next time: harmless
  }
}

/** Offers a file to the player (export of a save, a replay, or the debrief's JSON and CSV). */
export function download(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const PAUSED = 'two-boxers/classroom-paused';

/**
 * The desk's pause outlives a reload (a team must not resume by reloading the page). It is kept under the game's PIN
 * salt, random per game, so a pause belongs to the game it was made in and no other.
 */
export function readPaused(gameKey: string): boolean {
  try {
    return localStorage.getItem(PAUSED) === gameKey;
  } catch {
    return false;
  }
}

export function writePaused(gameKey: string, paused: boolean): void {
  try {
    if (paused) localStorage.setItem(PAUSED, gameKey);
    else if (localStorage.getItem(PAUSED) === gameKey) localStorage.removeItem(PAUSED);
  } catch {
    // storage unavailable: the pause lasts as long as the page
  }
}

const PIN_ATTEMPTS = 'two-boxers/desk-pin-attempts';
let inPage: { key: string; attempts: PinAttempts } | null = null;

/**
 * The desk's wrong PINs and lock, kept like the pause: under the game's PIN salt, so a reload does not reset the count
 * and another game's desk starts afresh.
 */
export function readPinAttempts(gameKey: string): PinAttempts {
  try {
    const kept = JSON.parse(localStorage.getItem(PIN_ATTEMPTS) ?? 'null') as {
      key?: unknown;
      wrong?: unknown;
      lockedUntil?: unknown;
    } | null;
    if (kept?.key !== gameKey) return { wrong: 0, lockedUntil: null };
    const wrong = typeof kept.wrong === 'number' && Number.isInteger(kept.wrong) && kept.wrong >= 0 ? kept.wrong : 0;
    const until = typeof kept.lockedUntil === 'number' && Number.isFinite(kept.lockedUntil) ? kept.lockedUntil : null;
    return { wrong, lockedUntil: until };
  } catch {
    return inPage?.key === gameKey ? inPage.attempts : { wrong: 0, lockedUntil: null };
  }
}

export function writePinAttempts(gameKey: string, attempts: PinAttempts): void {
  inPage = { key: gameKey, attempts };
  try {
    if (attempts.wrong === 0 && attempts.lockedUntil === null) {
      const kept = JSON.parse(localStorage.getItem(PIN_ATTEMPTS) ?? 'null') as { key?: unknown } | null;
      if (kept?.key === gameKey) localStorage.removeItem(PIN_ATTEMPTS);
    } else localStorage.setItem(PIN_ATTEMPTS, JSON.stringify({ key: gameKey, ...attempts }));
  } catch {
    // storage unavailable: the count lasts as long as the page (inPage)
  }
}

/** Where the game screen stood, for a reload (game/reload-memo.ts): apart from the saves, which are the game. */
const SCREEN_MEMO = 'two-boxers/screen-memo/v1';

export type ScreenMemo = { kind: 'sealed'; hash: string; side: Side } | { kind: 'results'; hash: string };

export function readScreenMemo(): ScreenMemo | null {
  try {
    const text = localStorage.getItem(SCREEN_MEMO);
    const memo = text === null ? null : (JSON.parse(text) as Partial<ScreenMemo> | null);
    if (memo?.kind === 'results' && typeof memo.hash === 'string') return { kind: 'results', hash: memo.hash };
    if (memo?.kind === 'sealed' && typeof memo.hash === 'string' && (memo.side === 'us' || memo.side === 'iran'))
      return { kind: 'sealed', hash: memo.hash, side: memo.side };
  } catch {
    // unreadable or unavailable storage: there is no note
  }
  return null;
}

export function writeScreenMemo(memo: ScreenMemo | null): void {
  try {
    if (memo === null) localStorage.removeItem(SCREEN_MEMO);
    else localStorage.setItem(SCREEN_MEMO, JSON.stringify(memo));
  } catch {
    // storage full or unavailable: a reload then opens as it did before these notes
  }
}
