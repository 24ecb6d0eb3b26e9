import { parentPort } from 'node:worker_threads';
import { type DecideRequest, handleRequest } from '../ai/worker-protocol.ts';
import type { Scenario } from '../engine/index.ts';

/**
 * The server's AI thread: the browser's AI worker (src/ai/worker.ts) on Node's worker_threads, answering the same
 * requests with the same handler, so a computer player's search never holds up the thread that resolves turns and
 * sends views. Its playouts skip freezing, as the browser worker's do: this thread does nothing but search.
 */
const scenarios = new Map<string, Scenario>();
const port = parentPort;
if (!port) throw new Error('ai-thread.ts runs as a worker thread (ai-pool.ts starts it)');
port.on('message', (req: DecideRequest) => port.postMessage(handleRequest(scenarios, req, { freeze: false })));
port.postMessage({ ready: true });
