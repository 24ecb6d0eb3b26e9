import { Worker } from 'node:worker_threads';
import { AiWorkerClient, type Decide, decideHere, type WorkerLike } from '../ai/worker-client.ts';
import type { DecideRequest, DecideResponse } from '../ai/worker-protocol.ts';
import type { AiThreadSettings } from './ai-thread.ts';

/** How long a new thread may take to load the engine and the AI before the server gives up on it. */
const START_MS = 60_000;

interface Slot {
  client: AiWorkerClient;
  thread: Worker;
  waiting: number;
  ready: Promise<void>;
}

/**
 * A thread running ai-thread.ts. The server runs from TypeScript sources through tsx, whose loader a worker thread
 * does not inherit: the thread registers it first (and loads the file as it is when the sources are built to .js).
 */
function startThread(settings: AiThreadSettings): Worker {
  const entry = new URL(`./ai-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  if (!entry.endsWith('.ts')) return new Worker(new URL(entry), { workerData: settings });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: settings });
}

/** A Node worker thread seen as the Web Worker that AiWorkerClient talks to; `ready` settles on its first word. */
function threadAsWorker(thread: Worker): { worker: WorkerLike; ready: Promise<void> } {
  let handler: WorkerLike['onmessage'] = null;
  let started: () => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    started = resolve;
    thread.once('exit', (code) => reject(new Error(`the AI thread stopped as it started (exit code ${code})`)));
    setTimeout(() => reject(new Error(`the AI thread did not start in ${START_MS / 1000} s`)), START_MS).unref();
  });
  ready.catch(() => {}); // read by ready(); a thread that dies later is handled by its exit
  thread.on('message', (data: DecideResponse | { ready: true }) => {
    if ('ready' in data) started();
    else handler?.({ data } as MessageEvent<DecideResponse>);
  });
  const worker: WorkerLike = {
    postMessage: (message: DecideRequest) => thread.postMessage(message),
    get onmessage() {
      return handler;
    },
    set onmessage(f) {
      handler = f;
    },
    terminate: () => void thread.terminate(),
  };
  return { worker, ready };
}

/**
 * Computer players' decisions on worker threads, so that a strategist searching for a second or two never stops the
 * main thread from storing commits, resolving other games' turns and sending views. Each request goes to the thread
 * with the fewest waiting. The decision is the one the policy makes on this thread: the request carries the view and
 * the state of the AI's dice (worker-protocol.ts), and the orders it gives are stored in the game's log like a
 * team's. A thread that dies fails what it was deciding (the commit is answered "unavailable", and the client sends
 * it again) and is replaced; with no thread working, decisions are made on the main thread rather than not at all.
 */
export class AiPool {
  private readonly slots: Slot[] = [];
  private closed = false;

  constructor(
    readonly size: number,
    private readonly settings: AiThreadSettings = { nice: 0 },
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.start());
  }

  /** Resolves once every thread has loaded; rejects with the reason one could not (so a server fails at start). */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  private start(): Slot {
    const thread = startThread(this.settings);
    const { worker, ready } = threadAsWorker(thread);
    const slot: Slot = { client: new AiWorkerClient(worker), thread, waiting: 0, ready };
    // Once started, an idle thread does not keep the process alive (a decision waited for does, through its commit).
    ready.then(
      () => thread.unref(),
      () => {},
    );
    thread.on('error', (e) => console.error('AI thread failed:', e));
    thread.once('exit', () => {
      slot.client.terminate(); // rejects what it was deciding
      const i = this.slots.indexOf(slot);
      if (i < 0 || this.closed) return;
      // A thread that had started is replaced; one that could not start would only fail again.
      ready.then(
        () => {
          this.slots[i] = this.start();
        },
        () => {
          this.slots.splice(i, 1);
        },
      );
    });
    return slot;
  }

  decide: Decide = async (scenario, side, ai, view, dice) => {
    if (this.closed) throw new Error('the AI threads are stopped');
    if (this.slots.length === 0) return decideHere(scenario, side, ai, view, dice);
    const slot = this.slots.reduce((a, b) => (b.waiting < a.waiting ? b : a));
    slot.waiting++;
    try {
      return await slot.client.decide(scenario, side, ai, view, dice);
    } finally {
      slot.waiting--;
    }
  };

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.thread.terminate()));
  }
}
