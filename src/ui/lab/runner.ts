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

/** Workers to start: one per core the browser reports, at least one, and no more than the slices to play. */
const workerCount = (slices: number) => Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 8, slices));

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
  const workers: Worker[] = [];
  let next = 0;
  let pending = slices.length;
  let stopped = false;
  const stop = () => {
    stopped = true;
    for (const w of workers) w.terminate();
  };
  const feed = (w: Worker) => {
    const slice = slices[next++];
    if (slice) w.postMessage({ kind: 'chunk', ...slice } satisfies LabRequest);
  };
  for (let i = 0; i < workerCount(slices.length); i++) {
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    workers.push(w);
    w.onmessage = (event: MessageEvent<LabReply>) => {
      if (stopped) return;
      const reply = event.data;
      if (reply.kind === 'error') {
        stop();
        hooks.onError(reply.message);
        return;
      }
      hooks.onRows(reply.baseline, reply.variant);
      pending--;
      if (pending === 0) {
        stop();
        hooks.onDone(performance.now() - t0);
      } else feed(w);
    };
    w.onerror = (event) => {
      if (stopped) return;
      stop();
      hooks.onError(event.message || 'a worker failed to start');
    };
    w.postMessage({ kind: 'setup', baseline, variant, matchup } satisfies LabRequest);
    feed(w);
  }
  return { cancel: stop };
}
