import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Scenario } from '../../src/engine/index.ts';
import type { SaveFile } from '../../src/ui/session.ts';
import { shippedScenario } from '../shipped.ts';
import { warGame } from '../ui/war-game.ts';
import { appReady, type Browser, openBrowser } from './support.ts';

/**
 * The printed debrief is legible: with print media emulated, every piece of text in it (the reveal's columns above
 * all, which once printed pale pink and green on white) stands out from the paper by at least WCAG's 4.5:1; and in
 * the PDF chromium prints, rendered by poppler (pdftotext's word boxes, pdftoppm's pixels), the reveal's words are
 * that dark on the page.
 */

const baseUrl = inject('baseUrl');
const open: Browser[] = [];
const scenario: Scenario = shippedScenario('two-boxers');
const MIN_CONTRAST = 4.5;

let save: SaveFile;

beforeAll(async () => {
  // A war: attacks the US read right and wrong, strikes on the guilty and the innocent, so every reveal style shows.
  save = (await warGame(scenario)).toSave('2020-06-01T00:00:00.000Z');
});

afterEach(async () => {
  const errors = open.flatMap((b) => b.errors);
  await Promise.all(open.splice(0).map((b) => b.close()));
  expect(errors, 'console errors').toEqual([]);
});

interface Low {
  text: string;
  className: string;
  color: string;
  ratio: number;
}

/** The debrief of the war save, opened from the title screen's debrief picker. */
async function openDebrief(page: Page): Promise<void> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(baseUrl);
  await appReady(page);
  await page.click('button:text("Debrief a saved game or replay")');
  await page.setInputFiles('#debrief-file', {
    name: 'war.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(save)),
  });
  await page.waitForSelector('#debrief-truth .truth-wrong');
  await page.waitForSelector('#debrief-truth .truth-right');
}

/** WCAG's contrast of an sRGB colour against white paper. */
function onWhite([r, g, b]: number[]): number {
  const c = [r!, g!, b!].map((v) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]! + 0.05);
}

