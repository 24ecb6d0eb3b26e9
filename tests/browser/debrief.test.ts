import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { findAi } from '../../src/ai/registry.ts';
import { aiDice } from '../../src/ai/simple.ts';
import { SPRING_2020 } from '../../src/analysis/history.ts';
import { discussionQuestions } from '../../src/analysis/questions.ts';
import { type PlayedGame, playBack } from '../../src/analysis/record.ts';
import { ladderSummary, type Order, type Scenario } from '../../src/engine/index.ts';
import { type SaveFile, Session } from '../../src/ui/session.ts';
import { appReady, browsersPerTest } from './support.ts';
import { shippedScenario } from '../shipped.ts';

const baseUrl = inject('baseUrl');
const scenario: Scenario = shippedScenario('two-boxers');

/**
 * A finished classroom-length game saved as the browser saves it: the US played by the hawkish doctrine against the
 * harasser, or from week `holdFrom` on holding every week (another team's choices on the same seed).
 */
async function finishedSave(seed: string, holdFrom: number | null = null): Promise<SaveFile> {
  const created = Session.create(scenario, {
    scenarioId: scenario.id,
    seed,
    preset: 'short',
    side: 'us',
    opponent: 'harasser',
  });
  if (!created.ok) throw new Error(created.errors[0]?.message);
  const session = created.value;
  const hawk = findAi('us', 'hawk')!;
  while (!session.over) {
    const turn = session.state.turn;
    const orders: Order[] =
      holdFrom !== null && turn >= holdFrom
        ? [{ type: 'hold' }]
        : hawk.policy(scenario, session.view('us'), aiDice(seed, 'us', turn)).orders;
    const r = await session.commit('us', orders);
    if (!r.ok) throw new Error(r.errors[0]?.message);
  }
  return session.toSave('2020-06-01T00:00:00.000Z');
}

