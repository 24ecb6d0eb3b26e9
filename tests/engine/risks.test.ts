/**
 * What an order puts at stake for the side giving it (risks.ts), asked about before the order is added: each side's
 * own loss lines from the victory rules, war for both, and the least push that carries the ladder to a rung
 * (ladder.ts), checked against the ladder's own step.
 */
import { describe, expect, it } from 'vitest';
import {
  exchangeRunsIntoWar,
  forecastOrder,
  type Order,
  orderRisks,
  pushToReach,
  type SeatView,
  type Side,
  viewFor,
} from '../../src/engine/index.ts';
import { stepLadder } from '../../src/engine/ladder.ts';
import { newGame, SCENARIO } from './helpers.ts';

const s = SCENARIO;
const state = newGame('risks');
const usView = viewFor(s, state, 'us', false);
const iranView = viewFor(s, state, 'iran', false);
const risks = (view: SeatView, side: Side, order: Order) => orderRisks(s, view, side, forecastOrder(s, view, order));
const atRung = (view: SeatView, rung: number): SeatView => ({ ...view, ladder: { ...view.ladder, rung } });

describe('the least push to a rung (pushToReach)', () => {
  it("is exactly what the ladder's step needs, from every rung to every rung a week can reach", () => {
    const L = s.ladder;
    let checked = 0;
    for (let rung = 0; rung < L.war; rung++)
      for (let target = rung + 1; target <= L.war; target++) {
        const needed = pushToReach(s, rung, target);
        if (target - rung > L.maxStep) {
          expect(needed, `${rung} → ${target}`).toBeNull();
          continue;
        }
        const reach = (p: number) =>
          stepLadder(s, { rung, peak: rung, quietTurns: 0 }, { pressure: p, ordered: p }, 0).ladder.rung;
        expect(reach(needed!), `${rung} → ${target} with ${needed}`).toBeGreaterThanOrEqual(target);
        expect(reach(needed! - 1), `${rung} → ${target} with ${needed! - 1}`).toBeLessThan(target);
        checked++;
      }
    expect(checked).toBeGreaterThan(L.war);
  });
});

