import { DOCTRINES, type DoctrineBook, parseDoctrines } from '../ai/doctrine.ts';
import { formatErrors, type Scenario, plural } from '../engine/index.ts';
import { readJson } from '../node/json-file.ts';
import { readScenarioFile, type ScenarioFile } from '../node/scenario-file.ts';

/** Parsed command-line arguments: `--key value` options, `--flag` switches and plain positional arguments. */
export interface Args {
  values: Map<string, string>;
  flags: Set<string>;
  positional: string[];
}

/** How one option reads in a command's --help: what its value looks like (none for a switch) and what it does. */
export interface OptionHelp {
  value?: string;
  text: string;
}

/**
 * The options every tool that takes them reads the same way, so `--seeds 40` or `--workers 2` never means one
 * thing to batch and another to the tournament.
 */
export const COMMON_OPTIONS = {
  seeds: { value: 'A-B|N', text: 'the seeds to play: a range A-B (inclusive) or a count N (seeds 1 to N)' },
  workers: {
    value: 'N',
    text: 'threads to spread the games over (all cores by default, at most the cores); results never depend on it',
  },
  scenario: { value: 'FILE', text: 'the scenario file; default scenarios/two-boxers.json' },
  doctrines: {
    value: 'FILE',
    text: 'the doctrines file the computer players come from; default scenarios/doctrines.json',
  },
  us: { value: 'ID', text: 'the US computer player: a doctrine or strategist:easy|normal|hard (default measured)' },
  iran: { value: 'ID', text: 'the Iranian computer player (default harasser)' },
  preset: { value: 'ID', text: 'a shorter game of the scenario, such as short' },
  json: { value: 'FILE', text: 'write a JSON results file' },
  csv: { value: 'FILE', text: 'write the results as CSV' },
  html: { value: 'FILE', text: 'write a self-contained HTML report with plots (uPlot, bundled into the file)' },
  markdown: { text: 'print the tables as Markdown' },
} as const satisfies Record<string, OptionHelp>;

/** A common option with what this tool adds to it (its default, what its file holds), never another meaning. */
export const commonOption = (name: keyof typeof COMMON_OPTIONS, more: string): OptionHelp => ({
  ...COMMON_OPTIONS[name],
  text: `${COMMON_OPTIONS[name].text}${more.startsWith(';') || more.startsWith(':') ? '' : ' '}${more}`,
});

/** What a command prints for --help: how to call it, what it does, every option, and examples. */
export interface Help {
  usage: string;
  about: string;
  options: Record<string, OptionHelp>;
  examples: readonly string[];
}

/** The options a command knows (those that take a value and the bare switches) and its --help. */
export interface ArgSpec {
  values?: readonly string[];
  flags?: readonly string[];
  help: Help;
}

/** A command's options as parseArgs reads them, taken from its help: options with a value, and switches. */
export function specOf(help: Help): ArgSpec {
  const entries = Object.entries(help.options);
  return {
    values: entries.filter(([, o]) => o.value !== undefined).map(([n]) => n),
    flags: entries.filter(([, o]) => o.value === undefined).map(([n]) => n),
    help,
  };
}

/** The text of a command's --help. */
export function helpText(help: Help): string {
  const names = Object.entries(help.options).map(([name, o]) => `--${name}${o.value ? ` ${o.value}` : ''}`);
  const width = Math.max(0, ...names.map((n) => n.length));
  return [
    `Usage: ${help.usage}`,
    '',
    help.about,
    '',
    'Options:',
    ...Object.values(help.options).map(
      (o, i) => `  ${names[i]!.padEnd(width)}  ${o.text.replaceAll('\n', `\n${' '.repeat(width + 4)}`)}`,
    ),
    `  ${'--help'.padEnd(width)}  print this help and exit`,
    '',
    help.examples.length === 1 ? 'Example:' : 'Examples:',
    ...help.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}

/**
 * Parses argv (without node and the script) against what the command knows. An unknown option or a missing value
 * is an error message, not a guess: a typo like `--sed 42` must not silently play another game.
 */
export function parseArgs(
  argv: readonly string[],
  spec: ArgSpec,
): { ok: true; args: Args } | { ok: false; message: string } {
  const valueNames = new Set(spec.values ?? []);
  const flagNames = new Set(spec.flags ?? []);
  // Every option a command takes is in its help: a programmer's slip, caught the first time the command runs.
  for (const name of [...valueNames, ...flagNames])
    if (!(name in spec.help.options)) throw new Error(`--${name} is missing from the command's help`);
  // Asked for help anywhere an option may stand; a value is not a request (`--seed -h` plays the seed "-h").
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(helpText(spec.help));
      process.exit(0);
    }
    if (arg.startsWith('--') && !arg.includes('=') && valueNames.has(arg.slice(2))) i++;
  }
  const args: Args = { values: new Map(), flags: new Set(), positional: [] };
  const known = () =>
    [...valueNames]
      .map((n) => `--${n} ${spec.help.options[n]?.value ?? 'VALUE'}`)
      .concat([...flagNames].map((n) => `--${n}`))
      .join(', ') || '(none)';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      args.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (flagNames.has(name)) {
      if (eq >= 0) return { ok: false, message: `--${name} takes no value` };
      args.flags.add(name);
    } else if (valueNames.has(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--')))
        return { ok: false, message: `--${name} needs a value` };
      if (args.values.has(name)) return { ok: false, message: `--${name} is given twice` };
      args.values.set(name, value);
    } else return { ok: false, message: `unknown option --${name}: expected ${known()}, or --help` };
  }
  return { ok: true, args };
}

