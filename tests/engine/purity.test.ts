/**
 * The engine is a pure function of (scenario, seed, orders): it imports nothing from the UI, the AI or the CLI,
 * touches no DOM, reads no clock and draws nothing outside its seeded RNG, and uses none of the Math functions whose
 * last bits differ between JS engines (DESIGN.md §4). Checked on the source text, comments and strings aside.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importSpecifiers, stripSource } from './source-text.ts';

const ENGINE = fileURLToPath(new URL('../../src/engine', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

const FORBIDDEN_MATH = [
  'random',
  'exp',
  'expm1',
  'log',
  'log1p',
  'log2',
  'log10',
  'pow',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'atan2',
  'sinh',
  'cosh',
  'tanh',
  'cbrt',
  'hypot',
];

/** What is wrong with one engine source file, as readable lines. */
function impurities(src: string): string[] {
  const problems: string[] = [];
  const code = stripSource(src, true);
  for (const spec of importSpecifiers(src)) {
    if (/(^|\/)(ui|ai|cli)(\/|$)/.test(spec)) problems.push(`imports ${spec}`);
    if (spec === 'phaser' || spec.startsWith('phaser/')) problems.push(`imports ${spec}`);
  }
  for (const m of code.matchAll(/\bMath\s*\.\s*([A-Za-z0-9_$]+)/g))
    if (FORBIDDEN_MATH.includes(m[1]!)) problems.push(`uses Math.${m[1]}`);
  for (const m of code.matchAll(/\bMath\b(?!\s*\.)/g))
    problems.push(`uses Math other than as Math.member (at ${m.index})`);
  if (/\bDate\b/.test(code)) problems.push('uses Date');
  if (/(?<![.\w$])performance\b/.test(code)) problems.push('uses performance');
  if (/(?<![.\w$])(document|window)\s*\./.test(code)) problems.push('touches the DOM');
  if (/(?<![.\w$])crypto\b/.test(code)) problems.push('uses crypto');
  return problems;
}

describe('engine purity', () => {
  const files = sourceFiles(ENGINE);

  it('finds the engine sources', () => {
    const names = files.map((f) => relative(ENGINE, f));
    for (const name of ['index.ts', 'resolve.ts', 'rng.ts', 'view.ts', 'forecast.ts', join('turn', 'sequence.ts')])
      expect(names).toContain(name);
  });

  it.each(files.map((f) => [relative(ENGINE, f), f] as const))('%s is pure', (_name, file) => {
    expect(impurities(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('imports no package but its own rules libraries', () => {
    const external = new Set<string>();
    for (const file of files) {
      const src = stripSource(readFileSync(file, 'utf8'), false);
      for (const m of src.matchAll(/\bfrom\s*(['"])([^'"]+)\1/g)) if (!m[2]!.startsWith('.')) external.add(m[2]!);
    }
    expect([...external].sort()).toEqual(['immer', 'seedrandom', 'zod']);
  });
});

describe('the purity checker itself', () => {
  const BAD: [name: string, src: string][] = [
    ['Math.random', 'const x = Math.random();'],
    ['Math.exp', 'const y = Math.exp(2);'],
    ['Math.pow with spaces', 'const y = Math . pow(2, 3);'],
    ['Math.hypot', 'Math.hypot(a, b)'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text under test holds a template literal
    ['Math.atan2 in a template expression', 'const s = `angle ${Math.atan2(y, x)}`;'],
    ['Math aliased', 'const M = Math; M.log(2);'],
    ['Date.now', 'const t = Date.now();'],
    ['new Date', 'const d = new Date(0);'],
    ['performance.now', 'performance.now()'],
    ['the DOM', 'document.body.append(x);'],
    ['the window', 'window.addEventListener("x", f);'],
    ['an import from the UI', "import { x } from '../ui/map.ts';"],
    ['an import from the AI', "import type { Policy } from '../ai/simple.ts';"],
    ['an import from the CLI', "export { run } from '../cli/sim.ts';"],
    ['Phaser', "import Phaser from 'phaser';"],
    ['a dynamic import of Phaser', "const P = await import('phaser');"],
  ];
  const GOOD: [name: string, src: string][] = [
    ['integer helpers', 'const v = Math.trunc(Math.max(a, Math.min(b, c))) + Math.imul(a, b) + Math.sqrt(4);'],
    ['Date in a comment', '// the engine may not use Date or Math.random\nconst x = 1;'],
    ['Math.random in a block comment', '/* Math.random() and window.x */ const y = 2;'],
    ['words in strings', "const s = 'Date.now() and Math.exp and document.title';"],
    ['a template without expressions', 'const s = `new Date()`;'],
    ['identifiers that contain the words', 'const startDate = longDate(x); const w = s.strikes.window;'],
    ['a relative import', "import { clamp } from './math.ts';"],
  ];

  it.each(BAD)('flags %s', (_name, src) => {
    expect(impurities(src).length).toBeGreaterThan(0);
  });

  it.each(GOOD)('passes %s', (_name, src) => {
    expect(impurities(src)).toEqual([]);
  });
});
