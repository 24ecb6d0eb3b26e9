/**
 * The browser runs the strategist in a Web Worker. Its handler is a plain function, and the client talks to
 * anything shaped like a Worker, so both are tested here with a stand-in that passes messages as the browser would
 * (structured clones, asynchronously). The decision is the one the policy gives when called directly.
 */
import { describe, expect, it } from 'vitest';
import { AI_PLAYERS } from '../../src/ai/registry.ts';
import { aiDice } from '../../src/ai/simple.ts';
import { AiWorkerClient, decideInWorker, type WorkerLike } from '../../src/ai/worker-client.ts';
import { type DecideRequest, type DecideResponse, handleRequest } from '../../src/ai/worker-protocol.ts';
import { type Scenario, viewFor } from '../../src/engine/index.ts';
import { randomGameStates, SCENARIO } from './fixtures.ts';

/** A Worker stand-in: clones each message both ways and answers on a later tick, as postMessage does. */
function fakeWorker(): WorkerLike & { requests: DecideRequest[] } {
  const scenarios = new Map<string, Scenario>();
  const w: WorkerLike & { requests: DecideRequest[] } = {
    requests: [],
    onmessage: null,
    postMessage(message) {
      const req = structuredClone(message);
      w.requests.push(req);
      setTimeout(() => {
        const data = structuredClone(handleRequest(scenarios, req));
        w.onmessage?.({ data } as MessageEvent<DecideResponse>);
      }, 0);
    },
    terminate() {},
  };
  return w;
}

const STATE = randomGameStates('worker')[3]!;

describe('the AI worker', () => {
  it('decides as the policy does, sending the scenario only once', async () => {
    const worker = fakeWorker();
    const client = new AiWorkerClient(worker);
    for (const ai of ['tit-for-tat', 'strategist:easy'])
      for (const side of ['us', 'iran'] as const) {
        const view = viewFor(SCENARIO, STATE, side, false);
        const direct = AI_PLAYERS.find((p) => p.side === side && p.id === ai)!.policy(
          SCENARIO,
          view,
          aiDice('w', side, STATE.turn),
        );
        const viaWorker = await client.decide(SCENARIO, side, ai, view, aiDice('w', side, STATE.turn));
        expect(viaWorker).toEqual(direct);
      }
    expect(worker.requests.filter((r) => r.scenario !== undefined)).toHaveLength(1);
  });

  it('answers requests in flight by their ids', async () => {
    const client = new AiWorkerClient(fakeWorker());
    const view = viewFor(SCENARIO, STATE, 'iran', false);
    const [a, b] = await Promise.all([
      client.decide(SCENARIO, 'iran', 'harasser', view, aiDice('a', 'iran', 1)),
      client.decide(SCENARIO, 'iran', 'hawk', view, aiDice('b', 'iran', 1)),
    ]);
    expect(a).toEqual(
      AI_PLAYERS.find((p) => p.side === 'iran' && p.id === 'harasser')!.policy(SCENARIO, view, aiDice('a', 'iran', 1)),
    );
    expect(b).toEqual(
      AI_PLAYERS.find((p) => p.side === 'iran' && p.id === 'hawk')!.policy(SCENARIO, view, aiDice('b', 'iran', 1)),
    );
  });

  it('rejects an unknown player or a scenario it was never sent, without throwing in the worker', async () => {
    const client = new AiWorkerClient(fakeWorker());
    const view = viewFor(SCENARIO, STATE, 'us', false);
    await expect(client.decide(SCENARIO, 'us', 'nobody', view, aiDice('x', 'us', 1))).rejects.toThrow(
      /no computer player/,
    );
    const bare = handleRequest(new Map(), {
      id: 7,
      scenarioKey: 'k',
      side: 'us',
      ai: 'hawk',
      view,
      rng: aiDice('x', 'us', 1).save(),
    });
    expect(bare).toMatchObject({ id: 7, ok: false });
  });

  it('decides in-process where there is no Worker (Node)', async () => {
    expect(typeof Worker).toBe('undefined');
    const view = viewFor(SCENARIO, STATE, 'us', false);
    const d = await decideInWorker(SCENARIO, 'us', 'hawk', view, aiDice('n', 'us', 1));
    expect(d).toEqual(
      AI_PLAYERS.find((p) => p.side === 'us' && p.id === 'hawk')!.policy(SCENARIO, view, aiDice('n', 'us', 1)),
    );
  });
});