const file = (name: string, value: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

let teamA: SaveFile;
let teamB: SaveFile;
let gameA: PlayedGame;

beforeAll(async () => {
  teamA = await finishedSave('77');
  teamB = await finishedSave('77', 3);
  const played = playBack(scenario, teamA.replay);
  if (!played.ok) throw new Error(played.errors[0]?.message);
  gameA = played.value;
  // The second team copies the first for two weeks, then holds: their choices part in week 3, not before.
  expect(gameA.turns[2]!.orders.us).not.toEqual([{ type: 'hold' }]);
});

const browser = browsersPerTest();

/** Presses Tab until the focused element matches, proving the control is reachable from the keyboard. */
async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  const target = page.locator(selector).first();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${selector} with the Tab key`);
}

async function activate(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector);
  await tabTo(page, selector);
  await page.keyboard.press('Enter');
}

/** Loads team A's finished game from its save file, which opens the end screen, then opens the debrief. */
async function openDebrief(page: Page): Promise<void> {
  await page.goto(baseUrl);
  await appReady(page);
  await page.setInputFiles('#load-file', file('team-a.json', teamA));
  await page.waitForSelector('h2:text("The game is over")');
  await activate(page, '#debrief-button');
  await page.waitForSelector('#debrief-title');
}

describe('the debrief', () => {
  it('shows a finished game’s charts, decisions, the truth of every attack, history, luck and questions', async () => {
    const { page } = await browser();
    await openDebrief(page);
    expect(await page.textContent('#debrief-title')).toContain('seed 77');

    // Six charts, each an image with a title and description, a legend, and its figures as a table.
    const charts = page.locator('#debrief-charts figure');
    expect(await charts.count()).toBe(6);
    for (const id of ['ladder', 'baghdad', 'resolve', 'isis', 'casualties', 'escalation']) {
      const chart = page.locator(`#chart-${id}`);
      expect(await chart.locator('svg[role=img] title').count()).toBe(1);
      expect(await chart.locator('svg path.line').count()).toBeGreaterThan(0);
      expect(await chart.locator('.legend li').count()).toBeGreaterThan(0);
      expect(await chart.locator('table.figures tbody tr').count()).toBe(gameA.turns.length + 1);
    }
    // An aim's words lie over the lines, rimmed in the card's colour, so that a line through them hides nothing.
    const drawnLast = await page.evaluate(() => {
      const plot = document.querySelector('#chart-baghdad svg.chart');
      const kids = [...(plot?.children ?? [])];
      const label = kids.findIndex((k) => k.classList.contains('guide-label'));
      const lastSeries = kids.map((k) => k.classList.contains('series')).lastIndexOf(true);
      const rim = label < 0 ? '' : getComputedStyle(kids[label]!).paintOrder;
      return { label, lastSeries, rim };
    });
    expect(drawnLast.label).toBeGreaterThan(drawnLast.lastSeries);
    expect(drawnLast.rim).toMatch(/^stroke/);
    const rungs = await page.locator('#chart-ladder table.figures tbody tr td').allTextContents();
    expect(rungs.map(Number)).toEqual([gameA.start, ...gameA.turns.map((t) => t.after)].map((s) => s.ladder.rung));

    // Week by week, and the reveal: one row per attack, right or wrong as the truth has it.
    expect(await page.locator('#debrief-weeks tbody tr').count()).toBe(gameA.turns.length);
    // Each week says why the ladder moved in the results' words, from that week's ledger.
    const climbs = await page
      .locator('#debrief-weeks tbody tr')
      .evaluateAll((rows) =>
        rows.map(
          (r) =>
            [...r.querySelectorAll('details.why li')].find((li) => li.textContent?.startsWith('Escalation ladder'))
              ?.textContent ?? null,
        ),
      );
    expect(climbs).toEqual(
      gameA.turns.map((t) => {
        const climb = ladderSummary(scenario, t.ledger);
        return climb === null ? null : `Escalation ladder: ${climb}`;
      }),
    );
    const attacks = gameA.final.attacks;
    expect(await page.locator('#debrief-truth table.truth tbody tr').count()).toBe(attacks.length);
    const wrong = attacks.filter((a) => a.group !== null && a.suspect !== a.group).length;
    expect(await page.locator('#debrief-truth table.truth td.truth-wrong').count()).toBe(wrong);

    // History: spring 2020 fact by fact, then the Red Lines record, loaded with the debrief.
    expect(await page.locator('#debrief-history table.history').first().locator('tbody tr').count()).toBe(
      SPRING_2020.facts.length,
    );
    await page.waitForSelector('#debrief-history :text("Proxy attacks ordered")');
    // The record is what the scenario holds of history, and it says what it leaves out.
    expect(await page.textContent('#debrief-history')).toContain('at most 3 orders a side a week');
    await page.click('#record-omitted summary');
    expect(await page.textContent('#record-omitted')).toContain('summoned the Swiss ambassador on 13 March');

    // Luck: the worker replays the orders with 200 other sets of dice and reports where this game lies.
    await page.waitForSelector('#luck-results', { timeout: 60_000 });
    expect(await page.textContent('#luck-results caption')).toContain('200 replays with other dice');
    expect(await page.locator('#luck-results tr.recorded').count()).toBe(1);
    expect(await page.locator('#luck-us svg .mark').count()).toBe(1);

    // The questions are the ones the analysis draws from this very game.
    const questions = await page.locator('ol.questions li .question').allTextContents();
    expect(questions).toEqual(discussionQuestions(gameA).map((q) => q.text));
    expect(questions.length).toBeGreaterThanOrEqual(5);
    expect(questions.length).toBeLessThanOrEqual(8);
  });

  it('exports JSON and CSV, prints without its controls, and goes back to the result', async () => {
    const { page } = await browser();
    await openDebrief(page);
    await page.waitForSelector('#luck-results', { timeout: 60_000 });
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('button:text("Download JSON")')]);
    expect(json.suggestedFilename()).toBe('two-boxers-77-debrief.json');
    const data = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(data.timeline).toHaveLength(gameA.turns.length + 1);
    expect(data.questions.length).toBeGreaterThanOrEqual(5);
    expect(data.luck.worlds).toBe(200);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:text("Download the timeline (CSV)")'),
    ]);
    const lines = readFileSync((await csv.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^turn,date,rung,consent,/);
    expect(lines).toHaveLength(gameA.turns.length + 2);

    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.debrief-actions')).toBe(false);
    expect(await page.isVisible('#chart-ladder svg')).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await activate(page, 'button:text("Back to the result")');
    await page.waitForSelector('h2:text("The game is over")');
  });
});

