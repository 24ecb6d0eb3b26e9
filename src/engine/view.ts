import { likelihoodOf } from './attribution.ts';
import { addDays } from './dates.ts';
import { type IranIncome, iranIncomeThisWeek } from './income.ts';
import { legalOrders, type Order } from './orders.ts';
import { bestDeniability, proxyCapability } from './outcome.ts';
import type { AttackKind, Scenario } from './scenario.ts';
import {
  type BaseState,
  type Casualties,
  campaignLeaked,
  copyBaghdad,
  copyBase,
  copyGroup,
  copyPlan,
  copyRedLine,
  type GameState,
  type Outcome,
  type PlanState,
  type RedLineState,
  type Seat,
  type StrikeRecord,
  type TurnRecord,
} from './state.ts';

/** An attack as a seat knows it. The US never learns the true perpetrator here; Iran never sees the US's guess. */
export interface AttackView {
  id: number;
  turn: number;
  kind: AttackKind;
  target: string;
  claim: string;
  casualties: Casualties;
  group?: string | null; // Iran and the facilitator only
  autonomous?: boolean; // Iran and the facilitator only
  suspect?: string | null; // US and facilitator only
  confidence?: number; // US and facilitator only
  word?: string; // US and facilitator only
}

export interface GroupView {
  id: string;
  leaderAlive: boolean;
  /** Exact for Iran; for the US an estimate rounded to tens (what its intelligence can tell). */
  strength: number;
  arsenal: number;
  cohesion?: number;
  aggression?: number;
  restrainedTurns?: number;
  asOf?: number; // US only: the turn its estimate was last updated
}

export interface FrontView {
  id: string;
  name: string;
  claims: number;
  deniability: number;
  retired: boolean;
  sponsor: string | null; // null for the US until the front is exposed
}

/**
 * What one seat may know. The UI and the AI read only this, never the state; it never carries the RNG state (whoever
 * holds it foresees every roll). `legalOrders` is the seat's menu this turn.
 */
export interface SeatView {
  seat: Seat;
  scenarioId: string;
  turn: number;
  lastTurn: number;
  date: string;
  ladder: { rung: number; peak: number };
  /** Each side's escalation score; the other side's is null until the game ends (it would betray hidden orders). */
  escalation: { us: number | null; iran: number | null };
  baghdad: GameState['baghdad'];
  isis: number;
  pandemic: number;
  curfew: boolean;
  partners: number;
  casualties: Casualties;
  us: {
    troops: number;
    resolve: number;
    credibility: number;
    counterIsis: number;
    bases: BaseState[];
    redLines: RedLineState[];
    departureOrdered: boolean;
    lastStrikeTurn: number | null;
    politicalCapital?: number; // US and facilitator
    isr?: number; // US and facilitator
    plans: PlanState[]; // the US sees its own; Iran only those that leaked
  };
  iran: {
    groups: GroupView[];
    fronts: FrontView[];
    resources?: number; // Iran and facilitator
    income?: number; // the weekly income before the drains (what sanctions designations cut)
    /** Iran and facilitator: what the week being ordered will add, in its parts (`net` is the real gain). */
    weeklyIncome?: IranIncome;
    missileCapability?: number;
    pmuCohesion?: number;
    proxyCapability?: number;
    bestDeniability?: number;
  };
  attacks: AttackView[];
  strikes: (Omit<StrikeRecord, 'justified'> & { justified?: boolean })[];
  history: (Omit<TurnRecord, 'orders' | 'escalation'> & {
    orders: { us?: Order[]; iran?: Order[] };
    escalation: { us: number | null; iran: number | null };
  })[];
  submitted: { us: boolean; iran: boolean };
  ownOrders: Order[] | null;
  /** The facilitator only: both sides' sealed orders for the turn being ordered. */
  sealed?: { us: Order[] | null; iran: Order[] | null };
  legalOrders: Order[];
  outcome: Outcome | null;
}

