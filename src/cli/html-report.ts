import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * One self-contained HTML report with plots, for --html on batch, sweep and compare: the text summary, then each
 * plot drawn by uPlot, whose script and styles are copied into the file so it opens anywhere, offline, years later.
 */

/** One line (or set of bars, or of points) of a plot, with an optional 95% interval around each value. */
export interface Series {
  label: string;
  /** Its colour ("#rrggbb"); without one, the next of the report's palette. */
  colour?: string;
  /** A dashed line: variant B's, where A's line of the same figure is solid. */
  dashed?: boolean;
  values: (number | null)[];
  low?: (number | null)[];
  high?: (number | null)[];
  /** Values marked ★: their difference clearly leaves out 0 (as the text says). */
  marked?: boolean[];
}

/**
 * A plot: bars or points over categories (named by `xNames`), or lines over a number such as the week. Intervals
 * show as a shaded band on lines and as error bars (a whisker with caps) on bars and points.
 */
export interface Plot {
  title: string;
  kind: 'bars' | 'points' | 'lines';
  xLabel: string;
  yLabel: string;
  x: number[];
  xNames?: string[];
  series: Series[];
  /** Draw the line at 0 strongly: on a difference it is "no change", the line a ★'s interval stays clear of. */
  zero?: boolean;
}

export interface Report {
  title: string;
  /** The command's text output, shown as it printed. */
  text: string[];
  plots: Plot[];
}

const asset = (name: string) => readFileSync(fileURLToPath(import.meta.resolve(`uplot/dist/${name}`)), 'utf8');

// Inside <script>, only "</script" and "<!--" can end or confuse the element: escaping every "<" covers both.
const scriptSafe = (json: string) => json.replace(/</g, '\\u003c');

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

