/** Iran's orders' effect cases, one or more per order type, run by order-effects.test.ts (harness: order-lab.ts). */
import { expect } from 'vitest';
import { attributionConfidence } from '../../src/engine/index.ts';
import { stepLadder } from '../../src/engine/ladder.ts';
import { baseIn, specIn } from './helpers.ts';
import { allGroups, type EffectCase, harmless, pm, rocketOnTaji } from './order-lab.ts';

export const IRAN_CASES: EffectCase[] = [
  {
    name: 'rocket-attack claimed through a front: the claim wears the front, the record keeps the true group',
    side: 'iran',
    order: rocketOnTaji('kh', 'osbat-al-thaereen'),
    patch: [harmless('rocket-attack')],
    pressure: (x) => pm(x.spec.ladder, x.after.attacks[0]!.confidence),
    loose: ['attacks'],
    changes: (x) => ({
      'iran.groups.kh.arsenal': x.b('iran.groups.kh.arsenal') - x.s.attacks.profiles['rocket-attack'].arsenalCost,
      'iran.fronts.osbat-al-thaereen.claims': x.b('iran.fronts.osbat-al-thaereen.claims') + 1,
      'iran.fronts.osbat-al-thaereen.deniability':
        x.b('iran.fronts.osbat-al-thaereen.deniability') - x.s.attribution.claimWear,
      'iran.pmuCohesion': x.b('iran.pmuCohesion') + (x.e.pmuCohesion ?? 0),
    }),
    check: (x) => {
      const front = x.before.iran.fronts.find((f) => f.id === 'osbat-al-thaereen')!;
      // US intelligence reads the claim through the front as this claim has left it.
      const deniability = front.deniability - x.s.attribution.claimWear;
      const confidence = attributionConfidence(x.s, x.before.us.isr, x.before.curfew, { deniability });
      expect(x.after.attacks).toEqual([
        {
          id: expect.any(Number),
          turn: 1,
          kind: 'rocket-attack',
          target: 'taji',
          group: 'kh',
          autonomous: false,
          claim: 'osbat-al-thaereen',
          suspect: expect.any(String),
          confidence,
          casualties: { usKilled: 0, usWounded: 0, iraqiForcesKilled: 0, civiliansKilled: 0, proxiesKilled: 0 },
        },
      ]);
      const id = x.after.attacks[0]!.id;
      expect(x.event('claimed')).toEqual({
        audience: 'all',
        type: 'claimed',
        attackId: id,
        claim: 'osbat-al-thaereen',
        name: front.name,
      });
      expect(x.event('perpetrator')).toEqual({
        audience: 'iran',
        type: 'perpetrator',
        attackId: id,
        group: 'kh',
        autonomous: false,
      });
      expect(x.event('attributed')).toMatchObject({ audience: 'us', attackId: id, confidence });
    },
  },
  {
    name: 'rocket-attack claimed openly: full confidence, full ladder pressure, the group named',
    side: 'iran',
    order: rocketOnTaji('aah', 'open'),
    patch: [harmless('rocket-attack')],
    loose: ['attacks'],
    changes: (x) => ({
      'iran.groups.aah.arsenal': x.b('iran.groups.aah.arsenal') - x.s.attacks.profiles['rocket-attack'].arsenalCost,
      'iran.pmuCohesion': x.b('iran.pmuCohesion') + (x.e.pmuCohesion ?? 0),
    }),
    check: (x) => {
      expect(x.after.attacks[0]).toMatchObject({ group: 'aah', claim: 'open', confidence: x.s.attribution.openClaim });
      expect(x.event('claimed')).toMatchObject({ claim: 'open', name: 'aah' });
    },
  },
  {
    name: 'rocket-attack that kills: US dead, resolve down, the standing red line crossed',
    side: 'iran',
    order: rocketOnTaji('kh', 'unclaimed'),
    patch: [
      (s) => {
        Object.assign(s.attacks.profiles['rocket-attack'], {
          hitPerMille: 1000,
          killPerHit: 1000,
          woundPerHit: 0,
          iraqiPerHit: 0,
          civilianPerHit: 0,
        });
        baseIn(s, 'taji').exposure = 100;
      },
    ],
    pressure: (x) =>
      pm(x.spec.ladder, x.after.attacks[0]!.confidence) +
      x.event('attack').casualties.usKilled * x.s.attacks.ladderPerDeath,
    loose: ['attacks'],
    changes: (x) => {
      const killed = x.event('attack').projectiles;
      return {
        'casualties.usKilled': killed,
        'us.resolve': x.b('us.resolve') - killed * x.s.attacks.resolvePerDeath,
        'us.redLines[0].status': 'crossed',
        'us.redLines[0].crossedTurn': 1,
        'us.redLines[0].deadline': x.s.redLines.responseWindow,
        'iran.groups.kh.arsenal': x.b('iran.groups.kh.arsenal') - x.s.attacks.profiles['rocket-attack'].arsenalCost,
        'iran.pmuCohesion': x.b('iran.pmuCohesion') + (x.e.pmuCohesion ?? 0),
      };
    },
    check: (x) => {
      const attack = x.event('attack');
      expect(attack.projectiles).toBeGreaterThanOrEqual(x.s.attacks.profiles['rocket-attack'].rockets[0]);
      expect(attack).toMatchObject({ hits: attack.projectiles, intercepted: 0 });
      expect(attack.casualties.usKilled).toBe(attack.projectiles);
      expect(x.event('red-line').status).toBe('crossed');
    },
  },
  {
    name: 'lethal-barrage: a heavy arsenal cost, pressure scaled by how surely it is pinned',
    side: 'iran',
    order: { type: 'lethal-barrage', group: 'kh', base: 'taji', claim: 'unclaimed' },
    patch: [harmless('lethal-barrage')],
    pressure: (x) => pm(x.spec.ladder, x.after.attacks[0]!.confidence),
    loose: ['attacks'],
    changes: (x) => ({
      'iran.groups.kh.arsenal': x.b('iran.groups.kh.arsenal') - x.s.attacks.profiles['lethal-barrage'].arsenalCost,
      'iran.pmuCohesion': x.b('iran.pmuCohesion') + (x.e.pmuCohesion ?? 0),
    }),
    check: (x) => {
      const p = x.s.attacks.profiles['lethal-barrage'];
      const attack = x.event('attack');
      expect(attack.projectiles).toBeGreaterThanOrEqual(p.rockets[0]);
      expect(attack.projectiles).toBeLessThanOrEqual(p.rockets[1]);
      expect(x.after.attacks[0]).toMatchObject({
        kind: 'lethal-barrage',
        group: 'kh',
        claim: 'unclaimed',
        confidence: attributionConfidence(x.s, x.before.us.isr, x.before.curfew, 'unclaimed'),
      });
    },
  },
  {
    name: 'embassy-attack: rockets on the embassy, US resolve and credibility down',
    side: 'iran',
    order: { type: 'embassy-attack', group: 'aah', claim: 'unclaimed' },
    patch: [harmless('embassy-attack')],
    pressure: (x) => pm(x.spec.ladder, x.after.attacks[0]!.confidence),
    loose: ['attacks'],
    changes: (x) => ({
      'iran.groups.aah.arsenal': x.b('iran.groups.aah.arsenal') - x.s.attacks.profiles['embassy-attack'].arsenalCost,
      'us.resolve': x.b('us.resolve') + (x.e.usResolve ?? 0),
      'us.credibility': x.b('us.credibility') + (x.e.credibility ?? 0),
    }),
    check: (x) => {
      expect(x.after.attacks[0]).toMatchObject({ kind: 'embassy-attack', target: 'embassy', group: 'aah' });
    },
  },
  {
    name: "economic-attack: an oil site hit, US resolve shaken, Iran's own income docked for the week",
    side: 'iran',
    order: { type: 'economic-attack', group: 'nujaba', site: 'burjesia', claim: 'unclaimed' },
    patch: [harmless('economic-attack')],
    pressure: (x) => pm(x.spec.ladder, x.after.attacks[0]!.confidence),
    loose: ['attacks'],
    changes: (x) => ({
      'iran.groups.nujaba.arsenal':
        x.b('iran.groups.nujaba.arsenal') - x.s.attacks.profiles['economic-attack'].arsenalCost,
      'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
      'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + (x.e.evictionPressure ?? 0),
      'us.resolve': x.b('us.resolve') + (x.e.usResolve ?? 0),
      'iran.resources': x.b('iran.resources') - x.spec.cost + x.s.domestic.economicIncome,
    }),
    check: (x) => {
      expect(x.after.attacks[0]).toMatchObject({ kind: 'economic-attack', target: 'burjesia', group: 'nujaba' });
      expect(x.after.iran.incomeLossTurns).toBe(0); // the loss was taken this week
    },
  },
  {
    name: 'convoy-attack: a supply convoy hit, counter-ISIS work slowed',
    side: 'iran',
    order: { type: 'convoy-attack', group: 'badr', claim: 'unclaimed' },
    patch: [harmless('convoy-attack')],
    pressure: (x) => pm(x.spec.ladder, x.after.attacks[0]!.confidence),
    loose: ['attacks'],
    changes: (x) => ({
      'iran.groups.badr.arsenal': x.b('iran.groups.badr.arsenal') - x.s.attacks.profiles['convoy-attack'].arsenalCost,
      'us.counterIsis': x.b('us.counterIsis') + (x.e.counterIsis ?? 0),
    }),
    check: (x) => {
      expect(x.after.attacks[0]).toMatchObject({ kind: 'convoy-attack', target: 'convoy', group: 'badr' });
    },
  },
  {
    name: 'create-front: a new front at the new-front deniability, the old one retired',
    side: 'iran',
    order: { type: 'create-front', group: 'aah', retire: 'osbat-al-thaereen' },
    changes: (x) => ({
      'iran.fronts.front-1.id': 'front-1',
      'iran.fronts.front-1.name': x.s.iran.frontNamePool[0]!.name,
      'iran.fronts.front-1.sponsor': 'aah',
      'iran.fronts.front-1.deniability': x.s.domestic.newFrontDeniability,
      'iran.fronts.front-1.claims': 0,
      'iran.fronts.front-1.retired': false,
      'iran.fronts.front-1.exposed': false,
      'iran.fronts.front-1.createdTurn': 1,
      'iran.fronts.osbat-al-thaereen.retired': true,
      'iran.frontNamesUsed': 1,
    }),
    check: (x) => {
      expect(x.event('front-created')).toEqual({
        audience: 'iran',
        type: 'front-created',
        front: 'front-1',
        name: x.s.iran.frontNamePool[0]!.name,
        sponsor: 'aah',
        retired: 'osbat-al-thaereen',
      });
    },
  },
  {
    name: 'missile-strike, unwarned: missile capability spent, a state attack record, consent and resolve down',
    side: 'iran',
    order: { type: 'missile-strike', base: 'taji', warned: false },
    patch: [harmless('missile-strike')],
    loose: ['attacks'],
    changes: (x) => ({
      'iran.missileCapability': x.b('iran.missileCapability') - x.s.attacks.profiles['missile-strike'].arsenalCost,
      'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
      'us.resolve': x.b('us.resolve') + (x.e.usResolve ?? 0),
    }),
    check: (x) => {
      expect(x.after.attacks[0]).toMatchObject({
        kind: 'missile-strike',
        target: 'taji',
        group: null,
        autonomous: false,
        claim: 'open',
        suspect: null,
        confidence: x.s.attribution.stateAct,
      });
      expect(x.events.some((ev) => ev.type === 'missile-warning')).toBe(false);
      // A state act is never deniable: everyone sees who fired.
      expect(x.event('perpetrator')).toMatchObject({ audience: 'all', group: null });
    },
  },
  {
    name: 'missile-strike, warned: the warning is public and the political cost is the smaller one',
    side: 'iran',
    order: { type: 'missile-strike', base: 'taji', warned: true },
    patch: [harmless('missile-strike')],
    loose: ['attacks'],
    changes: (x) => ({
      'iran.missileCapability': x.b('iran.missileCapability') - x.s.attacks.profiles['missile-strike'].arsenalCost,
      'baghdad.consent': x.b('baghdad.consent') + (x.spec.failEffects?.consent ?? 0),
      'us.resolve': x.b('us.resolve') + (x.spec.failEffects?.usResolve ?? 0),
    }),
    check: (x) => {
      expect(x.event('missile-warning')).toEqual({ audience: 'all', type: 'missile-warning', target: 'taji' });
    },
  },
  {
    name: 'embassy-siege that succeeds: consent and resolve down, the red line crossed, the ladder at the siege floor',
    side: 'iran',
    order: { type: 'embassy-siege' },
    patch: [
      (s) => {
        s.domestic.siegeChance = 1000;
        // The siege's own pressure must leave the ladder below the floor, so that the floor is what lifts it.
        specIn(s, 'embassy-siege').ladder = s.ladder.pressurePerRung - 1;
      },
    ],
    pressure: null,
    changes: (x) => ({
      'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
      'us.resolve': x.b('us.resolve') + (x.e.usResolve ?? 0),
      'us.redLines[0].status': 'crossed',
      'us.redLines[0].crossedTurn': 1,
      'us.redLines[0].deadline': x.s.redLines.responseWindow,
    }),
    check: (x) => {
      const stepped = stepLadder(x.s, x.before.ladder, { pressure: x.spec.ladder, ordered: x.spec.ladder }, 0).ladder;
      expect(stepped.rung).toBeLessThan(x.s.ladder.siegeFloor);
      expect(x.after.ladder.rung).toBe(x.s.ladder.siegeFloor);
      expect(x.event('siege').success).toBe(true);
      expect(x.events).toContainEqual(
        expect.objectContaining({ type: 'rung', from: stepped.rung, to: x.s.ladder.siegeFloor, cause: 'siege' }),
      );
    },
  },
  {
    name: 'embassy-siege that fails: only the failure effects, no ladder pressure',
    side: 'iran',
    order: { type: 'embassy-siege' },
    patch: [
      (s) => {
        s.domestic.siegeChance = 0;
      },
    ],
    pressure: 0,
    changes: (x) => ({
      'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + (x.spec.failEffects?.evictionPressure ?? 0),
    }),
    check: (x) => {
      expect(x.event('siege').success).toBe(false);
    },
  },
  {
    name: 'public-threat: US resolve down, PMU cohesion up',
    side: 'iran',
    order: { type: 'public-threat' },
    changes: (x) => ({
      'us.resolve': x.b('us.resolve') + (x.e.usResolve ?? 0),
      'iran.pmuCohesion': x.b('iran.pmuCohesion') + (x.e.pmuCohesion ?? 0),
    }),
  },
  {
    name: 'military-drill: PMU and group cohesion up',
    side: 'iran',
    order: { type: 'military-drill' },
    changes: (x) => ({
      'iran.pmuCohesion': x.b('iran.pmuCohesion') + (x.e.pmuCohesion ?? 0),
      ...allGroups(x, 'cohesion', x.e.allCohesion),
    }),
  },
  {
    name: 'eviction-campaign: eviction pressure up, consent down',
    side: 'iran',
    order: { type: 'eviction-campaign' },
    changes: (x) => ({
      'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + (x.e.evictionPressure ?? 0),
      'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
    }),
  },
  {
    name: 'info-operation: the coup story, stronger while a leaked US plan backs it up',
    side: 'iran',
    order: { type: 'info-operation' },
    changes: (x) => {
      expect(x.before.us.plans.some((p) => p.leaked)).toBe(true); // the drafted kh plan leaked before the start
      return {
        'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
        'baghdad.evictionPressure':
          x.b('baghdad.evictionPressure') + (x.e.evictionPressure ?? 0) + x.s.domestic.infoOpLeakBonus,
        'baghdad.designateSupport': x.b('baghdad.designateSupport') + (x.e.designateSupport ?? 0),
      };
    },
  },
  {
    name: 'info-operation with no leaked plan: no bonus',
    side: 'iran',
    order: { type: 'info-operation' },
    patch: [
      (s) => {
        s.us.plans = [];
      },
    ],
    changes: (x) => ({
      'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
      'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + (x.e.evictionPressure ?? 0),
      'baghdad.designateSupport': x.b('baghdad.designateSupport') + (x.e.designateSupport ?? 0),
    }),
  },
  {
    name: 'envoy: PMU and group cohesion up, aggression down',
    side: 'iran',
    order: { type: 'envoy' },
    changes: (x) => ({
      'iran.pmuCohesion': x.b('iran.pmuCohesion') + (x.e.pmuCohesion ?? 0),
      ...allGroups(x, 'cohesion', x.e.allCohesion),
      ...allGroups(x, 'aggression', x.e.allAggression),
    }),
  },
  {
    name: 'smuggle-missiles, spotted: the arsenal grows, the US sees the shipment, the ladder feels it',
    side: 'iran',
    order: { type: 'smuggle-missiles', group: 'nujaba' },
    patch: [
      (s) => {
        s.domestic.smuggleDetect = 1000;
      },
    ],
    changes: (x) => ({
      'iran.groups.nujaba.arsenal': x.b('iran.groups.nujaba.arsenal') + x.s.domestic.smuggleArsenal,
    }),
    check: (x) => {
      expect(x.event('shipment')).toEqual({ audience: 'all', type: 'shipment', group: 'nujaba', detected: true });
    },
  },
  {
    name: 'smuggle-missiles, unseen: the arsenal grows and only Iran knows',
    side: 'iran',
    order: { type: 'smuggle-missiles', group: 'nujaba' },
    patch: [
      (s) => {
        s.domestic.smuggleDetect = 0;
        s.domestic.smuggleDetectPerIsr = 0;
      },
    ],
    pressure: 0,
    changes: (x) => ({
      'iran.groups.nujaba.arsenal': x.b('iran.groups.nujaba.arsenal') + x.s.domestic.smuggleArsenal,
    }),
    check: (x) => {
      expect(x.event('shipment')).toEqual({ audience: 'iran', type: 'shipment', group: 'nujaba', detected: false });
    },
  },
  {
    name: 'horizontal-escalation: US resolve and credibility down, heavy ladder pressure',
    side: 'iran',
    order: { type: 'horizontal-escalation' },
    changes: (x) => ({
      'us.resolve': x.b('us.resolve') + (x.e.usResolve ?? 0),
      'us.credibility': x.b('us.credibility') + (x.e.credibility ?? 0),
    }),
  },
  {
    name: 'iran-swiss-message: US resolve down a little, the ladder eased',
    side: 'iran',
    order: { type: 'iran-swiss-message' },
    changes: (x) => ({ 'us.resolve': x.b('us.resolve') + (x.e.usResolve ?? 0) }),
  },
  {
    name: 'restrain-proxies: every group restrained, aggression and cohesion down',
    side: 'iran',
    order: { type: 'restrain-proxies' },
    changes: (x) => {
      const restrained: Record<string, number> = {};
      // Set to restrainTurns, and the week's end has already counted one off.
      for (const g of x.before.iran.groups)
        restrained[`iran.groups.${g.id}.restrainedTurns`] = x.s.attacks.restrainTurns - 1;
      return {
        ...restrained,
        ...allGroups(x, 'aggression', x.e.allAggression),
        ...allGroups(x, 'cohesion', x.e.allCohesion),
        'iran.pmuCohesion': x.b('iran.pmuCohesion') + (x.e.pmuCohesion ?? 0),
      };
    },
    check: (x) => {
      expect(x.event('act')).toEqual({
        audience: 'iran',
        type: 'act',
        side: 'iran',
        order: 'restrain-proxies',
        target: null,
      });
    },
  },
];
