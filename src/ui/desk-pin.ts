/**
 * The one-device classroom's desk PIN: set by the facilitator when the game starts, asked for before the desk opens
 * (and so before anyone can resume a paused game). It keeps students at the shared screen out of the desk; it is no
 * defence against someone who opens the browser's developer tools, which can read the whole save anyway.
 *
 * Only a salted SHA-256 of the PIN is kept (in the game's settings, so a reload still asks for it), never the PIN.
 * Wrong PINs are counted, and after too many the desk locks for a while: four digits are quickly tried by hand.
 */

import { readPinAttempts, writePinAttempts } from './storage.ts';

export interface DeskPin {
  salt: string;
  hash: string;
}

export const PIN_RULE = 'a PIN of 4 to 8 digits';

/** What is wrong with a PIN as typed, in the facilitator's words; null when it will do. */
export function pinProblem(typed: string): string | null {
  return /^\d{4,8}$/.test(typed.trim()) ? null : `Set ${PIN_RULE} for the facilitator’s desk.`;
}

const hex = (bytes: ArrayBuffer | Uint8Array): string =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

async function digest(salt: string, pin: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}:${pin.trim()}`)));
}

/** The PIN as the settings keep it. */
export async function makePin(pin: string): Promise<DeskPin> {
  const salt = hex(crypto.getRandomValues(new Uint8Array(16)));
  return { salt, hash: await digest(salt, pin) };
}

/** Whether a typed PIN is the one set at the start. */
export async function pinMatches(stored: DeskPin, typed: string): Promise<boolean> {
  return (await digest(stored.salt, typed)) === stored.hash;
}

/**
 * How many wrong PINs in a row the desk takes before it locks, and for how long. UI settings, not game rules: enough
 * for a facilitator's slips, too few for a team to try PINs while the facilitator looks away.
 */
export const DESK_PIN_LOCK = { attempts: 5, lockSeconds: 300 } as const;
export type PinLockRule = { readonly attempts: number; readonly lockSeconds: number };

/** The wrong PINs typed in a row, and until when (ms on the UI's clock) the desk is locked, if it is. */
export interface PinAttempts {
  wrong: number;
  lockedUntil: number | null;
}

export const NO_ATTEMPTS: PinAttempts = { wrong: 0, lockedUntil: null };

/** What a PIN typed at the desk comes to: the desk opens, or the PIN is wrong, or the desk is locked. */
export type PinCheck = { kind: 'open' } | { kind: 'wrong'; left: number } | { kind: 'locked'; seconds: number };

/** Seconds the desk stays locked at `now`, or 0 when it is not locked. */
export function lockedFor(attempts: PinAttempts, now: number): number {
  return attempts.lockedUntil !== null && now < attempts.lockedUntil
    ? Math.ceil((attempts.lockedUntil - now) / 1000)
    : 0;
}

/**
 * Checks a typed PIN against the attempts so far at `now` (the UI's clock): the verdict and the attempts to keep.
 * While locked the PIN is not even compared, so the right one does not open a locked desk; when the lock has run
 * out the count starts again.
 */
export async function checkPin(
  stored: DeskPin,
  typed: string,
  attempts: PinAttempts,
  now: number,
  rule: PinLockRule = DESK_PIN_LOCK,
): Promise<{ check: PinCheck; attempts: PinAttempts }> {
  const seconds = lockedFor(attempts, now);
  if (seconds > 0) return { check: { kind: 'locked', seconds }, attempts };
  if (await pinMatches(stored, typed)) return { check: { kind: 'open' }, attempts: NO_ATTEMPTS };
  const wrong = (attempts.lockedUntil === null ? attempts.wrong : 0) + 1;
  if (wrong < rule.attempts)
    return { check: { kind: 'wrong', left: rule.attempts - wrong }, attempts: { wrong, lockedUntil: null } };
  return {
    check: { kind: 'locked', seconds: rule.lockSeconds },
    attempts: { wrong: 0, lockedUntil: now + rule.lockSeconds * 1000 },
  };
}

const minutes = (seconds: number): string => {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? 'a minute' : `${m} minutes`;
};

/** The refusal in the facilitator's words; null when the desk opens. */
export function pinRefusal(check: PinCheck, rule: PinLockRule = DESK_PIN_LOCK): string | null {
  switch (check.kind) {
    case 'open':
      return null;
    case 'wrong':
      return `That is not the desk’s PIN. ${check.left === 1 ? 'One more wrong PIN locks' : `${check.left} more wrong PINs lock`} the desk for ${minutes(rule.lockSeconds)}.`;
    case 'locked':
      return `Too many wrong PINs: the desk is locked. Try again in ${minutes(check.seconds)}.`;
    default: {
      const never: never = check;
      return never;
    }
  }
}

/**
 * The desk's PIN entry: checks a typed PIN against the attempts this browser has kept for the game (they outlive a
 * reload, as the pause does) and keeps the new count. `now` is the UI's clock in ms. Null opens the desk; else the
 * refusal to show.
 */
export async function tryDeskPin(stored: DeskPin, typed: string, now: number): Promise<string | null> {
  const r = await checkPin(stored, typed, readPinAttempts(stored.salt), now);
  writePinAttempts(stored.salt, r.attempts);
  return pinRefusal(r.check);
}

/** The lock message to show as the PIN entry opens, or null when the desk is not locked at `now`. */
export function deskLocked(stored: DeskPin, now: number): string | null {
  const seconds = lockedFor(readPinAttempts(stored.salt), now);
  return seconds > 0 ? pinRefusal({ kind: 'locked', seconds }) : null;
}
