import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../src/engine/index.ts';
import type { ClassroomClient } from '../../src/net/client.ts';
import type { SeatState } from '../../src/net/protocol.ts';
import { joinSeat, loadScenario, newSession, waitForState } from '../server/harness.ts';
import { classroomSuite } from './classroom-suite.ts';
import { violentChoice } from './escalated.ts';
import { appReady, type Browser } from './support.ts';

/**
 * The end of a networked game on the seats' screens: the projector and a team see the one-device end screen's
 * reveal (who really fired each attack) from the record the server gives once the game is over, and open the
 * debrief from it. The teams' orders come from the connection module (tests/server/harness.ts), the screens are
 * Chromium's. SHOTS_DIR=<folder> also photographs the end screens at 1280x720 and 1920x1080.
 */
const scenario = loadScenario();
const room = classroomSuite('net-end');

async function browser(): Promise<Browser> {
  const b = await room.browser();
  await b.page.emulateMedia({ reducedMotion: 'reduce' });
  return b;
}

/** Iran fires rockets whenever it may (so that there are attacks to reveal), the US answers with a strike now and then. */
function ordersFor(s: SeatState): Order[] {
  const menu = s.view.legalOrders;
  const wanted = s.view.seat === 'iran' ? 'rocket-attack' : s.view.turn % 3 === 2 ? 'strike-site' : null;
  const order = menu.find((o) => o.type === wanted);
  return order ? [order] : [];
}

