import { playOn } from '../ai/match.ts';
import { findAi } from '../ai/registry.ts';
import { type GameState, type Replay, reseed } from '../engine/index.ts';
import { loadScenario } from './args.ts';
import { futureSeed } from '../analysis/luck.ts';
import { type Dropped, playRecorded } from '../analysis/recorded-orders.ts';
import { type Ending, endingOf } from '../analysis/spread.ts';
import { runPool, workKind } from './pool.ts';

/**
 * The worlds `replay luck` and `replay fork` play: one reseeded future of a position per number k, played with the
 * recorded orders and, for a fork, by two computer players too. Spread over threads; results come back in k order.
 */

/** What every world shares: everything is plain data, since it is copied to each thread. */
export interface WorldsJob {
  scenarioPath: string;
  replay: Replay;
  /** The position each world starts from, before its RNG state is replaced. */
  position: GameState;
  /** `luck` also releases the facilitator's recorded injects (`position` comes before the first); a fork leaves them out. */
  injects: boolean;
  players: { us: string; iran: string } | null;
}

export interface WorldResult {
  recorded: Ending;
  dropped: Dropped[];
  /** The world's game outlasted the record: the recorded column gave no orders after it. */
  beyond: boolean;
  players: { ending: Ending; refused: number } | null;
}

export const WORLD_WORK = workKind(import.meta.url, 'WORLD_WORK', (job: WorldsJob) => {
  const scenario = loadScenario(job.scenarioPath);
  const policy = (side: 'us' | 'iran', id: string) => {
    const found = findAi(side, id);
    if (!found) throw new Error(`no ${side} player ${id}`);
    return found.policy;
  };
  const players = job.players && { us: policy('us', job.players.us), iran: policy('iran', job.players.iran) };
  return (k: number): WorldResult => {
    const seed = futureSeed(job.replay.seed, k);
    const world = reseed(job.position, seed);
    // Many games, none of them kept: freezing would only cost time (as in the tournament).
    const played = playRecorded(scenario, world, job.replay, { injects: job.injects, freeze: false });
    const match =
      players && playOn(scenario, world, players.us, players.iran, { aiSeed: seed, keepLog: false, freeze: false });
    return {
      recorded: endingOf(played.state),
      dropped: played.dropped,
      beyond: played.turnsBeyond > 0,
      players: match && { ending: endingOf(match.state), refused: match.errors.length },
    };
  };
});

/** Plays worlds `first`..`last` on `threads` threads, handing each result over in k order. */
export async function playWorlds(
  job: WorldsJob,
  seeds: { first: number; last: number },
  threads: number,
  onWorld: (result: WorldResult) => void,
): Promise<void> {
  const inputs = Array.from({ length: seeds.last - seeds.first + 1 }, (_, i) => seeds.first + i);
  await runPool({ kind: WORLD_WORK, context: job, inputs, threads, onOutput: onWorld });
}