describe('duplicate play', () => {
  async function compare(page: Page): Promise<void> {
    await openDebrief(page);
    await activate(page, '#compare-teams');
    await page.waitForSelector('h2:text("Compare teams")');
    // Team B hands in its replay rather than its save: either file will do.
    await page.setInputFiles('#duplicate-files', file('team-b.json', teamB.replay));
    await page.waitForSelector('#divergence');
  }

  it('sets two teams’ games of the same seed (a save and a replay) side by side, from the week their choices parted', async () => {
    const { page } = await browser();
    await compare(page);
    expect(await page.textContent('#divergence')).toMatch(/first parted in week 3, in the Coalition orders/);
    expect(
      await page
        .locator('#duplicate-teams input.team-name')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    ).toEqual(['This game', 'team-b.json']);
    const header = await page.locator('table.side-by-side thead th').allTextContents();
    expect(header.slice(1)).toEqual(['This game', 'team-b.json']);
    // The teacher names a team: the tables and the charts' legends follow; a name already taken is told apart.
    await page.fill('#team-name-1', 'Falcons');
    await page.press('#team-name-1', 'Enter');
    await page.waitForFunction(() =>
      document.querySelector('table.side-by-side thead')?.textContent?.includes('Falcons'),
    );
    expect((await page.locator('table.side-by-side thead th').allTextContents()).slice(1)).toEqual([
      'This game',
      'Falcons',
    ]);
    expect(await page.locator('#dup-ladder').innerText()).toContain('Falcons');
    await page.fill('#team-name-1', 'This game');
    await page.press('#team-name-1', 'Enter');
    await page.waitForFunction(() =>
      document.querySelector('table.side-by-side thead')?.textContent?.includes('This game (2)'),
    );
    expect(await page.locator('table.orders-grid tr.first-divergence th').textContent()).toMatch(/^3/);
    expect(await page.locator('#dup-ladder svg g.series').count()).toBe(2);
  });

  it('refuses another seed, another scenario, a broken replay and a file that is not JSON, each by name', async () => {
    const { page } = await browser();
    await compare(page);
    const before = await page.textContent('#duplicate-view');
    const otherSeed = await finishedSave('78');
    const otherScenario = { ...teamA, settings: { ...teamA.settings, scenarioId: 'red-lines' } };
    const broken = structuredClone(teamA.replay);
    broken.turns[1]!.hash = '00000000000000';
    await page.setInputFiles('#duplicate-files', [
      file('seed-78.json', otherSeed),
      file('history.json', otherScenario),
      file('broken-replay.json', broken),
      file('garbage.json', '{ not json'),
    ]);
    await page.waitForSelector('#duplicate-messages .error >> nth=3');
    const messages = await page.locator('#duplicate-messages .error').allTextContents();
    expect(messages).toHaveLength(4);
    expect(messages[0]).toMatch(/seed-78\.json was played with seed 78, but This game with seed 77/);
    expect(messages[1]).toMatch(
      /history\.json: settings\.scenarioId: .*scenario this game does not have \("red-lines"\)/,
    );
    expect(messages[2]).toMatch(/broken-replay\.json is damaged or foreign: turns\[1\]\.hash: turn 2 differs/);
    expect(messages[3]).toMatch(/garbage\.json is not a save or a replay: it is not valid JSON/);
    // Nothing else moved: the same two teams, the same comparison.
    expect(await page.locator('#duplicate-teams li').count()).toBe(2);
    expect(await page.textContent('#duplicate-view')).toBe(before);
  });
});
