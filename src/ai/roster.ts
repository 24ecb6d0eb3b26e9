import type { Side } from '../engine/index.ts';
import { DOCTRINES, type Doctrine, type DoctrineBook, type StrategistLevel } from './doctrine.ts';
import { SCRIPTS, type Script } from './scripts.ts';

/**
 * Every computer player a doctrine book defines, without the code that decides for it: what a menu, a save's check
 * and a link's check need. The deciding code (registry.ts) is large and the browser loads it only where a player
 * decides (the AI worker) or advises, so the page's start-up code stops at this list.
 */
export type RosterEntry = { id: string; side: Side; label: string; description: string } & (
  | { kind: 'doctrine'; doctrine: Doctrine }
  | { kind: 'strategist'; level: StrategistLevel }
  | { kind: 'script'; script: Script }
);

/**
 * The book's doctrines, then a strategist per level for each side, then the scripts. A doctrine named like a
 * script of its side never gets here: parseDoctrines refuses it.
 */
export function rosterOf(book: DoctrineBook): RosterEntry[] {
  const roster: RosterEntry[] = book.doctrines.map((d) => ({
    id: d.id,
    side: d.side,
    label: d.label,
    description: d.description,
    kind: 'doctrine',
    doctrine: d,
  }));
  for (const side of ['us', 'iran'] as const)
    for (const level of book.strategist.levels)
      roster.push({
        id: `strategist:${level.id}`,
        side,
        label: level.label,
        description: level.description,
        kind: 'strategist',
        level,
      });
  for (const s of SCRIPTS)
    roster.push({ id: s.id, side: s.side, label: s.label, description: s.description, kind: 'script', script: s });
  return roster;
}

/** The shipped book's players (scenarios/doctrines.json): the browser's opponent menu and the checks of saves. */
export const ROSTER: readonly RosterEntry[] = rosterOf(DOCTRINES);

/** Whether the shipped book has a computer player with this id for this side. */
export const isAiId = (side: Side, id: string): boolean => ROSTER.some((p) => p.side === side && p.id === id);
