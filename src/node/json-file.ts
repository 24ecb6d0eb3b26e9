import { readFileSync, statSync } from 'node:fs';

/** Why a file could not be read, in words: "cannot read: no such file". */
export function readError(e: unknown): string {
  const code = e instanceof Error && 'code' in e ? String(e.code) : '';
  if (code === 'ENOENT') return 'cannot read: no such file';
  if (code === 'EISDIR') return 'cannot read: it is a directory';
  if (code === 'EACCES') return 'cannot read: permission denied';
  return `cannot read: ${e instanceof Error ? e.message : String(e)}`;
}

// JSON.parse reports a character offset (Node 20: "... in JSON at position 45"); people look for lines.
function jsonError(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const at = /at position (\d+)/.exec(message);
  if (!at || /\(line \d+ column \d+\)/.test(message)) return `not valid JSON (${message})`;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `not valid JSON at line ${line}, column ${column} (${message})`;
}

/** V8 cannot hold a longer string, so JSON.parse could never read a longer file: refuse it before reading it. */
const MOST_BYTES = 512 * 1024 * 1024;

/** Reads and parses a JSON file; any problem comes back as one message (unreadable file, or JSON with its line). */
export function readJson(path: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    // A device or a pipe (/dev/zero, a FIFO) would be read forever: only a file's known length is read.
    const stat = statSync(path);
    if (stat.isDirectory()) return { ok: false, message: 'cannot read: it is a directory' };
    if (!stat.isFile())
      return { ok: false, message: 'cannot read: it is not a regular file (a device, pipe or socket)' };
    if (stat.size > MOST_BYTES)
      return {
        ok: false,
        message: `cannot read: ${Math.round(stat.size / 1024 / 1024)} MB is more than a JSON file can hold here (at most 512 MB)`,
      };
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, message: readError(e) };
  }
  // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse refuses as an unexpected character.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: jsonError(text, e) };
  }
}
