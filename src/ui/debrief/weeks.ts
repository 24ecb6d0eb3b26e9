import type { Question } from '../../analysis/questions.ts';
import type { PlayedGame } from '../../analysis/record.ts';
import { turnStories } from '../../analysis/timeline.ts';
import { figureName, figureSummary, ladderSummary, type Ledger, longDate, type Scenario } from '../../engine/index.ts';
import { actedOn } from '../acted-on.ts';
import { h } from '../dom.ts';

/** Orders or events as a list, or a note when there are none. */
export function list(items: readonly string[], empty: string): HTMLElement {
  return items.length === 0
    ? h('span', { className: 'note' }, empty)
    : h(
        'ul',
        { className: 'orders' },
        items.map((i) => h('li', {}, i)),
      );
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/**
 * Why the week's figures moved, in the words of the game's results (ledger-words.ts): the ladder's move with its
 * causes, then each figure's. The debrief is the facilitator's: the ledger shows whole.
 */
function whyMoved(s: Scenario, ledger: Ledger | undefined): HTMLElement | null {
  if (!ledger) return null;
  const climb = ladderSummary(s, ledger);
  const lines = ledger.filter(
    (l) =>
      actedOn(l) &&
      l.variable.kind !== 'pressure' &&
      l.variable.kind !== 'rung' &&
      l.variable.kind !== 'base' &&
      l.variable.kind !== 'deniability',
  );
  if (!climb && lines.length === 0) return null;
  return h(
    'details',
    { className: 'why' },
    h('summary', {}, 'Why it moved'),
    h(
      'ul',
      {},
      climb ? h('li', {}, h('b', {}, 'Escalation ladder: '), climb) : null,
      lines.map((l) => h('li', {}, h('b', {}, `${figureName(s, l.variable)}: `), figureSummary(s, l))),
    ),
  );
}

/** Week by week: what each side ordered beside what followed, and why the figures moved. */
export function weeksSection(game: PlayedGame): HTMLElement {
  const s = game.scenario;
  return h(
    'section',
    { id: 'debrief-weeks', 'aria-labelledby': 'debrief-weeks-h' },
    h('h3', { id: 'debrief-weeks-h' }, 'Week by week: decisions and consequences'),
    h(
      'table',
      { className: 'weeks' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Week'),
          h('th', { scope: 'col' }, `${s.sides.us.short} ordered`),
          h('th', { scope: 'col' }, `${s.sides.iran.short} ordered`),
          h('th', { scope: 'col' }, 'What followed'),
          h('th', { scope: 'col' }, 'Ladder'),
          h('th', { scope: 'col', className: 'num' }, 'Consent'),
          h('th', { scope: 'col', className: 'num' }, 'Killed: US / Iraqi'),
        ),
      ),
      h(
        'tbody',
        {},
        turnStories(game).map((t) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, `${t.turn}`, h('div', { className: 'note' }, longDate(t.date))),
            h('td', {}, list(t.us, 'no orders')),
            h('td', {}, list(t.iran, 'no orders')),
            h(
              'td',
              {},
              list(t.consequences, 'nothing happened'),
              whyMoved(s, game.turns.find((x) => x.turn === t.turn)?.ledger),
            ),
            h(
              'td',
              {},
              t.rung.from === t.rung.to ? `${t.rung.to}` : `${t.rung.from} → ${t.rung.to}`,
              h('div', { className: 'note' }, t.rung.name),
            ),
            h('td', { className: 'num' }, signed(t.consentChange)),
            h('td', { className: 'num' }, `${t.usKilled} / ${t.iraqisKilled}`),
          ),
        ),
      ),
    ),
  );
}

/** Questions for the class, each citing the moment of this game that prompted it. */
export function questionsSection(questions: readonly Question[]): HTMLElement {
  return h(
    'section',
    { id: 'debrief-questions', 'aria-labelledby': 'debrief-questions-h' },
    h('h3', { id: 'debrief-questions-h' }, 'Questions for discussion'),
    h('p', { className: 'note' }, 'Drawn from what happened in this game; each names the moment that prompted it.'),
    h(
      'ol',
      { className: 'questions' },
      questions.map((q) =>
        h(
          'li',
          { 'data-kind': q.kind },
          h('p', { className: 'question' }, q.text),
          h('p', { className: 'cite' }, q.cite),
        ),
      ),
    ),
  );
}
