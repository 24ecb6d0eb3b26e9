import { isSide } from '../engine/index.ts';
import type { Scenario, SeatView } from '../engine/index.ts';
import { DOCTRINES, type DoctrineBook, doctrineOf } from './doctrine.ts';
import { doctrinePolicy } from './registry.ts';
import { aiDice, type Decision } from './simple.ts';

/** What one doctrine would do in the side's place, and why: an advisor's card before the side commits. */
export interface Advice {
  id: string;
  label: string;
  description: string;
  decision: Decision;
}

/**
 * Advice for a view: what two or three doctrines (the book's advisors for the side) would order now, each with its
 * reasons. Reads only the view, and draws from a stream of its own (`seed`/advice/...), so asking for advice never
 * changes what a computer opponent will do. Fast enough for the main thread: doctrines do not search.
 */
export function adviceFor(scenario: Scenario, view: SeatView, seed: string, book: DoctrineBook = DOCTRINES): Advice[] {
  if (!isSide(view.seat) || view.outcome) return [];
  const side = view.seat;
  return book.advisors[side].map((id) => {
    const d = doctrineOf(book, side, id);
    return {
      id: d.id,
      label: d.label,
      description: d.description,
      decision: doctrinePolicy(d)(scenario, view, aiDice(`${seed}/advice/${d.id}`, side, view.turn)),
    };
  });
}