async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(dir, `${name}-${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** A team's page holding a seat joined over HTTP, at its order form: the seat a test's client commits for. */
async function teamPage(seat: Awaited<ReturnType<typeof joinSeat>>): Promise<Browser> {
  const team = await browser();
  await team.page.goto(`${room.server.url}/join`);
  await team.page.evaluate((kept) => localStorage.setItem('two-boxers:classroom-seat', JSON.stringify(kept)), {
    token: seat.token,
    sessionId: seat.sessionId,
    gameId: seat.gameId,
    game: seat.game,
    seat: seat.seat,
    team: seat.team,
  });
  await team.page.reload();
  await appReady(team.page);
  await team.page.waitForSelector('#net-commit');
  return team;
}

/** Both clients of a game commit what `pick` chooses, week after week, until the game is over. */
async function playOut(us: ClassroomClient, iran: ClassroomClient, pick: (s: SeatState) => Order[]): Promise<void> {
  await Promise.all([us, iran].map((c) => waitForState(c, () => true)));
  while (us.state!.view.outcome === null) {
    const week = us.state!.view.turn;
    const [u, i] = await Promise.all([us, iran].map((c) => waitForState(c, (s) => s.view.turn === week)));
    const replies = await Promise.all([us.commit(week, pick(u!)), iran.commit(week, pick(i!))]);
    expect(replies.every((r) => r.ok)).toBe(true);
    await waitForState(us, (s) => s.view.turn > week || s.view.outcome !== null);
    expect(week).toBeLessThan(9);
  }
}

describe('the end of a networked game', () => {
  it('the projector and a team reveal who really fired, from the record given at the end, and open the debrief', async () => {
    const session = await newSession(room.server.url);
    const usSeat = await joinSeat(room.server.url, { code: session.joinCode, team: 'Eagles', seat: 'us' });
    const iranSeat = await joinSeat(room.server.url, { code: session.joinCode, team: 'Lions', seat: 'iran' });
    const us = room.client({ token: usSeat.token });
    const iran = room.client({ token: iranSeat.token });

    // The projector joins on its page; the US team's page holds the seat the US client commits for.
    const wall = await browser();
    await wall.page.goto(`${room.server.url}/join`);
    await appReady(wall.page);
    await wall.page.fill('#join-code', session.joinCode);
    await wall.page.fill('#join-team', 'Front screen');
    await wall.page.check('input[name=seat][value=projector]');
    await wall.page.click('#join-submit');
    await wall.page.waitForSelector('.net-teams');
    const team = await teamPage(usSeat);

    // While the game runs there is no way to the reveal.
    expect(await wall.page.locator('#net-end-button, .truth').count()).toBe(0);

    await playOut(us, iran, ordersFor);

    // The projector: the last week, then "See how it ended", the one-device end screen with the truth of each attack.
    await wall.page.waitForSelector('#net-over');
    await shoot(wall.page, 'projector-last-week');
    await wall.page.click('#net-end-button');
    await wall.page.waitForSelector('#net-end table.truth');
    const fired = await wall.page.locator('#net-end table.truth tbody td:nth-child(5)').allInnerTexts();
    expect(fired.length).toBeGreaterThan(0);
    const groups = scenario.iran.groups.map((g) => g.name);
    for (const who of fired) expect(who === 'Iran' || groups.some((g) => who.startsWith(g)), who).toBe(true);
    expect(await wall.page.locator('#net-end').innerText()).toContain('Who really fired');
    expect(await wall.page.locator('#fingerprint').innerText()).toBe(us.state!.hash);
    expect(await wall.page.locator('#net-end').innerText()).not.toContain('New game');
    await shoot(wall.page, 'projector-end');
    // The rest of the end screen (the strikes, the points, the way back) is a scroll of the wheel away.
    await wall.page.mouse.move(640, 400);
    await wall.page.mouse.wheel(0, 3000);
    await wall.page.waitForFunction(() => {
      const box = document.querySelector('#end-back')?.getBoundingClientRect();
      return box !== undefined && box.bottom > 0 && box.bottom <= innerHeight;
    });
    await shoot(wall.page, 'projector-end-scrolled');

    // The debrief of this game opens from its button, and comes back to the result, and to the last week's map.
    await wall.page.click('#debrief-button');
    await wall.page.waitForSelector('#debrief-title');
    expect(await wall.page.locator('.debrief').innerText()).toContain('What the US believed');
    await shoot(wall.page, 'projector-debrief');
    await wall.page.click('button:text("Back to the result")');
    await wall.page.waitForSelector('#net-end table.truth');
    await wall.page.click('#end-back');
    await wall.page.waitForSelector('#net-over');
    expect(await wall.page.locator('#net-end').isHidden()).toBe(true);
    expect(await wall.page.locator('.mapwrap').isVisible()).toBe(true);

    // A team's screen shows the same end, with the same truth.
    await team.page.waitForSelector('#net-over');
    await team.page.click('#net-end-button');
    await team.page.waitForSelector('#net-end table.truth');
    expect(await team.page.locator('#net-end table.truth tbody td:nth-child(5)').allInnerTexts()).toEqual(fired);
    await shoot(team.page, 'us-team-end');
    await team.page.click('#debrief-button');
    await team.page.waitForSelector('#debrief-title');

    // A pause after the end holds up nothing: the finished game's screens carry no pause banner.
    const desk = room.client({ desk: session.facilitatorSecret });
    const paused = await desk.request('desk:pause', {});
    expect(paused.ok).toBe(true);
    await waitForState(us, (s) => s.paused);
    await wall.page.waitForSelector('#net-over');
    await wall.page.waitForTimeout(300);
    expect(await wall.page.locator('.net-banner.paused').count()).toBe(0);

    // The teacher's desk still offers a ruling on the last week, and says it cannot reopen the game.
    const teacher = await browser();
    await teacher.page.goto(`${room.server.url}/desk#${session.facilitatorSecret}`);
    await teacher.page.waitForSelector('#desk-game #ruling-over');
    expect(await teacher.page.locator('#desk-game-title').innerText()).toContain('over in week');
    expect(await teacher.page.locator('#ruling-over').innerText()).toContain(
      'one that would let play go on is refused',
    );
  });

  it('a team that ends first is told the reveal waits for the class, and sees it without a reload when the last game ends', async () => {
    const session = await newSession(room.server.url, { games: 2 });
    const seatsOf = async (game: number) => {
      const [usSeat, iranSeat] = await Promise.all(
        (['us', 'iran'] as const).map((seat) =>
          joinSeat(room.server.url, { code: session.joinCode, team: `${seat} ${game}`, seat, game }),
        ),
      );
      return {
        usSeat: usSeat!,
        us: room.client({ token: usSeat!.token }),
        iran: room.client({ token: iranSeat!.token }),
      };
    };
    const first = await seatsOf(1);
    const second = await seatsOf(2);
    const playToEnd = ({ us, iran }: typeof first) => playOut(us, iran, ordersFor);

    const team = await teamPage(first.usSeat);

    // Game 1 is over while game 2 plays on the same dice: the page says why the reveal waits, and shows none of it.
    await playToEnd(first);
    await team.page.waitForSelector('#net-over');
    expect(await team.page.locator('#net-reveal-waits').innerText()).toContain('One game is still being played');
    await team.page.click('#net-end-button');
    const waiting = team.page.locator('#net-end-waiting');
    await waiting.waitFor();
    expect(await waiting.innerText()).toContain('every game of the class has ended');
    expect(await waiting.innerText()).toContain('same dice');
    expect(await team.page.locator('#net-end table.truth, #net-end .error').count()).toBe(0);

    // The last game ends: the reveal opens on the page as it stands, without a reload.
    await playToEnd(second);
    await team.page.waitForSelector('#net-end table.truth');
    expect(await team.page.locator('#net-end-waiting').count()).toBe(0);
    expect(await team.page.locator('#fingerprint').innerText()).toBe(first.us.state!.hash);
  });

  it("a war's debrief offers a team the what-if, as a one-device game in a new tab", async () => {
    const session = await newSession(room.server.url);
    const usSeat = await joinSeat(room.server.url, { code: session.joinCode, team: 'Eagles', seat: 'us' });
    const iranSeat = await joinSeat(room.server.url, { code: session.joinCode, team: 'Lions', seat: 'iran' });
    const us = room.client({ token: usSeat.token });
    const iran = room.client({ token: iranSeat.token });
    const team = await teamPage(usSeat);

    // Both teams fire all they can afford every week, until the crisis runs into war.
    await playOut(us, iran, (s) => violentChoice(scenario, s.view));
    const war = us.state!.view.outcome!;
    expect(war.result).toBe('shared-loss');

    await team.page.waitForSelector('#net-over');
    await team.page.click('#net-end-button');
    await team.page.click('#debrief-button');
    await team.page.waitForSelector('#what-if-box');
    const box = await team.page.locator('#what-if-box').innerText();
    expect(box).toContain(`The crisis became a war in week ${war.turn}`);
    expect(box).toContain('opens in a new tab on this device');
    const [tab] = await Promise.all([team.page.context().waitForEvent('page'), team.page.click('#what-if')]);
    await appReady(tab);
    // The week of the war, again, on the game's own page: a hotseat game at the first team's hand-over.
    expect(new URL(tab.url()).pathname).toBe('/');
    await tab.waitForSelector('#ready');
    await tab.click('#ready');
    await tab.waitForSelector('#commit');
    expect(await tab.textContent('.topbar .when')).toContain(`Week ${war.turn} of`);
    // The class's page is still the class's.
    expect(await team.page.locator('#what-if-box').isVisible()).toBe(true);
  });
});
