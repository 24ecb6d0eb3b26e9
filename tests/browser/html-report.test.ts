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
    compare: { file: file('compare'), plots: 9 },
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
});
