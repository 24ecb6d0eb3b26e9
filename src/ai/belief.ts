import { isSide } from '../engine/index.ts';
import {
  type AttackRecord,
  attributionConfidence,
  type Dice,
  type FrontState,
  type GameState,
  type GroupState,
  type Order,
  type PlanState,
  pandemicOn,
  type Scenario,
  scenarioHash,
  type SeatView,
  type Side,
  seedRng,
  specOf,
  type StrikeRecord,
} from '../engine/index.ts';

/**
 * What a side believes the whole game state to be: a full GameState built from its view alone, the hidden fields
 * filled in from the scenario's priors and what the view reveals. With dice, each call samples a different world
 * consistent with the view (the strategist plays its playouts in these) and gives it a fresh RNG state drawn from
 * the AI's own stream; without, it returns the point estimate (enough to check which orders are legal, since a
 * side's legal orders depend only on what it can see). Never reads the true state: it has no way to.
 */

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
const round10 = (v: number) => Math.round(v / 10) * 10;

/** A draw in [lo, hi] with dice, or the midpoint without. */
const around = (dice: Dice | null, lo: number, hi: number): number =>
  dice ? dice.between(lo, hi) : Math.trunc((lo + hi) / 2);

function pickWeighted<T>(dice: Dice | null, items: readonly T[], weights: readonly number[]): T | undefined {
  if (items.length === 0) return undefined;
  if (!dice) {
    let best = 0;
    for (let i = 1; i < weights.length; i++) if (weights[i]! > weights[best]!) best = i;
    return items[best];
  }
  return items[dice.weighted(weights)] ?? items[0];
}

/** The orders this side gave (its own history is in its view). */
const ownOrders = (view: SeatView, side: Side): Order[] => view.history.flatMap((h) => h.orders[side] ?? []);

/** What every world sampled from a view counts in it: the same for every world, so counted once per view. */
interface ViewCounts {
  calming: number; // the US's Swiss messages
  handovers: number; // the US's handovers ordered
  sanctions: number;
  shortened: number; // waivers the US shortened
  missiles: number; // Iran's missile strikes seen
  nextId: number; // above every record's id
  frontNamesUsed: number;
}

// The counts by view: the strategist samples every world of a search from one view, and only the draws differ.
const viewCounts = new WeakMap<SeatView, ViewCounts>();

function countsIn(view: SeatView): ViewCounts {
  let known = viewCounts.get(view);
  if (known === undefined) {
    const mine = ownOrders(view, 'us');
    const count = (type: Order['type']) => mine.filter((o) => o.type === type).length;
    let nextId = 1;
    for (const x of [...view.attacks, ...view.strikes, ...view.us.plans]) nextId = Math.max(nextId, x.id + 1);
    known = {
      calming: count('us-swiss-message'),
      handovers: count('hand-over-base'),
      sanctions: count('sanctions'),
      shortened: count('waiver-shorten'),
      missiles: view.attacks.filter((a) => a.kind === 'missile-strike').length,
      nextId,
      frontNamesUsed: frontNamesUsedIn(view),
    };
    viewCounts.set(view, known);
  }
  return known;
}

/** The US's reading of Iran's groups: the rounded estimates, jittered within their rounding, and priors for the rest. */
function groupsForUs(s: Scenario, view: SeatView, dice: Dice | null): GroupState[] {
  const { calming, handovers } = countsIn(view);
  return view.iran.groups.map((g) => {
    const prior = s.iran.groups.find((x) => x.id === g.id);
    const struck = view.strikes.filter((x) => x.group === g.id).length;
    const dead = !g.leaderAlive;
    const aggression =
      (prior?.aggression ?? 50) +
      5 * struck +
      (dead ? s.strikes.leaderKillAggression : 0) -
      3 * calming +
      2 * handovers +
      around(dice, -10, 10);
    const cohesion = (prior?.cohesion ?? 50) + (dead ? s.strikes.leaderKillCohesion : 0) + around(dice, -10, 10);
    // The estimate is rounded to tens when refreshed and goes stale after: the older, the wider the guess.
    const age = Math.max(0, view.turn - 1 - (g.asOf ?? 0));
    const spread = 5 + 3 * age;
    return {
      id: g.id,
      strength: clamp(g.strength + around(dice, -spread, spread - 1), 0, 100),
      arsenal: clamp(g.arsenal + around(dice, -spread, spread - 1), 0, 100),
      cohesion: clamp(cohesion, 0, 100),
      aggression: clamp(aggression, 0, 100),
      leaderAlive: g.leaderAlive,
      restrainedTurns: 0,
    };
  });
}

