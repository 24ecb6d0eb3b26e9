import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { commonOption, die, type Help, parseArgs, readError, runMain, specOf } from './args.ts';
import {
  type FileHead,
  openCsvResults,
  openJsonResults,
  parseBodyLine,
  parseHeadLine,
  type RowSink,
  type RunHeader,
  type SeedRange,
} from './batch-file.ts';
import { checkOutputs } from './safe-write.ts';
import { seedsText, Summary, summaryLines } from './summary.ts';

/**
 * Joins the results files of a batch run's shards (or of any runs of the same scenario and players over seeds that
 * do not overlap) and prints the summary of the whole, the same as one run over all the seeds would print.
 *   npm run merge -- part1.json part2.json ... [--json all.json] [--csv all.csv]
 * Each file is read once, one line at a time (so a part may be a pipe); its rows are checked against its header and
 * its summary.
 */

const HELP: Help = {
  usage: 'npm run merge -- FILE FILE... [--json FILE] [--csv FILE]',
  about:
    "Joins batch results files (a run's shards, or runs of the same scenario and players over seeds that do not\n" +
    'overlap) and prints the summary of the whole, the same as one run over all the seeds would print.',
  options: {
    json: commonOption('json', ': the joined header, rows (in seed order) and summary'),
    csv: commonOption('csv', ': the joined rows'),
  },
  examples: ['npm run merge -- part1.json part2.json part3.json part4.json --json all.json'],
};

/** Yields a file's lines with their numbers; a read error goes to `fail` as a one-line message. */
async function* linesOf(path: string, fail: (message: string) => never): AsyncGenerator<{ n: number; line: string }> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  try {
    for await (const line of lines) yield { n: ++n, line };
  } catch (e) {
    fail(`${path}: ${readError(e)}`);
  } finally {
    lines.close();
  }
}

/**
 * One input, read once from front to back: its header now, its rows later from the same stream. A part may be a pipe
 * (`<(ssh host cat part.json)`), which cannot be opened a second time to read again.
 */
interface Part {
  path: string;
  head: FileHead;
  body: AsyncGenerator<{ n: number; line: string }>;
}

async function readHead(path: string, fail: (message: string) => never): Promise<Part> {
  const body = linesOf(path, fail);
  const first = await body.next();
  if (first.done) fail(`${path}: the file is empty`);
  const head = parseHeadLine(first.value.line);
  if (!head.ok) fail(`${path}: ${head.message}`);
  return { path, head: head.head, body };
}

const players = (r: RunHeader) =>
  `US ${r.us} vs Iran ${r.iran}${r.doctrines === undefined ? '' : ` (doctrines ${r.doctrines})`}`;
const scenarioOf = (r: RunHeader) =>
  `${r.scenario.id} ${r.scenario.hash}${r.preset === null ? '' : ` preset ${r.preset}`}`;

/**
 * Refuses files that are not parts of one run: another scenario or preset, other players, or shared seeds. Rows
 * written out must also come in seed order, so then no file's seeds may fall between another's.
 */
function checkParts(files: readonly { path: string; head: FileHead }[], writesRows: boolean): void {
  const [first, ...rest] = files;
  if (!first) return;
  const a = first.head.run;
  for (const { path, head } of rest) {
    const b = head.run;
    if (scenarioOf(a) !== scenarioOf(b) || a.turns !== b.turns)
      die(
        `${path}: played scenario ${scenarioOf(b)}, but ${first.path} played ${scenarioOf(a)}: only runs of one scenario merge`,
      );
    if (players(a) !== players(b))
      die(`${path}: played ${players(b)}, but ${first.path} played ${players(a)}: only runs of the same players merge`);
  }
  const ranges = files
    .flatMap(({ path, head }, file) => head.run.seeds.map((r) => ({ file, path, ...r })))
    .sort((x, y) => x.first - y.first);
  const describe = (file: number) => `${files[file]!.path} (seeds ${seedsText(files[file]!.head.run.seeds)})`;
  for (let i = 1; i < ranges.length; i++) {
    const prev = ranges[i - 1]!;
    const next = ranges[i]!;
    if (next.first <= prev.last) {
      const shared = `${next.first}-${Math.min(prev.last, next.last)}`;
      die(
        prev.file === next.file
          ? `${next.path}: its header's seed ranges overlap (seeds ${shared})`
          : `${describe(prev.file)} and ${describe(next.file)} overlap: both hold seeds ${shared}; merge each seed once`,
      );
    }
    const prevLast = Math.max(...files[prev.file]!.head.run.seeds.map((r) => r.last));
    if (writesRows && next.file !== prev.file && prevLast > next.first)
      die(
        `${describe(next.file)}: its seeds fall between those of ${describe(prev.file)}, so their rows cannot be ` +
          'written in seed order; merge without --json and --csv for the summary alone',
      );
  }
}

