/**
 * How the classroom compares team names: by what a reader sees, not by code points. A name is shown on the projector
 * and the teacher's desk, so two names that print the same are one name to the class, and a name that prints like a
 * computer player's mark ("computer: measured") would pass for one. Names in any script are welcome as they are
 * (a class in Baghdad names its teams in Arabic): only look-alikes of the Latin letters and of the colon are folded,
 * to compare, never to change what is stored or shown.
 */

/**
 * Letters of other scripts (and a few Latin and punctuation characters that NFKC keeps) that print like a Latin letter
 * or a colon, by case: uppercase Cyrillic "С" looks like "C", lowercase Greek "ν" like "v". A small table after
 * Unicode's confusables (UTS #39), for the letters a class could type or paste; NFKC already folds full-width and
 * mathematical letters and the full-width and small colons.
 */
const pairs = (from: string, to: string): [string, string][] => {
  const letters = [...from];
  if (letters.length !== to.length) throw new Error(`look-alikes: ${from} and ${to} differ in length`);
  return letters.map((ch, i) => [ch, to[i]!]);
};
const LOOK_ALIKES: ReadonlyMap<string, string> = new Map([
  ...pairs('АВЕКМНОРСТХУЅІЈԚԜӀ', 'ABEKMHOPCTXYSIJQWI'), // Cyrillic capitals
  ...pairs('аеорсухіјѕԁһԛԝӏ', 'aeopcyxijsdhqwl'), // Cyrillic small letters
  ...pairs('ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ', 'ABEZHIKMNOPTYX'), // Greek capitals
  ...pairs('αικνορυχς', 'aikvopuxc'), // Greek small letters (ς: NFKC's form of the lunate sigma ϲ)
  ...pairs('ɡɑǀ', 'gal'), // Latin letters that print like others
  // Colons NFKC keeps apart: ratio, modifier letter colon, raised colon, Armenian full stop, Hebrew sof pasuq
  ...pairs('\u2236\uA789\u02D0\u02F8\u0589\u05C3', '::::::'),
]);

/**
 * The form two names are compared in: NFKC, look-alikes mapped to the Latin letter they print as, case-folded, the
 * characters that print nothing dropped, and spaces collapsed. Equal skeletons mean the names look the same.
 */
export function nameSkeleton(name: string): string {
  let mapped = '';
  for (const ch of name.normalize('NFKC')) mapped += LOOK_ALIKES.get(ch) ?? ch;
  return mapped
    .toLowerCase()
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** How the seats and the desk name a computer player ('computer: <id>'): no team's name may look like it. */
export const looksLikeComputerMark = (name: string): boolean => /^computer\s*:/.test(nameSkeleton(name));

const JOINERS = new Set(['\u200C', '\u200D']); // zero-width non-joiner and joiner
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
// The scripts of the look-alike table: a joiner between their letters changes nothing a reader sees.
const LATIN_LIKE = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]$/u;
const PICTOGRAPH = /^(?:\p{Extended_Pictographic}|\uFE0F)$/u;

/**
 * Whether a name holds a Unicode format character (category Cf: zero-width spaces, bidi overrides such as U+202E)
 * where it has no visible job. The two joiners are part of how some scripts are written and are kept there: the
 * non-joiner and joiner between letters of scripts such as Persian, Arabic or Devanagari (a Persian keyboard types
 * the non-joiner inside words), and the joiner inside an emoji sequence.
 */
export function hasHiddenFormatting(name: string): boolean {
  const chars = [...name];
  return chars.some((ch, i) => {
    if (!/\p{Cf}/u.test(ch)) return false;
    if (!JOINERS.has(ch)) return true;
    const before = chars[i - 1] ?? '';
    const after = chars[i + 1] ?? '';
    const inWord =
      LETTER_OR_MARK.test(before) && LETTER_OR_MARK.test(after) && !LATIN_LIKE.test(before) && !LATIN_LIKE.test(after);
    const inEmoji = ch === '\u200D' && PICTOGRAPH.test(before) && PICTOGRAPH.test(after);
    return !(inWord || inEmoji);
  });
}
