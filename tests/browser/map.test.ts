import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GameEvent } from '../../src/engine/events.ts';
import type { MapHarness } from './map-harness.ts';
import { bundledScenarios } from '../../scripts/vite-scenarios.ts';
import { type Browser, openBrowser } from './support.ts';

/**
 * The map module on a page of its own (tests/browser/map-harness.html), built with Vite into a temporary folder
 * and served on a free loopback port, driven by Debian's chromium as TOOLCHAIN.md describes. Screenshots go to
 * screenshots/map-*.png (git-ignored) for a person to look at.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SHOTS = join(ROOT, 'screenshots');
let server: PreviewServer | undefined;
let outDir: string | undefined;
let browser: Browser | undefined;
let baseUrl = '';

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'two-boxers-map-'));
  await build({
    configFile: false,
    root: ROOT,
    base: './',
    logLevel: 'error',
    plugins: [bundledScenarios()],
    build: {
      outDir,
      emptyOutDir: true,
      chunkSizeWarningLimit: 5000,
      rolldownOptions: { input: join(ROOT, 'tests/browser/map-harness.html') },
    },
  });
  server = await preview({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report its URL');
  baseUrl = `${url}tests/browser/map-harness.html`;
  browser = await openBrowser();
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const p of browser?.context.pages() ?? []) await p.close();
  expect(browser?.errors.splice(0), 'console errors').toEqual([]);
});

/** Opens the harness with the map's parent at w x h CSS px and waits for the map's first frame. */
async function openMap(w = 760, h = 475, viewport = { width: 1280, height: 720 }): Promise<Page> {
  const page = await browser!.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${baseUrl}?w=${w}&h=${h}`);
  await page.waitForFunction(() => (window as unknown as { __map?: MapHarness }).__map !== undefined);
  return page;
}

/** Share of the map's pixels that are not the sea colour, decoded in the page from a PNG screenshot. */
async function inkOf(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    if (!ctx) return 0;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) {
      // The sea is #22384c; anything clearly different is land, a border, a marker or a name.
      if (Math.abs(d[i]! - 0x22) + Math.abs(d[i + 1]! - 0x38) + Math.abs(d[i + 2]! - 0x4c) > 24) ink++;
    }
    return ink / (d.length / 4);
  }, png.toString('base64'));
}

/** The map's two canvases: the still backdrop and Phaser's, which lies on top of it. */
const GAME_CANVAS = '#map canvas:not(.map-backdrop)';
const BACKDROP = '#map canvas.map-backdrop';

/**
 * The mean colour of a small square of the map around a page point: the backdrop with the WebGL drawing buffer laid
 * over it, as the page shows them.
 */
async function patch(page: Page, at: { x: number; y: number }): Promise<number[]> {
  return page.evaluate((p) => {
    const layers = [...document.querySelectorAll<HTMLCanvasElement>('#map canvas')];
    const canvas = layers.at(-1)!;
    const r = canvas.getBoundingClientRect();
    const sx = ((p.x - r.left - window.scrollX) * canvas.width) / r.width;
    const sy = ((p.y - r.top - window.scrollY) * canvas.height) / r.height;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d')!;
    for (const layer of layers) ctx.drawImage(layer, 0, 0);
    const d = ctx.getImageData(Math.round(sx) - 12, Math.round(sy) - 12, 24, 24).data;
    const sum = [0, 0, 0];
    for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) sum[k]! += d[i + k]!;
    return sum.map((v) => Math.round(v / (d.length / 4)));
  }, at);
}

const where = (page: Page, id: string) =>
  page.evaluate((siteId) => (window as unknown as { __map: MapHarness }).__map.controller.screenPosition(siteId), id);

/**
 * Plays events through the harness and reports what play() scheduled instead of how long it took (a wall-clock
 * threshold fails under load): the timers set while it ran (each animated event arms one watchdog) and whether the
 * promise was already settled when play() returned to the caller, i.e. before any frame could run.
 */
const recordPlay = (page: Page, events: GameEvent[], speed: number) =>
  page.evaluate(
    async ({ events, speed }) => {
      const timers: number[] = [];
      const realSetTimeout = window.setTimeout;
      window.setTimeout = ((handler: TimerHandler, delay?: number, ...rest: unknown[]) => {
        timers.push(delay ?? 0);
        return realSetTimeout(handler, delay, ...rest);
      }) as typeof window.setTimeout;
      let settled = false;
      try {
        const run = (window as unknown as { __map: MapHarness }).__map.controller.play(events, speed).then(() => {
          settled = true;
        });
        // One microtask turn for the controller's queue, no frame: an instant play has finished by then.
        for (let i = 0; i < 5; i++) await Promise.resolve();
        const settledAtOnce = settled;
        await run;
        return { timers, settledAtOnce };
      } finally {
        window.setTimeout = realSetTimeout;
      }
    },
    { events, speed },
  );

/** The next two animation frames: a map that was woken has drawn by then. */
const twoFrames = (page: Page) =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

const none = { usKilled: 0, usWounded: 0, iraqiForcesKilled: 0, civiliansKilled: 0, proxiesKilled: 0 };

const attackAndStrike: GameEvent[] = [
  {
    audience: 'all',
    type: 'attack',
    attackId: 41,
    kind: 'rocket-attack',
    target: 'taji',
    projectiles: 6,
    intercepted: 2,
    hits: 1,
    caught: false,
    casualties: { ...none, usWounded: 2 },
  },
  {
    audience: 'all',
    type: 'strike',
    strikeId: 42,
    site: 'jurf-al-sakhar',
    group: 'kh',
    kind: 'strike',
    arsenalLost: 5,
    strengthLost: 3,
    casualties: { ...none, proxiesKilled: 4 },
  },
];

/** One event of every kind the map animates, plus some it leaves to the news feed. */
const everything: GameEvent[] = [
  { audience: 'all', type: 'turn-started', turn: 3, date: '2020-04-08' },
  {
    audience: 'all',
    type: 'attack',
    attackId: 50,
    kind: 'lethal-barrage',
    target: 'union-iii',
    projectiles: 24,
    intercepted: 8,
    hits: 5,
    caught: false,
    casualties: { ...none, usKilled: 1, usWounded: 6 },
  },
  { audience: 'all', type: 'claimed', attackId: 50, claim: 'osbat-al-thaereen', name: 'Osbat al-Thaereen' },
  { audience: 'us', type: 'attributed', attackId: 50, suspect: 'kh', confidence: 700, word: 'likely' },
  {
    audience: 'all',
    type: 'attack',
    attackId: 51,
    kind: 'convoy-attack',
    target: 'convoy',
    projectiles: 2,
    intercepted: 0,
    hits: 1,
    caught: false,
    casualties: none,
  },
  {
    audience: 'all',
    type: 'attack',
    attackId: 52,
    kind: 'rocket-attack',
    target: 'besmaya',
    projectiles: 0,
    intercepted: 0,
    hits: 0,
    caught: true,
    casualties: none,
  },
  {
    audience: 'all',
    type: 'attack',
    attackId: 53,
    kind: 'missile-strike',
    target: 'erbil',
    projectiles: 14,
    intercepted: 7,
    hits: 3,
    caught: false,
    casualties: { ...none, usWounded: 12 },
  },
  { audience: 'us', type: 'attributed', attackId: 53, suspect: null, confidence: 990, word: 'almost certain' },
  { audience: 'all', type: 'leader-killed', group: 'aah', leader: 'Qais al-Khazali' },
  { audience: 'all', type: 'handover', base: 'taqaddum' },
  { audience: 'all', type: 'air-defence', base: 'taji', level: 'cram' },
  { audience: 'all', type: 'siege', success: true },
  { audience: 'all', type: 'rung', from: 5, to: 6, pressure: 40, cause: 'pressure' },
  { audience: 'all', type: 'vote', votesFor: 120, votesAgainst: 90, passed: false, expelled: false },
];

/** A busy week: attacks on the Baghdad column's sites and beyond, strikes down the Euphrates, claims, and more. */
const busyWeek: GameEvent[] = [
  ...['union-iii', 'embassy', 'taji', 'besmaya', 'ain-al-asad', 'erbil', 'taqaddum', 'k1'].flatMap(
    (target, i): GameEvent[] => [
      {
        audience: 'all',
        type: 'attack',
        attackId: 60 + i,
        kind: i % 3 === 0 ? 'lethal-barrage' : 'rocket-attack',
        target,
        projectiles: 6 + i,
        intercepted: 2,
        hits: i % 2,
        caught: false,
        casualties: { ...none, usWounded: i % 2 },
      },
      { audience: 'all', type: 'claimed', attackId: 60 + i, claim: 'osbat-al-thaereen', name: 'Osbat al-Thaereen' },
      { audience: 'us', type: 'attributed', attackId: 60 + i, suspect: 'kh', confidence: 700, word: 'likely' },
    ],
  ),
  ...['jurf-al-sakhar', 'musayyib', 'karbala-airport', 'jadriya', 'burjesia'].map(
    (site, i): GameEvent => ({
      audience: 'all',
      type: 'strike',
      strikeId: 80 + i,
      site,
      group: 'kh',
      kind: 'strike',
      arsenalLost: 3,
      strengthLost: 2,
      casualties: { ...none, proxiesKilled: 2 },
    }),
  ),
  { audience: 'all', type: 'leader-killed', group: 'kh', leader: 'Abu Fadak' },
  { audience: 'all', type: 'handover', base: 'taqaddum' },
  { audience: 'all', type: 'air-defence', base: 'union-iii', level: 'cram' },
  { audience: 'all', type: 'siege', success: true },
];

describe('the map', () => {
  it('draws countries, names and every site at 1280x720, legibly sized', async () => {
    const page = await openMap();
    const box = (await page.locator(GAME_CANVAS).boundingBox())!;
    // FIT into the 760x475 parent: the 1600x1000 world fills it exactly (same aspect ratio).
    expect(box.width).toBeCloseTo(760, 0);
    expect(box.height).toBeCloseTo(475, 0);
    expect(await page.locator(BACKDROP).boundingBox()).toEqual(box);
    const png = await page.locator('#wrap').screenshot({ path: join(SHOTS, 'map-1280x720.png') });
    expect(await inkOf(page, png)).toBeGreaterThan(0.2);
    for (const id of ['ain-al-asad', 'embassy', 'union-iii', 'jadriya', 'tehran', 'abqaiq', 'burjesia']) {
      const p = await where(page, id);
      expect(p, id).not.toBeNull();
      expect(p!.x).toBeGreaterThan(box.x);
      expect(p!.x).toBeLessThan(box.x + box.width);
      expect(p!.y).toBeGreaterThan(box.y);
      expect(p!.y).toBeLessThan(box.y + box.height);
    }
    expect(await where(page, 'no-such-site')).toBeNull();
    // The plan shipped in assets/map/layouts.json was made with this browser's measurements, so it is the one used:
    // a plan computed here would mean text-metrics.json is stale (rerun `npx tsx scripts/build-map.ts`).
    const plan = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
    expect(plan.filter((name) => name.startsWith('two-boxers:map-plan'))).toEqual(['two-boxers:map-plan-shipped']);
  });

  it('reports hover and clicks on a base, and forgets the hover when the pointer leaves', async () => {
    const page = await openMap();
    for (const id of ['ain-al-asad', 'embassy']) {
      const p = (await where(page, id))!;
      await page.mouse.move(p.x, p.y);
      await page.waitForFunction(
        (siteId) => (window as unknown as { __map: MapHarness }).__map.hovers.at(-1)?.id === siteId,
        id,
      );
      const last = await page.evaluate(() => (window as unknown as { __map: MapHarness }).__map.hovers.at(-1));
      expect(last?.at?.x).toBeCloseTo(p.x, 0);
      expect(last?.at?.y).toBeCloseTo(p.y, 0);
      await page.mouse.down();
      await page.mouse.up();
      expect(await page.evaluate(() => (window as unknown as { __map: MapHarness }).__map.selects.at(-1))).toBe(id);
      expect(await page.evaluate((sel) => document.querySelector<HTMLElement>(sel)!.style.cursor, GAME_CANVAS)).toBe(
        'pointer',
      );
    }
    await page.mouse.move(5, 5);
    await page.waitForFunction(() => (window as unknown as { __map: MapHarness }).__map.hovers.at(-1)?.id === null);
  });

  it('rings the focused site, moves the ring on re-focus and clears it', async () => {
    const page = await openMap();
    const taji = (await where(page, 'taji'))!;
    const erbil = (await where(page, 'erbil'))!;
    const ringAt = (p: { x: number; y: number }) => ({ x: p.x + 13, y: p.y });
    const before = await patch(page, ringAt(taji));
    await page.evaluate(() => (window as unknown as { __map: MapHarness }).__map.controller.focus('taji'));
    await page.waitForTimeout(150);
    await page.locator('#wrap').screenshot({ path: join(SHOTS, 'map-focus.png') });
    expect(await patch(page, ringAt(taji))).not.toEqual(before);
    const erbilBefore = await patch(page, ringAt(erbil));
    await page.evaluate(() => (window as unknown as { __map: MapHarness }).__map.controller.focus('erbil'));
    await page.waitForTimeout(150);
    expect(await patch(page, ringAt(taji))).toEqual(before);
    expect(await patch(page, ringAt(erbil))).not.toEqual(erbilBefore);
    await page.evaluate(() => (window as unknown as { __map: MapHarness }).__map.controller.focus(null));
    await page.waitForTimeout(150);
    expect(await patch(page, ringAt(erbil))).toEqual(erbilBefore);
  });

  it('plays an attack and a strike within a few seconds at speed 1, and at once at speed 0', async () => {
    // Pictures of rockets and of a strike in the air, in slow motion: a screenshot of a busy software-rendered canvas
    // takes about a second to capture.
    for (const [i, name] of [
      [0, 'map-attack.png'],
      [1, 'map-strike.png'],
    ] as const) {
      const film = await openMap();
      await film.evaluate((event) => {
        void (window as unknown as { __map: MapHarness }).__map.controller.play([event], 0.1);
      }, attackAndStrike[i]!);
      await film.waitForTimeout(1800);
      await film.locator('#wrap').screenshot({ path: join(SHOTS, name) });
      await film.close();
    }

    const page = await openMap();
    const jurf = (await where(page, 'jurf-al-sakhar'))!;
    const before = await patch(page, jurf);
    const slow = await recordPlay(page, attackAndStrike, 1);
    // Both events were animated: each armed its watchdog, and play() waited for them.
    expect(slow.timers.filter((ms) => ms >= 1000)).toHaveLength(2);
    expect(slow.settledAtOnce).toBe(false);
    // The strike left its scorch mark on the proxy site.
    expect(await patch(page, jurf)).not.toEqual(before);

    const fresh = await openMap();
    const clean = await patch(fresh, jurf);
    const instant = await recordPlay(fresh, attackAndStrike, 0);
    // Speed 0 animates nothing: no timer, and play() has settled before a single frame ran.
    expect(instant.timers).toEqual([]);
    expect(instant.settledAtOnce).toBe(true);
    // The end state is drawn on the frames after the call returns.
    await twoFrames(fresh);
    await expect.poll(() => patch(fresh, jurf)).not.toEqual(clean);
  });

  it('animates every kind of event in turn and ends in their states', async () => {
    const page = await openMap();
    const slow = await recordPlay(page, everything, 1);
    // Every event arms its watchdog but the two that only the news feed shows (the turn start and the vote).
    const onMap = everything.filter((e) => e.type !== 'turn-started' && e.type !== 'vote');
    expect(slow.timers.filter((ms) => ms >= 1000)).toHaveLength(onMap.length);
    expect(slow.settledAtOnce).toBe(false);
    await page.locator('#wrap').screenshot({ path: join(SHOTS, 'map-after-events.png') });
    // A show() after play() puts the view's state back (the engine's view is the truth, not the animation).
    await page.evaluate(() => {
      const m = (window as unknown as { __map: MapHarness }).__map;
      m.controller.show(m.view);
    });
    const instant = await recordPlay(page, everything, 0);
    expect(instant.timers).toEqual([]);
    expect(instant.settledAtOnce).toBe(true);
  });

  it('shows a later turn: handed-over bases, new air defence and struck proxy sites', async () => {
    const page = await openMap();
    await page.evaluate(() => {
      const m = (window as unknown as { __map: MapHarness }).__map;
      const v = structuredClone(m.view);
      for (const b of v.us.bases) {
        if (b.site === 'k1' || b.site === 'nineveh' || b.site === 'taqaddum') {
          b.handedOver = true;
          b.garrison = 0;
        }
        if (b.site === 'taji') b.airDefence = 'cram';
        if (b.site === 'ain-al-asad') b.garrison = 2600;
      }
      v.strikes = [
        { id: 9, turn: 2, site: 'jurf-al-sakhar', group: 'kh', kind: 'strike', casualties: v.casualties },
        { id: 10, turn: 2, site: 'albu-kamal', group: 'nujaba', kind: 'strike', casualties: v.casualties },
      ];
      m.controller.show(v);
    });
    await page.waitForTimeout(100);
    await page.locator('#wrap').screenshot({ path: join(SHOTS, 'map-later-turn.png') });
  });

  it('settles a pending play when the map is destroyed, and removes its canvas', async () => {
    const page = await openMap();
    const settled = await page.evaluate(async (events) => {
      const m = (window as unknown as { __map: MapHarness }).__map;
      let done = false;
      const run = m.controller.play(events, 1).then(() => {
        done = true;
      });
      await new Promise((r) => setTimeout(r, 200));
      const playingBefore = !done;
      m.controller.destroy();
      // Settled by the destroy itself, well before any event's watchdog would have given up on its animation.
      await new Promise((r) => setTimeout(r, 100));
      const settledAfterDestroy = done;
      await run;
      return { playingBefore, settledAfterDestroy, canvases: document.querySelectorAll('canvas').length };
    }, everything);
    expect(settled.playingBefore).toBe(true);
    expect(settled.settledAfterDestroy).toBe(true);
    expect(settled.canvases).toBe(0);
  });

  it('follows its parent when it is resized while the map is idle', async () => {
    const page = await openMap();
    await page.waitForTimeout(300); // long enough for the idle loop to fall asleep
    await page.evaluate(() => {
      const wrap = document.getElementById('wrap')!;
      wrap.style.width = '1000px';
      wrap.style.height = '625px';
    });
    await page.waitForFunction(
      (selector) => Math.round(document.querySelector(selector)!.getBoundingClientRect().width) === 1000,
      GAME_CANVAS,
    );
    const box = (await page.locator(GAME_CANVAS).boundingBox())!;
    expect(box.height).toBeCloseTo(625, 0);
    // The still map behind it follows it.
    expect(await page.locator(BACKDROP).boundingBox()).toEqual(box);
    const p = (await where(page, 'erbil'))!;
    await page.mouse.move(p.x, p.y);
    await page.waitForFunction(() => (window as unknown as { __map: MapHarness }).__map.hovers.at(-1)?.id === 'erbil');
  });

  it("keeps every resolution caption off the site and city names through a busy week (but the handover's)", async () => {
    const page = await openMap();
    // Every frame while the week plays: each caption showing, and any place name it covers.
    const seen = await page.evaluate(
      async (events) => {
        const m = (window as unknown as { __map: MapHarness }).__map;
        const inter = (a: Box, b: Box) =>
          Math.min(a.x + a.w, b.x + b.w) > Math.max(a.x, b.x) && Math.min(a.y + a.h, b.y + b.h) > Math.max(a.y, b.y);
        type Box = { x: number; y: number; w: number; h: number };
        let frames = 0;
        let captions = 0;
        const covered: string[] = [];
        let playing = true;
        const sample = (): void => {
          const { names, captions: boxes } = m.controller.onScreen();
          frames++;
          captions = Math.max(captions, boxes.length);
          for (const c of boxes)
            for (const n of names) if (inter(c, n)) covered.push(`${JSON.stringify(c)} covers ${JSON.stringify(n)}`);
          if (playing) requestAnimationFrame(sample);
        };
        requestAnimationFrame(sample);
        await m.controller.play(events, 2);
        playing = false;
        return { frames, captions, names: m.controller.onScreen().names.length, covered: [...new Set(covered)] };
      },
      // The handover's caption stands beside its base even over a name (the test after this one).
      busyWeek.filter((e) => e.type !== 'handover'),
    );
    // The sampling saw the week: many frames, several captions at once, and every site's and city's name.
    expect(seen.frames).toBeGreaterThan(50);
    expect(seen.captions).toBeGreaterThanOrEqual(3);
    expect(seen.names).toBeGreaterThanOrEqual(25);
    expect(seen.covered).toEqual([]);
  });

  // A handover's caption stands beside its base, over a name if it must, rather than far off on a leader line
  // (captionSpot's nearOverNames; tests/ui/map-layout.test.ts pins where each goes, clear of every marker).
  it('keeps the captions of the bases handed over in one week apart', async () => {
    const page = await openMap();
    await page.evaluate(() => {
      const m = (window as unknown as { __map: MapHarness }).__map;
      type Box = { x: number; y: number; w: number; h: number };
      const inter = (a: Box, b: Box) =>
        Math.min(a.x + a.w, b.x + b.w) > Math.max(a.x, b.x) && Math.min(a.y + a.h, b.y + b.h) > Math.max(a.y, b.y);
      // Every base that can be handed over or is being handed over, handed over in the same week.
      const bases = m.view.us.bases
        .filter((b) => (b.canHandOver || b.handoverTurns > 0) && !b.handedOver)
        .map((b) => b.site);
      let captions = 0;
      const clashes: string[] = [];
      let playing = true;
      const sample = (): void => {
        const { captions: boxes } = m.controller.onScreen();
        captions = Math.max(captions, boxes.length);
        boxes.forEach((c, i) => {
          for (const d of boxes.slice(i + 1))
            if (inter(c, d)) clashes.push(`${JSON.stringify(c)} and ${JSON.stringify(d)}`);
        });
        if (playing) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
      const w = window as unknown as { __week: Promise<unknown> };
      w.__week = m.controller
        .play(
          bases.map((base) => ({ audience: 'all', type: 'handover', base })),
          1,
        )
        .then(() => {
          playing = false;
          return { bases: bases.length, captions, clashes: [...new Set(clashes)] };
        });
    });
    // All the captions showing at once, each beside its base: for a person to look at.
    await page.waitForTimeout(1500);
    await page.locator('#wrap').screenshot({ path: join(SHOTS, 'map-handovers.png') });
    const seen = await page.evaluate(
      () => (window as unknown as { __week: Promise<{ bases: number; captions: number; clashes: string[] }> }).__week,
    );
    expect(seen.bases).toBeGreaterThanOrEqual(2);
    expect(seen.captions).toBeGreaterThanOrEqual(2);
    expect(seen.clashes).toEqual([]);
  });

  it('stays legible on a larger screen (1920x1080)', async () => {
    const page = await openMap(1140, 712, { width: 1920, height: 1080 });
    const png = await page.locator('#wrap').screenshot({ path: join(SHOTS, 'map-1920x1080.png') });
    expect(await inkOf(page, png)).toBeGreaterThan(0.2);
  });
});
