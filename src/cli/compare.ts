import { hashValue, scenarioHash, turnsFor, plural } from '../engine/index.ts';
import { COMMON_OPTIONS, commonOption, die, type Help, parseArgs, runMain, specOf } from './args.ts';
import type { GameRow } from './batch-file.ts';
import {
  checkPlayer,
  type Matchup,
  parseSeedRange,
  runBatch,
  speedLine,
  terminalProgress,
  type Variant,
  workersOption,
} from './batch-run.ts';
import { type Difference, PairedFigures } from '../analysis/paired.ts';
import { chanceNote, csvValue, showDifference, showDifferenceIntervalOf, showValue } from '../analysis/shown.ts';
import { reportHtml } from './html-report.ts';
import { differencePlots, summaryPlots } from './report-plots.ts';
import { checkOutputs, writeFileSafely } from './safe-write.ts';
import {
  applyCombo,
  checkDistinct,
  checkVariant,
  comboLabel,
  loadDocuments,
  parseSetting,
  type Setting,
  takeSets,
} from './set-path.ts';
import { alignColumns } from './summary.ts';

/**
 * Plays two variants on the same seeds, paired, and prints every outcome figure under A and B with the difference
 * B - A and its 95% interval, marking those that clearly differ (the interval leaves out 0).
 *   npm run compare -- [--scenario A.json] (--against B.json | --set PATH=V ...) --seeds 1-2000 [--us X] [--iran Y]
 * --write FILE saves the variant the --set options made, as a scenario file `npm run validate` accepts.
 */

const DEFAULT_SCENARIO = 'scenarios/two-boxers.json';

const HELP: Help = {
  usage: 'npm run compare -- [--scenario A.json] (--against B.json | --set PATH=V ...) --seeds A-B|N [options]',
  about:
    'Plays variant A and variant B on the same seeds, paired, and prints every outcome figure (each result, war,\n' +
    "casualties, escalation, scores, the first vote's week) under A and B with the difference B - A and its 95%\n" +
    'interval; a * marks the figures that clearly differ (the interval leaves out 0).',
  options: {
    scenario: commonOption('scenario', '(variant A)'),
    against: { value: 'FILE', text: 'variant B: another scenario file' },
    set: {
      value: 'PATH=V',
      text: 'variant B: A with this field changed (a path as sweep takes, one value); may be repeated',
    },
    seeds: COMMON_OPTIONS.seeds,
    us: COMMON_OPTIONS.us,
    iran: COMMON_OPTIONS.iran,
    doctrines: COMMON_OPTIONS.doctrines,
    preset: COMMON_OPTIONS.preset,
    workers: COMMON_OPTIONS.workers,
    write: { value: 'FILE', text: 'save variant B (made with --set) as a scenario file' },
    csv: commonOption('csv', ': one row per figure, with A, B, the difference and its interval'),
    html: COMMON_OPTIONS.html,
  },
  examples: [
    'npm run compare -- --set attacks.profiles.rocket-attack.hitPerMille=400 --seeds 1-2000 --us hawk',
    'npm run compare -- --scenario mine.json --against scenarios/two-boxers.json --seeds 1-1000',
  ],
};

function textTable(diffs: readonly Difference[]): string[] {
  const head = ['figure', 'A', 'B', 'B − A', '95% interval', ''];
  const body = diffs.map((d) => [
    d.figure.label,
    showValue(d.a, d.figure.rate),
    showValue(d.b, d.figure.rate),
    showDifference(d.diff, d.figure.rate),
    showDifferenceIntervalOf(d),
    d.clear ? '*' : '',
  ]);
  return alignColumns([head, ...body], 1);
}

