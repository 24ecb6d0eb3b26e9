import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordReplay, type Scenario } from '../../src/engine/index.ts';
import type { Session } from '../../src/ui/session.ts';
import { shippedScenario } from '../shipped.ts';
import { warGame } from '../ui/war-game.ts';
import { activate, fingerprint, giveOrders } from './play.ts';
import { appReady, type Browser, openBrowser } from './support.ts';

/**
 * The debrief's "what if": a game that ended in war opens again, in one click, at the start of the week it became a
 * war, from the one-device game's own debrief and from a save loaded into the debrief.
 */

const baseUrl = inject('baseUrl');
const open: Browser[] = [];
const scenario: Scenario = shippedScenario('two-boxers');

let war: Session;
let week: number;
let before: string; // the state hash after the week before the war

beforeAll(async () => {
  war = await warGame(scenario);
  expect(war.state.outcome?.result).toBe('shared-loss');
  week = war.turns.length;
  const replay = recordReplay(scenario, war.state);
  if (!replay.ok) throw new Error(replay.errors[0]?.message);
  before = replay.value.turns[week - 2]!.hash;
});

async function browser(): Promise<Browser> {
  const b = await openBrowser();
  open.push(b);
  await b.page.emulateMedia({ reducedMotion: 'reduce' });
  return b;
}

afterEach(async () => {
  const errors = open.flatMap((b) => b.errors);
  await Promise.all(open.splice(0).map((b) => b.close()));
  expect(errors, 'console errors').toEqual([]);
});

/** From the debrief: the what-if button, then a game at the war's week whose state is the one before it, playable. */
async function forkAndPlay(page: Page): Promise<void> {
  await page.waitForSelector('#what-if-box');
  expect(await page.textContent('#what-if-box')).toContain(`The crisis became a war in week ${week}`);
  await activate(page, '#what-if');
  // A hotseat game opens on the first team's hand-over screen of that week.
  await page.waitForSelector('#ready');
  await activate(page, '#ready');
  await page.waitForSelector('#commit');
  expect(await page.textContent('.topbar .when')).toContain(`Week ${week} of ${war.state.lastTurn}`);
  expect(await fingerprint(page)).toBe(before);
  // Both teams order again and the week resolves: the fork is a game like any other.
  await activate(page, '#tab-orders');
  await giveOrders(page);
  await giveOrders(page);
  await page.waitForSelector('#continue, #debrief-button');
}

describe("the debrief's what if", () => {
  it('opens the week the war began again from the end of a one-device game', async () => {
    const { page } = await browser();
    await page.goto(`${baseUrl}#g=${war.toShareCode()}`);
    await appReady(page);
    await activate(page, '#debrief-button');
    await forkAndPlay(page);
    // The game that ended in war is kept: the title screen offers it back.
    await activate(page, 'button:text("Menu")');
    await page.waitForSelector('#restore-game');
    await activate(page, '#restore-game');
    await page.waitForSelector('#debrief-button');
    expect(await fingerprint(page)).toBe(war.toSave('').replay.finalHash);
  });

  it('opens it again from a save loaded into the debrief', async () => {
    const { page } = await browser();
    await page.goto(baseUrl);
    await appReady(page);
    await activate(page, 'button:text("Debrief a saved game or replay")');
    await page.setInputFiles('#debrief-file', {
      name: 'war.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(war.toSave('2020-06-01T00:00:00.000Z'))),
    });
    await forkAndPlay(page);
  });
});
