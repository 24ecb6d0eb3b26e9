import { turnsFor } from '../engine/index.ts';
import { COMMON_OPTIONS, commonOption, die, type Help, parseArgs, runMain, specOf } from './args.ts';
import {
  checkPlayer,
  type Matchup,
  parseSeedRange,
  runBatch,
  runHeader,
  speedLine,
  terminalProgress,
  type Variant,
  workersOption,
} from './batch-run.ts';
import {
  applyCombo,
  checkDistinct,
  checkVariant,
  comboLabel,
  grid,
  loadDocuments,
  parseSetting,
  type Setting,
  takeSets,
} from './set-path.ts';
import { reportHtml } from './html-report.ts';
import { sweepPlots } from './report-plots.ts';
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

const HELP: Help = {
  usage: 'npm run sweep -- --set PATH=V1,V2,... [--set ...] --seeds A-B|N [options]',
  about:
    'Plays the same seeds once for each value of one or more parameters (the grid of values when several are given)\n' +
    'and prints the outcome table, one row per setting. Every variant is checked against the schema as a whole.',
  options: {
    set: {
      value: 'PATH=V1,V2',
      text:
        'a field and the values to try: a JSON path into the scenario (us.bases[0].garrison, orders[campaign].cost)\n' +
        'or into the doctrines file (doctrines[measured].traits.retaliation; a name both sides use, by its number); may be repeated',
    },
    seeds: COMMON_OPTIONS.seeds,
    us: COMMON_OPTIONS.us,
    iran: COMMON_OPTIONS.iran,
    scenario: COMMON_OPTIONS.scenario,
    doctrines: COMMON_OPTIONS.doctrines,
    preset: COMMON_OPTIONS.preset,
    workers: COMMON_OPTIONS.workers,
    csv: commonOption('csv', ": one row per setting, with each rate's 95% interval"),
    html: COMMON_OPTIONS.html,
  },
  examples: [
    'npm run sweep -- --set attacks.profiles.rocket-attack.hitPerMille=150,250,400 --seeds 1-1000',
    'npm run sweep -- --set doctrines[measured].traits.retaliation=10,30,60 --seeds 1-500 --csv retaliation.csv',
  ],
};

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
  const taken = takeSets(process.argv.slice(2));
  if ('message' in taken) die(taken.message);
  const { sets, rest } = taken;
  const parsed = parseArgs(rest, specOf(HELP));
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
  const threads = workersOption(values.get('workers'));
  const scenarioPath = values.get('scenario') ?? DEFAULT_SCENARIO;
  const doctrinesPath = values.get('doctrines') ?? null;
  const loaded = loadDocuments(scenarioPath, doctrinesPath);
  if (!loaded.ok) die(loaded.message);
  const { docs, base } = loaded;
  const turns = turnsFor(base.scenario, matchup.preset === null ? {} : { preset: matchup.preset });
  if (!turns.ok) die(`--preset: ${turns.errors[0]?.message}`);

  const settings: Setting[] = [];
  for (const text of sets) {
    const setting = parseSetting(docs, text);
    if ('message' in setting) die(setting.message);
    settings.push(setting);
  }
  const twice = checkDistinct(settings);
  if (twice) die(twice);
  // Each combination is checked whole, after all its settings: turns=6 with presets[0].turns=6 is one valid variant
  // even though either alone is not.
  const combos = grid(settings);
  const ownBook = doctrinesPath !== null || settings.some((s) => s.document === 'doctrines');
  const variants: Variant[] = combos.map((combo) => {
    const checked = checkVariant(applyCombo(docs, settings, combo), docs, comboLabel(settings, combo));
    if (!checked.ok) die(checked.message);
    return { scenario: checked.scenario, book: ownBook ? checked.book : null };
  });
  for (const side of ['us', 'iran'] as const) {
    const problem = checkPlayer(side, matchup[side], variants[0]!.book);
    if (problem) die(problem);
  }

  const csv = values.get('csv');
  // Checked before the games, so a bad path fails at once rather than after the whole run; the file itself is
  // written only at the end, through a temporary, so an interrupted sweep leaves the old one as it was.
  const html = values.get('html');
  const outputs = [
    ...(csv === undefined ? [] : [{ option: 'csv', path: csv }]),
    ...(html === undefined ? [] : [{ option: 'html', path: html }]),
  ];
  const problem = checkOutputs(outputs, loaded.inputs);
  if (problem) die(problem);

  const progress = terminalProgress('sweep');
  const t0 = performance.now();
  let run: Awaited<ReturnType<typeof runBatch>>;
  try {
    run = await runBatch(variants, matchup, range.range, { threads, onProgress: progress.onProgress });
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
  if (html !== undefined) {
    // One numeric setting plots against its values; otherwise each combination is a named point.
    const numeric = settings.length === 1 && settings[0]!.values.every((v) => typeof v === 'number');
    const plots = sweepPlots(
      combos.map((c) => comboLabel(settings, c)),
      numeric ? (settings[0]!.values as number[]) : null,
      settings.length === 1 ? settings[0]!.path : 'setting',
      run.summaries,
    );
    const written = writeFileSafely(
      html,
      reportHtml({ title: `Sweep: ${settings.map((s) => s.path).join(', ')}`, text: out, plots }),
    );
    if (!written.ok) die(written.message);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  process.stderr.write(`${speedLine(games * variants.length, ms, run.threads)}\n`);
}

runMain(() => void main().catch((e: unknown) => die(`internal error: ${e instanceof Error ? e.message : String(e)}`)));
