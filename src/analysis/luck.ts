import { DropTally, type Dropped, playRecorded } from './recorded-orders.ts';
import {
  type Ending,
  endingLabel,
  endingOf,
  mean,
  percentileRank,
  pct,
  quantile,
  RESULTS,
  resultNoun,
} from './spread.ts';
import {
  createGame,
  type FreezeOptions,
  type GameState,
  type OutcomeReason,
  type OutcomeResult,
  type Replay,
  reseed,
  type Scenario,
} from '../engine/index.ts';
import type { PlayedGame } from './record.ts';

/**
 * Luck against decisions: the game's recorded orders played again under other dice. World k draws from the seed
 * "SEED/future/k", the same worlds `npm run replay -- luck` plays, so the debrief and the command line agree. Where a
 * world has drifted, a recorded order that became illegal is dropped and the side's other orders stand
 * (src/analysis/recorded-orders.ts); the facilitator's injects are released as recorded, and rulings left out.
 */

export const LUCK_WORLDS = 200;

/** The seed future k of a recorded game draws from: deterministic in its seed and k, shared by the CLI and the debrief. */
export const futureSeed = (seed: string, k: number): string => `${seed}/future/${k}`;

/** How one other world ended, and the recorded inputs it refused. */
export interface LuckWorld {
  ending: Ending;
  dropped: Dropped[];
}

/** The state every world starts from: the recorded game's start, before its seed's dice are drawn. */
export function luckStart(scenario: Scenario, replay: Replay): GameState {
  const created = createGame(scenario, replay.seed, replay.options.preset === undefined ? {} : replay.options);
  if (!created.ok) throw new Error(`a checked replay does not start: ${created.errors[0]?.message}`);
  return created.value;
}

/** Plays world k to its end with the recorded orders (`freeze` reaches the engine). */
export function playWorld(
  scenario: Scenario,
  start: GameState,
  replay: Replay,
  k: number,
  options: FreezeOptions = {},
): LuckWorld {
  const played = playRecorded(scenario, reseed(start, futureSeed(replay.seed, k)), replay, {
    injects: true,
    ...options,
  });
  return { ending: endingOf(played.state), dropped: played.dropped };
}

/** The messages between the page and the luck worker. */
export interface LuckRequest {
  scenario: Scenario;
  replay: Replay;
  worlds: number;
}

export type LuckMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; worlds: LuckWorld[] }
  | { type: 'error'; message: string };

/**
 * Plays every world of a request, reporting progress every `every` worlds: the worker's whole job, as a plain
 * function so it is tested without a browser (`freeze` reaches the engine). Never throws: a failure comes back as an
 * error message.
 */
