import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createClassSession } from '../../src/net/client.ts';
import { startServer } from '../server/harness.ts';
import { appReady, type Browser, openBrowser } from './support.ts';

/**
 * The class screen read from the back of the room: on a 1920x1080 projector, the one-device game's class screen and
 * the classroom server's projector seat set their running text at PROJECTOR_BODY px or more and nothing smaller than
 * PROJECTOR_LABEL px, above the player's screen's floor (issue 13: 18 px body, 13 px labels at 1920x1080).
 */

const baseUrl = inject('baseUrl');
const distDir = inject('distDir');
const open: Browser[] = [];
const PROJECTOR = { width: 1920, height: 1080 };
const PROJECTOR_BODY = 24;
const PROJECTOR_LABEL = 18;

afterEach(async () => {
  const errors = open.flatMap((b) => b.errors);
  await Promise.all(open.splice(0).map((b) => b.close()));
  expect(errors, 'console errors').toEqual([]);
});

async function browser(): Promise<Browser> {
  const b = await openBrowser(PROJECTOR);
  open.push(b);
  await b.page.emulateMedia({ reducedMotion: 'reduce' });
  return b;
}

interface Sized {
  tag: string;
  text: string;
  px: number;
}

/** Every visible element with text of its own on the page, with its computed font size. */
async function textSizes(page: Page): Promise<Sized[]> {
  return page.evaluate(() => {
    const out: Sized[] = [];
    for (const el of document.querySelectorAll('#app *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!own || el.closest('.sr-only, [hidden], svg') || el.getClientRects().length === 0) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      out.push({
        tag: `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`,
        text: el.textContent!.trim().slice(0, 40),
        px: Number.parseFloat(getComputedStyle(el).fontSize),
      });
    }
    return out;
  });
}

/** Running text (paragraphs, list items, table cells) and the rest (labels, meters, buttons), each below its floor. */
function tooSmall(sizes: Sized[]): { body: Sized[]; labels: Sized[] } {
  // Notes and the ladder's rung names are labels; the rest of the paragraphs, items and cells are running text.
  const running = (s: Sized) => /^(p|li|td|dd)\b/.test(s.tag) && !/\.(note|rung|ladder-odds)\b/.test(s.tag);
  return {
    body: sizes.filter((s) => running(s) && s.px < PROJECTOR_BODY),
    labels: sizes.filter((s) => s.px < PROJECTOR_LABEL),
  };
}

describe('projector text', () => {
  it("sets the one-device game's class screen large enough to read from the back", async () => {
    const { page } = await browser();
    await page.goto(baseUrl);
    await appReady(page);
    await page.click('button:text("New game")');
    await page.selectOption('#preset', 'short');
    await page.selectOption('#opponent', 'hotseat');
    await page.check('#classroom');
    await page.fill('#seed', '41');
    await page.fill('#desk-pin', '2468');
    await page.click('button[type=submit]');
    await page.click('button:text("Begin the first week")');
    await page.waitForSelector('h2:text("Week 1: the class screen")');
    const sizes = await textSizes(page);
    expect(sizes.length).toBeGreaterThan(20);
    expect(tooSmall(sizes)).toEqual({ body: [], labels: [] });
  });

  it("sets the classroom server's projector seat large enough to read from the back", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'two-boxers-projector-'));
    const server = await startServer({ DATA_DIR: dataDir, DIST_DIR: distDir });
    try {
      const reply = await createClassSession(server.url, { preset: 'short', games: 1 });
      if (!reply.ok) throw new Error(reply.error.message);
      const { page } = await browser();
      await page.goto(`${server.url}/join`);
      await appReady(page);
      await page.fill('#join-code', reply.joinCode);
      await page.fill('#join-team', 'Front screen');
      await page.check('input[name=seat][value=projector]');
      await page.click('#join-submit');
      await page.waitForSelector('.net-projector .net-teams');
      const sizes = await textSizes(page);
      expect(sizes.length).toBeGreaterThan(10);
      expect(tooSmall(sizes)).toEqual({ body: [], labels: [] });
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
