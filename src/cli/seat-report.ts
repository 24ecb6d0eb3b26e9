import {
  type GameEvent,
  type Order,
  rungName,
  type Scenario,
  type Seat,
  type SeatView,
  viewFor,
  plural,
} from '../engine/index.ts';
import { casualtyPhrase, describeOrder, groupName, longDate, narrate, siteName } from '../engine/index.ts';
import type { ReplayedTurn } from './replay-file.ts';

/**
 * A recorded turn as one seat lived it, in plain text: the situation it ordered from, built only from that seat's
 * view (so the US reads its intelligence estimates, never Iran's true strength), the orders it gave, and the turn's
 * events in the words narrate.ts gives that seat.
 */

const SEAT_WORDS: Record<Seat, string> = {
  us: 'as the US saw it',
  iran: 'as Iran saw it',
  facilitator: 'as the facilitator saw it (everything)',
  public: 'as the public saw it (what both sides could see)',
};

const AIR_DEFENCE: Record<string, string> = { patriot: 'Patriot and C-RAM', cram: 'C-RAM', none: 'no air defence' };

function government(scenario: Scenario, v: SeatView): string {
  const b = v.baghdad;
  const weeks = (n: number) => plural(n, scenario.turnDays === 7 ? 'week' : 'turn');
  if (b.stage === 'designate') return `${b.designate} is PM-designate (${weeks(b.designateTurns)} left)`;
  if (b.stage === 'confirmed') return `${b.designate}'s government is confirmed`;
  return 'caretaker government';
}

/** The dashboard a seat had when it gave its orders: every figure comes from its view, nothing from the state. */
export function dashboardLines(scenario: Scenario, v: SeatView): string[] {
  const us = v.seat === 'us';
  const weeks = (n: number) => plural(n, scenario.turnDays === 7 ? 'week' : 'turn');
  const score = (n: number | null) => (n === null ? 'hidden' : String(n));
  const b = v.baghdad;
  const lines = [
    `Ladder: rung ${v.ladder.rung}, ${rungName(scenario, v.ladder.rung)} (peak so far ${v.ladder.peak})`,
    `Escalation scores: US ${score(v.escalation.us)}, Iran ${score(v.escalation.iran)}`,
    `Baghdad: consent ${b.consent}, eviction pressure ${b.evictionPressure}, ${government(scenario, v)}; ` +
      `electricity waiver ${b.waiverTurns > 0 ? `${weeks(b.waiverTurns)} left` : 'lapsed'}; eviction votes passed ${b.votesPassed}`,
    `ISIS ${v.isis}; pandemic ${v.pandemic} of 5${v.curfew ? ', curfews in force' : ''}; coalition partners ${v.partners}`,
    `Casualties so far: ${casualtyPhrase(v.casualties) ?? 'none'}`,
  ];
  const own = [
    `troops ${v.us.troops}`,
    `resolve ${v.us.resolve}`,
    `credibility ${v.us.credibility}`,
    `counter-ISIS ${v.us.counterIsis}`,
  ];
  if (v.us.politicalCapital !== undefined) own.push(`political capital ${v.us.politicalCapital}`);
  if (v.us.isr !== undefined) own.push(`ISR ${v.us.isr} of 5`);
  if (v.us.departureOrdered) own.push('embassy staff ordered out');
  lines.push(`US: ${own.join(', ')}`);
  const bases = v.us.bases.map((base) => {
    const name = siteName(scenario, base.site);
    if (base.handedOver) return `${name} (handed over)`;
    const handing = base.handoverTurns > 0 ? `, being handed over (${weeks(base.handoverTurns)} left)` : '';
    return `${name} (${base.garrison} troops, ${AIR_DEFENCE[base.airDefence] ?? base.airDefence}${handing})`;
  });
  lines.push(`  Bases: ${bases.join('; ')}`);
  for (const r of v.us.redLines)
    lines.push(
      `  Red line (declared turn ${r.declaredTurn}): ${r.status}${r.crossedTurn === null ? '' : `, crossed turn ${r.crossedTurn}`}`,
    );
  for (const p of v.us.plans.filter((x) => x.active || x.leaked))
    lines.push(
      `  Campaign plan against ${groupName(scenario, p.group)}: ${p.active ? `under way, ${weeks(p.turnsLeft)} left` : 'not started'}${p.leaked ? ', leaked' : ''}`,
    );
  if (v.iran.resources !== undefined)
    lines.push(
      `Iran: resources ${v.iran.resources} (income ${v.iran.income} a ${scenario.turnDays === 7 ? 'week' : 'turn'}), ` +
        `missile capability ${v.iran.missileCapability}, PMU cohesion ${v.iran.pmuCohesion}, ` +
        `proxy capability ${v.iran.proxyCapability}, best deniability ${v.iran.bestDeniability}`,
    );
  else if (us) lines.push('Iran: resources and capabilities unknown; groups as US intelligence estimates them');
  else lines.push('Iran: resources, capabilities and the strength of its groups are not public');
  for (const g of v.iran.groups) {
    const figures = us
      ? `strength ~${g.strength}, arsenal ~${g.arsenal} (estimate ${g.asOf ? `of turn ${g.asOf}` : 'from before the game'})`
      : `strength ${g.strength}, arsenal ${g.arsenal}, cohesion ${g.cohesion}, aggression ${g.aggression}` +
        (g.restrainedTurns ? `, restrained for ${weeks(g.restrainedTurns)}` : '');
    lines.push(`  ${groupName(scenario, g.id)}: ${figures}, leader ${g.leaderAlive ? 'alive' : 'killed'}`);
  }
  if (v.iran.fronts.length === 0)
    lines.push(
      v.seat === 'iran' || v.seat === 'facilitator' ? '  No fronts' : '  No front group has claimed an attack yet',
    );
  for (const f of v.iran.fronts)
    lines.push(
      `  Front ${f.name}${f.retired ? ' (retired)' : ''}: ${plural(f.claims, 'claim')}, deniability ${f.deniability}, ` +
        `behind it: ${f.sponsor ? groupName(scenario, f.sponsor) : 'not known'}`,
    );
  return lines;
}

