/**
 * `npm run sim -- --why` (issue 12 item 7): after each week's events, each watched figure before → after and its
 * causes with their numbers, which add up to the change; the rest of the account is what sim prints without it.
 */
import { describe, expect, test } from 'vitest';
import { cli } from './support.ts';

const sim = (...args: string[]) => cli('src/cli/sim.ts', args);
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

/** The "Why it moved:" blocks of an account, one per turn, each as its lines. */
function whyBlocks(out: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | null = null;
  for (const line of out.split('\n')) {
    if (line === 'Why it moved:') {
      current = [];
      blocks.push(current);
    } else if (current && line.startsWith('  ')) current.push(line);
    else current = null;
  }
  return blocks;
}

describe.concurrent('sim --why', () => {
  test("prints each week's ledger after its events, each figure's causes summing to its change", async () => {
    const [why, plain] = await Promise.all([
      sim('--seed', '7', '--preset', 'short', '--why'),
      sim('--seed', '7', '--preset', 'short'),
    ]);
    expect(why.code, why.stderr).toBe(0);
    const turns = why.stdout.match(/^=== Turn /gm)?.length ?? 0;
    const blocks = whyBlocks(why.stdout);
    expect(blocks).toHaveLength(turns);
    // The option only adds: without the blocks, the account is sim's usual one.
    expect(why.stdout.replace(/^Why it moved:\n( {2}.*\n)*/gm, '')).toBe(plain.stdout);
    let figures = 0;
    for (const block of blocks) {
      let figure: { name: string; change: number; sum: number } | null = null;
      const close = () => {
        if (figure) expect(figure.sum, figure.name).toBe(figure.change);
      };
      for (const line of block) {
        const head = /^ {2}(\S.*): (\S+) → (\S+)$/.exec(line);
        const part = /^ {4,}([+-]\d+) {2}\S/.exec(line);
        if (head) {
          close();
          figures++;
          // Air defence and handed over read as words; every other figure is a number.
          const [from, to] = [Number(head[2]), Number(head[3])];
          figure =
            Number.isInteger(from) && Number.isInteger(to) ? { name: head[1]!, change: to - from, sum: 0 } : null;
        } else if (part) {
          if (figure) figure.sum += Number(part[1]);
        } else throw new Error(`not a ledger line: "${line}"`);
      }
      close();
    }
    expect(figures).toBeGreaterThan(turns);
    // A week's pressure, with the words of its causes.
    expect(why.stdout).toMatch(/^ {2}Ladder pressure this week: 0 → -?\d+$/m);
    expect(why.stdout).toMatch(/^ {4,}[+-]\d+ {2}(Coalition|Iran) order: /m);
  });

  test('--why with --quiet is one line naming both, exit 1', async () => {
    const run = await sim('--seed', '7', '--why', '--quiet');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('--why');
    expect(run.stderr).toContain('--quiet');
  });

  test('-h as the value of --seed is a seed, not a request for help; after it, or alone, it is one', async () => {
    const [seeded, asked] = await Promise.all([sim('--seed', '-h', '--quiet'), sim('--seed', '-h', '-h')]);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/^Final hash: [0-9a-f]+$/m);
    expect(seeded.stdout).not.toContain('Usage:');
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(/^Usage: npm run sim/);
  });

  test('--help lists --why', async () => {
    const run = await sim('--help');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/--why\s+after each week's events/);
  });
});
