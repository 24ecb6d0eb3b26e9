import { describe, expect, it } from 'vitest';
import { findAi } from '../../src/ai/registry.ts';
import { aiDice } from '../../src/ai/simple.ts';
import { createGame, resolveTurn, submitOrders, verifyReplay, viewFor } from '../../src/engine/index.ts';
import type { ClassroomClient } from '../../src/net/client.ts';
import type { SeatState } from '../../src/net/protocol.ts';
import {
  connect,
  hashState,
  joinSeat,
  loadScenario,
  newSession,
  playWeek,
  type PlayRecord,
  replayHere,
  waitForState,
  serverForFile,
} from './harness.ts';

const scenario = loadScenario();
const server = serverForFile();

/** Every state a client receives, kept to look for what it must never see. */
function collect(client: ClassroomClient): SeatState[] {
  const seen: SeatState[] = [];
  client.on('state', (s) => seen.push(s));
  return seen;
}

describe('a class session on one server (SQLite)', () => {
  it('two teams and a projector play a whole game; each seat sees only its own orders', async () => {
    const session = await newSession(server.url);
    expect(session.joinCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const usSeat = await joinSeat(server.url, { code: session.joinCode, team: 'Eagles', seat: 'us' });
    // Typed as people type it: lower case, with an o for the zero.
    const typed = session.joinCode.toLowerCase().replace(/0/g, 'o');
    const iranSeat = await joinSeat(server.url, { code: typed, team: '<b>Lions</b>', seat: 'iran' });
    const projectorSeat = await joinSeat(server.url, { code: session.joinCode, team: 'Projector', seat: 'projector' });
    const us = connect(server.url, { token: usSeat.token });
    const iran = connect(server.url, { token: iranSeat.token });
    const projector = connect(server.url, { token: projectorSeat.token });
    const desk = connect(server.url, { desk: session.facilitatorSecret });
    server.track(us, iran, projector, desk);
    const seen = { us: collect(us), iran: collect(iran), projector: collect(projector) };
    await Promise.all([us, iran, projector].map((c) => waitForState(c, () => true)));
    expect(us.state!.seats).toEqual({ us: 'Eagles', iran: '<b>Lions</b>', projectors: 1 });

    const record: PlayRecord = { us: [], iran: [] };
    while (us.state!.view.outcome === null) await playWeek(us, iran, record);
    await waitForState(projector, (s) => s.view.outcome !== null);

    const here = replayHere(scenario, record);
    expect(here.outcome).not.toBeNull();
    expect(us.state!.hash).toBe(hashState(here)); // sent to the seats once the game is over
    const overview = await desk.request('desk:overview', {});
    expect(overview.ok && overview.overview.games[0]!.hash).toBe(hashState(here));
    expect(overview.ok && overview.overview.games[0]!.seats.iran).toBe('<b>Lions</b>');

    for (const s of seen.us) {
      expect(s.view.seat).toBe('us');
      if (s.view.outcome === null) expect(s.hash).toBeUndefined();
      for (const h of s.view.history) expect(h.orders.iran).toBeUndefined();
      expect(JSON.stringify(s)).not.toContain('"rng"');
    }
    for (const s of seen.iran) for (const h of s.view.history) expect(h.orders.us).toBeUndefined();
    for (const s of seen.projector) {
      expect(s.view.seat).toBe('public');
      expect(s.view.ownOrders).toBeNull();
      for (const h of s.view.history) expect(h.orders).toEqual({});
      for (const n of s.news) for (const e of n.events) expect(e.audience).toBe('all');
    }
    expect(seen.us.length).toBeGreaterThan(8);

    // The desk's replay of the game is the engine's, and it verifies.
    const replay = await desk.request('desk:replay', { gameId: usSeat.gameId });
    expect(replay.ok).toBe(true);
    if (!replay.ok) return;
    const verified = verifyReplay(scenario, replay.replay);
    expect(verified.ok && hashState(verified.value.state)).toBe(hashState(here));
  });

  it('a reload and a dropped network mid-week give the seat back, with its committed orders', async () => {
    const session = await newSession(server.url);
    const usSeat = await joinSeat(server.url, { code: session.joinCode, team: 'A', seat: 'us' });
    const iranSeat = await joinSeat(server.url, { code: session.joinCode, team: 'B', seat: 'iran' });
    const us = connect(server.url, { token: usSeat.token });
    const iran = connect(server.url, { token: iranSeat.token });
    server.track(us, iran);
    const record: PlayRecord = { us: [], iran: [] };
    await waitForState(us, () => true);
    await playWeek(us, iran, record);

    // Week 2: the US commits, then its network drops; Iran commits while it is away.
    const week = us.state!.view.turn;
    expect(week).toBe(2);
    const usOrders = us.state!.view.legalOrders.slice(0, 1);
    expect((await us.commit(week, usOrders)).ok).toBe(true);
    us.socket.io.engine.close();
    const iranOrders: never[] = [];
    expect((await iran.commit(week, iranOrders)).ok).toBe(true);
    record.us.push(usOrders);
    record.iran.push(iranOrders);
    const back = await waitForState(us, (s) => s.view.turn === 3);
    expect(back.view.history.at(-1)!.orders.us).toEqual(usOrders);

    // A reload: a new connection with the token the page kept.
    us.close();
    const reloaded = connect(server.url, { token: usSeat.token });
    server.track(reloaded);
    const state = await waitForState(reloaded, (s) => s.view.turn === 3);
    expect(state.team).toBe('A');
    expect(state.view.history.map((h) => h.orders.us)).toEqual(record.us);
    expect(state.view.submitted).toEqual({ us: false, iran: false });
  });

  it('the desk follows every game live: who has committed, the facilitator view, and its timer reaches every seat', async () => {
    const session = await newSession(server.url, { games: 2 });
    const desk = connect(server.url, { desk: session.facilitatorSecret });
    server.track(desk);
    const overviews: boolean[] = [];
    desk.on('overview', (o) => overviews.push(o.games[1]!.committed.us));
    const usSeat = await joinSeat(server.url, { code: session.joinCode, team: 'Second', seat: 'us', game: 2 });
    const us = connect(server.url, { token: usSeat.token });
    server.track(us);
    await waitForState(us, () => true);
    const deskState = new Promise<SeatState>((resolve) => {
      const off = desk.on('state', (s) => {
        if (s.seat === 'facilitator' && s.view.submitted.us) {
          off();
          resolve(s);
        }
      });
    });
    const watched = await desk.request('desk:watch', { gameId: session.games[1]!.gameId });
    expect(watched.ok && watched.state?.view.seat).toBe('facilitator');
    const orders = us.state!.view.legalOrders.slice(0, 1);
    expect(await us.commit(1, orders)).toMatchObject({ ok: true });
    const seen = await deskState;
    expect(seen.gameId).toBe(session.games[1]!.gameId);
    expect(seen.view.sealed).toEqual({ us: orders, iran: null });
    expect(seen.hash).toMatch(/^[0-9a-f]{14}$/);
    await expect.poll(() => overviews.at(-1)).toBe(true);

    const timer = await desk.request('desk:timer', { seconds: 120 });
    expect(timer.ok).toBe(true);
    const timed = await waitForState(us, (s) => s.timerEndsAt !== null);
    expect(timed.timerEndsAt! - timed.serverTime).toBeGreaterThan(110_000);
    expect(timed.timerEndsAt! - timed.serverTime).toBeLessThanOrEqual(120_000);
  });

  it('a side played by the computer: one team plays the whole game alone', async () => {
    const session = await newSession(server.url, { computer: { iran: 'opportunist' } });
    expect(session.games[0]!.players).toEqual({ us: 'team', iran: 'opportunist' });
    const refused = await joinSeat(server.url, { code: session.joinCode, team: 'X', seat: 'iran' }).catch(
      (e: Error) => e.message,
    );
    expect(refused).toBe('join iran: forbidden the computer plays Iran in this class session');
    const usSeat = await joinSeat(server.url, { code: session.joinCode, team: 'Solo', seat: 'us' });
    const us = connect(server.url, { token: usSeat.token });
    server.track(us);
    let s = await waitForState(us, () => true);
    expect(s.seats.iran).toBe('computer: opportunist');
    while (s.view.outcome === null) {
      const week = s.view.turn;
      const r = await us.commit(week, []);
      expect(r.ok).toBe(true);
      s = await waitForState(us, (x) => x.view.turn > week || x.view.outcome !== null);
    }
    expect(s.view.history.length).toBeGreaterThan(0);
    expect(s.view.history.every((h) => h.orders.iran === undefined)).toBe(true);
  });

  it('a searching computer player decides on the AI thread exactly as it would in-process', async () => {
    const ai = 'strategist:easy';
    const session = await newSession(server.url, { computer: { iran: ai } });
    const usSeat = await joinSeat(server.url, { code: session.joinCode, team: 'Solo', seat: 'us' });
    const us = connect(server.url, { token: usSeat.token });
    server.track(us);
    let s = await waitForState(us, () => true);
    for (let week = 1; week <= 3; week++) {
      const menu = s.view.legalOrders;
      expect((await us.commit(week, week === 2 ? [] : [menu[(week * 5) % menu.length]!])).ok).toBe(true);
      s = await waitForState(us, (x) => x.view.turn > week || x.view.outcome !== null, 60_000);
    }
    const desk = connect(server.url, { desk: session.facilitatorSecret });
    server.track(desk);
    const replay = await desk.request('desk:replay', { gameId: usSeat.gameId });
    if (!replay.ok) throw new Error(replay.error.message);
    // The same game played here, the strategist deciding on this thread from the same view and dice.
    const created = createGame(scenario, replay.replay.seed, { preset: 'short' });
    if (!created.ok) throw new Error('no game');
    let state = created.value;
    expect(replay.replay.turns).toHaveLength(3);
    for (const turn of replay.replay.turns) {
      const withUs = submitOrders(scenario, state, 'us', turn.us);
      if (!withUs.ok) throw new Error('us orders');
      const decision = findAi('iran', ai)!.policy(
        scenario,
        viewFor(scenario, withUs.value, 'iran'),
        aiDice(replay.replay.seed, ai, state.turn),
      );
      const withIran = submitOrders(scenario, withUs.value, 'iran', decision.orders);
      if (!withIran.ok) throw new Error('iran orders');
      expect(turn.iran).toEqual(withIran.value.submitted.iran);
      const resolved = resolveTurn(scenario, withIran.value, []);
      if (!resolved.ok) throw new Error('resolve');
      state = resolved.value.state;
    }
  }, 60_000);
});
