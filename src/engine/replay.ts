import { z } from 'zod';
import type { GameEvent } from './events.ts';
import { type Inject, injectSchema, releaseInject, rulingSchema } from './facilitator.ts';
import { createGame, playTurn } from './game.ts';
import { hashValue } from './hash.ts';
import { joinLedgers, type Ledger } from './ledger.ts';
import { orderSchema } from './orders.ts';
import { fail, failMany, jsonPath, ok, type Result } from './result.ts';
import type { FreezeOptions, TurnResult } from './resolve.ts';
import { type Scenario, scenarioHash } from './scenario.ts';
import type { GameState } from './state.ts';

/** Bumped whenever a rule changes results: a replay from another engine version is refused, not misplayed. */
export const ENGINE_VERSION = '2.6.0';
export const REPLAY_FORMAT = 'two-boxers-replay';
export const REPLAY_FORMAT_VERSION = 1;

const turnSchema = z.strictObject({
  injects: z.array(injectSchema).optional(), // released by the facilitator before the orders
  us: z.array(orderSchema),
  iran: z.array(orderSchema),
  rulings: z.array(rulingSchema).optional(), // the facilitator's rulings on the turn's rolls
  hash: z.string().regex(/^[0-9a-f]{14}$/, 'a 14-digit hex state hash'),
});

export const replaySchema = z.strictObject({
  format: z.literal(REPLAY_FORMAT),
  formatVersion: z.literal(REPLAY_FORMAT_VERSION),
  engineVersion: z.string(),
  scenarioId: z.string(),
  scenarioHash: z.string(),
  seed: z.string().min(1),
  options: z.strictObject({ preset: z.string().optional() }),
  turns: z.array(turnSchema),
  pending: z.array(injectSchema).optional(), // injects released for the turn being ordered when it was recorded
  finalHash: z.string(),
});

export type Replay = z.infer<typeof replaySchema>;

/** The state hash the replays pin: every field (RNG state included), keys in canonical order. */
export const hashState = (state: GameState): string => hashValue(state);

/**
 * The hash of the week's start: the state with no orders sealed, which is what a replay of its record ends on. It can
 * be shown while one side's orders are sealed: the hash as it stands would let the other side try likely orders
 * elsewhere until one matched.
 */
export const hashWeekStart = (state: GameState): string => hashValue({ ...state, submitted: { us: null, iran: null } });

/** Parses untrusted replay JSON (a file, a share link): every problem with its path. */
export function parseReplay(input: unknown): Result<Replay> {
  const parsed = replaySchema.safeParse(input);
  if (!parsed.success)
    return failMany(
      parsed.error.issues.map((i) => ({
        code: 'replay.shape',
        path: jsonPath(i.path),
        message: i.message,
      })),
    );
  return ok(parsed.data);
}

/** Serialises a replay (the inverse of parseReplay). */
export const makeReplay = (replay: Replay): string => `${JSON.stringify(replay, null, 1)}\n`;

/**
 * The replay of a game so far, rebuilt from its own record (the orders in its history): the game is played again
 * from its seed so that every turn's hash is pinned, and the result must land on the same final state.
 */
export function recordReplay(scenario: Scenario, state: GameState, freezing: FreezeOptions = {}): Result<Replay> {
  const options = state.preset === null ? {} : { preset: state.preset };
  const game = createGame(scenario, state.seed, options);
  if (!game.ok) return game;
  let current = game.value;
  const turns: Replay['turns'] = [];
  const injectsOf = (turn: number) =>
    (state.facilitator?.injects ?? []).filter((x) => x.turn === turn).map((x) => x.inject);
  for (const record of state.history) {
    const injects = injectsOf(record.turn);
    const released = releaseAll(scenario, current, injects, freezing);
    if (!released.ok) return released;
    const { us, iran } = record.orders;
    const next = playTurn(scenario, released.value.state, us, iran, record.rulings ?? [], freezing);
    if (!next.ok) return next;
    current = next.value;
    turns.push({
      ...(injects.length > 0 && { injects }),
      us: record.orders.us,
      iran: record.orders.iran,
      ...(record.rulings && { rulings: record.rulings }),
      hash: hashState(current),
    });
  }
  const pending = state.outcome ? [] : injectsOf(state.turn);
  const last = releaseAll(scenario, current, pending, freezing);
  if (!last.ok) return last;
  current = last.value.state;
  const finalHash = hashState(current);
  if (finalHash !== hashState({ ...state, submitted: current.submitted }))
    return fail('replay.record', 'the game does not replay from its own record: the state was edited');
  return ok({
    format: REPLAY_FORMAT,
    formatVersion: REPLAY_FORMAT_VERSION,
    engineVersion: ENGINE_VERSION,
    scenarioId: scenario.id,
    scenarioHash: scenarioHash(scenario),
    seed: state.seed,
    options,
    turns,
    ...(pending.length > 0 && { pending }),
    finalHash,
  });
}

