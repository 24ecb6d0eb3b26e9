import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { activate, fingerprint, giveOrders, startGame } from './play.ts';
import { appReady, browsersPerTest } from './support.ts';

const baseUrl = inject('baseUrl');
const browser = browsersPerTest();

/** The first week's tips show (a frame late) once the first hotseat player has taken the device, in a fresh browser. */
async function skipTips(page: Page): Promise<void> {
  await page.waitForSelector('.coach');
  await activate(page, '.coach button:text("Skip the tips")');
}

/** Whether the page behind the hand-over wall is shut to every means of reaching it. */
const behindWall = (page: Page) =>
  page.evaluate(() =>
    ['.topbar', '#main'].map((sel) => {
      const el = document.querySelector<HTMLElement>(sel)!;
      return { sel, inert: el.inert, hidden: el.getAttribute('aria-hidden') };
    }),
  );

describe('a hotseat game at one device', () => {
  it('says honestly that its briefing page shows both sides’ briefings, which hold no secret', async () => {
    const { page } = await browser();
    await page.goto(baseUrl);
    await appReady(page);
    await activate(page, 'button:text("New game")');
    await page.selectOption('#opponent', 'hotseat');
    await activate(page, 'button[type=submit]');
    await page.waitForSelector('#briefing-both');
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/reads only their own/);
    expect(await page.textContent('#briefing-both')).toMatch(/neither holds a secret/);
    expect(await page.locator('.briefing').count()).toBe(2);
  });

  it('shows the week’s starting fingerprint while the first side’s orders are sealed', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', hotseat: true, seed: '2020' });
    await activate(page, '#ready');
    await skipTips(page);
    const before = await fingerprint(page);
    await activate(page, '#tab-orders');
    await giveOrders(page); // the first order the menu offers, sealed
    await activate(page, '#ready'); // Iran's player now
    await page.waitForSelector('#commit');
    expect(await fingerprint(page)).toBe(before);
    expect(await page.textContent('#panel')).toMatch(/fingerprint at the start of week 1/);
  });

  it('makes the page behind the hand-over wall inert, and only while the wall shows', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', hotseat: true, seed: '2020' });
    await page.waitForSelector('.handover-wall');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#main')?.inert === true);
    expect(await behindWall(page)).toEqual([
      { sel: '.topbar', inert: true, hidden: 'true' },
      { sel: '#main', inert: true, hidden: 'true' },
    ]);
    await activate(page, '#ready');
    await page.waitForSelector('#commit');
    expect(await behindWall(page)).toEqual([
      { sel: '.topbar', inert: false, hidden: null },
      { sel: '#main', inert: false, hidden: null },
    ]);
    // The focus went where the orders begin (the first week's tips first): the wall came down before it moved.
    await skipTips(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('order-type');
  });

  it('says on the hand-over screen that a reload dropped the sealed orders, and only then', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', hotseat: true, seed: '2020' });
    await page.reload();
    await appReady(page);
    await page.waitForSelector('#ready');
    expect(await page.locator('#handover-dropped').count()).toBe(0); // nothing was sealed
    await giveOrders(page);
    await page.waitForSelector('#ready');
    await page.reload();
    await appReady(page);
    await page.waitForSelector('#ready');
    expect(await page.textContent('#handover-title')).toMatch(/Coalition/);
    expect(await page.textContent('#handover-dropped')).toMatch(
      /Coalition player’s orders for week 1, sealed before the page was reloaded, were not kept/,
    );
    await giveOrders(page); // given again: Iran's hand-over says nothing of it
    await page.waitForSelector('#ready');
    expect(await page.textContent('#handover-title')).toMatch(/Iran/);
    expect(await page.locator('#handover-dropped').count()).toBe(0);
  });

  it('shows the week’s results again after a reload on them, and says the week resolves as it plays', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', hotseat: true, seed: '2020' });
    await giveOrders(page);
    // Every text the bar's "whose screen" shows from here on.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => seen.push(document.querySelector('#whose-screen')?.textContent ?? '')).observe(
        document.body,
        { subtree: true, childList: true, characterData: true },
      );
    });
    await giveOrders(page);
    await page.waitForSelector('#continue');
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen).toContain('Shared screen: week 1 resolves');
    expect(seen.at(-1)).toBe('Shared screen');
    const results = await page.locator('#panel').innerText();
    await page.reload();
    await appReady(page);
    await page.waitForSelector('#continue');
    expect(await page.locator('#panel').innerText()).toBe(results);
    await activate(page, '#continue');
    await page.waitForSelector('#ready');
    await page.reload(); // results left: a reload opens the next hand-over
    await appReady(page);
    await page.waitForSelector('#ready');
    expect(await page.locator('#continue').count()).toBe(0);
  });
});
