import type { TimelineRow } from '../../analysis/timeline.ts';
import type { Scenario } from '../../engine/index.ts';
import { h } from '../dom.ts';

/**
 * The debrief's charts and duplicate play's: inline SVG, readable on a projector and in print, never by colour alone.
 */

const SVG = 'http://www.w3.org/2000/svg';
type SvgAttrs = Record<string, string | number>;

/** An SVG element with its attributes and children: h() for the charts. */
export function svg<K extends keyof SVGElementTagNameMap>(
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
export function ticks(lo: number, hi: number): number[] {
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

/** A chart's frame: its viewBox, and the margins that hold the axes' labels. */
export const W = 600;
export const H = 300;
export const M = { left: 58, right: 20, top: 18, bottom: 56 };

/** The guides' font size (debrief.css) and the share of it an average letter takes across. */
const GUIDE_FONT = 15;
const LETTER = 0.55;

type Point = { x: number; y: number };

/**
 * Where a guide's label goes: above or below its line, at the right end or the left, in that order of preference,
 * the first place whose box no series' line or marker crosses; if every place is crossed, the one crossed least.
 * A label written on the data line (the US aim of consent at 40 over a consent line near 40) hid both.
 * `lines`: each series' points in the chart's coordinates.
 */
export function guideLabelPlace(
  guideY: number,
  label: string,
  lines: readonly (readonly Point[])[],
): { x: number; y: number; anchor: 'start' | 'end' } {
  const width = label.length * GUIDE_FONT * LETTER + 8;
  const places = [
    { anchor: 'end' as const, x: W - M.right - 4, y: guideY - 6 },
    { anchor: 'end' as const, x: W - M.right - 4, y: guideY + GUIDE_FONT + 4 },
    { anchor: 'start' as const, x: M.left + 6, y: guideY - 6 },
    { anchor: 'start' as const, x: M.left + 6, y: guideY + GUIDE_FONT + 4 },
  ].filter((p) => p.y - GUIDE_FONT >= M.top - 4 && p.y <= H - M.bottom - 2);
  const crossings = (p: (typeof places)[number]) => {
    const box = {
      left: p.anchor === 'end' ? p.x - width : p.x - 4,
      right: p.anchor === 'end' ? p.x + 4 : p.x + width,
      top: p.y - GUIDE_FONT,
      bottom: p.y + 4,
    };
    let n = 0;
    for (const line of lines)
      for (const [i, a] of line.entries()) {
        const b = line[i + 1] ?? a;
        if (segmentMeetsBox(a, b, box)) n++;
      }
    return n;
  };
  let best = places[0] ?? { anchor: 'end' as const, x: W - M.right - 4, y: guideY - 6 };
  let fewest = Number.POSITIVE_INFINITY;
  for (const p of places) {
    const n = crossings(p);
    if (n === 0) return p;
    if (n < fewest) [best, fewest] = [p, n];
  }
  return best;
}

/** Whether a segment (a point when a = b; a marker's few pixels count) passes through a box. */
function segmentMeetsBox(
  a: Point,
  b: Point,
  box: { left: number; right: number; top: number; bottom: number },
): boolean {
  const pad = 4; // a marker's half-width
  const [l, r, t, btm] = [box.left - pad, box.right + pad, box.top - pad, box.bottom + pad];
  // Sampled along its length: a chart's segments are short and a label's box is tall enough not to be stepped over.
  const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 3));
  for (let k = 0; k <= steps; k++) {
    const x = a.x + ((b.x - a.x) * k) / steps;
    const y = a.y + ((b.y - a.y) * k) / steps;
    if (x >= l && x <= r && y >= t && y <= btm) return true;
  }
  return false;
}

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
  for (const g of guides)
    plot.append(svg('line', { x1: M.left, x2: W - M.right, y1: py(g.value), y2: py(g.value), class: 'guide' }));
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
  // The guides' words go where no series passes (guideLabelPlace), and over the lines with a rim (debrief.css).
  const lines = spec.series.map((s) => s.values.flatMap((v, i) => (v === null ? [] : [{ x: px(i), y: py(v) }])));
  for (const g of guides) {
    const at = guideLabelPlace(py(g.value), g.label, lines);
    plot.append(svg('text', { x: at.x, y: at.y, 'text-anchor': at.anchor, class: 'guide-label' }, g.label));
  }
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
