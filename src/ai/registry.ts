import type { Side } from '../engine/index.ts';
import { harasserIran, measuredUs, type Policy } from './simple.ts';

export interface AiPlayer {
  id: string;
  side: Side;
  label: string;
  description: string;
  policy: Policy;
}

/**
 * Every computer player, by id: the CLI's --us/--iran, the browser's opponent menu and the tournament all pick from
 * this one list.
 */
export const AI_PLAYERS: readonly AiPlayer[] = [
  {
    id: 'measured',
    side: 'us',
    label: 'Measured',
    description: 'Answers American deaths when the evidence is good; otherwise builds intelligence and fights ISIS.',
    policy: measuredUs,
  },
  {
    id: 'harasser',
    side: 'iran',
    label: 'Deniable harasser',
    description: 'Keeps up deniable rocket fire through front groups and pushes the eviction vote.',
    policy: harasserIran,
  },
];

/** The computer player with this id for this side, or undefined. */
export const findAi = (side: Side, id: string): AiPlayer | undefined =>
  AI_PLAYERS.find((p) => p.side === side && p.id === id);

/** The ids a side can choose from, for error messages and menus. */
export const aiIds = (side: Side): string[] => AI_PLAYERS.filter((p) => p.side === side).map((p) => p.id);