describe('the printed debrief', () => {
  it('prints every text, the reveal columns included, dark enough on white paper', async () => {
    const b = await openBrowser();
    open.push(b);
    const { page } = b;
    await openDebrief(page);
    await page.emulateMedia({ media: 'print', reducedMotion: 'reduce' });
    const found = await page.evaluate(() => {
      const rgba = (css: string): number[] => {
        const m = /rgba?\(([^)]+)\)/.exec(css);
        if (!m) return [0, 0, 0, 0];
        const p = m[1]!
          .split(/[\s,/]+/)
          .filter(Boolean)
          .map(Number);
        return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
      };
      const lum = ([r, g, b]: number[]) => {
        const c = [r!, g!, b!].map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
      };
      // The paper under an element: white, unless a background is printed on purpose (print-color-adjust: exact).
      const paper = (el: Element): number[] => {
        for (let e: Element | null = el; e; e = e.parentElement) {
          const st = getComputedStyle(e);
          const bg = rgba(st.backgroundColor);
          if (bg[3]! > 0.5 && st.printColorAdjust === 'exact') return bg;
        }
        return [255, 255, 255, 1];
      };
      // Text over paper: a translucent colour is blended with it first.
      const over = (fg: number[], bg: number[]) => fg.slice(0, 3).map((v, i) => v * fg[3]! + bg[i]! * (1 - fg[3]!));
      const ratio = (fg: number[], bg: number[]) => {
        const [a, b] = [lum(over(fg, bg)), lum(bg)].sort((x, y) => y - x);
        return (a! + 0.05) / (b! + 0.05);
      };
      const root = document.querySelector('.debrief')!;
      const low: Low[] = [];
      let checked = 0;
      const truth = { right: 0, wrong: 0 };
      for (const el of root.querySelectorAll('*')) {
        const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        if (!own || el.getClientRects().length === 0) continue;
        const st = getComputedStyle(el);
        if (st.visibility === 'hidden') continue;
        const svg = el instanceof SVGElement;
        const fg = rgba(svg ? st.fill : st.color);
        const bg = paper(el);
        const r = ratio(fg, bg) * (Number(st.opacity) < 1 ? 0 : 1);
        checked++;
        if (el.classList.contains('truth-right')) truth.right++;
        if (el.classList.contains('truth-wrong')) truth.wrong++;
        if (r < 4.5)
          low.push({
            text: el.textContent!.trim().slice(0, 60),
            className: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`,
            color: svg ? st.fill : st.color,
            ratio: Math.round(r * 100) / 100,
          });
      }
      return { low, checked, truth };
    });
    expect(found.checked).toBeGreaterThan(200);
    expect(found.truth.right).toBeGreaterThan(0);
    expect(found.truth.wrong).toBeGreaterThan(0);
    expect(found.low, `text under ${MIN_CONTRAST}:1 on paper`).toEqual([]);
  });

  it("prints the reveal's words dark in the PDF itself", async () => {
    const b = await openBrowser();
    open.push(b);
    const { page } = b;
    await openDebrief(page);
    const work = mkdtempSync(join(tmpdir(), 'two-boxers-debrief-pdf-'));
    try {
      const pdf = join(work, 'debrief.pdf');
      writeFileSync(pdf, await page.pdf({ format: 'A4' }));
      // Each word's box in points, page by page: the reveal's words are "order" in "on Iran’s order" (who really
      // fired) and "yes:" or "no:" opening a strike's verdict (whether the group struck had attacked).
      const layout = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
      const boxes: { page: number; word: string; x0: number; y0: number; x1: number; y1: number }[] = [];
      for (const [i, pageXml] of layout.split('<page ').slice(1).entries()) {
        const words = [
          ...pageXml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
        ];
        for (const [j, w] of words.entries()) {
          const prev = words[j - 1]?.[5] ?? '';
          const next = words[j + 1]?.[5] ?? '';
          const word = w[5]!;
          if ((word === 'order' && /^Iran.s$/.test(prev)) || (/^(yes|no):$/.test(word) && next === 'it'))
            boxes.push({ page: i + 1, word, x0: +w[1]!, y0: +w[2]!, x1: +w[3]!, y1: +w[4]! });
        }
      }
      // Several of each (the war game's attacks; it ends sooner since the brink, engine 2.3.0).
      expect(boxes.filter((x) => x.word === 'order').length).toBeGreaterThan(1);
      expect(boxes.filter((x) => x.word !== 'order').length).toBeGreaterThan(1);
      const dpi = 150;
      const darkest: number[] = [];
      for (const n of new Set(boxes.map((x) => x.page))) {
        const base = join(work, `page-${n}`);
        execFileSync('pdftoppm', [
          '-f',
          String(n),
          '-l',
          String(n),
          '-r',
          String(dpi),
          '-png',
          '-singlefile',
          pdf,
          base,
        ]);
        const rects = boxes
          .filter((x) => x.page === n)
          .map((x) => {
            const k = dpi / 72;
            return {
              x: Math.floor(x.x0 * k),
              y: Math.floor(x.y0 * k),
              w: Math.ceil((x.x1 - x.x0) * k),
              h: Math.ceil((x.y1 - x.y0) * k),
            };
          });
        // The darkest pixel inside each word: its ink at full strength, whatever the anti-aliasing at the edges.
        const inks = await page.evaluate(
          async ({ b64, rects }) => {
            const img = new Image();
            img.src = `data:image/png;base64,${b64}`;
            await img.decode();
            const c = document.createElement('canvas');
            c.width = img.width;
            c.height = img.height;
            const ctx = c.getContext('2d')!;
            ctx.drawImage(img, 0, 0);
            return rects.map((r) => {
              const d = ctx.getImageData(r.x, r.y, r.w, r.h).data;
              let best = [255, 255, 255];
              for (let i = 0; i < d.length; i += 4)
                if (d[i]! + d[i + 1]! + d[i + 2]! < best[0]! + best[1]! + best[2]!)
                  best = [d[i]!, d[i + 1]!, d[i + 2]!];
              return best;
            });
          },
          { b64: readFileSync(`${base}.png`).toString('base64'), rects },
        );
        darkest.push(...inks.map(onWhite));
      }
      expect(darkest.length).toBe(boxes.length);
      expect(Math.min(...darkest), darkest.map((x) => x.toFixed(2)).join(' ')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
