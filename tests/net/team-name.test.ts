import { describe, expect, it } from 'vitest';
import { teamNameSchema } from '../../src/net/protocol.ts';
import { hasHiddenFormatting, looksLikeComputerMark, nameSkeleton } from '../../src/net/team-name.ts';

describe('team names compared as they look', () => {
  it.each([
    ['Cyrillic "с" and "о"', 'соmputer: measured'],
    ['a full-width colon', 'computer：x'],
    ['full-width letters', 'ｃｏｍｐｕｔｅｒ: x'],
    ['capitals with a ratio sign for the colon', 'COMPUTER ∶ strategist'],
    ['a Greek lunate sigma and a modifier-letter colon', 'ϲomputer꞉ x'],
    ['Greek capitals Ο, Μ, Ρ, Τ, Ε', 'CΟΜΡUΤΕR: x'],
    ['mathematical bold letters', '𝐜𝐨𝐦𝐩𝐮𝐭𝐞𝐫: x'],
  ])('%s looks like a computer player’s mark', (_, name) => {
    expect(looksLikeComputerMark(name)).toBe(true);
    const parsed = teamNameSchema.safeParse(name);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('"computer:"');
  });

  it.each([
    ['"computer" without a colon', 'Computer club'],
    ['the mark not at the start', 'the computer: not first'],
    ['an Arabic name', 'نسور بغداد'],
    ['a Persian name with a non-joiner inside a word', 'شیر\u200Cها'],
    ['a Greek name', 'Αετοί'],
    ['a Russian name', 'Соколы'],
    ['a Hindi name with a joiner after a virama', 'क्\u200Dष'],
    ['an emoji sequence with joiners', '👨\u200D👩\u200D👧 team'],
  ])('%s is a name like any other', (_, name) => {
    expect(looksLikeComputerMark(name)).toBe(false);
    expect(teamNameSchema.safeParse(name)).toEqual({ success: true, data: name });
  });

  it.each([
    ['Greek capital Epsilon', 'Εagles', 'Eagles'],
    ['Cyrillic "а" and "е"', 'Eаglеs', 'Eagles'],
    ['case and spaces', '  EAGLES  of  mosul', 'eagles of Mosul'],
    ['full-width letters', 'Ｅａｇｌｅｓ', 'Eagles'],
    ['a no-break space', 'Red\u00A0Team', 'Red team'],
    ['Cyrillic capitals', 'ТОР', 'TOP'],
    ['Greek nu, which prints as v', 'νictory', 'Victory'],
    ['Arabic presentation forms', 'ﻧﺴﻮﺭ', 'نسور'],
  ])('%s: two names that look the same have one skeleton', (_, a, b) => {
    expect(nameSkeleton(a)).toBe(nameSkeleton(b));
  });

  it.each([
    ['another letter', 'Eagles', 'Eagled'],
    ['a digit for a letter', 'Eagles', 'Eag1es'],
    ['a Greek name and its Latin spelling', 'Αετοί', 'Aetoi'],
    ['two Arabic names', 'نسور', 'أسود'],
  ])('%s: names that look different keep different skeletons', (_, a, b) => {
    expect(nameSkeleton(a)).not.toBe(nameSkeleton(b));
  });

  it('keeps a name in another script as it is: the skeleton only folds Latin look-alikes', () => {
    expect(nameSkeleton('نسور بغداد')).toBe('نسور بغداد');
    expect(nameSkeleton('Соколы')).toBe('coкoлы'); // С and о print as Latin; к, л, ы have no Latin twin
  });

  it.each([
    ['a right-to-left override', 'Eagles\u202E', true],
    ['a zero-width space', 'Ea\u200Bgles', true],
    ['a non-joiner between Latin letters', 'Ea\u200Cgles', true],
    ['a joiner at the end', 'Eagles\u200D', true],
    ['a non-joiner between Arabic and Latin', 'نسور\u200CA', true],
    ['a non-joiner starting an Arabic name', '\u200Cنسور', true],
    ['an Arabic letter mark', 'نسور\u061C', true],
    ['a non-joiner inside a Persian word', 'شیر\u200Cها', false],
    ['a joiner between emoji', '👨\u200D👩', false],
    ['no format character', 'Eagles', false],
  ])('%s: hidden formatting is %s', (_, name, hidden) => {
    expect(hasHiddenFormatting(name)).toBe(hidden);
  });
});