export interface VerifiedReplay {
  state: GameState;
  hashes: string[];
}

/**
 * Replays a replay and checks every turn's hash. The first turn that differs is reported, never ignored; a replay
 * of another scenario or engine version is refused before anything is played.
 */
export function verifyReplay(scenario: Scenario, input: unknown, options: FreezeOptions = {}): Result<VerifiedReplay> {
  const parsed = parseReplay(input);
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  if (r.engineVersion !== ENGINE_VERSION)
    return fail(
      'replay.engine',
      `recorded by engine ${r.engineVersion}, this is engine ${ENGINE_VERSION}`,
      'engineVersion',
    );
  if (r.scenarioId !== scenario.id)
    return fail('replay.scenario', `recorded for scenario "${r.scenarioId}", not "${scenario.id}"`, 'scenarioId');
  if (r.scenarioHash !== scenarioHash(scenario))
    return fail(
      'replay.scenario',
      `scenario "${scenario.id}" has changed since the replay was recorded`,
      'scenarioHash',
    );
  const game = createGame(scenario, r.seed, r.options.preset === undefined ? {} : { preset: r.options.preset });
  if (!game.ok) return failMany(game.errors.map((e) => ({ ...e, path: `options.${e.path ?? ''}` })));
  let state = game.value;
  const hashes: string[] = [];
  // The engine names a side's orders `us.orders[i]`; in a replay's turn they are the list `us[i]`.
  const inTurn = (path: string | undefined) => (path ?? '').replace(/^(us|iran)\.orders(?=\[|$)/, '$1');
  for (const [i, turn] of r.turns.entries()) {
    if (state.outcome) return fail('replay.turns', `turn ${i + 1} recorded after the game ended`, `turns[${i}]`);
    const released = releaseAll(scenario, state, turn.injects ?? [], options);
    if (!released.ok)
      return failMany(
        released.errors.map((e) => ({ ...e, message: `turn ${i + 1}: ${e.message}`, path: `turns[${i}].${e.path}` })),
      );
    const next = playTurn(scenario, released.value.state, turn.us, turn.iran, turn.rulings ?? [], options);
    if (!next.ok)
      return failMany(
        next.errors.map((e) => ({
          ...e,
          message: `turn ${i + 1}: ${e.message}`,
          path: `turns[${i}].${inTurn(e.path)}`,
        })),
      );
    state = next.value;
    const h = hashState(state);
    hashes.push(h);
    if (h !== turn.hash)
      return fail('replay.diverged', `turn ${i + 1} differs: expected hash ${turn.hash}, got ${h}`, `turns[${i}].hash`);
  }
  const pending = releaseAll(scenario, state, r.pending ?? [], options);
  if (!pending.ok)
    return failMany(pending.errors.map((e) => ({ ...e, message: `pending: ${e.message}`, path: `pending.${e.path}` })));
  state = pending.value.state;
  const finalHash = hashState(state);
  if (finalHash !== r.finalHash)
    return fail('replay.diverged', `final state differs: expected ${r.finalHash}, got ${finalHash}`, 'finalHash');
  return ok({ state, hashes });
}

/** Releases a turn's injects in order, as the facilitator did: the state after them, their events and ledger. */
export function releaseAll(
  scenario: Scenario,
  state: GameState,
  injects: readonly Inject[],
  options: FreezeOptions = {},
): Result<TurnResult> {
  let current = state;
  const events: GameEvent[] = [];
  let ledger: Ledger = [];
  for (const [i, inject] of injects.entries()) {
    const r = releaseInject(scenario, current, inject, options);
    if (!r.ok) return failMany(r.errors.map((e) => ({ ...e, path: `injects[${i}]${e.path ? `.${e.path}` : ''}` })));
    current = r.value.state;
    events.push(...r.value.events);
    ledger = joinLedgers(ledger, r.value.ledger);
  }
  return ok({ state: current, events, ledger });
}
