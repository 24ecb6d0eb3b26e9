import { describe, expect, inject, it } from 'vitest';
import type { Order } from '../../src/engine/index.ts';
import { Session } from '../../src/ui/session.ts';
import { shippedScenario } from '../shipped.ts';
import { appReady, browsersPerTest } from './support.ts';

const baseUrl = inject('baseUrl');
const browser = browsersPerTest();

/**
 * The play-tester's game: seed 2020, week 1 Iran's rockets at Taji by Asaib Ahl al-Haq, claimed by Osbat
 * al-Thaereen; the US holds. Week 2 is being ordered: the game is not over.
 */
async function weekTwo(opponent: string): Promise<Session> {
  const made = Session.create(shippedScenario('two-boxers'), {
    scenarioId: 'two-boxers',
    seed: '2020',
    preset: 'short',
    side: 'us',
    opponent,
  });
  if (!made.ok) throw new Error(made.errors[0]?.message);
  const game = made.value;
  const rockets: Order = { type: 'rocket-attack', group: 'aah', base: 'taji', claim: 'osbat-al-thaereen' } as Order;
  if (opponent === 'hotseat') {
    for (const [side, orders] of [
      ['us', []],
      ['iran', [rockets]],
    ] as const) {
      const r = await game.commit(side, [...orders]);
      if (!r.ok) throw new Error(r.errors[0]?.message);
    }
  } else {
    const r = await game.commit('us', []);
    if (!r.ok) throw new Error(r.errors[0]?.message);
  }
  if (game.over || game.state.turn !== 2) throw new Error('expected week 2 of a game in progress');
  return game;
}

async function openLinkInViewer(game: Session) {
  const b = await browser();
  const { page } = b;
  await page.goto(baseUrl);
  await appReady(page);
  await page.click('button:text("Watch a replay")');
  await page.fill('#replay-link', `${baseUrl}#g=${game.toShareCode()}`);
  await page.click('button:text("Open the link")');
  await page.waitForSelector('#replay-where');
  return page;
}

const seats = (page: import('playwright-core').Page) =>
  page.locator('input[name=replay-seat]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

describe('a game that is not over, opened for review', () => {
  it('opens a hotseat game’s link in the viewer from the public seat only, until everything is revealed', async () => {
    const page = await openLinkInViewer(await weekTwo('hotseat'));
    expect(await seats(page)).toEqual(['public']);
    const panel = () => page.locator('.replay-panel').innerText();
    expect(await panel()).not.toContain('The attack was the work of');
    expect(await panel()).not.toMatch(/Iran: .*rocket/i);
    expect(await page.isDisabled('#replay-fork')).toBe(true);

    // The reveal is one explicit choice, after a warning; "keep them hidden" leaves things as they were.
    await page.click('#replay-secrets-open');
    expect(await page.textContent('#replay-secrets')).toContain('This game is not over');
    await page.click('#replay-secrets-cancel');
    expect(await seats(page)).toEqual(['public']);
    await page.click('#replay-secrets-open');
    await page.click('#replay-secrets-confirm');
    expect(await seats(page)).toEqual(['public', 'us', 'iran', 'facilitator']);
    await page.check('input[name=replay-seat][value=facilitator]');
    expect(await panel()).toContain('The attack was the work of');
    expect(await page.isEnabled('#replay-fork')).toBe(true);
  });

  it('offers the player’s own side of a game against the computer, never the computer’s', async () => {
    const page = await openLinkInViewer(await weekTwo('harasser'));
    expect(await seats(page)).toEqual(['public', 'us']);
    expect(await page.isChecked('input[name=replay-seat][value=us]')).toBe(true);
    expect(await page.locator('.replay-panel').innerText()).not.toMatch(/\bIran: /);
  });

  it('debriefs an unfinished export without the truth tables until everything is revealed', async () => {
    const game = await weekTwo('hotseat');
    const { page } = await browser();
    await page.goto(baseUrl);
    await appReady(page);
    await page.click('button:text("Debrief a saved game or replay")');
    await page.setInputFiles('#debrief-file', {
      name: 'mid-game.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(game.toSave('2020-06-01T00:00:00.000Z'))),
    });
    await page.waitForSelector('#debrief-secrets');
    expect(await page.textContent('.debrief .result')).toBe('Game in progress');
    const body = await page.locator('.debrief').innerText();
    expect(body).not.toMatch(/who really fired/i);
    expect(body).not.toContain('Asaib');
    expect(await page.locator('#debrief-truth, #debrief-weeks').count()).toBe(0);
    await page.click('#debrief-secrets-open');
    await page.click('#debrief-secrets-confirm');
    await page.waitForSelector('#debrief-truth');
    expect(await page.locator('#debrief-weeks').innerText()).toMatch(/rocket/i);
  });
});
