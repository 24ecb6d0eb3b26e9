/**
 * Words the order forms share with the rest of the game. A leaf of its own rather than a part of labels.ts: once the
 * lazily loaded classroom pages imported labels.ts (for the forecast box), the bundler moved the engine out of the
 * first page's chunk into a second one that every start then loads (checked with `vite build`; see result-words.ts).
 */
import type { IranIncome } from '../engine/index.ts';

/** An order's severity as players read it. */
export const SEVERITY_WORDS: Record<string, string> = {
  'de-escalation': 'de-escalation',
  'status-quo': 'status quo',
  posturing: 'posturing',
  'non-violent': 'non-violent escalation',
  violent: 'violent escalation',
};

/** A count with its noun in the right number ("1 week", "2 weeks"), as the engine's narration writes it. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "Likely" for "likely": a phrase from the engine's words at the start of a line. */
export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Beside a base the US must hold to win, wherever an order form names it. */
export const KEY_BASE_MARK = ' ★ key base';

/**
 * Iran's income for the week being ordered as the engine reckons it: the real gain, then its parts when a drain
 * applies ("7 this week (10, less 3 for the pandemic)").
 */
export function incomeWords(w: IranIncome): string {
  const drains = [
    w.pandemic !== 0 && `${-w.pandemic} for the pandemic`,
    w.waiver !== 0 && `${-w.waiver} with the electricity waiver lapsed`,
    w.economicAttack !== 0 && `${-w.economicAttack} for the oil site attacked`,
  ].filter((x): x is string => typeof x === 'string');
  if (drains.length === 0) return `${w.net} this week`;
  const last = drains.pop()!;
  return `${w.net} this week (${w.base}, less ${drains.length > 0 ? `${drains.join(', ')} and ${last}` : last})`;
}
