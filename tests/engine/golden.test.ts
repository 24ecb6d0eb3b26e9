/**
 * Golden values: the per-turn state hashes of one seeded game between the simple policies, the RNG's first draws,
 * and a recorded replay in tests/fixtures. Then replays: the round trip, and tampered replays refused at the first
 * turn that differs.
 *
 * A change to any pinned value must be deliberate. A rule change that moves results bumps ENGINE_VERSION (old
 * replays are then refused rather than misplayed) and regenerates these values:
 *   UPDATE_GOLDEN=1 npx vitest run tests/engine/golden.test.ts
 * prints the new literals and rewrites tests/fixtures/golden-1.replay.json; paste the literals below and review
 * the diff. A change only to src/ai/simple.ts moves GOLDEN_HASHES but leaves the fixture verifying.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { playMatch } from '../../src/ai/match.ts';
import { harasserIran, measuredUs } from '../../src/ai/simple.ts';
import {
  Dice,
  ENGINE_VERSION,
  type GameState,
  hashState,
  makeReplay,
  parseReplay,
  playTurn,
  type Replay,
  recordReplay,
  type Scenario,
  seedRng,
  verifyReplay,
} from '../../src/engine/index.ts';
import { newGame, SCENARIO, withScenario } from './helpers.ts';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FIXTURE = new URL('../fixtures/golden-1.replay.json', import.meta.url);

// ---- Pinned values (see the header for how to regenerate them) ----------------------------------------------------

/** hashState after each turn of playMatch(two-boxers, 'golden-1', measuredUs, harasserIran). */
const GOLDEN_HASHES: string[] = [
  '0c6f3c3767655a',
  '0c091bffc02f61',
  '16834b6561d9e1',
  '0e8ffbc8afde15',
  '0e9614e7a7b079',
  '0388b86982a11a',
  '0563909d48bc55',
  '1f10d13c6bd832',
  '12e29db5b7fbb2',
  '1f94152fac8e11',
  '03d5ec627f2e56',
  '1acde2b66b3d13',
];

/** How that game ends. */
const GOLDEN_OUTCOME = { result: 'us', reason: 'final-turn', turn: 12, us: 267, iran: 179 };

/** The first ten draws of new Dice(seedRng('hello.')).int(1000), and the generator's state after them. */
const GOLDEN_DRAWS: number[] = [478, 829, 469, 250, 314, 598, 867, 493, 831, 777];
const GOLDEN_RNG_AFTER = { c: 1814650, s0: 0.4939632511232048, s1: 0.8312287486623973, s2: 0.777970572700724 };
const GOLDEN_RNG_SEEDED = { c: 1, s0: 0.12184582441113889, s1: 0.4110125263687223, s2: 0.40428079082630575 };

// ---------------------------------------------------------------------------------------------------------------

/** The state hash after each turn of a finished game, replayed from its own record of orders. */
function perTurnHashes(scenario: Scenario, final: GameState): string[] {
  let state = newGame(final.seed, scenario);
  return final.history.map((record) => {
    const next = playTurn(scenario, state, record.orders.us, record.orders.iran);
    if (!next.ok) throw new Error(JSON.stringify(next.errors));
    state = next.value;
    return hashState(state);
  });
}

const match = playMatch(SCENARIO, 'golden-1', measuredUs, harasserIran);
const hashes = perTurnHashes(SCENARIO, match.state);
const outcome = {
  result: match.state.outcome?.result,
  reason: match.state.outcome?.reason,
  turn: match.state.outcome?.turn,
  us: match.state.outcome?.score.us.total,
  iran: match.state.outcome?.score.iran.total,
};
const recorded = recordReplay(SCENARIO, match.state);
if (!recorded.ok) throw new Error(JSON.stringify(recorded.errors));
const replay: Replay = recorded.value;

const dice = new Dice(seedRng('hello.'));
const draws = Array.from({ length: 10 }, () => dice.int(1000));