/** Joins ranges that touch: shards 1-5000 and 5001-10000 make 1-10000. */
function joinRanges(ranges: readonly SeedRange[]): SeedRange[] {
  const out: SeedRange[] = [];
  for (const r of [...ranges].sort((x, y) => x.first - y.first)) {
    const last = out[out.length - 1];
    if (last && r.first === last.last + 1) last.last = r.last;
    else out.push({ ...r });
  }
  return out;
}

/** Streams the rest of one part (after its header) into the sinks, checking it; returns the summary of its rows. */
async function readRows({ path, head, body }: Part, sinks: readonly RowSink[], fail: (m: string) => never) {
  const expected = [...head.run.seeds].sort((x, y) => x.first - y.first);
  let range = 0;
  let next = expected[0]?.first ?? 0;
  const summary = new Summary();
  let stored: unknown;
  let ended = false;
  for await (const { n, line } of body) {
    if (ended) {
      if (line.trim() === '') continue;
      fail(`${path}: line ${n}: text after the closing summary`);
    }
    const body = parseBodyLine(line);
    if (body.kind === 'bad') fail(`${path}: line ${n}: ${body.message}`);
    if (body.kind === 'end') {
      ended = true;
      stored = body.summary;
      continue;
    }
    const current = expected[range];
    if (!current || body.row.seed !== next)
      fail(
        `${path}: line ${n}: seed ${body.row.seed} where ${current ? `seed ${next}` : 'the end'} was expected ` +
          `(the header promises seeds ${seedsText(head.run.seeds)}, each once, in order)`,
      );
    summary.add(body.row);
    for (const s of sinks) s.write([body.row]);
    if (next === current.last) {
      range++;
      next = expected[range]?.first ?? 0;
    } else next++;
  }
  if (!ended) fail(`${path}: ends before its closing summary: the file is truncated`);
  if (range < expected.length)
    fail(`${path}: ends at seed ${next - 1}, short of the seeds ${seedsText(head.run.seeds)} its header promises`);
  if (JSON.stringify(stored) !== JSON.stringify(summary.toJson()))
    fail(`${path}: its closing summary does not match its rows (the file was edited)`);
  return summary;
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2), specOf(HELP));
  if (!parsed.ok) die(parsed.message);
  const { values, positional: paths } = parsed.args;
  if (paths.length === 0) die('give the results files to merge: npm run merge -- part1.json part2.json');
  const outputs = (['json', 'csv'] as const).flatMap((option) => {
    const path = values.get(option);
    return path === undefined ? [] : [{ option, path }];
  });
  const problem = checkOutputs(outputs, paths);
  if (problem) die(problem);
  // Sinks join once the outputs open; a failure before then has none to drop.
  const sinks: RowSink[] = [];
  const fail = (message: string): never => {
    for (const s of sinks) s.abort();
    die(message);
  };
  const files: Part[] = [];
  for (const path of paths) files.push(await readHead(path, fail));
  checkParts(files, values.has('json') || values.has('csv'));
  files.sort((a, b) => (a.head.run.seeds[0]?.first ?? 0) - (b.head.run.seeds[0]?.first ?? 0));
  const first = files[0]!.head.run;
  const header: RunHeader = { ...first, seeds: joinRanges(files.flatMap((f) => f.head.run.seeds)) };

  for (const { option, path } of outputs) {
    const opened = option === 'json' ? openJsonResults(path, header, null) : openCsvResults(path);
    if (opened.ok) sinks.push(opened.sink);
    else fail(opened.message);
  }
  const total = new Summary();
  for (const part of files) total.merge(await readRows(part, sinks, fail));
  const json = total.toJson();
  for (const s of sinks) s.close(json);
  process.stdout.write(`${summaryLines(header, total).join('\n')}\n`);
}

runMain(() => void main().catch((e: unknown) => die(`internal error: ${e instanceof Error ? e.message : String(e)}`)));
