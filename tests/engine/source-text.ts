/**
 * Reading TypeScript sources as text, for the tests that check what the code may use and import (purity.test.ts,
 * boundary.test.ts): comments and strings told apart from code without a parser.
 */

/**
 * The source with comments removed and, if `blankStrings`, the contents of string and template literals blanked
 * (the code inside `${…}` is kept). Enough of a lexer for our sources: regex literals are read as code.
 */
export function stripSource(src: string, blankStrings: boolean): string {
  let out = '';
  let i = 0;
  const braces: number[] = []; // for each open `${`, the brace depth at which it closes
  let depth = 0;
  const readString = (quote: string) => {
    out += quote;
    i++;
    while (i < src.length && src[i] !== quote && src[i] !== '\n') {
      const ch = src[i] === '\\' ? src.slice(i, i + 2) : src[i]!;
      out += blankStrings ? ' '.repeat(ch.length) : ch;
      i += ch.length;
    }
    if (i < src.length) out += src[i++];
  };
  const readTemplate = () => {
    // From just after a backtick or a closing `}` of `${…}`, to the closing backtick or the next `${`.
    while (i < src.length) {
      if (src[i] === '\\') {
        out += blankStrings ? '  ' : src.slice(i, i + 2);
        i += 2;
      } else if (src[i] === '`') {
        out += src[i++];
        return;
      } else if (src.startsWith('${', i)) {
        out += '${';
        i += 2;
        braces.push(depth);
        depth++;
        return;
      } else {
        out += blankStrings && src[i] !== '\n' ? ' ' : src[i];
        i++;
      }
    }
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
      out += ' ';
    } else if (ch === "'" || ch === '"') readString(ch);
    else if (ch === '`') {
      out += ch;
      i++;
      readTemplate();
    } else if (ch === '{') {
      depth++;
      out += ch;
      i++;
    } else if (ch === '}') {
      depth--;
      out += ch;
      i++;
      if (braces.length > 0 && braces.at(-1) === depth) {
        braces.pop();
        readTemplate();
      }
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Every module a source names: static imports and re-exports, dynamic imports and requires, comments left out. */
export function importSpecifiers(src: string): string[] {
  const withStrings = stripSource(src, false);
  return [
    ...withStrings.matchAll(/\b(?:import|export)\b[^;'"`]*?\bfrom\s*(['"])([^'"]+)\1/g),
    ...withStrings.matchAll(/\bimport\s*\(?\s*(['"])([^'"]+)\1/g),
    ...withStrings.matchAll(/\brequire\s*\(\s*(['"])([^'"]+)\1/g),
  ].map((m) => m[2]!);
}