/**
 * The view of a seat: the US, Iran, or the facilitator who sees everything (but still not the RNG state).
 * `withLegalOrders: false` skips listing the menu, for batch players that build their orders themselves.
 * `shared: true` lets the view hold the state's own records (Baghdad, bases, red lines, plans, Iran's groups)
 * where it would hold copies with the same fields: for a reader that neither keeps the view nor changes it, on a
 * state no one changes after, like the strategist's models in every turn of a playout.
 */
export function viewFor(
  scenario: Scenario,
  state: GameState,
  seat: Seat,
  withLegalOrders = true,
  shared = false,
): SeatView {
  const us = seat === 'us';
  const iran = seat === 'iran';
  const all = seat === 'facilitator';
  const pub = seat === 'public';
  const secretScores = !all && state.outcome === null;
  // The public knows of a front what the US does: its claims, and its sponsor once exposed.
  const knownFronts = state.iran.fronts.filter((f) => !(us || pub) || f.claims > 0 || f.exposed);
  // Whose escalation scores this seat sees: both once the game is over (or for the facilitator), else its own.
  const shown: Seat | 'both' = !secretScores ? 'both' : seat;
  const view: Omit<SeatView, 'sealed' | 'legalOrders' | 'outcome'> = {
    seat,
    scenarioId: state.scenarioId,
    turn: state.turn,
    lastTurn: state.lastTurn,
    date: dateOf(scenario, state.turn),
    ladder: { rung: state.ladder.rung, peak: state.ladder.peak },
    escalation: scoresFor(state.escalation, shown),
    baghdad: shared ? state.baghdad : copyBaghdad(state.baghdad),
    isis: state.isis,
    pandemic: state.pandemic,
    curfew: state.curfew,
    partners: state.partners,
    casualties: state.casualties,
    us: usSeen(state, us || all, shared),
    iran: iranSeen(
      scenario,
      state,
      us || pub,
      // The public hears of groups only through the news: their strength is known to Iran, estimated by the US.
      pub
        ? []
        : state.iran.groups.map((g) => {
            if (!us) return shared ? g : copyGroup(g);
            const estimate = state.us.intel.find((e) => e.group === g.id);
            return {
              id: g.id,
              leaderAlive: g.leaderAlive,
              strength: estimate?.strength ?? 0,
              arsenal: estimate?.arsenal ?? 0,
              asOf: estimate?.asOf ?? 0,
            };
          }),
      knownFronts.map((f) => ({
        id: f.id,
        name: f.name,
        claims: f.claims,
        deniability: f.deniability,
        retired: f.retired,
        sponsor: !(us || pub) || f.exposed ? f.sponsor : null,
      })),
    ),
    attacks: state.attacks.map(
      (a): AttackView =>
        pub
          ? { id: a.id, turn: a.turn, kind: a.kind, target: a.target, claim: a.claim, casualties: a.casualties }
          : us
            ? {
                id: a.id,
                turn: a.turn,
                kind: a.kind,
                target: a.target,
                claim: a.claim,
                casualties: a.casualties,
                suspect: a.suspect,
                confidence: a.confidence,
                word: likelihoodOf(scenario, a.confidence).word,
              }
            : iran
              ? {
                  id: a.id,
                  turn: a.turn,
                  kind: a.kind,
                  target: a.target,
                  claim: a.claim,
                  casualties: a.casualties,
                  group: a.group,
                  autonomous: a.autonomous,
                }
              : { ...a, word: likelihoodOf(scenario, a.confidence).word },
    ),
    strikes: state.strikes.map((s) => {
      if (us || pub)
        return { id: s.id, turn: s.turn, site: s.site, group: s.group, kind: s.kind, casualties: s.casualties };
      // Iran sees the strikes land, not the campaign plan behind them, until that plan leaks.
      const kind = iran && s.kind === 'campaign' && !campaignLeaked(state, s.group) ? 'strike' : s.kind;
      return {
        id: s.id,
        turn: s.turn,
        site: s.site,
        group: s.group,
        kind,
        casualties: s.casualties,
        justified: s.justified,
      };
    }),
    history: state.history.map((h) => ({
      ...h,
      orders: all ? h.orders : us ? { us: h.orders.us } : iran ? { iran: h.orders.iran } : {},
      escalation: scoresFor(h.escalation, shown),
    })),
    submitted: { us: state.submitted.us !== null, iran: state.submitted.iran !== null },
    ownOrders: us || iran ? state.submitted[seat] : null,
  };
  // Assigned in the order the fields are declared rather than spread into the literal (see usSeen).
  const seen = view as SeatView;
  if (all) seen.sealed = { us: state.submitted.us, iran: state.submitted.iran };
  seen.legalOrders = !(us || iran) || state.outcome || !withLegalOrders ? [] : legalOrders(scenario, state, seat);
  seen.outcome = state.outcome;
  return seen;
}