function orderLines(scenario: Scenario, label: string, orders: readonly Order[]): string[] {
  if (orders.length === 0) return [`${label}: no orders`];
  return [`${label}:`, ...orders.map((o) => `  - ${describeOrder(scenario, o)}`)];
}

function eventLines(scenario: Scenario, events: readonly GameEvent[], seat: Seat): string[] {
  const lines: string[] = [];
  for (const e of events) {
    if (e.type === 'turn-started') continue; // the heading says it
    const text = narrate(scenario, e, seat);
    if (text) lines.push(`  ${text}`);
  }
  return lines;
}

/** A recorded turn as `seat` lived it: heading, the situation it ordered from, its orders, then the events it saw. */
export function turnReport(scenario: Scenario, turn: ReplayedTurn, seat: Seat): string[] {
  const before = viewFor(scenario, turn.before, seat, false);
  const out = [
    `=== Turn ${turn.turn} of ${before.lastTurn}, week of ${longDate(before.date)}, ${SEAT_WORDS[seat]} ===`,
  ];
  const injects = eventLines(scenario, turn.injectEvents, seat);
  if (injects.length > 0) out.push('Before the orders:', ...injects);
  out.push('Situation when the orders were given:', ...dashboardLines(scenario, before).map((l) => `  ${l}`));
  const us = scenario.sides.us.short;
  const iran = scenario.sides.iran.short;
  if (seat === 'us' || seat === 'facilitator') out.push(...orderLines(scenario, `${us} orders`, turn.orders.us));
  if (seat === 'iran' || seat === 'facilitator') out.push(...orderLines(scenario, `${iran} orders`, turn.orders.iran));
  const events = eventLines(scenario, turn.events, seat);
  out.push('Events:', ...(events.length > 0 ? events : ['  (nothing this seat could see)']));
  const after = viewFor(scenario, turn.after, seat, false);
  out.push(`After the turn: rung ${after.ladder.rung}, ${rungName(scenario, after.ladder.rung)}`);
  return out;
}
