import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { activate, giveOrders, startGame } from './play.ts';
import { browsersPerTest } from './support.ts';

const browser = browsersPerTest();

/** The smallest font size of any text the player can see, and where it is. */
function smallestText(page: Page): Promise<{ px: number; where: string }> {
  return page.evaluate(() => {
    let smallest = { px: Number.POSITIVE_INFINITY, where: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || el.closest('.sr-only, .skip, script, style')) continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      const px = Number.parseFloat(getComputedStyle(el).fontSize);
      if (px < smallest.px)
        smallest = {
          px,
          where: `${el.tagName.toLowerCase()}.${el.className} "${node.textContent.trim().slice(0, 30)}"`,
        };
    }
    return smallest;
  });
}

const fontPx = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));

/** Whether an element lies wholly inside the window. */
const inView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  });

/** Issue 13, item 5: the turn screen at the sizes players and classrooms use. */
describe('the turn screen at every size', () => {
  it.each([
    [1280, 720],
    [1366, 768],
  ])(
    'shows every first-game tip wholly on a %ix%i screen, its buttons in view, and no text under 12 px',
    async (width, height) => {
      const { page } = await browser({ width, height });
      await startGame(page, { side: 'us', seed: '101' }, { keepTips: true });
      for (let tip = 1; tip <= 4; tip++) {
        await page.waitForSelector(`.coach .steps:text("Tip ${tip} of 4")`);
        // Placed at the next frame: wait until it sits where it will stay.
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        expect(await inView(page, '.coach'), `tip ${tip} on screen`).toBe(true);
        for (const button of await page.locator('.coach button').all())
          expect(
            await button.evaluate(
              (el) =>
                el === document.elementFromPoint(el.getBoundingClientRect().x + 4, el.getBoundingClientRect().y + 4),
            ),
          ).toBe(true);
        if (tip === 1) {
          const smallest = await smallestText(page);
          expect(smallest.px, smallest.where).toBeGreaterThanOrEqual(12);
        }
        if (tip < 4) await activate(page, '.coach button:text("Next tip")');
      }
      // Adding an order while the tips show redraws the orders, and still only one tip box shows.
      await activate(page, '#add-order');
      await page.waitForSelector('.chosen li:not(.empty)');
      expect(await page.locator('.coach').count()).toBe(1);
      await activate(page, '.coach button:text("Start playing")');
      expect(await page.locator('.coach').count()).toBe(0);
    },
  );

  it('grows its text on a 1920x1080 screen: body text at least 18 px, ladder labels at least 13 px', async () => {
    const { page } = await browser({ width: 1920, height: 1080 });
    await startGame(page, { side: 'iran', seed: '202' });
    expect(await fontPx(page, 'body')).toBeGreaterThanOrEqual(18);
    // The running text of the panel, the smaller kind (0.9rem) included.
    for (const text of await page.locator('#panel p:not(.note)').all())
      expect(await text.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(18);
    expect(await fontPx(page, '.ladder .rung')).toBeGreaterThanOrEqual(13);
    const smallest = await smallestText(page);
    expect(smallest.px, smallest.where).toBeGreaterThanOrEqual(13);
  });

  it.each([
    [1280, 720],
    [1366, 768],
    [1920, 1080],
  ])('sets the meters in even rows on a %ix%i screen, with the change words showing', async (width, height) => {
    const { page } = await browser({ width, height });
    await startGame(page, { side: 'us', seed: '404' });
    await giveOrders(page);
    await page.waitForSelector('#continue');
    expect(await page.locator('.meter .change:not(:empty)').count()).toBeGreaterThan(0);
    const boxes = await page
      .locator('.dash .meter')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ top: r.top, h: r.height })));
    const rows = [...new Set(boxes.map((b) => Math.round(b.top)))];
    const counts = rows.map((top) => boxes.filter((b) => Math.round(b.top) === top).length);
    // Rows that differ by one meter at most, and in each row every meter as tall as the others.
    expect(Math.max(...counts) - Math.min(...counts), `meters per row: ${counts}`).toBeLessThanOrEqual(1);
    for (const top of rows) {
      const heights = boxes.filter((b) => Math.round(b.top) === top).map((b) => Math.round(b.h));
      expect(new Set(heights).size, `heights in the row at ${top}: ${heights}`).toBe(1);
    }
    // The parts of each meter line up across a row: every label, and every figure, at one height.
    for (const part of ['.label', 'b']) {
      const tops = await page
        .locator(`.dash .meter ${part}`)
        .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
      expect(new Set(tops).size, `${part} tops: ${tops}`).toBe(rows.length);
    }
  });

  it('keeps the keyboard focus on the tab just chosen', async () => {
    const { page } = await browser({ width: 1280, height: 720 });
    await startGame(page, { side: 'us', seed: '404' });
    for (const tab of ['#tab-intel', '#tab-news', '#tab-log', '#tab-sites', '#tab-orders']) {
      await activate(page, tab);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(tab.slice(1));
      expect(await page.getAttribute(tab, 'aria-selected')).toBe('true');
    }
  });
});
