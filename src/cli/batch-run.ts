import { availableParallelism } from 'node:os';
import { DOCTRINES, type DoctrineBook } from '../ai/doctrine.ts';
import { AI_PLAYERS, type AiPlayer, playersOf } from '../ai/registry.ts';
import { playRow, type RowMatchup } from '../analysis/game-row.ts';
import { hashValue, type Scenario, type Side, scenarioHash, turnsFor, plural } from '../engine/index.ts';
import { die } from './args.ts';

export { parseSeedRange } from './args.ts';
import { chunkSizes, runPool, workKind } from './pool.ts';
import { type GameRow, type RunHeader, rangeSize, type SeedRange } from './batch-file.ts';
import { Summary, type SummaryJson } from './summary.ts';

/**
 * A batch run: a range of numbered seeds played between two computer players, spread over threads. Each game
 * becomes a row; rows reach the caller in seed order and feed a summary that holds only counts and sums.
 */

/** A slice of a run for one machine: the `index`-th of `count` consecutive parts, 1-based as job runners count. */
export interface Shard {
  index: number;
  count: number;
}

/** Reads `I/N` (1 <= I <= N); the message says what is wrong. */
export function parseShard(text: string): { ok: true; shard: Shard } | { ok: false; message: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return { ok: false, message: `expected I/N, the I-th of N slices (e.g. 1/4), got "${text}"` };
  const index = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || index < 1 || index > n)
    return { ok: false, message: `"${text}" names no slice: I must be between 1 and N` };
  return { ok: true, shard: { index, count: n } };
}

/** The seeds of one shard: consecutive, so that the shards' files concatenate in seed order. Null when empty. */
export function shardRange(range: SeedRange, shard: Shard): SeedRange | null {
  const size = rangeSize(range);
  const from = Math.floor(((shard.index - 1) * size) / shard.count);
  const to = Math.floor((shard.index * size) / shard.count);
  return to > from ? { first: range.first + from, last: range.first + to - 1 } : null;
}

/** What a batch plays: two players and an optional preset (in a scenario a sweep may have altered). */
export type Matchup = RowMatchup;

/** What a batch plays a matchup in: a scenario and the doctrine book its players come from (null: the shipped one). */
export interface Variant {
  scenario: Scenario;
  book: DoctrineBook | null;
}

const booksPlayers = new WeakMap<DoctrineBook, readonly AiPlayer[]>();

/** The computer players of a doctrine book, built once per book. */
export function playersFor(book: DoctrineBook | null): readonly AiPlayer[] {
  if (book === null) return AI_PLAYERS;
  let players = booksPlayers.get(book);
  if (!players) {
    players = playersOf(book);
    booksPlayers.set(book, players);
  }
  return players;
}

/** Checks a player id for a side against a doctrine book; the message lists the valid ones. */
export function checkPlayer(side: Side, id: string, book: DoctrineBook | null = null): string | null {
  const ids = playersFor(book)
    .filter((p) => p.side === side)
    .map((p) => p.id);
  return ids.includes(id) ? null : `unknown --${side} player "${id}": expected one of ${ids.join(', ')}`;
}

/**
 * The header of a run of these seeds; a doctrines book other than the shipped one is named by its hash. The shipped
 * book given by its file is the shipped book: its runs merge with runs that named no file.
 */
export function runHeader(
  scenario: Scenario,
  matchup: Matchup,
  seeds: SeedRange[],
  book: DoctrineBook | null = null,
): RunHeader {
  const turns = turnsFor(scenario, matchup.preset === null ? {} : { preset: matchup.preset });
  if (!turns.ok) throw new Error(turns.errors[0]?.message);
  const shipped = hashValue(DOCTRINES);
  const doctrines = book === null ? shipped : hashValue(book);
  return {
    scenario: { id: scenario.id, name: scenario.name, hash: scenarioHash(scenario) },
    preset: matchup.preset,
    turns: turns.value,
    us: matchup.us,
    iran: matchup.iran,
    ...(doctrines !== shipped && { doctrines }),
    rungNames: scenario.ladder.rungs.map((r) => r.name),
    seeds,
  };
}

interface BatchContext {
  variants: Variant[];
  matchup: Matchup;
  keepRows: boolean;
}

interface Chunk {
  variant: number;
  first: number;
  last: number;
}

interface ChunkResult {
  variant: number;
  rows: GameRow[] | null;
  summary: SummaryJson;
}

/** The work a batch thread does: play a chunk of seeds of one scenario variant. Exported for the pool. */
export const BATCH_WORK = workKind(import.meta.url, 'BATCH_WORK', (context: BatchContext) => {
  return (chunk: Chunk): ChunkResult => {
    const variant = context.variants[chunk.variant];
    if (!variant) throw new Error(`no variant ${chunk.variant}`);
    const players = playersFor(variant.book);
    const summary = new Summary();
    const rows: GameRow[] = [];
    for (let seed = chunk.first; seed <= chunk.last; seed++) {
      const row = playRow(variant.scenario, context.matchup, seed, players);
      summary.add(row);
      if (context.keepRows) rows.push(row);
    }
    return { variant: chunk.variant, rows: context.keepRows ? rows : null, summary: summary.toJson() };
  };
});

