/** The US orders' effect cases, one or more per order type, run by order-effects.test.ts (harness: order-lab.ts). */
import { expect } from 'vitest';
import { idle, specIn } from './helpers.ts';
import {
  allGroups,
  certainAttribution,
  type EffectCase,
  harmless,
  khAttackedLastTurn,
  noCivilians,
  osbatClaimed,
  pm,
} from './order-lab.ts';

export const US_CASES: EffectCase[] = [
  {
    name: 'strike-site: arsenal and strength down, consent down, an unjustified strike on weak intelligence',
    side: 'us',
    order: { type: 'strike-site', site: 'jurf-al-sakhar' },
    patch: [noCivilians('jurf-al-sakhar')],
    loose: ['strikes'],
    changes: (x) => {
      const st = x.s.strikes;
      const ev = x.event('strike');
      return {
        'us.lastStrikeTurn': x.before.turn, // any strike answers the attacks on Americans before it
        'iran.groups.kh.arsenal': x.b('iran.groups.kh.arsenal') - ev.arsenalLost,
        'iran.groups.kh.strength': x.b('iran.groups.kh.strength') - ev.strengthLost,
        // The US sees its own strike damage: its estimate drops by what was destroyed.
        'us.intel.kh.arsenal': Math.max(0, x.b('us.intel.kh.arsenal') - ev.arsenalLost),
        'us.intel.kh.strength': Math.max(0, x.b('us.intel.kh.strength') - ev.strengthLost),
        'iran.groups.kh.aggression': x.b('iran.groups.kh.aggression') + (x.e.groupAggression ?? 0),
        'us.resolve': x.b('us.resolve') + (x.e.usResolve ?? 0),
        'baghdad.consent': x.b('baghdad.consent') + st.consent + st.wrongTargetConsent + st.lowConfidenceConsent,
        'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + st.evictionPressure,
        'casualties.proxiesKilled': ev.casualties.proxiesKilled,
      };
    },
    check: (x) => {
      const st = x.s.strikes;
      const ev = x.event('strike');
      expect(ev.arsenalLost).toBeGreaterThanOrEqual(st.arsenalLoss[0]);
      expect(ev.arsenalLost).toBeLessThanOrEqual(st.arsenalLoss[1]);
      expect(ev.strengthLost).toBeGreaterThanOrEqual(st.strengthLoss[0]);
      expect(ev.strengthLost).toBeLessThanOrEqual(st.strengthLoss[1]);
      expect(x.after.strikes).toEqual([
        {
          id: expect.any(Number),
          turn: 1,
          site: 'jurf-al-sakhar',
          group: 'kh',
          kind: 'strike',
          justified: false,
          casualties: { ...ev.casualties, iraqiForcesKilled: 0, civiliansKilled: 0 },
        },
      ]);
      expect(x.events).toContainEqual(expect.objectContaining({ type: 'misdirected', audience: 'iran', group: 'kh' }));
    },
  },
  {
    name: 'strike-site: justified and well attributed, the consent cost is the base cost only',
    side: 'us',
    order: { type: 'strike-site', site: 'jurf-al-sakhar' },
    patch: [noCivilians('jurf-al-sakhar'), harmless('rocket-attack'), certainAttribution],
    setup: khAttackedLastTurn,
    loose: ['strikes'],
    changes: (x) => {
      const ev = x.event('strike');
      return {
        'us.lastStrikeTurn': x.before.turn, // any strike answers the attacks on Americans before it
        // kh's attack last week was not yet answered: this strike answers it (without it, its window closes unanswered).
        'us.credibility': x.before.us.credibility + x.s.redLines.answeredCredibility,
        'iran.groups.kh.arsenal': x.b('iran.groups.kh.arsenal') - ev.arsenalLost,
        'iran.groups.kh.strength': x.b('iran.groups.kh.strength') - ev.strengthLost,
        // The US sees its own strike damage: its estimate drops by what was destroyed.
        'us.intel.kh.arsenal': Math.max(0, x.b('us.intel.kh.arsenal') - ev.arsenalLost),
        'us.intel.kh.strength': Math.max(0, x.b('us.intel.kh.strength') - ev.strengthLost),
        'iran.groups.kh.aggression': x.b('iran.groups.kh.aggression') + (x.e.groupAggression ?? 0),
        'us.resolve': x.b('us.resolve') + (x.e.usResolve ?? 0),
        'baghdad.consent': x.b('baghdad.consent') + x.s.strikes.consent,
        'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + x.s.strikes.evictionPressure,
        'casualties.proxiesKilled': ev.casualties.proxiesKilled,
      };
    },
    check: (x) => {
      expect(x.after.strikes).toMatchObject([{ turn: 2, group: 'kh', kind: 'strike', justified: true }]);
      expect(x.events.some((ev) => ev.type === 'misdirected')).toBe(false);
    },
  },
  {
    name: 'campaign: a new plan, and its first strike this turn at the campaign efficiency',
    side: 'us',
    order: { type: 'campaign', group: 'aah' },
    patch: [
      noCivilians('jadriya'),
      (s) => {
        specIn(s, 'campaign').leakChance = 0;
      },
    ],
    loose: ['strikes'],
    changes: (x) => {
      const st = x.s.strikes;
      const ev = x.event('strike');
      return {
        'us.lastStrikeTurn': x.before.turn, // any strike answers the attacks on Americans before it
        'us.plans[1].id': expect.any(Number),
        'us.plans[1].kind': 'campaign',
        'us.plans[1].group': 'aah',
        'us.plans[1].turnsLeft': (x.spec.duration ?? 1) - 1,
        'us.plans[1].active': true,
        'us.plans[1].leaked': false,
        'us.plans[1].startedTurn': 1,
        'iran.groups.aah.arsenal': x.b('iran.groups.aah.arsenal') - ev.arsenalLost,
        'iran.groups.aah.strength': x.b('iran.groups.aah.strength') - ev.strengthLost,
        // The US sees its own strike damage: its estimate drops by what was destroyed.
        'us.intel.aah.arsenal': Math.max(0, x.b('us.intel.aah.arsenal') - ev.arsenalLost),
        'us.intel.aah.strength': Math.max(0, x.b('us.intel.aah.strength') - ev.strengthLost),
        'iran.groups.aah.aggression': x.b('iran.groups.aah.aggression') + (x.e.groupAggression ?? 0),
        'us.resolve': x.b('us.resolve') + (x.e.usResolve ?? 0),
        'us.credibility': x.b('us.credibility') + (x.e.credibility ?? 0),
        // Jadriya is a PMU position: Baghdad takes it as a strike on the state.
        'baghdad.consent':
          x.b('baghdad.consent') +
          st.consent +
          st.stateInstitutionConsent +
          st.wrongTargetConsent +
          st.lowConfidenceConsent,
        'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + st.evictionPressure + st.stateInstitutionPressure,
        'casualties.proxiesKilled': ev.casualties.proxiesKilled,
      };
    },
    check: (x) => {
      const st = x.s.strikes;
      const ev = x.event('strike');
      // The record knows it for a campaign strike; the public event, while the plan is secret, a plain one.
      expect(x.after.strikes).toMatchObject([{ site: 'jadriya', group: 'aah', kind: 'campaign', justified: false }]);
      expect(ev).toMatchObject({ site: 'jadriya', group: 'aah', kind: 'strike' });
      expect(ev.arsenalLost).toBeGreaterThanOrEqual(pm(st.arsenalLoss[0], st.campaignEfficiency));
      expect(ev.arsenalLost).toBeLessThanOrEqual(pm(st.arsenalLoss[1], st.campaignEfficiency));
      expect(x.events).toContainEqual({ audience: 'us', type: 'campaign', group: 'aah', status: 'started' });
    },
  },
  {
    name: 'campaign: the drafted plan against kh is reused, already leaked, at the leaked efficiency',
    side: 'us',
    order: { type: 'campaign', group: 'kh' },
    patch: [
      noCivilians('jurf-al-sakhar'),
      (s) => {
        specIn(s, 'campaign').leakChance = 0;
      },
    ],
    loose: ['strikes'],
    changes: (x) => {
      const st = x.s.strikes;
      const ev = x.event('strike');
      return {
        'us.lastStrikeTurn': x.before.turn, // any strike answers the attacks on Americans before it
        'us.plans[0].active': true,
        'us.plans[0].turnsLeft': (x.spec.duration ?? 1) - 1,
        'us.plans[0].startedTurn': 1,
        'iran.groups.kh.arsenal': x.b('iran.groups.kh.arsenal') - ev.arsenalLost,
        'iran.groups.kh.strength': x.b('iran.groups.kh.strength') - ev.strengthLost,
        // The US sees its own strike damage: its estimate drops by what was destroyed.
        'us.intel.kh.arsenal': Math.max(0, x.b('us.intel.kh.arsenal') - ev.arsenalLost),
        'us.intel.kh.strength': Math.max(0, x.b('us.intel.kh.strength') - ev.strengthLost),
        'iran.groups.kh.aggression': x.b('iran.groups.kh.aggression') + (x.e.groupAggression ?? 0),
        'us.resolve': x.b('us.resolve') + (x.e.usResolve ?? 0),
        'us.credibility': x.b('us.credibility') + (x.e.credibility ?? 0),
        'baghdad.consent': x.b('baghdad.consent') + st.consent + st.wrongTargetConsent + st.lowConfidenceConsent,
        'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + st.evictionPressure,
        'casualties.proxiesKilled': ev.casualties.proxiesKilled,
      };
    },
    check: (x) => {
      const st = x.s.strikes;
      const efficiency = pm(st.campaignEfficiency, st.leakedEfficiency);
      const ev = x.event('strike');
      expect(x.after.us.plans).toHaveLength(1);
      expect(x.after.us.plans[0]!.leaked).toBe(true);
      expect(ev.site).toBe('jurf-al-sakhar');
      expect(ev.arsenalLost).toBeGreaterThanOrEqual(pm(st.arsenalLoss[0], efficiency));
      expect(ev.arsenalLost).toBeLessThanOrEqual(pm(st.arsenalLoss[1], efficiency));
    },
  },
  {
    name: 'leadership-strike: the leader is killed',
    side: 'us',
    order: { type: 'leadership-strike', group: 'aah' },
    patch: [
      (s) => {
        specIn(s, 'leadership-strike').leakChance = 0;
        s.strikes.leaderKillChance = 1000;
      },
    ],
    changes: (x) => ({
      'us.lastStrikeTurn': x.before.turn, // any strike answers the attacks on Americans before it
      'iran.groups.aah.leaderAlive': false,
      'iran.groups.aah.cohesion': x.b('iran.groups.aah.cohesion') + x.s.strikes.leaderKillCohesion,
      'iran.groups.aah.aggression': x.b('iran.groups.aah.aggression') + x.s.strikes.leaderKillAggression,
      'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
      'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + (x.e.evictionPressure ?? 0),
      'us.credibility': x.b('us.credibility') + (x.e.credibility ?? 0),
    }),
    check: (x) => {
      const leader = x.s.iran.groups.find((g) => g.id === 'aah')!.leader;
      expect(x.event('leader-killed')).toEqual({ audience: 'all', type: 'leader-killed', group: 'aah', leader });
    },
  },
  {
    name: 'leadership-strike: the leader escapes, and the failure costs less consent',
    side: 'us',
    order: { type: 'leadership-strike', group: 'aah' },
    patch: [
      (s) => {
        specIn(s, 'leadership-strike').leakChance = 0;
        s.strikes.leaderKillChance = 0;
      },
    ],
    changes: (x) => ({
      'us.lastStrikeTurn': x.before.turn, // any strike answers the attacks on Americans before it
      'baghdad.consent': x.b('baghdad.consent') + (x.spec.failEffects?.consent ?? 0),
      'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + (x.spec.failEffects?.evictionPressure ?? 0),
    }),
    check: (x) => {
      expect(x.event('leader-escaped').group).toBe('aah');
    },
  },
  {
    name: 'leadership-strike: the plan leaks, the leader escapes, and Baghdad pays for both',
    side: 'us',
    order: { type: 'leadership-strike', group: 'aah' },
    patch: [
      (s) => {
        specIn(s, 'leadership-strike').leakChance = 1000;
        s.strikes.leakedLeaderKillChance = 0;
      },
    ],
    changes: (x) => ({
      'us.lastStrikeTurn': x.before.turn, // any strike answers the attacks on Americans before it
      'baghdad.consent': x.b('baghdad.consent') + x.s.strikes.leakConsent + (x.spec.failEffects?.consent ?? 0),
      'baghdad.evictionPressure':
        x.b('baghdad.evictionPressure') + x.s.strikes.leakPressure + (x.spec.failEffects?.evictionPressure ?? 0),
    }),
    check: (x) => {
      expect(x.event('plan-leaked')).toEqual({ audience: 'all', type: 'plan-leaked', group: 'aah' });
      expect(x.event('leader-escaped').group).toBe('aah');
    },
  },
  {
    name: 'hand-over-base: the base is handed over, its garrison moves to the hub, counter-ISIS work shrinks',
    side: 'us',
    order: { type: 'hand-over-base', base: 'taji' },
    changes: (x) => ({
      'us.bases.taji.handedOver': true,
      'us.bases.taji.garrison': 0,
      [`us.bases.${x.s.us.hub}.garrison`]: x.b(`us.bases.${x.s.us.hub}.garrison`) + x.b('us.bases.taji.garrison'),
      'us.counterIsis': x.b('us.counterIsis') - x.s.isis.counterIsisPerBase,
      'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
      'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + (x.e.evictionPressure ?? 0),
      ...allGroups(x, 'aggression', x.e.allAggression),
    }),
    check: (x) => {
      expect(x.event('handover')).toEqual({ audience: 'all', type: 'handover', base: 'taji' });
    },
  },
  {
    name: 'deploy-air-defence: none → C-RAM',
    side: 'us',
    order: { type: 'deploy-air-defence', base: 'taji' },
    changes: (x) => ({
      'us.bases.taji.airDefence': 'cram',
      'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
    }),
    check: (x) => {
      expect(x.before.us.bases.find((b) => b.site === 'taji')!.airDefence).toBe('none');
      expect(x.event('air-defence')).toMatchObject({ base: 'taji', level: 'cram' });
    },
  },
  {
    name: 'deploy-air-defence: C-RAM → Patriot',
    side: 'us',
    order: { type: 'deploy-air-defence', base: 'embassy' },
    changes: (x) => ({
      'us.bases.embassy.airDefence': 'patriot',
      'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
    }),
    check: (x) => {
      expect(x.before.us.bases.find((b) => b.site === 'embassy')!.airDefence).toBe('cram');
    },
  },
  {
    name: 'surge-isr: ISR up one level for this turn and the next, then back down',
    side: 'us',
    order: { type: 'surge-isr' },
    changes: (x) => ({ 'us.isr': x.b('us.isr') + (x.e.isr ?? 0) }),
    check: (x) => {
      expect(x.events).toContainEqual({ audience: 'us', type: 'isr', level: x.b('us.isr') + (x.e.isr ?? 0) });
      expect(idle(x.after, 1).us.isr).toBe(x.s.us.baseIsr);
    },
  },
  {
    name: 'publish-evidence: the front loses deniability (more with ISR) and is exposed below the threshold',
    side: 'us',
    order: { type: 'publish-evidence', front: 'osbat-al-thaereen' },
    patch: [harmless('rocket-attack')],
    setup: osbatClaimed,
    changes: (x) => {
      const strip = -(x.e.frontDeniability ?? 0) + x.before.us.isr * x.s.domestic.evidencePerIsr;
      const deniability = x.b('iran.fronts.osbat-al-thaereen.deniability') - strip;
      expect(deniability).toBeLessThan(x.s.attribution.exposedBelow);
      return {
        'iran.fronts.osbat-al-thaereen.deniability': deniability,
        'iran.fronts.osbat-al-thaereen.exposed': true,
        'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + (x.e.evictionPressure ?? 0),
        'us.credibility': x.b('us.credibility') + (x.e.credibility ?? 0),
      };
    },
    check: (x) => {
      expect(x.event('front-exposed')).toEqual({
        audience: 'all',
        type: 'front-exposed',
        front: 'osbat-al-thaereen',
        sponsor: 'kh',
      });
    },
  },
  {
    name: 'red-line: a standing red line, credibility and resolve up',
    side: 'us',
    order: { type: 'red-line' },
    patch: [
      (s) => {
        s.us.redLineStanding = false;
      },
    ],
    changes: (x) => ({
      'us.redLines[0].declaredTurn': 1,
      'us.redLines[0].status': 'standing',
      'us.redLines[0].crossedTurn': null,
      'us.redLines[0].deadline': null,
      'us.credibility': x.b('us.credibility') + x.s.redLines.declareCredibility + (x.e.credibility ?? 0),
      'us.resolve': x.b('us.resolve') + (x.e.usResolve ?? 0),
    }),
    loose: ['us.redLines'],
    check: (x) => {
      expect(x.baseline.us.redLines).toEqual([]);
      expect(x.event('red-line').status).toBe('declared');
    },
  },
  {
    name: 'us-swiss-message: every group a little less aggressive, the ladder eased',
    side: 'us',
    order: { type: 'us-swiss-message' },
    changes: (x) => allGroups(x, 'aggression', x.e.allAggression),
  },
  {
    name: "sanctions: Iran's income and resources down",
    side: 'us',
    order: { type: 'sanctions' },
    changes: (x) => ({
      'iran.income': x.b('iran.income') + (x.e.iranIncome ?? 0),
      // The resources fall at once and again with the lower income this week.
      'iran.resources': x.b('iran.resources') + (x.e.iranResources ?? 0) + (x.e.iranIncome ?? 0),
    }),
  },
  {
    name: 'waiver-shorten: the waiver lapses this week, Baghdad and Iran both lose',
    side: 'us',
    order: { type: 'waiver-shorten' },
    changes: (x) => ({
      'baghdad.waiverTurns': Math.min(x.before.baghdad.waiverTurns, x.s.baghdad.waiverShortenTo) - 1,
      'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
      'iran.income': x.b('iran.income') + (x.e.iranIncome ?? 0),
      'iran.resources': x.b('iran.resources') + (x.e.iranIncome ?? 0) - x.s.baghdad.waiverIranIncome,
    }),
    check: (x) => {
      expect(x.after.baghdad.waiverTurns).toBe(0);
      expect(x.events.filter((ev) => ev.type === 'waiver').map((ev) => ev.change)).toEqual(['shortened', 'lapsed']);
    },
  },
  {
    name: 'waiver-extend: more weeks on the waiver, consent up, credibility down',
    side: 'us',
    order: { type: 'waiver-extend' },
    changes: (x) => ({
      'baghdad.waiverTurns': x.b('baghdad.waiverTurns') + x.s.baghdad.waiverExtendBy,
      'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
      'us.credibility': x.b('us.credibility') + (x.e.credibility ?? 0),
    }),
  },
  {
    name: "back-designate: the PM-designate's support up",
    side: 'us',
    order: { type: 'back-designate' },
    changes: (x) => ({
      'baghdad.designateSupport': x.b('baghdad.designateSupport') + (x.e.designateSupport ?? 0),
      'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + (x.e.evictionPressure ?? 0),
    }),
    check: (x) => {
      expect(x.event('government')).toMatchObject({ stage: 'backed', name: x.before.baghdad.designate });
    },
  },
  {
    name: 'counter-isis: ISIS down and the effort up, scaled by the share of bases still held',
    side: 'us',
    order: { type: 'counter-isis' },
    changes: (x) => {
      const bases = x.before.us.bases;
      const share = Math.trunc((bases.filter((b) => !b.handedOver).length * 1000) / bases.length);
      expect(share).toBeLessThan(1000); // two bases were handed over before the start
      return {
        isis: x.b('isis') + pm(x.e.isis ?? 0, share),
        'us.counterIsis': x.b('us.counterIsis') + pm(x.e.counterIsis ?? 0, share),
        'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
      };
    },
  },
  {
    name: 'ordered-departure: embassy staff leave, the embassy is a smaller target',
    side: 'us',
    order: { type: 'ordered-departure' },
    changes: (x) => ({
      'us.departureOrdered': true,
      'us.bases.embassy.exposure': x.b('us.bases.embassy.exposure') + x.s.domestic.departureExposure,
      'us.credibility': x.b('us.credibility') + (x.e.credibility ?? 0),
      ...allGroups(x, 'aggression', x.e.allAggression),
    }),
  },
  {
    name: 'reinforce: more troops at the base and in Iraq, resolve and consent down, credibility up',
    side: 'us',
    order: { type: 'reinforce', base: 'taji' },
    changes: (x) => ({
      'us.bases.taji.garrison': x.b('us.bases.taji.garrison') + x.s.domestic.reinforceTroops,
      'us.troops': x.b('us.troops') + x.s.domestic.reinforceTroops,
      'us.resolve': x.b('us.resolve') + x.s.domestic.reinforceResolve + (x.e.usResolve ?? 0),
      'us.credibility': x.b('us.credibility') + (x.e.credibility ?? 0),
      'baghdad.consent': x.b('baghdad.consent') + (x.e.consent ?? 0),
      'baghdad.evictionPressure': x.b('baghdad.evictionPressure') + (x.e.evictionPressure ?? 0),
    }),
  },
  {
    name: 'hold: nothing happens but political capital is saved',
    side: 'us',
    order: { type: 'hold' },
    changes: (x) => ({
      'us.politicalCapital': x.b('us.politicalCapital') - x.spec.cost + (x.e.politicalCapital ?? 0),
    }),
  },
];
