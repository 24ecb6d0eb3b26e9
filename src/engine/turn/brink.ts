import { atBrink } from '../ladder.ts';
import { adjust, type Cause } from '../ledger.ts';
import { type Order, specOf } from '../orders.ts';
import type { AttackKind } from '../scenario.ts';
import type { Side } from '../state.ts';
import { emit, type TurnContext } from './context.ts';

const BACKED_DOWN: Record<Side, Cause> = { us: { kind: 'brink', side: 'us' }, iran: { kind: 'brink', side: 'iran' } };

/**
 * The brink (`ladder.brink`), Schelling's competition in risk-taking. In a week that began at its rung or higher, a
 * side that holds its fire while the other fires at it is seen to back down and pays for it; when both fire, the
 * exchange may run out of either side's hands into open war (the ladder reads `t.spiral`). Only ordered fire counts:
 * a US strike of any kind (a campaign's weekly strike included) and an Iranian violent order, never a militia firing
 * alone, so a war that starts here is one both sides chose to risk. A deniable attack does not put the US on the
 * spot, which is what the front groups are for: Iran's side forces Washington's hand only with fire it cannot deny
 * (IRGC missiles, an attack claimed openly). Runs once every strike of the week is in.
 */
export function standAtBrink(t: TurnContext, startRung: number, iran: readonly Order[]): void {
  if (!atBrink(t.s, startRung)) return;
  const b = t.s.ladder.brink;
  const usFired = t.kineticResponse;
  let iranFired = false;
  for (const o of iran) if (specOf(t.s, o.type).severity === 'violent') iranFired = true;
  if (usFired && iranFired) {
    t.spiral = t.dice.chance(b.exchangeWar);
    return;
  }
  const side: Side | null = usFired && !iranFired ? 'iran' : !usFired && challengesUs(t) ? 'us' : null;
  if (side === null) return;
  if (side === 'us') {
    adjust(t, 'resolve', b.usBacksDown.resolve, BACKED_DOWN.us);
    adjust(t, 'credibility', b.usBacksDown.credibility, BACKED_DOWN.us);
  } else {
    adjust(t, 'consent', b.iranBacksDown.consent, BACKED_DOWN.iran);
    adjust(t, 'evictionPressure', b.iranBacksDown.evictionPressure, BACKED_DOWN.iran);
  }
  emit(t, 'all', { type: 'backed-down', side });
}

/**
 * Whether an attack on US forces that Iran's side ordered this week leaves the US no cover to look away: one it
 * cannot deny. An oil site is not US forces (as for the answer rule, red-lines.ts). A deadly deniable attack does not
 * count either: with it, the winter of 2019-20 (Red Lines) broke US resolve in one seed in seven, which it did not.
 */
function challengesUs(t: TurnContext): boolean {
  for (const a of t.d.attacks) if (a.turn === t.d.turn && !a.autonomous && putsUsOnSpot(a.kind, a.claim)) return true;
  return false;
}

/** An attack of this kind and claim leaves the US no cover at the brink: IRGC missiles, or one on US forces claimed openly. */
export const putsUsOnSpot = (kind: AttackKind, claim: string): boolean =>
  kind === 'missile-strike' || (kind !== 'economic-attack' && claim === 'open');