/** Prints one line to stderr and exits 1: the only way a CLI reports bad input (never a stack trace). */
export function die(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/**
 * Runs a CLI's main function. Anything it throws is a bug, not bad input, yet is still reported on one line (with
 * the stack only when DEBUG is set) so a user never has to read a trace.
 */
export function runMain(main: () => void): void {
  try {
    main();
  } catch (e) {
    if (process.env.DEBUG && e instanceof Error) process.stderr.write(`${e.stack ?? e.message}\n`);
    die(`internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export { readError, readJson } from '../node/json-file.ts';

/** Reads a scenario file (composed with the model it names) and validates it; on failure, one line per problem. */
export function readScenario(
  path: string,
): ({ ok: true; scenario: Scenario } & ScenarioFile) | { ok: false; lines: string[] } {
  const read = readScenarioFile(path);
  return read.ok ? { ok: true, ...read.file } : read;
}

/** Loads a scenario for a command, or prints every problem with the file's JSON paths and exits 1. */
export function loadScenario(path: string): Scenario {
  return loadScenarioFiles(path).scenario;
}

/** As loadScenario, with the files it read (the scenario and the model it names), which no output may overwrite. */
export function loadScenarioFiles(path: string): { scenario: Scenario; files: string[] } {
  const read = readScenario(path);
  if (read.ok) return { scenario: read.scenario, files: read.files };
  process.stderr.write(`${read.lines.join('\n')}\n`);
  process.exit(1);
}

/** The doctrines file a run reads: --doctrines, else the shipped book's file. No output may overwrite it either. */
const SHIPPED_DOCTRINES = 'scenarios/doctrines.json';
export const doctrinesFileOf = (path: string | null): string => path ?? SHIPPED_DOCTRINES;

/** Seeds numbered first to last, inclusive. */
export interface SeedRange {
  first: number;
  last: number;
}

/**
 * `--seeds` as every tool reads it: a range `A-B` (inclusive), or a count `N` meaning seeds 1 to N. The message says
 * what is wrong: a range like 10-1 runs backwards, and a run has at most `most` seeds.
 */
export function parseSeedRange(
  text: string,
  most = 10_000_000,
): { ok: true; range: SeedRange } | { ok: false; message: string } {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return { ok: false, message: `expected a range like 1-10000 or a count like 1000, got "${text}"` };
  const first = m[2] === undefined ? 1 : Number(m[1]);
  const last = Number(m[2] ?? m[1]);
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last))
    return { ok: false, message: `"${text}" is too large for a seed` };
  if (last < 1) return { ok: false, message: `"${text}": expected at least one seed` };
  if (last < first) return { ok: false, message: `the range ${text} runs backwards: write ${last}-${first}` };
  if (last - first + 1 > most) return { ok: false, message: `"${text}": at most ${plural(most, 'seed')} in one run` };
  return { ok: true, range: { first, last } };
}

/** A doctrines file given with --doctrines (checked, each problem named with its JSON path), or the shipped book. */
export function loadBook(path: string | null): DoctrineBook {
  if (path === null) return DOCTRINES;
  const json = readJson(path);
  if (!json.ok) die(`${path}: ${json.message}`);
  const parsed = parseDoctrines(json.value);
  if (!parsed.ok)
    die(
      formatErrors(parsed.errors)
        .split('\n')
        .map((l) => `${path}: ${l}`)
        .join('\n'),
    );
  return parsed.value;
}
