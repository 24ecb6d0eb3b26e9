import { type EngineError, parseScenario, type Scenario, turnsFor } from '../engine/index.ts';
import { die, parseArgs, readJson, readScenario, runMain } from './args.ts';
import {
  checkPlayer,
  type Matchup,
  parseSeedRange,
  runBatch,
  runHeader,
  speedLine,
  terminalProgress,
  workersOption,
} from './batch-run.ts';
import { checkOutputs, writeFileSafely } from './safe-write.ts';
import { alignColumns, runTitle, type Summary, wilson } from './summary.ts';

/**
 * Plays the same seeds once for each value of one or more scenario parameters (the grid of values when several
 * are given) and prints the outcome table, one row per setting.
 *   npm run sweep -- --set attacks.profiles.rocket-attack.hitPerMille=150,250,400 [--set PATH=V1,V2 ...]
 *                    --seeds 1-1000 [--us measured] [--iran harasser] [--scenario FILE] [--preset short]
 *                    [--workers N] [--csv FILE]
 * PATH is a JSON path into the scenario file (`us.bases[0].garrison`); each value is checked against the schema.
 */

const DEFAULT_SCENARIO = 'scenarios/two-boxers.json';

type Json = unknown;
type Segment = string | number;

/** One `--set`: where, and the values to try. */
interface Setting {
  path: string;
  segments: Segment[];
  values: Json[];
  texts: string[];
}

/** Splits `us.bases[0].garrison` into ["us", "bases", 0, "garrison"]; null when it is not a path. */
function splitPath(path: string): Segment[] | null {
  const segments: Segment[] = [];
  const re = /(?:^|\.)([^.[\]]+)|\[(\d+)\]/y;
  let at = 0;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (!m || (m[1] !== undefined && at > 0 && path[at] !== '.')) return null;
    if (m[1] !== undefined) segments.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    else segments.push(Number(m[2]));
    at = re.lastIndex;
  }
  return segments.length > 0 ? segments : null;
}

const pathText = (segments: readonly Segment[]) =>
  segments.reduce<string>((t, s) => (typeof s === 'number' ? `${t}[${s}]` : t ? `${t}.${s}` : s), '') || 'the scenario';

const kindOf = (v: Json) =>
  Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;

const fieldsOf = (v: Json) => Object.keys(v as object).join(', ');

/**
 * Finds where a path leads in the scenario's JSON: the object or list holding the last step, and the value there
 * (undefined for a field the file leaves out, which the schema may still know). A message when the path is wrong.
 */
function locate(raw: Json, setting: { path: string; segments: Segment[] }): { value: Json } | { message: string } {
  let here = raw;
  const { segments } = setting;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i]!;
    const where = pathText(segments.slice(0, i));
    const last = i === segments.length - 1;
    if (Array.isArray(here)) {
      if (typeof key !== 'number')
        return { message: `--set ${setting.path}: ${where} is a list; pick an entry, e.g. ${where}[0]` };
      if (key >= here.length)
        return { message: `--set ${setting.path}: ${where} has ${here.length} entries, numbered 0-${here.length - 1}` };
      here = here[key];
    } else if (here !== null && typeof here === 'object') {
      const k = String(key);
      if (!(k in here)) {
        if (last) return { value: undefined };
        return { message: `--set ${setting.path}: ${where} has no field "${k}" (it has ${fieldsOf(here)})` };
      }
      here = (here as Record<string, Json>)[k];
    } else return { message: `--set ${setting.path}: ${where} is ${kindOf(here)}, with no fields inside` };
  }
  return { value: here };
}

/** Reads one value as the type the field has in the file; a message when it cannot be that type. */
function valueFor(path: string, current: Json, text: string): { value: Json } | { message: string } {
  const wrong = (what: string) => ({
    message: `--set ${path}=${text}: "${text}" is not ${what} (${path} is ${kindOf(current)}, ${JSON.stringify(current)} in the file)`,
  });
  if (typeof current === 'number') return /^-?\d+(\.\d+)?$/.test(text) ? { value: Number(text) } : wrong('a number');
  if (typeof current === 'boolean')
    return text === 'true' || text === 'false' ? { value: text === 'true' } : wrong('true or false');
  if (typeof current === 'string') return { value: text };
  if (current !== undefined && current !== null)
    return {
      message: `--set ${path}: it is ${kindOf(current)}; set one of its ${Array.isArray(current) ? 'entries' : 'fields'} instead`,
    };
  // A field the file leaves out: the schema decides what it takes.
  if (/^-?\d+(\.\d+)?$/.test(text)) return { value: Number(text) };
  if (text === 'true' || text === 'false') return { value: text === 'true' };
  return { value: text };
}

function assign(raw: Json, segments: readonly Segment[], value: Json): void {
  let here = raw as Record<string | number, Json>;
  for (const key of segments.slice(0, -1)) here = here[key] as Record<string | number, Json>;
  here[segments[segments.length - 1]!] = value;
}

