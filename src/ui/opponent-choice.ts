import type { RosterEntry } from '../ai/roster.ts';
import type { Side } from '../engine/index.ts';

/**
 * The opponents the new-game form offers against a side: the computer players of the other side (scripts are for
 * tests and the lab), then a second person at the device.
 */
export function opponentsAgainst(roster: readonly RosterEntry[], side: Side): { id: string; label: string }[] {
  const other: Side = side === 'us' ? 'iran' : 'us';
  return [
    ...roster.filter((p) => p.side === other && p.kind !== 'script').map((p) => ({ id: p.id, label: p.label })),
    { id: 'hotseat', label: 'Another person at this device (hotseat)' },
  ];
}

/**
 * The opponent to keep when the player changes side. Hotseat stays hotseat; a computer player stays when the other
 * side has one of the same id (a strategist of the same level, a doctrine both sides share); otherwise the first on
 * offer, with `changed` naming the player that had to go so the form can say so rather than switch it silently.
 */
export function keepOpponent(
  roster: readonly RosterEntry[],
  previous: string,
  side: Side,
): { id: string; changed: string | null } {
  const offered = opponentsAgainst(roster, side);
  if (offered.some((o) => o.id === previous)) return { id: previous, changed: null };
  const gone = roster.find((p) => p.id === previous);
  return { id: offered[0]!.id, changed: gone?.label ?? previous };
}

/** The computer player a game is against, by its label ("Strategist (hard)"); null in hotseat. */
export function opponentLabel(roster: readonly RosterEntry[], side: Side, opponent: string): string | null {
  if (opponent === 'hotseat') return null;
  const other: Side = side === 'us' ? 'iran' : 'us';
  return roster.find((p) => p.side === other && p.id === opponent)?.label ?? opponent;
}