/** Fronts as the US knows them; a sponsor it has not exposed is guessed from whom it blamed for the front's claims. */
function frontsForUs(s: Scenario, view: SeatView, groups: GroupState[], dice: Dice | null): FrontState[] {
  return view.iran.fronts.map((f) => {
    let sponsor = f.sponsor;
    if (sponsor === null) {
      // Never the scenario file's sponsor: that is the ground truth the front exists to hide.
      const weights = groups.map(
        (g) => 1 + 3 * view.attacks.filter((a) => a.claim === f.id && a.suspect === g.id).length,
      );
      sponsor = pickWeighted(dice, groups, weights)?.id ?? groups[0]?.id ?? '';
    }
    return {
      id: f.id,
      name: f.name,
      sponsor,
      deniability: f.deniability,
      claims: f.claims,
      retired: f.retired,
      exposed: frontExposedIn(s, view, f),
      createdTurn: 0,
    };
  });
}

/** The true perpetrator of an attack the US saw: its suspect as often as its confidence says, else another group. */
function perpetrator(a: SeatView['attacks'][number], groups: GroupState[], dice: Dice | null): string | null {
  if (a.kind === 'missile-strike') return null;
  const suspect = a.suspect ?? null;
  if (suspect !== null && (!dice || dice.chance(a.confidence ?? 0))) return suspect;
  const others = groups.filter((g) => g.id !== suspect);
  return (
    pickWeighted(
      dice,
      others,
      others.map((g) => g.aggression + 1),
    )?.id ?? suspect
  );
}

/** Iran's guess at US political capital: the scenario's income less what it saw the US spend, and a usual rate. */
function capitalForIran(s: Scenario, view: SeatView, dice: Dice | null): number {
  const turns = view.turn - 1;
  let seen = 0;
  for (const x of view.strikes) if (x.kind === 'strike') seen += specOf(s, 'strike-site').cost;
  seen += view.iran.groups.filter((g) => !g.leaderAlive).length * specOf(s, 'leadership-strike').cost;
  for (const b of view.us.bases) {
    const was = s.us.bases.find((y) => y.site === b.site);
    if (was && !was.handedOver && was.handoverTurns === 0 && b.handedOver) seen += specOf(s, 'hand-over-base').cost;
    if (was && b.airDefence !== was.airDefence) seen += specOf(s, 'deploy-air-defence').cost;
  }
  seen += view.us.redLines.filter((r) => r.declaredTurn > 0).length * specOf(s, 'red-line').cost;
  const estimate = s.us.politicalCapital + turns * (s.us.capitalPerTurn - 3) - seen;
  return clamp(estimate + around(dice, -6, 6), 0, 100);
}

/** Plans Iran cannot see: the scenario's drafted plans not yet leaked, and a campaign it can tell is running. */
function plansForIran(s: Scenario, view: SeatView): PlanState[] {
  const plans = view.us.plans.map((p) => ({ ...p }));
  s.us.plans.forEach((p, i) => {
    const id = -(i + 1);
    if (!plans.some((x) => x.id === id))
      plans.push({ id, kind: 'campaign', group: p.group, turnsLeft: 0, active: false, leaked: false, startedTurn: 0 });
  });
  const last = view.turn - 1;
  const duration = specOf(s, 'campaign').duration ?? 1;
  for (const x of view.strikes) {
    if (x.kind !== 'campaign' || x.turn !== last || plans.some((p) => p.active && p.group === x.group)) continue;
    const weeks = new Set(view.strikes.filter((y) => y.kind === 'campaign' && y.group === x.group).map((y) => y.turn));
    let run = 0;
    while (weeks.has(last - run)) run++;
    if (run < duration)
      plans.push({
        id: -1000 - plans.length, // a plan Iran has inferred: an id no real record uses
        kind: 'campaign',
        group: x.group,
        turnsLeft: duration - run,
        active: true,
        leaked: false,
        startedTurn: last - run + 1,
      });
  }
  return plans;
}

