import { describe, expect, test } from 'vitest';
import { COMMON_OPTIONS } from '../../src/cli/args.ts';
import { cli } from './support.ts';

/** Item 3 of the designer's-lab issue: one command-line manner across the tools. */

interface Tool {
  script: string;
  args?: string[]; // before --help (a subcommand)
  options: string[]; // every option the tool takes
}

const TOOLS: Tool[] = [
  { script: 'sim', options: ['seed', 'us', 'iran', 'scenario', 'preset', 'out', 'quiet', 'why', 'verify'] },
  {
    script: 'batch',
    options: ['seeds', 'us', 'iran', 'scenario', 'doctrines', 'preset', 'workers', 'shard', 'json', 'csv', 'html'],
  },
  { script: 'merge', options: ['json', 'csv'] },
  {
    script: 'sweep',
    options: ['set', 'seeds', 'us', 'iran', 'scenario', 'doctrines', 'preset', 'workers', 'csv', 'html'],
  },
  {
    script: 'compare',
    options: [
      'scenario',
      'against',
      'set',
      'seeds',
      'us',
      'iran',
      'doctrines',
      'preset',
      'workers',
      'write',
      'csv',
      'html',
    ],
  },
  { script: 'tournament', options: ['seeds', 'us', 'iran', 'scenario', 'doctrines', 'preset', 'workers', 'markdown'] },
  {
    script: 'balance',
    options: ['seeds', 'level', 'scenario', 'doctrines', 'preset', 'workers', 'html', 'no-scripts', 'equal'],
  },
  { script: 'backtest', options: ['scenario', 'seeds', 'markdown'] },
  { script: 'validate', options: [] },
  { script: 'bench', options: ['scenario', 'games', 'batch-games', 'memory-games', 'balance-seeds'] },
  { script: 'replay', args: ['show'], options: ['turn', 'seat', 'scenario'] },
  { script: 'replay', args: ['luck'], options: ['seeds', 'workers', 'scenario'] },
  { script: 'replay', args: ['fork'], options: ['at', 'us', 'iran', 'seeds', 'workers', 'scenario'] },
  { script: 'replay', args: ['verify'], options: ['scenario'] },
];

const helps = new Map<Tool, Promise<string>>();
const helpOf = (tool: Tool) => {
  let h = helps.get(tool);
  if (!h) {
    h = cli(`src/cli/${tool.script}.ts`, [...(tool.args ?? []), '--help']).then((run) => {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      return run.stdout;
    });
    helps.set(tool, h);
  }
  return h;
};

/** The text --help gives an option: what follows `--name VALUE` on its line. */
const optionText = (help: string, name: string): string | undefined =>
  new RegExp(`^ {2}--${name}(?: \\S+)? +(.+)$`, 'm').exec(help)?.[1];

describe.concurrent('every tool has --help: usage, every option, an example', () => {
  test.each(TOOLS.map((t) => ({ name: [t.script, ...(t.args ?? [])].join(' '), tool: t })))(
    '$name',
    async ({ tool }) => {
      const help = await helpOf(tool);
      expect(help).toMatch(/^Usage: npm run /);
      expect(help).toMatch(/\nExamples?:\n {2}npm run /);
      for (const option of tool.options) expect(optionText(help, option), `--${option}`).toBeDefined();
      const listed = [...help.matchAll(/^ {2}--([\w-]+)/gm)].map((m) => m[1]);
      expect(listed.sort()).toEqual([...tool.options, 'help'].sort());
    },
  );
});

describe.concurrent('the same option means the same thing everywhere', () => {
  test.each(['seeds', 'workers', 'doctrines', 'json', 'csv', 'html', 'scenario'] as const)('--%s', async (option) => {
    const texts: string[] = [];
    for (const tool of TOOLS.filter((t) => t.options.includes(option))) {
      const text = optionText(await helpOf(tool), option);
      if (text !== undefined) texts.push(text);
    }
    expect(texts.length).toBeGreaterThan(0);
    // A tool may add its default or what its file holds (after a ; : or parenthesis), never another meaning.
    const meaning = (text: string) => text.split(/[;:(]/)[0]!.trim();
    for (const text of texts) expect(meaning(text), text).toBe(meaning(COMMON_OPTIONS[option].text));
  });
});

describe.concurrent('tournament', () => {
  test('--us , is an error naming the option', async () => {
    const run = await cli('src/cli/tournament.ts', ['--us', ',', '--iran', 'harasser', '--seeds', '1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--us ",": expected player ids separated by commas');
    expect(run.stdout).toBe('');
  });

  test('a player named twice is an error: the same pairing would be played and printed twice', async () => {
    const run = await cli('src/cli/tournament.ts', ['--us', 'measured,measured', '--iran', 'harasser', '--seeds', '1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--us "measured,measured" names measured twice');
    expect(run.stdout).toBe('');
  });

  test('--seeds takes a range, as batch does, and draws no progress off a terminal', async () => {
    const run = await cli('src/cli/tournament.ts', ['--us', 'measured', '--iran', 'harasser', '--seeds', '3-4']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('seeds 3-4 (2 games per pairing');
    expect(run.stderr).toBe('');
  });

  test('--jobs and --first are gone: --workers and a seed range say it', async () => {
    const run = await cli('src/cli/tournament.ts', ['--jobs', '2']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown option --jobs');
    expect(run.stderr).toContain('--workers N');
  });
});
