/**
 * Every order type's effects, one named case per type (and a few more for the branches that matter), then the
 * table of illegal orders. Each effect case plays one turn with the order against a baseline turn with no orders
 * from the same state and seed, and asserts the exact set of state fields that differ: the ones the rules promise,
 * with values derived from the scenario data, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import {
  attributionConfidence,
  type EventOf,
  type EventType,
  type GameEvent,
  type GameState,
  hashState,
  isOrderLegal,
  legalOrders,
  type Order,
  type OrderSpec,
  orderSchema,
  readOrder,
  type Scenario,
  type Side,
  specOf,
  submitOrders,
  US_ORDER_TYPES,
  IRAN_ORDER_TYPES,
  validateOrders,
} from '../../src/engine/index.ts';
import { stepLadder } from '../../src/engine/ladder.ts';
import type { AttackKind, Effects } from '../../src/engine/scenario.ts';
import {
  baseIn,
  deepFreeze,
  idle,
  newGame,
  play,
  quiet,
  SCENARIO,
  type ScenarioPatch,
  scenarioOf,
  specIn,
  withScenario,
} from './helpers.ts';

const SEED = 'orders';

/**
 * The order lab: the quiet scenario (no autonomous attacks, no cards) with the background actors held still for a
 * turn, so that a difference from the baseline is the order's doing. Consent does not drift and pressure does not
 * decay, ISIS does not grow, no partner leaves, no government is confirmed, no launch team is caught, and the two
 * handovers already under way at the start are left out.
 */
const lab: ScenarioPatch = (s) => {
  quiet(s);
  s.baghdad.consentDrift = 0;
  s.baghdad.pressureDecay = 0;
  s.baghdad.government.confirmChance = 0;
  s.baghdad.government.supportWeight = 0;
  s.isis.growth = 0;
  s.isis.pandemicGrowth = 0;
  s.isis.counterIsisDivisor = 100;
  s.pandemic.partnerLeaveChancePerLevel = 0;
  s.attacks.curfewCaught = 0;
  for (const b of s.us.bases) b.handoverTurns = 0;
};

/** An attack profile that hurts no one, so an attack's consequences are its rules, not its dice. */
const harmless =
  (kind: AttackKind): ScenarioPatch =>
  (s) => {
    Object.assign(s.attacks.profiles[kind], { killPerHit: 0, woundPerHit: 0, iraqiPerHit: 0, civilianPerHit: 0 });
  };

/** US intelligence always names the true group (the confidence is 1000 whatever the claim). */
const certainAttribution: ScenarioPatch = (s) => {
  s.attribution.base = 1000;
  s.attribution.ceiling = 1000;
  s.attribution.frontPenalty = 0;
};

/** A proxy site whose strikes never kill Iraqis who are not militia. */
const noCivilians =
  (site: string): ScenarioPatch =>
  (s) => {
    const p = s.iran.proxySites.find((x) => x.site === site);
    if (!p) throw new Error(`no proxy site ${site}`);
    p.civilianRisk = 0;
  };

const pm = (v: number, perMille: number) => Math.trunc((v * perMille) / 1000);

// ---- Flattening a state into comparable leaves ----------------------------------------------------------------

/** Arrays of records with a string id (groups, fronts) or a site (bases) are keyed by it; other arrays by index. */
function keyOf(x: unknown): string | null {
  if (x === null || typeof x !== 'object') return null;
  const r = x as Record<string, unknown>;
  if (typeof r.id === 'string') return r.id;
  if (r.id === undefined && typeof r.site === 'string') return r.site;
  if (r.id === undefined && typeof r.group === 'string' && 'asOf' in r) return r.group; // US estimates
  return null;
}

function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) out[prefix] = '[]';
    const keyed = value.length > 0 && value.every((x) => keyOf(x) !== null);
    value.forEach((x, i) => {
      flatten(x, keyed ? `${prefix}.${keyOf(x)}` : `${prefix}[${i}]`, out);
    });
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) out[prefix] = '{}';
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = value;
  return out;
}

