import type { Scenario } from '../engine/index.ts';
import { type DecideRequest, handleRequest } from './worker-protocol.ts';

/**
 * The AI's Web Worker: the strategist searches here, off the page's main thread, so the page never freezes.
 * Load it as a module worker (worker-client.ts does): `new Worker(new URL('./worker.ts', import.meta.url), { type:
 * 'module' })`. This isolate does nothing but search, so its playouts skip the freezing that guards the UI's states
 * against mutation (it halves the cost of a playout).
 */

const scenarios = new Map<string, Scenario>();

self.onmessage = (event: MessageEvent<DecideRequest>) => {
  self.postMessage(handleRequest(scenarios, event.data, { freeze: false }));
};
