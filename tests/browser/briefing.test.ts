import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createGame,
  forecastOrder,
  type Scenario,
  type Side,
  US_ORDER_TYPES,
  viewFor,
} from '../../src/engine/index.ts';
import { MAP_COLOURS } from '../../src/ui/print-map.ts';
import { bundledScenarios } from '../../scripts/vite-scenarios.ts';
import { shippedScenario } from '../shipped.ts';
import { type Browser, openBrowser } from './support.ts';

/**
 * The briefing packets (src/ui/briefing-packet.ts) on a harness page inside the app's own frame and styles, printed
 * by headless chromium to PDF (page.pdf) on A4 and on Letter, and the PDF turned into text (pdftotext) and PNG pages
 * (pdftoppm, Debian's poppler-utils). The PNGs go to screenshots/briefing-*.png (git-ignored) for a person to judge.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SHOTS = join(ROOT, 'screenshots');
/** The sheet's page area: A4's width and Letter's height less the margins in briefing-packet.css. */
const AREA_MM = { w: 186, h: 251 };
const MARGIN_MM = { x: 12, y: 14 };
const A4_MM = { w: 210, h: 297 };
const PX_PER_MM = 96 / 25.4;
const PNG_DPI = 100;

const scenario: Scenario = shippedScenario('two-boxers');

let server: PreviewServer | undefined;
let outDir: string | undefined;
let work: string | undefined;
let browser: Browser | undefined;
let baseUrl = '';

beforeAll(async () => {
  for (const tool of ['pdftoppm', 'pdftotext', 'pdfinfo'])
    if (!existsSync(`/usr/bin/${tool}`))
      throw new Error(`${tool} is missing: run \`node scripts/ensure.mjs --browser\` (installs poppler-utils)`);
  outDir = mkdtempSync(join(tmpdir(), 'two-boxers-briefing-'));
  work = mkdtempSync(join(tmpdir(), 'two-boxers-pdf-'));
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
      rolldownOptions: { input: join(ROOT, 'tests/browser/briefing-harness.html') },
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
  baseUrl = `${url}tests/browser/briefing-harness.html`;
  browser = await openBrowser();
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  if (work) rmSync(work, { recursive: true, force: true });
});

afterEach(async () => {
  for (const p of browser?.context.pages() ?? []) await p.close();
  expect(browser?.errors.splice(0), 'console errors').toEqual([]);
});

async function openPackets(query = ''): Promise<Page> {
  const page = await browser!.context.newPage();
  await page.goto(`${baseUrl}${query}`);
  await page.waitForFunction(() => (window as unknown as { __packets?: unknown }).__packets !== undefined);
  return page;
}

/**
 * With print media on, everything that would not print cleanly: a sheet taller than the page area, an element
 * sticking out of its sheet, a cell whose content is wider than the cell, or anything but the packets on show.
 */
async function printProblems(page: Page): Promise<string[]> {
  // Print lays the page out at the page area's width; the screen's viewport would give another layout.
  await page.setViewportSize({ width: Math.floor(AREA_MM.w * PX_PER_MM), height: Math.floor(AREA_MM.h * PX_PER_MM) });
  await page.emulateMedia({ media: 'print' });
  return page.evaluate(
    ({ area, pxPerMm }) => {
      const problems: string[] = [];
      const name = (el: Element) =>
        `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${(el.textContent ?? '').slice(0, 40)}"`;
      document.querySelectorAll('.packet-sheet').forEach((sheet, i) => {
        const box = sheet.getBoundingClientRect();
        if (box.width > area.w * pxPerMm + 0.5)
          problems.push(`sheet ${i} is ${(box.width / pxPerMm).toFixed(1)} mm wide`);
        if (box.height > area.h * pxPerMm + 0.5)
          problems.push(`sheet ${i} is ${(box.height / pxPerMm).toFixed(1)} mm tall`);
        for (const el of sheet.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;
          if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5)
            problems.push(`${name(el)} sticks out of sheet ${i}`);
          if (el instanceof HTMLElement && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
            problems.push(`${name(el)} is clipped: ${el.scrollWidth} px of content in ${el.clientWidth} px`);
        }
      });
      const shown = [...document.body.querySelectorAll('*')].filter(
        (el) =>
          !el.closest('.packet') &&
          !el.querySelector('.packet') &&
          el.tagName !== 'SCRIPT' &&
          getComputedStyle(el).display !== 'none' &&
          el.getBoundingClientRect().height > 0,
      );
      for (const el of shown) problems.push(`${name(el)} prints beside the packets`);
      return problems;
    },
    { area: AREA_MM, pxPerMm: PX_PER_MM },
  );
}

interface Printed {
  pages: string[];
  size: string;
  pngs: string[];
}