function csvTable(diffs: readonly Difference[]): string {
  const head = ['figure', 'pairs', 'a', 'b', 'diff', 'low', 'high', 'clear'];
  const lines = diffs.map((d) =>
    [d.figure.key, d.pairs, ...[d.a, d.b, d.diff, d.low, d.high].map((x) => csvValue(x, d.figure.rate)), d.clear].join(
      ',',
    ),
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
  const against = values.get('against');
  if ((against === undefined) === (sets.length === 0))
    die('give variant B either as --against FILE or as --set PATH=VALUE (one or more), not both');
  const seedsText = values.get('seeds');
  if (seedsText === undefined) die('--seeds is required, e.g. --seeds 1-2000');
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
  const inputs = [...loaded.inputs];

  const settings: Setting[] = [];
  for (const text of sets) {
    const setting = parseSetting(docs, text);
    if ('message' in setting) die(setting.message);
    if (setting.values.length > 1)
      die(`--set ${text}: compare takes one value per field (npm run sweep tries several)`);
    settings.push(setting);
  }
  const twice = checkDistinct(settings);
  if (twice) die(twice);
  const ownBook = doctrinesPath !== null || settings.some((s) => s.document === 'doctrines');
  const a: Variant = { scenario: base.scenario, book: ownBook ? base.book : null };
  let b: Variant;
  let bDocs = docs;
  let bName: string;
  if (against !== undefined) {
    const other = loadDocuments(against, doctrinesPath);
    if (!other.ok) die(other.message);
    b = { scenario: other.base.scenario, book: a.book };
    inputs.push(...other.inputs);
    bName = against;
  } else {
    bDocs = applyCombo(
      docs,
      settings,
      settings.map(() => 0),
    );
    const label = comboLabel(
      settings,
      settings.map(() => 0),
    );
    const checked = checkVariant(bDocs, docs, label);
    if (!checked.ok) die(checked.message);
    b = { scenario: checked.scenario, book: ownBook ? checked.book : null };
    bName = `${scenarioPath} with ${label}`;
  }
  for (const v of [a, b]) {
    const turns = turnsFor(v.scenario, matchup.preset === null ? {} : { preset: matchup.preset });
    if (!turns.ok) die(`--preset: ${turns.errors[0]?.message}`);
    for (const side of ['us', 'iran'] as const) {
      const problem = checkPlayer(side, matchup[side], v.book);
      if (problem) die(problem);
    }
  }

  const write = values.get('write');
  if (write !== undefined && against !== undefined)
    die('--write saves the variant --set made; with --against, variant B is already a file');
  if (write !== undefined && settings.some((s) => s.document === 'doctrines'))
    die('--write saves a scenario file, but a --set here changes the doctrines file: save that one by hand');
  const csv = values.get('csv');
  const html = values.get('html');
  const outputs = [
    ...(html === undefined ? [] : [{ option: 'html', path: html }]),
    ...(write === undefined ? [] : [{ option: 'write', path: write }]),
    ...(csv === undefined ? [] : [{ option: 'csv', path: csv }]),
  ];
  const problem = checkOutputs(outputs, inputs);
  if (problem) die(problem);

  // Each slice of seeds comes for A, then for B: A's rows wait for B's to pair with them.
  let aRows: readonly GameRow[] = [];
  const paired = new PairedFigures();
  const progress = terminalProgress('compare');
  const t0 = performance.now();
  let run: Awaited<ReturnType<typeof runBatch>>;
  try {
    run = await runBatch([a, b], matchup, range.range, {
      threads,
      onProgress: progress.onProgress,
      onRows: (variant, rows) => {
        if (variant === 0) aRows = rows;
        else
          rows.forEach((row, i) => {
            paired.add(aRows[i]!, row);
          });
      },
    });
  } finally {
    progress.end();
  }
  const ms = performance.now() - t0;
  const games = run.summaries[0]?.games ?? 0;
  const diffs = paired.differences();
  const bookNote = a.book === null ? '' : `, doctrines ${hashValue(a.book)}`;
  const out = [
    `Compare: US ${matchup.us} vs Iran ${matchup.iran}${matchup.preset === null ? '' : ` (preset ${matchup.preset})`}, ` +
      `seeds ${range.range.first}-${range.range.last} (${plural(games, 'game')} each, paired by seed${bookNote})`,
    `  A: ${scenarioPath} [${a.scenario.id} ${scenarioHash(a.scenario)}]`,
    `  B: ${bName} [${b.scenario.id} ${scenarioHash(b.scenario)}]`,
    '',
    ...textTable(diffs),
    '',
    `* the 95% interval of the paired difference, as shown, leaves out 0: ${diffs.filter((d) => d.clear).length} of ${diffs.length} figures clearly differ.`,
    chanceNote(diffs.length),
    'Differences of rates are in percentage points.',
  ];
  const voteTurn = diffs.find((d) => d.figure.key === 'voteTurn');
  if (voteTurn && voteTurn.pairs < games)
    out.push(
      `The first vote's week is compared over the ${plural(voteTurn.pairs, 'seed')} where both variants held a vote.`,
    );
  if (write !== undefined) {
    const written = writeFileSafely(write, `${JSON.stringify(bDocs.scenario, null, 2)}\n`);
    if (!written.ok) die(written.message);
    out.push(`Variant B written to ${write}`);
  }
  if (csv !== undefined) {
    const written = writeFileSafely(csv, csvTable(diffs));
    if (!written.ok) die(written.message);
  }
  if (html !== undefined) {
    const runs = [
      { label: 'A', summary: run.summaries[0]! },
      { label: 'B', summary: run.summaries[1]! },
    ];
    const plots = [
      ...differencePlots(diffs),
      ...summaryPlots(
        runs,
        a.scenario.ladder.rungs.map((r) => r.name),
      ),
    ];
    const written = writeFileSafely(
      html,
      reportHtml({ title: `Compare: A ${scenarioPath} against B ${bName}`, text: out, plots }),
    );
    if (!written.ok) die(written.message);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  process.stderr.write(`${speedLine(2 * games, ms, run.threads)}\n`);
}

runMain(() => void main().catch((e: unknown) => die(`internal error: ${e instanceof Error ? e.message : String(e)}`)));
