/**
 * The one-device classroom's desk PIN: set by the facilitator when the game starts, asked for before the desk opens
 * (and so before anyone can resume a paused game). It keeps students at the shared screen out of the desk; it is no
 * defence against someone who opens the browser's developer tools, which can read the whole save anyway.
 *
 * Only a salted SHA-256 of the PIN is kept (in the game's settings, so a reload still asks for it), never the PIN.
 */

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