export function runLuck(
  request: LuckRequest,
  post: (message: LuckMessage) => void,
  every = 10,
  options: FreezeOptions = {},
): void {
  try {
    const start = luckStart(request.scenario, request.replay);
    const worlds: LuckWorld[] = [];
    for (let k = 1; k <= request.worlds; k++) {
      worlds.push(playWorld(request.scenario, start, request.replay, k, options));
      if (k % every === 0 || k === request.worlds) post({ type: 'progress', done: k, total: request.worlds });
    }
    post({ type: 'done', worlds });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}

export interface Distribution {
  min: number;
  q10: number;
  q25: number;
  median: number;
  q75: number;
  q90: number;
  max: number;
  mean: number;
  values: number[];
}

function spreadOf(values: number[]): Distribution {
  return {
    min: quantile(values, 0),
    q10: quantile(values, 0.1),
    q25: quantile(values, 0.25),
    median: quantile(values, 0.5),
    q75: quantile(values, 0.75),
    q90: quantile(values, 0.9),
    max: quantile(values, 1),
    mean: mean(values),
    values,
  };
}

export interface LuckSummary {
  worlds: number;
  /** How the worlds ended, most common first: "Iran wins (eviction vote)". */
  endings: { result: OutcomeResult; label: string; count: number; share: number; recorded: boolean }[];
  results: { result: OutcomeResult; count: number; share: number; recorded: boolean }[];
  us: Distribution;
  iran: Distribution;
  rung: Distribution;
  usKilled: Distribution;
  recorded: { result: OutcomeResult | null; usScore: number | null; iranScore: number | null; rung: number };
  /** Where the recorded scores stand among the worlds' (0-100, ties count half); null before the game's end. */
  usRank: number | null;
  iranRank: number | null;
  sameResult: number | null; // share of worlds that end as the recorded game did
  droppedWorlds: number;
  commonDrops: { text: string; count: number }[];
  verdict: string;
}

const luckWord = (rank: number) =>
  rank >= 75 ? 'a lucky game' : rank <= 25 ? 'an unlucky game' : 'neither lucky nor unlucky';

/** The worlds set against the recorded game: the spread of endings and scores, and a verdict in plain words. */
export function summariseLuck(game: PlayedGame, worlds: readonly LuckWorld[]): LuckSummary {
  const s = game.scenario;
  const o = game.final.outcome;
  const n = worlds.length;
  const share = (k: number) => (n === 0 ? 0 : k / n);
  const endingCounts = new Map<string, { result: OutcomeResult; reason: OutcomeReason; count: number }>();
  for (const { ending: w } of worlds) {
    const key = `${w.result}/${w.reason}`;
    const e = endingCounts.get(key) ?? { result: w.result, reason: w.reason, count: 0 };
    e.count++;
    endingCounts.set(key, e);
  }
  const endings = [...endingCounts.values()]
    .sort((a, b) => b.count - a.count)
    .map((e) => ({
      result: e.result,
      label: endingLabel(s, e.result, e.reason),
      count: e.count,
      share: share(e.count),
      recorded: o?.result === e.result && o.reason === e.reason,
    }));
  const results = RESULTS.map((r) => {
    const count = worlds.filter((w) => w.ending.result === r).length;
    return { result: r, count, share: share(count), recorded: o?.result === r };
  });
  const us = spreadOf(worlds.map((w) => w.ending.us));
  const iran = spreadOf(worlds.map((w) => w.ending.iran));
  const drops = new DropTally();
  for (const w of worlds) drops.add(w.dropped);
  const summary: LuckSummary = {
    worlds: n,
    endings,
    results,
    us,
    iran,
    rung: spreadOf(worlds.map((w) => w.ending.rung)),
    usKilled: spreadOf(worlds.map((w) => w.ending.usKilled)),
    recorded: {
      result: o?.result ?? null,
      usScore: o?.score.us.total ?? null,
      iranScore: o?.score.iran.total ?? null,
      rung: game.final.ladder.rung,
    },
    usRank: o ? percentileRank(us.values, o.score.us.total) : null,
    iranRank: o ? percentileRank(iran.values, o.score.iran.total) : null,
    sameResult: o ? share(worlds.filter((w) => w.ending.result === o.result).length) : null,
    droppedWorlds: drops.worldsHit,
    commonDrops: drops.common(3).map(([text, count]) => ({ text, count })),
    verdict: '',
  };
  summary.verdict = verdict(s, summary);
  return summary;
}

function verdict(scenario: Scenario, l: LuckSummary): string {
  const { result } = l.recorded;
  if (result === null || l.sameResult === null || l.usRank === null || l.iranRank === null)
    return 'The game has no result yet, so there is nothing to set against these replays.';
  const label = resultNoun(scenario, result);
  let text: string;
  if (l.sameResult >= 0.75)
    text = `With the same orders and other dice, ${pct(l.sameResult)} of the replays end in ${label}, as this game did: the teams’ decisions, more than luck, decided this game.`;
  else if (l.sameResult <= 0.25) {
    const modal = [...l.results].sort((a, b) => b.count - a.count)[0]!;
    text =
      `With the same orders and other dice, only ${pct(l.sameResult)} of the replays end in ${label}, as this game did; ` +
      `most end in ${resultNoun(scenario, modal.result)} (${pct(modal.share)}): luck, more than the teams’ decisions, decided this game.`;
  } else
    text = `With the same orders and other dice, ${pct(l.sameResult)} of the replays end in ${label}, as this game did: the decisions made that ending likely or unlikely, and luck settled it.`;
  text += ` On points, the US did better here than in ${l.usRank.toFixed(0)} of every 100 replays (${luckWord(l.usRank)}), and Iran better than in ${l.iranRank.toFixed(0)} of every 100 (${luckWord(l.iranRank)}).`;
  if (l.worlds > 0 && l.droppedWorlds / l.worlds >= 0.25)
    text += ` In ${pct(l.droppedWorlds / l.worlds)} of the replays some of the game’s orders could no longer be given and were skipped, so part of the difference comes from that, not from luck alone.`;
  return text;
}