// Drawn in the page: builds each uPlot from the plot data, and marks the body once every chart has drawn so a
// browser test (or a script) knows the plots are there. Intervals, ★ marks and the zero line are drawn by a draw hook
// on uPlot's canvas (uPlot has no error bars of its own), so each series has one legend entry, not three.
const DRAW = `
const plots = JSON.parse(document.getElementById('plots').textContent);
const palette = ['#1f5fa8', '#c0392b', '#2e8b57', '#8e44ad', '#d68910', '#566573'];
// uPlot's own axis font, to measure the category names before the axis is laid out.
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif';
const measure = document.createElement('canvas').getContext('2d');
measure.font = FONT;
const WIDTH = 860;
const TILT = 35;
let drawn = 0;
const done = () => { if (++drawn === plots.length) document.body.dataset.plotsDrawn = String(drawn); };
const finite = (v) => v !== null && v !== undefined && Number.isFinite(v);

plots.forEach((p, i) => {
  const box = document.createElement('section');
  box.innerHTML = '<h2></h2>';
  box.firstChild.textContent = p.title;
  document.getElementById('charts').appendChild(box);
  const colour = (s, j) => s.colour || palette[j % palette.length];
  const data = [p.x];
  const series = [{ label: p.xLabel, value: (u, v) => (p.xNames ? p.xNames[v] ?? '' : v) }];
  const many = p.series.length;
  // Two runs' points stand either side of the category's tick (in x units: categories are 1 apart), one on it.
  const shift = (j) => (many === 1 || p.kind === 'lines' ? 0 : (j - (many - 1) / 2) * 0.2);
  p.series.forEach((s, j) => {
    const stroke = colour(s, j);
    const main = { label: s.label, stroke, width: 2, ...(s.dashed && { dash: [8, 5] }) };
    if (p.kind === 'bars') {
      main.fill = stroke + '99';
      // One run's bars stand on the tick; two (A and B) stand either side of it.
      const align = many === 1 ? 0 : j === 0 ? -1 : 1;
      main.paths = uPlot.paths.bars({ size: [many === 1 ? 0.6 : 0.4, 60], align });
      main.points = { show: false };
    } else if (p.kind === 'points') {
      main.paths = () => null;
      main.points = { show: false };
    }
    data.push(s.values);
    series.push(main);
  });

  // The y range holds every value and bound (uPlot would see only the values), 0 where it is drawn, and room
  // above for a ★.
  const ys = p.series.flatMap((s) => [...s.values, ...(s.low || []), ...(s.high || [])]).filter(finite);
  if (p.zero || p.kind === 'bars') ys.push(0);
  const least = ys.length ? Math.min(...ys) : 0;
  const most = ys.length ? Math.max(...ys) : 1;
  const pad = (most - least) * 0.06 || 1;
  const marked = p.series.some((s) => s.marked && s.marked.some(Boolean));
  const yRange = [p.kind === 'bars' && least >= 0 ? 0 : least - pad, most + pad * (marked ? 2.5 : 1)];

  // Category names lie flat when they fit under their tick, and tilt otherwise, with room measured for them so
  // that no name is cut off nor runs into the axis title.
  const names = p.xNames;
  const widest = names ? Math.max(0, ...names.map((n) => measure.measureText(n).width)) : 0;
  const tilt = names && (widest + 16) * names.length > WIDTH - 80;
  const rad = (TILT * Math.PI) / 180;
  const xSize = tilt ? Math.ceil(widest * Math.sin(rad) + 14 * Math.cos(rad)) + 22 : 40;
  // A tilted name runs down to the right of its tick: the last one needs room past the plot's right edge.
  const rightRoom = tilt ? Math.max(16, Math.ceil(widest * Math.cos(rad)) - (WIDTH - 80) / names.length / 2) : 16;

  const draw = (u) => {
    const ctx = u.ctx;
    const r = uPlot.pxRatio;
    const X = (v) => u.valToPos(v, 'x', true);
    const Y = (v) => u.valToPos(v, 'y', true);
    const { left, top, width, height } = u.bbox;
    // Error bars and bands drawn, and ★ marks, counted on the chart's box for a test to read.
    let intervals = 0;
    let stars = 0;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    if (p.zero) {
      ctx.strokeStyle = '#222';
      ctx.lineWidth = 1.5 * r;
      ctx.beginPath();
      ctx.moveTo(left, Y(0));
      ctx.lineTo(left + width, Y(0));
      ctx.stroke();
    }
    p.series.forEach((s, j) => {
      if (!u.series[j + 1].show) return;
      const stroke = colour(s, j);
      if (p.kind === 'lines') {
        if (!s.low || !s.high) return;
        const at = p.x.map((_, k) => k).filter((k) => finite(s.low[k]) && finite(s.high[k]));
        if (at.length < 2) return;
        ctx.fillStyle = stroke + '22';
        ctx.beginPath();
        at.forEach((k, n) => (n ? ctx.lineTo : ctx.moveTo).call(ctx, X(p.x[k]), Y(s.high[k])));
        at.slice().reverse().forEach((k) => ctx.lineTo(X(p.x[k]), Y(s.low[k])));
        ctx.closePath();
        ctx.fill();
        intervals++;
        return;
      }
      p.x.forEach((xv, k) => {
        const x = X(xv + shift(j));
        const v = s.values[k];
        if (s.low && s.high && finite(s.low[k]) && finite(s.high[k])) {
          const lo = Y(s.low[k]);
          const hi = Y(s.high[k]);
          ctx.strokeStyle = p.kind === 'bars' ? '#222' : stroke;
          ctx.lineWidth = 2 * r;
          ctx.beginPath();
          ctx.moveTo(x, lo);
          ctx.lineTo(x, hi);
          ctx.moveTo(x - 6 * r, lo);
          ctx.lineTo(x + 6 * r, lo);
          ctx.moveTo(x - 6 * r, hi);
          ctx.lineTo(x + 6 * r, hi);
          ctx.stroke();
          intervals++;
          if (s.marked && s.marked[k]) {
            stars++;
            ctx.fillStyle = '#222';
            ctx.font = 'bold ' + 16 * r + 'px system-ui, sans-serif';
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ctx.fillText('★', x, Math.min(hi, lo) - 3 * r);
          }
        }
        if (p.kind === 'points' && finite(v)) {
          ctx.fillStyle = stroke;
          ctx.beginPath();
          ctx.arc(x, Y(v), 5 * r, 0, 2 * Math.PI);
          ctx.fill();
        }
      });
    });
    ctx.restore();
    box.dataset.intervals = String(intervals);
    box.dataset.stars = String(stars);
  };

  const opts = {
    width: WIDTH, height: 280 + xSize, series,
    // The key draws B's swatch dashed, as its line is (uPlot's swatches are solid by default).
    legend: { markers: { dash: (u, i) => (u.series[i].dash ? 'dashed' : 'solid') } },
    padding: [12, rightRoom, 0, 0],
    scales: {
      x: { time: false, ...(p.kind !== 'lines' && { range: (u, lo, hi) => [lo - 0.6, hi + 0.6] }) },
      y: { range: () => yRange },
    },
    axes: [
      {
        label: p.xLabel,
        font: FONT,
        size: xSize,
        // Categories and histogram bins get a tick each, at the category, never between two.
        ...(p.kind !== 'lines' && { splits: () => p.x }),
        ...(names && { values: (u, splits) => splits.map((v) => names[p.x.indexOf(v)] ?? '') }),
        ...(tilt && { rotate: -TILT }),
      },
      // The typographic minus, as the text beside the charts writes it.
      { label: p.yLabel, font: FONT, values: (u, splits) => splits.map((v) => v.toLocaleString('en').replace('-', '−')) },
    ],
    hooks: { draw: [draw, () => { if (!box.dataset.drawn) { box.dataset.drawn = '1'; done(); } }] },
  };
  new uPlot(opts, data, box);
});
`;

/** The whole report as one HTML document. */
export function reportHtml(report: Report): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(report.title)}</title>
<style>${asset('uPlot.min.css')}
body { font: 14px system-ui, sans-serif; margin: 24px; color: #222; max-width: 1100px; }
h1 { font-size: 20px; }
pre { background: #f6f6f4; padding: 12px; overflow-x: auto; font-size: 12px; }
h2 { font-size: 15px; margin: 28px 0 6px; }
</style>
</head>
<body>
<h1>${escapeHtml(report.title)}</h1>
<div id="charts"></div>
<h2>The figures as printed</h2>
<pre>${escapeHtml(report.text.join('\n'))}</pre>
<script id="plots" type="application/json">${scriptSafe(JSON.stringify(report.plots))}</script>
<script>${asset('uPlot.iife.min.js')}</script>
<script>${DRAW}</script>
</body>
</html>
`;
}
