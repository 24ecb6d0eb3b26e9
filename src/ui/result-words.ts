/**
 * A game's result as a headline: the end screen's, the debrief's and duplicate play's. A leaf of its own rather than
 * a part of labels.ts: when the lazily loaded debrief imported labels.ts, the bundler moved the engine out of the
 * first page's chunk into a second one that every start then loads (checked with `vite build`).
 */
export const RESULT_WORDS = {
  us: 'The Coalition wins',
  iran: 'Iran and the axis win',
  draw: 'A stalemate',
  'shared-loss': 'Regional war: everyone loses',
} as const;

/**
 * Beside a war's points: everyone lost, and the points only measure what each side kept and paid. Without it, a
 * higher total reads as a win on points that the result denies.
 */
export const SHARED_LOSS_POINTS =
  'Both sides lost the war: the points show what each side kept and what it paid, not a winner.';
