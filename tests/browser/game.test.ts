import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { signedNumber } from '../../src/engine/index.ts';
import { RESULT_WORDS } from '../../src/ui/result-words.ts';
import { Session } from '../../src/ui/session.ts';
import { shippedScenario } from '../shipped.ts';
import { violentOrders } from './escalated.ts';
import { activate, fingerprint, giveOrders, startGame } from './play.ts';
import { appReady, browsersPerTest, canvasInk } from './support.ts';

const baseUrl = inject('baseUrl');
const browser = browsersPerTest();

/** Plays weeks until the end screen; returns how many weeks it took. */
async function playToEnd(page: Page, hotseat = false): Promise<number> {
  for (let week = 1; week <= 12; week++) {
    await giveOrders(page);
    if (hotseat) await giveOrders(page);
    const next = await page.waitForSelector('#continue, h2:text("The game is over")', { timeout: 60_000 });
    if ((await next.getAttribute('id')) === 'continue') {
      const label = await next.textContent();
      await activate(page, '#continue');
      if (label?.includes('See how it ended')) {
        await page.waitForSelector('h2:text("The game is over")');
        return week;
      }
    } else return week;
  }
  throw new Error('the game did not end within 12 weeks');
}

/**
 * Whole games against the computer, keyboard only, one per side: each starts from the title screen, draws the map,
 * plays the side's first menu order every week to the end screen, and ends where the command-line replay of its
 * orders ends. The ending is pinned: the same seed and orders always give the same game.
 */
const WHOLE_GAMES: [id: string, side: 'us' | 'iran', seed: string, ending: keyof typeof RESULT_WORDS][] = [
  ['coalition-101', 'us', '101', 'iran'],
  ['iran-202', 'iran', '202', 'us'],
];

/**
 * A screenshot of the page, decoded in the page: how many pixels lie outside the hand-over card, and how many of those
 * differ from the top-left pixel (the wall). A translucent wall lets the screen behind tint some of them.
 */
async function pixelsBesideCard(page: Page): Promise<{ outside: number; other: number }> {
  const card = (await page.locator('.handover-wall .card').boundingBox())!;
  const png = await page.screenshot();
  return page.evaluate(
    async ({ b64, card }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      // The card's edges fall between pixels: the pixels it partly covers are the card's.
      const [x0, x1] = [Math.floor(card.x), Math.ceil(card.x + card.width)];
      const [y0, y1] = [Math.floor(card.y), Math.ceil(card.y + card.height)];
      let outside = 0;
      let other = 0;
      for (let y = 0; y < c.height; y++)
        for (let x = 0; x < c.width; x++) {
          if (x >= x0 && x < x1 && y >= y0 && y < y1) continue;
          outside++;
          const i = (y * c.width + x) * 4;
          if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) other++;
        }
      return { outside, other };
    },
    { b64: png.toString('base64'), card },
  );
}

