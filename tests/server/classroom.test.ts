/**
 * The classroom's rules in-process, on a clock the test moves: what needs hours to pass (a session ending, a
 * guessing address allowed again) and the desk's engine actions. The wire is covered by the tests on a real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Scenario, verifyReplay } from '../../src/engine/index.ts';
import {
  type CreateSessionRequest,
  type JoinReply,
  LIMITS,
  type SeatState,
  stateStamp,
} from '../../src/net/protocol.ts';
import { type Caller, Classroom } from '../../src/server/classroom.ts';
import type { Store } from '../../src/server/store.ts';
import { openSqliteStore } from '../../src/server/store-sqlite.ts';
import { loadScenario, SEED, tempDir } from './harness.ts';

const scenario: Scenario = loadScenario();
const data = tempDir();
let store: Store;
let now = 1_000_000;
let classroom: Classroom;
const changes: string[][] = [];

beforeAll(async () => {
  store = openSqliteStore(data.path);
  classroom = await Classroom.open(store, {
    scenarios: new Map([[scenario.id, scenario]]),
    defaultScenario: scenario.id,
    sessionHours: 2,
    joinFailureLimit: 3,
    joinFailureWindowMs: 60_000,
    gameIdleMs: 600_000,
    now: () => now,
  });
  classroom.onChange = (_, games) => changes.push([...games]);
});

afterAll(async () => {
  await store.close();
  data.remove();
});

const seatOf = async (reply: JoinReply): Promise<Caller> => {
  if (!reply.ok) throw new Error(reply.error.message);
  const caller = await classroom.authenticate({ token: reply.token });
  if ('error' in caller) throw new Error(caller.error.message);
  return caller;
};

/** A new session and its desk, signed in with the facilitator's secret. */
const sessionWithDesk = async (request: CreateSessionRequest) => {
  const session = await classroom.createSession(request);
  if (!session.ok) throw new Error(session.error.message);
  const desk = await classroom.authenticate({ desk: session.facilitatorSecret });
  if ('error' in desk) throw new Error(desk.error.message);
  return { session, desk };
};

/** A seat's whole state, by `sync`. */
const syncOf = async (seat: Caller): Promise<SeatState> => {
  const r = await classroom.handle(seat, 'sync', {});
  if (!r.ok) throw new Error(r.error.message);
  if (!('state' in r)) throw new Error('sync without a stamp answered "unchanged"');
  return r.state;
};

