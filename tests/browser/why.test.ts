/**
 * Why it moved and what is at stake (issue 13 items 1-2), in the browser: after a week the results say, above the
 * news, what changed and why, each figure's numbers summing to its change; a dashboard figure's last causes are
 * reached by the keyboard; the victory lines are drawn on the bars; key bases are marked; handing one over asks first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { exchangeRunsIntoWar } from '../../src/engine/index.ts';
import { activate, giveOrders, startGame, tabTo } from './play.ts';
import { escalatedGame } from './escalated.ts';
import { appReady, browsersPerTest } from './support.ts';

const baseUrl = inject('baseUrl');

const browser = browsersPerTest();

/** "+3 cause · −2 cause · net +1: 50 → 51" → the parts, the net, before and after. */
function parse(text: string): { parts: number[]; net: number; before: number; after: number } {
  const num = (s: string) => Number(s.replace('−', '-'));
  const tail = /net ([+−]?\d+): (-?\d+) → (-?\d+)$/.exec(text);
  if (!tail) throw new Error(`no net and move in "${text}"`);
  const parts = [...text.slice(0, tail.index).matchAll(/(?:^|· )([+−]\d+) /g)].map((m) => num(m[1]!));
  return { parts, net: num(tail[1]!), before: num(tail[2]!), after: num(tail[3]!) };
}

async function firstWeek(page: Page): Promise<void> {
  await startGame(page, { side: 'us', seed: '404' });
  await giveOrders(page);
  await page.waitForSelector('#continue');
}

