/**
 * What a lab run plays, as data: the results on screen are for one set of these inputs, and go stale as soon as the
 * form holds another. No DOM here, so node tests read it.
 */
import { plural } from '../words.ts';

export interface RunInputs {
  /** The baseline as the page names it: "Two Boxers (bundled)", "mine.json". */
  baseline: string;
  /** Counts the baselines the page has adopted: loading the same file again is a new baseline all the same. */
  baselineVersion: number;
  /** The changed numbers, by field label. */
  changes: ReadonlyMap<string, number>;
  /** Fields holding a value outside their limits: such a form plays no variant at all. */
  invalid: ReadonlySet<string>;
  us: string;
  iran: string;
  /** The length as the form shows it: "full game (12 turns)". */
  length: string;
  /** The seed boxes as typed. */
  first: string;
  last: string;
}

/** A change list this long is cut, so that a line naming the inputs stays a line or two. */
const NAMED_CHANGES = 3;

/**
 * What differs between the inputs some results are for and the form's inputs now, in words ("the US player",
 * "attacks.profiles.rocket-attack.hitPerMille"); empty when the results are the form's.
 */
export function changedInputs(shown: RunInputs, now: RunInputs): string[] {
  if (shown.baselineVersion !== now.baselineVersion) return ['the baseline'];
  const out: string[] = [];
  const labels = new Set([...shown.changes.keys(), ...now.changes.keys(), ...shown.invalid, ...now.invalid]);
  for (const label of labels)
    if (shown.changes.get(label) !== now.changes.get(label) || shown.invalid.has(label) !== now.invalid.has(label))
      out.push(label);
  if (shown.us !== now.us) out.push('the US player');
  if (shown.iran !== now.iran) out.push('the Iranian player');
  if (shown.length !== now.length) out.push('the length');
  if (shown.first.trim() !== now.first.trim() || shown.last.trim() !== now.last.trim()) out.push('the seeds');
  return out;
}

/** A list of names as a sentence reads it: "a", "a and b", "a, b and 2 more". */
export function nameSome(names: readonly string[], limit = NAMED_CHANGES): string {
  const shown = names.slice(0, limit);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** The inputs in one line, for the results to say which games they are: baseline, changes, players, length, seeds. */
export function describeInputs(i: RunInputs): string {
  const changes = [...i.changes].map(([label, x]) => `${label} = ${x}`);
  const variant =
    changes.length === 0 ? 'no change (B is A)' : `${plural(changes.length, 'change')}: ${nameSome(changes)}`;
  return `${i.baseline} with ${variant}; US ${i.us} against Iran ${i.iran}; ${i.length}; seeds ${i.first.trim()} to ${i.last.trim()}.`;
}

/** The seed range typed into the lab, checked: a range it can play, or why not (`message`, a sentence). */
export type SeedRange = { ok: true; first: number; last: number } | { ok: false; message: string };

/** Checks the seed boxes as typed: whole numbers from 0 to 2^53 - 1, the first no larger than the last, `max` at most. */
export function checkSeeds(firstText: string, lastText: string, max: number): SeedRange {
  // An empty box reads as 0 to Number(), and past 2^53 a seed and the next are one number: both are refused.
  const seed = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
  const first = seed(firstText);
  const last = seed(lastText);
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || last < first)
    return {
      ok: false,
      message: `Seeds: give a range of whole numbers from 0 to ${Number.MAX_SAFE_INTEGER.toLocaleString('en')}, the first no larger than the last (e.g. 1 to 200).`,
    };
  if (last - first + 1 > max) return { ok: false, message: `Seeds: at most ${max.toLocaleString('en')} at a time.` };
  return { ok: true, first, last };
}
