import {
  Dice,
  type GameState,
  isOrderLegal,
  type Order,
  type Scenario,
  type SeatView,
  seedRng,
  viewFor,
} from '../engine/index.ts';
import type { Doctrine } from './doctrine.ts';
import { decideDoctrine } from './doctrine-policy.ts';
import { rival } from './situation.ts';

/**
 * Reading the other side: which of its doctrines best explains what it has done lately, from the public record in
 * the view alone. For each of the last few turns the other side's position is rebuilt, roughly, from the believed
 * state and the turn records (the rung, consent, pressure and losses of the time, and the attacks and strikes
 * known then); each doctrine is asked what it would have done, a few times; and what it would have done is compared
 * with what the record shows: US strikes, campaigns and red lines as Iran sees them; attacks, heavy barrages and
 * missiles as the US sees them. The strategist then imagines the other side playing each doctrine as often as the
 * evidence and the book's prior weights say.
 */

const TURNS_BACK = 4;
const SAMPLES = 3;

/** What a side's orders show to the other side, as flags. */
type Signs = readonly boolean[];

function signsOfOrders(orders: readonly Order[], them: 'us' | 'iran'): Signs {
  if (them === 'us')
    return [
      orders.some((o) => o.type === 'strike-site' || o.type === 'campaign' || o.type === 'leadership-strike'),
      orders.some((o) => o.type === 'red-line'),
    ];
  return [
    orders.some(
      (o) =>
        o.type === 'rocket-attack' ||
        o.type === 'lethal-barrage' ||
        o.type === 'embassy-attack' ||
        o.type === 'economic-attack' ||
        o.type === 'convoy-attack' ||
        o.type === 'missile-strike',
    ),
    orders.some((o) => o.type === 'lethal-barrage' || o.type === 'missile-strike'),
  ];
}

/** What the record shows the other side did on a turn (the same flags). */
function signsOfRecord(view: SeatView, turn: number, them: 'us' | 'iran'): Signs {
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
  return [attacks.length > 0, attacks.some((a) => a.kind === 'lethal-barrage' || a.kind === 'missile-strike')];
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
 * record (smoothed, so no doctrine is ever ruled out), as integers for Dice.weighted.
 */
export function opponentWeights(
  scenario: Scenario,
  view: SeatView,
  believed: GameState,
  models: readonly Doctrine[],
  priors: readonly number[],
  dice: Dice,
): number[] {
  if (view.seat === 'facilitator') return [...priors];
  const them = rival(view.seat);
  const stream = dice.int(0x7fffffff);
  const likelihood = models.map(() => 1);
  for (let turn = Math.max(1, view.turn - TURNS_BACK); turn < view.turn; turn++) {
    const past = rewound(scenario, believed, turn);
    const theirView = viewFor(scenario, past, them, false);
    const seen = signsOfRecord(view, turn, them);
    models.forEach((d, i) => {
      const asked = new Dice(seedRng(`profile/${stream}/${d.id}/${turn}`));
      const hits = seen.map(() => 0);
      for (let k = 0; k < SAMPLES; k++) {
        const orders = decideDoctrine(
          scenario,
          d,
          theirView,
          asked,
          (o) => isOrderLegal(scenario, past, them, o),
          false,
        ).orders;
        signsOfOrders(orders, them).forEach((flag, j) => {
          if (flag === seen[j]) hits[j]!++;
        });
      }
      for (const h of hits) likelihood[i]! *= (h + 0.5) / (SAMPLES + 1);
    });
  }
  const total = likelihood.reduce((a, b, i) => a + b * priors[i]!, 0);
  return likelihood.map((l, i) => Math.max(1, Math.round((1000 * l * priors[i]!) / total)));
}
