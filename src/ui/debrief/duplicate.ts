import './debrief.css';
import { compareTeams, type Team } from '../../analysis/duplicate.ts';
import { playBackState } from '../../analysis/record.ts';
import type { Scenario } from '../../engine/index.ts';
import { fill, focusHeading, h } from '../dom.ts';
import type { Session } from '../session.ts';
import { comparisonView } from './comparison.ts';
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
          h('label', { for: `team-name-${i}` }, `Team ${i + 1}: `),
          // A file's name is rarely the team's: the teacher names each team, and every table and chart follows.
          h('input', {
            id: `team-name-${i}`,
            className: 'team-name',
            value: t.name,
            maxlength: 60,
            onchange: (e: Event) => {
              const typed = (e.target as HTMLInputElement).value.trim();
              if (!typed || typed === t.name) return;
              t.name = '';
              t.name = uniqueName(typed);
              redraw();
            },
          }),
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
