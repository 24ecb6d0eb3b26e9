import './debrief.css';
import { compareTeams, type Team, type TeamComparison, type TeamFigures } from '../../analysis/duplicate.ts';
import { playBackState } from '../../analysis/record.ts';
import type { Scenario } from '../../engine/index.ts';
import { fill, focusHeading, h } from '../dom.ts';
import { RESULT_WORDS } from '../result-words.ts';
import type { Session } from '../session.ts';
import { lineChart, weekTicks } from './charts.ts';
import { fileInput, openGameFile } from './game-file.ts';

/**
 * Duplicate play for the facilitator: several teams played the same scenario and seed; load their saves or replays
 * and see their games side by side: where their choices first parted, and how their outcomes differ. A file that is
 * refused (not a game, damaged, another scenario, seed or length) is named with the reason and changes nothing.
 */

export interface DuplicateOptions {
  /** Games already open (the debrief's own game), shown first. */
  teams?: { name: string; session: Session }[];
  back?: { label: string; action(): void };
}

/** Shows the duplicate-play page in `root`, replacing what was there. */
export function showDuplicate(root: HTMLElement, scenarios: readonly Scenario[], options: DuplicateOptions = {}): void {
  const teams: Team[] = [];
  const messages = h('div', { role: 'alert', id: 'duplicate-messages' });
  const roster = h('ul', { className: 'roster', id: 'duplicate-teams' });
  const view = h('div', { id: 'duplicate-view', 'aria-live': 'polite' });

  const uniqueName = (name: string) => {
    let candidate = name;
    for (let k = 2; teams.some((t) => t.name === candidate); k++) candidate = `${name} (${k})`;
    return candidate;
  };

  /** Adds a team if its game fits the others; otherwise says why, and leaves everything as it was. */
  const add = (name: string, session: Session): string | null => {
    const game = playBackState(session.scenario, session.state);
    if (!game.ok) return `${name} cannot be played back: ${game.errors[0]?.message}`;
    const team = { name: uniqueName(name), game: game.value };
    if (teams.length > 0) {
      const check = compareTeams([teams[0]!, team]);
      if (!check.ok) return check.errors[0]?.message ?? `${name} does not fit the other games.`;
    }
    teams.push(team);
    return null;
  };

  const redraw = () => {
    fill(
      roster,
      teams.map((t, i) =>
        h(
          'li',
          {},
          h('span', { className: 'team-name' }, `Team ${i + 1}: ${t.name}`),
          ' ',
          h(
            'button',
            {
              className: 'link',
              'aria-label': `Remove ${t.name}`,
              onclick: () => {
                teams.splice(i, 1);
                redraw();
              },
            },
            'Remove',
          ),
        ),
      ),
    );
    if (teams.length < 2) {
      fill(
        view,
        h(
          'p',
          { className: 'note' },
          teams.length === 0 ? 'No games loaded yet.' : 'Load at least one more game of the same seed to compare.',
        ),
      );
      return;
    }
    const compared = compareTeams(teams);
    if (!compared.ok) {
      fill(view, h('div', { className: 'error' }, compared.errors[0]?.message ?? 'These games cannot be compared.'));
      return;
    }
    fill(view, comparisonView(teams[0]!.game.scenario, compared.value));
  };

  for (const t of options.teams ?? []) {
    const refused = add(t.name, t.session);
    if (refused) fill(messages, h('div', { className: 'error' }, refused));
  }

  // Each choice of files starts with a clean slate of messages; a refused file adds one and changes nothing else.
  const input = fileInput('duplicate-files', true, (files) => {
    fill(messages);
    let added = false;
    for (const { name, text } of files) {
      const opened = openGameFile(scenarios, name, text);
      const refused = opened.ok
        ? add(name, opened.value)
        : (opened.errors[0]?.message ?? `${name} could not be opened.`);
      if (refused) messages.append(h('div', { className: 'error' }, refused));
      else added = true;
    }
    if (added) redraw();
  });

  fill(
    root,
    h(
      'div',
      { className: 'debrief duplicate' },
      h('h2', {}, 'Compare teams (duplicate play)'),
      h(
        'p',
        { className: 'lead' },
        'When several teams play the same scenario with the same seed, the dice are the same for all of them: every difference between their games comes from their choices. Load each team’s save or replay.',
      ),
      h('label', { for: 'duplicate-files' }, 'Add teams’ saves or replays (several at once if you like)'),
      input,
      options.back
        ? h('div', { className: 'actions' }, h('button', { onclick: () => options.back?.action() }, options.back.label))
        : null,
      messages,
      h('h3', {}, 'Teams'),
      roster,
      view,
    ),
  );
  redraw();
  focusHeading(root);
}

const FIGURES: [string, (t: TeamFigures) => string | number][] = [
  ['Result', (t) => (t.ending.result ? RESULT_WORDS[t.ending.result] : 'not finished')],
  ['Ended in week', (t) => t.ending.turn],
  ['US score', (t) => t.ending.usScore ?? '–'],
  ['Iran score', (t) => t.ending.iranScore ?? '–'],
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

function comparisonView(scenario: Scenario, c: TeamComparison): HTMLElement {
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
          c.teams.map((t) => h('th', { scope: 'col', className: 'num' }, t.name)),
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
          c.teams.map((t) => h('th', { scope: 'col' }, t.name)),
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
