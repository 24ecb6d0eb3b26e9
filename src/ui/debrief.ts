import './debrief.css';
import { compareWithHistory, compareWithRecord, type RecordComparison } from '../analysis/history.ts';
import {
  type Distribution,
  LUCK_WORLDS,
  type LuckMessage,
  type LuckSummary,
  type LuckWorld,
  runLuck,
  summariseLuck,
} from '../analysis/luck.ts';
import { discussionQuestions, type Question } from '../analysis/questions.ts';
import { type PlayedGame, playBackState } from '../analysis/record.ts';
import { debriefData, ending, type TimelineRow, timeline, timelineCsv, turnStories } from '../analysis/timeline.ts';
import { parseScenario, type Replay, type Result, rungName, type Scenario, verifyReplay } from '../engine/index.ts';
import { longDate } from '../engine/narrate.ts';
import { REPLAY_FORMAT } from '../engine/replay.ts';
import { fill, focusHeading, h } from './dom.ts';
import { showDuplicate } from './duplicate.ts';
import { beliefTable, RESULT_WORDS, strikeTable } from './end-screen.ts';
import { SAVE_FORMAT, Session } from './session.ts';
import { download } from './storage.ts';

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
}

// ---- Charts: inline SVG, readable on a projector and in print, never by colour alone -----------------------------

const SVG = 'http://www.w3.org/2000/svg';
type SvgAttrs = Record<string, string | number>;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: SvgAttrs = {},
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

/** A line's look: its dash pattern and marker shape tell series apart in black and white as well as in colour. */
const LOOKS = [
  { dash: '', marker: 'circle' },
  { dash: '10 5', marker: 'square' },
  { dash: '3 4', marker: 'triangle' },
  { dash: '14 4 3 4', marker: 'diamond' },
  { dash: '6 3', marker: 'cross' },
  { dash: '1 3', marker: 'circle-open' },
] as const;

function marker(kind: (typeof LOOKS)[number]['marker'], x: number, y: number): SVGElement {
  const r = 4.5;
  switch (kind) {
    case 'circle':
      return svg('circle', { cx: x, cy: y, r });
    case 'circle-open':
      return svg('circle', { cx: x, cy: y, r, class: 'open' });
    case 'square':
      return svg('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r });
    case 'triangle':
      return svg('path', { d: `M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z` });
    case 'diamond':
      return svg('path', { d: `M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z` });
    case 'cross':
      return svg('path', {
        d: `M${x - r} ${y - r}L${x + r} ${y + r}M${x - r} ${y + r}L${x + r} ${y - r}`,
        class: 'open',
      });
    default: {
      const never: never = kind;
      throw new Error(`unknown marker ${String(never)}`);
    }
  }
}

/** Round tick values from lo up to at least hi: steps of 1, 2 or 5 times a power of ten, about five of them. */
function ticks(lo: number, hi: number): number[] {
  const span = Math.max(1, hi - lo);
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((x) => x >= raw) ?? power * 10);
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v < hi + step; v += step) out.push(v);
  return out;
}

export interface Series {
  label: string;
  values: (number | null)[];
}

export interface ChartSpec {
  id: string;
  title: string;
  /** A sentence for screen readers and the caption: what the chart shows. */
  summary: string;
  xLabel: string;
  xTicks: string[];
  yLabel: string;
  yMin: number;
  yMax: number | 'auto';
  series: Series[];
  /** Horizontal reference lines: a threshold or an aim. */
  guides?: { value: number; label: string }[];
}

const W = 600;
const H = 300;
const M = { left: 58, right: 20, top: 18, bottom: 56 };

/**
 * A line chart as a figure: an SVG with labelled axes, a legend whose samples repeat each line's dash and marker,
 * and the same figures as a table for screen readers and for reading off exact values.
 */
