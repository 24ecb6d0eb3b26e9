import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { activate, startGame, tabTo } from './play.ts';
import { appReady, browsersPerTest } from './support.ts';

const baseUrl = inject('baseUrl');
const browser = browsersPerTest();
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('the keyboard on the turn screen', () => {
  it('keeps the focus where the next order is chosen after adding one, then on Commit once the week is full', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', seed: '404' });
    await activate(page, '#add-order');
    await page.waitForSelector('.chosen li:not(.empty)');
    expect(await focused(page)).toBe('order-type');
    // The second order is a few Tabs away, not the whole panel's.
    let presses = 0;
    while ((await focused(page)) !== 'add-order' && presses < 8) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await focused(page)).toBe('add-order');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.chosen li:nth-child(2)');
    expect(await focused(page)).toBe('commit');
  });

  it('moves along the panel tabs with the arrow keys, Home and End, and chooses with Enter (WAI-ARIA tabs)', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', seed: '404' });
    // One stop of the Tab key: only the chosen tab is in the Tab order.
    const stops = await page
      .locator('[role=tab]')
      .evaluateAll((els) => els.map((e) => `${e.id}:${(e as HTMLElement).tabIndex}`));
    expect(stops).toEqual(['tab-orders:0', 'tab-intel:-1', 'tab-news:-1', 'tab-log:-1', 'tab-sites:-1']);
    await page.focus('#tab-orders');
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('tab-intel');
    expect(await page.getAttribute('#tab-orders', 'aria-selected')).toBe('true'); // moving is not choosing
    await page.keyboard.press('End');
    expect(await focused(page)).toBe('tab-sites');
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('tab-orders'); // wraps
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toBe('tab-sites');
    await page.keyboard.press('Home');
    expect(await focused(page)).toBe('tab-orders');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#tab-news', 'aria-selected')).toBe('true');
    expect(await focused(page)).toBe('tab-news');
    expect(await page.getAttribute('#tab-news', 'tabindex')).toBe('0');
    expect(await page.getAttribute('#tab-orders', 'tabindex')).toBe('-1');
    // Tab leaves the list for what follows it, not the next tab.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).not.toBe('tab');
  });
});

describe('the new game’s opponent', () => {
  it('keeps the opponent across a change of side when the other side has it, says so when it cannot', async () => {
    const { page } = await browser();
    await page.goto(baseUrl);
    await appReady(page);
    await activate(page, 'button:text("New game")');
    await page.waitForSelector('#setup-title');
    const side = async (s: 'us' | 'iran') => {
      await tabTo(page, 'input[name=side]:checked');
      await page.keyboard.press(s === 'iran' ? 'ArrowDown' : 'ArrowUp');
    };
    for (const kept of ['hotseat', 'strategist:hard']) {
      await page.selectOption('#opponent', kept);
      await side('iran');
      expect(await page.inputValue('#opponent')).toBe(kept);
      await side('us');
      expect(await page.inputValue('#opponent')).toBe(kept);
      expect(await page.textContent('#opponent-changed')).toBe('');
    }
    await page.selectOption('#opponent', 'harasser');
    await side('iran');
    expect(await page.inputValue('#opponent')).toBe('measured');
    expect(await page.textContent('#opponent-changed')).toMatch(
      /Deniable harasser plays only the Iran side, now yours: your opponent is now Computer: Measured/,
    );

    // The top bar names the computer player the game is against.
    await page.selectOption('#opponent', 'strategist:hard');
    await page.fill('#seed', '404');
    await activate(page, 'button[type=submit]');
    await activate(page, 'button:text("Begin the first week")');
    await page.waitForSelector('.topbar');
    expect(await page.textContent('#whose-screen')).toMatch(/^You: .* · against Strategist \(hard\)$/);
  });
});
