import { adjust, type Cause, shift } from '../ledger.ts';
import { chance, idiv } from '../math.ts';
import { voteFromTurn, votePressure } from '../vote.ts';
import { emit, ruling, type TurnContext } from './context.ts';

const PRESSURE_DECAY: Cause = { kind: 'decay', rule: 'eviction-pressure' };
const CONSENT_DRIFT: Cause = { kind: 'drift', rule: 'consent' };
const WAIVER_LAPSED: Cause = { kind: 'drift', rule: 'waiver-lapsed' };
const CONFIRMED: Cause = { kind: 'government', stage: 'confirmed' };

/**
 * Baghdad's week: the pressure eases and consent drifts back toward its usual level, the electricity waiver runs
 * down, the PM-designate is confirmed or withdrawn, and parliament votes once the pressure is high enough.
 */
export function runBaghdad(t: TurnContext): void {
  const s = t.s;
  const d = t.d;
  const b = d.baghdad;
  const sb = s.baghdad;
  adjust(t, 'evictionPressure', -sb.pressureDecay, PRESSURE_DECAY);
  if (b.consent < sb.consent)
    shift(t, 'consent', Math.min(sb.consent, b.consent + sb.consentDrift) - b.consent, CONSENT_DRIFT);
  else if (b.consent > sb.consent)
    shift(t, 'consent', Math.max(sb.consent, b.consent - sb.consentDrift) - b.consent, CONSENT_DRIFT);
  if (b.waiverTurns > 0) {
    b.waiverTurns--;
    if (b.waiverTurns === 0) emit(t, 'all', { type: 'waiver', turnsLeft: 0, change: 'lapsed' });
  } else adjust(t, 'consent', sb.waiverLapseConsent, WAIVER_LAPSED);
  const gov = sb.government;
  if (b.stage === 'designate') {
    b.designateTurns--;
    const confirm = chance(gov.confirmChance + (b.designateSupport - 50) * gov.supportWeight);
    if (t.dice.chance(confirm)) confirmGovernment(t);
    else if (b.designateTurns <= 0) withdrawDesignate(t);
  }
  if (b.evictionPressure >= votePressure(s, b) && d.turn >= voteFromTurn(s, b, d.turn)) vote(t);
}

/** The PM-designate is confirmed: a government in office adds to consent. */
export function confirmGovernment(t: TurnContext): void {
  const b = t.d.baghdad;
  b.stage = 'confirmed';
  adjust(t, 'consent', t.s.baghdad.government.confirmedConsent, CONFIRMED);
  emit(t, 'all', { type: 'government', stage: 'confirmed', name: b.designate });
}

/** The PM-designate withdraws: the next successor is named, or a caretaker stays once none is left. */
export function withdrawDesignate(t: TurnContext): void {
  const b = t.d.baghdad;
  const gov = t.s.baghdad.government;
  emit(t, 'all', { type: 'government', stage: 'withdrawn', name: b.designate });
  const next = gov.successors[b.successorsUsed];
  if (next === undefined) {
    b.stage = 'caretaker';
    return;
  }
  b.successorsUsed++;
  b.designate = next;
  b.designateTurns = gov.designateTurns;
  b.designateSupport = gov.successorSupport;
  emit(t, 'all', { type: 'government', stage: 'named', name: next });
}

/**
 * How many of a bloc's seats vote for eviction, from one draw in [0, 1000). The draw decides which way the bloc's
 * majority goes exactly as an all-or-nothing vote would (for when below the lean), so the chance of passing stays
 * close to the bloc vote's; where it fell inside its side of the lean sets how many break ranks (more the closer
 * the call), up to `dissent` per-mille of those the lean puts on the other side. The share for averages the lean.
 */
export function blocVotes(seats: number, lean: number, dissent: number, draw: number): number {
  const share =
    draw < lean
      ? 1000 - idiv((1000 - lean) * dissent * draw, lean * 1000)
      : idiv(lean * dissent * (1000 - draw), (1000 - lean) * 1000);
  return idiv(seats * share + 500, 1000);
}

/**
 * Parliament votes on eviction bloc by bloc: a passed vote costs consent, and a binding one (the first is only a
 * demand, as in January 2020) expels the US at the line.
 */
export function vote(t: TurnContext): void {
  const s = t.s;
  const b = t.d.baghdad;
  let votesFor = 0;
  let votesAgainst = 0;
  for (const bloc of s.baghdad.blocs) {
    const seatsFor = blocVotes(
      bloc.seats,
      chance(bloc.lean + b.evictionPressure * bloc.pressureWeight),
      s.baghdad.blocDissent,
      t.dice.int(1000),
    );
    votesFor += seatsFor;
    votesAgainst += bloc.seats - seatsFor;
  }
  const overruled = ruling(t, 'vote', () => true);
  const passed = overruled ? overruled.passed : votesFor >= s.baghdad.seatsToPass;
  b.lastVoteTurn = t.d.turn;
  let expelled = false;
  if (passed) {
    b.votesPassed++;
    adjust(t, 'consent', s.baghdad.voteConsentDrop, { kind: 'vote', passed, ruled: overruled !== undefined });
    expelled = b.votesPassed >= s.baghdad.bindingFromVote && b.consent <= s.baghdad.expulsionConsent;
  }
  t.expelled ||= expelled;
  emit(t, 'all', { type: 'vote', votesFor, votesAgainst, passed, expelled });
  if (overruled) emit(t, 'all', { type: 'ruling', ruling: overruled });
}
