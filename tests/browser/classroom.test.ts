import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { hashState, type Scenario, specOf, verifyReplay } from '../../src/engine/index.ts';
import { DESK_PIN_LOCK } from '../../src/ui/desk-pin.ts';
import { appReady, type Browser, openBrowser } from './support.ts';
import { shippedScenario } from '../shipped.ts';

const baseUrl = inject('baseUrl');
const open: Browser[] = [];
const scenario: Scenario = shippedScenario('two-boxers');

afterEach(async () => {
  const errors = open.flatMap((b) => b.errors);
  await Promise.all(open.splice(0).map((b) => b.close()));
  expect(errors, 'console errors').toEqual([]);
});

async function browser(): Promise<Browser> {
  const b = await openBrowser();
  open.push(b);
  await b.page.emulateMedia({ reducedMotion: 'reduce' });
  return b;
}

/** Everything on the class screen a projector would show: the page without its (empty) overlay. */
async function classScreenText(page: Page): Promise<string> {
  expect(await page.locator('.overlay').count()).toBe(0);
  return (await page.locator('body').innerText()).toLowerCase();
}

async function startClassroomGame(page: Page, seed: string): Promise<void> {
  await page.goto(baseUrl);
  await appReady(page);
  await page.click('button:text("New game")');
  await page.selectOption('#preset', 'short');
  await page.selectOption('#opponent', 'hotseat');
  await page.check('#classroom');
  await page.fill('#seed', seed);
  await page.fill('#desk-pin', PIN);
  await page.click('button[type=submit]');
  await page.click('button:text("Begin the first week")');
  await page.waitForSelector('h2:text("Week 1: the class screen")');
}

const PIN = '2468';

async function openDesk(page: Page): Promise<void> {
  await page.click('#desk-button');
  await page.fill('#desk-pin-entry', PIN);
  await page.click('#desk-open');
  await page.waitForSelector('#desk-title');
}

async function order(page: Page, type: string, fields: Record<string, string> = {}): Promise<void> {
  if (await page.isVisible('#ready')) await page.click('#ready');
  await page.selectOption('#order-type', type);
  for (const [field, value] of Object.entries(fields))
    await page.selectOption(`#order-${field}`, JSON.stringify(value));
  await page.click('#add-order');
  await page.click('#commit');
}

