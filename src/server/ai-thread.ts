/**
 * The server's AI thread: the browser's AI worker (src/ai/worker.ts) on Node's worker_threads, answering the same
 * requests with the same handler, so a computer player's search never holds up the thread that resolves turns and
 * sends views. Its playouts skip freezing, as the browser worker's do: this thread does nothing but search.
 */
import { platform, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { type DecideRequest, handleRequest } from '../ai/worker-protocol.ts';
import type { Scenario } from '../engine/index.ts';

export interface AiThreadSettings {
  /** The thread's niceness, 0-19 (`AI_NICE`): how far it stands back when the server's main thread needs the CPU. */
  nice: number;
}

/**
 * On a host with few cores the AI threads and the main thread share them, and a search then delays the commits, turns
 * and views of every other game. So the AI thread runs at a lower priority: a computer player thinks a little longer
 * under load, the teams' weeks do not wait for it. Linux sets a niceness per thread; elsewhere the call would lower the
 * whole server, so it is left out there.
 */
function standBack(settings: AiThreadSettings | undefined): void {
  const nice = settings?.nice ?? 0;
  if (nice <= 0 || platform() !== 'linux') return;
  try {
    setPriority(nice);
  } catch (e) {
    console.warn(`AI thread: could not lower its priority to ${nice}: ${(e as Error).message}`);
  }
}

standBack(workerData as AiThreadSettings | undefined);
const scenarios = new Map<string, Scenario>();
const port = parentPort;
if (!port) throw new Error('ai-thread.ts runs as a worker thread (ai-pool.ts starts it)');
port.on('message', (req: DecideRequest) => port.postMessage(handleRequest(scenarios, req, { freeze: false })));
port.postMessage({ ready: true });
