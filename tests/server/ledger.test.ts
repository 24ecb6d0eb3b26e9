import { describe, expect, it } from 'vitest';
import { type Ledger, type Seat, viewLedger } from '../../src/engine/index.ts';
import type { ClassroomClient } from '../../src/net/client.ts';
import type { SeatState } from '../../src/net/protocol.ts';
import { connect, joinSeat, newSession, playWeek, type PlayRecord, waitForState, serverForFile } from './harness.ts';

/**
 * Why each figure moved, over the wire: each seat is sent the engine's ledger as that seat may see it (viewLedger),
 * never the facilitator's, with the newest week's on every push and every week's on a sync.
 */
const server = serverForFile();

/** Every state pushed to a client as the server sent it (before the client carries older ledgers over). */
function pushed(client: ClassroomClient): SeatState[] {
  const seen: SeatState[] = [];
  client.socket.on('state', (s) => seen.push(s));
  return seen;
}

const attackAuthors = (ledger: Ledger) =>
  ledger.flatMap((l) => l.parts).filter((p) => p.cause.kind === 'attack' && 'group' in p.cause).length;

describe('each seat gets its own ledger view', () => {
  it('two teams and a projector: every week’s ledger is viewLedger of the facilitator’s for that seat, and no more', async () => {
    const session = await newSession(server.url);
    const seat = async (s: 'us' | 'iran' | 'projector') => {
      const joined = await joinSeat(server.url, { code: session.joinCode, team: `t-${s}`, seat: s });
      const c = connect(server.url, { token: joined.token });
      server.track(c);
      return { client: c, raw: pushed(c), engine: (s === 'projector' ? 'public' : s) as Seat };
    };
    const seats = [await seat('us'), await seat('iran'), await seat('projector')];
    const [us, iran] = seats.map((s) => s.client) as [ClassroomClient, ClassroomClient];
    const desk = connect(server.url, { desk: session.facilitatorSecret });
    server.track(desk);
    await Promise.all(seats.map((s) => waitForState(s.client, () => true)));
    const record: PlayRecord = { us: [], iran: [] };
    while (us.state!.view.outcome === null) await playWeek(us, iran, record);
    const last = us.state!.seq;
    await Promise.all(seats.map((s) => waitForState(s.client, (x) => x.seq >= last)));

    const full = await desk.request('desk:view', { gameId: session.games[0]!.gameId });
    if (!full.ok) throw new Error(full.error.message);
    const weeks = full.state.news.filter((n) => n.ledger);
    expect(weeks.length).toBe(record.us.length);
    let hidden = 0;
    for (const { client, raw, engine } of seats) {
      // What the client holds: every week, each ledger exactly the seat's view of the facilitator's.
      const held = client.state!.news;
      for (const week of weeks) {
        const mine = held.find((n) => n.turn === week.turn)!;
        expect(mine.ledger, `${engine} week ${week.turn}`).toEqual(viewLedger(week.ledger!, engine));
        expect(mine.injectLedger, `${engine} week ${week.turn}`).toEqual(viewLedger(week.injectLedger!, engine));
        if (JSON.stringify(mine.ledger) !== JSON.stringify(week.ledger)) hidden++;
      }
      // What the server pushed: the newest resolved week's ledger only, and only ever this seat's view of it.
      for (const s of raw) {
        const resolved = s.news.filter((n) => n.events.length > 0 || n.ledger);
        for (const n of s.news) {
          if (!n.ledger) continue;
          const truth = weeks.find((w) => w.turn === n.turn)!;
          expect(n.ledger).toEqual(viewLedger(truth.ledger!, engine));
          if (engine !== 'iran') expect(attackAuthors(n.ledger)).toBe(0);
          if (engine === 'public') expect(n.ledger.some((l) => l.only !== undefined)).toBe(false);
        }
        expect(s.news.filter((n) => n.ledger).length).toBeLessThanOrEqual(1);
        if (resolved.length > 0 && s.news.at(-1)!.ledger === undefined) expect(s.news.at(-1)!.turn).toBe(s.view.turn); // only the injects of the week being ordered lack one
      }
    }
    // The seats' views differ from the facilitator's somewhere: the test looked at something hidden.
    expect(hidden).toBeGreaterThan(0);

    // A new connection's sync brings every week's ledger back.
    const again = connect(server.url, {
      token: (await joinSeat(server.url, { code: session.joinCode, team: 'p2', seat: 'projector' })).token,
    });
    server.track(again);
    const synced = await waitForState(again, () => true);
    expect(synced.news.filter((n) => n.ledger).map((n) => n.turn)).toEqual(weeks.map((w) => w.turn));
  }, 120_000);
});
