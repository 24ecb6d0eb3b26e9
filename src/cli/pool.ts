import { type ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Spreads independent pieces of work over worker_threads and hands the results back in the order of the inputs,
 * whatever order the threads finish in, so a tool's output never depends on timing or on the number of threads.
 */

/**
 * A kind of work a thread can do, found in a thread by module URL and export name (functions cannot cross to a
 * thread). `start` runs once per thread with the shared context and returns the function applied to each input.
 */
export interface WorkKind<Context, Input, Output> {
  url: string;
  name: string;
  start: (context: Context) => (input: Input) => Output;
}

/** Declares a kind of work; export the result from `url`'s module under `name` so threads can find it. */
export const workKind = <Context, Input, Output>(
  url: string,
  name: string,
  start: (context: Context) => (input: Input) => Output,
): WorkKind<Context, Input, Output> => ({ url, name, start });

export interface PoolRun<Context, Input, Output> {
  kind: WorkKind<Context, Input, Output>;
  context: Context;
  inputs: readonly Input[];
  threads: number;
  /** Caps each thread's heap; V8 sizes its heap by these limits, so lower ones keep a long run's memory down. */
  resourceLimits?: ResourceLimits;
  /** Called once per input, in input order. */
  onOutput: (output: Output, index: number) => void;
}

// How many inputs may be finished ahead of the oldest one not yet handed back, per thread: it bounds the memory
// held for reordering when one thread falls behind.
const AHEAD_PER_THREAD = 4;

type Reply<Output> = { index: number; output: Output } | { index: number; error: string; stack: string | undefined };

// A thread does not inherit tsx's loader: it registers it, then loads the module that declares the work.
function bootstrap(kind: WorkKind<unknown, unknown, unknown>): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  return `
import { register } from ${JSON.stringify(tsx)};
import { parentPort, workerData } from 'node:worker_threads';
register();
const kind = (await import(${JSON.stringify(kind.url)}))[${JSON.stringify(kind.name)}];
const work = kind.start(workerData);
parentPort.on('message', ({ index, input }) => {
  try {
    parentPort.postMessage({ index, output: work(input) });
  } catch (e) {
    parentPort.postMessage({ index, error: e instanceof Error ? e.message : String(e), stack: e?.stack });
  }
});`;
}

/**
 * Runs every input through the kind of work on `threads` threads, calling `onOutput` in input order, and gives the
 * number of threads used. Even one thread is a worker, not this one: this thread's event loop must stay free, since
 * a tool's Ctrl-C and SIGTERM handlers remove its temporary files, and tsx kills a process that does not take a
 * signal within some 60 ms. Rejects on the first failure: work that throws is a bug, since inputs are checked
 * before a run.
 */
export async function runPool<Context, Input, Output>(run: PoolRun<Context, Input, Output>): Promise<number> {
  const { kind, context, inputs, onOutput } = run;
  if (inputs.length === 0) return 1;
  const threads = Math.max(1, Math.min(run.threads, inputs.length));
  const code = bootstrap(kind as WorkKind<unknown, unknown, unknown>);
  const workers = Array.from(
    { length: threads },
    () =>
      new Worker(code, {
        eval: true,
        workerData: context,
        ...(run.resourceLimits && { resourceLimits: run.resourceLimits }),
      }),
  );
  const waiting = new Map<number, Output>();
  let sent = 0;
  let delivered = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const idle: Worker[] = [];
      const feed = () => {
        while (idle.length > 0 && sent < inputs.length && sent < delivered + AHEAD_PER_THREAD * threads) {
          idle.pop()!.postMessage({ index: sent, input: inputs[sent] });
          sent++;
        }
      };
      for (const worker of workers) {
        worker.on('message', (reply: Reply<Output>) => {
          if ('error' in reply) {
            // The message alone, so the command reports it on one line; the thread's stack stays for debugging.
            const error = new Error(reply.error);
            if (reply.stack) error.stack = reply.stack;
            reject(error);
            return;
          }
          waiting.set(reply.index, reply.output);
          idle.push(worker);
          try {
            for (let next = waiting.get(delivered); next !== undefined; next = waiting.get(delivered)) {
              waiting.delete(delivered);
              onOutput(next, delivered);
              delivered++;
            }
          } catch (e) {
            reject(e);
            return;
          }
          if (delivered === inputs.length) resolve();
          else feed();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (delivered < inputs.length) reject(new Error(`a worker thread exited early with code ${code}`));
        });
        idle.push(worker);
      }
      feed();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return threads;
}

/** Splits `count` items into consecutive chunks for a pool: small enough to share out evenly and show progress. */
export function chunkSizes(count: number, threads: number, most: number): number[] {
  const size = Math.max(1, Math.min(most, Math.ceil(count / (Math.max(1, threads) * 16))));
  const sizes: number[] = [];
  for (let left = count; left > 0; left -= size) sizes.push(Math.min(size, left));
  return sizes;
}
