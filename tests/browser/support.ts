import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';

/** The flags TOOLCHAIN.md names for Debian's chromium on this machine (no network beyond loopback). */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far: every test asserts there are none. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * A fresh browser profile (its own localStorage), at 1280x720 unless told otherwise, collecting console errors.
 * Playwright refuses --user-data-dir in args, so the empty profile folder is the first parameter.
 */
export async function openBrowser(viewport = { width: 1280, height: 720 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'two-boxers-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport,
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const watch = (p: Page) => {
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    p.on('pageerror', (e) => errors.push(String(e)));
  };
  watch(page);
  context.on('page', watch);
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The browsers of one test file's tests, for a test file to call once at its top: each opened fresh (at 1280x720
 * unless told otherwise) and preferring reduced motion, so the game resolves weeks without animation and no test
 * races one (the map tests cover the animations); every browser a test opened is closed after it, and a console
 * error in any of them fails that test.
 */
export function browsersPerTest(): (viewport?: { width: number; height: number }) => Promise<Browser> {
  const open: Browser[] = [];
  afterEach(async () => {
    const errors = open.flatMap((b) => b.errors);
    await Promise.all(open.splice(0).map((b) => b.close()));
    expect(errors, 'console errors').toEqual([]);
  });
  return async (viewport) => {
    const b = await openBrowser(viewport);
    open.push(b);
    await b.page.emulateMedia({ reducedMotion: 'reduce' });
    return b;
  };
}

/** Waits until the app has started (main.ts sets the flag once the first screen is drawn). */
export async function appReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __twoBoxersReady?: boolean }).__twoBoxersReady === true);
}

/** Share of the canvas's pixels that differ from its top-left pixel (the sea): a blank map is near 0. */
export async function canvasInk(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas');
    if (!canvas) return 0;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d');
    if (!ctx) return 0;
    ctx.drawImage(canvas, 0, 0);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    const [r, g, b] = [data[0], data[1], data[2]];
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] !== r || data[i + 1] !== g || data[i + 2] !== b) ink++;
    return ink / (data.length / 4);
  });
}