/** Reads a `--set PATH=V1,V2` against the scenario's JSON; a one-line message when it is wrong. */
function parseSetting(raw: Json, text: string): Setting | { message: string } {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) return { message: `--set ${text}: expected PATH=VALUE[,VALUE...]` };
  const path = text.slice(0, eq);
  const segments = splitPath(path);
  if (!segments) return { message: `--set ${path}: not a path like us.bases[0].garrison` };
  const found = locate(raw, { path, segments });
  if ('message' in found) return found;
  const texts = text.slice(eq + 1).split(',');
  const values: Json[] = [];
  for (const t of texts) {
    const v = valueFor(path, found.value, t);
    if ('message' in v) return v;
    values.push(v.value);
  }
  return { path, segments, values, texts };
}

/** The first schema problem with a variant, in words that name the setting; `raw` is the file as read. */
function schemaProblem(label: string, errors: readonly EngineError[], raw: Json): string {
  const e = errors[0]!;
  const unknown = /^Unrecognized keys?: (.+)$/.exec(e.message);
  if (e.code === 'scenario.unrecognized_keys' && unknown) {
    const holder = locate(raw, { path: e.path ?? '', segments: splitPath(e.path ?? '') ?? [] });
    const has = 'value' in holder && holder.value && typeof holder.value === 'object' ? fieldsOf(holder.value) : '';
    return `--set ${label}: no field ${unknown[1]} in ${e.path || 'the scenario'}${has ? ` (it has ${has})` : ''}`;
  }
  return `--set ${label}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

/** Every combination of the settings' values, first setting slowest. */
function grid(settings: readonly Setting[]): number[][] {
  let combos: number[][] = [[]];
  for (const s of settings) combos = combos.flatMap((c) => s.values.map((_, i) => [...c, i]));
  return combos;
}

/** Pulls every `--set X` (or `--set=X`) out of argv: the one option that may be given more than once. */
function takeSets(argv: readonly string[]): { sets: string[]; rest: string[] } {
  const sets: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith('--set=')) sets.push(arg.slice('--set='.length));
    else if (arg === '--set') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) die('--set needs a value: --set PATH=V1,V2');
      sets.push(v);
    } else rest.push(arg);
  }
  return { sets, rest };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function tableRows(settings: readonly Setting[], combos: number[][], summaries: readonly Summary[]) {
  return combos.map((combo, i) => {
    const s = summaries[i]!;
    const n = Math.max(1, s.games);
    const rate = (k: number) => ({ k, rate: k / n, ...wilson(k, s.games) });
    return {
      values: combo.map((v, j) => settings[j]!.texts[v]!),
      games: s.games,
      us: rate(s.resultCount('us')),
      iran: rate(s.resultCount('iran')),
      draw: rate(s.resultCount('draw')),
      sharedLoss: rate(s.resultCount('shared-loss')),
      rung: s.mean('rung'),
      voteShare: (s.games - s.noVote) / n,
      usKilled: s.casualties.usKilled / n,
      allKilled: s.mean('allKilled'),
      escalationUs: s.mean('escalationUs'),
      escalationIran: s.mean('escalationIran'),
      scoreUs: s.mean('scoreUs'),
      scoreIran: s.mean('scoreIran'),
    };
  });
}

type Row = ReturnType<typeof tableRows>[number];
type Rate = Row['us'];

const withInterval = (r: Rate) => `${pct(r.rate)} (${(100 * r.low).toFixed(1)}-${(100 * r.high).toFixed(1)})`;

function textTable(settings: readonly Setting[], rows: readonly Row[]): string[] {
  const head = [
    ...settings.map((s) => s.path),
    'US wins (95%)',
    'Iran wins (95%)',
    'draw',
    'shared loss',
    'rung',
    'vote held',
    'US killed',
    'all killed',
    'US escalation',
    'Iran escalation',
  ];
  const body = rows.map((r) => [
    ...r.values,
    withInterval(r.us),
    withInterval(r.iran),
    pct(r.draw.rate),
    pct(r.sharedLoss.rate),
    r.rung.toFixed(2),
    pct(r.voteShare),
    r.usKilled.toFixed(2),
    r.allKilled.toFixed(2),
    r.escalationUs.toFixed(1),
    r.escalationIran.toFixed(1),
  ]);
  return alignColumns([head, ...body], settings.length);
}

const csvCell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

function csvTable(settings: readonly Setting[], rows: readonly Row[]): string {
  const rates = ['us', 'iran', 'draw', 'sharedLoss'] as const;
  const rateNames = { us: 'usWins', iran: 'iranWins', draw: 'draw', sharedLoss: 'sharedLoss' };
  const head = [
    ...settings.map((s) => s.path),
    'games',
    ...rates.flatMap((k) => [rateNames[k], `${rateNames[k]}Low`, `${rateNames[k]}High`]),
    'meanRung',
    'voteShare',
    'usKilled',
    'allKilled',
    'escalationUs',
    'escalationIran',
    'scoreUs',
    'scoreIran',
  ];
  const lines = rows.map((r) =>
    [
      ...r.values.map(csvCell),
      r.games,
      ...rates.flatMap((k) => [r[k].rate, r[k].low, r[k].high].map((x) => x.toFixed(4))),
      ...[r.rung, r.voteShare, r.usKilled, r.allKilled, r.escalationUs, r.escalationIran, r.scoreUs, r.scoreIran].map(
        (x) => x.toFixed(4),
      ),
    ].join(','),
  );
  return `${[head.join(','), ...lines].join('\n')}\n`;
}

async function main(): Promise<void> {
  const { sets, rest } = takeSets(process.argv.slice(2));
  const parsed = parseArgs(rest, {
    values: ['scenario', 'seeds', 'us', 'iran', 'preset', 'workers', 'csv'],
  });
  if (!parsed.ok) die(parsed.message);
  const { values, positional } = parsed.args;
  if (positional.length > 0) die(`unexpected argument "${positional[0]}": options are --name value`);
  if (sets.length === 0) die('--set PATH=V1,V2 is required: the parameter to sweep and its values');
  const seedsText = values.get('seeds');
  if (seedsText === undefined) die('--seeds is required, e.g. --seeds 1-1000');
  const range = parseSeedRange(seedsText);
  if (!range.ok) die(`--seeds: ${range.message}`);
  const matchup: Matchup = {
    us: values.get('us') ?? 'measured',
    iran: values.get('iran') ?? 'harasser',
    preset: values.get('preset') ?? null,
  };
  for (const side of ['us', 'iran'] as const) {
    const problem = checkPlayer(side, matchup[side]);
    if (problem) die(problem);
  }
  const threads = workersOption(values.get('workers'));
  const scenarioPath = values.get('scenario') ?? DEFAULT_SCENARIO;
  const base = readScenario(scenarioPath);
  if (!base.ok) die(base.lines.join('\n'));
  const turns = turnsFor(base.scenario, matchup.preset === null ? {} : { preset: matchup.preset });
  if (!turns.ok) die(`--preset: ${turns.errors[0]?.message}`);
  const json = readJson(scenarioPath);
  if (!json.ok) die(`${scenarioPath}: ${json.message}`);
  const raw = json.value;

  const settings: Setting[] = [];
  for (const text of sets) {
    const setting = parseSetting(raw, text);
    if ('message' in setting) die(setting.message);
    if (settings.some((s) => pathText(s.segments) === pathText(setting.segments)))
      die(`--set ${setting.path} is given twice: list all its values in one --set`);
    // Each value alone first, so a bad one is named by itself rather than as part of a combination.
    setting.values.forEach((value, i) => {
      const copy = structuredClone(raw);
      assign(copy, setting.segments, value);
      const checked = parseScenario(copy);
      if (!checked.ok) die(schemaProblem(`${setting.path}=${setting.texts[i]}`, checked.errors, raw));
    });
    settings.push(setting);
  }
  const combos = grid(settings);
  const scenarios: Scenario[] = combos.map((combo) => {
    const copy = structuredClone(raw);
    combo.forEach((v, j) => {
      assign(copy, settings[j]!.segments, settings[j]!.values[v]);
    });
    const checked = parseScenario(copy);
    const label = combo.map((v, j) => `${settings[j]!.path}=${settings[j]!.texts[v]}`).join(' ');
    if (!checked.ok) die(schemaProblem(label, checked.errors, raw));
    return checked.value;
  });

  const csv = values.get('csv');
  // Checked before the games, so a bad path fails at once rather than after the whole run; the file itself is
  // written only at the end, through a temporary, so an interrupted sweep leaves the old one as it was.
  if (csv !== undefined) {
    const problem = checkOutputs([{ option: 'csv', path: csv }], [scenarioPath]);
    if (problem) die(problem);
  }

  const progress = terminalProgress('sweep');
  const t0 = performance.now();
  let run: Awaited<ReturnType<typeof runBatch>>;
  try {
    run = await runBatch(scenarios, matchup, range.range, { threads, onProgress: progress.onProgress });
  } finally {
    progress.end();
  }
  const ms = performance.now() - t0;
  const rows = tableRows(settings, combos, run.summaries);
  const header = runHeader(base.scenario, matchup, [range.range]);
  const games = run.summaries[0]?.games ?? 0;
  const out = [
    `Sweep: ${runTitle(header, games)} per setting, the same seeds for every setting`,
    '',
    ...textTable(settings, rows),
  ];
  if (csv !== undefined) {
    const written = writeFileSafely(csv, csvTable(settings, rows));
    if (!written.ok) die(written.message);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  process.stderr.write(`${speedLine(games * scenarios.length, ms, run.threads)}\n`);
}

runMain(() => void main().catch((e: unknown) => die(`internal error: ${e instanceof Error ? e.message : String(e)}`)));
