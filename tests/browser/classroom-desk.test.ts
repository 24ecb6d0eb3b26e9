import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hashState, verifyReplay } from '../../src/engine/index.ts';
import { type ClassroomClient, joinClass } from '../../src/net/client.ts';
import type { SeatState } from '../../src/net/protocol.ts';
import { joinSeat, loadScenario, newSession, waitForState } from '../server/harness.ts';
import { classroomSuite } from './classroom-suite.ts';
import { appReady } from './support.ts';

/**
 * The networked teacher's desk in the browser against a real server (bot teams from src/net/client.ts), and a team's
 * page through a network that drops: a TCP relay between the browser and the server that the test cuts and restores.
 */
const scenario = loadScenario();
const room = classroomSuite('desk-ui');
const browser = () => room.browser();
const bot = (token: string): ClassroomClient => room.client({ token });

/** Both bots of a game commit these orders for the week and see the next one. */
async function week(
  us: ClassroomClient,
  iran: ClassroomClient,
  pick: (s: SeatState) => SeatState['view']['legalOrders'],
) {
  const w = (await waitForState(us, () => true)).view.turn;
  const [u, i] = [await waitForState(us, (s) => s.view.turn === w), await waitForState(iran, (s) => s.view.turn === w)];
  expect(await us.commit(w, pick(u))).toMatchObject({ ok: true });
  expect(await iran.commit(w, pick(i))).toMatchObject({ ok: true });
  await waitForState(us, (s) => s.view.turn > w);
}

const rocket = (s: SeatState) => s.view.legalOrders.filter((o) => o.type === 'rocket-attack').slice(0, 1);
const hold = () => [];

