import { isSide } from '../engine/index.ts';
import {
  ATTACK_KINDS,
  Dice,
  type GameState,
  isOrderLegal,
  type Order,
  type Scenario,
  type SeatView,
  type Side,
  seedRng,
  specOf,
  viewFor,
} from '../engine/index.ts';
import type { Doctrine } from './doctrine.ts';
import { decideDoctrine } from './doctrine-policy.ts';
import { inferCardsFired } from './belief.ts';
import { rival } from './situation.ts';

/**
 * Reading the other side: which of its doctrines best explains what it has done, from the public record in the view
 * alone. For each past turn the other side's position is rebuilt, roughly, from the believed state and the turn
 * records (the rung, consent, pressure and losses of the time, the attacks and strikes known then); each doctrine is
 * asked, a few times, what it would have done; and that is compared with what the record shows.
 * - Dated signs, turn by turn: US strikes and red lines as Iran sees them; attacks, heavy barrages and a push in
 *   parliament (the rise in eviction pressure the US's own acts do not explain) as the US sees them.
 * - Undated signs, counted over the game: bases handed over, air defence deployed and sanctions on Iran's income
 *   (which Iran reads in its own accounts), against the count each doctrine would have given.
 * The strategist then imagines the other side playing each doctrine as often as the evidence and the book's prior
 * weights say. Only multiplication and division: the weights are the same in every JavaScript engine.
 */

const SAMPLES = 3;

/** What a side's orders would show the other side: dated flags, and counts of acts only totals reveal. */
interface Signs {
  dated: boolean[];
  counted: number[];
}

const ATTACKS = new Set<Order['type']>(ATTACK_KINDS);

function signsOfOrders(scenario: Scenario, orders: readonly Order[], them: Side): Signs {
  const has = (...types: Order['type'][]) => orders.some((o) => types.includes(o.type));
  if (them === 'us')
    return {
      dated: [has('strike-site', 'campaign', 'leadership-strike'), has('red-line')],
      counted: [
        Number(has('hand-over-base')),
        Number(has('deploy-air-defence')),
        orders.reduce((k, o) => k - (specOf(scenario, o.type).effects.iranIncome ?? 0), 0),
      ],
    };
  return {
    dated: [
      orders.some((o) => ATTACKS.has(o.type)),
      has('lethal-barrage', 'missile-strike'),
      orders.some((o) => (specOf(scenario, o.type).effects.evictionPressure ?? 0) > 0),
    ],
    counted: [],
  };
}

/** Eviction pressure the US's own acts added on a turn: its orders' effects and its strikes. */
function usPush(scenario: Scenario, view: SeatView, turn: number): number {
  const own = view.history.find((h) => h.turn === turn)?.orders.us ?? [];
  let push = own.reduce((k, o) => k + (specOf(scenario, o.type).effects.evictionPressure ?? 0), 0);
  for (const s of view.strikes) {
    if (s.turn !== turn) continue;
    const site = scenario.iran.proxySites.find((p) => p.site === s.site);
    push +=
      scenario.strikes.evictionPressure + (site?.stateInstitution ? scenario.strikes.stateInstitutionPressure : 0);
  }
  return push;
}

/** What the record shows the other side did on a turn (the dated flags). */
function datedSigns(scenario: Scenario, view: SeatView, turn: number, them: Side): boolean[] {
  if (them === 'us') {
    const struck = view.strikes.some(
      (s) =>
        s.turn === turn &&
        (s.kind === 'strike' ||
          !view.strikes.some((x) => x.kind === 'campaign' && x.group === s.group && x.turn === turn - 1)),
    );
    return [struck, view.us.redLines.some((r) => r.declaredTurn === turn)];
  }
  const attacks = view.attacks.filter((a) => a.turn === turn);
  const before = view.history.find((h) => h.turn === turn - 1)?.evictionPressure ?? scenario.baghdad.evictionPressure;
  const after = view.history.find((h) => h.turn === turn)?.evictionPressure ?? before;
  const theirs = after - before + scenario.baghdad.pressureDecay - usPush(scenario, view, turn);
  return [
    attacks.length > 0,
    attacks.some((a) => a.kind === 'lethal-barrage' || a.kind === 'missile-strike'),
    theirs >= 3,
  ];
}

