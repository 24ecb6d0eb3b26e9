import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createClassSession } from '../../src/net/client.ts';
import { classroomSuite } from './classroom-suite.ts';
import { appReady } from './support.ts';

/**
 * What a networked team sees before it acts, as the one-device order form shows it (issue 13 item 2 on the classroom
 * server's team screen): the chosen order's forecast, the question before an order that puts the side's loss line at
 * stake, and meters whose change says whether it is good or bad for the side looking. Against a real server process.
 */
const room = classroomSuite('net-stakes');

async function joinAs(code: string, team: string, seat: 'us' | 'iran' | 'projector'): Promise<Page> {
  const b = await room.browser();
  await b.page.goto(`${room.server.url}/join`);
  await appReady(b.page);
  await b.page.fill('#join-code', code);
  await b.page.fill('#join-team', team);
  await b.page.check(`input[name=seat][value=${seat}]`);
  await b.page.click('#join-submit');
  return b.page;
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id);

describe('a networked team’s order form', () => {
  it('shows the chosen order’s forecast, asks before a key base is handed over, and says whom a change helps', async () => {
    const session = await createClassSession(room.server.url, { preset: 'short', games: 1 });
    if (!session.ok) throw new Error(session.error.message);
    const us = await joinAs(session.joinCode, 'Eagles', 'us');
    const iran = await joinAs(session.joinCode, 'Lions', 'iran');
    const wall = await joinAs(session.joinCode, '', 'projector'); // a projector needs no name
    await expect.poll(() => wall.locator('.net-title').innerText()).toMatch(/^Projector · game \d+/);
    await us.waitForSelector('#net-commit');

    // The ladder says the US's aim and this week's odds of an incident nobody ordered, as the one-device ladder does.
    for (const seat of [us, iran])
      expect(await seat.textContent('#ladder-odds')).toMatch(
        /^US aim: rung \d+ or lower at the end\. (An incident nobody ordered climbs a rung: \d+(\.\d+)?% a week|No incidents nobody ordered below rung \d+)/,
      );

    // The first order's forecast shows at once, in the one-device form's box: tags, odds or effects, the score.
    expect(await us.locator('#net-forecast .forecast .tag').count()).toBe(3);
    expect(await us.textContent('#net-forecast .forecast')).toMatch(
      /Escalation score \(a measure for the debrief; no rule reads it\): [+−-]?\d+/,
    );

    // The order and its target are chosen in menus of their own, as on the one-device form: the order's menu names
    // the order and its cost, the target's menu the bases, none cut to fit.
    expect(await us.locator('#net-order-type option').first().textContent()).toMatch(/ — cost \d+$/);
    await us.selectOption('#net-order-type', 'hand-over-base');
    expect(await us.locator('label[for="net-order-base"]').textContent()).toBe('Target');
    // Choosing another target redraws the forecast; a key base handed over is at stake.
    const bases = await us.locator('#net-order-base option').allTextContents();
    expect(bases.length).toBeGreaterThan(1);
    let key = -1;
    for (const [i] of bases.entries()) {
      await us.selectOption('#net-order-base', { index: i });
      expect(await activeId(us), 'the menu keeps the focus across its redraw').toBe('net-order-base');
      if (/At stake: .* key base/.test((await us.textContent('#net-forecast')) ?? '')) {
        key = i;
        break;
      }
    }
    expect(key, 'a key base among the hand-overs').toBeGreaterThanOrEqual(0);
    // Marked in the menu as the one-device form marks it.
    expect(bases[key]).toMatch(/ ★ key base$/);
    const typeName = (await us.locator('#net-order-type option:checked').textContent())!.replace(/ — cost \d+$/, '');
    const order = `${typeName}: ${bases[key]!.replace(' ★ key base', '')}`;

    // Add asks first, with the one-device form's words, the safe answer focused; Enter keeps the order out.
    await us.click('#net-add');
    await us.waitForSelector('#stake-confirm');
    expect(await us.textContent('.stake-ask')).toContain(`Add “${order}”? It puts at stake:`);
    expect(await us.textContent('.stake-ask')).toMatch(/is a key base: the US must hold it to win\./);
    expect(await activeId(us)).toBe('stake-cancel');
    await us.keyboard.press('Enter');
    expect(await us.locator('.stake-ask').count()).toBe(0);
    expect(await us.locator('#net-draft li').count()).toBe(0);
    // The choice and the open question survive the redraws the server's messages bring: Iran sealing its orders
    // redraws the US form (the marked menu is replaced).
    await us.click('#net-add');
    await us.waitForSelector('#stake-confirm');
    await us.evaluate(() => document.querySelector<HTMLElement>('#net-order-base')?.setAttribute('data-old', ''));
    await iran.waitForSelector('#net-commit:not([disabled])');
    await iran.click('#net-commit');
    await iran.waitForSelector('#net-waiting');
    await us.waitForFunction(() => document.querySelector('#net-order-base:not([data-old])') !== null);
    expect(await us.locator('#net-order-type option:checked').getAttribute('value')).toBe('hand-over-base');
    expect(await us.locator('#net-order-base option:checked').textContent()).toBe(bases[key]);
    expect(await us.textContent('.stake-ask')).toContain(`Add “${order}”?`);
    // Told to add it anyway, it is added.
    await us.click('#stake-confirm');
    await us.waitForSelector('#net-draft li');
    expect(await us.textContent('#net-draft')).toContain(order);
    expect(await us.locator('.stake-ask').count()).toBe(0);
    // As on the one-device form: the budget line counts it, and its type is not offered again.
    expect(await us.textContent('.budget')).toMatch(/Orders: 1 of 2.*Political capital: \d+ of \d+/);
    expect(await us.locator('#net-order-type option[value="hand-over-base"]').count()).toBe(0);

    // An order that risks nothing is added without a question.
    await us.selectOption('#net-order-type', 'hold');
    expect(await us.locator('#net-order-base').count(), 'holding has no target').toBe(0);
    expect(await us.textContent('#net-forecast')).not.toContain('At stake');
    await us.click('#net-add');
    await us.waitForFunction(() => document.querySelectorAll('#net-draft li').length === 2);
    expect(await us.locator('.stake-ask').count()).toBe(0);
    expect(await us.textContent('#net-add')).toBe('Already 2 orders');
    expect(await us.locator('#net-add').isDisabled()).toBe(true);

    // The week resolves: the meters say what changed since the orders were sealed, and whom it helps, in words.
    await us.click('#net-commit');
    await us.waitForSelector('#why');
    const words = await us.locator('.dash .meter .change').allTextContents();
    expect(words.filter((w) => /^[▲▼] \d+, (good|bad) for you$/.test(w)).length).toBeGreaterThan(0);
    // Bases handed over (this one, and any the week's events hand over) are bad for the US, said so.
    expect(await us.textContent('.meter[data-meter="basesHeld"] .change')).toMatch(/^▼ \d+, bad for you$/);
    // The projector names the side a change helps or hurts.
    await wall.waitForSelector('#why');
    expect(await wall.textContent('.meter[data-meter="basesHeld"] .change')).toMatch(
      /^▼ \d+, (good for Iran|bad for Coalition)$/,
    );
  });
});