if (UPDATE) {
  writeFileSync(FIXTURE, makeReplay(replay));
  const seeded = new Dice(seedRng('hello.')).save();
  console.log(
    [
      `const GOLDEN_HASHES: string[] = ${JSON.stringify(hashes)};`,
      `const GOLDEN_OUTCOME = ${JSON.stringify(outcome)};`,
      `const GOLDEN_DRAWS: number[] = ${JSON.stringify(draws)};`,
      `const GOLDEN_RNG_AFTER = ${JSON.stringify(dice.save())};`,
      `const GOLDEN_RNG_SEEDED = ${JSON.stringify(seeded)};`,
    ].join('\n'),
  );
}

describe('golden values', () => {
  it('the simple policies play golden-1 to the pinned hashes, turn by turn', () => {
    expect(match.errors).toEqual([]);
    expect(hashes).toEqual(GOLDEN_HASHES);
    expect(hashes.at(-1)).toBe(hashState(match.state));
    expect(outcome).toEqual(GOLDEN_OUTCOME);
  });

  it('the RNG gives the pinned sequence', () => {
    expect(seedRng('hello.')).toEqual(GOLDEN_RNG_SEEDED);
    expect(draws).toEqual(GOLDEN_DRAWS);
    expect(dice.save()).toEqual(GOLDEN_RNG_AFTER);
    // Restoring a saved state continues the same sequence.
    const a = new Dice(seedRng('hello.'));
    for (let i = 0; i < 5; i++) a.int(1000);
    const b = new Dice(a.save());
    expect(Array.from({ length: 5 }, () => b.int(1000))).toEqual(draws.slice(5));
  });

  it('the recorded replay fixture still verifies, to the same hashes (the engine alone, without the AI)', () => {
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as unknown;
    const verified = verifyReplay(SCENARIO, fixture);
    expect(verified.ok, JSON.stringify(verified.ok ? null : verified.errors)).toBe(true);
    if (!verified.ok) return;
    expect(verified.value.hashes).toEqual(GOLDEN_HASHES);
    expect(fixture).toEqual(replay);
  });
});