/** What the record shows the US did over the game, in the counts only totals reveal (Iran's reading). */
function countedSigns(scenario: Scenario, view: SeatView, them: Side): number[] {
  if (them !== 'us') return [];
  const start = new Map(scenario.us.bases.map((b) => [b.site, b]));
  let handed = 0;
  let defended = 0;
  const rank = { none: 0, cram: 1, patriot: 2 } as const;
  for (const b of view.us.bases) {
    const was = start.get(b.site);
    if (!was) continue;
    if (!was.handedOver && was.handoverTurns === 0 && (b.handedOver || b.handoverTurns > 0)) handed++;
    defended += Math.max(0, rank[b.airDefence] - rank[was.airDefence]);
  }
  // Sanctions show in Iran's own income, once the event cards that moved it are accounted for.
  const fired = new Set(inferCardsFired(scenario, view, null));
  const cards = scenario.cards.reduce((k, c) => k + (fired.has(c.id) ? (c.effects.iranIncome ?? 0) : 0), 0);
  const squeezed = Math.max(0, scenario.iran.income + cards - (view.iran.income ?? scenario.iran.income));
  return [handed, defended, squeezed];
}

/** The believed state wound back to the start of an earlier turn, as far as the turn records allow. */
function rewound(scenario: Scenario, now: GameState, turn: number): GameState {
  const before = now.history.find((h) => h.turn === turn - 1);
  return {
    ...now,
    turn,
    outcome: null,
    attacks: now.attacks.filter((a) => a.turn < turn),
    strikes: now.strikes.filter((s) => s.turn < turn),
    history: now.history.filter((h) => h.turn < turn),
    ladder: { ...now.ladder, rung: before?.rung ?? scenario.ladder.start },
    baghdad: {
      ...now.baghdad,
      consent: before?.consent ?? scenario.baghdad.consent,
      evictionPressure: before?.evictionPressure ?? scenario.baghdad.evictionPressure,
    },
    us: { ...now.us, resolve: before?.usResolve ?? scenario.us.resolve },
    isis: before?.isis ?? scenario.isis.strength,
    casualties: { ...now.casualties, usKilled: before?.usKilled ?? 0 },
  };
}

/**
 * Weights for imagining each of the other side's doctrines: the book's prior for it times how well it explains the
 * record (smoothed, so no doctrine is ever ruled out), as integers for Dice.weighted. Draws its own samples from a
 * stream seeded by `dice`.
 */
export function opponentWeights(
  scenario: Scenario,
  view: SeatView,
  believed: GameState,
  models: readonly Doctrine[],
  priors: readonly number[],
  dice: Dice,
): number[] {
  if (!isSide(view.seat) || view.turn <= 1) return priors.map((p) => p * 10);
  const them = rival(view.seat);
  const stream = dice.int(0x7fffffff);
  const likelihood = models.map(() => 1);
  const expected = models.map(() => [] as number[]);
  for (let turn = 1; turn < view.turn; turn++) {
    const past = rewound(scenario, believed, turn);
    const theirView = viewFor(scenario, past, them, false);
    const seen = datedSigns(scenario, view, turn, them);
    models.forEach((d, i) => {
      const asked = new Dice(seedRng(`profile/${stream}/${d.id}/${turn}`));
      const hits = seen.map(() => 0);
      for (let k = 0; k < SAMPLES; k++) {
        const legal = (o: Order) => isOrderLegal(scenario, past, them, o);
        const orders = decideDoctrine(scenario, d, theirView, asked, legal, false).orders;
        const signs = signsOfOrders(scenario, orders, them);
        signs.dated.forEach((flag, j) => {
          if (flag === seen[j]) hits[j]!++;
        });
        signs.counted.forEach((n, j) => {
          expected[i]![j] = (expected[i]![j] ?? 0) + n / SAMPLES;
        });
      }
      // Tempered: a doctrine that missed a sign is less likely, never ruled out (the rebuilt past is rough).
      for (const h of hits) likelihood[i]! *= (h + 1.5) / (SAMPLES + 3);
    });
  }
  const counted = countedSigns(scenario, view, them);
  models.forEach((_, i) => {
    counted.forEach((observed, j) => {
      const miss = Math.abs(observed - (expected[i]![j] ?? 0));
      likelihood[i]! /= (1 + miss) * (1 + miss);
    });
  });
  const total = likelihood.reduce((a, b, i) => a + b * priors[i]!, 0);
  return likelihood.map((l, i) => Math.max(1, Math.round((1000 * l * priors[i]!) / total)));
}