export interface BatchOptions {
  threads: number;
  /**
   * Receives the rows chunk by chunk: each slice of seeds for every variant in order, so each variant's rows come in
   * seed order. Rows are only sent back when it is given.
   */
  onRows?: (variant: number, rows: readonly GameRow[]) => void;
  /** Called after each chunk with the games played so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

// A thread's live heap stays near 16 MB, yet left alone V8 grows each thread's heap far beyond that. Measured here
// with two threads: 10,000 games peaked at 320-337 MB without these limits, and 100,000 games (writing --json and
// --csv) at 225-232 MB with them, for some 10-15% more CPU spent collecting garbage.
const THREAD_HEAP = { maxYoungGenerationSizeMb: 6, maxOldGenerationSizeMb: 96 };

// Upper bound on a chunk: a few hundred milliseconds of games, so progress moves and threads share evenly.
const MOST_PER_CHUNK = 200;

/**
 * Plays the seeds for each variant (a sweep's grid, compare's two; a batch has one) and returns one summary per
 * variant. The summaries hold integer counts and sums only, so they come out the same on any number of threads.
 */
export async function runBatch(
  variants: Variant[],
  matchup: Matchup,
  seeds: SeedRange,
  options: BatchOptions,
): Promise<{ summaries: Summary[]; threads: number }> {
  const sizes = chunkSizes(rangeSize(seeds), options.threads, MOST_PER_CHUNK);
  const chunks: Chunk[] = [];
  // Seed-major: each slice of seeds for every variant in turn, so the variants' rows for the same seeds arrive
  // together and compare pairs them in constant memory.
  let first = seeds.first;
  for (const size of sizes) {
    variants.forEach((_, variant) => {
      chunks.push({ variant, first, last: first + size - 1 });
    });
    first += size;
  }
  const summaries = variants.map(() => new Summary());
  const total = rangeSize(seeds) * variants.length;
  let done = 0;
  const threads = await runPool({
    kind: BATCH_WORK,
    context: { variants, matchup, keepRows: options.onRows !== undefined },
    inputs: chunks,
    threads: options.threads,
    resourceLimits: THREAD_HEAP,
    onOutput: (result, i) => {
      summaries[result.variant]!.merge(Summary.fromJson(result.summary));
      if (result.rows) options.onRows?.(result.variant, result.rows);
      const chunk = chunks[i]!;
      done += chunk.last - chunk.first + 1;
      options.onProgress?.(done, total);
    },
  });
  return { summaries, threads };
}

/**
 * A progress bar with an ETA on stderr, drawn only on a terminal (a log file gets no carriage returns). Returns the
 * progress callback and a function that clears the bar.
 */
export function terminalProgress(label: string): {
  onProgress: (done: number, total: number) => void;
  end: () => void;
} {
  const t0 = performance.now();
  let drawn = 0;
  if (!process.stderr.isTTY) return { onProgress: () => {}, end: () => {} };
  return {
    onProgress(done, total) {
      const now = performance.now();
      if (done < total && now - drawn < 100) return;
      drawn = now;
      const width = 30;
      const filled = Math.round((width * done) / total);
      const seconds = done === 0 ? 0 : ((now - t0) / 1000) * ((total - done) / done);
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${plural(total, 'game')}, ETA ${Math.ceil(seconds)} s `,
      );
    },
    end() {
      process.stderr.write('\r\x1b[2K');
    },
  };
}

/** The closing line of a run, on stderr: games, time, rate and peak memory (the bench reads it). */
export function speedLine(games: number, ms: number, threads: number): string {
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const rate = games / (ms / 1000);
  return (
    `${plural(games, 'game')} in ${(ms / 1000).toFixed(1)} s (${rate.toFixed(rate < 10 ? 2 : 0)} games/s) ` +
    `on ${plural(threads, 'thread')}; peak memory ${peakMb.toFixed(0)} MB`
  );
}

/**
 * Reads `--workers`: a whole number of threads, all cores by default. More threads than cores only share the same
 * cores while each holds its own heap (1000 once started 40 threads and 1.7 GB for 40 seeds), so the count is
 * capped at the cores, with a note on stderr.
 */
export function workersOption(raw: string | undefined): number {
  const cores = availableParallelism();
  if (raw === undefined) return cores;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1) die(`--workers: expected a whole number of threads of at least 1, got "${raw}"`);
  if (n > cores) {
    process.stderr.write(
      `--workers ${raw}: this machine has ${plural(cores, 'core')}, so ${plural(cores, 'thread is', 'threads are')} used\n`,
    );
    return cores;
  }
  return n;
}