describe('replays', () => {
  /** The replay through its text form, as a file or a share link carries it. */
  const wire = (r: Replay): unknown => JSON.parse(makeReplay(r));
  const tamper = (edit: (r: Replay) => void): unknown => {
    const copy = wire(replay) as Replay;
    edit(copy);
    return copy;
  };

  it('round-trip: record, serialise, parse, verify, with the same hashes', () => {
    expect(replay.engineVersion).toBe(ENGINE_VERSION);
    expect(replay.turns.map((t) => t.hash)).toEqual(hashes);
    const parsed = parseReplay(wire(replay));
    expect(parsed).toEqual({ ok: true, value: replay });
    const verified = verifyReplay(SCENARIO, wire(replay));
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.value.hashes).toEqual(hashes);
    expect(hashState(verified.value.state)).toBe(hashState(match.state));
    expect(makeReplay(replay)).toBe(makeReplay(parsed.ok ? parsed.value : replay));
  });

  /** The first turn whose US orders are not empty, and a different legal set for it (none at all). */
  const changedTurn = replay.turns.findIndex((t, i) => i >= 2 && t.us.length > 0);

  const TAMPERED: [name: string, input: () => unknown, code: string, path: string, says?: string][] = [
    [
      'one order changed',
      () =>
        tamper((r) => {
          r.turns[changedTurn]!.us = [];
        }),
      'replay.diverged',
      `turns[${changedTurn}].hash`,
      `turn ${changedTurn + 1} differs`,
    ],
    [
      'one hash changed',
      () =>
        tamper((r) => {
          const t = r.turns[5]!;
          t.hash = `${t.hash.slice(0, -1)}${t.hash.endsWith('0') ? '1' : '0'}`;
        }),
      'replay.diverged',
      'turns[5].hash',
      'turn 6 differs',
    ],
    ['turns truncated', () => tamper((r) => void r.turns.splice(-2)), 'replay.diverged', 'finalHash'],
    [
      'an order the rules refuse',
      () =>
        tamper((r) => {
          r.turns[1]!.us = [{ type: 'hold' }, { type: 'hold' }];
        }),
      'order.duplicate',
      'turns[1].us[1]',
      'turn 2',
    ],
    [
      'an order naming a place there is not',
      () =>
        tamper((r) => {
          r.turns[1]!.iran = [{ type: 'rocket-attack', group: 'kh', base: 'nowhere', claim: 'open' }];
        }),
      'order.illegal',
      'turns[1].iran[0].base',
      'turn 2',
    ],
    [
      'a preset the scenario lacks',
      () =>
        tamper((r) => {
          r.options = { preset: 'long' };
        }),
      'game.preset',
      'options.preset',
    ],
    [
      'a turn after the game ended',
      () => tamper((r) => void r.turns.push({ us: [], iran: [], hash: r.turns.at(-1)!.hash })),
      'replay.turns',
      `turns[${replay.turns.length}]`,
    ],
    [
      'another scenario id',
      () =>
        tamper((r) => {
          r.scenarioId = 'red-lines';
        }),
      'replay.scenario',
      'scenarioId',
    ],
    [
      'another engine version',
      () =>
        tamper((r) => {
          r.engineVersion = '0.9.0';
        }),
      'replay.engine',
      'engineVersion',
    ],
    [
      'a malformed hash',
      () =>
        tamper((r) => {
          r.turns[0]!.hash = 'xyz';
        }),
      'replay.shape',
      'turns[0].hash',
    ],
    ['not a replay at all', () => ({ format: 'chess-pgn' }), 'replay.shape', 'format'],
  ];

  it.each(TAMPERED)('refuses a replay with %s', (_name, input, code, path, says) => {
    const verified = verifyReplay(SCENARIO, input());
    expect(verified.ok).toBe(false);
    if (verified.ok) return;
    const error = verified.errors.find((e) => e.code === code && e.path === path);
    expect(error, JSON.stringify(verified.errors)).toBeDefined();
    if (says) expect(error!.message).toContain(says);
  });

  it('refuses a replay of the same scenario id whose rules have changed', () => {
    const retuned = withScenario((s) => {
      s.attribution.claimWear = (s.attribution.claimWear ?? 0) + 1;
    });
    const verified = verifyReplay(retuned, wire(replay));
    expect(verified).toMatchObject({ ok: false, errors: [{ code: 'replay.scenario', path: 'scenarioHash' }] });
  });

  it('refuses to record a game whose state was edited', () => {
    const edited: GameState = { ...match.state, us: { ...match.state.us, resolve: match.state.us.resolve + 1 } };
    expect(recordReplay(SCENARIO, edited)).toMatchObject({ ok: false, errors: [{ code: 'replay.record' }] });
  });

  it('replays a game of the short preset', () => {
    const short = playMatch(SCENARIO, 'golden-short', measuredUs, harasserIran, { preset: 'short' });
    const r = recordReplay(SCENARIO, short.state);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.options).toEqual({ preset: 'short' });
    expect(r.value.turns.length).toBe(short.state.turn);
    const verified = verifyReplay(SCENARIO, wire(r.value));
    expect(verified.ok && hashState(verified.value.state)).toBe(hashState(short.state));
    // Without its preset the same orders do not make the same game.
    const { options: _options, ...rest } = r.value;
    expect(verifyReplay(SCENARIO, wire({ ...rest, options: {} })).ok).toBe(false);
  });

  it('replays an unfinished game too', () => {
    let state = newGame('unfinished');
    for (let i = 0; i < 3; i++) {
      const next = playTurn(SCENARIO, state, [{ type: 'hold' }], [{ type: 'public-threat' }]);
      if (!next.ok) throw new Error('refused');
      state = next.value;
    }
    const r = recordReplay(SCENARIO, state);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.turns).toHaveLength(3);
    const verified = verifyReplay(SCENARIO, wire(r.value));
    expect(verified.ok && hashState(verified.value.state)).toBe(hashState(state));
  });
});
