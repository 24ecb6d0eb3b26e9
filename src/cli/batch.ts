import { turnsFor } from '../engine/index.ts';
import {
  COMMON_OPTIONS,
  commonOption,
  die,
  type Help,
  loadBook,
  doctrinesFileOf,
  loadScenarioFiles,
  parseArgs,
  runMain,
  specOf,
} from './args.ts';
import { openCsvResults, openJsonResults, type RowSink } from './batch-file.ts';
import {
  checkPlayer,
  type Matchup,
  parseSeedRange,
  parseShard,
  runBatch,
  runHeader,
  shardRange,
  speedLine,
  terminalProgress,
  workersOption,
} from './batch-run.ts';
import { reportHtml } from './html-report.ts';
import { summaryPlots } from './report-plots.ts';
import { checkOutputs, writeFileSafely } from './safe-write.ts';
import { summaryLines } from './summary.ts';

/**
 * Plays a range of seeds between two computer players on every core and prints the summary: outcome rates with
 * 95% intervals, distributions, and the mean path turn by turn.
 *   npm run batch -- --seeds 1-10000 [--us measured] [--iran harasser] [--scenario FILE] [--preset short]
 *                    [--workers N] [--shard I/N] [--json FILE] [--csv FILE]
 * The summary depends only on the seeds and the data, never on --workers. --shard plays one of N consecutive
 * slices of the seeds; `npm run merge` joins the slices' --json files into the summary of the whole range.
 */

const DEFAULT_SCENARIO = 'scenarios/two-boxers.json';

const HELP: Help = {
  usage: 'npm run batch -- --seeds A-B|N [options]',
  about:
    'Plays a range of seeds between two computer players on every core and prints the summary: outcome rates with\n' +
    '95% intervals, histograms and the mean path turn by turn. The figures depend only on the seeds and the data.',
  options: {
    seeds: COMMON_OPTIONS.seeds,
    us: COMMON_OPTIONS.us,
    iran: COMMON_OPTIONS.iran,
    scenario: COMMON_OPTIONS.scenario,
    doctrines: COMMON_OPTIONS.doctrines,
    preset: COMMON_OPTIONS.preset,
    workers: COMMON_OPTIONS.workers,
    shard: { value: 'I/N', text: 'play only the I-th of N consecutive slices of the seeds (npm run merge joins them)' },
    json: commonOption('json', ': the header, one row per game in seed order, and the summary'),
    csv: commonOption('csv', ': one row per game'),
    html: COMMON_OPTIONS.html,
  },
  examples: [
    'npm run batch -- --seeds 1-10000 --us hawk --iran harasser --json hawk.json',
    'npm run batch -- --seeds 1-100000 --shard 2/4 --json part2.json',
  ],
};

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2), specOf(HELP));
  if (!parsed.ok) die(parsed.message);
  const { values, positional } = parsed.args;
  if (positional.length > 0) die(`unexpected argument "${positional[0]}": options are --name value`);
  const seedsText = values.get('seeds');
  if (seedsText === undefined) die('--seeds is required, e.g. --seeds 1-10000');
  const range = parseSeedRange(seedsText);
  if (!range.ok) die(`--seeds: ${range.message}`);
  const matchup: Matchup = {
    us: values.get('us') ?? 'measured',
    iran: values.get('iran') ?? 'harasser',
    preset: values.get('preset') ?? null,
  };
  const doctrinesPath = values.get('doctrines') ?? null;
  const book = doctrinesPath === null ? null : loadBook(doctrinesPath);
  for (const side of ['us', 'iran'] as const) {
    const problem = checkPlayer(side, matchup[side], book);
    if (problem) die(problem);
  }
  const threads = workersOption(values.get('workers'));
  const shardText = values.get('shard') ?? null;
  let seeds = range.range;
  if (shardText !== null) {
    const shard = parseShard(shardText);
    if (!shard.ok) die(`--shard: ${shard.message}`);
    const slice = shardRange(seeds, shard.shard);
    if (!slice) die(`--shard ${shardText}: seeds ${seedsText} are too few to give this slice any`);
    seeds = slice;
  }
  const scenarioPath = values.get('scenario') ?? DEFAULT_SCENARIO;
  const { scenario, files } = loadScenarioFiles(scenarioPath);
  const turns = turnsFor(scenario, matchup.preset === null ? {} : { preset: matchup.preset });
  if (!turns.ok) die(`--preset: ${turns.errors[0]?.message}`);
  const header = runHeader(scenario, matchup, [seeds], book);

  const outputs = (['json', 'csv', 'html'] as const).flatMap((option) => {
    const path = values.get(option);
    return path === undefined ? [] : [{ option, path }];
  });
  // Checked before any game is played, so a bad path fails at once rather than after the whole run.
  const problem = checkOutputs(outputs, [...files, doctrinesFileOf(doctrinesPath)]);
  if (problem) die(problem);
  const sinks: RowSink[] = [];
  for (const { option, path } of outputs) {
    if (option === 'html') continue; // written whole at the end
    const opened = option === 'json' ? openJsonResults(path, header, shardText) : openCsvResults(path);
    if (!opened.ok) {
      for (const s of sinks) s.abort();
      die(opened.message);
    }
    sinks.push(opened.sink);
  }

  const progress = terminalProgress('batch');
  const t0 = performance.now();
  let run: Awaited<ReturnType<typeof runBatch>>;
  try {
    run = await runBatch([{ scenario, book }], matchup, seeds, {
      threads,
      onProgress: progress.onProgress,
      ...(sinks.length > 0 && {
        onRows: (_: number, rows) => {
          for (const s of sinks) s.write(rows);
        },
      }),
    });
  } catch (e) {
    for (const s of sinks) s.abort();
    throw e;
  } finally {
    progress.end();
  }
  const ms = performance.now() - t0;
  const summary = run.summaries[0]!;
  const json = summary.toJson();
  for (const s of sinks) s.close(json);
  const text = summaryLines(header, summary);
  const html = values.get('html');
  if (html !== undefined) {
    const report = reportHtml({
      title: `Batch: US ${matchup.us} vs Iran ${matchup.iran}, ${scenario.name}`,
      text,
      plots: summaryPlots([{ label: `${matchup.us} vs ${matchup.iran}`, summary }], header.rungNames),
    });
    const written = writeFileSafely(html, report);
    if (!written.ok) die(written.message);
  }
  process.stdout.write(`${text.join('\n')}\n`);
  process.stderr.write(`${speedLine(summary.games, ms, run.threads)}\n`);
}

runMain(() => void main().catch((e: unknown) => die(`internal error: ${e instanceof Error ? e.message : String(e)}`)));
