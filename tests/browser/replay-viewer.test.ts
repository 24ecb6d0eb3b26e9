import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { playMatch } from '../../src/ai/match.ts';
import { findAi } from '../../src/ai/registry.ts';
import { makeReplay, recordReplay, type Scenario } from '../../src/engine/index.ts';
import { appReady, type Browser, canvasInk, openBrowser } from './support.ts';
import { shippedScenario } from '../shipped.ts';

const baseUrl = inject('baseUrl');
const open: Browser[] = [];
const scenario: Scenario = shippedScenario('two-boxers');

afterEach(async () => {
  const errors = open.flatMap((b) => b.errors);
  await Promise.all(open.splice(0).map((b) => b.close()));
  expect(errors, 'console errors').toEqual([]);
});

/** A finished short game between two doctrines (by default), written as a replay file. */
function replayFile(
  us = 'measured',
  iran = 'harasser',
  preset: string | undefined = 'short',
): { path: string; text: string } {
  const match = playMatch(
    scenario,
    'viewer-5',
    findAi('us', us)!.policy,
    findAi('iran', iran)!.policy,
    preset ? { preset } : {},
  );
  const replay = recordReplay(scenario, match.state);
  if (!replay.ok) throw new Error(replay.errors[0]!.message);
  const dir = mkdtempSync(join(tmpdir(), 'two-boxers-viewer-'));
  const path = join(dir, 'game.replay.json');
  const text = makeReplay(replay.value);
  writeFileSync(path, text);
  return { path, text };
}

async function openViewer(file: string): Promise<Browser> {
  const b = await openBrowser();
  open.push(b);
  await b.page.emulateMedia({ reducedMotion: 'reduce' });
  await b.page.goto(baseUrl);
  await appReady(b.page);
  await b.page.click('button:text("Watch a replay")');
  await b.page.setInputFiles('#replay-file', file);
  return b;
}

describe('the replay viewer', () => {
  it('steps through a recorded game from each seat, the map drawn, and forks a new game from a week', async () => {
    const { path } = replayFile();
    const { page } = await openViewer(path);
    await page.waitForSelector('h2:text("Replay: Two Boxers, seed viewer-5")');
    await page.waitForFunction(() => document.querySelector('canvas') !== null);
    await page.waitForTimeout(500);
    expect(await canvasInk(page)).toBeGreaterThan(0.2);
    expect(await page.textContent('#replay-where')).toMatch(/After week \d+ of 8/);

    await page.focus('#replay-week');
    await page.keyboard.press('Home');
    await page.waitForSelector('#replay-where:text("Before week 1")');
    await page.click('#replay-next');
    await page.waitForSelector('#replay-where:text("After week 1 of 8")');
    await page.click('#replay-next');
    await page.waitForSelector('#replay-where:text("After week 2 of 8")');

    // The facilitator sees both sides' orders; Iran sees only its own, and never the US's assessment.
    const panel = () => page.locator('.replay-panel').innerText();
    expect(await panel()).toMatch(/Coalition: [\s\S]*Iran: /);
    await page.check('input[name=replay-seat][value=iran]');
    const iran = await panel();
    expect(iran).not.toMatch(/Coalition: /);
    expect(iran).not.toContain('US intelligence:');
    await page.check('input[name=replay-seat][value=us]');
    expect(await panel()).not.toMatch(/Iran: /);

    await page.click('#replay-fork');
    await page.selectOption('#fork-opponent', 'harasser');
    await page.click('#fork-start');
    await page.waitForSelector('.topbar');
    expect(await page.textContent('.topbar')).toMatch(/Week 3 of 8/);
  });

  it('keeps the whole map in view at 1280x720 beside a week whose news runs long, the news scrolling beside it', async () => {
    // Two hawks: weeks of many attacks and strikes, each with its news, until the war.
    const { path } = replayFile('hawk', 'hawk', undefined);
    const { page } = await openViewer(path);
    await page.waitForFunction(() => document.querySelector('canvas') !== null);
    let longest = 0;
    for (;;) {
      await page.waitForTimeout(300); // Phaser's FIT follows its parent's size within its poll
      const at = await page.evaluate(() => {
        const c = document.querySelector('canvas')!.getBoundingClientRect();
        const side = document.querySelector<HTMLElement>('.replay-panel')!;
        return { top: c.top, bottom: c.bottom, height: c.height, news: side.scrollHeight, innerHeight };
      });
      expect(at.height, 'the map is drawn').toBeGreaterThan(200);
      expect(at.top, 'the map starts above the fold').toBeGreaterThanOrEqual(0);
      expect(at.bottom, 'the map ends above the fold').toBeLessThanOrEqual(at.innerHeight);
      longest = Math.max(longest, at.news);
      if ((await page.inputValue('#replay-week')) === '0') break;
      await page.click('#replay-prev');
    }
    expect(longest, 'some week’s news is longer than the window').toBeGreaterThan(720);
  });

  it('refuses an edited replay with a message and stays where it was', async () => {
    const { text } = replayFile();
    const edited = JSON.parse(text);
    edited.turns[1].hash = '00000000000000';
    const dir = mkdtempSync(join(tmpdir(), 'two-boxers-viewer-bad-'));
    const path = join(dir, 'edited.json');
    writeFileSync(path, JSON.stringify(edited));
    const { page } = await openViewer(path);
    await page.waitForSelector('[role=alert] .error');
    expect(await page.textContent('[role=alert]')).toMatch(/cannot be played back: turns\[1\]\.hash: turn 2 differs/);
    expect(await page.isVisible('h2:text("Watch a replay")')).toBe(true);
  });
});
