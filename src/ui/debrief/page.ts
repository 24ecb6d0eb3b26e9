import './debrief.css';
import { compareWithHistory } from '../../analysis/history.ts';
import { LUCK_WORLDS } from '../../analysis/luck.ts';
import { discussionQuestions } from '../../analysis/questions.ts';
import { playBackState } from '../../analysis/record.ts';
import { debriefData, ending, timeline, timelineCsv } from '../../analysis/timeline.ts';
import { longDate, rungName, type Scenario } from '../../engine/index.ts';
import { fill, focusHeading, h } from '../dom.ts';
import { RESULT_WORDS, SHARED_LOSS_POINTS } from '../result-words.ts';
import { plural } from '../words.ts';
import type { Session } from '../session.ts';
import { secretsWarning } from '../secrets-warning.ts';
import { download } from '../storage.ts';
import { beliefTable, strikeTable } from '../truth-tables.ts';
import { timelineCharts } from './charts.ts';
import type { DuplicateOptions } from './duplicate.ts';
import { fileInput, openGameFile } from './game-file.ts';
import { historySection } from './history.ts';
import { luckSection } from './luck.ts';
import { questionsSection, weeksSection } from './weeks.ts';
import { whatIfBox } from './what-if.ts';

/**
 * The debrief (after-action review) of a finished game or a loaded replay: charts of how the crisis moved, each
 * week's decisions beside their consequences, what the US believed against the truth, the game beside history,
 * luck against decisions (the same orders under other dice, in a Web Worker), questions for the class drawn from
 * this game, and export to print, JSON and CSV. Everything shown comes from src/analysis, which replays the
 * engine's own record: nothing here recomputes a rule.
 */

export interface DebriefOptions {
  /** Where the page's Back button goes; no button without it. */
  back?: { label: string; action(): void };
  /** The scenarios other teams' files may be of: "Compare with other teams" loads them. */
  scenarios?: readonly Scenario[];
  /** How many other worlds the luck analysis plays (LUCK_WORLDS unless told). */
  luckWorlds?: number;
  /**
   * Opens duplicate play in `root` with this game as the first team ("Compare with other teams…"). app.ts passes
   * debrief/duplicate.ts's showDuplicate, so the two pages reach each other through it, not by importing each other.
   */
  compare(root: HTMLElement, scenarios: readonly Scenario[], options: DuplicateOptions): void;
  /**
   * Opens a new game (app.ts replaces the current one with it): the "what if" of a game that ended early. No button
   * without it.
   */
  fork?(session: Session): void;
  /** Where `fork` opens the new game, when not in this one's place: a sentence the "what if" box adds. */
  forkWhere?: string;
}

/** What the debrief picker passes on to each file's debrief. */
export type PickerOptions = Pick<DebriefOptions, 'back' | 'compare' | 'fork'>;

/**
 * A page that asks for a save or a replay file and shows its debrief: the title screen's "Debrief a saved game or
 * replay". A refused file leaves the page as it was, with the reason.
 */
export function showDebriefPicker(root: HTMLElement, scenarios: readonly Scenario[], options: PickerOptions): void {
  const { back } = options;
  const message = h('div', { role: 'alert' });
  const input = fileInput('debrief-file', false, ([file]) => {
    if (!file) return;
    const { name, text } = file;
    const opened = openGameFile(scenarios, name, text);
    if (!opened.ok) {
      fill(message, h('div', { className: 'error' }, opened.errors[0]?.message ?? `${name} could not be opened.`));
      return;
    }
    showDebrief(root, opened.value, {
      ...options,
      scenarios,
      back: { label: 'Choose another file', action: () => showDebriefPicker(root, scenarios, options) },
    });
  });
  fill(
    root,
    h(
      'div',
      { className: 'debrief' },
      h('h2', {}, 'Debrief a saved game or replay'),
      h(
        'p',
        { className: 'lead' },
        'Choose a save file (“Export save”) or a replay (“Export the replay”) of any game, finished or not.',
      ),
      h('label', { for: 'debrief-file' }, 'Save or replay file'),
      input,
      message,
      back ? h('div', { className: 'actions' }, h('button', { onclick: () => back.action() }, back.label)) : null,
    ),
  );
  focusHeading(root);
}

/**
 * Shows the debrief of a session's game in `root`, replacing what was there. The debrief is the facilitator's: every
 * order and who really fired. A game not over (a save or replay exported mid-game, which one of its players may
 * open) first shows only that it is in progress, with the choice to reveal everything after a warning.
 */
