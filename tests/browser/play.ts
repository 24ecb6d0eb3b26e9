import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { appReady } from './support.ts';

/** Keyboard-only steps through the browser game, shared by the game tests. */

const baseUrl = inject('baseUrl');

/** Presses Tab until the focused element matches, proving the control is reachable from the keyboard. */
export async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  const target = page.locator(selector).first();
  // A tab list is one stop of the Tab key (its chosen tab, a roving tabindex): Tab to it, then the arrows along it.
  if ((await target.getAttribute('role')) === 'tab' && (await target.getAttribute('tabindex')) === '-1') {
    await tabTo(page, '[role=tab][tabindex="0"]', max);
    for (let i = 0; i < 10; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('ArrowRight');
    }
    throw new Error(`could not reach ${selector} with the arrow keys along its tab list`);
  }
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${selector} with the Tab key`);
}

export async function activate(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector);
  await tabTo(page, selector);
  await page.keyboard.press('Enter');
}

export interface NewGame {
  side: 'us' | 'iran';
  hotseat?: boolean;
  seed: string;
}

/** Title → new game → briefing → first week, with the keyboard alone. */
export async function startGame(
  page: Page,
  game: NewGame,
  how: { replace?: boolean; keepTips?: boolean } = {},
): Promise<void> {
  // Replacing a game in progress starts from its title screen (the menu), and says yes when asked.
  if (!how.replace) {
    await page.goto(baseUrl);
    await appReady(page);
  }
  await activate(page, 'button:text("New game")');
  await page.waitForSelector('#setup-title');
  await tabTo(page, '#preset');
  await page.keyboard.press('ArrowDown'); // the short classroom game
  if (game.side === 'iran') {
    await tabTo(page, 'input[name=side]:checked');
    await page.keyboard.press('ArrowDown');
  }
  if (game.hotseat) {
    await tabTo(page, '#opponent');
    await page.keyboard.press('End');
  }
  await tabTo(page, '#seed');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(game.seed);
  await activate(page, 'button[type=submit]');
  if (how.replace) await activate(page, '#replace-game');
  await activate(page, 'button:text("Begin the first week")');
  if (how.keepTips) return;
  if (await page.isVisible('.coach')) await activate(page, '.coach button:text("Skip the tips")');
}

/** One side's orders for a week: the first order the menu offers, then commit. */
export async function giveOrders(page: Page): Promise<void> {
  if (await page.isVisible('#ready')) await activate(page, '#ready');
  await page.waitForSelector('#commit');
  if (await page.isEnabled('#add-order')) {
    await activate(page, '#add-order');
    // An order that risks a loss line or a key base asks first: these games give it anyway.
    const added = await page.waitForSelector('.chosen li:not(.empty), #stake-confirm');
    if ((await added.getAttribute('id')) === 'stake-confirm') {
      await activate(page, '#stake-confirm');
      await page.waitForSelector('.chosen li:not(.empty)');
    }
  }
  await activate(page, '#commit');
}

export async function fingerprint(page: Page): Promise<string> {
  if (!(await page.isVisible('#fingerprint'))) await activate(page, '#tab-log');
  return (await page.textContent('#fingerprint')) ?? '';
}
