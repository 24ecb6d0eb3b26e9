import type { FreezeOptions, Order, Scenario, SeatView } from '../engine/index.ts';
import { Dice, groupName, seedRng, siteName, specOf } from '../engine/index.ts';

/** A player: reads only its seat's view and returns orders, each with a reason a student can follow. */
export interface Decision {
  orders: Order[];
  reasons: string[];
  /** How a searching AI reached its choice, in one plain sentence (doctrines leave it out). */
  summary?: string;
  /** A searching AI's budget and result, for the tournament and the curious. */
  search?: SearchStats;
}

/** What a search spent and found: counted in playouts, never in time, so a seed gives the same choice anywhere. */
export interface SearchStats {
  playouts: number;
  candidates: number;
  horizon: number;
  /**
   * Mean playout score of the chosen orders, and its lead over the best other set compared: negative when the
   * mixed strategy drew a set that came out below the search's first choice.
   */
  expected: number;
  margin: number;
}

/**
 * A computer player's decision for a view. `options` reaches the engine for any game a player plays ahead in its
 * head (the strategist's playouts): a batch or a worker passes `freeze: false`.
 */
export type Policy = (scenario: Scenario, view: SeatView, dice: Dice, options?: FreezeOptions) => Decision;

/**
 * An AI's own random stream for one turn, derived from the game seed: it never draws from (or sees) the game's RNG.
 * One stream per turn, so a game reloaded mid-way (or replayed by the CLI) sees the AI make the same choices.
 */
export function aiDice(seed: string, seat: string, turn: number): Dice {
  return new Dice(seedRng(`${seed}/ai/${seat}/${turn}`));
}

/** Keeps the orders that fit the budget and the per-turn limit, in the order given, one of each type. */
function affordable(scenario: Scenario, budget: number, wanted: { order: Order; reason: string }[]): Decision {
  const orders: Order[] = [];
  const reasons: string[] = [];
  let left = budget;
  for (const w of wanted) {
    if (orders.length >= scenario.ordersPerTurn) break;
    if (orders.some((o) => o.type === w.order.type)) continue;
    const cost = specOf(scenario, w.order.type).cost;
    if (cost > left) continue;
    left -= cost;
    orders.push(w.order);
    reasons.push(w.reason);
  }
  return { orders, reasons };
}

/**
 * The simple policies below are kept as the engine's fixed yardstick (npm run bench measures games per second
 * with them); the players people meet are the doctrines (doctrine-policy.ts) and the strategist.
 *
 * The simple US policy: answer American deaths with a strike on the group it suspects (when the evidence is good
 * enough), otherwise build intelligence, fight ISIS and keep Baghdad on side.
 */
export const measuredUs: Policy = (scenario, view, dice) => {
  const wanted: { order: Order; reason: string }[] = [];
  const recent = view.attacks.filter((a) => a.turn === view.turn - 1);
  const deadly = recent.filter((a) => a.casualties.usKilled > 0 && a.suspect && (a.confidence ?? 0) >= 550);
  const target = deadly[0]?.suspect;
  if (target) {
    // Prefer a depot to a PMU position (part of the Iraqi state), but strike one rather than break our word.
    const all = scenario.iran.proxySites.filter((p) => p.group === target);
    const depots = all.filter((p) => !p.stateInstitution);
    const sites = depots.length > 0 ? depots : all;
    const site = sites[dice.int(Math.max(1, sites.length))];
    if (site)
      wanted.push({
        order: { type: 'strike-site', site: site.site },
        reason: `Americans were killed and we believe ${groupName(scenario, target)} did it: striking ${siteName(scenario, site.site)} keeps our word${site.stateInstitution ? ', though hitting a PMU position will anger Baghdad' : ''}.`,
      });
  }
  const claimed = recent.find((a) => view.iran.fronts.some((f) => f.id === a.claim && !f.retired));
  if (claimed && dice.chance(500))
    wanted.push({
      order: { type: 'publish-evidence', front: claimed.claim },
      reason: 'A front group claimed last week’s attack: showing who stands behind it costs them cover.',
    });
  if (recent.length > 0 && (view.us.isr ?? 0) < 4 && dice.chance(400))
    wanted.push({
      order: { type: 'surge-isr' },
      reason: 'More eyes overhead make the next attack easier to pin down.',
    });
  if (view.baghdad.waiverTurns <= 1)
    wanted.push({
      order: { type: 'waiver-extend' },
      reason: 'Iraq needs the electricity; letting the waiver lapse angers Baghdad.',
    });
  const exposed = view.us.bases.filter((b) => !b.handedOver && b.canHandOver && b.exposure >= 65);
  if (exposed.length > 0 && dice.chance(300))
    wanted.push({
      order: { type: 'hand-over-base', base: exposed[0]!.site },
      reason: `${siteName(scenario, exposed[0]!.site)} is exposed; handing it to the Iraqis removes a target.`,
    });
  if (view.isis >= 35 || dice.chance(500))
    wanted.push({
      order: { type: 'counter-isis' },
      reason: 'Our mandate is ISIS: keeping it down keeps Baghdad with us.',
    });
  wanted.push({ order: { type: 'hold' }, reason: 'Nothing calls for action: we save political capital.' });
  return affordable(scenario, view.us.politicalCapital ?? 0, wanted);
};

/**
 * The simple Iranian policy: harass through front groups, keep a deniable front alive, push the eviction vote,
 * and hold its fire when one deadly week could bring war.
 */
export const harasserIran: Policy = (scenario, view, dice) => {
  const wanted: { order: Order; reason: string }[] = [];
  // One deadly week can climb maxStep rungs: from here a single death could start the war.
  const nearWar = view.ladder.rung >= scenario.ladder.war - scenario.ladder.maxStep - 1;
  if (nearWar)
    wanted.push({
      order: { type: 'restrain-proxies' },
      reason: 'The crisis is close to open war: we hold the groups back.',
    });
  const fronts = view.iran.fronts.filter((f) => !f.retired);
  const best = fronts.reduce<(typeof fronts)[number] | undefined>(
    (b, f) => (!b || f.deniability > b.deniability ? f : b),
    undefined,
  );
  const groups = view.iran.groups.filter((g) => g.arsenal >= scenario.attacks.profiles['rocket-attack'].arsenalCost);
  if ((!best || best.deniability < 40) && groups[0])
    wanted.push({
      order: { type: 'create-front', group: groups[0].id, retire: best?.id ?? null },
      reason: 'Our front name is burned: a new one gives our attacks cover again.',
    });
  const bases = view.us.bases.filter((b) => !b.handedOver);
  if (groups.length > 0 && bases.length > 0 && !nearWar) {
    const g = groups[dice.int(groups.length)]!;
    const b = bases[dice.weighted(bases.map((x) => x.exposure))] ?? bases[0]!;
    const claim = best && best.sponsor === g.id && best.deniability >= 40 ? best.id : 'unclaimed';
    wanted.push({
      order: { type: 'rocket-attack', group: g.id, base: b.site, claim },
      reason: `Rockets on ${siteName(scenario, b.site)} remind the Americans they are not safe, and ${claim === 'unclaimed' ? 'no one claims them' : 'a front takes the credit'}.`,
    });
  }
  if (view.baghdad.evictionPressure >= 30)
    wanted.push({
      order: { type: 'eviction-campaign' },
      reason: 'Parliament is close to voting the Americans out: we push.',
    });
  wanted.push({
    order: { type: 'info-operation' },
    reason: 'The coup story turns Iraqis against the Americans and their man.',
  });
  return affordable(scenario, view.iran.resources ?? 0, wanted);
};