/** Prints the page to PDF, then reads each page's text and renders each page to a PNG in screenshots/. */
async function print(page: Page, name: string, options: Parameters<Page['pdf']>[0]): Promise<Printed> {
  const pdf = join(work!, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf(options));
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '';
  const pages: string[] = [];
  for (let n = 1; n <= count; n++)
    pages.push(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' }));
  for (const f of readdirSync(SHOTS)) if (f.startsWith(`briefing-${name}-`)) rmSync(join(SHOTS, f));
  execFileSync('pdftoppm', ['-r', String(PNG_DPI), '-png', pdf, join(SHOTS, `briefing-${name}`)]);
  const pngs = readdirSync(SHOTS)
    .filter((f) => f.startsWith(`briefing-${name}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(SHOTS, f));
  return { pages, size, pngs };
}

/** Which side's packet a printed page belongs to, from the "for the … team only" line every sheet carries. */
function sideOf(text: string): Side | null {
  const found = (['us', 'iran'] as const).filter((side) =>
    text.toLowerCase().includes(`for the ${scenario.sides[side].short} team only`.toLowerCase()),
  );
  return found.length === 1 ? found[0]! : null;
}

/**
 * Inside a rectangle of a PNG (in PNG pixels), decoded in the page: the share of pixels in each of the given colours
 * and the share of dark ones (names, marks, borders).
 */
async function inkIn(
  page: Page,
  png: string,
  rect: { x: number; y: number; w: number; h: number },
  colours: Record<string, string>,
): Promise<Record<string, number>> {
  return page.evaluate(
    async ({ b64, rect, colours }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = rect.w;
      c.height = rect.h;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, rect.x, rect.y, rect.w, rect.h, 0, 0, rect.w, rect.h);
      const d = ctx.getImageData(0, 0, rect.w, rect.h).data;
      const rgb = Object.entries(colours).map(([name, hex]) => {
        const n = Number.parseInt(hex.slice(1), 16);
        return { name, r: n >> 16, g: (n >> 8) & 255, b: n & 255 };
      });
      const counts: Record<string, number> = { dark: 0 };
      for (const { name } of rgb) counts[name] = 0;
      for (let i = 0; i < d.length; i += 4) {
        const [r, g, b] = [d[i]!, d[i + 1]!, d[i + 2]!];
        if (r + g + b < 240) counts.dark!++;
        for (const k of rgb) if (Math.abs(r - k.r) + Math.abs(g - k.g) + Math.abs(b - k.b) <= 12) counts[k.name]!++;
      }
      const n = d.length / 4;
      return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / n]));
    },
    { b64: readFileSync(png).toString('base64'), rect, colours },
  );
}

/**
 * The map on each packet's first page, found in the PNG where the print layout put it, is there and not blank: land
 * stands out from the sea, and names and marks put dark ink on it. The layout is an A4 page; on other paper chromium
 * scales that page to fit, centred across and from the top, so the map is looked for at the same scale.
 */
async function expectMapsInk(page: Page, printed: Printed): Promise<void> {
  await page.setViewportSize({ width: Math.floor(AREA_MM.w * PX_PER_MM), height: Math.floor(AREA_MM.h * PX_PER_MM) });
  await page.emulateMedia({ media: 'print' });
  const maps = await page.evaluate(() =>
    [...document.querySelectorAll('.packet')].map((p) => {
      const sheet = p.querySelector('.packet-sheet')!.getBoundingClientRect();
      const svg = p.querySelector('.packet-map svg')!.getBoundingClientRect();
      return { x: svg.left - sheet.left, y: svg.top - sheet.top, w: svg.width, h: svg.height };
    }),
  );
  const pagesPerPacket = printed.pngs.length / maps.length;
  const dotsPerMm = PNG_DPI / 25.4;
  const inset = 6;
  for (const [i, m] of maps.entries()) {
    expect(m.w, 'map width').toBeGreaterThan(150 * PX_PER_MM);
    const png = printed.pngs[i * pagesPerPacket]!;
    const head = readFileSync(png);
    const [pw, ph] = [head.readUInt32BE(16), head.readUInt32BE(20)];
    const fit = Math.min(pw / (A4_MM.w * dotsPerMm), ph / (A4_MM.h * dotsPerMm));
    const left = (pw - A4_MM.w * dotsPerMm * fit) / 2;
    const mm = (px: number) => px / PX_PER_MM;
    const rect = {
      x: Math.round(left + (MARGIN_MM.x + mm(m.x)) * dotsPerMm * fit) + inset,
      y: Math.round((MARGIN_MM.y + mm(m.y)) * dotsPerMm * fit) + inset,
      w: Math.round(mm(m.w) * dotsPerMm * fit) - 2 * inset,
      h: Math.round(mm(m.h) * dotsPerMm * fit) - 2 * inset,
    };
    const ink = await inkIn(page, png, rect, {
      sea: MAP_COLOURS.sea,
      land: MAP_COLOURS.land,
      iraq: MAP_COLOURS.iraq,
    });
    // Measured here on A4 and on Letter alike: 8% sea, 63% land, 18% Iraq, 2% dark.
    expect(ink.sea, `map ${i}: the sea`).toBeGreaterThan(0.04);
    expect(ink.land, `map ${i}: the neighbours`).toBeGreaterThan(0.4);
    expect(ink.iraq, `map ${i}: Iraq`).toBeGreaterThan(0.1);
    expect(ink.dark, `map ${i}: names, marks and borders`).toBeGreaterThan(0.01);
  }
}

describe('briefing packets', () => {
  it('shows a packet per side with a toolbar that chooses them, prints and goes back', async () => {
    const page = await openPackets();
    await page.screenshot({ path: join(SHOTS, 'briefing-screen.png') });
    expect(await page.locator('.packet').evaluateAll((els) => els.map((e) => e.getAttribute('data-side')))).toEqual([
      'us',
      'iran',
    ]);
    await page.getByLabel(`${scenario.sides.iran.name} only`).check();
    expect(await page.locator('.packet').evaluateAll((els) => els.map((e) => e.getAttribute('data-side')))).toEqual([
      'iran',
    ]);
    await page.getByLabel('Both sides').check();
    await expect.poll(() => page.locator('.packet').count()).toBe(2);
    await page.getByRole('button', { name: 'Back' }).click();
    expect(await page.evaluate(() => (window as unknown as { __packets: { backs: number } }).__packets.backs)).toBe(1);
    await expect(page.getByRole('button', { name: 'Print' }).count()).resolves.toBe(1);
    // The odds printed are the engine's forecast for week 1: one order of each side, looked up here independently.
    const game = createGame(scenario, 'any seed');
    if (!game.ok) throw new Error('no game');
    for (const [side, type] of [
      ['us', 'leadership-strike'],
      ['iran', 'embassy-siege'],
    ] as const) {
      const view = viewFor(scenario, game.value, side);
      const order = view.legalOrders.find((o) => o.type === type)!;
      const odds = forecastOrder(scenario, view, order).odds.at(-1)!;
      const text = await page.locator(`.packet-${side} .packet-orders`).innerText();
      expect(text).toContain(`${odds.label}: ${Math.round(odds.perMille / 10)}% (${odds.word})`);
    }
    // Every order of the side is listed, whether or not it is open in week 1.
    const rows = await page.locator('.packet-us .order-card').count();
    expect(rows).toBe(scenario.orders.filter((o) => (US_ORDER_TYPES as readonly string[]).includes(o.type)).length);
  });

  it('says how long the classroom game lasts', async () => {
    const page = await openPackets('?sides=us&preset=short');
    const preset = scenario.presets.find((p) => p.id === 'short')!;
    expect(await page.locator('.packet-when').first().innerText()).toContain(
      `Week 1 of ${preset.turns} (${preset.name})`,
    );
    expect(await page.locator('.packet').count()).toBe(1);
  });

  it('prints on A4 with each side on its own pages, nothing clipped and no screen chrome', async () => {
    const page = await openPackets();
    expect(await printProblems(page)).toEqual([]);
    const sheets = {
      us: await page.locator('.packet-us .packet-sheet').count(),
      iran: await page.locator('.packet-iran .packet-sheet').count(),
    };
    expect(sheets).toEqual({ us: 3, iran: 3 });
    const a4 = await print(page, 'a4', { preferCSSPageSize: true, printBackground: true });
    expect(a4.size).toContain('(A4)');
    // One page per sheet: a sheet that overflowed would spill onto a page of its own.
    expect(a4.pages.map(sideOf)).toEqual(['us', 'us', 'us', 'iran', 'iran', 'iran']);
    expect(a4.pngs).toHaveLength(6);
    for (const side of ['us', 'iran'] as const) {
      const text = a4.pages.filter((p) => sideOf(p) === side).join('\n');
      expect(text).toContain(scenario.sides[side].name);
      expect(text.replace(/\s+/g, ' ')).toContain(scenario.briefing[side].slice(0, 60));
    }

    await expectMapsInk(page, a4);
  });

  it('prints on Letter with the same pages', async () => {
    const page = await openPackets();
    // As a print dialog does by default: the paper's own size, no background graphics. The map is drawn, not a
    // background, so it must print all the same.
    const letter = await print(page, 'letter', { format: 'Letter', printBackground: false });
    expect(letter.size).toContain('(letter)');
    expect(letter.pages.map(sideOf)).toEqual(['us', 'us', 'us', 'iran', 'iran', 'iran']);
    await expectMapsInk(page, letter);
  });

  it('prints one side alone on its own pages', async () => {
    const page = await openPackets('?sides=iran');
    expect(await printProblems(page)).toEqual([]);
    const one = await print(page, 'iran', { preferCSSPageSize: true, printBackground: true });
    expect(one.pages.map(sideOf)).toEqual(['iran', 'iran', 'iran']);
  });
});
