import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * One self-contained HTML report with plots, for --html on batch, sweep and compare: the text summary, then each
 * plot drawn by uPlot, whose script and styles are copied into the file so it opens anywhere, offline, years later.
 */

/** One line (or set of bars) of a plot, with an optional 95% interval around each value. */
export interface Series {
  label: string;
  values: (number | null)[];
  low?: (number | null)[];
  high?: (number | null)[];
}

/**
 * A plot: bars or points over categories (named by `xNames`), or lines over a number such as the week. Intervals
 * show as a shaded band on lines and as marks above and below on bars and points.
 */
export interface Plot {
  title: string;
  kind: 'bars' | 'points' | 'lines';
  xLabel: string;
  yLabel: string;
  x: number[];
  xNames?: string[];
  series: Series[];
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
// browser test (or a script) knows the plots are there.
const DRAW = `
const plots = JSON.parse(document.getElementById('plots').textContent);
const colours = ['#1f5fa8', '#c0392b', '#2e8b57', '#8e44ad', '#d68910', '#566573'];
let drawn = 0;
const done = () => { if (++drawn === plots.length) document.body.dataset.plotsDrawn = String(drawn); };
plots.forEach((p, i) => {
  const box = document.createElement('section');
  box.innerHTML = '<h2></h2>';
  box.firstChild.textContent = p.title;
  document.getElementById('charts').appendChild(box);
  const data = [p.x];
  const series = [{ label: p.xLabel, value: (u, v) => (p.xNames ? p.xNames[v] ?? '' : v) }];
  const bands = [];
  p.series.forEach((s, j) => {
    const stroke = colours[j % colours.length];
    const main = { label: s.label, stroke, width: 2 };
    if (p.kind === 'bars') {
      main.fill = stroke + '99';
      // One run's bars stand on the tick; two (A and B) stand either side of it.
      const align = p.series.length === 1 ? 0 : j === 0 ? -1 : 1;
      main.paths = uPlot.paths.bars({ size: [p.series.length === 1 ? 0.6 : 0.4, 60], align });
      main.points = { show: false };
    } else if (p.kind === 'points') {
      main.paths = () => null;
      main.points = { show: true, size: 9, fill: stroke };
    }
    data.push(s.values);
    series.push(main);
    if (s.low && s.high) {
      const edge = { label: s.label + ' 95%', stroke, width: 1, dash: [4, 3] };
      if (p.kind !== 'lines') Object.assign(edge, { paths: () => null, points: { show: true, size: 6, fill: '#fff' } });
      const hi = data.push(s.high) - 1;
      series.push({ ...edge, label: s.label + ' 95% high' });
      const lo = data.push(s.low) - 1;
      series.push({ ...edge, label: s.label + ' 95% low' });
      if (p.kind === 'lines') bands.push({ series: [hi, lo], fill: stroke + '22' });
    }
  });
  const names = p.xNames;
  const opts = {
    width: 860, height: 320, series, bands,
    scales: { x: { time: false, ...(p.kind !== 'lines' && { range: (u, lo, hi) => [lo - 0.6, hi + 0.6] }) } },
    axes: [
      {
        label: p.xLabel,
        // Categories and histogram bins get a tick each, at the category, never between two.
        ...(p.kind !== 'lines' && { splits: () => p.x }),
        ...(names && { values: (u, splits) => splits.map((v) => names[p.x.indexOf(v)] ?? '') }),
        ...(names && names.length > 6 && { rotate: -35, size: 110 }),
      },
      { label: p.yLabel },
    ],
    hooks: { draw: [() => { if (!box.dataset.drawn) { box.dataset.drawn = '1'; done(); } }] },
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
