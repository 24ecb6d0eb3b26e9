import { createHash, createHmac, randomBytes } from 'node:crypto';

/** Crockford's base32 alphabet: no I, L, O or U, so a code read off the board is typed right. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A join code: 8 characters (40 bits), shown as XXXX-XXXX. Short enough to type from the board, and with guessing
 * limited per address (limits.ts), far too many to find one by trying during a class period.
 *
 * It is drawn from the session's facilitator secret (an HMAC keyed by it), not stored: the store keeps only the
 * code's HMAC under the pepper and the secret's hash, so a copy of the store gives no codes, while the desk, which
 * holds the secret, can be shown its class's code again after a reload.
 */
export function joinCodeFor(facilitatorSecret: string): { code: string; shown: string } {
  const bytes = createHmac('sha256', facilitatorSecret).update('two-boxers join code').digest();
  let bits = 0n;
  for (const b of bytes.subarray(0, 5)) bits = (bits << 8n) | BigInt(b);
  let code = '';
  for (let i = 7; i >= 0; i--) code += CODE_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return { code, shown: `${code.slice(0, 4)}-${code.slice(4)}` };
}

/** How a normalised join code is looked up: an HMAC with the server's pepper, so a copy of the store gives no codes. */
export const codeHmac = (pepper: Buffer, code: string): string =>
  createHmac('sha256', pepper).update(code).digest('base64url');

/** A seat token or facilitator secret: 256 random bits, given once and stored only as its hash. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

/** An id for a session or a game: public (it appears in every message), so only unique, not secret. */
export const newId = (): string => randomBytes(9).toString('base64url');

/** The seed of a session's games when the teacher gives none: long enough that no one finds it by trying seeds. */
export const newSeed = (): string => randomBytes(16).toString('hex');
