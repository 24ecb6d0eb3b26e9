import type { GameRow, RowMatchup } from '../../analysis/game-row.ts';
import type { Scenario } from '../../engine/index.ts';
import type { LabReply, LabRequest } from './protocol.ts';

/** What a lab run reports as its games finish. */
export interface RunHooks {
  /** One slice of seeds played under both variants, rows in seed order. */
  onRows(baseline: readonly GameRow[], variant: readonly GameRow[]): void;
  /** Every seed played; `ms` from the start of the run. */
  onDone(ms: number): void;
  onError(message: string): void;
}

export interface LabRun {
  /** Stops the workers at once; the games already reported stay reported. */
  cancel(): void;
}

// A slice is a few dozen milliseconds of games: small enough that the bars move smoothly and the workers finish
// together, large enough that messages cost little beside the games.
const SLICE = 20;

/** Workers to run: one per core the browser reports, at least one, at most eight. */
const workerCount = () => Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 8));

// Kept between runs: starting a worker loads and compiles the engine and the players again (a few hundred
// milliseconds on a loaded machine). A cancelled run terminates them, so no stale reply can reach the next run.
let idle: Worker[] = [];

/** Plays the seeds first..last under the baseline and the variant, in module Web Workers. */
export function runLab(
  baseline: Scenario,
  variant: Scenario,
  matchup: RowMatchup,
  seeds: { first: number; last: number },
  hooks: RunHooks,
): LabRun {
  const t0 = performance.now();
  const slices: { first: number; last: number }[] = [];
  for (let first = seeds.first; first <= seeds.last; first += SLICE)
    slices.push({ first, last: Math.min(seeds.last, first + SLICE - 1) });
  const workers = idle.length > 0 ? idle : Array.from({ length: workerCount() }, startWorker);
  idle = [];
  let next = 0;
  let pending = slices.length;
  let stopped = false;
  const stop = (keep: boolean) => {
    stopped = true;
    for (const w of workers) {
      w.onmessage = null;
      w.onerror = null;
      if (!keep) w.terminate();
    }
    if (keep) idle = workers;
  };
  const feed = (w: Worker) => {
    const slice = slices[next++];
    if (slice) w.postMessage({ kind: 'chunk', ...slice } satisfies LabRequest);
  };
  for (const w of workers) {
    w.onmessage = (event: MessageEvent<LabReply>) => {
      if (stopped) return;
      const reply = event.data;
      if (reply.kind === 'error') {
        stop(false);
        hooks.onError(reply.message);
        return;
      }
      hooks.onRows(reply.baseline, reply.variant);
      pending--;
      if (pending === 0) {
        stop(true);
        hooks.onDone(performance.now() - t0);
      } else feed(w);
    };
    w.onerror = (event) => {
      if (stopped) return;
      stop(false);
      hooks.onError(event.message || 'a worker failed to start');
    };
    w.postMessage({ kind: 'setup', baseline, variant, matchup } satisfies LabRequest);
    // Two slices in hand, so a worker starts the next while the page takes in the last one's rows.
    feed(w);
    feed(w);
  }
  return { cancel: () => stop(false) };
}

/** Ends the workers a finished run kept, when the page closes. */
export function releaseLabWorkers(): void {
  for (const w of idle) w.terminate();
  idle = [];
}

function startWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}
