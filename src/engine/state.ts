import type { AirDefence, AttackKind } from './scenario.ts';
import type { FacilitatorRecord, Ruling } from './rulings.ts';
import type { Order } from './orders.ts';
import type { RngState } from './rng.ts';

/** The two sides that give orders. */
export type Side = 'us' | 'iran';
/**
 * Who looks at the game: a side; the facilitator (white cell) who sees everything; or the public, what a projected
 * screen in a classroom may show both teams at once (nothing either side keeps from the other).
 */
export type Seat = Side | 'facilitator' | 'public';

export const SIDES: readonly Side[] = ['us', 'iran'];
/** Whether a seat gives orders (a side) rather than only watching (the facilitator, the public). */
export const isSide = (seat: Seat): seat is Side => seat === 'us' || seat === 'iran';
export const otherSide = (side: Side): Side => (side === 'us' ? 'iran' : 'us');

export interface BaseState {
  site: string;
  garrison: number;
  exposure: number;
  airDefence: AirDefence;
  handedOver: boolean;
  handoverTurns: number; // a handover under way completes when this reaches 0
  canHandOver: boolean;
  key: boolean;
}

export interface GroupState {
  id: string;
  strength: number;
  arsenal: number;
  cohesion: number;
  aggression: number;
  leaderAlive: boolean;
  restrainedTurns: number; // turns left of Iran's order to hold fire
}

export interface FrontState {
  id: string;
  name: string;
  sponsor: string; // hidden from the US until exposed
  deniability: number;
  claims: number;
  retired: boolean; // renamed away: no longer claims, but its record stays
  exposed: boolean; // its sponsor is known to the US
  createdTurn: number;
}

/** What US intelligence believes of a group: refreshed now and then, not read live from the truth. */
export interface GroupEstimate {
  group: string;
  strength: number;
  arsenal: number;
  asOf: number; // the turn of the last update (0: before the game)
}

/** A campaign or leadership plan: hidden from Iran until it leaks. */
export interface PlanState {
  id: number;
  kind: 'campaign';
  group: string;
  turnsLeft: number;
  active: boolean;
  leaked: boolean;
  startedTurn: number;
}

export interface Casualties {
  usKilled: number;
  usWounded: number;
  iraqiForcesKilled: number;
  civiliansKilled: number;
  proxiesKilled: number;
}

/** Ground truth of one attack, and what the US made of it. The debrief reveals it. */
export interface AttackRecord {
  id: number;
  turn: number;
  kind: AttackKind;
  target: string;
  group: string | null; // null for a state act (IRGC missiles)
  autonomous: boolean;
  claim: string; // a front id, 'open' or 'unclaimed'
  suspect: string | null; // the group the US assessed, null when it had no suspect
  confidence: number; // per-mille confidence the US gave its suspect
  casualties: Casualties;
}

export interface StrikeRecord {
  id: number;
  turn: number;
  site: string;
  group: string;
  kind: 'strike' | 'campaign';
  justified: boolean; // the group had really attacked inside the window (for a campaign's strikes: before it began, or since)
  casualties: Casualties;
}

export interface RedLineState {
  declaredTurn: number;
  status: 'standing' | 'crossed' | 'honoured' | 'broken';
  crossedTurn: number | null;
  deadline: number | null;
}

export interface TurnRecord {
  turn: number;
  orders: { us: Order[]; iran: Order[] };
  rung: number;
  escalation: { us: number; iran: number };
  consent: number;
  evictionPressure: number;
  usResolve: number;
  isis: number;
  usKilled: number;
  rulings?: Ruling[]; // the facilitator's rulings on this turn's rolls
}

export interface GameState {
  formatVersion: 1;
  scenarioId: string;
  scenarioHash: string;
  seed: string;
  preset: string | null; // the scenario preset this game was created with
  turn: number; // the turn being ordered, 1-based
  lastTurn: number;
  rng: RngState;
  nextId: number;
  submitted: { us: Order[] | null; iran: Order[] | null };
  us: {
    troops: number;
    politicalCapital: number;
    resolve: number;
    credibility: number;
    isr: number;
    isrSurged: boolean;
    counterIsis: number;
    bases: BaseState[];
    redLines: RedLineState[];
    plans: PlanState[];
    departureOrdered: boolean;
    lastStrikeTurn: number | null; // the last week the US struck (a strike, a campaign's, a leader): it answers attacks
    intel: GroupEstimate[];
  };
  iran: {
    resources: number;
    income: number;
    missileCapability: number;
    pmuCohesion: number;
    groups: GroupState[];
    fronts: FrontState[];
    frontNamesUsed: number;
    incomeLossTurns: number;
  };
  baghdad: {
    consent: number;
    evictionPressure: number;
    lastVoteTurn: number | null;
    votesPassed: number;
    stage: 'caretaker' | 'designate' | 'confirmed';
    designate: string;
    designateTurns: number;
    designateSupport: number;
    successorsUsed: number;
    waiverTurns: number;
  };
  isis: number;
  pandemic: number;
  curfew: boolean;
  partners: number;
  ladder: { rung: number; peak: number; quietTurns: number };
  firsts: { usDeath: boolean; leaderKilled: boolean; stateStrike: boolean };
  escalation: { us: number; iran: number };
  casualties: Casualties;
  attacks: AttackRecord[];
  strikes: StrikeRecord[];
  cardsFired: string[];
  history: TurnRecord[];
  outcome: Outcome | null;
  facilitator?: FacilitatorRecord; // absent in a game no facilitator has touched
}

export interface ScoreLine {
  label: string;
  points: number;
}

