import { playBack } from '../analysis/record.ts';
import {
  type GameEvent,
  type GameState,
  hashState,
  type Order,
  parseReplay,
  type Replay,
  type Scenario,
  verifyReplay,
  plural,
} from '../engine/index.ts';
import { REPLAY_FORMAT } from '../engine/index.ts';
import { die, readJson } from './args.ts';

/** A replay file that checked out: the replay as parsed and the state it ends on. */
export interface LoadedReplay {
  replay: Replay;
  final: GameState;
  hashes: string[];
}

// Replay paths point into turns by index; people count turns from 1.
function turnLabel(path: string | undefined, message: string): string {
  const n = path === undefined ? undefined : /^turns[.[](\d+)/.exec(path)?.[1];
  return n === undefined || /\bturn \d+/.test(message) ? message : `turn ${Number(n) + 1}: ${message}`;
}

/**
 * Reads a replay file and replays it against the scenario, checking every turn's hash. Any problem (unreadable file,
 * broken JSON, a file that is no replay, another scenario or engine, a turn that differs) exits 1 with one
 * `FILE: path: message` line: the first problem, and how many more there are.
 */
export function loadReplay(file: string, scenario: Scenario): LoadedReplay {
  const json = readJson(file);
  if (!json.ok) die(`${file}: ${json.message}`);
  const format =
    typeof json.value === 'object' && json.value !== null ? (json.value as { format?: unknown }).format : undefined;
  if (format !== REPLAY_FORMAT)
    die(
      `${file}: not a replay file (its "format" is ${JSON.stringify(format) ?? 'missing'}, expected "${REPLAY_FORMAT}")`,
    );
  const verified = verifyReplay(scenario, json.value);
  if (!verified.ok) {
    const [e, ...more] = verified.errors;
    const where = e?.path ? `${e.path}: ` : '';
    const others = more.length === 0 ? '' : ` (and ${more.length} more ${more.length === 1 ? 'problem' : 'problems'})`;
    die(`${file}: ${where}${turnLabel(e?.path, e?.message ?? 'refused')}${others}`);
  }
  const parsed = parseReplay(json.value); // verifyReplay parsed it too, but returns only what it played
  if (!parsed.ok) throw new Error('a verified replay does not parse');
  return { replay: parsed.value, final: verified.value.state, hashes: verified.value.hashes };
}

/** The line `sim --verify` and `replay verify` print for a replay that checks out. */
export function verifiedLine(loaded: LoadedReplay): string {
  return `Replay OK: ${plural(loaded.hashes.length, 'turn')}, final hash ${hashState(loaded.final)}`;
}

/** One recorded turn played again: the state the sides ordered from (injects released) and what happened. */
export interface ReplayedTurn {
  turn: number;
  /** Events of the facilitator's injects released at the start of the turn, before anyone ordered. */
  injectEvents: GameEvent[];
  /** The state both sides gave their orders in. */
  before: GameState;
  orders: { us: Order[]; iran: Order[] };
  /** The resolution's events. */
  events: GameEvent[];
  after: GameState;
}

/** Plays a verified replay turn by turn (the one play-back, src/analysis/record.ts), injects apart from the rest. */
export function replayTurns(scenario: Scenario, replay: Replay): ReplayedTurn[] {
  const played = playBack(scenario, replay);
  if (!played.ok) throw new Error(`a verified replay does not play back: ${played.errors[0]?.message}`);
  return played.value.turns.map((t) => ({
    turn: t.turn,
    injectEvents: t.injects,
    before: t.before,
    orders: t.orders,
    events: t.events.slice(t.injects.length),
    after: t.after,
  }));
}
