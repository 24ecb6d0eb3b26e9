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
    // A section's count is of the rows the filter shows, out of all of them.
    const attacks = page.locator('details[data-section="attacks"]');
    const shownRows = await attacks.locator('.lab-field:visible').count();
    const allRows = await attacks.locator('.lab-field').count();
    expect(shownRows).toBeLessThan(allRows);
    expect(await attacks.locator('.lab-count').textContent()).toBe(` ${shownRows} of ${allRows}`);
    // A preset named for its length is not told its length twice.
    const lengths = await page.locator('#lab-preset option').allTextContents();
    expect(lengths).toContain('Classroom (8 turns)');
    expect(lengths.filter((t) => /\(\d+ turns\) \(\d+ turns\)/.test(t))).toEqual([]);
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
    // Under an id and name of its own, and the lab loads it back as a baseline.
    expect(download.suggestedFilename()).toBe('two-boxers-variant.json');
    if (exported.ok)
      expect([exported.value.id, exported.value.name]).toEqual(['two-boxers-variant', 'Two Boxers (variant)']);
    // A new baseline would clear the edit: the lab asks first, and keeps the edit when told no.
    const loadExported = () =>
      page.setInputFiles('#lab-file', {
        name: download.suggestedFilename(),
        mimeType: 'application/json',
        buffer: readFileSync(path),
      });
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await loadExported();
    await expect
      .poll(() => asked)
      .toEqual([
        'Change the baseline? Your change to the scenario will be lost. (Export the variant first to keep it.)',
      ]);
    expect(await page.textContent('h3:has-text("3. Outcomes")')).not.toContain('two-boxers-variant.json');
    expect(await page.locator(`input[data-path="${FIELD}"]`).inputValue()).toBe(String(changed));
    page.once('dialog', (d) => void d.accept());
    await loadExported();
    await expect.poll(() => page.textContent('h3:has-text("3. Outcomes")')).toContain('two-boxers-variant.json');
    expect(await page.textContent('#lab-changes')).toContain('No change yet');
    await page.fill('#lab-filter', 'hitPerMille');
    expect(await page.locator(`input[data-path="${FIELD}"]`).inputValue()).toBe(String(changed));
    expect(await page.textContent('#lab-message')).toBe('');
    expect(b.errors).toEqual([]);
  });

  it('refuses seeds it cannot count (empty, past 2^53) beside Run, until they are fixed, and a file nested too deep', async () => {
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
      expect(await page.isDisabled('#lab-run')).toBe(true);
      expect(await page.textContent('#lab-run-why')).toContain(
        'Seeds: give a range of whole numbers from 0 to 9,007,199,254,740,991',
      );
      expect(await page.locator('#lab-results[data-games]').count()).toBe(0);
    }
    await page.fill('#lab-first', '1');
    await page.fill('#lab-last', '100001');
    expect(await page.textContent('#lab-run-why')).toContain('Seeds: at most 100,000 at a time.');
    // Fixed seeds clear the reason and enable Run: no banner is left behind.
    await page.fill('#lab-last', '10');
    expect(await page.isEnabled('#lab-run')).toBe(true);
    expect(await page.textContent('#lab-run-why')).toBe('');
    expect(await message()).toBe('');
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
    expect(status).toMatch(/Cancelled after \d{1,3}(,\d{3})* seeds/);
    const shown = Number(await page.getAttribute('#lab-results', 'data-games'));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(20000);
    expect(await page.isEnabled('#lab-run')).toBe(true);
    expect(b.errors).toEqual([]);
  });

  it('locks the inputs while the games run, and marks the results stale once the form holds other inputs', async () => {
    const b = await openLab();
    const { page } = b;
    await page.fill('#lab-filter', 'hitPerMille');
    const input = page.locator(`input[data-path="${FIELD}"]`);
    await input.fill('500');
    await page.fill('#lab-last', '20000');
    await page.click('#lab-run');
    await page.waitForFunction(() => Number(document.querySelector('#lab-results')?.getAttribute('data-games')) > 0);
    // Mid-run every input the run plays is locked: the form, the players, the length, the seeds, the file, export.
    for (const locked of ['#lab-us', '#lab-iran', '#lab-preset', '#lab-first', '#lab-last', '#lab-file', '#lab-export'])
      expect(await page.isDisabled(locked), locked).toBe(true);
    expect(await input.isDisabled()).toBe(true);
    // ...and looks it: a locked menu is dimmed like a disabled button, not left looking live.
    for (const dimmed of ['#lab-us', '#lab-first'])
      expect(await page.$eval(dimmed, (el) => Number(getComputedStyle(el).opacity)), dimmed).toBeLessThan(1);
    await page.click('#lab-cancel');
    for (const unlocked of ['#lab-us', '#lab-first', '#lab-file', '#lab-export'])
      expect(await page.isEnabled(unlocked), unlocked).toBe(true);
    // The results say which inputs they are for, and are not stale while the form still holds them.
    const forLine = await page.textContent('#lab-results-for');
    expect(forLine).toContain(`${FIELD} = 500`);
    expect(forLine).toContain('seeds 1 to 20000');
    expect(await page.locator('#lab-stale p').count()).toBe(0);

    // The QA pass's edit: another value and another US player. The old figures stay, dimmed, under a notice.
    await input.fill('100');
    await page.selectOption('#lab-us', 'hawk');
    const stale = await page.textContent('#lab-stale');
    expect(stale).toContain('These results are for the inputs before your last change');
    expect(stale).toContain(FIELD);
    expect(stale).toContain('the US player');
    expect(await page.getAttribute('#lab-results-box', 'class')).toContain('lab-stale');

    // Back to the inputs played: the results are the form's again.
    await input.fill('500');
    await page.selectOption('#lab-us', 'measured');
    expect(await page.locator('#lab-stale p').count()).toBe(0);
    // Every change reset: "no change yet" beside figures for a variant is marked stale; so is an invalid field.
    await page.locator('#lab-changes button:text("reset")').click();
    expect(await page.textContent('#lab-changes')).toContain('No change yet');
    expect(await page.textContent('#lab-stale')).toContain('before your last change');
    await input.fill('5000');
    expect(await page.textContent('#lab-stale')).toContain('before your last change');
    expect(b.errors).toEqual([]);
  });

  it('shows the time left while a long run goes, and asks before Back throws away the edits', async () => {
    const b = await openLab();
    const { page } = b;
    await page.fill('#lab-last', '100000');
    await page.click('#lab-run');
    await expect
      .poll(() => page.textContent('#lab-status'), { timeout: 30_000 })
      .toMatch(/^[\d,]+ of 100,000 seeds · \d+\.\d s · about \d+ (s|min|h)\b.* left$/);
    await page.click('#lab-cancel');

    await page.fill('#lab-filter', 'hitPerMille');
    await page.locator(`input[data-path="${FIELD}"]`).fill('500');
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.click('.lab-head button:text("Back")');
    expect(asked).toEqual([
      'Leave the lab? Your change to the scenario will be lost. (Export the variant first to keep it.)',
    ]);
    // Dismissed: still in the lab, the edit kept.
    expect(await page.locator(`input[data-path="${FIELD}"]`).inputValue()).toBe('500');
    page.once('dialog', (d) => void d.accept());
    await page.click('.lab-head button:text("Back")');
    await page.waitForSelector('#lab-form', { state: 'detached' });
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

  it('names what is wrong in a scenario file it cannot load: the first few problems, the baseline kept, dismissable', async () => {
    const b = await openLab();
    const { page } = b;
    await page.setInputFiles('#lab-file', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ formatVersion: 1, turns: 'twelve' })),
    });
    await page.waitForSelector('#lab-message .error');
    const text = await page.locator('#lab-message').innerText();
    expect(text).toContain('broken.json is not a valid scenario');
    // 29 problems: three are listed, the rest counted, so the lab stays on screen.
    expect(text).toMatch(/and 26 more problems/);
    expect(text).toContain('The baseline is still Two Boxers (bundled).');
    expect(text.split('\n').length).toBeLessThan(9);
    // The picker no longer names the refused file.
    expect(await page.locator('#lab-file').evaluate((el) => (el as HTMLInputElement).files?.length)).toBe(0);
    await page.click('#lab-message button[aria-label="Dismiss"]');
    expect(await page.locator('#lab-message .error').count()).toBe(0);
    expect(b.errors).toEqual([]);
  });

  it('says beside Run why it cannot run, and takes the designer to the field', async () => {
    const b = await openLab();
    const { page } = b;
    // Within the field's own limits, but the pair's minimum above its maximum: a problem across fields.
    await page.fill('#lab-filter', 'rocket-attack.rockets');
    const low = page.locator('input[data-path="attacks.profiles.rocket-attack.rockets[0]"]');
    await low.fill('20');
    expect(await page.isDisabled('#lab-run')).toBe(true);
    expect(await page.textContent('#lab-run-why')).toContain(
      'The variant is not a valid scenario: attacks.profiles.rocket-attack.rockets: a [min, max] pair with min <= max',
    );
    // The link clears a filter that hides the field, opens its section and puts the cursor in it.
    await page.fill('#lab-filter', 'consent');
    await page.click('#lab-run-why button:text("Go to the field")');
    expect(await low.isVisible()).toBe(true);
    expect(await low.evaluate((el) => el === document.activeElement)).toBe(true);
    // A field out of its own limits is named beside Run too.
    await low.fill('2');
    expect(await page.isEnabled('#lab-run')).toBe(true);
    await page.fill('#lab-filter', 'hitPerMille');
    await page.locator(`input[data-path="${FIELD}"]`).fill('1200');
    expect(await page.textContent('#lab-run-why')).toContain(`A field is out of its limits: ${FIELD} (at most 1000).`);
    expect(b.errors).toEqual([]);
  });
});
