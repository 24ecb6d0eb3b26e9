import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createClassSession } from '../../src/net/client.ts';
import type { CreateSessionReply } from '../../src/net/protocol.ts';
import { classroomSuite } from './classroom-suite.ts';
import { appReady } from './support.ts';

/**
 * The classroom pages (/join, /desk) against a real server process on loopback serving the built game: each team
 * in its own browser profile, a projector, and the teacher's desk.
 */
// A refused join (a wrong code, a taken seat, a look-alike name) is the protocol's answer, 200 with the reason, and
// logs nothing; an address that must wait is answered 429, which Chromium logs: the test that guesses codes asks for
// it. Also one the page does not cause: a refused handshake closes the connection while socket.io-client is still
// probing its WebSocket upgrade, so the close waits for the probe and the long-poll loop sends one more GET; when the
// close packet reaches the server first, that GET is answered 400 "Session ID unknown" (engine.io), about 1 time in 3.
const expectedRefusal = new RegExp(
  [
    'Failed to load resource: the server responded with a status of 429',
    'status of 400 \\(Bad Request\\) http://127\\.0\\.0\\.1:\\d+/socket\\.io/\\?EIO=4&transport=polling&t=[^&]+&sid=',
  ].join('|'),
);
// Few wrong codes per window, so that the rate limit is reached quickly (right codes never count).
const room = classroomSuite('net-ui', { env: { JOIN_FAILURES: '3' }, expected: expectedRefusal });
const browser = () => room.browser();

async function newClass(): Promise<Extract<CreateSessionReply, { ok: true }>> {
  const reply = await createClassSession(room.server.url, { preset: 'short', games: 1 });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply;
}

async function joinAs(page: Page, code: string, team: string, seat: 'us' | 'iran' | 'projector'): Promise<void> {
  await page.goto(`${room.server.url}/join`);
  await appReady(page);
  await page.fill('#join-code', code);
  await page.fill('#join-team', team);
  await page.check(`input[name=seat][value=${seat}]`);
  await page.click('#join-submit');
}

const weekShown = async (page: Page): Promise<number> => {
  const m = /week (\d+) of/.exec(await page.locator('.net-title').innerText());
  return m ? Number(m[1]) : 0;
};

/** Waits until the page shows this week's order form (or the end of the game); returns false once it is over. */
async function orderFormFor(page: Page, week: number): Promise<boolean> {
  await page.waitForFunction(
    (w) =>
      document.querySelector('#net-over') !== null ||
      (document.querySelector('#net-commit:not([disabled])') !== null &&
        new RegExp(`week ${w} of`).test(document.querySelector('.net-title')?.textContent ?? '')),
    week,
  );
  return (await page.locator('#net-over').count()) === 0;
}

