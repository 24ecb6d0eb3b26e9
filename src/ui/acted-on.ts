import type { LedgerLine } from '../engine/index.ts';

/**
 * Whether the week did anything to a figure: any part that is not zero, even when the parts cancel out. Screens list
 * such a figure with its causes and net 0, so an order that was undone that week is not hidden by the undoing.
 */
export const actedOn = (line: LedgerLine): boolean => line.parts.some((p) => p.delta !== 0);