/**
 * Event cards already played: public news, inferred from the turn records (the view does not list them). With
 * dice, a card that may have fired by chance is drawn; without, it counts as fired when it more likely did.
 */
export function inferCardsFired(s: Scenario, view: SeatView, dice: Dice | null): string[] {
  const fired: string[] = [];
  const weeks = weeksHeld(s, view);
  for (let i = 0; i < s.cards.length; i++) {
    const card = s.cards[i]!;
    const w = card.when;
    if (w.turn !== undefined) {
      if (w.turn < view.turn) fired.push(card.id);
      continue;
    }
    const chances = weeks[i]!;
    if (chances === 0) continue;
    if (w.chance === undefined) fired.push(card.id);
    else if (dice) {
      for (let k = 0; k < chances; k++)
        if (dice.chance(w.chance)) {
          fired.push(card.id);
          break;
        }
    } else if (chances * w.chance >= 500) fired.push(card.id);
  }
  return fired;
}

// Each card's count of past weeks that met its conditions, by view: the strategist samples every world of a search
// from one view, and only the draws differ between them.
const weeksByView = new WeakMap<SeatView, { scenario: Scenario; weeks: number[] }>();

/** For each card of the deck without a fixed turn, how many of the view's past weeks met its conditions. */
function weeksHeld(s: Scenario, view: SeatView): number[] {
  const known = weeksByView.get(view);
  if (known?.scenario === s) return known.weeks;
  const pandemic = view.history.map((h) => pandemicOn(s, h.turn));
  const weeks = s.cards.map((card) => {
    const w = card.when;
    if (w.turn !== undefined) return 0;
    let chances = 0;
    for (const [k, h] of view.history.entries()) {
      const { level, curfew } = pandemic[k]!;
      const held =
        (w.fromTurn === undefined || h.turn >= w.fromTurn) &&
        (w.minPandemic === undefined || level >= w.minPandemic) &&
        (w.minRung === undefined || h.rung >= w.minRung) &&
        (w.maxRung === undefined || h.rung <= w.maxRung) &&
        (w.minIsis === undefined || h.isis >= w.minIsis) &&
        (w.maxConsent === undefined || h.consent <= w.maxConsent) &&
        (w.minUsKilled === undefined || h.usKilled >= w.minUsKilled) &&
        (w.minPartners === undefined || view.partners >= w.minPartners) &&
        (w.curfew === undefined || curfew === w.curfew) &&
        (w.waiverEndsWithin === undefined || waiverWithin(s, view, h.turn, w.waiverEndsWithin)) &&
        // Today's government and bases stand in for the past weeks' (the records keep neither).
        (w.stage === undefined || view.baghdad.stage === w.stage) &&
        (w.maxDesignateSupport === undefined || view.baghdad.designateSupport <= w.maxDesignateSupport) &&
        (w.basesHeld === undefined ||
          w.basesHeld.every((b) => view.us.bases.some((x) => x.site === b && !x.handedOver)));
      if (held) chances++;
    }
    return chances;
  });
  weeksByView.set(view, { scenario: s, weeks });
  return weeks;
}

/**
 * Whether the waiver was running and within `n` turns of its end as turn `turn` closed. It runs down a turn a week:
 * read back from today's while it runs, from the start once it has lapsed; exact unless the US extended or shortened
 * it in between.
 */
function waiverWithin(s: Scenario, view: SeatView, turn: number, n: number): boolean {
  const left = view.baghdad.waiverTurns;
  const then = left > 0 ? left + (view.turn - 1 - turn) : s.baghdad.waiverTurns - turn;
  return then > 0 && then <= n;
}