describe('the classroom on a moving clock', () => {
  it('a session refuses bad settings with the field named', async () => {
    const cases: [unknown, string][] = [
      [{ scenarioId: 'nope' }, 'scenarioId'],
      [{ preset: 'long' }, 'preset'],
      [{ computer: { iran: 'skynet' } }, 'computer.iran'],
      [{ computer: { us: 'measured', iran: 'harasser' } }, 'computer'],
      [{ seed: 'short' }, 'seed'],
      [{ games: 0 }, 'games'],
    ];
    for (const [input, where] of cases) {
      const r = await classroom.createSession(input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) expect(r.error.path, JSON.stringify(input)).toBe(where);
    }
  });

  it('different wrong codes lock an address for the window only; other addresses are not affected', async () => {
    const session = await classroom.createSession({ seed: SEED });
    if (!session.ok) throw new Error(session.error.message);
    for (let i = 0; i < 3; i++) {
      const r = await classroom.join({ code: `AAAA-AAA${i}`, team: 't', seat: 'us' }, 'guesser');
      expect(!r.ok && r.error.code).toBe('wrong-code');
    }
    // Locked: a code never used at this address is refused without being looked up, right or wrong alike.
    const blocked = await classroom.join({ code: session.joinCode, team: 't', seat: 'us' }, 'guesser');
    expect(!blocked.ok && blocked.error).toMatchObject({ code: 'rate-limited', retryAfterSeconds: 60 });
    const another = await classroom.join({ code: 'AAAA-AAA9', team: 't', seat: 'us' }, 'guesser');
    expect(!another.ok && another.error).toMatchObject({ code: 'rate-limited', retryAfterSeconds: 60 });
    expect((await classroom.join({ code: session.joinCode, team: 'ok', seat: 'projector' }, 'school')).ok).toBe(true);
    // The same wrong code again is no new guess: a device retyping its slip is told, never locked out for it.
    for (let i = 0; i < 10; i++) {
      const r = await classroom.join({ code: 'BBBB-BBBB', team: 't', seat: 'us' }, 'typist');
      expect(!r.ok && r.error.code).toBe('wrong-code');
    }
    now += 61_000;
    expect((await classroom.join({ code: session.joinCode, team: 't', seat: 'us' }, 'guesser')).ok).toBe(true);
  });

  it('thirty devices behind one school address all join, whatever two of them mistype; guessing there stays limited', async () => {
    // Fifteen games of two team seats: a device for each of thirty teams, all behind one NAT address.
    const { session } = await sessionWithDesk({ seed: SEED, games: 15 });
    const other = await classroom.createSession({ seed: SEED }); // another class's code, never typed at the school
    if (!other.ok) throw new Error(other.error.message);
    const seats = Array.from(
      { length: 30 },
      (_, i) => ({ team: `Team ${i + 1}`, seat: i % 2 ? 'iran' : 'us', game: 1 + Math.floor(i / 2) }) as const,
    );
    const join = (code: string, i: number) => classroom.join({ code, ...seats[i]! }, 'school-nat');
    // The first device joins; then two mistype the code three times each: six different wrong codes, twice the
    // limit, so the last ones are told to wait (the address is locked against guessing).
    expect((await join(session.joinCode, 0)).ok).toBe(true);
    const typed: string[] = [];
    for (const [i, typo] of [
      [1, '7KQ2-M9XF'],
      [1, '7KQ2-M9XE'],
      [1, '7KQ2-M9XC'],
      [2, '7KQ2-M9XA'],
      [2, '7KQ2-M9XB'],
      [2, '7KQ2-M9XG'],
    ] as const) {
      const r = await join(typo, i);
      typed.push(r.ok ? 'ok' : r.error.code);
    }
    expect(typed).toEqual(['wrong-code', 'wrong-code', 'wrong-code', 'rate-limited', 'rate-limited', 'rate-limited']);
    // Every device, the two included, joins with the code on the board.
    for (let i = 1; i < 30; i++) expect(await join(session.joinCode, i), seats[i]!.team).toMatchObject({ ok: true });
    // A guesser at the same address is held: a new code, or the right code of a class never joined from here.
    for (const code of ['ZZZZ-ZZZZ', other.joinCode]) {
      const r = await classroom.join({ code, team: 'Guess', seat: 'projector' }, 'school-nat');
      expect(!r.ok && r.error, code).toMatchObject({ code: 'rate-limited' });
    }
  });

  it('a class joins after its code was misprinted on the board, and after its desk opened at the school', async () => {
    const first = await classroom.createSession({ seed: SEED });
    if (!first.ok) throw new Error(first.error.message);
    // Thirty devices type the same wrong code before the teacher corrects it: one guess, not thirty.
    for (let i = 0; i < 30; i++)
      expect(await classroom.join({ code: 'MMMM-MMMM', team: `T${i}`, seat: 'projector' }, 'misprint')).toMatchObject({
        error: { code: 'wrong-code' },
      });
    expect(await classroom.join({ code: first.joinCode, team: 'T0', seat: 'projector' }, 'misprint')).toMatchObject({
      ok: true,
    });
    // The desk connecting from the school makes its code known there before any team has joined: a device typing
    // new wrong codes until the address is locked holds up no one of its class.
    const { session } = await sessionWithDesk({ seed: SEED });
    const desk = await classroom.authenticate({ desk: session.facilitatorSecret }, 'desk-school');
    expect(desk).toMatchObject({ kind: 'desk' });
    for (let i = 0; i < 5; i++) await classroom.join({ code: `CCCC-CCC${i}`, team: 'Pest', seat: 'us' }, 'desk-school');
    expect(await classroom.join({ code: 'CCCC-CCC9', team: 'Pest', seat: 'us' }, 'desk-school')).toMatchObject({
      error: { code: 'rate-limited' },
    });
    expect(await classroom.join({ code: session.joinCode, team: 'Owls', seat: 'us' }, 'desk-school')).toMatchObject({
      ok: true,
    });
  });

  it('students cannot lock the teacher’s desk: wrong desk secrets are refused and counted against nothing', async () => {
    const { session } = await sessionWithDesk({ seed: SEED });
    for (let i = 0; i < 50; i++)
      expect(await classroom.authenticate({ desk: `${'x'.repeat(40)}${i}` }, 'school-nat')).toMatchObject({
        error: { code: 'unauthorized' },
      });
    expect(await classroom.authenticate({ desk: session.facilitatorSecret }, 'school-nat')).toMatchObject({
      kind: 'desk',
      sessionId: session.sessionId,
    });
  });

  it('a seat the teacher frees for a team waits for that team: a device asking again and again cannot take it', async () => {
    const { session, desk } = await sessionWithDesk({ seed: SEED });
    const gameId = session.games[0]!.gameId;
    const join = (team: string, address: string) =>
      classroom.join({ code: session.joinCode, team, seat: 'iran', game: 1 }, address);
    expect((await join('Squatters', 'a')).ok).toBe(true);
    const asked = await join('Lions', 'b');
    expect(!asked.ok && asked.error.code).toBe('seat-taken');
    expect(await join('Lions', 'b')).toMatchObject({ ok: false });
    // One request per team, however often it asks.
    const overview = await classroom.overview(session.sessionId);
    expect(overview.requests.map((r) => r.team)).toEqual(['Lions']);

    const freed = await classroom.handle(desk, 'desk:release-seat', { gameId, seat: 'iran', keepFor: 'Lions' });
    expect(freed).toEqual({ ok: true, released: 1, heldUntil: now + LIMITS.seatHoldSeconds * 1000 });
    expect((await classroom.overview(session.sessionId)).games[0]).toMatchObject({
      seats: { iran: null },
      held: { us: null, iran: 'Lions' },
    });
    const again = await join('Squatters', 'a');
    expect(!again.ok && again.error).toMatchObject({ code: 'seat-held', path: 'seat' });
    // Without a game number the held seat is not offered to another team either.
    const anyGame = await classroom.join({ code: session.joinCode, team: 'Squatters', seat: 'iran' }, 'a');
    expect(!anyGame.ok && anyGame.error.code).toBe('seat-taken');
    const lions = await join('lions', 'b');
    expect(lions.ok && lions.team).toBe('lions');
    expect((await classroom.overview(session.sessionId)).games[0]!.held).toEqual({ us: null, iran: null });

    // Freed for a team that never comes: anyone may take it once the hold has run out.
    await classroom.handle(desk, 'desk:release-seat', { gameId, seat: 'iran', keepFor: 'Ghosts' });
    expect((await join('Tigers', 'c')).ok).toBe(false);
    now += LIMITS.seatHoldSeconds * 1000;
    expect((await join('Tigers', 'c')).ok).toBe(true);
    const bad = await classroom.handle(desk, 'desk:release-seat', { gameId, seat: 'iran', keepFor: ' ' });
    expect(!bad.ok && bad.error).toMatchObject({ code: 'bad-message', path: 'keepFor' });
  });

  it('a name that looks like another team’s in the class is refused; names in other scripts join as they are', async () => {
    const { session, desk } = await sessionWithDesk({ seed: SEED, games: 2 });
    const join = (team: string, seat: 'us' | 'iran' | 'projector', game?: number) =>
      classroom.join({ code: session.joinCode, team, seat, ...(game ? { game } : {}) }, 'school');
    expect((await join('Eagles', 'us', 1)).ok).toBe(true);
    const cases: { name: string; team: string; seat: 'us' | 'iran'; game: number }[] = [
      { name: 'a Greek capital Epsilon', team: 'Εagles', seat: 'iran', game: 1 },
      { name: 'Cyrillic "а" and "е"', team: 'Eаglеs', seat: 'us', game: 2 },
      { name: 'full-width letters', team: 'Ｅａｇｌｅｓ', seat: 'iran', game: 2 },
    ];
    for (const c of cases) {
      const r = await join(c.team, c.seat, c.game);
      expect(!r.ok && r.error, c.name).toMatchObject({ code: 'name-taken', path: 'team' });
      expect(!r.ok && r.error.message, c.name).toBe(
        `the name "${c.team}" is already taken by a team with a name that looks the same ("Eagles", game 1): choose another name`,
      );
    }
    // A name refused is no request for a seat: the desk is not asked.
    expect((await classroom.overview(session.sessionId)).requests).toEqual([]);
    // A class in Baghdad names its teams in Arabic: each name joins as typed, and two Arabic names are two teams.
    const arabic = await join('نسور', 'iran', 1);
    expect(arabic.ok && arabic.team).toBe('نسور');
    expect(await join('أسود', 'us', 2)).toMatchObject({ ok: true, team: 'أسود' });
    const lookalike = await join('ﻧﺴﻮﺭ', 'iran', 2); // the same letters in Arabic presentation forms
    expect(!lookalike.ok && lookalike.error.code).toBe('name-taken');
    // A seat the teacher keeps for a team counts as that team's name.
    const gameId2 = session.games[1]!.gameId;
    await classroom.handle(desk, 'desk:release-seat', { gameId: gameId2, seat: 'us', keepFor: 'Hawks' });
    const posing = await join('Ηawks', 'iran', 2); // a Greek capital Eta
    expect(!posing.ok && posing.error).toMatchObject({ code: 'name-taken', path: 'team' });
    expect((await join('Hawks', 'us', 2)).ok).toBe(true);
    // A class screen is no team: its name is not compared.
    expect((await join('Εagles', 'projector')).ok).toBe(true);
    // And a computer player's mark stays refused however it is spelled.
    const mark = await join('соmputer：measured', 'iran', 2);
    expect(!mark.ok && mark.error).toMatchObject({ code: 'bad-message', path: 'team' });
  });

  it('a team asking again and again for a taken seat waits, not its class; class screens are capped per game', async () => {
    const session = await classroom.createSession({ seed: SEED });
    if (!session.ok) throw new Error(session.error.message);
    const screen = (address: string) =>
      classroom.join({ code: session.joinCode, team: 'screen', seat: 'projector' }, address);
    for (let i = 0; i < LIMITS.projectorsPerGame; i++) expect((await screen(`room-${i}`)).ok).toBe(true);
    const full = await screen('room-x');
    expect(!full.ok && full.error).toMatchObject({ code: 'forbidden', path: 'seat' });
    expect(!full.ok && full.error.message).toContain(`${LIMITS.projectorsPerGame} class screens`);

    now += 61_000;
    // A device asking for a taken seat in a loop waits after JOINS_PER_MINUTE refusals; its class does not.
    const ask = () => classroom.join({ code: session.joinCode, team: 'loop', seat: 'us', game: 1 }, 'school');
    expect((await ask()).ok).toBe(true);
    for (let i = 0; i < 60; i++) expect(await ask()).toMatchObject({ ok: false, error: { code: 'seat-taken' } });
    const slowed = await ask();
    expect(!slowed.ok && slowed.error).toMatchObject({ code: 'rate-limited', retryAfterSeconds: 60 });
    expect(!slowed.ok && slowed.error.message).toContain('team "loop" has asked too often');
    // The same address: another team joins, and a third asking for the taken seat is told so and reaches the desk.
    expect((await classroom.join({ code: session.joinCode, team: 'b', seat: 'iran' }, 'school')).ok).toBe(true);
    const third = await classroom.join({ code: session.joinCode, team: 'c', seat: 'us', game: 1 }, 'school');
    expect(!third.ok && third.error.code).toBe('seat-taken');
    expect((await classroom.overview(session.sessionId)).requests.map((r) => r.team).sort()).toEqual(['c', 'loop']);
    now += 61_000;
    expect(await ask()).toMatchObject({ ok: false, error: { code: 'seat-taken' } });
  });

  it('injects to every game, refused once a team has committed; a ruling with no roll to rule on is refused', async () => {
    const { session, desk } = await sessionWithDesk({ seed: SEED, games: 2 });
    const us1 = await seatOf(await classroom.join({ code: session.joinCode, team: 'a', seat: 'us', game: 1 }, 'x'));
    const iran1 = await seatOf(await classroom.join({ code: session.joinCode, team: 'b', seat: 'iran', game: 1 }, 'x'));
    const inject = { type: 'written', template: 'protest', variant: 'small', title: 'Crowds', text: 'At the gate.' };
    const all = await classroom.handle(desk, 'desk:inject', { game: 'all', inject });
    expect(all).toEqual({ ok: true, games: session.games.map((g) => ({ gameId: g.gameId, ok: true })) });
    expect((await syncOf(us1)).news).toEqual([
      { turn: 1, events: [expect.objectContaining({ type: 'card', title: 'Crowds', released: 'written' })] },
    ]);
    expect(await classroom.handle(us1, 'commit', { turn: 1, commitId: 'u1', orders: [] })).toMatchObject({ ok: true });
    const late = await classroom.handle(desk, 'desk:inject', { game: us1.kind === 'seat' ? us1.gameId : '', inject });
    expect(late).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await classroom.handle(iran1, 'commit', { turn: 1, commitId: 'i1', orders: [] })).toMatchObject({
      ok: true,
    });
    const gameId = us1.kind === 'seat' ? us1.gameId : '';
    const ruling = await classroom.handle(desk, 'desk:ruling', {
      gameId,
      rulings: [{ type: 'strike-missed', strike: 999, reason: 'no such strike' }],
    });
    expect(ruling).toMatchObject({ ok: false, error: { code: 'refused' } });
    const replay = await classroom.handle(desk, 'desk:replay', { gameId });
    expect(replay.ok && replay.replay.turns[0]!.injects).toEqual([inject]);
  });

  it('a ruling resolves the week just played again, is recorded in the replay, and closes once the next week starts', async () => {
    const { session, desk } = await sessionWithDesk({ seed: SEED });
    const us = await seatOf(await classroom.join({ code: session.joinCode, team: 'a', seat: 'us' }, 'x'));
    const iran = await seatOf(await classroom.join({ code: session.joinCode, team: 'b', seat: 'iran' }, 'x'));
    const gameId = session.games[0]!.gameId;
    let attack: number | null = null;
    for (let week = 1; week <= 4 && attack === null; week++) {
      const rocket = (await syncOf(iran)).view.legalOrders.filter((o) => o.type === 'rocket-attack').slice(0, 1);
      expect(await classroom.handle(us, 'commit', { turn: week, commitId: `u${week}`, orders: [] })).toMatchObject({
        ok: true,
      });
      expect(
        await classroom.handle(iran, 'commit', { turn: week, commitId: `i${week}`, orders: rocket }),
      ).toMatchObject({
        ok: true,
      });
      const facilitator = await classroom.handle(desk, 'desk:view', { gameId });
      if (!facilitator.ok) throw new Error(facilitator.error.message);
      attack = facilitator.state.view.attacks.find((a) => a.turn === week)?.id ?? null;
    }
    expect(attack).not.toBeNull();
    const ruling = { type: 'attack-missed' as const, attack: attack!, reason: 'the rockets fell in the desert' };
    const ruled = await classroom.handle(desk, 'desk:ruling', { gameId, rulings: [ruling] });
    expect(ruled).toMatchObject({ ok: true });
    const after = await classroom.handle(desk, 'desk:view', { gameId });
    if (!after.ok) throw new Error(after.error.message);
    expect(after.state.view.history.at(-1)!.rulings).toEqual([ruling]);
    expect(after.state.news.at(-1)!.events).toContainEqual(expect.objectContaining({ type: 'ruling', ruling }));
    const week = after.state.view.turn;
    expect(await classroom.handle(us, 'commit', { turn: week, commitId: 'next', orders: [] })).toMatchObject({
      ok: true,
    });
    const late = await classroom.handle(desk, 'desk:ruling', { gameId, rulings: [] });
    expect(late).toMatchObject({ ok: false, error: { code: 'refused' } });
    const replay = await classroom.handle(desk, 'desk:replay', { gameId });
    if (!replay.ok) throw new Error(replay.error.message);
    expect(replay.replay.turns.at(-1)!.rulings).toEqual([ruling]);
    const verified = verifyReplay(scenario, replay.replay);
    expect(verified.ok).toBe(true);
  });

  it('an idle game leaves memory and comes back from the store at the same hash, its commits kept', async () => {
    const { session, desk } = await sessionWithDesk({ seed: SEED, preset: 'short' });
    const gameId = session.games[0]!.gameId;
    const us = await seatOf(await classroom.join({ code: session.joinCode, team: 'a', seat: 'us' }, 'x'));
    const iran = await seatOf(await classroom.join({ code: session.joinCode, team: 'b', seat: 'iran' }, 'x'));
    const orders = async (seat: Caller) => {
      const { view } = await syncOf(seat);
      const menu = view.legalOrders;
      return { turn: view.turn, orders: menu.length ? [menu[view.turn % menu.length]!] : [] };
    };
    for (let week = 1; week <= 2; week++) {
      const u = await orders(us);
      expect(await classroom.handle(us, 'commit', { ...u, commitId: `u${week}` })).toMatchObject({ ok: true });
      const i = await orders(iran);
      expect(await classroom.handle(iran, 'commit', { ...i, commitId: `i${week}` })).toMatchObject({ ok: true });
    }
    // Week 3: one side is in when the game goes idle.
    const u3 = await orders(us);
    const first = await classroom.handle(us, 'commit', { ...u3, commitId: 'u3' });
    if (!first.ok) throw new Error(first.error.message);
    const before = await classroom.handle(desk, 'desk:view', { gameId });
    if (!before.ok) throw new Error(before.error.message);

    now += 599_000;
    expect(classroom.evictIdle()).not.toContain(gameId); // not idle long enough yet
    now += 1_000;
    const loaded = classroom.loadedGames;
    expect(classroom.evictIdle()).toContain(gameId);
    expect(classroom.loadedGames).toBeLessThan(loaded);

    const after = await classroom.handle(desk, 'desk:view', { gameId });
    if (!after.ok) throw new Error(after.error.message);
    expect(after.state.hash).toBe(before.state.hash);
    expect(after.state.seq).toBe(before.state.seq);
    expect(after.state.view).toEqual(before.state.view);
    expect(after.state.seats).toEqual(before.state.seats);
    // A commit stored before the eviction is answered as stored; another one for that week is still refused.
    expect(await classroom.handle(us, 'commit', { ...u3, commitId: 'u3' })).toEqual({
      ok: true,
      seq: first.seq,
      dup: true,
    });
    expect(await classroom.handle(us, 'commit', { ...u3, commitId: 'other' })).toMatchObject({
      error: { code: 'already-committed' },
    });
    // Its id with other orders is a conflict, read from the stored log as from the first answer.
    expect(u3.orders).toHaveLength(1);
    expect(await classroom.handle(us, 'commit', { ...u3, orders: [], commitId: 'u3' })).toMatchObject({
      error: { code: 'commit-conflict' },
    });
    classroom.evictIdle(); // nothing is idle now: the game was just read
    expect(await classroom.handle(iran, 'commit', { ...(await orders(iran)), commitId: 'i3' })).toMatchObject({
      ok: true,
      dup: false,
    });
    const replay = await classroom.handle(desk, 'desk:replay', { gameId });
    if (!replay.ok) throw new Error(replay.error.message);
    expect(replay.replay.turns).toHaveLength(3);
    expect(verifyReplay(scenario, replay.replay).ok).toBe(true);
  });

  it("a sync with the stamp of the seat's state answers unchanged until a commit, the pause, the timer or a seat changes it", async () => {
    const { session, desk } = await sessionWithDesk({ seed: SEED });
    const us = await seatOf(await classroom.join({ code: session.joinCode, team: 'a', seat: 'us' }, 'x'));
    let held = await syncOf(us);
    const check = () => classroom.handle(us, 'sync', { unlessStamp: stateStamp(held) });
    expect(await check()).toEqual({ ok: true, unchanged: true });
    const changed = async (what: string) => {
      const r = await check();
      if (!r.ok || !('state' in r)) throw new Error(`${what}: the check did not bring the new state`);
      expect(stateStamp(r.state), what).not.toBe(stateStamp(held));
      held = r.state;
      expect(await check(), `${what}, checked again`).toEqual({ ok: true, unchanged: true });
    };
    const iran = await seatOf(await classroom.join({ code: session.joinCode, team: 'b', seat: 'iran' }, 'x'));
    await changed('a team took the other seat');
    expect(await classroom.handle(iran, 'commit', { turn: 1, commitId: 'i1', orders: [] })).toMatchObject({ ok: true });
    await changed("the other team's commit");
    expect(held.seq).toBeGreaterThan(0);
    expect(await classroom.handle(desk, 'desk:pause', {})).toMatchObject({ ok: true });
    await changed('the pause');
    expect(await classroom.handle(desk, 'desk:timer', { seconds: 300 })).toMatchObject({ ok: true });
    await changed('the timer');
    expect(await classroom.handle(us, 'sync', { unlessStamp: 'not a stamp' })).toMatchObject({ ok: true, state: {} });
  });

  it('everything stops working when the session ends: seats, the desk and the code', async () => {
    const session = await classroom.createSession({ seed: SEED });
    if (!session.ok) throw new Error(session.error.message);
    const joined = await classroom.join({ code: session.joinCode, team: 't', seat: 'us' }, 'x');
    if (!joined.ok) throw new Error(joined.error.message);
    const caller = await seatOf(joined);
    now += 2 * 3_600_000 + 1;
    expect(await classroom.authenticate({ token: joined.token })).toMatchObject({ error: { code: 'session-expired' } });
    expect(await classroom.authenticate({ desk: session.facilitatorSecret })).toMatchObject({
      error: { code: 'session-expired' },
    });
    expect(await classroom.join({ code: session.joinCode, team: 'u', seat: 'iran' }, 'x')).toMatchObject({
      error: { code: 'session-expired' },
    });
    // A connection opened before the end is refused from then on, too.
    expect(await classroom.handle(caller, 'commit', { turn: 1, commitId: 'c', orders: [] })).toMatchObject({
      error: { code: 'session-expired' },
    });
  });
});