describe('the browser game', () => {
  it.each(WHOLE_GAMES)(
    'plays a whole game against the computer, keyboard only, to its ending: %s',
    async (_id, side, seed, ending) => {
      const { page } = await browser();
      await startGame(page, { side, seed });
      expect(await canvasInk(page), 'the map is drawn').toBeGreaterThan(0.2);
      await page.waitForSelector(`h2.side-${side}`);
      const weeks = await playToEnd(page);
      expect(weeks).toBeGreaterThan(0);
      await page.waitForSelector('text=What really happened');
      const result = page.locator('.result');
      expect(await result.textContent()).toMatch(/win|stalemate|everyone loses/);
      expect(await result.textContent(), 'the ending').toBe(RESULT_WORDS[ending]);
      expect(await result.getAttribute('class')).toBe(`result ${ending}`);
      // A war's points never read as a win on points: the end screen says both sides lost, and only then.
      expect(await page.locator('#shared-loss-points').count()).toBe(ending === 'shared-loss' ? 1 : 0);
      const shown = (await page.textContent('#fingerprint')) ?? '';
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        activate(page, 'button:text("Export the replay")'),
      ]);
      const file = join(mkdtempSync(join(tmpdir(), 'two-boxers-replay-')), 'replay.json');
      await download.saveAs(file);
      const out = execFileSync('npx', ['tsx', 'src/cli/sim.ts', '--verify', file], { encoding: 'utf8' });
      expect(out, 'the command-line replay ends with the same fingerprint').toContain(shown);
    },
  );

  it('plays a hotseat game with a hand-over screen that hides the first side’s orders', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', hotseat: true, seed: '303' });
    await activate(page, '#ready');
    await page.waitForSelector('#commit');
    if (await page.isEnabled('#add-order')) await activate(page, '#add-order');
    const chosen = (await page.textContent('.chosen')) ?? '';
    await activate(page, '#commit');
    await page.waitForSelector('#ready');
    // The hand-over screen is a wall: nothing of the Coalition's turn is in the page's visible text...
    const ordered = chosen.replace('Remove', '').trim().slice(0, 20);
    const visible = await page.evaluate(() => document.body.innerText);
    expect(visible).not.toContain(ordered);
    expect(visible).not.toMatch(/Political capital|to play/);
    expect(visible).toContain('Pass the device to the');
    // ...nor drawn on screen: outside the hand-over card, every pixel is the wall's one colour.
    const beside = await pixelsBesideCard(page);
    expect(beside.outside).toBeGreaterThan((1280 * 720) / 2);
    expect(beside.other).toBe(0);
    await activate(page, '#ready');
    expect(await page.textContent('#panel')).not.toContain(chosen.replace('Remove', '').trim().slice(0, 20));
    // A save now would hold the Coalition's sealed orders: the second player may not take one.
    let downloads = 0;
    page.on('download', () => downloads++);
    await activate(page, 'button:text("Export save")');
    await page.waitForSelector('#export-refused-ok');
    expect(await page.locator('[role="alertdialog"]').innerText()).toContain(
      'Not now: a save made now would hold the orders one side has sealed this week.',
    );
    await activate(page, '#export-refused-ok');
    expect(downloads).toBe(0);
    await activate(page, '#commit');
    await page.waitForSelector('#continue');
    await activate(page, '#continue');
    await playToEnd(page, true);
  });

  it('says the computer is deciding only while it is: not under the results once it has decided', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', seed: '404' });
    await giveOrders(page);
    await page.waitForSelector('#continue');
    expect(await page.evaluate(() => document.body.textContent)).not.toContain('The computer is deciding');
  });

  it('resumes exactly after a reload mid-game', async () => {
    const { page } = await browser();
    // Iran's first menu order is harassment, which does not end a game in two weeks (two unprovoked US strikes can).
    await startGame(page, { side: 'iran', seed: '404' });
    for (let i = 0; i < 2; i++) {
      await giveOrders(page);
      await activate(page, '#continue');
    }
    await page.waitForSelector('#commit');
    const before = await fingerprint(page);
    const week = await page.textContent('.topbar .when');
    await page.reload();
    await appReady(page);
    await page.waitForSelector('#commit');
    expect(await page.textContent('.topbar .when')).toBe(week);
    expect(await fingerprint(page)).toBe(before);
  });

  it('in hotseat stores no sealed orders while the other side chooses: a reload opens that week again', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', hotseat: true, seed: '313' });
    // An earlier version kept a copy of the autosave, sealed orders and all, that nothing read: the next save drops it.
    await page.evaluate(() =>
      localStorage.setItem('two-boxers/autosave/v1/previous', JSON.stringify({ pending: { us: [], iran: null } })),
    );
    await activate(page, '#ready');
    await page.waitForSelector('#commit');
    await activate(page, '#commit');
    await page.waitForSelector('#ready');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('two-boxers/autosave/v1') ?? 'null'));
    expect(stored?.pending).toEqual({ us: null, iran: null });
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('autosave')))).toEqual([
      'two-boxers/autosave/v1',
    ]);
    await page.reload();
    await appReady(page);
    await page.waitForSelector('#ready');
    expect(await page.textContent('#handover-title')).toMatch(/Coalition/);
  });

  it("ends a war with both sides lost: the end screen never reads the war's points as a win", async () => {
    // Both sides give their most expensive violent orders they can pay for, every week, until the war: a hotseat game
    // played here, then opened from its share link.
    const scenario = shippedScenario('two-boxers');
    const made = Session.create(scenario, {
      scenarioId: 'two-boxers',
      seed: '909',
      preset: null,
      side: 'us',
      opponent: 'hotseat',
    });
    if (!made.ok) throw new Error(made.errors[0]?.message);
    const game = made.value;
    while (!game.over) {
      for (const side of ['us', 'iran'] as const) {
        const r = await game.commit(side, violentOrders(game, side));
        if (!r.ok) throw new Error(r.errors[0]?.message);
      }
    }
    expect(game.state.outcome?.result).toBe('shared-loss');
    const { page } = await browser();
    await page.goto(`${baseUrl}#g=${game.toShareCode()}`);
    await appReady(page);
    await page.waitForSelector('text=What really happened');
    expect(await page.locator('.result').textContent()).toBe(RESULT_WORDS['shared-loss']);
    expect(await page.locator('#shared-loss-points').count()).toBe(1);
  });

  it('opens a share link in a fresh browser at the same game', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'iran', seed: '505' });
    for (let i = 0; i < 2; i++) {
      await giveOrders(page);
      await activate(page, '#continue');
    }
    const before = await fingerprint(page);
    await activate(page, '#share-button');
    const link = await page.inputValue('#share-link');
    expect(link).toContain('#g=');
    const other = await browser();
    await other.page.goto(link);
    await appReady(other.page);
    await other.page.waitForSelector('#commit');
    expect(await fingerprint(other.page)).toBe(before);
  });

  it('refuses a corrupted, foreign or old save with a message and keeps the current game', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', seed: '707' });
    await giveOrders(page);
    await activate(page, '#continue');
    const before = await fingerprint(page);
    await activate(page, 'button:text("Menu")');
    const dir = mkdtempSync(join(tmpdir(), 'two-boxers-bad-'));
    const saves: [string, string, RegExp][] = [
      ['garbage.json', '{ this is not json', /not valid JSON/],
      ['foreign.json', JSON.stringify({ format: 'some-other-game', formatVersion: 1 }), /not a Two Boxers save/],
      ['old.json', JSON.stringify({ format: 'two-boxers-save', formatVersion: 0 }), /older format/],
      [
        'edited.json',
        JSON.stringify({ format: 'two-boxers-save', formatVersion: '1' }),
        /edited\.json: formatVersion: .*"formatVersion" is not a number/,
      ],
    ];
    for (const [name, text, message] of saves) {
      const file = join(dir, name);
      writeFileSync(file, text);
      await page.setInputFiles('#load-file', file);
      // Each message names its file: waiting for it, not for any .error, keeps the last file's message out.
      await page.waitForSelector(`.error:has-text("${name}")`);
      expect(await page.textContent('.error')).toMatch(message);
    }
    await activate(page, 'button:text("Continue the game")');
    expect(await fingerprint(page)).toBe(before);
    expect(readFileSync(join(dir, 'old.json'), 'utf8')).toContain('two-boxers-save');
  });

  it('shows a clear message for an edited share link, and nothing half-loaded', async () => {
    const { page } = await browser();
    await page.goto(`${baseUrl}#g=eyJ2IjoxLCJzIjp7fX0`);
    await appReady(page);
    await page.waitForSelector('.error');
    expect(await page.textContent('.error')).toMatch(/altered|damaged/);
    expect(await page.isVisible('#commit')).toBe(false);
  });

  it.each(['us', 'iran'] as const)(
    'tells the %s seat, on the Intelligence tab, of the US red line standing from the start and what breaking it costs',
    async (side) => {
      const r = shippedScenario('two-boxers').redLines;
      const { page } = await browser();
      await startGame(page, { side, seed: '404' });
      await activate(page, '#tab-intel');
      const part = page.locator('.red-lines');
      await part.waitFor();
      expect(await part.locator('h3').textContent()).toBe('US red lines');
      expect(await part.locator('li').allTextContents()).toEqual(['standing: since the start of the game.']);
      const stakes = (await part.locator('p.note').textContent()) ?? '';
      expect(stakes).toContain('An attack that kills an American or a siege that breaks into the embassy crosses');
      expect(stakes).toContain(
        `otherwise it is broken (credibility ${signedNumber(r.brokenCredibility)}, resolve ${signedNumber(r.brokenResolve)})`,
      );
    },
  );

  it('shows the odds of incidents nobody ordered on the high rungs, and the rule behind them', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', seed: '404' });
    const rungs = await page.locator('.ladder .rung').allTextContents();
    const odds = rungs.map((text) => /⚠(\d+)%/.exec(text)?.[1] ?? null);
    // Nothing below rung 11 or on the war rung; from 11 the odds grow with each rung.
    expect(odds.slice(0, 11).every((o) => o === null)).toBe(true);
    expect(odds.slice(11, 14).map(Number)).toEqual([10, 20, 30]);
    expect(odds[14]).toBeNull();
    // The title says what moves the odds: both sides' orders that week.
    expect(await page.locator('.ladder .rung').nth(12).getAttribute('title')).toMatch(
      /20% chance a week of climbing a rung \(never across a gate\); each violent or posturing order .* adds 10 points; each de-escalating order of either side takes 10 off/,
    );
    await activate(page, 'button:text("Rules")');
    // The rules page's code loads when it is first opened.
    await page.getByText(/From rung 11 up, forces on both sides are on a hair trigger/).waitFor({ timeout: 10_000 });
    expect(await page.textContent('body')).toMatch(/From rung 11 up, forces on both sides are on a hair trigger/);
  });
});