describe('an order that puts the side at stake', () => {
  it('a key base handed over is asked about; another base is not', () => {
    const key = s.us.bases.find((b) => b.key)!.site;
    const other = s.us.bases.find((b) => !b.key && b.canHandOver)!.site;
    expect(risks(usView, 'us', { type: 'hand-over-base', base: key }).join(' ')).toMatch(/key base/);
    expect(risks(usView, 'us', { type: 'hand-over-base', base: other })).toEqual([]);
  });

  it('a hand-over that would leave a token presence is asked about', () => {
    const other = s.us.bases.find((b) => !b.key && b.canHandOver)!.site;
    // Every base but the token number and this one already gone.
    let keep = s.victory.iran.tokenBases;
    const bases = usView.us.bases.map((b) => {
      if (b.site === other) return b;
      if (keep > 0) {
        keep--;
        return b;
      }
      return { ...b, handedOver: true };
    });
    const text = risks({ ...usView, us: { ...usView.us, bases } }, 'us', { type: 'hand-over-base', base: other });
    expect(text.join(' ')).toMatch(new RegExp(`hold ${s.victory.iran.tokenBases} bases: .* token, and Iran wins`));
  });

  it('an effect that would carry a figure across a loss line, from the forecast', () => {
    const f = forecastOrder(s, usView, { type: 'surge-isr' });
    const line = s.victory.us.minConsent;
    const at = (consent: number, delta: number) =>
      orderRisks(s, { ...usView, baghdad: { ...usView.baghdad, consent } }, 'us', {
        ...f,
        effects: [{ key: 'consent', label: "Baghdad's consent", delta }],
      });
    expect(at(line + 2, -3)[0]).toMatch(new RegExp(`below ${line}`));
    expect(at(line + 3, -3)).toEqual([]); // lands on the line: still a win
    expect(at(line - 1, -3)).toEqual([]); // already below: nothing new crossed
    // Iran is never asked about the US's lines.
    expect(orderRisks(s, iranView, 'iran', { ...f, effects: [{ key: 'consent', label: '', delta: -30 }] })).toEqual([]);
  });

  it('an order that pushes the ladder, within a week of war, is asked about by either side', () => {
    const war = s.ladder.war;
    const strike: Order = { type: 'strike-site', site: s.iran.proxySites[0]!.site };
    const iranOrder = iranView.legalOrders.find((o) => o.type === 'rocket-attack') ?? {
      type: 'rocket-attack',
      group: s.iran.groups[0]!.id,
      base: s.us.bases[0]!.site,
      claim: 'open',
    };
    for (const [view, side, order] of [
      [usView, 'us', strike],
      [iranView, 'iran', iranOrder],
    ] as const) {
      const near = risks(atRung(view, war - 1), side, order);
      // The order's own push on the ladder (never the Rivera score, a measure no rule reads); a deniable act's at most.
      const spec = s.orders.find((o) => o.type === order.type)!;
      expect(near.join(' '), side).toMatch(
        new RegExp(
          `rung ${war - 1}\\. This order adds ${spec.deniable ? 'up to ' : ''}\\+${spec.ladder} to the week's push, and a push of ${pushToReach(s, war - 1, war)} or more .* rung ${war}: war, which both sides lose`,
        ),
      );
      // Beyond a week's climb, or an order that does not push: nothing asked about the climb to war (the brink's
      // exchange of fire is asked about on its own, below).
      expect(risks(atRung(view, war - 1 - s.ladder.maxStep), side, order).join(' '), side).not.toMatch(
        /carries it to rung/,
      );
    }
    expect(risks(atRung(iranView, war - 1), 'iran', { type: 'iran-swiss-message' })).toEqual([]);
  });

  it("asks the US before it pushes the ladder past the US's aim, and Iran not", () => {
    const aim = s.victory.us.maxRung;
    const strike: Order = { type: 'strike-site', site: s.iran.proxySites[0]!.site };
    expect(risks(atRung(usView, aim), 'us', strike).join(' ')).toMatch(
      new RegExp(`to rung ${aim + 1}: the US wins only with the ladder at rung ${aim} or lower`),
    );
    expect(risks(atRung(usView, aim + 1), 'us', strike).join(' ')).not.toMatch(/US wins only/); // already past it
    const rockets: Order = {
      type: 'rocket-attack',
      group: s.iran.groups[0]!.id,
      base: s.us.bases[0]!.site,
      claim: 'open',
    };
    expect(risks(atRung(iranView, aim), 'iran', rockets).filter((line) => !line.includes('the brink'))).toEqual([]);
  });

  it('asks either side before it fires at the brink, where an exchange of fire can run into war', () => {
    const b = s.ladder.brink;
    const strike: Order = { type: 'strike-site', site: s.iran.proxySites[0]!.site };
    const rockets: Order = {
      type: 'rocket-attack',
      group: s.iran.groups[0]!.id,
      base: s.us.bases[0]!.site,
      claim: 'open',
    };
    const warning = `The crisis stands at the brink (rung ${b.fromRung}). If the other side fires this week too, ${exchangeRunsIntoWar(b.exchangeWar)}, which both sides lose.`;
    expect(risks(atRung(usView, b.fromRung), 'us', strike)).toContain(warning);
    expect(risks(atRung(iranView, b.fromRung), 'iran', rockets)).toContain(warning);
    // Below the brink, or an order that does not fire: not asked.
    expect(risks(atRung(usView, b.fromRung - 1), 'us', strike).join(' ')).not.toMatch(/brink/);
    expect(risks(atRung(iranView, b.fromRung), 'iran', { type: 'iran-swiss-message' })).toEqual([]);
  });

  it('asks Iran before an order wears its own proxies below the capability its victory needs', () => {
    const min = s.victory.iran.minProxyCapability;
    const groups = iranView.iran.groups;
    const group = groups[0]!.id;
    const order: Order = { type: 'rocket-attack', group, base: s.us.bases[0]!.site, claim: 'open' };
    const f = forecastOrder(s, iranView, order);
    // Every group at the line's level, so that one group's loss carries the mean below it.
    const at = (level: number): SeatView => ({
      ...iranView,
      iran: { ...iranView.iran, groups: groups.map((g) => ({ ...g, arsenal: level, strength: level })) },
    });
    const ask = (view: SeatView, delta: number) =>
      orderRisks(s, view, 'iran', { ...f, effects: [{ key: 'groupStrength', label: '', delta }] }).filter((r) =>
        /Proxy capability/.test(r),
      );
    expect(ask(at(min), -2 * groups.length).join(' ')).toMatch(
      new RegExp(`Proxy capability would fall from ${min} to ${min - 1}, below ${min}: .*Iran needs ${min} or more`),
    );
    expect(ask(at(min + 1), -1)).toEqual([]); // the mean falls to the line, not below it
    expect(ask(at(min - 1), -30)).toEqual([]); // already below: nothing new crossed
    // The US is never asked about Iran's line.
    expect(
      orderRisks(s, at(min), 'us', { ...f, effects: [{ key: 'groupStrength', label: '', delta: -50 }] }).filter((r) =>
        /Proxy/.test(r),
      ),
    ).toEqual([]);
  });

  it('asks Iran before a claim wears its last front below the deniability its victory needs', () => {
    const min = s.victory.iran.minDeniability;
    const group = s.iran.groups[0]!.id;
    const base = s.us.bases[0]!.site;
    const front = {
      id: 'f-test',
      name: 'The Test Brigade',
      claims: 0,
      deniability: min + 1,
      retired: false,
      sponsor: group,
    };
    const view = (fronts: SeatView['iran']['fronts']): SeatView => ({
      ...iranView,
      iran: { ...iranView.iran, fronts },
    });
    const claim = (v: SeatView, through: string) =>
      risks(v, 'iran', { type: 'rocket-attack', group, base, claim: through }).filter((r) => /deniability/.test(r));
    expect(claim(view([front]), 'f-test').join(' ')).toMatch(
      new RegExp(
        `The Test Brigade wears its deniability from ${min + 1} to ${min + 1 - s.attribution.claimWear}, leaving no front at ${min}`,
      ),
    );
    expect(claim(view([front]), 'open')).toEqual([]);
    // Another front still above the line: nothing lost.
    expect(claim(view([front, { ...front, id: 'f-other', deniability: min + 10 }]), 'f-test')).toEqual([]);
    // Already below: nothing new crossed.
    expect(claim(view([{ ...front, deniability: min - 1 }]), 'f-test')).toEqual([]);
  });
});
