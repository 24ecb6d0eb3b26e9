import { compareWithHistory, compareWithRecord, type RecordComparison } from '../../analysis/history.ts';
import type { PlayedGame } from '../../analysis/record.ts';
import { longDate, parseScenario } from '../../engine/index.ts';
import { fill, h } from '../dom.ts';
import { list } from './weeks.ts';

/** The game beside the spring of 2020, and beside the record of the weeks before it (Red Lines). */
export function historySection(game: PlayedGame): HTMLElement {
  const spring = compareWithHistory(game);
  const record = h(
    'div',
    { className: 'record' },
    h('p', { className: 'note', role: 'status' }, 'Loading the “Red Lines” record…'),
  );
  // The Red Lines scenario is only needed here: it loads with the debrief, not with the game (composed with its
  // model when the game is built: vite.config.ts).
  import('virtual:scenario/red-lines')
    .then((module) => {
      const parsed = parseScenario(module.default);
      if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
      const c = compareWithRecord(game, parsed.value);
      fill(
        record,
        c ? recordTable(c) : h('p', { className: 'note' }, 'The Red Lines scenario has no record to compare with.'),
      );
    })
    .catch((e: unknown) =>
      fill(
        record,
        h(
          'p',
          { className: 'note' },
          `The “Red Lines” record could not be loaded (${e instanceof Error ? e.message : String(e)}).`,
        ),
      ),
    );
  return h(
    'section',
    { id: 'debrief-history', 'aria-labelledby': 'debrief-history-h' },
    h('h3', { id: 'debrief-history-h' }, 'Beside history'),
    spring
      ? h(
          'div',
          {},
          h('h4', {}, `${spring.title} (${spring.period})`),
          h('p', {}, `This game matched history on ${spring.agreeing} of ${spring.compared} points.`),
          h(
            'table',
            { className: 'history' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, ''),
                h('th', { scope: 'col' }, 'In 2020'),
                h('th', { scope: 'col' }, 'In this game'),
                h('th', { scope: 'col' }, 'As history?'),
              ),
            ),
            h(
              'tbody',
              {},
              spring.rows.map((r) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, r.label),
                  h('td', {}, r.history, r.source ? h('div', { className: 'source note' }, r.source) : null),
                  h('td', { className: 'num' }, r.game),
                  h(
                    'td',
                    { className: r.agrees === null ? 'note' : r.agrees ? 'truth-right' : 'truth-wrong' },
                    r.agrees === null ? 'not reached' : r.agrees ? 'yes' : 'no',
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', { className: 'note' }, 'There is no dated record of the weeks this scenario covers.'),
    record,
  );
}

function recordTable(c: RecordComparison): HTMLElement {
  const per = (x: number) => x.toFixed(1);
  return h(
    'div',
    {},
    h('h4', {}, `${c.title}: ${c.from} to ${c.to}`),
    h(
      'p',
      {},
      `What each side really did in the ${c.weeks} weeks before, as the scenario’s record gives it, set beside the orders of this game’s ${c.gameWeeks} weeks. `,
      `The record holds at most ${c.ordersPerWeek} orders a side a week, as the game does, so it counts fewer moves than history made`,
      c.omitted.length > 0 ? ': what it leaves out is listed under the table.' : '.',
    ),
    h(
      'table',
      { className: 'history' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Kind of move'),
          h('th', { scope: 'col', className: 'num' }, 'This game'),
          h('th', { scope: 'col', className: 'num' }, 'a week'),
          h('th', { scope: 'col', className: 'num' }, 'History'),
          h('th', { scope: 'col', className: 'num' }, 'a week'),
        ),
      ),
      h(
        'tbody',
        {},
        c.rows.map((r) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, r.label),
            h('td', { className: 'num' }, r.game),
            h('td', { className: 'num' }, per(r.gamePerWeek)),
            h('td', { className: 'num' }, r.history),
            h('td', { className: 'num' }, per(r.historyPerWeek)),
          ),
        ),
      ),
    ),
    c.omitted.length > 0
      ? h(
          'details',
          { id: 'record-omitted' },
          h('summary', {}, 'What the record leaves out'),
          h(
            'ul',
            {},
            c.omitted.map((o) => h('li', {}, `Week ${o.turn}: ${o.text}`)),
          ),
        )
      : null,
    c.milestones.length > 0
      ? h(
          'details',
          {},
          h('summary', {}, 'History’s milestones in those weeks'),
          h(
            'ul',
            {},
            c.milestones.map((m) => h('li', {}, `${longDate(m.date)}: ${m.label}: ${m.history}.`)),
          ),
        )
      : null,
    c.weekByWeek.length > 0
      ? h(
          'table',
          {},
          h('caption', { className: 'note' }, 'Your orders beside what each side really did, week by week'),
          h('thead', {}, h('tr', {}, h('th', {}, 'Week'), h('th', {}, 'History'), h('th', {}, 'This game'))),
          h(
            'tbody',
            {},
            c.weekByWeek.map((w) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, w.turn),
                h('td', {}, list([...w.history.us, ...w.history.iran], 'nothing')),
                h('td', {}, list([...w.game.us, ...w.game.iran], 'nothing')),
              ),
            ),
          ),
        )
      : null,
  );
}
