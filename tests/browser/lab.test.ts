import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { parseScenario } from '../../src/engine/index.ts';
import { appReady, type Browser, openBrowser } from './support.ts';
import { shippedScenario } from '../shipped.ts';

const baseUrl = inject('baseUrl');
const open: Browser[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.close();
});

const FIELD = 'attacks.profiles.rocket-attack.hitPerMille';

async function openLab(): Promise<Browser> {
  const b = await openBrowser();
  open.push(b);
  await b.page.goto(baseUrl);
  await appReady(b.page);
  await b.page.click('button:text("Designer’s lab")');
  await b.page.waitForSelector('#lab-form input[type=number]', { state: 'attached' });
  return b;
}

describe('designer’s lab', () => {
  it('changes one number, runs 200 seeds under both variants, shows both distributions and exports a valid scenario', async () => {
    const b = await openLab();
    const { page } = b;
    const shipped = shippedScenario('two-boxers');
    const before = shipped.attacks.profiles['rocket-attack'].hitPerMille;
    const changed = Math.min(1000, before + 300);

    // The form holds every number of the scenario; the filter finds one and opens its section.
    expect(await page.locator('#lab-form input[type=number]').count()).toBeGreaterThan(300);
    await page.fill('#lab-filter', 'hitPerMille');
    const input = page.locator(`input[data-path="${FIELD}"]`);
    await expect.poll(() => input.isVisible()).toBe(true);
    expect(await input.inputValue()).toBe(String(before));
    expect(await input.getAttribute('max')).toBe('1000');

    // A value past the schema's limit is refused, naming the limit, and the run cannot start.
    await input.fill('1200');
    expect(await page.textContent(`#${await input.getAttribute('id')}-problem`)).toContain('at most 1000');
    expect(await page.isDisabled('#lab-run')).toBe(true);

    await input.fill(String(changed));
    expect(await page.textContent('#lab-changes')).toContain(FIELD);
    expect(await page.isEnabled('#lab-run')).toBe(true);

    await page.fill('#lab-first', '1');
    await page.fill('#lab-last', '200');
    await page.click('#lab-run');
    await page.waitForFunction(() => (window as unknown as { __twoBoxersLab?: unknown }).__twoBoxersLab, undefined, {
      timeout: 90_000,
    });
    expect(await page.getAttribute('#lab-results', 'data-games')).toBe('200');
    expect(await page.textContent('#lab-status')).toContain('400 games');

    // Both distributions: a baseline bar and a variant bar for every rate, each with its interval.
    const rows = page.locator('#lab-rates tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#lab-rates .lab-a .lab-whisker').count()).toBe(await rows.count());
    expect(await page.locator('#lab-rates .lab-b .lab-whisker').count()).toBe(await rows.count());
    const usWins = await page.textContent('#lab-rates tr[data-figure="usWins"]');
    expect(usWins).toMatch(/\d+\.\d%.*\d+\.\d%/s);
    // More rocket hits kill more Americans: the paired difference is clear over 200 seeds.
    const usKilled = page.locator('#lab-means tr[data-figure="usKilled"]');
    expect(await usKilled.textContent()).toContain('★');
    // Means of counts have no negative bound, every minus is the typographic one, and the ★ comes with its caveat.
    expect(await page.textContent('#lab-means')).not.toMatch(/-\d/);
    expect(await page.textContent('#lab-results .note')).toContain('may be marked by chance');
    expect(await page.textContent('#lab-rates')).not.toContain('pts');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#lab-export')]);
    const path = await download.path();
    const exported = parseScenario(JSON.parse(readFileSync(path, 'utf8')));
    expect(exported.ok ? [] : exported.errors).toEqual([]);
    if (exported.ok) expect(exported.value.attacks.profiles['rocket-attack'].hitPerMille).toBe(changed);
    expect(b.errors).toEqual([]);
  });

  it('refuses seeds it cannot count (empty, past 2^53) and a file nested too deep, each with a message', async () => {
    const b = await openLab();
    const { page } = b;
    const message = () => page.locator('#lab-message').innerText();
    for (const [from, to] of [
      ['1e18', '1e18'],
      ['', '10'],
      ['9007199254740993', '9007199254740993'],
    ] as const) {
      await page.fill('#lab-first', from);
      await page.fill('#lab-last', to);
      await page.click('#lab-run');
      await expect.poll(message).toContain('Seeds: give a range of whole numbers from 0 to 9,007,199,254,740,991');
      expect(await page.locator('#lab-results[data-games]').count()).toBe(0);
    }
    const deep = `{"notes": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    await page.setInputFiles('#lab-file', {
      name: 'deep.json',
      mimeType: 'application/json',
      buffer: Buffer.from(deep),
    });
    await expect.poll(message).toMatch(/deep\.json is not (a valid scenario|a scenario)/);
    expect(b.errors).toEqual([]);
  });

  it('cancels a run part way and keeps the games already played', async () => {
    const b = await openLab();
    const { page } = b;
    await page.fill('#lab-last', '20000');
    await page.click('#lab-run');
    await page.waitForFunction(() => Number(document.querySelector('#lab-results')?.getAttribute('data-games')) > 0);
    await page.click('#lab-cancel');
    const status = await page.textContent('#lab-status');
    expect(status).toMatch(/Cancelled after \d+ seeds/);
    const shown = Number(await page.getAttribute('#lab-results', 'data-games'));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(20000);
    expect(await page.isEnabled('#lab-run')).toBe(true);
    expect(b.errors).toEqual([]);
  });

  it('loads a scenario file that names model.json, composed with the shipped model, and refuses one overriding it', async () => {
    const b = await openLab();
    const { page } = b;
    const raw = JSON.parse(readFileSync(new URL('../../scenarios/red-lines.json', import.meta.url), 'utf8'));
    expect(raw.model).toBe('model.json');
    await page.setInputFiles('#lab-file', {
      name: 'red-lines.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(raw)),
    });
    await expect.poll(() => page.textContent('h3:has-text("3. Outcomes")')).toContain('red-lines.json');
    // The form holds the model's numbers, as the composed scenario plays them.
    await page.fill('#lab-filter', 'pressurePerRung');
    const field = page.locator('input[data-path="ladder.pressurePerRung"]');
    expect(await field.inputValue()).toBe(String(shippedScenario('red-lines').ladder.pressurePerRung));

    raw.ladder.pressurePerRung = 40;
    await page.setInputFiles('#lab-file', {
      name: 'mine.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(raw)),
    });
    await page.waitForSelector('#lab-message .error');
    expect(await page.textContent('#lab-message')).toContain(
      'mine.json: ladder.pressurePerRung: a model rule, held by model.json (bundled)',
    );
    expect(b.errors).toEqual([]);
  });

  it('names what is wrong in a scenario file it cannot load', async () => {
    const b = await openLab();
    const { page } = b;
    await page.setInputFiles('#lab-file', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ formatVersion: 1, turns: 'twelve' })),
    });
    await page.waitForSelector('#lab-message .error');
    expect(await page.textContent('#lab-message')).toContain('broken.json is not a valid scenario');
    expect(b.errors).toEqual([]);
  });
});