/** A relay from a loopback port to the server: `drop` cuts every connection and refuses new ones until `restore`. */
async function relay(target: number): Promise<{ port: number; drop(): Promise<void>; restore(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const handle = (down: Socket) => {
    const up = tcpConnect(target, '127.0.0.1');
    for (const s of [down, up]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        sockets.delete(s);
        down.destroy();
        up.destroy();
      });
    }
    down.pipe(up);
    up.pipe(down);
  };
  const listen = (port: number) =>
    new Promise<Server>((resolve) => {
      const s = createServer(handle);
      s.listen(port, '127.0.0.1', () => resolve(s));
    });
  let listening = await listen(0);
  const port = (listening.address() as { port: number }).port;
  return {
    port,
    drop: async () => {
      await new Promise<void>((resolve) => {
        listening.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    restore: async () => {
      listening = await listen(port);
    },
  };
}

const weekShown = async (page: Page): Promise<number> => {
  const m = /week (\d+) of/.exec(await page.locator('.net-title').innerText());
  return m ? Number(m[1]) : 0;
};

describe('the networked teacher’s desk and a team through a dropped network', () => {
  it('shows the class code, rules on a roll, releases a written inject to every game, and compares the games live', async () => {
    const session = await newSession(room.server.url, { games: 2 });
    const seats = [];
    for (const [i, names] of [
      ['Eagles', 'Lions'],
      ['Hawks', 'Cedars'],
    ].entries()) {
      const us = await joinSeat(room.server.url, { code: session.joinCode, team: names[0]!, seat: 'us', game: i + 1 });
      const iran = await joinSeat(room.server.url, {
        code: session.joinCode,
        team: names[1]!,
        seat: 'iran',
        game: i + 1,
      });
      seats.push([bot(us.token), bot(iran.token)] as const);
    }
    const [g1, g2] = seats as [(typeof seats)[0], (typeof seats)[0]];
    const b = await browser();
    const desk = b.page;
    await desk.goto(`${room.server.url}/desk#${session.facilitatorSecret}`);
    await appReady(desk);
    await desk.waitForSelector('#desk-join-code');
    expect(await desk.locator('#desk-join-code').innerText()).toBe(session.joinCode);
    // The comparison reads the games after the page opens: it says so, then that no week has been played.
    await desk.waitForSelector('#desk-compare-note:has-text("No week has been played yet")');

    // Week 1: game 1's Iran fires a rocket, game 2 holds. The comparison appears with the teams' names.
    await week(g1[0], g1[1], (s) => (s.seat === 'iran' ? rocket(s) : []));
    await week(g2[0], g2[1], hold);
    await desk.waitForSelector('#desk-compare .comparison');
    const heads = await desk.locator('#desk-compare table.side-by-side thead th').allInnerTexts();
    expect(heads).toEqual(['', 'Game 1 (Eagles / Lions), not finished', 'Game 2 (Hawks / Cedars), not finished']);
    expect(await desk.locator('#desk-compare table.side-by-side tbody tr').first().innerText()).toContain(
      'not finished',
    );
    expect(await desk.locator('#desk-compare .orders-grid tbody tr').count()).toBe(1);

    // The desk follows game 1 (the first) and rules that US intelligence names no one for the rocket: the US team
    // is told why; Iran, who never saw the US's attribution, is not.
    await desk.waitForSelector('#desk-game[data-game="1"] #ruling-choice');
    const option = desk.locator('#ruling-choice option', { hasText: 'US intelligence names no one' }).first();
    await desk.selectOption('#ruling-choice', (await option.getAttribute('value'))!);
    await desk.fill('#ruling-reason', 'the evidence was thin');
    await desk.click('#ruling-apply');
    await desk.waitForSelector('#rulings-standing li');
    expect(await desk.locator('#desk-game-message').innerText()).toBe('Ruled: US intelligence names no one.');
    const told = await waitForState(g1[0], (s) =>
      s.news.some((n) => n.events.some((e) => e.type === 'ruling' && e.ruling.reason === 'the evidence was thin')),
    );
    expect(told.view.attacks[0]).toMatchObject({ suspect: null });
    expect(g1[1].state!.news.some((n) => n.events.some((e) => e.type === 'ruling'))).toBe(false);

    // A written inject to every game: free words, effects from the template's strength.
    await desk.selectOption('#inject-template', 'protest');
    await desk.selectOption('#inject-variant', 'large');
    await desk.fill('#inject-title', 'Students march on the Green Zone');
    await desk.selectOption('#inject-target', 'all');
    await desk.click('#release-written');
    await desk.waitForFunction(() =>
      /Game 2: released/.test(document.querySelector('#desk-game-message')?.textContent ?? ''),
    );
    expect(await desk.locator('#desk-game-message').innerText()).toBe('Game 1: released. Game 2: released.');
    for (const [us] of [g1, g2]) {
      const seen = await waitForState(us, (s) =>
        s.news.some((n) => n.events.some((e) => e.type === 'card' && e.title === 'Students march on the Green Zone')),
      );
      expect(seen.view.turn).toBe(2);
    }

    // A team commits: the ruling and the inject close for that week, and say why.
    expect(await g1[0].commit(2, [])).toMatchObject({ ok: true });
    await desk.waitForSelector('#ruling-closed');
    await desk.waitForSelector('#inject-closed');
    // Week 2 resolves in both games: the comparison gains its second week without a reload.
    expect(await g1[1].commit(2, [])).toMatchObject({ ok: true });
    await week(g2[0], g2[1], hold);
    await desk.waitForFunction(() => document.querySelectorAll('#desk-compare .orders-grid tbody tr').length === 2);
    // The desk switches to game 2's secrets.
    await desk.click('#desk-open-2');
    await desk.waitForSelector('#desk-game[data-game="2"]');
    expect(await desk.locator('#desk-game-title').innerText()).toContain('Hawks');
  });

  it('keeps the desk through a reload, out of the address bar, and opens the link pasted again into the same tab', async () => {
    const first = await newSession(room.server.url);
    const second = await newSession(room.server.url);
    const b = await browser();
    const desk = b.page;
    await desk.goto(`${room.server.url}/desk#${first.facilitatorSecret}`);
    await appReady(desk);
    await desk.waitForSelector('#desk-join-code');
    // The secret leaves the address bar, where a projector or a screen share would show it.
    expect(new URL(desk.url()).hash).toBe('');
    await desk.reload();
    await appReady(desk);
    await desk.waitForSelector('#desk-join-code, #desk-refused');
    expect(await desk.locator('#desk-join-code').innerText()).toBe(first.joinCode);
    // Another desk link in the same tab: only the fragment changes, so the page does not reload; the desk follows it.
    await desk.goto(`${room.server.url}/desk#${second.facilitatorSecret}`);
    await desk.waitForFunction(
      (code) => document.querySelector('#desk-join-code')?.textContent === code,
      second.joinCode,
    );
    expect(new URL(desk.url()).hash).toBe('');
    await desk.reload();
    await appReady(desk);
    await desk.waitForSelector('#desk-join-code, #desk-refused');
    expect(await desk.locator('#desk-join-code').innerText()).toBe(second.joinCode);
    // A new tab has no desk until it is given the link.
    const other = await b.context.newPage();
    await other.goto(`${room.server.url}/desk`);
    await appReady(other);
    await other.waitForSelector('#desk-refused');
  });

  it('the desk’s timer is the week’s: it goes when the week’s results come in; the minutes box keeps its value', async () => {
    const session = await newSession(room.server.url);
    const us = bot((await joinSeat(room.server.url, { code: session.joinCode, team: 'Eagles', seat: 'us' })).token);
    const iran = bot((await joinSeat(room.server.url, { code: session.joinCode, team: 'Lions', seat: 'iran' })).token);
    const b = await browser();
    const desk = b.page;
    await desk.goto(`${room.server.url}/desk#${session.facilitatorSecret}`);
    await appReady(desk);
    await desk.waitForSelector('#desk-games tr[data-game="1"]');
    await desk.fill('#desk-minutes', '2');
    await desk.click('#desk-timer-set');
    await desk.waitForFunction(() => /^[12]:\d\d left$/.test(document.querySelector('#desk-timer')?.textContent ?? ''));
    expect((await waitForState(us, (s) => s.timerEndsAt !== null)).view.turn).toBe(1);
    await week(us, iran, hold);
    expect((await waitForState(us, (s) => s.view.turn === 2)).timerEndsAt).toBeNull();
    await desk.waitForFunction(() => document.querySelector('#desk-timer')?.textContent === '');
    await desk.reload();
    await appReady(desk);
    await desk.waitForSelector('#desk-games tr[data-game="1"]');
    expect(await desk.inputValue('#desk-minutes')).toBe('2');
  });

  it('keeps its status current: teams named as they join, who is connected, requests dismissed, old notices gone, the end', async () => {
    const session = await newSession(room.server.url);
    const b = await browser();
    const desk = b.page;
    await desk.goto(`${room.server.url}/desk#${session.facilitatorSecret}`);
    await appReady(desk);
    await desk.waitForSelector('#desk-game-title');
    expect(await desk.locator('#desk-game-title').innerText()).toContain('no team yet (Coalition)');
    const usSeat = await joinSeat(room.server.url, { code: session.joinCode, team: 'Eagles', seat: 'us' });
    const iranSeat = await joinSeat(room.server.url, { code: session.joinCode, team: 'Lions', seat: 'iran' });
    // The heading names the teams as they join, before anyone commits.
    await desk.waitForFunction(() =>
      /Eagles \(Coalition\) and Lions \(Iran\)/.test(document.querySelector('#desk-game-title')?.textContent ?? ''),
    );
    const row = desk.locator('#desk-games tr[data-game="1"]');
    // Joined, with no page open on the seat yet.
    await desk.waitForSelector('#desk-games .side-us .seat-offline');
    const us = bot(usSeat.token);
    let iran = bot(iranSeat.token);
    await desk.waitForFunction(() => document.querySelectorAll('#desk-games .seat-online').length === 2);
    // Iran's page closes: the desk says so.
    iran.close();
    await desk.waitForSelector('#desk-games .side-iran .seat-offline');
    expect(await row.locator('.side-iran').innerText()).toContain('not connected');
    iran = bot(iranSeat.token);
    await desk.waitForFunction(() => document.querySelectorAll('#desk-games .seat-online').length === 2);

    // A team asks for a taken seat; the teacher dismisses the request and the seat stays.
    expect(
      await joinClass(room.server.url, { code: session.joinCode, team: 'Hawks', seat: 'us', game: 1 }),
    ).toMatchObject({
      ok: false,
    });
    await desk.waitForSelector('#desk-requests li');
    await desk.click('#desk-requests button.dismiss-request');
    await desk.waitForFunction(() => document.querySelector('#desk-requests li') === null);
    expect(await row.locator('.side-us .team-name').innerText()).toBe('Eagles');

    // An inject's notice belongs to its week: it goes when the next week begins.
    await desk.selectOption('#inject-template', 'protest');
    await desk.selectOption('#inject-variant', 'small');
    await desk.fill('#inject-title', 'Crowds at the gate');
    await desk.click('#release-written');
    await desk.waitForFunction(() => document.querySelector('#desk-game-message')?.textContent === 'Game 1: released.');
    await week(us, iran, hold);
    await desk.waitForFunction(() => /week 2 of/.test(document.querySelector('#desk-game-title')?.textContent ?? ''));
    expect(await desk.locator('#desk-game-message').innerText()).toBe('');

    // To the end: nobody is "deciding" any more, and the result reads at the table's size.
    while (us.state!.view.turn < us.state!.view.lastTurn) await week(us, iran, hold);
    const last = us.state!.view.turn;
    await waitForState(iran, (s) => s.view.turn === last);
    expect(await us.commit(last, [])).toMatchObject({ ok: true });
    expect(await iran.commit(last, [])).toMatchObject({ ok: true });
    await waitForState(us, (s) => s.view.outcome !== null);
    await desk.waitForSelector('#desk-games .result');
    expect(await row.innerText()).not.toContain('deciding');
    const sizes = await row.evaluate((tr) => {
      const px = (el: Element | null) => Number.parseFloat(getComputedStyle(el!).fontSize);
      return { result: px(tr.querySelector('.result')), cell: px(tr.querySelector('td')) };
    });
    expect(sizes.result).toBe(sizes.cell);
  });

  it('gives a taken seat to the team that asked for it: the seat waits for that team, not for whoever asks first', async () => {
    const session = await newSession(room.server.url, { games: 1 });
    await joinSeat(room.server.url, { code: session.joinCode, team: 'Squatters', seat: 'us' });
    const asked = await joinClass(room.server.url, { code: session.joinCode, team: 'Eagles', seat: 'us', game: 1 });
    expect(!asked.ok && asked.error.code).toBe('seat-taken');
    const b = await browser();
    const desk = b.page;
    await desk.goto(`${room.server.url}/desk#${session.facilitatorSecret}`);
    await appReady(desk);
    await desk.waitForSelector('#desk-requests li');
    expect(await desk.locator('#desk-requests li').innerText()).toContain('Eagles asks for the');
    const asks: string[] = [];
    desk.on('dialog', (d) => {
      asks.push(d.message());
      void d.accept();
    });
    await desk.click('#desk-requests button.give-seat');
    await desk.waitForFunction(() =>
      /kept for Eagles/.test(document.querySelector('#desk-message')?.textContent ?? ''),
    );
    // The line stays until the next action, so it carries the time it was written.
    expect(await desk.locator('#desk-message').innerText()).toMatch(/^\d{1,2}:\d{2}( [AP]M)?: .*kept for Eagles/);
    expect(asks[0]).toContain('for 10 minutes only Eagles can take it');
    await desk.waitForSelector('#desk-games .held-for');
    expect(await desk.locator('#desk-games .held-for').innerText()).toContain('Kept for Eagles');
    expect(await desk.locator('#desk-requests li').count()).toBe(0);

    const again = await joinClass(room.server.url, { code: session.joinCode, team: 'Squatters', seat: 'us', game: 1 });
    expect(!again.ok && again.error.code).toBe('seat-held');
    expect((await joinClass(room.server.url, { code: session.joinCode, team: 'Eagles', seat: 'us', game: 1 })).ok).toBe(
      true,
    );
    await desk.waitForFunction(() => document.querySelector('#desk-games .held-for') === null);
    expect(await desk.locator('#desk-games').innerText()).toContain('Eagles');
  });

  it('a team’s page survives a network drop mid-week: its commit goes once, at the same state as the server', async () => {
    const session = await newSession(room.server.url);
    const gameId = session.games[0]!.gameId;
    const net = await relay(room.server.port);
    const origin = `http://127.0.0.1:${net.port}`;
    const iran = bot((await joinSeat(room.server.url, { code: session.joinCode, team: 'Lions', seat: 'iran' })).token);
    const deskBot = room.client({ desk: session.facilitatorSecret });
    const b = await browser();
    const page = b.page;
    await page.goto(`${origin}/join`);
    await appReady(page);
    await page.fill('#join-code', session.joinCode);
    await page.fill('#join-team', 'Eagles');
    await page.check('input[name=seat][value=us]');
    await page.click('#join-submit');
    await page.waitForSelector('#net-commit:not([disabled])');
    await page.click('#net-commit');
    await waitForState(iran, (s) => s.view.turn === 1);
    expect(await iran.commit(1, [])).toMatchObject({ ok: true });
    await page.waitForFunction(() => /week 2 of/.test(document.querySelector('.net-title')?.textContent ?? ''));

    // The network goes: the page says so. Its team commits anyway, and the other team commits meanwhile.
    room.allowErrors(
      /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|WebSocket connection to .* failed|Failed to load resource/,
    );
    await net.drop();
    await page.waitForSelector('#net-connection[data-kind="reconnecting"]');
    await page.waitForSelector('#net-commit:not([disabled])');
    await page.click('#net-commit');
    await waitForState(iran, (s) => s.view.turn === 2);
    expect(await iran.commit(2, [])).toMatchObject({ ok: true });
    expect(await weekShown(page)).toBe(2);

    // The network comes back: the page reconnects, its commit is delivered, and the week resolves.
    await net.restore();
    await page.waitForFunction(() => /week 3 of/.test(document.querySelector('.net-title')?.textContent ?? ''), null, {
      timeout: 30_000,
    });
    expect(await page.locator('#net-connection').getAttribute('data-kind')).toBe('connected');
    // The server holds each side's orders once per week (orders, orders, resolve: three log entries a week), and its
    // record replays to the hash the desk is shown: the page is at that same state.
    const overview = await deskBot.request('desk:overview', {});
    if (!overview.ok) throw new Error(overview.error.message);
    const g = overview.overview.games[0]!;
    expect([g.turn, g.seq]).toEqual([3, 6]);
    const replay = await deskBot.request('desk:replay', { gameId });
    if (!replay.ok) throw new Error(replay.error.message);
    expect(replay.replay.turns.map((t) => [t.us, t.iran])).toEqual([
      [[], []],
      [[], []],
    ]);
    const verified = verifyReplay(scenario, replay.replay);
    expect(verified.ok && hashState(verified.value.state)).toBe(g.hash);
    const view = await deskBot.request('desk:view', { gameId });
    expect(view.ok && view.state.seq).toBe(g.seq);
  });

  it('the desk’s timer counts down on the team’s page, says when time is up, commits nothing, and clears', async () => {
    const session = await newSession(room.server.url);
    const b = await browser();
    const page = b.page;
    await page.goto(`${room.server.url}/join`);
    await appReady(page);
    await page.fill('#join-code', session.joinCode);
    await page.fill('#join-team', 'Eagles');
    await page.check('input[name=seat][value=us]');
    await page.click('#join-submit');
    await page.waitForSelector('#net-commit');
    const desk = await b.context.newPage();
    await desk.goto(`${room.server.url}/desk#${session.facilitatorSecret}`);
    await appReady(desk);
    await desk.waitForSelector('#desk-games tr[data-game="1"]');
    await desk.fill('#desk-minutes', '0.05'); // three seconds
    await desk.click('#desk-timer-set');
    await page.waitForFunction(() =>
      /^Time left: 0:0[1-3]$/.test(document.querySelector('#net-timer')?.textContent ?? ''),
    );
    await desk.waitForFunction(() => /left$/.test(document.querySelector('#desk-timer')?.textContent ?? ''));
    await page.waitForFunction(() => document.querySelector('#net-timer')?.textContent === 'Time is up');
    expect(await page.locator('#net-timer.up').count()).toBe(1);
    // Advice only: the team's form is still open and nothing was committed for it.
    expect(await page.locator('#net-commit').isDisabled()).toBe(false);
    await desk.waitForFunction(() => !document.querySelector('#desk-games tr[data-game="1"] .side-us .committed'));
    await desk.click('button:text("Clear")');
    await page.waitForFunction(() => document.querySelector('#net-timer')?.textContent === '');
  });
});