/**
 * The escalation scores a seat sees (`both`, or a side its own only; the public none). A function, not a closure made
 * per view: the strategist's models take a view in every turn of every playout.
 */
function scoresFor(e: { us: number; iran: number }, shown: Seat | 'both'): SeatView['escalation'] {
  if (shown === 'both') return { us: e.us, iran: e.iran };
  if (shown === 'us') return { us: e.us, iran: null };
  if (shown === 'iran') return { us: null, iran: e.iran };
  return { us: null, iran: null };
}

/** The US plans a seat sees: all of them for the US and the facilitator, else only those that leaked. */
function plansSeen(plans: PlanState[], all: boolean, shared: boolean): PlanState[] {
  if (shared) return all ? plans : plans.filter((p) => p.leaked);
  return (all ? plans : plans.filter((p) => p.leaked)).map(copyPlan);
}

// Each turn's date, worked out once per scenario: every view gives one, the models' views in every playout turn.
const dates = new WeakMap<Scenario, string[]>();

function dateOf(scenario: Scenario, turn: number): string {
  let known = dates.get(scenario);
  if (known === undefined) {
    known = [];
    dates.set(scenario, known);
  }
  let date = known[turn];
  if (date === undefined) {
    date = addDays(scenario.startDate, (turn - 1) * scenario.turnDays);
    known[turn] = date;
  }
  return date;
}

// The parts of a view a seat may or may not see are built as one literal or the other, never by spreading: every
// model in every playout turn takes a view, and literals with spreads are built on a slow path.

/** The US as a seat sees it: its purse and surveillance only for the US and the facilitator. */
function usSeen(state: GameState, own: boolean, shared: boolean): SeatView['us'] {
  const u = state.us;
  const bases = shared ? u.bases : u.bases.map(copyBase);
  const redLines = shared ? u.redLines : u.redLines.map(copyRedLine);
  const plans = plansSeen(u.plans, own, shared);
  return own
    ? {
        troops: u.troops,
        resolve: u.resolve,
        credibility: u.credibility,
        counterIsis: u.counterIsis,
        bases,
        redLines,
        departureOrdered: u.departureOrdered,
        lastStrikeTurn: u.lastStrikeTurn,
        politicalCapital: u.politicalCapital,
        isr: u.isr,
        plans,
      }
    : {
        troops: u.troops,
        resolve: u.resolve,
        credibility: u.credibility,
        counterIsis: u.counterIsis,
        bases,
        redLines,
        departureOrdered: u.departureOrdered,
        lastStrikeTurn: u.lastStrikeTurn,
        plans,
      };
}

/** Iran as a seat sees it: its purse and forces only for Iran and the facilitator (`hidden` for the others). */
function iranSeen(
  s: Scenario,
  state: GameState,
  hidden: boolean,
  groups: GroupView[],
  fronts: FrontView[],
): SeatView['iran'] {
  const i = state.iran;
  return hidden
    ? { groups, fronts }
    : {
        groups,
        fronts,
        resources: i.resources,
        income: i.income,
        weeklyIncome: iranIncomeThisWeek(s, state),
        missileCapability: i.missileCapability,
        pmuCohesion: i.pmuCohesion,
        proxyCapability: proxyCapability(state),
        bestDeniability: bestDeniability(state),
      };
}
