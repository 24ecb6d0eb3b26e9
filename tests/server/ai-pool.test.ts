/**
 * The server's AI threads (src/server/ai-pool.ts): a real worker thread, started as the server starts it. It decides
 * as the policy does on this thread, and it runs at the priority `AI_NICE` asks for, so that on a host with few cores
 * the teams' turns come before a computer player's search (docs/server.md, "Measuring it").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { platform } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { AI_PLAYERS } from '../../src/ai/registry.ts';
import { aiDice } from '../../src/ai/simple.ts';
import { viewFor } from '../../src/engine/index.ts';
import { AiPool } from '../../src/server/ai-pool.ts';
import { randomGameStates, SCENARIO } from '../ai/fixtures.ts';

const pools: AiPool[] = [];
afterAll(async () => {
  for (const pool of pools) await pool.close();
});

/** The niceness of each thread of this process, from /proc (Linux keeps one per thread). */
function threadNices(): number[] {
  const nices: number[] = [];
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // a thread that ended while we looked
    }
    // The fields after the command's closing parenthesis: state is the first, niceness the 17th.
    nices.push(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return nices;
}

const STATE = randomGameStates('pool')[2]!;

describe("the server's AI threads", () => {
  it('decide as the policy does on this thread', async () => {
    const pool = new AiPool(1, { nice: 0 });
    pools.push(pool);
    await pool.ready();
    for (const side of ['us', 'iran'] as const) {
      const view = viewFor(SCENARIO, STATE, side, false);
      const direct = AI_PLAYERS.find((p) => p.side === side && p.id === 'strategist:easy')!.policy(
        SCENARIO,
        view,
        aiDice('pool', side, STATE.turn),
      );
      const viaThread = await pool.decide(SCENARIO, side, 'strategist:easy', view, aiDice('pool', side, STATE.turn));
      expect(viaThread).toEqual(direct);
    }
  });

  it('stand back for the main thread at the niceness asked for, and the main thread does not', async () => {
    const before = threadNices();
    expect(before).not.toContain(7);
    const pool = new AiPool(1, { nice: 7 });
    pools.push(pool);
    await pool.ready();
    const after = threadNices();
    // Linux sets a niceness per thread; elsewhere the pool leaves the priority alone rather than lower the server.
    expect(after.filter((n) => n === 7)).toHaveLength(platform() === 'linux' ? 1 : 0);
    expect(Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')[16])).toBe(0);
  });
});