/** Paths whose leaves differ between two states. */
function changedPaths(a: GameState, b: GameState): string[] {
  const fa = flatten(a);
  const fb = flatten(b);
  const keys = new Set([...Object.keys(fa), ...Object.keys(fb)]);
  return [...keys].filter((k) => !Object.is(fa[k], fb[k])).sort();
}

const under = (path: string, prefixes: readonly string[]) =>
  prefixes.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));

/** Checked for every case by the generic assertions below, not listed case by case. */
const ALWAYS_DIFFERENT = ['rng', 'nextId', 'history', 'escalation', 'ladder'];

// ---- The table ---------------------------------------------------------------------------------------------------

interface Ctx {
  s: Scenario;
  spec: OrderSpec;
  e: Effects;
  before: GameState;
  after: GameState;
  baseline: GameState;
  events: GameEvent[];
  /** A numeric leaf of the baseline state, by flattened path (`iran.groups.kh.arsenal`). */
  b: (path: string) => number;
  /** The first event of a type in the turn with the order; fails the test if there is none. */
  event: <T extends EventType>(type: T) => EventOf<T>;
}

interface EffectCase {
  name: string;
  side: Side;
  order: Order;
  patch?: ScenarioPatch[];
  /** Turns played first, identically for the order run and the baseline. */
  setup?: (state: GameState) => GameState;
  /** The turn's ladder pressure (default: the order's `ladder`); null when dice decide it. */
  pressure?: number | null | ((x: Ctx) => number);
  /** Flattened path → the value it must have after the turn. Every other leaf must equal the baseline's. */
  changes: (x: Ctx) => Record<string, unknown>;
  /** Paths (prefixes) that change in ways `check` asserts. */
  loose?: string[];
  check?: (x: Ctx) => void;
}

/** The same delta applied to one field of every group. */
function allGroups(x: Ctx, field: string, delta: number | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of x.baseline.iran.groups)
    out[`iran.groups.${g.id}.${field}`] = x.b(`iran.groups.${g.id}.${field}`) + (delta ?? 0);
  return out;
}

const rocketOnTaji = (group: string, claim: string): Order => ({ type: 'rocket-attack', group, base: 'taji', claim });

/** The first turn of the strike-site cases that need a recent, certainly attributed kh attack. */
const khAttackedLastTurn = (state: GameState) => play(state, [], [rocketOnTaji('kh', 'unclaimed')]).state;

/** A claim through Osbat al-Thaereen: the US has heard of the front from then on. */
const osbatClaimed = (state: GameState) => play(state, [], [rocketOnTaji('kh', 'osbat-al-thaereen')]).state;

