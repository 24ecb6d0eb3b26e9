import { isSide } from '../engine/index.ts';
import { isOrderLegal, type Side } from '../engine/index.ts';
import { believedState } from './belief.ts';
import { DOCTRINES, type Doctrine, type DoctrineBook } from './doctrine.ts';
import { decideDoctrine } from './doctrine-policy.ts';
import type { Policy } from './simple.ts';
import { strategistPolicy } from './strategist.ts';

export interface AiPlayer {
  id: string;
  side: Side;
  label: string;
  description: string;
  policy: Policy;
  /** A doctrine decides in well under a millisecond; a strategist searches and belongs off the main thread. */
  kind: 'doctrine' | 'strategist';
}

/**
 * A doctrine as a policy: it reads only the view, and checks each order it considers against the state it believes
 * (the view fixes which orders are legal for its own side, so the point estimate is enough).
 */
export function doctrinePolicy(doctrine: Doctrine): Policy {
  return (scenario, view, dice) => {
    if (view.outcome || !isSide(view.seat)) return { orders: [], reasons: [] };
    const side = view.seat;
    const believed = believedState(scenario, view, null);
    return decideDoctrine(scenario, doctrine, view, dice, (o) => isOrderLegal(scenario, believed, side, o));
  };
}

/** Every computer player a doctrine book defines: its doctrines, then a strategist per level for each side. */
export function playersOf(book: DoctrineBook): AiPlayer[] {
  const players: AiPlayer[] = book.doctrines.map((d) => ({
    id: d.id,
    side: d.side,
    label: d.label,
    description: d.description,
    policy: doctrinePolicy(d),
    kind: 'doctrine',
  }));
  for (const side of ['us', 'iran'] as const)
    for (const level of book.strategist.levels)
      players.push({
        id: `strategist:${level.id}`,
        side,
        label: level.label,
        description: level.description,
        policy: strategistPolicy(level, book),
        kind: 'strategist',
      });
  return players;
}

/**
 * Every computer player, by id: the CLI's --us/--iran, the browser's opponent menu and the tournament all pick from
 * this one list, built from scenarios/doctrines.json.
 */
export const AI_PLAYERS: readonly AiPlayer[] = playersOf(DOCTRINES);

/** The computer player with this id for this side, or undefined. */
export const findAi = (side: Side, id: string): AiPlayer | undefined =>
  AI_PLAYERS.find((p) => p.side === side && p.id === id);

/** The ids a side can choose from, for error messages and menus. */
export const aiIds = (side: Side): string[] => AI_PLAYERS.filter((p) => p.side === side).map((p) => p.id);
