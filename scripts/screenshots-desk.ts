/**
 * Screenshots of the networked teacher's desk (`npm run screenshots:desk`), to screenshots/ or SHOTS_DIR: builds
 * the game, starts the classroom server on loopback serving it, plays a few weeks of a three-game class with bot
 * teams (src/net/client.ts, as the server tests do), then takes the desk at 1280x720 and 1920x1080, and a team's
 * screen (game 3's Iran team, after week 3: what changed and why) at 1280x720, 1366x768 and 1920x1080, and game 2's US
 * team's order form at the same sizes, after a week it played in the browser (the meters' changes in words): a key
 * base's hand-over chosen (its forecast) and the question asked before it is added.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { ClassroomClient } from '../src/net/client.ts';
import type { SeatState } from '../src/net/protocol.ts';
import { appReady, openBrowser } from '../tests/browser/support.ts';
import { connect, joinSeat, newSession, startServer, waitForState } from '../tests/server/harness.ts';

const OUT = process.env.SHOTS_DIR ?? 'screenshots';
const TEAMS = [
  ['Eagles', 'Lions'],
  ['Hawks', 'Cedars'],
  ['Owls', 'Falcons'],
] as const;

/** Each game's teams choose a little differently, so that the comparison has something to show. */
const pick = (s: SeatState, game: number) => {
  const menu = s.view.legalOrders;
  return menu.length === 0 || (s.view.turn + game) % 3 === 0 ? [] : [menu[(s.view.turn * 7 + game * 5) % menu.length]!];
};

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const distDir = mkdtempSync(join(tmpdir(), 'two-boxers-desk-shots-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'two-boxers-desk-data-'));
  await build({ logLevel: 'error', build: { outDir: distDir } });
  const server = await startServer({ DATA_DIR: dataDir, DIST_DIR: distDir });
  const clients: ClassroomClient[] = [];
  try {
    const session = await newSession(server.url, { games: 3 });
    const seats: [ClassroomClient, ClassroomClient][] = [];
    type Kept = { token: string; sessionId: string; gameId: string; game: number; seat: string; team: string };
    let team: Kept | null = null;
    let usTeam: Kept | null = null;
    for (const [i, [us, iran]] of TEAMS.entries()) {
      const a = await joinSeat(server.url, { code: session.joinCode, team: us, seat: 'us', game: i + 1 });
      const b = await joinSeat(server.url, { code: session.joinCode, team: iran, seat: 'iran', game: i + 1 });
      if (i === 2) team = b;
      if (i === 1) usTeam = a;
      seats.push([connect(server.url, { token: a.token }), connect(server.url, { token: b.token })]);
    }
    clients.push(...seats.flat());
    // Two weeks everywhere, a third in games 2 and 3, and game 1's US team has committed week 3.
    for (let week = 1; week <= 3; week++)
      for (const [i, [us, iran]] of seats.entries()) {
        const [u, r] = [
          await waitForState(us, (s) => s.view.turn === week),
          await waitForState(iran, (s) => s.view.turn === week),
        ];
        await us.commit(week, pick(u, i));
        if (week === 3 && i === 0) continue;
        await iran.commit(week, pick(r, i));
      }

    for (const size of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      const b = await openBrowser(size);
      try {
        await b.page.goto(`${server.url}/desk#${session.facilitatorSecret}`);
        await appReady(b.page);
        await b.page.waitForSelector('#desk-game');
        await b.page.waitForSelector('#desk-compare .comparison');
        await b.page.click('#desk-open-2');
        await b.page.waitForSelector('#desk-game[data-game="2"] #ruling-choice');
        await b.page.waitForTimeout(300);
        const name = (n: string) => join(OUT, `desk-${n}-${size.width}x${size.height}.png`);
        await b.page.screenshot({ path: name('top') });
        await b.page.locator('#desk-game').scrollIntoViewIfNeeded();
        await b.page.screenshot({ path: name('game') });
        await b.page.locator('#desk-compare').scrollIntoViewIfNeeded();
        await b.page.screenshot({ path: name('compare') });
        await b.page.screenshot({ path: name('full'), fullPage: true });
        for (const n of ['top', 'game', 'compare', 'full']) console.log(name(n));
        if (b.errors.length > 0) console.error(`console errors:\n${b.errors.join('\n')}`);
      } finally {
        await b.close();
      }
    }
    // The team's own screen: the bot's seat kept in the browser as a joined team's is (ui/net/seat-store.ts).
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const b = await openBrowser(size);
      try {
        await b.page.goto(`${server.url}/join`);
        await b.page.evaluate((kept) => localStorage.setItem('two-boxers:classroom-seat', JSON.stringify(kept)), team);
        await b.page.reload();
        await appReady(b.page);
        await b.page.waitForSelector('#why');
        await b.page.waitForTimeout(500);
        const name = join(OUT, `team-why-${size.width}x${size.height}.png`);
        await b.page.screenshot({ path: name });
        await b.page.locator('#why').scrollIntoViewIfNeeded();
        await b.page.screenshot({ path: name.replace('.png', '-scrolled.png') });
        console.log(name);
        if (b.errors.length > 0)
          console.error(`console errors:
${b.errors.join('\n')}`);
      } finally {
        await b.close();
      }
    }
    // Game 2's US team plays week 4 in the browser (it holds), so that the page has seen a week resolve.
    const b = await openBrowser({ width: 1280, height: 720 });
    try {
      const page = b.page;
      await page.goto(`${server.url}/join`);
      await page.evaluate((kept) => localStorage.setItem('two-boxers:classroom-seat', JSON.stringify(kept)), usTeam);
      await page.reload();
      await appReady(page);
      await page.waitForSelector('#net-commit:not([disabled])');
      await page.click('#net-commit');
      await page.waitForSelector('#net-waiting');
      const iran = seats[1]![1];
      await iran.commit(4, pick(await waitForState(iran, (s) => s.view.turn === 4), 1));
      await page.waitForFunction(() => /week 5 of/.test(document.querySelector('.net-title')?.textContent ?? ''));
      await page.waitForSelector('#net-commit:not([disabled])');
      await page.selectOption('#net-order-type', 'hand-over-base');
      const bases = await page.locator('#net-order-base option').count();
      for (let i = 0; i < bases; i++) {
        await page.selectOption('#net-order-base', { index: i });
        if ((await page.textContent('#net-forecast'))?.includes('key base')) break;
      }
      for (const size of [
        { width: 1280, height: 720 },
        { width: 1366, height: 768 },
        { width: 1920, height: 1080 },
      ]) {
        await page.setViewportSize(size);
        await page.waitForTimeout(400);
        const name = (n: string) => join(OUT, `team-${n}-${size.width}x${size.height}.png`);
        await page.screenshot({ path: name('forecast') });
        await page.click('#net-add');
        await page.waitForSelector('#stake-confirm');
        await page.locator('.stake-ask').scrollIntoViewIfNeeded();
        await page.screenshot({ path: name('ask') });
        await page.click('#stake-cancel');
        await page.locator('#net-order-type').scrollIntoViewIfNeeded();
        console.log(name('forecast'), name('ask'));
      }
      if (b.errors.length > 0) console.error(`console errors:\n${b.errors.join('\n')}`);
    } finally {
      await b.close();
    }
  } finally {
    for (const c of clients) c.close();
    await server.stop();
    rmSync(distDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
