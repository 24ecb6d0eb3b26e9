/**
 * Browser figures for `npm run bench`: the built game's time to interactive against a bare Phaser 4 page in the
 * same browser (target: within 1.5x), our own JavaScript's gzip size apart from Phaser's (target: under 150 KB),
 * and frame times while a turn's resolution animates (target: 60 fps). Prints figures; asserts nothing.
 *
 * Both pages record their own moment with performance.now() (ms since navigation): the game when a shared game's
 * turn screen has its HTML controls and the animation frame after its map's first frame begins (game-screen.ts), the
 * bare page at the same point after its first frame (scripts/bench-bare). The machine is shared, so the two pages
 * load in turn, many times, and the spread is printed with the medians.
 *
 * The designer's lab: 2,000 games between doctrines (seeds 1-1000, each played under the baseline and a variant) in
 * the lab's Web Workers, timed by the page from the click on Run to the last game's rows (target: under 4 s), and
 * the CPU time the browser's processes spent meanwhile, which other work on the machine stretches far less.
 * `--lab-only` measures the lab alone (no start-up, size or frame figures).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { build, preview } from 'vite';
import { appReady, openBrowser } from '../tests/browser/support.ts';

const RUNS = 11;
const LAB_RUNS = 3;
const LAB_SEEDS = 1000;
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.round((xs.length - 1) * q)] ?? Number.NaN;
const median = (xs: number[]) => quantile(xs, 0.5);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
/** "312 ms (quartiles 290-340, 270-410)": the median, then the middle half and the whole range. */
const spread = (xs: number[]) =>
  `${median(xs).toFixed(0).padStart(6)} ms   (quartiles ${quantile(xs, 0.25).toFixed(0)}-${quantile(xs, 0.75).toFixed(0)}, range ${quantile(xs, 0).toFixed(0)}-${quantile(xs, 1).toFixed(0)})`;

/**
 * Loads a page and returns the time it records in `flag`. Polls every 100 ms, not on every animation frame: a check
 * in each frame would compete with the start-up being measured.
 */
async function timeOf(page: Page, url: string, flag: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url);
  const handle = await page.waitForFunction((name) => (window as unknown as Record<string, number>)[name], flag, {
    polling: 100,
  });
  return (await handle.jsonValue()) as number;
}

async function serve(root: string | undefined, outDir: string) {
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('no preview URL');
  return { server, url };
}

/**
 * CPU seconds used so far by this process's live descendants (the browsers and their renderers, where the lab's
 * workers run as threads), from Linux's /proc; NaN elsewhere.
 */
function childrenCpuSeconds(): number {
  if (!existsSync('/proc/self/stat')) return Number.NaN;
  const parentOf = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // After the command's closing parenthesis: state, ppid, ... utime and stime are the 12th and 13th fields.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parentOf.set(Number(entry), Number(fields[1]));
    ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
  }
  const descends = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, t] of ticks) if (descends(pid)) total += t;
  return total / 100; // clock ticks: 100 a second on Linux
}

/**
 * The designer's lab run LAB_RUNS times over seeds 1-LAB_SEEDS (the default players, both doctrines; one number
 * changed so the two variants differ), after one unmeasured run that loads and compiles the workers' code.
 */
async function labRuns(url: string): Promise<{ times: number[]; cpu: number[]; workers: number; load: number }> {
  // A fresh profile: the game measured above left an autosave, which the page would resume instead of the title.
  const b = await openBrowser();
  try {
    const figures = await labRunsIn(b.page, url);
    return { ...figures, load: loadavg()[0] ?? Number.NaN };
  } finally {
    await b.close();
  }
}

async function labRunsIn(page: Page, url: string): Promise<{ times: number[]; cpu: number[]; workers: number }> {
  await page.goto(url);
  await appReady(page);
  await page.click('button:text("Designer’s lab")');
  await page.waitForSelector('#lab-form input[type=number]', { state: 'attached' });
  await page.fill('#lab-filter', 'hitPerMille');
  await page.fill('input[data-path="attacks.profiles.rocket-attack.hitPerMille"]', '500');
  const once = async (last: number) => {
    await page.fill('#lab-last', String(last));
    await page.click('#lab-run');
    const handle = await page.waitForFunction(
      () => (window as unknown as { __twoBoxersLab?: { ms: number } }).__twoBoxersLab?.ms,
      undefined,
      {
        polling: 100,
        timeout: 120_000,
      },
    );
    return (await handle.jsonValue()) as number;
  };
  await once(100);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < LAB_RUNS; i++) {
    const before = childrenCpuSeconds();
    times.push(await once(LAB_SEEDS));
    cpu.push(1000 * (childrenCpuSeconds() - before));
  }
  const workers = (await page.evaluate('Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 8))')) as number;
  return { times, cpu, workers };
}