/** Turns of records a playout keeps: no rule or doctrine looks further back than this. */
export const RECENT_TURNS = 4;

/** How many front names Iran has used: each created front's id carries its number (front-3), the view shows them all. */
/**
 * Whether a front of the view counts as exposed to the seat: for the US once it knows the sponsor, for Iran once the
 * front's worn deniability is below the scenario's line.
 */
export function frontExposedIn(scenario: Scenario, view: SeatView, front: SeatView['iran']['fronts'][number]): boolean {
  return view.seat === 'us' ? front.sponsor !== null : front.deniability < scenario.attribution.exposedBelow;
}

export function frontNamesUsedIn(view: SeatView): number {
  let used = 0;
  for (const f of view.iran.fronts) used = Math.max(used, Number(/^front-(\d+)$/.exec(f.id)?.[1] ?? 0));
  return used;
}

/**
 * A full game state consistent with a seat's view. With `dice`, hidden fields are sampled and the RNG state is
 * fresh from the dice; with null, the point estimate and a fixed RNG state. `trim` drops the turn records and the
 * attacks and strikes no rule will read again (the strategist's playouts copy the state every turn).
 */
export function believedState(scenario: Scenario, view: SeatView, dice: Dice | null, trim = false): GameState {
  const s = scenario;
  if (!isSide(view.seat)) throw new Error('only a side has beliefs to sample');
  const us = view.seat === 'us';
  const groups: GroupState[] = us
    ? groupsForUs(s, view, dice)
    : view.iran.groups.map((g) => ({
        id: g.id,
        strength: g.strength,
        arsenal: g.arsenal,
        cohesion: g.cohesion ?? 50,
        aggression: g.aggression ?? 50,
        leaderAlive: g.leaderAlive,
        restrainedTurns: g.restrainedTurns ?? 0,
      }));
  const fronts: FrontState[] = us
    ? frontsForUs(s, view, groups, dice)
    : view.iran.fronts.map((f) => ({
        id: f.id,
        name: f.name,
        sponsor: f.sponsor ?? '',
        deniability: f.deniability,
        claims: f.claims,
        retired: f.retired,
        exposed: frontExposedIn(s, view, f),
        createdTurn: 0,
      }));
  const frontNamesUsed = countsIn(view).frontNamesUsed;
  const isr = us
    ? (view.us.isr ?? s.us.baseIsr)
    : clamp(s.us.baseIsr + (dice ? Number(dice.chance(250)) + Number(dice.chance(80)) : 0), 0, 5);
  const attacks: AttackRecord[] = view.attacks.map((a) => {
    if (us)
      return {
        id: a.id,
        turn: a.turn,
        kind: a.kind,
        target: a.target,
        group: perpetrator(a, groups, dice),
        autonomous: false,
        claim: a.claim,
        suspect: a.suspect ?? null,
        confidence: a.confidence ?? 0,
        casualties: a.casualties,
      };
    const group = a.group ?? null;
    if (group === null) return { ...a, group, autonomous: false, suspect: null, confidence: s.attribution.stateAct };
    const front = fronts.find((f) => f.id === a.claim);
    const confidence = attributionConfidence(
      s,
      isr,
      pandemicOn(s, a.turn).curfew,
      a.claim === 'open' || a.claim === 'unclaimed'
        ? a.claim
        : front?.exposed
          ? 'open'
          : { deniability: front?.deniability ?? 0 },
    );
    let suspect = group;
    if (dice && !dice.chance(confidence)) {
      const others = groups.filter((g) => g.id !== group);
      suspect =
        pickWeighted(
          dice,
          others,
          others.map((g) => g.aggression + 1),
        )?.id ?? group;
    }
    return {
      id: a.id,
      turn: a.turn,
      kind: a.kind,
      target: a.target,
      group,
      autonomous: a.autonomous ?? false,
      claim: a.claim,
      suspect,
      confidence,
      casualties: a.casualties,
    };
  });
  const strikes: StrikeRecord[] = view.strikes.map((x) => ({
    ...x,
    justified:
      x.justified ?? attacks.some((a) => a.group === x.group && a.turn > x.turn - s.strikes.window && a.turn <= x.turn),
  }));
  const counts = countsIn(view);
  const { missiles, nextId } = counts;
  const income = s.iran.income - counts.sanctions - counts.shortened;
  return {
    formatVersion: 1,
    scenarioId: view.scenarioId,
    scenarioHash: scenarioHash(s),
    seed: `${view.scenarioId}/belief`,
    preset: null,
    turn: view.turn,
    lastTurn: view.lastTurn,
    rng: dice ? seedRng(`belief/${dice.int(0x7fffffff)}/${dice.int(0x7fffffff)}`) : seedRng('belief'),
    nextId,
    submitted: { us: null, iran: null },
    us: {
      troops: view.us.troops,
      politicalCapital: us ? (view.us.politicalCapital ?? 0) : capitalForIran(s, view, dice),
      resolve: view.us.resolve,
      credibility: view.us.credibility,
      isr,
      isrSurged: false,
      counterIsis: view.us.counterIsis,
      bases: view.us.bases.map((b) => ({ ...b })),
      redLines: view.us.redLines.map((r) => ({ ...r })),
      plans: us ? view.us.plans.map((p) => ({ ...p })) : plansForIran(s, view),
      departureOrdered: view.us.departureOrdered,
      lastStrikeTurn: view.us.lastStrikeTurn,
      // The US's picture of the groups: its view, for the US; for Iran, a guess that the picture is about right.
      intel: us
        ? view.iran.groups.map((g) => ({ group: g.id, strength: g.strength, arsenal: g.arsenal, asOf: g.asOf ?? 0 }))
        : groups.map((g) => ({
            group: g.id,
            strength: round10(g.strength),
            arsenal: round10(g.arsenal),
            asOf: view.turn - 1,
          })),
    },
    iran: {
      resources: us ? clamp(15 + around(dice, -10, 15), 0, 100) : (view.iran.resources ?? 0),
      income: us ? clamp(income, 0, 50) : (view.iran.income ?? s.iran.income),
      missileCapability: us
        ? clamp(s.iran.missileCapability - missiles * s.attacks.profiles['missile-strike'].arsenalCost, 0, 100)
        : (view.iran.missileCapability ?? 0),
      pmuCohesion: us ? clamp(s.iran.pmuCohesion + around(dice, -10, 10), 0, 100) : (view.iran.pmuCohesion ?? 50),
      groups,
      fronts,
      frontNamesUsed,
      incomeLossTurns: 0,
    },
    baghdad: { ...view.baghdad },
    isis: view.isis,
    pandemic: view.pandemic,
    curfew: view.curfew,
    partners: view.partners,
    ladder: { rung: view.ladder.rung, peak: view.ladder.peak, quietTurns: 0 },
    firsts: {
      usDeath: s.ladder.brokenBefore.usDeath || view.casualties.usKilled > 0,
      leaderKilled: s.ladder.brokenBefore.leaderKilled || view.iran.groups.some((g) => !g.leaderAlive),
      stateStrike: s.ladder.brokenBefore.stateStrike || missiles > 0,
    },
    // The other side's score is secret; it counts only in the debrief, never in a rule.
    escalation: { us: view.escalation.us ?? 0, iran: view.escalation.iran ?? 0 },
    casualties: { ...view.casualties },
    attacks: trim ? attacks.filter((a) => a.turn >= view.turn - RECENT_TURNS) : attacks,
    strikes: trim ? strikes.filter((x) => x.turn >= view.turn - RECENT_TURNS) : strikes,
    cardsFired: inferCardsFired(s, view, dice),
    history: trim
      ? []
      : view.history.map((h) => ({
          ...h,
          escalation: { us: h.escalation.us ?? 0, iran: h.escalation.iran ?? 0 },
          orders: { us: h.orders.us ?? [], iran: h.orders.iran ?? [] },
        })),
    outcome: view.outcome,
  };
}
