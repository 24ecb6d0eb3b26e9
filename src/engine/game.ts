import { type Order, validateOrders } from './orders.ts';
import { checkRulings } from './facilitator.ts';
import { type FreezeOptions, handOut, resolveTurn, type TurnResult } from './resolve.ts';
import { fail, failMany, ok, type Result } from './result.ts';
import { roundTen } from './math.ts';
import { seedRng } from './rng.ts';
import { type Scenario, scenarioHash } from './scenario.ts';
import type { GameState, Side } from './state.ts';
import { copyState, noCasualties } from './state.ts';

export interface GameOptions {
  /** A preset id from the scenario (e.g. the short classroom game); the full length when absent. */
  preset?: string;
}

/** Number of turns a game with these options lasts. */
export function turnsFor(scenario: Scenario, options: GameOptions): Result<number> {
  if (options.preset === undefined) return ok(scenario.turns);
  const preset = scenario.presets.find((p) => p.id === options.preset);
  if (!preset)
    return fail(
      'game.preset',
      `unknown preset "${options.preset}": expected one of ${scenario.presets.map((p) => p.id).join(', ') || '(none)'}`,
      'preset',
    );
  return ok(preset.turns);
}

/**
 * A new game. The seed is required and used as given (seed "0" is a seed like any other): the same scenario, seed
 * and orders always make the same game.
 */
export function createGame(scenario: Scenario, seed: string, options: GameOptions = {}): Result<GameState> {
  if (typeof seed !== 'string' || seed.length === 0) return fail('game.seed', 'a seed is required', 'seed');
  const turns = turnsFor(scenario, options);
  if (!turns.ok) return turns;
  const s = scenario;
  const state: GameState = {
    formatVersion: 1,
    scenarioId: s.id,
    scenarioHash: scenarioHash(s),
    seed,
    preset: options.preset ?? null,
    turn: 1,
    lastTurn: turns.value,
    rng: seedRng(seed),
    nextId: 1,
    submitted: { us: null, iran: null },
    us: {
      troops: s.us.troops,
      politicalCapital: s.us.politicalCapital,
      resolve: s.us.resolve,
      credibility: s.us.credibility,
      isr: s.us.isr,
      isrSurged: false,
      counterIsis: s.us.counterIsis,
      bases: s.us.bases.map((b) => ({ ...b })),
      redLines: s.us.redLineStanding
        ? [{ declaredTurn: 0, status: 'standing', crossedTurn: null, deadline: null }]
        : [],
      plans: s.us.plans.map((p, i) => ({
        id: -(i + 1),
        kind: 'campaign' as const,
        group: p.group,
        turnsLeft: 0,
        active: false,
        leaked: p.leaked,
        startedTurn: 0,
      })),
      departureOrdered: false,
      lastStrikeTurn: null,
      intel: s.iran.groups.map((g) => ({
        group: g.id,
        strength: roundTen(g.strength),
        arsenal: roundTen(g.arsenal),
        asOf: 0,
      })),
    },
    iran: {
      resources: s.iran.resources,
      income: s.iran.income,
      missileCapability: s.iran.missileCapability,
      pmuCohesion: s.iran.pmuCohesion,
      groups: s.iran.groups.map((g) => ({
        id: g.id,
        strength: g.strength,
        arsenal: g.arsenal,
        cohesion: g.cohesion,
        aggression: g.aggression,
        leaderAlive: true,
        restrainedTurns: 0,
      })),
      fronts: s.iran.fronts.map((f) => ({
        id: f.id,
        name: f.name,
        sponsor: f.sponsor,
        deniability: f.deniability,
        claims: 0,
        retired: false,
        exposed: false,
        createdTurn: 0,
      })),
      frontNamesUsed: 0,
      incomeLossTurns: 0,
    },
    baghdad: {
      consent: s.baghdad.consent,
      evictionPressure: s.baghdad.evictionPressure,
      lastVoteTurn: null,
      votesPassed: s.baghdad.votesPassed,
      stage: s.baghdad.government.stage,
      designate: s.baghdad.government.designate,
      designateTurns: s.baghdad.government.designateTurns,
      designateSupport: s.baghdad.government.designateSupport,
      successorsUsed: 0,
      waiverTurns: s.baghdad.waiverTurns,
    },
    isis: s.isis.strength,
    pandemic: s.pandemic.schedule[0]!,
    curfew: s.pandemic.schedule[0]! >= s.pandemic.curfewFrom,
    partners: s.partners,
    ladder: { rung: s.ladder.start, peak: s.ladder.start, quietTurns: 0 },
    firsts: { ...s.ladder.brokenBefore },
    escalation: { us: 0, iran: 0 },
    casualties: noCasualties(),
    attacks: [],
    strikes: [],
    cardsFired: [],
    history: [],
    outcome: null,
  };
  return ok(state);
}

// A copy rather than an immer draft: a batch submits twice a turn, and immer's proxies and finalising cost more
// than the rest of submitting. The result is the state immer made: frozen unless `freeze: false`, and the state
// itself when nothing changes.
function withSubmitted(state: GameState, side: Side, orders: Order[] | null, options: FreezeOptions): GameState {
  if (state.submitted[side] === orders) return state;
  const next = copyState(state);
  next.submitted =
    side === 'us' ? { us: orders, iran: state.submitted.iran } : { us: state.submitted.us, iran: orders };
  return handOut(next, options);
}

/**
 * Seals a side's orders for this turn. Until the turn resolves they can be replaced by submitting again (free undo);
 * the other side never sees them. Illegal orders leave the state as it was and come back as errors.
 */
export function submitOrders(
  scenario: Scenario,
  state: GameState,
  side: Side,
  orders: unknown,
  options: FreezeOptions = {},
): Result<GameState> {
  const checked = validateOrders(scenario, state, side, orders);
  if (!checked.ok) return checked;
  return ok(withSubmitted(state, side, checked.value, options));
}

/** Takes back a side's sealed orders before the turn resolves. */
export function withdrawOrders(state: GameState, side: Side, options: FreezeOptions = {}): GameState {
  return withSubmitted(state, side, null, options);
}

/**
 * Submits both sides' orders and resolves the turn, with the facilitator's rulings if any: the step every runner
 * (CLI, AI, UI, replays) shares.
 */
export function playTurn(
  scenario: Scenario,
  state: GameState,
  us: unknown,
  iran: unknown,
  rulings: unknown = [],
  options: FreezeOptions = {},
): Result<GameState> {
  const r = resolveOrders(scenario, state, us, iran, rulings, options);
  return r.ok ? ok(r.value.state) : r;
}

/** As playTurn, with the turn's events. */
export function resolveOrders(
  scenario: Scenario,
  state: GameState,
  us: unknown,
  iran: unknown,
  rulings: unknown = [],
  options: FreezeOptions = {},
): Result<TurnResult> {
  const a = submitOrders(scenario, state, 'us', us, options);
  if (!a.ok) return failMany(a.errors.map((e) => ({ ...e, path: `us.${e.path ?? ''}` })));
  const b = submitOrders(scenario, a.value, 'iran', iran, options);
  if (!b.ok) return failMany(b.errors.map((e) => ({ ...e, path: `iran.${e.path ?? ''}` })));
  const checked = checkRulings(scenario, rulings);
  if (!checked.ok) return failMany(checked.errors.map((e) => ({ ...e, path: `rulings.${e.path ?? ''}` })));
  return resolveTurn(scenario, b.value, checked.value, options);
}
