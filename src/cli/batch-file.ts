import { z } from 'zod';
import { count, type GameRow, gameRowSchema, PATH_KEYS, type PathKey } from '../analysis/game-row.ts';
import type { SeedRange } from './args.ts';
import { openOutput } from './safe-write.ts';

/**
 * A batch's results file: its header (what was played, over which seeds), one row per game in seed order, and the
 * summary. It is one JSON document laid out one row per line, so `JSON.parse` and jq read it whole while the batch
 * writes it, and the merge reads it, one line at a time in constant memory. The CSV form holds the rows only.
 */

// The row moved to src/analysis, where the browser's lab plays it too; the CLI's names stay.
export { type GameRow, gameRowSchema, PATH_KEYS, type PathKey };

/** Seeds are whole numbers, played as their decimal text; a range is inclusive. */
export type { SeedRange } from './args.ts';

export const rangeSize = (r: SeedRange): number => r.last - r.first + 1;

/** What identifies a run in its results file and its summary: merging checks these agree. */
export const runHeaderSchema = z.strictObject({
  scenario: z.strictObject({ id: z.string(), name: z.string(), hash: z.string() }),
  preset: z.string().nullable(),
  turns: z.int().min(1),
  us: z.string(),
  iran: z.string(),
  doctrines: z.string().optional(), // the hash of the doctrines file the players came from, when not the shipped one
  rungNames: z.array(z.string()),
  seeds: z.array(z.strictObject({ first: count, last: count })),
});

export type RunHeader = z.infer<typeof runHeaderSchema>;

const FORMAT = 'two-boxers-batch';
const VERSION = 1;
const ROWS_OPEN = '"rows":[';
const SUMMARY_OPEN = '],"summary":';

/**
 * A file being written: rows go out as they come; it appears under its name only once closed. The summary is any
 * JSON value (the summary module's SummaryJson), kept opaque here so this file stays a leaf the summary builds on.
 */
export interface RowSink {
  write(rows: readonly GameRow[]): void;
  close(summary: unknown): void;
  /** Drops the unfinished file (on an error), leaving any earlier file of that name in place. */
  abort(): void;
}

type Opened = { ok: true; sink: RowSink } | { ok: false; message: string };

/**
 * Writes through the safe-write module's temporary file, renamed at the end, so a run that fails never leaves a
 * file that looks complete. `between` separates rows (JSON needs a comma after every row but the last).
 */
function openSink(
  path: string,
  first: string,
  line: (row: GameRow) => string,
  between: string,
  last: (summary: unknown) => string,
): Opened {
  const opened = openOutput(path);
  if (!opened.ok) return opened;
  const out = opened.file;
  let pending: string | null = null; // the last row, held back until we know whether another follows it
  out.write(first);
  return {
    ok: true,
    sink: {
      write(rows) {
        let text = '';
        for (const row of rows) {
          if (pending !== null) text += `${pending}${between}`;
          pending = line(row);
        }
        out.write(text);
      },
      close(summary) {
        out.write(`${pending === null ? '' : `${pending}\n`}${last(summary)}`);
        out.commit();
      },
      abort() {
        out.abort();
      },
    },
  };
}

/** Opens a results file for a run: the header now, the rows as they come, the summary at the end. */
export function openJsonResults(path: string, header: RunHeader, shard: string | null): Opened {
  const head = `{"format":${JSON.stringify(FORMAT)},"version":${VERSION},"shard":${JSON.stringify(shard)},"run":${JSON.stringify(header)},${ROWS_OPEN}\n`;
  return openSink(
    path,
    head,
    (row) => JSON.stringify(row),
    ',\n',
    (summary) => `${SUMMARY_OPEN}${JSON.stringify(summary)}}\n`,
  );
}

const CASUALTY_COLUMNS = ['usKilled', 'usWounded', 'iraqiForcesKilled', 'civiliansKilled', 'proxiesKilled'] as const;

/** The CSV columns: one row per game; each turn-by-turn path is one column of values separated by semicolons. */
export const CSV_COLUMNS = [
  'seed',
  'result',
  'reason',
  'endTurn',
  'rung',
  'peakRung',
  'voteTurn',
  'votesHeld',
  'votesPassed',
  ...CASUALTY_COLUMNS,
  'escalationUs',
  'escalationIran',
  'scoreUs',
  'scoreIran',
  'refusedOrders',
  ...PATH_KEYS.map((k) => `path.${k}`),
];

function csvLine(r: GameRow): string {
  return [
    r.seed,
    r.result,
    r.reason,
    r.endTurn,
    r.rung,
    r.peakRung,
    r.voteTurn ?? '',
    r.votesHeld,
    r.votesPassed,
    ...CASUALTY_COLUMNS.map((k) => r.casualties[k]),
    r.escalation.us,
    r.escalation.iran,
    r.score.us,
    r.score.iran,
    r.refusedOrders,
    ...PATH_KEYS.map((k) => r.path[k].join(';')),
  ].join(',');
}

/** Opens a CSV file of rows, for spreadsheets and plotting tools. */
export function openCsvResults(path: string): Opened {
  return openSink(path, `${CSV_COLUMNS.join(',')}\n`, csvLine, '\n', () => '');
}

// ---- Reading, one line at a time ----------------------------------------------------------------------------------

/** What the first line of a results file says. */
export interface FileHead {
  shard: string | null;
  run: RunHeader;
}

const NOT_OURS = 'not a batch results file (npm run batch -- --json FILE writes one)';

/** Reads a results file's first line: the header. A message when the line is not one. */
export function parseHeadLine(line: string): { ok: true; head: FileHead } | { ok: false; message: string } {
  if (!line.startsWith(`{"format":`) || !line.endsWith(ROWS_OPEN)) return { ok: false, message: NOT_OURS };
  let value: unknown;
  try {
    value = JSON.parse(`${line}]}`);
  } catch {
    return { ok: false, message: NOT_OURS };
  }
  const v = value as { format?: unknown; version?: unknown; shard?: unknown; run?: unknown };
  if (v.format !== FORMAT) return { ok: false, message: NOT_OURS };
  if (v.version !== VERSION) return { ok: false, message: `format version ${String(v.version)}, expected ${VERSION}` };
  const run = runHeaderSchema.safeParse(v.run);
  if (!run.success || (v.shard !== null && typeof v.shard !== 'string'))
    return { ok: false, message: 'the header is damaged' };
  return { ok: true, head: { shard: v.shard as string | null, run: run.data } };
}

/** A line after the header: a row, the closing summary, or a message saying what is wrong with it. */
export type BodyLine =
  | { kind: 'row'; row: GameRow }
  | { kind: 'end'; summary: unknown }
  | { kind: 'bad'; message: string };

/** Reads one line after the header. */
export function parseBodyLine(line: string): BodyLine {
  if (line.startsWith(SUMMARY_OPEN)) {
    try {
      const end = JSON.parse(`{${line.slice(2)}`) as { summary: unknown };
      return { kind: 'end', summary: end.summary };
    } catch {
      return { kind: 'bad', message: 'the closing summary is damaged' };
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);
  } catch {
    return { kind: 'bad', message: 'not a row (damaged or truncated)' };
  }
  const row = gameRowSchema.safeParse(value);
  if (!row.success) {
    const issue = row.error.issues[0];
    return { kind: 'bad', message: `not a valid row (${issue?.path.join('.') || 'row'}: ${issue?.message})` };
  }
  return { kind: 'row', row: row.data };
}