describe('why it moved', () => {
  it("opens the week's results with what changed and why, each figure's causes summing to its change", async () => {
    const { page } = await browser();
    await firstWeek(page);
    // Above the news.
    const order = await page.evaluate(() => {
      const why = document.querySelector('#why');
      const news = document.querySelector('.side ul.news');
      return why && news ? why.compareDocumentPosition(news) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    expect(order).toBeGreaterThan(0);
    // Each line: the figure's name in bold, then its summary.
    const figures = await page
      .locator('#why > .why-figures li') // the dashboard's figures: numbers, not 'yes' and 'no'
      .evaluateAll((lis) => lis.map((li) => li.lastChild?.textContent ?? ''));
    expect(figures.length).toBeGreaterThan(0);
    for (const text of figures) {
      const { parts, net, before, after } = parse(text);
      expect(parts.length, text).toBeGreaterThan(0);
      expect(
        parts.reduce((a, b) => a + b, 0),
        text,
      ).toBe(net);
      expect(after - before, text).toBe(net);
    }
    // The US seat never sees Iran's purse in it.
    expect(await page.textContent('#why')).not.toContain("Iran's resources");
    const ladder = await page.textContent('#why .why-ladder');
    expect(ladder).toMatch(/[+−]\d+ .* net [+−]?\d+ pressure/);
  });

  it("reaches a dashboard figure's last causes by the keyboard, and Escape puts them away", async () => {
    const { page } = await browser();
    await firstWeek(page);
    await tabTo(page, '.meter[data-meter="politicalCapital"]');
    const why = page.locator('#meter-why');
    expect(await why.isVisible()).toBe(true);
    const text = (await why.textContent()) ?? '';
    expect(text).toMatch(/Last moved in week 1/);
    expect(text).toMatch(/[+−]\d+ Coalition paid for/);
    expect(await page.getAttribute('.meter[data-meter="politicalCapital"]', 'aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await why.isVisible()).toBe(false);
  });

  it("opens a figure's causes when the pointer moves onto it, not when the screen is drawn under a resting pointer", async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', seed: '404' });
    const box = (await page.locator('.meter[data-meter="consent"]').boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    const why = page.locator('#meter-why');
    expect(await why.isVisible(), 'moved onto it').toBe(true);
    // To the title, the pointer resting there; the game is drawn again under it, by the keyboard. The browser tells
    // the pointer it entered the meter, but nobody moved it.
    await activate(page, 'button:text("Menu")');
    await page.mouse.move(x, y);
    await activate(page, 'button:text("Continue the game")');
    await page.waitForSelector('#commit');
    await page.waitForTimeout(500); // the browser checks what lies under the pointer a moment after the layout
    expect(await why.isVisible(), 'drawn under a resting pointer').toBe(false);
    await page.mouse.move(x + 2, y);
    expect(await why.isVisible(), 'moved within it').toBe(true);
  });
});

describe('what is at stake', () => {
  it('draws the victory lines on the bars, shows the incident odds line, and marks key bases', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', seed: '404' });
    expect(await page.locator('.meter[data-meter="consent"] .mark').count()).toBe(2);
    expect(await page.locator('.meter[data-meter="credibility"] .mark').count()).toBe(1);
    expect(await page.textContent('#ladder-odds')).toMatch(/US aim: rung \d+ or lower/);
    await activate(page, '#tab-sites');
    expect(await page.locator('.sites button', { hasText: 'Key base' }).count()).toBe(3);
  });

  it("shows how far an order pushes the ladder, and a strike's price in Baghdad with what may cost more", async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', seed: '404' });
    await page.selectOption('#order-type', 'strike-site');
    const strike = await page.textContent('.forecast');
    expect(strike).toMatch(/Ladder pressure: \+\d+ \(every \d+ points climb a rung\)\./);
    expect(strike).toMatch(/Effects: .*Baghdad's consent -\d+ · Eviction pressure \+\d+/);
    expect(strike).toContain('did not in fact attack');
    // A 0% line carries no likelihood word: the words' bands start at 1%, and none so far is not a certainty.
    expect(strike).toMatch(/carried out a recent attack \(your best assessment\) — 0%/);
    expect(strike).not.toMatch(/chance \([^)]*\)[^—]*— 0%/);
    expect(strike).toContain('Escalation score (a measure for the debrief; no rule reads it)');
    await page.selectOption('#order-type', 'us-swiss-message');
    expect(await page.textContent('.forecast')).toMatch(/Ladder pressure: −\d+ /);
  });

  it('asks before a key base is handed over, and adds it only when told to', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', seed: '404' });
    await page.selectOption('#order-type', 'hand-over-base');
    const options = await page.locator('#order-base option').allTextContents();
    const key = options.findIndex((o) => o.includes('★ key base'));
    expect(key).toBeGreaterThanOrEqual(0);
    await page.selectOption('#order-base', { index: key });
    expect(await page.textContent('.forecast')).toMatch(/At stake: .* key base/);
    await activate(page, '#add-order');
    await page.waitForSelector('#stake-confirm');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('stake-cancel');
    await page.keyboard.press('Enter');
    expect(await page.locator('.chosen li:not(.empty)').count()).toBe(0);
    await activate(page, '#add-order');
    await activate(page, '#stake-confirm');
    await page.waitForSelector('.chosen li:not(.empty)');
    expect(await page.textContent('.chosen')).toMatch(/Hand over/);
  });

  it('asks Iran too, before an order whose push could carry the ladder into war', async () => {
    // A hotseat game both sides pushed up to rung 12 or 13, from where one week's push can reach war.
    const game = await escalatedGame(12);
    const rung = game.state.ladder.rung;
    const { page } = await browser();
    await page.goto(`${baseUrl}#g=${game.toShareCode()}`);
    await appReady(page);
    if (await page.isVisible('#ready')) await activate(page, '#ready');
    // The US holds (no push, nothing asked), then hands over to Iran.
    await page.waitForSelector('#commit');
    await page.selectOption('#order-type', 'hold');
    await activate(page, '#add-order');
    await page.waitForSelector('.chosen li:not(.empty)');
    await activate(page, '#commit');
    await activate(page, '#ready');
    await page.waitForSelector('#commit');
    await page.selectOption('#order-type', 'rocket-attack');
    await page.selectOption('#order-claim', '"unclaimed"'); // no front worn: war is the one thing at stake
    expect(await page.textContent('.forecast')).toContain(`At stake: The ladder stands at rung ${rung}.`);
    await activate(page, '#add-order');
    await page.waitForSelector('#stake-confirm');
    expect(await page.textContent('.stake-ask')).toMatch(
      new RegExp(
        `The ladder stands at rung ${rung}\\. This order adds up to \\+\\d+ to the week's push, and a push of \\d+ or more from ordered acts carries it to rung 14: war, which both sides lose\\.`,
      ),
    );
    // The brink's rungs: firing there also risks an exchange of fire running into war.
    expect(await page.textContent('.stake-ask')).toContain(
      `The crisis stands at the brink (rung ${rung}). If the other side fires this week too, ${exchangeRunsIntoWar(game.scenario.ladder.brink.exchangeWar)}, which both sides lose.`,
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('stake-cancel');
    await page.keyboard.press('Enter');
    expect(await page.locator('.chosen li:not(.empty)').count()).toBe(0);
    await activate(page, '#add-order');
    await activate(page, '#stake-confirm');
    await page.waitForSelector('.chosen li:not(.empty)');
    expect(await page.textContent('.chosen')).toMatch(/rocket/i);
  });
});
