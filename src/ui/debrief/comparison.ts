import './debrief.css';
import type { TeamComparison, TeamFigures } from '../../analysis/duplicate.ts';
import type { Scenario } from '../../engine/index.ts';
import { h } from '../dom.ts';
import { RESULT_WORDS } from '../result-words.ts';
import { lineChart, weekTicks } from './charts.ts';

/**
 * Teams' games of one seed side by side (duplicate play): the figures each ended with, where their choices first
 * parted, the charts and every week's orders. Drawn from a comparison alone, so the debrief's page (saves loaded by
 * hand) and the networked teacher's desk (the session's games, live) show the same view.
 */

const FIGURES: [string, (t: TeamFigures) => string | number][] = [
  ['Result', (t) => (t.ending.result ? RESULT_WORDS[t.ending.result] : 'not finished')],
  ['Ended in week', (t) => (t.ending.result ? t.ending.turn : `not yet (${t.turnsPlayed} played)`)],
  ['US points', (t) => points(t, t.ending.usScore)],
  ['Iran points', (t) => points(t, t.ending.iranScore)],
  ['Peak rung', (t) => t.peakRung],
  ['Final rung', (t) => t.finalRung],
  ["Baghdad's consent", (t) => t.consent],
  ['US resolve', (t) => t.usResolve],
  ['ISIS', (t) => t.isis],
  ['Americans killed', (t) => t.usKilled],
  ['Iraqis killed', (t) => t.iraqisKilled],
  ['Attacks', (t) => t.attacks],
  ['US strikes', (t) => t.strikes],
  ['Attacks blamed on the wrong group', (t) => t.misattributed],
  ['Escalation score, US', (t) => t.escalationUs],
  ['Escalation score, Iran', (t) => t.escalationIran],
];

/** A war's points are no win on points: both sides lost (see SHARED_LOSS_POINTS). */
const points = (t: TeamFigures, score: number | null): string | number =>
  score === null ? '–' : t.ending.result === 'shared-loss' ? `${score} (both lost)` : score;

/** A team's column head: its name, and whether its game is still being played (its figures are not final). */
const teamHead = (t: TeamFigures): string => (t.ending.result ? t.name : `${t.name}, not finished`);

export function comparisonView(scenario: Scenario, c: TeamComparison): HTMLElement {
  const week = scenario.turnDays === 7 ? 'week' : 'turn';
  const sideWords = (sides: readonly string[]) =>
    sides.map((x) => (x === 'us' ? scenario.sides.us.short : scenario.sides.iran.short)).join(' and ');
  const d = c.firstDivergence;
  const headline = d
    ? `The teams’ choices first parted in ${week} ${d.turn}, in the ${sideWords(d.sides)} orders.`
    : 'The teams gave the same orders in every week they both played.';
  const longest = c.teams.reduce((a, t) => (t.timeline.length > a.length ? t.timeline : a), c.teams[0]!.timeline);
  const x = weekTicks(longest);
  const overlay = (
    id: string,
    title: string,
    summary: string,
    yLabel: string,
    yMax: number | 'auto',
    of: (r: TeamFigures['timeline'][number]) => number,
  ) =>
    lineChart({
      id,
      title,
      summary,
      xLabel: week === 'week' ? 'Week' : 'Turn',
      xTicks: x,
      yLabel,
      yMin: 0,
      yMax,
      series: c.teams.map((t) => ({
        label: t.name,
        values: longest.map((_, i) => (t.timeline[i] ? of(t.timeline[i]!) : null)),
      })),
    });
  return h(
    'div',
    { className: 'comparison' },
    h('p', { className: 'verdict', id: 'divergence' }, headline),
    h(
      'p',
      { className: 'note' },
      `Scenario ${c.scenarioId}, seed ${c.seed}${c.preset ? `, ${c.preset} game` : ''}: ${c.teams.length} teams.`,
    ),
    h(
      'table',
      { className: 'side-by-side' },
      h('caption', { className: 'note' }, 'How each team’s game ended'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, ''),
          c.teams.map((t) => h('th', { scope: 'col', className: 'num' }, teamHead(t))),
        ),
      ),
      h(
        'tbody',
        {},
        FIGURES.map(([label, of]) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, label),
            c.teams.map((t) => h('td', { className: 'num' }, of(t))),
          ),
        ),
      ),
    ),
    c.teams.length > 2 ? pairTable(c, week) : null,
    h(
      'div',
      { className: 'charts' },
      overlay(
        'dup-ladder',
        'The escalation ladder, team by team',
        'Each team’s rung at the end of each week.',
        'Rung',
        scenario.ladder.war,
        (r) => r.rung,
      ),
      overlay(
        'dup-consent',
        "Baghdad's consent, team by team",
        "Baghdad's consent to the US presence (0-100).",
        'Consent',
        100,
        (r) => r.consent,
      ),
      overlay(
        'dup-killed',
        'Americans killed, team by team',
        'Americans killed so far.',
        'Killed so far',
        'auto',
        (r) => r.usKilled,
      ),
      overlay(
        'dup-escalation',
        'Iran’s escalation score, team by team',
        'Iran’s escalation points so far.',
        'Points',
        'auto',
        (r) => r.escalationIran,
      ),
    ),
    h(
      'table',
      { className: 'orders-grid' },
      h(
        'caption',
        { className: 'note' },
        `Each team’s orders, ${week} by ${week}; “differs” marks where the teams chose differently`,
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, week === 'week' ? 'Week' : 'Turn'),
          c.teams.map((t) => h('th', { scope: 'col' }, teamHead(t))),
        ),
      ),
      h(
        'tbody',
        {},
        c.turns.map((t) => {
          const differs = !t.same.us || !t.same.iran;
          return h(
            'tr',
            { className: `${differs ? 'differs' : ''} ${d?.turn === t.turn ? 'first-divergence' : ''}` },
            h(
              'th',
              { scope: 'row' },
              String(t.turn),
              differs ? h('div', { className: 'tag' }, d?.turn === t.turn ? 'first difference' : 'differs') : null,
            ),
            t.orders.map((o) =>
              h(
                'td',
                {},
                o === null
                  ? h('span', { className: 'note' }, 'game over')
                  : [
                      h(
                        'div',
                        { className: 'side-us' },
                        `${scenario.sides.us.short}: `,
                        o.us.join('; ') || 'no orders',
                      ),
                      h(
                        'div',
                        { className: 'side-iran' },
                        `${scenario.sides.iran.short}: `,
                        o.iran.join('; ') || 'no orders',
                      ),
                    ],
              ),
            ),
          );
        }),
      ),
    ),
  );
}

function pairTable(c: TeamComparison, week: string): HTMLElement {
  return h(
    'table',
    { className: 'pairs' },
    h('caption', { className: 'note' }, `The first ${week} each pair of teams chose differently`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, ''),
        c.teams.map((t) => h('th', { scope: 'col' }, t.name)),
      ),
    ),
    h(
      'tbody',
      {},
      c.pairs.map((row, i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, c.teams[i]!.name),
          row.map((p, j) => h('td', { className: 'num' }, i === j ? '–' : p ? `${week} ${p.turn}` : 'never')),
        ),
      ),
    ),
  );
}
