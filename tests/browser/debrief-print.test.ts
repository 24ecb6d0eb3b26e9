import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Scenario } from '../../src/engine/index.ts';
import type { SaveFile } from '../../src/ui/session.ts';
import { shippedScenario } from '../shipped.ts';
import { warGame } from '../ui/war-game.ts';
import { appReady, type Browser, openBrowser } from './support.ts';

/**
 * The printed debrief is legible: with print media emulated, every piece of text in it (the reveal's columns above
 * all, which once printed pale pink and green on white) stands out from the paper by at least WCAG's 4.5:1.
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

describe('the printed debrief', () => {
  it('prints every text, the reveal columns included, dark enough on white paper', async () => {
    const b = await openBrowser();
    open.push(b);
    const { page } = b;
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
});
