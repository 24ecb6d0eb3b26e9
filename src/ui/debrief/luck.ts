import {
  type Distribution,
  type LuckMessage,
  type LuckSummary,
  type LuckWorld,
  runLuck,
  summariseLuck,
} from '../../analysis/luck.ts';
import type { PlayedGame } from '../../analysis/record.ts';
import { fill, h } from '../dom.ts';
import { H, M, svg, ticks, W } from './charts.ts';

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
  const worker = new Worker(new URL('../../analysis/luck-worker.ts', import.meta.url), { type: 'module' });
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

/** Luck or decisions: the same orders under other dice, played in a worker once the page shows. */
export function luckSection(
  game: PlayedGame,
  worlds: number,
): { element: HTMLElement; start(): void; stop(): void; summary(): LuckSummary | null } {
  const progress = h('progress', { max: worlds, value: 0, id: 'luck-progress', 'aria-labelledby': 'luck-status' });
  const status = h(
    'p',
    { id: 'luck-status', role: 'status' },
    `Replaying this game’s orders with other dice, ${worlds} times…`,
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
      `What if the dice had fallen differently? The game is played again ${worlds} times with the same orders every week, each time with new dice for every roll: hits, casualties, intelligence, votes. If most replays end as this game did, the teams’ decisions made the result; if they end in all sorts of ways, luck played a big part. An order a replay no longer allows (a base already handed over, money run out) is skipped in that replay.`,
    ),
    game.replay.turns.some((t) => (t.rulings?.length ?? 0) > 0)
      ? h(
          'p',
          { className: 'note' },
          'The facilitator’s rulings are not used in the replays: each ruled on a roll of this game, and the replays roll their own dice.',
        )
      : null,
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
          status.textContent = `Replaying this game’s orders with other dice: ${done} of ${total} done…`;
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
      h('caption', { className: 'note' }, `How the ${l.worlds} replays with other dice ended`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Ending'),
          h('th', { scope: 'col', className: 'num' }, 'Replays'),
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
      histogram('luck-us', `${s.sides.us.short} points in the replays`, l.us, o?.score.us.total ?? null, l.usRank),
      histogram(
        'luck-iran',
        `${s.sides.iran.short} points in the replays`,
        l.iran,
        o?.score.iran.total ?? null,
        l.iranRank,
      ),
    ),
    l.droppedWorlds > 0
      ? h(
          'p',
          { className: 'note' },
          `In ${l.droppedWorlds} of the ${l.worlds} replays some of the game’s orders could no longer be given and were skipped. Most often: `,
          l.commonDrops.map((d) => `${d.text} (${d.count === 1 ? 'once' : `${d.count} times`})`).join('; '),
          '.',
        )
      : h('p', { className: 'note' }, 'Every one of the game’s orders could be given in every replay.'),
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
      ? `The middle replay scored ${d.median.toFixed(0)}; they range from ${d.min} to ${d.max}.`
      : `This game scored ${mark}, better than ${rank?.toFixed(0)} of every 100 replays; the middle replay scored ${d.median.toFixed(0)}, and they range from ${d.min} to ${d.max}.`;
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
    svg('text', { x: (M.left + W - M.right) / 2, y: H - 4, 'text-anchor': 'middle', class: 'label' }, 'Points'),
    svg(
      'text',
      {
        x: 16,
        y: (M.top + H - M.bottom) / 2,
        'text-anchor': 'middle',
        class: 'label',
        transform: `rotate(-90 16 ${(M.top + H - M.bottom) / 2})`,
      },
      'Replays',
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
            h('th', { scope: 'col', className: 'num' }, 'Replays'),
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