export function showDebrief(root: HTMLElement, session: Session, options: DebriefOptions, reveal = false): void {
  if (!session.over && !reveal) {
    gatedDebrief(root, session, options);
    return;
  }
  const played = playBackState(session.scenario, session.state);
  if (!played.ok) {
    fill(
      root,
      h('h2', {}, 'Debrief'),
      h('div', { className: 'error', role: 'alert' }, `This game cannot be debriefed: ${played.errors[0]?.message}`),
    );
    focusHeading(root);
    return;
  }
  const game = played.value;
  const s = game.scenario;
  const rows = timeline(game);
  const questions = discussionQuestions(game);
  const luck = luckSection(game, options.luckWorlds ?? LUCK_WORLDS);
  const historyPart = historySection(game);
  const seedLine = `seed ${game.replay.seed}${game.replay.options.preset ? `, ${s.presets.find((p) => p.id === game.replay.options.preset)?.name ?? game.replay.options.preset}` : ''}`;
  const exportJson = () =>
    download(
      `two-boxers-${game.replay.seed}-debrief.json`,
      `${JSON.stringify({ ...debriefData(game), questions, history: compareWithHistory(game), luck: luck.summary() }, null, 1)}\n`,
    );
  const exportCsv = () => download(`two-boxers-${game.replay.seed}-timeline.csv`, timelineCsv(rows), 'text/csv');
  const leave = (then: () => void) => () => {
    luck.stop();
    then();
  };
  const sections: [string, string][] = [
    ['debrief-charts', 'How the crisis moved'],
    ['debrief-weeks', 'Decisions and consequences'],
    ['debrief-truth', 'Belief and truth'],
    ['debrief-history', 'Beside history'],
    ['debrief-luck', 'Luck or decisions?'],
    ['debrief-questions', 'Questions for discussion'],
  ];
  const e = ending(game);
  fill(
    root,
    h(
      'article',
      { className: 'debrief', 'aria-labelledby': 'debrief-title' },
      h('h2', { id: 'debrief-title' }, `Debrief: ${s.name}, ${seedLine}`),
      h(
        'p',
        { className: `result ${e.result ?? ''}` },
        e.result ? RESULT_WORDS[e.result] : 'Game in progress',
        e.result ? h('span', { className: 'note' }, ` in week ${e.turn} of ${game.final.lastTurn}`) : null,
      ),
      h('p', { className: 'lead' }, e.explanation),
      options.fork
        ? whatIfBox(
            game,
            session,
            (fork) => {
              luck.stop();
              options.fork?.(fork);
            },
            options.forkWhere,
          )
        : null,
      h(
        'p',
        {},
        `From ${longDate(s.startDate)}, ${plural(game.turns.length, 'week')} played. The ladder ended at rung ${game.final.ladder.rung}, ${rungName(s, game.final.ladder.rung)} (peak ${game.final.ladder.peak}). `,
        e.usScore !== null ? `Points: ${s.sides.us.short} ${e.usScore}, ${s.sides.iran.short} ${e.iranScore}.` : '',
        e.result === 'shared-loss' ? ` ${SHARED_LOSS_POINTS}` : '',
      ),
      h(
        'div',
        { className: 'actions debrief-actions' },
        h('button', { className: 'primary', onclick: () => window.print() }, 'Print or save as PDF'),
        h('button', { onclick: exportJson }, 'Download JSON'),
        h('button', { onclick: exportCsv }, 'Download the timeline (CSV)'),
        h(
          'button',
          {
            id: 'compare-teams',
            onclick: leave(() =>
              options.compare(root, options.scenarios ?? [s], {
                teams: [{ name: 'This game', session }],
                back: { label: 'Back to the debrief', action: () => showDebrief(root, session, options, reveal) },
              }),
            ),
          },
          'Compare with other teams…',
        ),
        options.back ? h('button', { onclick: leave(() => options.back?.action()) }, options.back.label) : null,
      ),
      h(
        'nav',
        { className: 'debrief-toc', 'aria-label': 'Debrief sections' },
        h(
          'ul',
          {},
          sections.map(([id, label]) => h('li', {}, h('a', { href: `#${id}` }, label))),
        ),
      ),
      h(
        'section',
        { id: 'debrief-charts', 'aria-labelledby': 'debrief-charts-h' },
        h('h3', { id: 'debrief-charts-h' }, 'How the crisis moved'),
        h('div', { className: 'charts' }, timelineCharts(s, rows)),
      ),
      weeksSection(game),
      h(
        'section',
        { id: 'debrief-truth', 'aria-labelledby': 'debrief-truth-h' },
        h('h3', { id: 'debrief-truth-h' }, 'What the US believed, and the truth'),
        h(
          'p',
          { className: 'note' },
          'During the game the US saw claims and its intelligence assessments, never who really fired. Here is both.',
        ),
        beliefTable(s, game.final),
        strikeTable(s, game.final),
      ),
      historyPart,
      luck.element,
      questionsSection(questions),
    ),
  );
  // In-page links move focus with the view, so keyboard users land in the section they chose.
  for (const a of root.querySelectorAll<HTMLAnchorElement>('.debrief-toc a'))
    a.addEventListener('click', (ev) => {
      const target = root.querySelector<HTMLElement>(a.getAttribute('href') ?? '');
      if (!target) return;
      ev.preventDefault();
      const heading = target.querySelector<HTMLElement>('h3') ?? target;
      heading.tabIndex = -1;
      heading.focus();
      heading.scrollIntoView({ block: 'start' });
    });
  root.scrollTop = 0;
  focusHeading(root);
  luck.start();
}

/** The debrief of a game not over, before the person chose to see its secrets: the game's public place, no more. */
function gatedDebrief(root: HTMLElement, session: Session, options: DebriefOptions): void {
  const s = session.scenario;
  const view = session.view('public');
  fill(
    root,
    h(
      'article',
      { className: 'debrief', 'aria-labelledby': 'debrief-title' },
      h('h2', { id: 'debrief-title' }, `Debrief: ${s.name}, seed ${session.settings.seed}`),
      h('p', { className: 'result' }, 'Game in progress'),
      h(
        'p',
        { className: 'lead' },
        `${session.turns.length} of ${view.lastTurn} weeks played; the ladder stands at rung ${view.ladder.rung}, ${rungName(s, view.ladder.rung)}. The debrief sets both sides’ orders and the truth of every attack side by side, so it waits for the end of the game.`,
      ),
      secretsWarning('debrief-secrets', 'who really fired, each side’s orders, what the US believed', () =>
        showDebrief(root, session, options, true),
      ),
      options.back
        ? h('div', { className: 'actions' }, h('button', { onclick: () => options.back?.action() }, options.back.label))
        : null,
    ),
  );
  root.scrollTop = 0;
  focusHeading(root);
}
