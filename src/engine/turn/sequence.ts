import { addDays } from '../dates.ts';
import { push, shift } from '../ledger.ts';
import { isProxyAttack, type Order, specOf } from '../orders.ts';
import { checkOutcome } from '../outcome.ts';
import type { TurnRecord } from '../state.ts';
import { refreshIntelligence, runEconomy, runIsis, runPandemic } from './background.ts';
import { runBaghdad } from './baghdad.ts';
import { standAtBrink } from './brink.ts';
import { drawCards } from './cards.ts';
import { emit, type TurnContext } from './context.ts';
import { escalationScore, moveLadder, postureOf } from './escalation.ts';
import { iranOrder } from './iran-orders.ts';
import { autonomousAttacks, proxyAttack } from './proxy-attacks.ts';
import { judgeRedLines } from './red-lines.ts';
import { runCampaigns } from './strikes.ts';
import { usOrder } from './us-orders.ts';
import { usPosture } from './us-posture.ts';

/**
 * The sequence of play: one turn, in the order its steps resolve. The order is itself a rule (every step draws from
 * the one RNG, and the golden hashes pin the draws), so it is written here once, each step with its reason.
 */
export function runTurn(t: TurnContext, us: Order[], iran: Order[]): void {
  const s = t.s;
  const d = t.d;
  // The date is worked out only for a turn that keeps its record (a playout's does not).
  if (t.record)
    emit(t, 'all', { type: 'turn-started', turn: d.turn, date: addDays(s.startDate, (d.turn - 1) * s.turnDays) });

  // The facilitator's injects were released before the orders were given; their push on the ladder counts now.
  if (d.facilitator && d.facilitator.pressure !== 0) {
    push(t, d.facilitator.pressure, { kind: 'injects' });
    t.unorderedPressure += d.facilitator.pressure;
    d.facilitator = { ...d.facilitator, pressure: 0 };
  }

  // Orders are paid for and scored as given, before anything they do: an order that fails still cost its price.
  for (const o of us)
    shift(t, 'politicalCapital', -specOf(s, o.type).cost, { kind: 'cost', side: 'us', order: o.type, only: 'us' });
  for (const o of iran)
    shift(t, 'iranResources', -specOf(s, o.type).cost, { kind: 'cost', side: 'iran', order: o.type, only: 'iran' });
  const startRung = d.ladder.rung; // the brink asks where the week began
  const usPoints = escalationScore(t, 'us', us);
  t.posture = postureOf(t, us, iran);
  let iranPoints = escalationScore(t, 'iran', iran);

  // The week's pandemic level and curfew first: a curfew may catch a launch team this very week.
  runPandemic(t);

  // US postures come before the attacks they shape (air defence, troops, exposure). Handovers last, whatever the
  // order given: troops sent to a base handed over the same week move on to the hub with its garrison instead of
  // staying behind in a base that is no longer American.
  // Which orders were postures, by position: a list of flags rather than a Set made in every turn of every playout
  // (whether an order is a posture depends on its type alone).
  const postured = us.map((o) => o.type !== 'hand-over-base' && usPosture(t, o));
  for (let i = 0; i < us.length; i++) if (us[i]!.type === 'hand-over-base' && usPosture(t, us[i]!)) postured[i] = true;

  // Restraint before any attack: the groups told to hold fire do not fire on their own this week.
  for (const o of iran) if (o.type === 'restrain-proxies') iranOrder(t, o);

  // The ordered attacks, then the groups that fire on their own: a group that fired on orders does not fire again,
  // and what the ordered attacks spent is gone.
  for (const o of iran) if (isProxyAttack(o)) proxyAttack(t, o, false);
  const ordered = d.attacks.length;
  autonomousAttacks(t);
  // Unordered attacks still count against the axis on the escalation score.
  const unordered = (d.attacks.length - ordered) * s.rivera[specOf(s, 'rocket-attack').severity];
  iranPoints += unordered;
  d.escalation.iran += unordered;

  // Iran's other orders, then the US's: a US strike this week answers what Iran did this week (its attacks make
  // the strike justified, and a red line they crossed is honoured by it).
  for (const o of iran) if (o.type !== 'restrain-proxies') iranOrder(t, o);
  for (let i = 0; i < us.length; i++) if (!postured[i]) usOrder(t, us[i]!);
  // After the orders, so that a campaign ordered this week strikes this week too.
  runCampaigns(t);
  // Once every strike of the week is in: any of them honours a crossed line.
  judgeRedLines(t);
  // Then whether either side backed down at the brink, or both fired: Baghdad's vote hears of it this week.
  standAtBrink(t, startRung, iran);

  // The actors the engine runs answer the week's acts: Baghdad (a vote reads this week's pressure), ISIS, the
  // economies, and US intelligence's estimates (which then include this week's damage).
  runBaghdad(t);
  runIsis(t);
  runEconomy(t);
  refreshIntelligence(t);
  // The deck reads the week as it ends. What the news does to the ladder nobody ordered.
  const beforeCards = t.pressure;
  drawCards(t);
  t.unorderedPressure += t.pressure - beforeCards;
  // The ladder last: it moves with all the week's pressure, the cards' included.
  moveLadder(t);

  const record: TurnRecord = {
    turn: d.turn,
    orders: { us, iran },
    rung: d.ladder.rung,
    escalation: { us: usPoints, iran: iranPoints },
    consent: d.baghdad.consent,
    evictionPressure: d.baghdad.evictionPressure,
    usResolve: d.us.resolve,
    isis: d.isis,
    usKilled: d.casualties.usKilled,
  };
  // Assigned, not spread into the literal: a literal with a spread is built on a slow path, and this runs every turn
  // of every playout.
  if (t.rulings.length > 0) record.rulings = [...t.rulings];
  d.history.push(record);
  const outcome = checkOutcome(s, d, t.expelled);
  if (outcome) {
    d.outcome = outcome;
    emit(t, 'all', { type: 'game-over', result: outcome.result, reason: outcome.reason });
  } else d.turn++;
  d.rng = t.dice.save();
}