function labLines(lab: Awaited<ReturnType<typeof labRuns>>): string[] {
  return [
    `  lab: ${2 * LAB_SEEDS} doctrine games (${lab.workers} workers)       ${spread(lab.times)}   < 4000 ms`,
    `  lab: CPU time of the browser meanwhile         ${spread(lab.cpu)}`,
    // Other work on this machine slows the lab's workers directly: the load is printed beside the figure.
    `  machine load during the lab runs (1-min avg.)   ${lab.load.toFixed(1).padStart(6)}     (2 cores)`,
  ];
}

/** The lab's figures alone: a build, a preview server and the lab's runs. */
async function labOnly(): Promise<void> {
  const gameDir = mkdtempSync(join(tmpdir(), 'two-boxers-bench-game-'));
  const game = await serve(undefined, gameDir);
  try {
    const lab = await labRuns(game.url);
    console.log('');
    console.log('Browser (headless chromium)                      figure        target');
    for (const l of labLines(lab)) console.log(l);
  } finally {
    await game.server.close();
    rmSync(gameDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const gameDir = mkdtempSync(join(tmpdir(), 'two-boxers-bench-game-'));
  const bareDir = mkdtempSync(join(tmpdir(), 'two-boxers-bench-bare-'));
  const game = await serve(undefined, gameDir);
  const bare = await serve('scripts/bench-bare', bareDir);

  // What the page loads at start (index.html's scripts and preloads), apart from what it fetches on demand (the
  // debrief, the replay viewer, the briefing packets, the Red Lines data, the AI and luck workers).
  const html = readFileSync(join(gameDir, 'index.html'), 'utf8');
  const atStart = new Set([...html.matchAll(/assets\/([^"']+\.js)/g)].map((m) => m[1]));
  const sizes = { phaser: 0, ours: 0, onDemand: 0 };
  for (const f of readdirSync(join(gameDir, 'assets'))) {
    if (!f.endsWith('.js')) continue;
    const gz = gzipSync(readFileSync(join(gameDir, 'assets', f))).length;
    if (f.startsWith('phaser')) sizes.phaser += gz;
    else if (atStart.has(f)) sizes.ours += gz;
    else sizes.onDemand += gz;
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
    // One load of each first, unmeasured: the first load of a page pays for compiling its code, the later ones
    // (like a returning player's) find it cached.
    await timeOf(page, bare.url, '__ready');
    await timeOf(page, link, '__twoBoxersMapReady');
    for (let i = 0; i < RUNS; i++) {
      // Alternate which page goes first, so neither always follows the other.
      const bareFirst = i % 2 === 0;
      if (bareFirst) bareTimes.push(await timeOf(page, bare.url, '__ready'));
      gameTimes.push(await timeOf(page, link, '__twoBoxersMapReady'));
      if (!bareFirst) bareTimes.push(await timeOf(page, bare.url, '__ready'));
    }
    // Frame times while a resolution animates, on the game once more.
    await timeOf(page, link, '__twoBoxersMapReady');
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
    // The game's page animates its map for as long as it is open: blank it, so that it takes no CPU from the lab.
    await page.goto('about:blank');
    const lab = await labRuns(game.url);
    const ratio = median(gameTimes) / median(bareTimes);
    console.log('');
    console.log('Browser (headless chromium, software WebGL)      figure        target');
    console.log(`  bare Phaser 4 page, first frame (median)       ${spread(bareTimes)}`);
    console.log(`  game turn screen with map (median)             ${spread(gameTimes)}`);
    console.log(`  game / bare (medians)                          ${ratio.toFixed(2).padStart(6)} x    ≤ 1.5x`);
    console.log(`  our JavaScript loaded at start, gzip           ${kb(sizes.ours).padStart(9)}   < 150 KB`);
    console.log(`  our JavaScript loaded on demand, gzip          ${kb(sizes.onDemand).padStart(9)}`);
    console.log(`  Phaser chunk, gzip                             ${kb(sizes.phaser).padStart(9)}`);
    console.log(
      `  frame time during a resolution (median)        ${median(deltas).toFixed(1).padStart(6)} ms   ≤ 16.7 ms (60 fps)`,
    );
    console.log(`  frame time during a resolution (95th pct.)     ${p95.toFixed(1).padStart(6)} ms`);
    for (const l of labLines(lab)) console.log(l);
    if (b.errors.length > 0) console.log(`  console errors: ${b.errors.length}\n    ${b.errors.join('\n    ')}`);
  } finally {
    await b.close();
    await game.server.close();
    await bare.server.close();
    rmSync(gameDir, { recursive: true, force: true });
    rmSync(bareDir, { recursive: true, force: true });
  }
}

(process.argv.includes('--lab-only') ? labOnly() : main()).catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