const CASES: EffectCase[] = [
  // ---- US ----
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

  // ---- Iran ----
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

/** The per-case scenario, built once per distinct patch list. */
function labFor(c: EffectCase): Scenario {
  return withScenario(lab, ...(c.patch ?? []));
}

function run(c: EffectCase): Ctx {
  const s = labFor(c);
  const start = c.setup ? c.setup(newGame(SEED, s)) : newGame(SEED, s);
  const orders = { us: [] as Order[], iran: [] as Order[] };
  orders[c.side] = [c.order];
  const withOrder = play(start, orders.us, orders.iran);
  const baseline = play(start, [], []).state;
  const flat = flatten(baseline);
  const spec = specOf(s, c.order.type);
  return {
    s,
    spec,
    e: spec.effects,
    before: start,
    after: withOrder.state,
    baseline,
    events: withOrder.events,
    b: (path) => {
      const v = flat[path];
      if (typeof v !== 'number') throw new Error(`baseline has no number at ${path}`);
      return v;
    },
    event: <T extends EventType>(type: T) => {
      const found = withOrder.events.find((ev): ev is EventOf<T> => ev.type === type);
      if (!found) throw new Error(`no ${type} event; got ${withOrder.events.map((ev) => ev.type).join(', ')}`);
      return found;
    },
  };
}

describe('order effects', () => {
  it('has a case for every order type of both sides', () => {
    const covered = new Set(CASES.map((c) => c.order.type));
    expect([...US_ORDER_TYPES, ...IRAN_ORDER_TYPES].filter((t) => !covered.has(t))).toEqual([]);
    expect(US_ORDER_TYPES.length + IRAN_ORDER_TYPES.length).toBe(34);
    for (const c of CASES) expect(specOf(SCENARIO, c.order.type), c.name).toBeDefined();
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const x = run(c);
    const expected: Record<string, unknown> = {
      [c.side === 'us' ? 'us.politicalCapital' : 'iran.resources']:
        x.b(c.side === 'us' ? 'us.politicalCapital' : 'iran.resources') - x.spec.cost,
      ...c.changes(x),
    };
    const flat = flatten(x.after);
    for (const [path, value] of Object.entries(expected)) expect(flat[path], path).toEqual(value);
    const unexpected = changedPaths(x.after, x.baseline).filter(
      (p) => !(p in expected) && !under(p, ALWAYS_DIFFERENT) && !under(p, c.loose ?? []),
    );
    expect(unexpected, 'fields changed that the case does not promise').toEqual([]);

    // The order counts on its side's escalation score with its Rivera class.
    const points = x.s.rivera[x.spec.severity];
    expect(x.after.escalation[c.side]).toBe(x.baseline.escalation[c.side] + points);
    expect(x.after.history.at(-1)!.escalation[c.side]).toBe(points);
    expect(x.after.history.at(-1)!.orders[c.side]).toEqual([c.order]);

    // The ladder moves by the order's pressure through the ladder's own rule.
    const pressure =
      typeof c.pressure === 'function' ? c.pressure(x) : c.pressure === undefined ? x.spec.ladder : c.pressure;
    if (pressure !== null)
      expect(x.after.ladder).toEqual(stepLadder(x.s, x.before.ladder, { pressure, ordered: pressure }, 0).ladder);

    expect(x.events.filter((ev) => ev.type === 'order-failed')).toEqual([]);
    c.check?.(x);
  });
});

describe('order effects over more than one turn', () => {
  it('a campaign strikes the group once a turn for its duration, site after site, then ends', () => {
    const s = withScenario(lab, (x) => {
      specIn(x, 'campaign').leakChance = 0;
    });
    const sites = s.iran.proxySites.filter((p) => p.group === 'kh').map((p) => p.site);
    const duration = specOf(s, 'campaign').duration ?? 1;
    let state = newGame(SEED, s);
    const struck: string[] = [];
    let ended = false;
    for (let turn = 1; turn <= duration + 1; turn++) {
      const r = play(state, turn === 1 ? [{ type: 'campaign', group: 'kh' }] : [], []);
      struck.push(...r.events.flatMap((ev) => (ev.type === 'strike' ? [ev.site] : [])));
      ended ||= r.events.some((ev) => ev.type === 'campaign' && ev.status === 'ended');
      state = r.state;
    }
    expect(struck).toEqual(sites.slice(0, duration));
    expect(ended).toBe(true);
    expect(state.us.plans[0]).toMatchObject({ group: 'kh', active: false, turnsLeft: 0 });
    expect(state.strikes.map((x) => x.kind)).toEqual(Array(duration).fill('campaign'));
  });

  it('restrain-proxies: no autonomous attack this turn or the next, and they resume after', () => {
    // Groups so aggressive, and so loose, that each attacks on its own every turn it may.
    const s = withScenario(lab, (x) => {
      x.attacks.autonomyPerAggression = 20;
      x.attacks.autonomyThreshold = 0;
      x.attacks.redLineDeterrence = 0;
      x.attacks.isrDeterrence = 0;
      x.attacks.curfewDeterrence = 0;
      for (const g of x.iran.groups) Object.assign(g, { aggression: 100, cohesion: 0 });
    });
    const unordered = (events: GameEvent[]) => events.filter((ev) => ev.type === 'perpetrator' && ev.autonomous).length;
    const free = play(newGame(SEED, s), [], []);
    expect(unordered(free.events)).toBe(s.iran.groups.length);

    const t1 = play(newGame(SEED, s), [], [{ type: 'restrain-proxies' }]);
    const t2 = play(t1.state, [], []);
    const t3 = play(t2.state, [], []);
    expect(s.attacks.restrainTurns).toBe(2);
    expect([unordered(t1.events), unordered(t2.events)]).toEqual([0, 0]);
    expect(unordered(t3.events)).toBeGreaterThan(0);
  });

  it('reinforcing and handing over one base in the same week: the troops end at the hub, in either order', () => {
    const s = withScenario(lab);
    const reinforce: Order = { type: 'reinforce', base: 'taji' };
    const handOver: Order = { type: 'hand-over-base', base: 'taji' };
    const a = play(newGame(SEED, s), [reinforce, handOver], []).state;
    const b = play(newGame(SEED, s), [handOver, reinforce], []).state;
    const garrison = (st: GameState, site: string) => st.us.bases.find((x) => x.site === site)!.garrison;
    for (const st of [a, b]) {
      expect(garrison(st, 'taji')).toBe(0);
      expect(garrison(st, s.us.hub)).toBe(
        garrison(newGame(SEED, s), s.us.hub) + garrison(newGame(SEED, s), 'taji') + s.domestic.reinforceTroops,
      );
    }
    expect(hashState({ ...a, history: [] })).toBe(hashState({ ...b, history: [] }));
  });

  it('missile-strike: a warning cuts the deaths to the warned factor', () => {
    // Every missile hits (no air defence, full exposure) and every unwarned hit kills.
    const s = withScenario(lab, (x) => {
      Object.assign(x.attacks.profiles['missile-strike'], { hitPerMille: 1000, killPerHit: 1000 });
      baseIn(x, 'taji').exposure = 100;
    });
    let unwarned = 0;
    let warned = 0;
    let fired = 0;
    for (let i = 0; i < 200; i++) {
      const a = play(newGame(`missile-${i}`, s), [], [{ type: 'missile-strike', base: 'taji', warned: false }]);
      const b = play(newGame(`missile-${i}`, s), [], [{ type: 'missile-strike', base: 'taji', warned: true }]);
      const attack = a.events.find((ev) => ev.type === 'attack')!;
      if (attack.type !== 'attack') throw new Error('no attack');
      fired += attack.projectiles;
      unwarned += a.state.casualties.usKilled;
      warned += b.state.casualties.usKilled;
    }
    expect(unwarned).toBe(fired);
    const rate = warned / fired;
    const expected = s.attacks.warnedFactor / 1000;
    expect(Math.abs(rate - expected)).toBeLessThan(0.03);
  });
});

// ---- Illegal orders ----------------------------------------------------------------------------------------

interface IllegalCase {
  name: string;
  side: Side;
  orders: unknown;
  code: string;
  path: string | undefined;
  state?: () => GameState;
}

const fresh = () => newGame(SEED);
const variant =
  (...patches: ScenarioPatch[]) =>
  () =>
    newGame(SEED, withScenario(...patches));
const labGame =
  (...turns: [Order[], Order[]][]) =>
  () => {
    let state = newGame(
      SEED,
      withScenario(lab, (s) => {
        s.strikes.leaderKillChance = 1000;
      }),
    );
    for (const [us, iran] of turns) state = play(state, us, iran).state;
    return state;
  };
const finished = () =>
  idle(
    newGame(
      SEED,
      withScenario(quiet, (s) => {
        s.turns = 1;
        s.presets = [];
      }),
    ),
  );

const ILLEGAL: IllegalCase[] = [
  {
    name: 'a US order given by Iran',
    side: 'iran',
    orders: [{ type: 'hold' }],
    code: 'order.illegal',
    path: 'orders[0].type',
  },
  {
    name: 'an Iranian order given by the US',
    side: 'us',
    orders: [rocketOnTaji('kh', 'unclaimed')],
    code: 'order.illegal',
    path: 'orders[0].type',
  },
  {
    name: 'an unknown base',
    side: 'us',
    orders: [{ type: 'deploy-air-defence', base: 'camp-nowhere' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'an unknown base for an attack',
    side: 'iran',
    orders: [{ type: 'rocket-attack', group: 'kh', base: 'camp-nowhere', claim: 'unclaimed' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'an unknown group (US)',
    side: 'us',
    orders: [{ type: 'campaign', group: 'isis' }],
    code: 'order.illegal',
    path: 'orders[0].group',
  },
  {
    name: 'an unknown group (Iran)',
    side: 'iran',
    orders: [rocketOnTaji('hamas', 'unclaimed')],
    code: 'order.illegal',
    path: 'orders[0].group',
  },
  {
    name: 'an unknown front for evidence',
    side: 'us',
    orders: [{ type: 'publish-evidence', front: 'no-such-front' }],
    code: 'order.illegal',
    path: 'orders[0].front',
  },
  {
    name: 'a front the US has not heard of yet',
    side: 'us',
    orders: [{ type: 'publish-evidence', front: 'front-1' }],
    code: 'order.illegal',
    path: 'orders[0].front',
    state: labGame([[], [{ type: 'create-front', group: 'aah', retire: null }]]),
  },
  {
    name: 'an unknown front as a claim',
    side: 'iran',
    orders: [rocketOnTaji('kh', 'no-such-front')],
    code: 'order.illegal',
    path: 'orders[0].claim',
  },
  {
    name: 'a retired front as a claim',
    side: 'iran',
    orders: [rocketOnTaji('kh', 'osbat-al-thaereen')],
    code: 'order.illegal',
    path: 'orders[0].claim',
    state: labGame([[], [{ type: 'create-front', group: 'kh', retire: 'osbat-al-thaereen' }]]),
  },
  {
    name: 'an unknown front to retire',
    side: 'iran',
    orders: [{ type: 'create-front', group: 'kh', retire: 'no-such-front' }],
    code: 'order.illegal',
    path: 'orders[0].retire',
  },
  {
    name: 'a site that is not a proxy site',
    side: 'us',
    orders: [{ type: 'strike-site', site: 'tehran' }],
    code: 'order.illegal',
    path: 'orders[0].site',
  },
  {
    name: 'a site that is not an economic site',
    side: 'iran',
    orders: [{ type: 'economic-attack', group: 'kh', site: 'taji', claim: 'unclaimed' }],
    code: 'order.illegal',
    path: 'orders[0].site',
  },
  {
    name: 'reinforcing a handed-over base',
    side: 'us',
    orders: [{ type: 'reinforce', base: 'q-west' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'rockets on a handed-over base',
    side: 'iran',
    orders: [{ type: 'rocket-attack', group: 'kh', base: 'al-qaim', claim: 'unclaimed' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'missiles on a handed-over base',
    side: 'iran',
    orders: [{ type: 'missile-strike', base: 'q-west', warned: false }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'handing over a base already handed over',
    side: 'us',
    orders: [{ type: 'hand-over-base', base: 'q-west' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'handing over a base whose handover is under way',
    side: 'us',
    orders: [{ type: 'hand-over-base', base: 'k1' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'handing over the hub',
    side: 'us',
    orders: [{ type: 'hand-over-base', base: 'ain-al-asad' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: 'Patriots where Patriots stand',
    side: 'us',
    orders: [{ type: 'deploy-air-defence', base: 'erbil' }],
    code: 'order.illegal',
    path: 'orders[0].base',
  },
  {
    name: "air defence without Baghdad's consent",
    side: 'us',
    orders: [{ type: 'deploy-air-defence', base: 'taji' }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: variant((s) => {
      s.baghdad.consent = 20;
    }),
  },
  {
    name: 'a second red line while one stands',
    side: 'us',
    orders: [{ type: 'red-line' }],
    code: 'order.illegal',
    path: 'orders[0]',
  },
  {
    name: 'a leader already dead',
    side: 'us',
    orders: [{ type: 'leadership-strike', group: 'aah' }],
    code: 'order.illegal',
    path: 'orders[0].group',
    state: labGame([[{ type: 'leadership-strike', group: 'aah' }], []]),
  },
  {
    name: 'a second campaign while one runs',
    side: 'us',
    orders: [{ type: 'campaign', group: 'badr' }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: labGame([[{ type: 'campaign', group: 'aah' }], []]),
  },
  {
    name: 'ISR above its maximum',
    side: 'us',
    orders: [{ type: 'surge-isr' }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: variant((s) => {
      s.us.isr = 5;
    }),
  },
  {
    name: 'shortening a waiver already that short',
    side: 'us',
    orders: [{ type: 'waiver-shorten' }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: variant((s) => {
      s.baghdad.waiverTurns = 1;
    }),
  },
  {
    name: 'backing a designate when there is none',
    side: 'us',
    orders: [{ type: 'back-designate' }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: variant((s) => {
      s.baghdad.government.stage = 'confirmed';
    }),
  },
  {
    name: 'ordering the staff out twice',
    side: 'us',
    orders: [{ type: 'ordered-departure' }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: labGame([[{ type: 'ordered-departure' }], []]),
  },
  {
    name: 'a missile strike with too few missiles',
    side: 'iran',
    orders: [{ type: 'missile-strike', base: 'taji', warned: true }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: variant((s) => {
      s.iran.missileCapability = 10;
    }),
  },
  {
    name: 'a new front when the name pool is spent',
    side: 'iran',
    orders: [{ type: 'create-front', group: 'kh', retire: null }],
    code: 'order.illegal',
    path: 'orders[0]',
    state: variant((s) => {
      s.iran.frontNamePool = [];
    }),
  },
  {
    name: 'the same order type twice',
    side: 'us',
    orders: [{ type: 'hold' }, { type: 'hold' }],
    code: 'order.duplicate',
    path: 'orders[1]',
  },
  {
    name: 'more orders than a turn allows',
    side: 'us',
    orders: [{ type: 'hold' }, { type: 'counter-isis' }, { type: 'us-swiss-message' }],
    code: 'order.count',
    path: 'orders',
  },
  {
    name: 'over the US budget',
    side: 'us',
    orders: [
      { type: 'campaign', group: 'kh' },
      { type: 'leadership-strike', group: 'aah' },
    ],
    code: 'order.cost',
    path: 'orders',
  },
  {
    name: "over Iran's budget",
    side: 'iran',
    orders: [{ type: 'missile-strike', base: 'taji', warned: false }],
    code: 'order.cost',
    path: 'orders',
    state: variant((s) => {
      s.iran.resources = 5;
    }),
  },
  {
    name: 'the game is over',
    side: 'us',
    orders: [{ type: 'hold' }],
    code: 'game.over',
    path: 'orders',
    state: finished,
  },
  { name: 'not a list', side: 'us', orders: { type: 'hold' }, code: 'order.shape', path: 'orders' },
  {
    name: 'an unknown order type',
    side: 'us',
    orders: [{ type: 'nuke' }],
    code: 'order.shape',
    path: 'orders[0].type',
  },
  {
    name: 'a missing field',
    side: 'us',
    orders: [{ type: 'strike-site' }],
    code: 'order.shape',
    path: 'orders[0].site',
  },
  {
    name: 'a field of the wrong type',
    side: 'iran',
    orders: [{ type: 'missile-strike', base: 'taji', warned: 'yes' }],
    code: 'order.shape',
    path: 'orders[0].warned',
  },
  {
    name: 'an unknown field',
    side: 'us',
    orders: [{ type: 'hold', priority: 1 }],
    code: 'order.shape',
    path: 'orders[0]',
  },
  { name: 'not an object', side: 'iran', orders: ['rocket-attack'], code: 'order.shape', path: 'orders[0]' },
];

describe('illegal orders', () => {
  it.each(ILLEGAL.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const state = deepFreeze((c.state ?? fresh)());
    const scenario = scenarioOf(state);
    const before = hashState(state);
    const copy = JSON.stringify(state);

    const result = submitOrders(scenario, state, c.side, c.orders);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => ({ code: e.code, path: e.path }))).toContainEqual({ code: c.code, path: c.path });
    for (const e of result.errors) expect(e.message.length).toBeGreaterThan(0);
    expect(validateOrders(scenario, state, c.side, c.orders).ok).toBe(false);

    // Nothing changed: the state is frozen (a write would have thrown) and hashes and serialises the same.
    expect(hashState(state)).toBe(before);
    expect(JSON.stringify(state)).toBe(copy);
    expect(state.submitted[c.side]).toBeNull();

    // A single order the engine refuses is never offered.
    if (Array.isArray(c.orders) && c.orders.length === 1 && c.code === 'order.illegal') {
      const order = c.orders[0] as Order;
      expect(isOrderLegal(scenario, state, c.side, order)).toBe(false);
      expect(legalOrders(scenario, state, c.side)).not.toContainEqual(order);
    }
  });

  it('every order legalOrders offers alone is accepted, on both sides, at the start', () => {
    for (const side of ['us', 'iran'] as const) {
      const state = fresh();
      const offered = legalOrders(SCENARIO, state, side);
      expect(offered.length).toBeGreaterThan(17);
      for (const order of offered)
        expect(validateOrders(SCENARIO, state, side, [order]), JSON.stringify(order)).toMatchObject({ ok: true });
    }
  });
});

describe('reading an order', () => {
  /** Orders of every type, then each bent out of shape in the ways a hand-edited file or a buggy player would. */
  function corpus(): unknown[] {
    const state = idle(newGame('read-orders'), 3);
    const valid: Record<string, unknown>[] = [
      ...legalOrders(SCENARIO, state, 'us'),
      ...legalOrders(SCENARIO, state, 'iran'),
      { type: 'create-front', group: 'kh', retire: 'front-x' },
      { type: 'publish-evidence', front: 'nobody' },
      { type: 'red-line' },
    ];
    const types = new Set(valid.map((o) => o.type));
    expect([...US_ORDER_TYPES, ...IRAN_ORDER_TYPES].filter((t) => !types.has(t))).toEqual([]);
    const out: unknown[] = [null, undefined, 3, 'hold', [], [{ type: 'hold' }], {}, { type: 'no-such-order' }];
    out.push(
      { type: 3 },
      Object.assign(Object.create(null), { type: 'hold' }),
      new (class Hold {
        type = 'hold';
      })(),
    );
    out.push(Object.create({ type: 'hold' }), Object.assign(Object.create({ site: 'x' }), { type: 'strike-site' }));
    for (const o of valid) {
      out.push(
        o,
        { ...o },
        Object.fromEntries(Object.entries(o).reverse()),
        { ...o, extra: 1 },
        { ...o, extra: undefined },
      );
      for (const key of Object.keys(o)) {
        const { [key]: _, ...without } = o;
        out.push(without);
        for (const bad of ['', 0, 1, true, false, null, undefined, {}, [], 'x']) out.push({ ...o, [key]: bad });
      }
    }
    return out;
  }

  it('reads every input as orderSchema does, to the order of the keys', () => {
    let accepted = 0;
    for (const raw of corpus()) {
      const ours = readOrder(raw);
      const zods = orderSchema.safeParse(raw);
      const what = JSON.stringify(raw) ?? String(raw);
      expect(ours.success, what).toBe(zods.success);
      if (ours.success && zods.success) {
        accepted++;
        expect(ours.data, what).toStrictEqual(zods.data);
        expect(JSON.stringify(ours.data), what).toBe(JSON.stringify(zods.data));
        expect(ours.data, what).not.toBe(raw);
      } else expect(ours.error?.issues, what).toEqual(zods.error?.issues);
    }
    expect(accepted).toBeGreaterThan(100);
  });
});