export function lineChart(spec: ChartSpec): HTMLElement {
  const all = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const guides = spec.guides ?? [];
  const top = spec.yMax === 'auto' ? Math.max(1, ...all, ...guides.map((g) => g.value)) : spec.yMax;
  // A fixed top (100 points, the war rung) stays the top; an automatic one rounds up to the next tick.
  const yTicks = ticks(spec.yMin, top).filter((v) => spec.yMax === 'auto' || v <= top);
  const yMax = spec.yMax === 'auto' ? (yTicks.at(-1) ?? top) : top;
  const n = spec.xTicks.length;
  const px = (i: number) => M.left + (n <= 1 ? 0 : (i * (W - M.left - M.right)) / (n - 1));
  const py = (v: number) => H - M.bottom - ((v - spec.yMin) * (H - M.top - M.bottom)) / (yMax - spec.yMin || 1);
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  const plot = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-labelledby': `${titleId} ${descId}`,
    class: 'chart',
  });
  plot.append(svg('title', { id: titleId }, spec.title), svg('desc', { id: descId }, spec.summary));
  const axes = svg('g', { class: 'axes' });
  for (const v of yTicks) {
    axes.append(
      svg('line', { x1: M.left, x2: W - M.right, y1: py(v), y2: py(v), class: 'grid' }),
      svg('text', { x: M.left - 8, y: py(v) + 5, 'text-anchor': 'end' }, String(v)),
    );
  }
  const every = n > 14 ? 2 : 1;
  spec.xTicks.forEach((label, i) => {
    if (i % every === 0) axes.append(svg('text', { x: px(i), y: H - M.bottom + 25, 'text-anchor': 'middle' }, label));
  });
  axes.append(
    svg('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'axis' }),
    svg('line', { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom, class: 'axis' }),
    svg('text', { x: (M.left + W - M.right) / 2, y: H - 4, 'text-anchor': 'middle', class: 'label' }, spec.xLabel),
    svg(
      'text',
      {
        x: 16,
        y: (M.top + H - M.bottom) / 2,
        'text-anchor': 'middle',
        class: 'label',
        transform: `rotate(-90 16 ${(M.top + H - M.bottom) / 2})`,
      },
      spec.yLabel,
    ),
  );
  plot.append(axes);
  for (const g of guides) {
    plot.append(
      svg('line', { x1: M.left, x2: W - M.right, y1: py(g.value), y2: py(g.value), class: 'guide' }),
      svg('text', { x: W - M.right - 4, y: py(g.value) - 6, 'text-anchor': 'end', class: 'guide-label' }, g.label),
    );
  }
  spec.series.forEach((s, k) => {
    const look = LOOKS[k % LOOKS.length]!;
    const g = svg('g', { class: `series s${k % LOOKS.length}` });
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${px(i).toFixed(1)} ${py(v).toFixed(1)}`;
      pen = true;
    });
    g.append(svg('path', { d, 'stroke-dasharray': look.dash, class: 'line' }));
    s.values.forEach((v, i) => {
      if (v !== null) g.append(marker(look.marker, px(i), py(v)));
    });
    plot.append(g);
  });
  const legend = h(
    'ul',
    { className: 'legend' },
    spec.series.map((s, k) => {
      const look = LOOKS[k % LOOKS.length]!;
      const sample = svg('svg', {
        viewBox: '0 0 44 14',
        width: 44,
        height: 14,
        'aria-hidden': 'true',
        class: `series s${k % LOOKS.length}`,
      });
      sample.append(
        svg('path', { d: 'M2 7L42 7', 'stroke-dasharray': look.dash, class: 'line' }),
        marker(look.marker, 22, 7),
      );
      return h('li', {}, sample, ' ', s.label);
    }),
  );
  const table = h(
    'table',
    { className: 'figures' },
    h('caption', { className: 'sr-only' }, spec.title),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, spec.xLabel),
        spec.series.map((s) => h('th', { scope: 'col', className: 'num' }, s.label)),
      ),
    ),
    h(
      'tbody',
      {},
      spec.xTicks.map((x, i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, x),
          spec.series.map((s) => h('td', { className: 'num' }, s.values[i] ?? '–')),
        ),
      ),
    ),
  );
  return h(
    'figure',
    { className: 'chart-figure', id: spec.id },
    h('figcaption', {}, h('strong', {}, spec.title), h('span', { className: 'note' }, ` ${spec.summary}`)),
    plot,
    legend,
    h('details', { className: 'chart-data' }, h('summary', {}, 'The figures as a table'), table),
  );
}

/** Week labels for a timeline: "Start", then each week's number. */
export const weekTicks = (rows: readonly { turn: number }[]): string[] =>
  rows.map((r) => (r.turn === 0 ? 'Start' : String(r.turn)));

/** The charts of one game's timeline: the ladder, Baghdad, US resolve, ISIS, casualties and escalation scores. */
export function timelineCharts(scenario: Scenario, rows: readonly TimelineRow[]): HTMLElement[] {
  const x = weekTicks(rows);
  const col = (f: (r: TimelineRow) => number) => rows.map(f);
  const v = scenario.victory;
  const week = scenario.turnDays === 7 ? 'Week' : 'Turn';
  return [
    lineChart({
      id: 'chart-ladder',
      title: 'The escalation ladder',
      summary: `The rung at the end of each ${week.toLowerCase()}; rung ${scenario.ladder.war} is open war and ends the game.`,
      xLabel: week,
      xTicks: x,
      yLabel: 'Rung',
      yMin: 0,
      yMax: scenario.ladder.war,
      series: [{ label: 'Rung', values: col((r) => r.rung) }],
      guides: [
        { value: scenario.ladder.war, label: 'war' },
        { value: v.us.maxRung, label: `US aim: at most ${v.us.maxRung}` },
      ],
    }),
    lineChart({
      id: 'chart-baghdad',
      title: "Baghdad's consent and eviction pressure",
      summary: "Baghdad's consent to the US presence, and parliament's pressure to vote the Coalition out (0-100).",
      xLabel: week,
      xTicks: x,
      yLabel: 'Points (0-100)',
      yMin: 0,
      yMax: 100,
      series: [
        { label: 'Consent', values: col((r) => r.consent) },
        { label: 'Eviction pressure', values: col((r) => r.evictionPressure) },
      ],
      guides: [{ value: v.us.minConsent, label: `US aim: consent at least ${v.us.minConsent}` }],
    }),
    lineChart({
      id: 'chart-resolve',
      title: 'US resolve and credibility',
      summary: `Opinion at home behind the mission, and credibility of US warnings (0-100); resolve at ${v.iran.resolveBreak} or below breaks.`,
      xLabel: week,
      xTicks: x,
      yLabel: 'Points (0-100)',
      yMin: 0,
      yMax: 100,
      series: [
        { label: 'Resolve', values: col((r) => r.usResolve) },
        { label: 'Credibility', values: col((r) => r.credibility) },
      ],
      guides: [{ value: v.iran.resolveBreak, label: 'resolve breaks' }],
    }),
    lineChart({
      id: 'chart-isis',
      title: 'ISIS',
      summary: `ISIS strength (0-100); the US aims to hold it at ${v.us.maxIsis} or below.`,
      xLabel: week,
      xTicks: x,
      yLabel: 'Strength (0-100)',
      yMin: 0,
      yMax: 100,
      series: [{ label: 'ISIS strength', values: col((r) => r.isis) }],
      guides: [{ value: v.us.maxIsis, label: `US aim: at most ${v.us.maxIsis}` }],
    }),
    lineChart({
      id: 'chart-casualties',
      title: 'Casualties',
      summary: 'People killed so far, by kind (totals since the start).',
      xLabel: week,
      xTicks: x,
      yLabel: 'Killed so far',
      yMin: 0,
      yMax: 'auto',
      series: [
        { label: 'Americans', values: col((r) => r.usKilled) },
        { label: 'Iraqi forces', values: col((r) => r.iraqiForcesKilled) },
        { label: 'Iraqi civilians', values: col((r) => r.civiliansKilled) },
        { label: 'Militia fighters', values: col((r) => r.proxiesKilled) },
      ],
    }),
    lineChart({
      id: 'chart-escalation',
      title: 'Escalation scores',
      summary: 'Each side’s escalation points so far (de-escalation -2, posturing 4, non-violent 12, violent 28).',
      xLabel: week,
      xTicks: x,
      yLabel: 'Points so far',
      yMin: Math.min(0, ...col((r) => Math.min(r.escalationUs, r.escalationIran))),
      yMax: 'auto',
      series: [
        { label: scenario.sides.us.short, values: col((r) => r.escalationUs) },
        { label: scenario.sides.iran.short, values: col((r) => r.escalationIran) },
      ],
    }),
  ];
}

// ---- Loading a save or a replay -------------------------------------------------------------------------------

const fail = (code: string, message: string): Result<never> => ({ ok: false, errors: [{ code, message }] });

/**
 * Opens a save or a replay file as a game to debrief or compare. Every refusal is one sentence naming the file: not
 * JSON, neither kind of file, another scenario, another engine version, or a record that does not play out.
 */
export function openGameFile(scenarios: readonly Scenario[], name: string, text: string): Result<Session> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('file.json', `${name} is not a save or a replay: it is not valid JSON.`);
  }
  const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  if (format === SAVE_FORMAT) {
    const loaded = Session.fromSave(scenarios, json);
    return loaded.ok ? loaded : fail(loaded.errors[0]?.code ?? 'save', `${name}: ${loaded.errors[0]?.message}`);
  }
  if (format !== REPLAY_FORMAT) return fail('file.format', `${name} is neither a Two Boxers save nor a replay.`);
  const id = (json as { scenarioId?: unknown }).scenarioId;
  const scenario = scenarios.find((s) => s.id === id);
  if (!scenario)
    return fail('replay.scenario', `${name} is a replay of a scenario this game does not have ("${String(id)}").`);
  const verified = verifyReplay(scenario, json);
  if (!verified.ok) {
    const e = verified.errors[0];
    return fail(e?.code ?? 'replay', `${name} is damaged or foreign: ${e?.message ?? 'it does not play out'}.`);
  }
  const replay = json as Replay;
  const settings = {
    scenarioId: scenario.id,
    seed: replay.seed,
    preset: replay.options.preset ?? null,
    side: 'us' as const,
    opponent: 'hotseat', // a replay does not say who played: the debrief shows both sides anyway
  };
  const session = Session.fromRecord(
    scenario,
    settings,
    replay.turns,
    replay.finalHash,
    undefined,
    replay.pending ?? [],
  );
  return session.ok ? session : fail(session.errors[0]?.code ?? 'replay', `${name}: ${session.errors[0]?.message}`);
}

/** A file input that reads the chosen files and hands over their names and texts, in the order chosen. */
export function fileInput(
  id: string,
  multiple: boolean,
  onFiles: (files: { name: string; text: string }[]) => void,
): HTMLInputElement {
  const input = h('input', { type: 'file', id, accept: '.json,application/json', multiple });
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    // An unreadable file reads as empty text, which is then refused as not JSON, with its name.
    void Promise.all(
      files.map((f) =>
        f.text().then(
          (text) => ({ name: f.name, text }),
          () => ({ name: f.name, text: '' }),
        ),
      ),
    ).then(onFiles);
  });
  return input;
}

/**
 * A page that asks for a save or a replay file and shows its debrief: the title screen's "Debrief a saved game or
 * replay". A refused file leaves the page as it was, with the reason.
 */
export function showDebriefPicker(
  root: HTMLElement,
  scenarios: readonly Scenario[],
  back: DebriefOptions['back'],
): void {
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
      scenarios,
      back: { label: 'Choose another file', action: () => showDebriefPicker(root, scenarios, back) },
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

// ---- The debrief page --------------------------------------------------------------------------------------------

/** Shows the debrief of a session's game in `root`, replacing what was there. */
export function showDebrief(root: HTMLElement, session: Session, options: DebriefOptions = {}): void {
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
      h(
        'p',
        {},
        `From ${longDate(s.startDate)}, ${game.turns.length} weeks played. The ladder ended at rung ${game.final.ladder.rung}, ${rungName(s, game.final.ladder.rung)} (peak ${game.final.ladder.peak}). `,
        e.usScore !== null ? `Scores: ${s.sides.us.short} ${e.usScore}, ${s.sides.iran.short} ${e.iranScore}.` : '',
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
              showDuplicate(root, options.scenarios ?? [s], {
                teams: [{ name: 'This game', session }],
                back: { label: 'Back to the debrief', action: () => showDebrief(root, session, options) },
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

function list(items: readonly string[], empty: string): HTMLElement {
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

function weeksSection(game: PlayedGame): HTMLElement {
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
            h('td', {}, list(t.consequences, 'nothing happened')),
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

function questionsSection(questions: readonly Question[]): HTMLElement {
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

// ---- History -----------------------------------------------------------------------------------------------------

function historySection(game: PlayedGame): HTMLElement {
  const spring = compareWithHistory(game);
  const record = h(
    'div',
    { className: 'record' },
    h('p', { className: 'note', role: 'status' }, 'Loading the “Red Lines” record…'),
  );
  // The Red Lines scenario is only needed here: it loads with the debrief, not with the game.
  import('../../scenarios/red-lines.json')
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
      `What each side really did in the ${c.weeks} weeks before, set beside the orders of this game’s ${c.gameWeeks} weeks.`,
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

// ---- Luck ----------------------------------------------------------------------------------------------------------

interface LuckRun {
  promise: Promise<LuckWorld[]>;
  stop(): void;
}

/** Plays the worlds in a module Web Worker, reporting progress; in-process where there is no Worker. */
function playWorlds(game: PlayedGame, worlds: number, onProgress: (done: number, total: number) => void): LuckRun {
  const request = { scenario: game.scenario, replay: game.replay, worlds };
  if (typeof Worker === 'undefined') {
    let result: LuckWorld[] = [];
    let error: string | null = null;
    runLuck(request, (m) => {
      if (m.type === 'progress') onProgress(m.done, m.total);
      else if (m.type === 'done') result = m.worlds;
      else error = m.message;
    });
    return {
      promise: error === null ? Promise.resolve(result) : Promise.reject(new Error(error)),
      stop: () => undefined,
    };
  }
  const worker = new Worker(new URL('../analysis/luck-worker.ts', import.meta.url), { type: 'module' });
  let settle: { reject(e: Error): void } | null = null;
  const promise = new Promise<LuckWorld[]>((resolve, reject) => {
    settle = { reject };
    worker.onmessage = (event: MessageEvent<LuckMessage>) => {
      const m = event.data;
      if (m.type === 'progress') onProgress(m.done, m.total);
      else {
        worker.terminate();
        if (m.type === 'done') resolve(m.worlds);
        else reject(new Error(m.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      event.preventDefault();
      reject(new Error(event.message || 'the luck worker failed to start'));
    };
    worker.postMessage(request);
  });
  return {
    promise,
    stop: () => {
      worker.terminate();
      settle?.reject(new Error('stopped'));
    },
  };
}

function luckSection(
  game: PlayedGame,
  worlds: number,
): { element: HTMLElement; start(): void; stop(): void; summary(): LuckSummary | null } {
  const progress = h('progress', { max: worlds, value: 0, id: 'luck-progress', 'aria-labelledby': 'luck-status' });
  const status = h(
    'p',
    { id: 'luck-status', role: 'status' },
    `Playing this game’s orders again under ${worlds} other seeds…`,
  );
  const body = h('div', { className: 'luck-body' }, status, progress);
  let summary: LuckSummary | null = null;
  let run: LuckRun | null = null;
  let stopped = false;
  const element = h(
    'section',
    { id: 'debrief-luck', 'aria-labelledby': 'debrief-luck-h', 'aria-busy': 'true' },
    h('h3', { id: 'debrief-luck-h' }, 'Luck or decisions?'),
    h(
      'p',
      { className: 'note' },
      `The same orders, week by week, played again under ${worlds} other seeds: the dice change, the decisions do not. An order that a world no longer allows (a base already handed over, money run out) is left out there.`,
    ),
    body,
  );
  let shown = 0;
  return {
    element,
    start() {
      run = playWorlds(game, worlds, (done, total) => {
        progress.value = done;
        // A status update every quarter is enough for a screen reader; the bar moves at every step.
        if (done === total || done - shown >= total / 4) {
          shown = done;
          status.textContent = `Playing this game’s orders again under ${total} other seeds: ${done} of ${total} done…`;
        }
      });
      run.promise.then(
        (played) => {
          summary = summariseLuck(game, played);
          element.setAttribute('aria-busy', 'false');
          fill(body, luckResults(game, summary));
        },
        (e: unknown) => {
          if (stopped) return;
          element.setAttribute('aria-busy', 'false');
          fill(
            body,
            h(
              'div',
              { className: 'error', role: 'alert' },
              `The luck analysis failed: ${e instanceof Error ? e.message : String(e)}`,
            ),
          );
        },
      );
    },
    stop() {
      stopped = true;
      run?.stop();
    },
    summary: () => summary,
  };
}

function luckResults(game: PlayedGame, l: LuckSummary): HTMLElement {
  const s = game.scenario;
  const pct = (x: number) => `${Math.round(100 * x)}%`;
  const o = game.final.outcome;
  return h(
    'div',
    { id: 'luck-results' },
    h('p', { className: 'verdict' }, l.verdict),
    h(
      'table',
      { className: 'luck-endings' },
      h('caption', { className: 'note' }, `How the ${l.worlds} other worlds ended`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Ending'),
          h('th', { scope: 'col', className: 'num' }, 'Worlds'),
          h('th', { scope: 'col' }, 'Share'),
        ),
      ),
      h(
        'tbody',
        {},
        l.endings.map((e) =>
          h(
            'tr',
            { className: e.recorded ? 'recorded' : '' },
            h('th', { scope: 'row' }, e.label, e.recorded ? h('strong', {}, ' ← as in this game') : null),
            h('td', { className: 'num' }, e.count),
            h(
              'td',
              {},
              h('span', { className: 'bar', style: `width: ${Math.max(1, Math.round(100 * e.share))}%` }),
              ` ${pct(e.share)}`,
            ),
          ),
        ),
      ),
    ),
    h(
      'div',
      { className: 'charts' },
      histogram('luck-us', `${s.sides.us.short} score in the other worlds`, l.us, o?.score.us.total ?? null, l.usRank),
      histogram(
        'luck-iran',
        `${s.sides.iran.short} score in the other worlds`,
        l.iran,
        o?.score.iran.total ?? null,
        l.iranRank,
      ),
    ),
    l.droppedWorlds > 0
      ? h(
          'p',
          { className: 'note' },
          `In ${l.droppedWorlds} of ${l.worlds} worlds some recorded orders were no longer allowed and were left out. Most often: `,
          l.commonDrops.map((d) => `${d.text} (${d.count} times)`).join('; '),
          '.',
        )
      : h('p', { className: 'note' }, 'Every recorded order was allowed in every world.'),
  );
}

/** A histogram of scores over the worlds, with this game's score marked (by a labelled line, not by colour). */
function histogram(id: string, title: string, d: Distribution, mark: number | null, rank: number | null): HTMLElement {
  const bins = 12;
  const lo = d.min;
  const hi = d.max === d.min ? d.min + 1 : d.max;
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of d.values) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]! += 1;
  const most = Math.max(1, ...counts);
  const yTicks = ticks(0, most);
  const yMax = Math.max(most, yTicks.at(-1) ?? most);
  const px = (v: number) => M.left + ((v - lo) * (W - M.left - M.right)) / (hi - lo);
  const py = (c: number) => H - M.bottom - (c * (H - M.top - M.bottom)) / yMax;
  const titleId = `${id}-title`;
  const summary =
    mark === null
      ? `Median ${d.median.toFixed(0)}, from ${d.min} to ${d.max}.`
      : `This game scored ${mark}, above ${rank?.toFixed(0)}% of the worlds; their median is ${d.median.toFixed(0)}, from ${d.min} to ${d.max}.`;
  const plot = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': titleId, class: 'chart' });
  plot.append(svg('title', { id: titleId }, `${title}. ${summary}`));
  const axes = svg('g', { class: 'axes' });
  for (const v of yTicks)
    axes.append(
      svg('line', { x1: M.left, x2: W - M.right, y1: py(v), y2: py(v), class: 'grid' }),
      svg('text', { x: M.left - 8, y: py(v) + 5, 'text-anchor': 'end' }, String(v)),
    );
  for (const v of ticks(lo, hi).filter((x) => x <= hi))
    axes.append(svg('text', { x: px(v), y: H - M.bottom + 25, 'text-anchor': 'middle' }, String(v)));
  axes.append(
    svg('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'axis' }),
    svg('text', { x: (M.left + W - M.right) / 2, y: H - 4, 'text-anchor': 'middle', class: 'label' }, 'Score'),
    svg(
      'text',
      {
        x: 16,
        y: (M.top + H - M.bottom) / 2,
        'text-anchor': 'middle',
        class: 'label',
        transform: `rotate(-90 16 ${(M.top + H - M.bottom) / 2})`,
      },
      'Worlds',
    ),
  );
  plot.append(axes);
  const bars = svg('g', { class: 'bars' });
  counts.forEach((c, i) => {
    if (c > 0)
      bars.append(
        svg('rect', {
          x: px(lo + i * width) + 1,
          y: py(c),
          width: Math.max(1, px(lo + width) - px(lo) - 2),
          height: py(0) - py(c),
        }),
      );
  });
  plot.append(bars);
  if (mark !== null) {
    const x = Math.min(W - M.right, Math.max(M.left, px(mark)));
    plot.append(
      svg('line', { x1: x, x2: x, y1: M.top, y2: H - M.bottom, class: 'mark' }),
      svg(
        'text',
        { x: x + (x > W / 2 ? -6 : 6), y: M.top + 14, 'text-anchor': x > W / 2 ? 'end' : 'start', class: 'mark-label' },
        `this game: ${mark}`,
      ),
    );
  }
  return h(
    'figure',
    { className: 'chart-figure', id },
    h('figcaption', {}, h('strong', {}, title), h('span', { className: 'note' }, ` ${summary}`)),
    plot,
    h(
      'details',
      { className: 'chart-data' },
      h('summary', {}, 'The figures as a table'),
      h(
        'table',
        { className: 'figures' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Score from'),
            h('th', { scope: 'col' }, 'to'),
            h('th', { scope: 'col', className: 'num' }, 'Worlds'),
          ),
        ),
        h(
          'tbody',
          {},
          counts.map((c, i) =>
            h(
              'tr',
              {},
              h('td', {}, Math.round(lo + i * width)),
              h('td', {}, Math.round(lo + (i + 1) * width)),
              h('td', { className: 'num' }, c),
            ),
          ),
        ),
      ),
    ),
  );
}
