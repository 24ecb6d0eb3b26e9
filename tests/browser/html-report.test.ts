import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../cli/support.ts';
import { type Browser, openBrowser } from './support.ts';

/** Item 5 of the designer's-lab issue: --html writes one self-contained report whose plots draw in a browser. */

let dir = '';
let browser: Browser;
const reports: Record<string, { file: string; plots: number }> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'two-boxers-html-'));
  const file = (name: string) => join(dir, `${name}.html`);
  const runs = await Promise.all([
    cli('src/cli/batch.ts', ['--seeds', '1-40', '--html', file('batch')]),
    cli('src/cli/sweep.ts', [
      '--set',
      'attacks.profiles.rocket-attack.hitPerMille=0,300,900',
      '--seeds',
      '1-20',
      '--html',
      file('sweep'),
    ]),
    cli('src/cli/compare.ts', [
      '--set',
      'attacks.profiles.rocket-attack.hitPerMille=900',
      '--seeds',
      '1-30',
      '--html',
      file('compare'),
    ]),
    cli('src/cli/balance.ts', ['--seeds', '1', '--level', 'easy', '--preset', 'short', '--html', file('balance')]),
  ]);
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
  Object.assign(reports, {
    batch: { file: file('batch'), plots: 7 },
    sweep: { file: file('sweep'), plots: 2 },
    compare: { file: file('compare'), plots: 11 },
    balance: { file: file('balance'), plots: 3 },
  });
  browser = await openBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('--html reports', () => {
  test.each(['batch', 'sweep', 'compare', 'balance'])(
    'the %s report is one file whose plots all draw',
    async (name) => {
      const { file, plots } = reports[name]!;
      const html = readFileSync(file, 'utf8');
      // Self-contained: no script or style is fetched from anywhere.
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
      const page = browser.page;
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => document.body.dataset.plotsDrawn !== undefined, undefined, { timeout: 30_000 });
      expect(await page.evaluate(() => Number(document.body.dataset.plotsDrawn))).toBe(plots);
      // Each chart's canvas holds a drawing: some of its pixels are not blank.
      const inked = await page.evaluate(() =>
        [...document.querySelectorAll('canvas')].map((c) => {
          const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let ink = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
          return ink / (data.length / 4);
        }),
      );
      expect(inked).toHaveLength(plots);
      for (const share of inked) expect(share).toBeGreaterThan(0.001);
      const says = { batch: 'seeds 1-40', sweep: 'seeds 1-20', compare: 'B − A', balance: 'Targets' }[name];
      expect(await page.locator('pre').textContent()).toContain(says);
      expect(browser.errors).toEqual([]);
    },
  );

  /** Each chart's title, with the error bars (or bands) and ★ marks its draw hook counted. */
  const charts = () =>
    browser.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#charts section')].map((s) => ({
        title: s.querySelector('h2')!.textContent!,
        intervals: Number(s.dataset.intervals),
        stars: Number(s.dataset.stars),
      })),
    );

  test('compare names A and B, and draws every difference as an error bar, a ★ where the text has one', async () => {
    const page = browser.page;
    await page.goto(pathToFileURL(reports.compare!.file).href);
    await page.waitForFunction(() => document.body.dataset.plotsDrawn !== undefined, undefined, { timeout: 30_000 });
    expect(await page.textContent('h1')).toMatch(
      /^Compare: A scenarios\/two-boxers\.json against B .*hitPerMille=900$/,
    );
    const differences = (await charts()).filter((c) => c.title.startsWith('B − A'));
    // One chart per scale, so that a casualty's interval is not drawn on a score's axis.
    expect(differences.map((c) => c.title.split(':')[1]!.split(',')[0]!.trim())).toEqual([
      'rates',
      'casualties',
      'rungs and weeks',
      'escalation and scores',
    ]);
    expect(differences.reduce((n, c) => n + c.intervals, 0)).toBe(21);
    const text = (await page.locator('pre').textContent())!;
    const starred = text.split('\n').filter((l) => / \*$/.test(l)).length;
    expect(starred).toBeGreaterThan(0);
    expect(differences.reduce((n, c) => n + c.stars, 0)).toBe(starred);
    const outcome = (await charts()).find((c) => c.title.startsWith('Outcome rates'))!;
    expect(outcome.intervals).toBe(8);
    // In the mean paths' key, B's swatches are dashed like its lines, A's solid.
    const keys = await page.evaluate(() =>
      [...document.querySelectorAll('#charts section')]
        .filter((s) => s.querySelector('h2')!.textContent!.endsWith('week by week'))
        .flatMap((s) => [...s.querySelectorAll('.u-legend .u-series')].slice(1))
        .map((row) => ({
          label: row.querySelector('.u-label')!.textContent!,
          dash: getComputedStyle(row.querySelector('.u-marker')!).borderTopStyle,
        })),
    );
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.dash, key.label).toBe(key.label.includes('(dashed)') ? 'dashed' : 'solid');
    expect(keys.some((k) => k.dash === 'dashed')).toBe(true);
    expect(browser.errors).toEqual([]);
  });

  test("sweep's mean figures have their intervals as bands", async () => {
    const page = browser.page;
    await page.goto(pathToFileURL(reports.sweep!.file).href);
    await page.waitForFunction(() => document.body.dataset.plotsDrawn !== undefined, undefined, { timeout: 30_000 });
    const means = (await charts()).find((c) => c.title.startsWith('Mean figures'))!;
    expect(means.intervals).toBe(3);
    expect(browser.errors).toEqual([]);
  });
});
