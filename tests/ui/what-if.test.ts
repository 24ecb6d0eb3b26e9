import { describe, expect, it } from 'vitest';
import { type PlayedGame, playBackState } from '../../src/analysis/record.ts';
import { hashState, type Order, recordReplay, type Scenario } from '../../src/engine/index.ts';
import { whatIfGame, whatIfWeek } from '../../src/ui/debrief/what-if.ts';
import { Session } from '../../src/ui/session.ts';
import { shippedScenario } from '../shipped.ts';
import { warGame } from './war-game.ts';

const scenario: Scenario = shippedScenario('two-boxers');

/** Both hotseat teams' orders for a week; a refused order fails the test rather than loop. */
async function week(session: Session, us: Order[], iran: Order[]): Promise<void> {
  for (const [side, orders] of [
    ['us', us],
    ['iran', iran],
  ] as const) {
    const r = await session.commit(side, orders);
    if (!r.ok) throw new Error(r.errors[0]?.message);
  }
}

function played(session: Session) {
  const game = playBackState(scenario, session.state);
  if (!game.ok) throw new Error(game.errors[0]?.message);
  return game.value;
}

describe("the debrief's what-if fork", () => {
  it('opens a war at the start of its last week, at the hash the original had there', async () => {
    const pin = { salt: 'a'.repeat(32), hash: 'b'.repeat(64) };
    const original = await warGame(scenario, { classroom: true, orderSeconds: 60, deskPin: pin });
    expect(original.state.outcome?.result).toBe('shared-loss');
    const game = played(original);
    const week = whatIfWeek(game);
    expect(week).toBe(original.turns.length);
    expect(week).toBeGreaterThan(1);
    const fork = whatIfGame(game, original);
    if (!fork.ok) throw new Error(fork.errors[0]?.message);
    const f = fork.value;
    expect(f.over).toBe(false);
    expect(f.state.turn).toBe(week);
    expect(f.state.history.length).toBe(week! - 1);
    // The state the original stood in after week - 1: the record's pinned hash and the played-back state agree.
    expect(hashState(f.state)).toBe(game.replay.turns[week! - 2]!.hash);
    expect(hashState(f.state)).toBe(hashState(game.turns[week! - 2]!.after));
    // The same seats, clock and desk PIN: the class plays on as it played.
    expect(f.settings).toEqual(original.settings);
  });

  it('ends the same way when the same orders are given again, and differently only by other choices', async () => {
    const original = await warGame(scenario);
    const game = played(original);
    const fork = whatIfGame(game, original);
    if (!fork.ok) throw new Error(fork.errors[0]?.message);
    const last = game.turns.at(-1)!;
    await week(fork.value, last.orders.us, last.orders.iran);
    expect(hashState(fork.value.state)).toBe(hashState(original.state));
    const calm = whatIfGame(game, original);
    if (!calm.ok) throw new Error(calm.errors[0]?.message);
    await week(calm.value, [{ type: 'hold' }], []);
    expect(calm.value.state.outcome?.result).not.toBe('shared-loss');
  });

  it("keeps the facilitator's injects of the weeks before", async () => {
    const original = await warGame(scenario, {}, (s) => {
      if (s.state.turn === 2) {
        const r = s.release({ type: 'card', card: 'oil-price-collapse' });
        if (!r.ok) throw new Error(r.errors[0]?.message);
      }
    });
    const game = played(original);
    expect(game.replay.turns[1]?.injects).toHaveLength(1);
    const week = whatIfWeek(game)!;
    expect(week).toBeGreaterThan(2);
    const fork = whatIfGame(game, original);
    if (!fork.ok) throw new Error(fork.errors[0]?.message);
    expect(hashState(fork.value.state)).toBe(game.replay.turns[week - 2]!.hash);
    expect(recordReplay(scenario, fork.value.state).ok).toBe(true);
  });

  it('offers nothing for a game that ran its full length in peace, or one still in progress', async () => {
    const made = Session.create(scenario, {
      scenarioId: scenario.id,
      seed: '5',
      preset: 'short',
      side: 'us',
      opponent: 'hotseat',
    });
    if (!made.ok) throw new Error(made.errors[0]?.message);
    const session = made.value;
    await week(session, [{ type: 'hold' }], []);
    expect(whatIfWeek(played(session))).toBeNull();
    while (!session.over) await week(session, [{ type: 'hold' }], []);
    const game = played(session);
    expect(game.final.outcome?.result).not.toBe('shared-loss');
    expect(game.turns.length).toBe(game.final.lastTurn);
    expect(whatIfWeek(game)).toBeNull();
    const refused = whatIfGame(game, session);
    expect(refused.ok).toBe(false);
  });

  it('refuses a fork from a week the record does not reach', async () => {
    const original = await warGame(scenario);
    const replay = played(original).replay;
    for (const weeks of [-1, 1.5, replay.turns.length + 1]) {
      const r = Session.fork(scenario, original.settings, replay, weeks);
      expect(r.ok, String(weeks)).toBe(false);
      if (!r.ok) expect(r.errors[0]?.code).toBe('fork.week');
    }
    const fresh = Session.fork(scenario, original.settings, replay, 0);
    if (!fresh.ok) throw new Error(fresh.errors[0]?.message);
    expect(fresh.value.state.turn).toBe(1);
  });

  it.each([
    { name: 'a war in week 4 of 8', result: 'shared-loss', played: 4, last: 8, week: 4 },
    { name: 'a war in the last week', result: 'shared-loss', played: 8, last: 8, week: 8 },
    { name: 'an eviction in week 5 of 8', result: 'iran', played: 5, last: 8, week: 5 },
    { name: 'a US win at the end', result: 'us', played: 8, last: 8, week: null },
    { name: 'a stalemate at the end', result: 'draw', played: 8, last: 8, week: null },
    { name: 'a game still in progress', result: null, played: 3, last: 8, week: null },
  ] as const)('offers a week for $name: $week', ({ result, played, last, week }) => {
    const game = {
      final: { lastTurn: last, outcome: result === null ? null : { result } },
      turns: Array.from({ length: played }, () => ({})),
    } as unknown as PlayedGame;
    expect(whatIfWeek(game)).toBe(week);
  });
});
