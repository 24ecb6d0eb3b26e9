import type { Scenario, SeatView, Side } from '../engine/index.ts';
import { capitalise, count, names } from './words.ts';

/**
 * What a side makes of its view before it chooses: the provocations it has suffered, whether it answered them, how
 * weak the Americans look. Read from the seat's view only, so every AI (and every advisor) reasons from the same
 * facts a player sees on screen.
 */

/** One act of the other side that may call for an answer. */
export interface Provocation {
  turn: number;
  /** Attack on the US: 1, +3 per American killed, +1 if any were wounded, +3 for missiles. Strike on Iran: 2, +1 for a PMU position or Iraqi dead. */
  points: number;
  /** US: the group its intelligence blames (null for missiles fired by Iran itself); Iran: the group struck. */
  group: string | null;
  /** US: its per-mille confidence in that suspect; Iran: 1000 (it knows whom the bombs fell on). */
  confidence: number;
  word: string;
  place: string;
  usKilled: number;
  kind: string;
  iraqisKilled: number;
  stateInstitution: boolean;
  answered: boolean;
  usWounded: number;
}

/** A provocation in words: "Three Americans died at Camp Taji" (built only when a reason is given). */
export function provocationText(scenario: Scenario, p: Provocation): string {
  const n = names(scenario);
  const place = n.site(p.place);
  switch (p.kind) {
    case 'strike':
      return `American aircraft struck ${place}`;
    case 'campaign':
      return `The American campaign hit ${place}`;
    case 'missile-strike':
      return p.usKilled > 0
        ? `${capitalise(count(p.usKilled, 'American'))} died when Iranian missiles hit ${place}`
        : `Iranian missiles hit ${place}`;
    default:
      if (p.usKilled > 0) return `${capitalise(count(p.usKilled, 'American'))} died at ${place}`;
      if (p.usWounded > 0)
        return `${capitalise(count(p.usWounded, 'American'))} ${p.usWounded === 1 ? 'was' : 'were'} wounded at ${place}`;
      return p.kind === 'convoy-attack' ? 'A supply convoy was ambushed' : `Rockets fell on ${place}`;
  }
}

/** An attack on the US, or a US strike on Iran's groups, as the side that suffered it reads it. */
export function provocations(scenario: Scenario, view: SeatView, memory: number): Provocation[] {
  const since = view.turn - memory;
  const out: Provocation[] = [];
  if (view.seat === 'us') {
    for (const a of view.attacks) {
      if (a.turn < since) continue;
      const killed = a.casualties.usKilled;
      const missile = a.kind === 'missile-strike';
      const points = 1 + 3 * killed + (a.casualties.usWounded > 0 ? 1 : 0) + (missile ? 3 : 0);
      const wounded = a.casualties.usWounded;
      const group = a.suspect ?? null;
      out.push({
        turn: a.turn,
        points,
        group,
        confidence: a.confidence ?? 0,
        word: a.word ?? '',
        place: a.target,
        usKilled: killed,
        kind: a.kind,
        iraqisKilled: a.casualties.iraqiForcesKilled + a.casualties.civiliansKilled,
        stateInstitution: false,
        answered: group !== null && view.strikes.some((s) => s.turn > a.turn && s.group === group),
        usWounded: wounded,
      });
    }
  } else if (view.seat === 'iran') {
    for (const s of view.strikes) {
      if (s.turn < since) continue;
      const site = scenario.iran.proxySites.find((p) => p.site === s.site);
      const iraqis = s.casualties.iraqiForcesKilled + s.casualties.civiliansKilled;
      const points = 2 + (site?.stateInstitution ? 1 : 0) + (iraqis > 0 ? 1 : 0);
      out.push({
        turn: s.turn,
        points,
        group: s.group,
        confidence: 1000,
        word: '',
        place: s.site,
        usKilled: 0,
        kind: s.kind,
        iraqisKilled: iraqis,
        stateInstitution: site?.stateInstitution ?? false,
        answered: view.attacks.some((a) => a.turn > s.turn && a.autonomous === false),
        usWounded: 0,
      });
    }
  }
  // The worst first, then the latest.
  return out.sort((a, b) => b.points - a.points || b.turn - a.turn);
}

/**
 * Iran: a group whose leader the Americans killed, not yet answered by missiles from Iran itself. The view does not
 * say when a leader died (no strike record is kept for it), so the grievance stands until Iran answers it.
 */
export function unavengedLeader(view: SeatView): string | null {
  if (view.attacks.some((a) => a.kind === 'missile-strike')) return null;
  return view.iran.groups.find((g) => !g.leaderAlive)?.id ?? null;
}

/** Whether the other side did anything violent last turn, as this seat saw it. */
export function quietLastTurn(view: SeatView): boolean {
  const last = view.turn - 1;
  if (last < 1) return false;
  return view.seat === 'us' ? !view.attacks.some((a) => a.turn === last) : !view.strikes.some((s) => s.turn === last);
}

/**
 * How weak the Americans look from Tehran, 0-100, and the plainest sign of it: low resolve or credibility, broken
 * red lines, bases handed over, staff sent home, deaths left unanswered, a parliament near a vote. Iran's models ask
 * in every turn of every playout, so it counts in loops (no filtered copies) and keeps only the running total and
 * the plainest sign so far.
 */
export function usWeakness(scenario: Scenario, view: SeatView): { value: number; sign: string | null } {
  let value = 0;
  let top = 0;
  let sign: string | null = null;
  // The signs in a fixed order: of equals, the first is the plainest.
  const signal = (points: number, text: string) => {
    value += points;
    if (sign === null || points > top) {
      top = points;
      sign = text;
    }
  };
  const us = view.us;
  if (us.resolve < 50) signal((50 - us.resolve) * 2, 'their resolve at home is fading');
  if (us.credibility < 50) signal((50 - us.credibility) * 2, 'their warnings are no longer believed');
  let broken = 0;
  for (const r of us.redLines) if (r.status === 'broken') broken++;
  if (broken > 0) signal(15 * broken, 'they let their own red line go unanswered');
  let handed = -handedAtStart(scenario);
  for (const b of us.bases) if (b.handedOver || b.handoverTurns > 0) handed++;
  if (handed > 2) signal(8 * (handed - 2), 'they are handing their bases to the Iraqis');
  if (us.departureOrdered) signal(8, 'they sent their diplomats home');
  if (diedUnanswered(view)) signal(20, 'Americans died and they did not strike back');
  const pressure = view.baghdad.evictionPressure - 40;
  if (pressure > 0) signal(pressure, 'parliament is turning against them');
  return { value: Math.min(100, value), sign };
}

/** Whether Americans died in the last two turns with no strike after (a campaign's strikes do not count). */
function diedUnanswered(view: SeatView): boolean {
  for (const a of view.attacks) {
    if (a.turn < view.turn - 2 || !(a.casualties.usKilled > 0)) continue;
    let struck = false;
    for (const s of view.strikes)
      if (s.turn > a.turn && s.kind !== 'campaign') {
        struck = true;
        break;
      }
    if (!struck) return true;
  }
  return false;
}

// The bases the scenario hands over before the game starts, by scenario: read in every Iranian model's decision.
const startHanded = new WeakMap<Scenario, number>();

function handedAtStart(scenario: Scenario): number {
  let n = startHanded.get(scenario);
  if (n === undefined) {
    n = scenario.us.bases.filter((b) => b.handedOver).length;
    startHanded.set(scenario, n);
  }
  return n;
}

/** The other side. */
export const rival = (side: Side): Side => (side === 'us' ? 'iran' : 'us');
