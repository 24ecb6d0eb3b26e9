/**
 * Saves a screenshot of every screen to screenshots/ (git-ignored), or to the folder SHOTS_DIR names, to look at
 * the game as a player would: `npm run screenshots`. Builds the game, serves it on loopback, and drives it like the
 * browser tests do. The screens whose layout depends on the size are taken again at 1280x720, 1366x768 and 1920x1080.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build, preview } from 'vite';
import { escalatedGame } from '../tests/browser/escalated.ts';
import { appReady, openBrowser } from '../tests/browser/support.ts';

const OUT = process.env.SHOTS_DIR ?? 'screenshots';

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`${OUT}/${name}.png`);
}

async function click(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.click(selector);
}

/** Commits the week's orders and skips to the results, then continues. */
async function playWeek(page: Page): Promise<void> {
  await click(page, '#commit');
  const skip = page.locator('button:text("Skip the animation")');
  if (await skip.isVisible()) await skip.click().catch(() => undefined);
  await click(page, '#continue');
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const outDir = mkdtempSync(join(tmpdir(), 'two-boxers-shots-'));
  await build({ logLevel: 'error', build: { outDir } });
  const server = await preview({ logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('no preview URL');
  const b = await openBrowser();
  const page = b.page;
  try {
    await page.goto(url);
    await appReady(page);
    await shot(page, '01-title');
    await click(page, 'button:text("New game")');
    await page.fill('#seed', '42');
    await shot(page, '02-new-game');
    await click(page, 'button[type=submit]');
    await shot(page, '03-briefing');
    await click(page, 'button:text("Begin the first week")');
    await page.waitForSelector('.coach');
    await shot(page, '04-first-turn-tips');
    await click(page, '.coach button:text("Skip the tips")');
    await page.selectOption('#order-type', 'strike-site');
    await shot(page, '05-orders-forecast');
    await click(page, '#add-order');
    await page.selectOption('#order-type', 'surge-isr');
    await click(page, '#add-order');
    await page.click('details summary');
    await shot(page, '06-orders-chosen-advisors');
    await click(page, '#commit');
    await page.waitForTimeout(1200);
    await shot(page, '07-resolution-animating');
    await click(page, 'button:text("Skip the animation")');
    await page.waitForSelector('#continue');
    await shot(page, '08-results');
    await click(page, '#continue');
    for (let i = 0; i < 3; i++) await playWeek(page);
    await click(page, '#tab-intel');
    await shot(page, '09-intelligence');
    await click(page, '#tab-log');
    await shot(page, '10-log');
    await click(page, '#tab-sites');
    await page.hover('.sites button:nth-child(3)');
    await shot(page, '11-places-tooltip');
    await click(page, '#share-button');
    await shot(page, '12-share-link');
    await click(page, '#share-close');
    await click(page, 'button:text("Rules")');
    await shot(page, '13-rules');
    await click(page, 'button:text("Back")');
    while (!(await page.isVisible('h2:text("The game is over")'))) {
      await click(page, '#tab-orders');
      await playWeek(page);
    }
    await shot(page, '14-end');
    await page.evaluate(() => localStorage.clear());
    await page.goto(url);
    await appReady(page);
    await click(page, 'button:text("New game")');
    await page.selectOption('#opponent', 'hotseat');
    await click(page, 'button[type=submit]');
    await click(page, 'button:text("Begin the first week")');
    await page.waitForSelector('#ready');
    await shot(page, '15-hotseat-handover');
    await page.setViewportSize({ width: 1366, height: 768 });
    await click(page, '#ready');
    if (await page.isVisible('.coach')) await click(page, '.coach button:text("Skip the tips")');
    await shot(page, '16-chromebook-1366x768');
    // A classroom game: the class screen, the facilitator's desk, an inject, a ruling.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.evaluate(() => localStorage.clear());
    await page.goto(url);
    await appReady(page);
    await click(page, 'button:text("New game")');
    await page.selectOption('#preset', 'short');
    await page.selectOption('#opponent', 'hotseat');
    await page.check('#classroom');
    await page.fill('#seed', '31');
    await page.fill('#desk-pin', '2468');
    await shot(page, '17-new-classroom-game');
    await click(page, 'button[type=submit]');
    await click(page, 'button:text("Begin the first week")');
    await page.waitForSelector('#team-orders');
    await shot(page, '18-class-screen');
    await click(page, '#desk-button');
    await page.fill('#desk-pin-entry', '2468');
    await shot(page, '19-desk-warning');
    await click(page, '#desk-open');
    await page.selectOption('#inject-template', 'protest');
    await page.fill('#inject-title', 'Students march on the embassy');
    await shot(page, '20-desk');
    await click(page, '#release-written');
    await click(page, '#desk-close');
    await click(page, '#team-orders');
    await click(page, '#ready');
    await page.selectOption('#order-type', 'surge-isr');
    await click(page, '#add-order');
    await shot(page, '21-team-orders-with-clock');
    await click(page, '#commit');
    await click(page, '#ready');
    await page.selectOption('#order-type', 'rocket-attack');
    await click(page, '#add-order');
    await click(page, '#commit');
    const skipClass = page.locator('button:text("Skip the animation")');
    if (await skipClass.isVisible()) await skipClass.click().catch(() => undefined);
    await page.waitForSelector('#continue');
    await shot(page, '22-class-screen-results');
    await click(page, '#desk-button');
    await page.fill('#desk-pin-entry', '2468');
    await click(page, '#desk-open');
    await page.locator('#desk-ruling').scrollIntoViewIfNeeded();
    await shot(page, '23-desk-ruling');
    if (b.errors.length > 0) console.error(`console errors:\n${b.errors.join('\n')}`);
    // A crisis high on the ladder (rung 11 or more, a hotseat game both sides pushed there): the ladder's line gives
    // the odds of an incident nobody ordered, and what lowers them.
    const high = `${url}#g=${(await escalatedGame(11)).toShareCode()}`;
    for (const size of SIZES) await atSize(url, size, high);
  } finally {
    await b.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/**
 * The screens issue 13 changed, at one size, in a fresh browser: the title, the first-game tips (the fourth sits
 * by the commit button, low on a short screen), the turn screen, the question before a game in progress is
 * replaced, the hotseat hand-over wall after the first side's orders, and a crisis high on the ladder (`high`, a
 * share link), whose line gives the odds of an incident.
 */
async function atSize(url: string, size: { width: number; height: number }, high: string): Promise<void> {
  const b = await openBrowser(size);
  const page = b.page;
  const name = (n: string) => `${n}-${size.width}x${size.height}`;
  try {
    await page.goto(url);
    await appReady(page);
    await shot(page, name('s1-title'));
    await click(page, 'button:text("New game")');
    await page.fill('#seed', '42');
    await click(page, 'button[type=submit]');
    await click(page, 'button:text("Begin the first week")');
    await page.waitForSelector('.coach');
    for (let i = 1; i < 4; i++) await click(page, '.coach button:text("Next tip")');
    await shot(page, name('s2-tip-4'));
    await click(page, '.coach button:text("Start playing")');
    await page.selectOption('#order-type', 'strike-site');
    await click(page, '#add-order');
    await shot(page, name('s3-turn'));
    await click(page, '#commit');
    const skip = page.locator('button:text("Skip the animation")');
    if (await skip.isVisible()) await skip.click().catch(() => undefined);
    await page.waitForSelector('#continue');
    await shot(page, name('s3b-why-it-moved'));
    await page.focus('.meter[data-meter="politicalCapital"]');
    await shot(page, name('s3c-meter-causes'));
    await click(page, 'button:text("Menu")');
    await click(page, 'button:text("New game")');
    await page.selectOption('#opponent', 'hotseat');
    await click(page, 'button[type=submit]');
    await page.waitForSelector('#replace-game');
    await shot(page, name('s4-replace-question'));
    await click(page, '#replace-game');
    await click(page, 'button:text("Begin the first week")');
    await click(page, '#ready');
    await page.selectOption('#order-type', 'strike-site');
    await click(page, '#add-order');
    await click(page, '#commit');
    await page.waitForSelector('#ready');
    await shot(page, name('s5-handover-wall'));
    await click(page, '.handover-wall summary');
    await shot(page, name('s6-handover-briefing'));
    // The game in progress is replaced by the shared one (asked first, as a player would be).
    await page.goto(high);
    await appReady(page);
    const first = await page.waitForSelector('#replace-game, #ready');
    if ((await first.getAttribute('id')) === 'replace-game') await click(page, '#replace-game');
    await click(page, '#ready');
    await page.waitForSelector('#ladder-odds');
    await page.mouse.move(0, 0); // no site's tooltip from where #ready was pressed
    await shot(page, name('s7-ladder-incident-odds'));
    if (b.errors.length > 0) console.error(`console errors at ${size.width}x${size.height}:\n${b.errors.join('\n')}`);
  } finally {
    await b.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