describe('a classroom game', () => {
  it('runs with a facilitator: an inject, both teams behind hand-over screens, a ruling; the class screen never shows a secret; the save replays to the same hashes', async () => {
    const { page } = await browser();
    await startClassroomGame(page, '31');

    // The facilitator writes an inject from a template before the teams order.
    await openDesk(page);
    await page.selectOption('#inject-template', 'protest');
    await page.selectOption('#inject-variant', 'large');
    await page.fill('#inject-title', 'Students march on the embassy');
    await page.click('#release-written');
    await page.waitForSelector('.desk-message:text("Released")');
    await page.click('#desk-close');
    await page.waitForSelector('text=Breaking news');
    expect(await classScreenText(page)).toContain('students march on the embassy');

    // The US team orders; back on the class screen its sealed order must not show.
    await page.click('#team-orders');
    await page.click('#ready');
    expect(await page.textContent('.clock')).toMatch(/Time left (2:00|1:5\d)/);
    // Erbil handed over: next week the desk cannot release the card that has Patriots go up there.
    await page.selectOption('#order-type', 'hand-over-base');
    await page.selectOption('#order-base', JSON.stringify('erbil'));
    await page.click('#add-order');
    await page.click('#stake-confirm'); // Erbil is a key base: the form asks first
    await page.click('#commit');
    await page.waitForSelector('#to-class-screen');
    await page.click('#to-class-screen');
    await page.waitForSelector('#team-orders:text("Iran")');
    const sealedText = await classScreenText(page);
    expect(sealedText).not.toContain(specOf(scenario, 'hand-over-base').name.toLowerCase());
    expect(sealedText).not.toMatch(/handed over|hands over/);

    // Iran fires under a front's name; the class screen shows the claim, never who really fired.
    await page.click('#team-orders');
    await order(page, 'rocket-attack', { group: 'kh', base: 'taji', claim: 'osbat-al-thaereen' });
    await page.waitForSelector('#continue');
    const results = await classScreenText(page);
    expect(results).toContain('osbat al-thaereen');
    const at = results.indexOf('kataib hezbollah');
    expect(at, results.slice(Math.max(0, at - 200), at + 50)).toBe(-1);
    expect(results).not.toContain('us intelligence:'); // no US assessment either

    // The facilitator rules that the rockets did no harm, with a reason everyone hears.
    await openDesk(page);
    const choice = page.locator('#ruling-choice option', { hasText: 'did no harm' }).first();
    await page.selectOption('#ruling-choice', (await choice.getAttribute('value')) ?? '');
    await page.fill('#ruling-reason', 'The rockets fell in an empty field.');
    await page.click('#ruling-apply');
    await page.waitForSelector('.desk-message:text("Ruled")');
    await page.click('#desk-close');
    await page.waitForSelector('text=Reason given: The rockets fell in an empty field.');

    // The save holds the inject and the ruling, and replays to the fingerprint on screen.
    await page.click('#tab-log');
    const shown = (await page.textContent('#fingerprint')) ?? '';
    // A save carries both teams' secrets: it is the facilitator's, behind the desk's PIN, as the share link is.
    await page.click('button:text("Export save")');
    await page.waitForSelector('#pin-proceed');
    await page.fill('#desk-pin-entry', '0000');
    await page.click('#pin-proceed');
    await page.waitForSelector('text=That is not the desk’s PIN.');
    await page.click('button:text("Cancel")');
    await page.click('button:text("Share link")');
    await page.waitForSelector('#pin-proceed');
    expect(await page.locator('#share-link').count()).toBe(0);
    await page.click('button:text("Cancel")');
    const download = page.waitForEvent('download');
    await page.click('button:text("Export save")');
    await page.fill('#desk-pin-entry', PIN);
    await page.click('#pin-proceed');
    const file = await (await download).path();
    const save = JSON.parse(readFileSync(file, 'utf8'));
    expect(save.settings.classroom).toBe(true);
    expect(save.replay.turns[0].injects[0]).toMatchObject({ type: 'written', title: 'Students march on the embassy' });
    expect(save.replay.turns[0].rulings[0]).toMatchObject({ type: 'attack-missed' });
    const verified = verifyReplay(scenario, save.replay);
    if (!verified.ok) throw new Error(verified.errors[0]!.message);
    expect(hashState(verified.value.state)).toBe(shown);

    // On to the next week's class screen.
    await page.click('#tab-orders');
    await page.click('#continue');
    await page.waitForSelector('h2:text("Week 2: the class screen")');
    await openDesk(page);
    const patriots = page.locator('#inject-card option[value="patriots-operational"]');
    expect(await patriots.isDisabled()).toBe(true);
    expect(await patriots.textContent()).toMatch(/not now: it tells of .*Erbil.*, which the US no longer holds/);
    // The card selected at first is one the desk can release.
    const selected = await page.$eval('#inject-card', (el) => (el as HTMLSelectElement).selectedOptions[0]?.disabled);
    expect(selected).toBe(false);
  });

  it('pauses order entry behind a cover that only the desk, behind its PIN, lifts, even after a reload; with no timer no clock shows', async () => {
    const { page } = await browser();
    // A classroom game needs the desk's PIN before it starts.
    await page.goto(baseUrl);
    await appReady(page);
    await page.click('button:text("New game")');
    await page.check('#classroom');
    await page.fill('#desk-pin', '12');
    await page.click('button[type=submit]');
    expect(await page.locator('.error').innerText()).toContain('a PIN of 4 to 8 digits');
    expect(await page.locator('#setup-title').count()).toBe(1);

    await startClassroomGame(page, '32');
    const save = await page.evaluate(() => localStorage.getItem('two-boxers/autosave/v1') ?? '');
    expect(save).not.toContain(PIN); // only a salted hash of it is kept
    await openDesk(page);
    await page.fill('#timer-minutes', '0');
    await page.click('#timer-set');
    await page.waitForSelector('text=No timer is set.');
    await page.click('#desk-close');
    await page.click('#team-orders');
    await page.click('#ready');
    expect(await page.textContent('.topbar')).not.toMatch(/Time left/);
    await page.click('#pause-quick');
    await page.waitForSelector('#paused-title');
    // Nothing a team can press resumes: no Resume on the cover or in the top bar, and a reload keeps the pause.
    expect(await page.locator('#resume, #pause-quick').count()).toBe(0);
    expect(await page.locator('.topbar').innerText()).not.toContain('Resume');
    await page.reload();
    await appReady(page);
    await page.waitForSelector('#team-orders, #ready, #paused-title');
    if (await page.isVisible('#team-orders')) await page.click('#team-orders');
    if (await page.isVisible('#ready')) await page.click('#ready');
    await page.waitForSelector('#paused-title');
    // The cover leads to the desk, which asks for the PIN: a wrong one is refused and the desk stays shut.
    await page.click('#paused-desk');
    await page.fill('#desk-pin-entry', '0000');
    await page.click('#desk-open');
    await page.waitForSelector('text=That is not the desk’s PIN.');
    expect(await page.locator('#desk-title').count()).toBe(0);
    await page.fill('#desk-pin-entry', PIN);
    await page.click('#desk-open');
    await page.waitForSelector('#desk-title');
    await page.click('#pause');
    await page.click('#desk-close');
    await page.waitForSelector('#commit');
    expect(await page.locator('#paused-title').count()).toBe(0);
  });

  it('locks the desk after too many wrong PINs, says for how long, keeps the lock across a reload, and opens after it', async () => {
    const { page } = await browser();
    await page.clock.install();
    await startClassroomGame(page, '34');
    await page.click('#desk-button');
    const wrong = async () => {
      await page.fill('#desk-pin-entry', '0000');
      await page.click('#desk-open');
    };
    for (let left = DESK_PIN_LOCK.attempts - 1; left > 0; left--) {
      await wrong();
      await page.waitForSelector(
        `.error-line:has-text("${left === 1 ? 'One more wrong PIN locks' : `${left} more wrong PINs lock`}")`,
      );
    }
    await wrong();
    const minutes = DESK_PIN_LOCK.lockSeconds / 60;
    await page.waitForSelector(`.error-line:has-text("the desk is locked. Try again in ${minutes} minutes")`);
    // Locked, the right PIN does not open it either.
    await page.fill('#desk-pin-entry', PIN);
    await page.click('#desk-open');
    await page.waitForSelector('.error-line:has-text("the desk is locked")');
    expect(await page.locator('#desk-title').count()).toBe(0);
    // A reload neither resets the count nor lifts the lock: the PIN entry says so as it opens.
    await page.reload();
    await appReady(page);
    await page.waitForSelector('#desk-button');
    await page.click('#desk-button');
    expect(await page.textContent('.error-line')).toContain('the desk is locked');
    await page.fill('#desk-pin-entry', PIN);
    await page.click('#desk-open');
    await page.waitForSelector('.error-line:has-text("the desk is locked")');
    expect(await page.locator('#desk-title').count()).toBe(0);
    // Once the lock has run out on the page's clock, the right PIN opens the desk.
    await page.clock.fastForward(DESK_PIN_LOCK.lockSeconds * 1000 + 60_000);
    await page.fill('#desk-pin-entry', PIN);
    await page.click('#desk-open');
    await page.waitForSelector('#desk-title');
  });

  it('tells a team when its time is up and lets it take another minute: nothing is committed for it', async () => {
    const { page } = await browser();
    await page.clock.install();
    await startClassroomGame(page, '33');
    await page.click('#team-orders');
    await page.click('#ready');
    await page.waitForSelector('.clock:text("Time left 2:00")');
    await page.clock.fastForward('02:05');
    await page.clock.runFor(1000);
    // Read, do not wait: with the page's clock faked, a polling wait would never see time pass.
    expect(await page.textContent('.clock')).toMatch(/Time is up/);
    expect(await page.isVisible('#commit')).toBe(true);
    expect(await page.textContent('.topbar')).toMatch(/Week 1 of 8/);
    await page.click('#clock-extend');
    expect(await page.textContent('.clock')).toMatch(/Time left 1:00/);
  });
});
