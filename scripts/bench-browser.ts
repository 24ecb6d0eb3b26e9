/**
 * Browser figures for `npm run bench`: the built game's time to interactive against a bare Phaser 4 page in the
 * same browser (target: within 1.5x), our own JavaScript's gzip size apart from Phaser's (target: under 150 KB),
 * and frame times while a turn's resolution animates (target: 60 fps). Prints figures; asserts nothing.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import { appReady, openBrowser } from '../tests/browser/support.ts';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function serve(root: string | undefined, outDir: string) {
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('no preview URL');
  return { server, url };
}

async function main(): Promise<void> {
  const gameDir = mkdtempSync(join(tmpdir(), 'two-boxers-bench-game-'));
  const bareDir = mkdtempSync(join(tmpdir(), 'two-boxers-bench-bare-'));
  const game = await serve(undefined, gameDir);
  const bare = await serve('scripts/bench-bare', bareDir);

  const sizes = { phaser: 0, ours: 0 };
  for (const f of readdirSync(join(gameDir, 'assets'))) {
    if (!f.endsWith('.js')) continue;
    const gz = gzipSync(readFileSync(join(gameDir, 'assets', f))).length;
    if (f.startsWith('phaser')) sizes.phaser += gz;
    else sizes.ours += gz;
  }

  const b = await openBrowser();
  const page = b.page;
  try {
    // A game in progress opened from a share link: the time until the turn screen and its map are usable.
    await page.goto(game.url);
    await appReady(page);
    await page.click('button:text("New game")');
    await page.click('button[type=submit]');
    await page.click('button:text("Begin the first week")');
    await page.waitForSelector('#share-button');
    await page.click('#share-button');
    const link = await page.inputValue('#share-link');
    const bareTimes: number[] = [];
    const gameTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(bare.url);
      await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined);
      bareTimes.push(await page.evaluate(() => (window as unknown as { __ready: number }).__ready));
      await page.goto('about:blank');
      await page.goto(link);
      await page.waitForFunction(
        () => (window as unknown as { __twoBoxersMapReady?: number }).__twoBoxersMapReady !== undefined,
      );
      gameTimes.push(
        await page.evaluate(() => (window as unknown as { __twoBoxersMapReady: number }).__twoBoxersMapReady),
      );
    }
    // Frame times while a resolution animates.
    if (await page.isVisible('.coach')) await page.click('.coach button:text("Skip the tips")');
    await page.selectOption('#order-type', 'strike-site');
    await page.click('#add-order');
    // A string, not a function: tsx names functions with a helper that does not exist inside the page.
    const frames = page.evaluate(`new Promise((resolve) => {
      const deltas = [];
      let last = performance.now();
      const step = (now) => {
        deltas.push(now - last);
        last = now;
        if (deltas.length < 180) requestAnimationFrame(step);
        else resolve(deltas);
      };
      requestAnimationFrame(step);
    })`) as Promise<number[]>;
    await page.click('#commit');
    const deltas = (await frames).slice(5);
    const sorted = [...deltas].sort((a, c) => a - c);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN;
    const ratio = median(gameTimes) / median(bareTimes);
    console.log('');
    console.log('Browser (headless chromium, software WebGL)      figure        target');
    console.log(`  bare Phaser 4 page, first frame (median)       ${median(bareTimes).toFixed(0).padStart(6)} ms`);
    console.log(
      `  game turn screen with map (median)             ${median(gameTimes).toFixed(0).padStart(6)} ms   ≤ 1.5x bare (${ratio.toFixed(2)}x)`,
    );
    console.log(`  our JavaScript, gzip                           ${kb(sizes.ours).padStart(9)}   < 150 KB`);
    console.log(`  Phaser chunk, gzip                             ${kb(sizes.phaser).padStart(9)}`);
    console.log(
      `  frame time during a resolution (median)        ${median(deltas).toFixed(1).padStart(6)} ms   ≤ 16.7 ms (60 fps)`,
    );
    console.log(`  frame time during a resolution (95th pct.)     ${p95.toFixed(1).padStart(6)} ms`);
    if (b.errors.length > 0) console.log(`  console errors: ${b.errors.length}\n    ${b.errors.join('\n    ')}`);
  } finally {
    await b.close();
    await game.server.close();
    await bare.server.close();
    rmSync(gameDir, { recursive: true, force: true });
    rmSync(bareDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
