import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { activate, fingerprint, giveOrders, startGame } from './play.ts';
import { appReady, browsersPerTest } from './support.ts';

const baseUrl = inject('baseUrl');
const browser = browsersPerTest();

/** Issue 13, item 4: a game in progress is never lost by surprise. */
describe('replacing the game in progress', () => {
  it('asks before a share link, a new game or a loaded save replaces it, and keeps it to restore', async () => {
    const { page } = await browser();
    // Game A, one week in: its link and its save are what will later try to replace game B.
    await startGame(page, { side: 'iran', seed: '505' });
    await giveOrders(page);
    await activate(page, '#continue');
    const gameA = await fingerprint(page);
    await activate(page, '#share-button');
    const linkA = await page.inputValue('#share-link');
    const saveA = await page.evaluate(() => localStorage.getItem('two-boxers/autosave/v1'));
    await page.keyboard.press('Escape');

    // A new game asks first; "Keep playing" goes back to game A as it was.
    await activate(page, 'button:text("Menu")');
    await activate(page, 'button:text("New game")');
    await activate(page, 'button[type=submit]');
    await page.waitForSelector('h2:text("Replace the game in progress?")');
    expect(await page.textContent('main')).toMatch(/week 2 of \d+/);
    await activate(page, '#keep-game');
    await page.waitForSelector('#commit');
    expect(await fingerprint(page)).toBe(gameA);

    // Replaced on the player's word: game B starts, and A is kept.
    await activate(page, 'button:text("Menu")');
    await startGame(page, { side: 'us', seed: '606' }, { replace: true });
    await giveOrders(page);
    await activate(page, '#continue');
    const gameB = await fingerprint(page);
    expect(gameB).not.toBe(gameA);

    // Game A's link, pasted into this tab: asked again; replacing keeps B.
    await page.goto(linkA);
    await page.waitForSelector('h2:text("Replace the game in progress?")');
    await activate(page, '#replace-game');
    await page.waitForSelector('#commit');
    expect(await fingerprint(page)).toBe(gameA);

    // Restore brings B back, and keeps A in its place (a swap: nothing is lost either way).
    await activate(page, 'button:text("Menu")');
    await activate(page, '#restore-game');
    await page.waitForSelector('#commit');
    expect(await fingerprint(page)).toBe(gameB);

    // A save file asks too: keeping the game leaves B where it was.
    await activate(page, 'button:text("Menu")');
    const file = join(mkdtempSync(join(tmpdir(), 'two-boxers-save-')), 'game-a.json');
    writeFileSync(file, saveA ?? '');
    await page.setInputFiles('#load-file', file);
    await page.waitForSelector('h2:text("Replace the game in progress?")');
    expect(await page.textContent('main')).toContain('game-a.json');
    await activate(page, '#keep-game');
    await page.waitForSelector('#commit');
    expect(await fingerprint(page)).toBe(gameB);
  });

  it('still offers to continue the saved game after a damaged share link', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', seed: '707' });
    await giveOrders(page);
    await activate(page, '#continue');
    const before = await fingerprint(page);
    await page.goto('about:blank');
    await page.goto(`${baseUrl}#g=eyJ2IjoxLCJzIjp7fX0`);
    await appReady(page);
    expect(await page.textContent('.error')).toMatch(/altered|damaged/);
    await activate(page, 'button:text("Continue the game")');
    await page.waitForSelector('#commit');
    expect(await fingerprint(page)).toBe(before);
  });

  it('refuses a save holding an order type it does not know, in the player’s words', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', seed: '808' });
    await giveOrders(page);
    await activate(page, '#continue');
    const before = await fingerprint(page);
    const save = JSON.parse((await page.evaluate(() => localStorage.getItem('two-boxers/autosave/v1'))) ?? '{}');
    save.replay.turns[0].us = [{ type: 'orbital-laser', site: 'taji' }];
    const file = join(mkdtempSync(join(tmpdir(), 'two-boxers-save-')), 'from-the-future.json');
    writeFileSync(file, JSON.stringify(save));
    await activate(page, 'button:text("Menu")');
    await page.setInputFiles('#load-file', file);
    await page.waitForSelector('.error');
    const message = (await page.textContent('.error')) ?? '';
    expect(message).toContain('an order this version of the game does not know ("orbital-laser", week 1');
    expect(message).not.toMatch(/discriminator|Expected/);
    await activate(page, 'button:text("Continue the game")');
    expect(await fingerprint(page)).toBe(before);
  });

  it('says when the saved game is cut short, and keeps it to download until the player lets it go', async () => {
    const { page } = await browser();
    await startGame(page, { side: 'us', seed: '909' });
    await giveOrders(page);
    await activate(page, '#continue');
    const whole = (await page.evaluate(() => localStorage.getItem('two-boxers/autosave/v1'))) ?? '';
    const cut = whole.slice(0, 400);
    await page.evaluate((text) => localStorage.setItem('two-boxers/autosave/v1', text), cut);
    await page.reload();
    await appReady(page);
    expect(await page.textContent('.error')).toMatch(/Your saved game could not be resumed: .*not complete JSON/);
    await page.waitForSelector('#unresumable');

    // A new game's autosave replaces the damaged one; the damaged text stays on offer, whole, as a file.
    await startGame(page, { side: 'iran', seed: '910' });
    await giveOrders(page);
    await activate(page, '#continue');
    expect(await page.evaluate(() => localStorage.getItem('two-boxers/autosave/v1'))).not.toBe(cut);
    await activate(page, 'button:text("Menu")');
    const [file] = await Promise.all([page.waitForEvent('download'), activate(page, '#unresumable-download')]);
    const path = await file.path();
    expect(readFileSync(path, 'utf8')).toBe(cut);

    // Discarded, it is gone, and does not come back after a reload.
    await activate(page, '#unresumable-discard');
    expect(await page.locator('#unresumable').count()).toBe(0);
    await page.reload();
    await appReady(page);
    await activate(page, 'button:text("Menu")');
    expect(await page.locator('#unresumable').count()).toBe(0);
  });
});
