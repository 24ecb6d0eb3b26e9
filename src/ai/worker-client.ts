import { type Dice, type Scenario, type SeatView, type Side, scenarioHash } from '../engine/index.ts';
import type { Decision } from './simple.ts';
import type { DecideRequest, DecideResponse } from './worker-protocol.ts';

/** The part of a Worker the client uses: enough to test it with a stand-in. */
export interface WorkerLike {
  postMessage(message: DecideRequest): void;
  onmessage: ((event: MessageEvent<DecideResponse>) => void) | null;
  terminate(): void;
}

/**
 * A client of the AI worker: each `decide` posts one request and resolves with the decision (or rejects with the
 * worker's error). Requests are answered in order; the scenario is sent once per worker.
 */
export class AiWorkerClient {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (d: Decision) => void; reject: (e: Error) => void }>();
  private readonly sent = new Set<string>();

  constructor(private readonly worker: WorkerLike) {
    worker.onmessage = (event) => {
      const r = event.data;
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (r.ok) p.resolve(r.decision);
      else p.reject(new Error(r.error));
    };
  }

  decide(scenario: Scenario, side: Side, ai: string, view: SeatView, dice: Dice): Promise<Decision> {
    const id = this.next++;
    const scenarioKey = scenarioHash(scenario);
    const first = !this.sent.has(scenarioKey);
    this.sent.add(scenarioKey);
    const req: DecideRequest = { id, scenarioKey, side, ai, view, rng: dice.save(), ...(first ? { scenario } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(req);
    });
  }

  terminate(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('the AI worker was stopped'));
    this.pending.clear();
  }
}

/** How a computer player's decision is obtained: the same inputs give the same decision wherever it is computed. */
export type Decide = (scenario: Scenario, side: Side, ai: string, view: SeatView, dice: Dice) => Promise<Decision>;

/**
 * Decides on the calling thread: for tests, the CLI, the server, and anywhere without workers. The deciding code is
 * loaded on first use, so the browser's start-up code does not carry it.
 */
export const decideHere: Decide = async (scenario, side, ai, view, dice) => {
  const { findAi } = await import('./registry.ts');
  const player = findAi(side, ai);
  if (!player) throw new Error(`no computer player "${ai}" for ${side}`);
  return player.policy(scenario, view, dice);
};

let shared: AiWorkerClient | null = null;

/**
 * What a computer player decides, computed in a module Web Worker so the page stays responsive while the strategist
 * searches. The same inputs give the same decision as calling the policy directly. Where there is no Worker (Node,
 * old test runners) it decides in-process, loading the deciding code then: the page's own code never carries it.
 */
export function decideInWorker(
  scenario: Scenario,
  side: Side,
  ai: string,
  view: SeatView,
  dice: Dice,
): Promise<Decision> {
  if (typeof Worker === 'undefined') return decideHere(scenario, side, ai, view, dice);
  shared ??= new AiWorkerClient(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) as WorkerLike);
  return shared.decide(scenario, side, ai, view, dice);
}
