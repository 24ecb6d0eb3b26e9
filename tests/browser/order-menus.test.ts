/**
 * The order builder's menus in the browser: the order's menu keeps its options while the rows after it are redrawn,
 * so typing a name picks that order (a menu rebuilt on every change forgot the letters typed before).
 */
import { describe, expect, it } from 'vitest';
import { startGame } from './play.ts';
import { browsersPerTest } from './support.ts';

const browser = browsersPerTest();

describe("the order's menu", () => {
  it('picks the order whose name is typed into it, letter by letter', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', seed: '404' });
    await page.focus('#order-type');
    // Type-ahead takes letters typed close together as one name: no pause between them.
    await page.keyboard.type('Surge');
    expect(await page.inputValue('#order-type')).toBe('surge-isr');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('order-type');
    // The rows after it follow the order now named.
    expect(await page.textContent('#order-summary')).toMatch(/^Put more drones and analysts/);
  });
});