describe('the classroom in the browser, against a real server', () => {
  it('two teams and a projector play a whole short game; a reload mid-week keeps the seat; the desk pauses', async () => {
    const session = await newClass();
    const us = await browser();
    const iran = await browser();
    const wall = await browser();
    const markup = '<img src=x onerror=hacked=1>Eagles'; // within the 40 characters of a name
    await joinAs(us.page, session.joinCode.toLowerCase(), markup, 'us');
    await joinAs(iran.page, session.joinCode, 'Lions', 'iran');
    await joinAs(wall.page, session.joinCode, 'Front screen', 'projector');
    await us.page.waitForSelector('#net-commit');
    await iran.page.waitForSelector('#net-commit');
    await wall.page.waitForSelector('.net-teams');

    // The team name is text wherever it shows: no element made from it, no script run.
    expect(await us.page.locator('.net-title').innerText()).toContain(markup);
    await wall.page.waitForFunction((m) => document.body.innerText.includes(m), markup);
    for (const page of [us.page, wall.page]) {
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
    }
    // The projector takes no orders and sees no side's own meters.
    expect(await wall.page.locator('#net-commit').count()).toBe(0);
    expect(await wall.page.locator('.dash').innerText()).not.toContain('Political capital');

    // The desk pauses everyone: the teams' order forms lock and say why; resuming unlocks them.
    const desk = await wall.context.newPage();
    await desk.goto(`${room.server.url}/desk#${session.facilitatorSecret}`);
    await desk.waitForSelector('#desk-games tr[data-game="1"]');
    expect(desk.url()).not.toContain(session.facilitatorSecret); // the secret leaves the address bar
    await desk.click('#desk-pause');
    await us.page.waitForSelector('.net-banner.paused');
    expect(await us.page.locator('#net-commit').isDisabled()).toBe(true);
    await desk.click('#desk-resume');
    await us.page.waitForSelector('#net-commit:not([disabled])');
    expect(await us.page.locator('.net-banner.paused').count()).toBe(0);

    let week = 1;
    let ordersGiven = 0;
    while (await orderFormFor(us.page, week)) {
      if (week === 2) {
        // Week 1's what changed and why, from the seat's own ledger, above the news; the projector's from the public's.
        for (const page of [us.page, wall.page]) {
          await page.waitForSelector('#why');
          expect(await page.locator('#why h3').innerText()).toBe('What changed and why');
          expect(await page.locator('#why .why-ladder, #why .why-figures li, #why .note').count()).toBeGreaterThan(0);
        }
        expect(await us.page.locator('#why + #net-news, #why ~ #net-news').count()).toBe(1);
        // A meter focused says why it last moved, from the same ledgers (some figure always moves in week 1).
        const causes: string[] = [];
        for (const meter of await us.page.locator('.dash .meter').all()) {
          await meter.focus();
          causes.push(await us.page.locator('#meter-why').innerText());
        }
        expect(causes.some((c) => c.includes('Last moved in week 1'))).toBe(true);
      }
      if (week === 1) {
        // One real order in the first week: the menu is the view's legal orders.
        await us.page.click('#net-add');
        expect(await us.page.locator('#net-draft li').count()).toBe(1);
        ordersGiven++;
      }
      await us.page.click('#net-commit');
      await us.page.waitForSelector('#net-waiting');
      if (week === 2) {
        // A reload mid-week: the seat comes back from localStorage, with its orders sealed and nothing to redo.
        await us.page.reload();
        await appReady(us.page);
        await us.page.waitForSelector('#net-waiting');
        expect(await weekShown(us.page)).toBe(2);
        expect(await us.page.locator('.net-title').innerText()).toContain(markup);
        expect(await us.page.locator('#join-code').count()).toBe(0);
        await us.page.waitForSelector('#why'); // the ledgers come back with the seat's sync
      }
      // The desk sees who has committed.
      await desk.waitForFunction(() => document.querySelector('#desk-games tr[data-game="1"] .side-us .committed'));
      expect(await orderFormFor(iran.page, week)).toBe(true);
      await iran.page.click('#net-commit');
      week++;
      expect(week).toBeLessThanOrEqual(9);
    }
    expect(ordersGiven).toBe(1);
    // Everyone reaches the end: the teams, the projector, and the desk's overview.
    for (const page of [us.page, iran.page, wall.page]) await page.waitForSelector('#net-over');
    await desk.waitForFunction(() =>
      /over \(week \d+\)/.test(document.querySelector('#desk-games')?.textContent ?? ''),
    );
    expect(await wall.page.locator('#net-news li').count()).toBeGreaterThan(0);
  });

  // Before the test that makes this address guess codes until it must wait: a refused name is no wrong code.
  it('a team name is refused with the reason: one that would not print as typed before it is sent, a look-alike by the server', async () => {
    const session = await newClass();
    const team = await browser();
    // A right-to-left override would show the name backwards on the projector and the desk.
    await joinAs(team.page, session.joinCode, 'Eagles\u202E', 'us');
    await team.page.waitForSelector('#join-message .error');
    expect(await team.page.locator('#join-message').innerText()).toContain('invisible formatting characters');
    await joinAs(team.page, session.joinCode, 'computer：measured', 'us'); // a full-width colon
    await team.page.waitForFunction(() =>
      document.querySelector('#join-message')?.textContent?.includes('computer players'),
    );
    await team.page.fill('#join-team', 'Eagles');
    await team.page.click('#join-submit');
    await team.page.waitForSelector('#net-commit');
    // Another team under a name that prints the same (a Greek capital Epsilon) is told so, and joins under its own.
    const other = await browser();
    await joinAs(other.page, session.joinCode, 'Εagles', 'iran');
    await other.page.waitForSelector('#join-message .error');
    expect(await other.page.locator('#join-message').innerText()).toContain('has a name that looks the same');
    await other.page.fill('#join-team', 'نسور'); // Arabic, as typed
    await other.page.click('#join-submit');
    await other.page.waitForSelector('#net-commit');
    // Set apart (bdi), so that its direction does not turn the words around it.
    expect(await other.page.locator('.net-title bdi').innerText()).toBe('نسور');
  });

  it('a taken seat asks the teacher, a wrong code is told as such, and guessing is rate-limited', async () => {
    const session = await newClass();
    const first = await browser();
    const second = await browser();
    await joinAs(first.page, session.joinCode, 'Owls', 'us');
    await first.page.waitForSelector('#net-commit');
    await joinAs(second.page, session.joinCode, 'Hawks', 'us');
    await second.page.waitForSelector('#join-message .error');
    expect(await second.page.locator('#join-message').innerText()).toContain('Your teacher has been asked');

    const desk = await first.context.newPage();
    await desk.goto(`${room.server.url}/desk#${session.facilitatorSecret}`);
    await desk.waitForSelector('#desk-requests li');
    expect(await desk.locator('#desk-requests').innerText()).toContain('Hawks');

    // The teacher frees the seat: the team holding it is sent back to the join page and told why; the other joins.
    desk.on('dialog', (d) => void d.accept());
    await desk.click('#desk-games tr[data-game="1"] .side-us button');
    await first.page.waitForSelector('#join-message .error');
    expect(await first.page.locator('#join-message').innerText()).toContain('Your teacher has freed this seat');
    await second.page.click('#join-submit');
    await second.page.waitForSelector('#net-commit');
    expect(await second.page.locator('.net-title').innerText()).toContain('Hawks');
    await desk.waitForFunction(() => document.querySelectorAll('#desk-requests li').length === 0);

    // Wrong codes (on the page the freed team was sent back to): told plainly, then refused for a while once this
    // address has guessed too often.
    await first.page.fill('#join-team', 'Owls');
    const messages: string[] = [];
    for (let i = 0; i < 4; i++) {
      await first.page.fill('#join-code', `ZZZZ-ZZZ${i}`);
      await first.page.click('#join-submit');
      await first.page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#join-submit')?.disabled);
      messages.push(await first.page.locator('#join-message').innerText());
    }
    expect(messages[0]).toContain('No class has that code');
    expect(messages[3]).toContain('Too many tries to join');
  });

  it('the desk opens only with the teacher’s secret', async () => {
    await newClass();
    const team = await browser();
    await team.page.goto(`${room.server.url}/desk`);
    await appReady(team.page);
    expect(await team.page.locator('#desk-refused').innerText()).toContain('needs the teacher’s desk link');
    // A new page: going to the same address with another fragment would not load it again.
    const guess = await team.context.newPage();
    await guess.goto(`${room.server.url}/desk#${'x'.repeat(40)}`);
    await appReady(guess);
    await guess.waitForSelector('#desk-refused');
    expect(await guess.locator('#desk-refused').innerText()).toContain('not valid');
    expect(await guess.locator('#desk-pause, #desk-games tr').count()).toBe(0);
  });
});
