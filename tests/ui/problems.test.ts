import { describe, expect, it } from 'vitest';
import type { EngineError } from '../../src/engine/index.ts';
import { listProblems } from '../../src/ui/problems.ts';

const problem = (n: number): EngineError => ({
  code: 'order.unknown',
  message: `unknown base "b${n}"`,
  path: `turns[${n}].iran[0].base`,
});
const problems = (n: number) => Array.from({ length: n }, (_, i) => problem(i));

describe('a refused input, as the player reads it', () => {
  const cases: { name: string; errors: EngineError[]; lead?: string; says: string | RegExp }[] = [
    {
      name: 'one problem stays on the line, with where it is',
      errors: problems(1),
      lead: 'save.json',
      says: 'save.json: turns[0].iran[0].base: unknown base "b0"',
    },
    {
      name: 'a problem with no path is its message',
      errors: [{ code: 'save.format', message: 'This is not a Two Boxers save file.' }],
      says: 'This is not a Two Boxers save file.',
    },
    {
      name: 'several go one to a line under the lead',
      errors: problems(3),
      lead: 'This replay cannot be played back',
      says: [
        'This replay cannot be played back:',
        'turns[0].iran[0].base: unknown base "b0"',
        'turns[1].iran[0].base: unknown base "b1"',
        'turns[2].iran[0].base: unknown base "b2"',
      ].join('\n'),
    },
    {
      name: 'one past the first few is counted in the singular',
      errors: problems(4),
      says: [
        'turns[0].iran[0].base: unknown base "b0"',
        'turns[1].iran[0].base: unknown base "b1"',
        'turns[2].iran[0].base: unknown base "b2"',
        'and 1 more problem',
      ].join('\n'),
    },
    {
      name: 'more are counted in the plural',
      errors: problems(40),
      lead: 'x.json',
      says: /^x\.json:\n(turns\[\d\]\.iran\[0\]\.base: .*\n){3}and 37 more problems$/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const text = listProblems(c.errors, c.lead);
      if (typeof c.says === 'string') expect(text).toBe(c.says);
      else expect(text).toMatch(c.says);
    });
});