export interface Score {
  total: number;
  lines: ScoreLine[];
}

export type OutcomeResult = 'us' | 'iran' | 'draw' | 'shared-loss';
export type OutcomeReason = 'war' | 'eviction' | 'token' | 'resolve' | 'final-turn';

export interface Outcome {
  result: OutcomeResult;
  reason: OutcomeReason;
  turn: number;
  explanation: string;
  score: { us: Score; iran: Score };
}

/** Whether Iran knows of the US campaign plan against a group: it leaked (or was known before the game began). */
export const campaignLeaked = (state: GameState, group: string): boolean =>
  state.us.plans.some((p) => p.group === group && p.leaked);

export const noCasualties = (): Casualties => ({
  usKilled: 0,
  usWounded: 0,
  iraqiForcesKilled: 0,
  civiliansKilled: 0,
  proxiesKilled: 0,
});

// ---- Copies ------------------------------------------------------------------------------------------------------
// Field by field rather than by spread: each turn copies the last turn's copy, and V8 spreads a spread's result on a
// slow path, some 10 to 30 times slower (npm run bench:engine). The compiler insists every required field is
// copied; an optional field added to one of these types must be added to its copy by hand.

export const copyBase = (b: BaseState): BaseState => ({
  site: b.site,
  garrison: b.garrison,
  exposure: b.exposure,
  airDefence: b.airDefence,
  handedOver: b.handedOver,
  handoverTurns: b.handoverTurns,
  canHandOver: b.canHandOver,
  key: b.key,
});

export const copyGroup = (g: GroupState): GroupState => ({
  id: g.id,
  strength: g.strength,
  arsenal: g.arsenal,
  cohesion: g.cohesion,
  aggression: g.aggression,
  leaderAlive: g.leaderAlive,
  restrainedTurns: g.restrainedTurns,
});

export const copyFront = (f: FrontState): FrontState => ({
  id: f.id,
  name: f.name,
  sponsor: f.sponsor,
  deniability: f.deniability,
  claims: f.claims,
  retired: f.retired,
  exposed: f.exposed,
  createdTurn: f.createdTurn,
});

export const copyEstimate = (e: GroupEstimate): GroupEstimate => ({
  group: e.group,
  strength: e.strength,
  arsenal: e.arsenal,
  asOf: e.asOf,
});

export const copyPlan = (p: PlanState): PlanState => ({
  id: p.id,
  kind: p.kind,
  group: p.group,
  turnsLeft: p.turnsLeft,
  active: p.active,
  leaked: p.leaked,
  startedTurn: p.startedTurn,
});

export const copyRedLine = (r: RedLineState): RedLineState => ({
  declaredTurn: r.declaredTurn,
  status: r.status,
  crossedTurn: r.crossedTurn,
  deadline: r.deadline,
});

export const copyCasualties = (c: Casualties): Casualties => ({
  usKilled: c.usKilled,
  usWounded: c.usWounded,
  iraqiForcesKilled: c.iraqiForcesKilled,
  civiliansKilled: c.civiliansKilled,
  proxiesKilled: c.proxiesKilled,
});

export const copyBaghdad = (b: GameState['baghdad']): GameState['baghdad'] => ({
  consent: b.consent,
  evictionPressure: b.evictionPressure,
  lastVoteTurn: b.lastVoteTurn,
  votesPassed: b.votesPassed,
  stage: b.stage,
  designate: b.designate,
  designateTurns: b.designateTurns,
  designateSupport: b.designateSupport,
  successorsUsed: b.successorsUsed,
  waiverTurns: b.waiverTurns,
});

/** The US's part of the state, one level deep: its lists are shared. */
export const copyUs = (u: GameState['us']): GameState['us'] => ({
  troops: u.troops,
  politicalCapital: u.politicalCapital,
  resolve: u.resolve,
  credibility: u.credibility,
  isr: u.isr,
  isrSurged: u.isrSurged,
  counterIsis: u.counterIsis,
  bases: u.bases,
  redLines: u.redLines,
  plans: u.plans,
  departureOrdered: u.departureOrdered,
  lastStrikeTurn: u.lastStrikeTurn,
  intel: u.intel,
});

/** Iran's part of the state, one level deep: its lists are shared. */
export const copyIran = (i: GameState['iran']): GameState['iran'] => ({
  resources: i.resources,
  income: i.income,
  missileCapability: i.missileCapability,
  pmuCohesion: i.pmuCohesion,
  groups: i.groups,
  fronts: i.fronts,
  frontNamesUsed: i.frontNamesUsed,
  incomeLossTurns: i.incomeLossTurns,
});

/** The state one level deep: every part is shared with the original until replaced. */
export function copyState(s: GameState): GameState {
  const copy: GameState = {
    formatVersion: s.formatVersion,
    scenarioId: s.scenarioId,
    scenarioHash: s.scenarioHash,
    seed: s.seed,
    preset: s.preset,
    turn: s.turn,
    lastTurn: s.lastTurn,
    rng: s.rng,
    nextId: s.nextId,
    submitted: s.submitted,
    us: s.us,
    iran: s.iran,
    baghdad: s.baghdad,
    isis: s.isis,
    pandemic: s.pandemic,
    curfew: s.curfew,
    partners: s.partners,
    ladder: s.ladder,
    firsts: s.firsts,
    escalation: s.escalation,
    casualties: s.casualties,
    attacks: s.attacks,
    strikes: s.strikes,
    cardsFired: s.cardsFired,
    history: s.history,
    outcome: s.outcome,
  };
  if (s.facilitator !== undefined) copy.facilitator = s.facilitator;
  return copy;
}
