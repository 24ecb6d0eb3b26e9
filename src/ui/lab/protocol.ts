import type { GameRow, RowMatchup } from '../../analysis/game-row.ts';
import type { Scenario } from '../../engine/index.ts';

/** The messages between the lab page and its workers. */

/** Sent once to each worker: the two variants and who plays them. */
export interface LabSetup {
  kind: 'setup';
  baseline: Scenario;
  variant: Scenario;
  matchup: RowMatchup;
}

/** A slice of seeds to play under both variants. */
export interface LabChunk {
  kind: 'chunk';
  first: number;
  last: number;
}

export type LabRequest = LabSetup | LabChunk;

/** A slice's games: for each seed, the baseline's row and the variant's, in seed order. */
export type LabReply = { kind: 'rows'; baseline: GameRow[]; variant: GameRow[] } | { kind: 'error'; message: string };
