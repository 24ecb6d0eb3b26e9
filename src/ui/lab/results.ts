import type { Difference } from '../../analysis/paired.ts';
import { chanceNote, showDifference, showDifferenceIntervalOf, showInterval, showValue } from '../../analysis/shown.ts';
import { h } from '../dom.ts';
import { countOf } from './progress.ts';

/**
 * The lab's results: the baseline's and the variant's outcome distributions side by side, each figure with its 95%
 * interval, and the paired difference with its own interval, marked where it leaves out 0.
 */

const pct = (x: number) => showValue(x, true);
const span = (i: { low: number; high: number }, rate: boolean) => showInterval(i.low, i.high, rate);

/** One variant's bar for a rate, with its interval drawn as a whisker across it. */
function rateBar(which: 'a' | 'b', rate: number, interval: { low: number; high: number }): HTMLElement {
  const at = (x: number) => `${(100 * Math.min(1, Math.max(0, x))).toFixed(2)}%`;
  return h(
    'div',
    { className: `lab-bar lab-${which}` },
    h(
      'span',
      { className: 'lab-track' },
      h('span', { className: 'lab-fill', style: `width:${at(rate)}` }),
      h('span', {
        className: 'lab-whisker',
        style: `left:${at(interval.low)};width:calc(${at(interval.high)} - ${at(interval.low)})`,
      }),
    ),
    h('span', { className: 'lab-value' }, `${pct(rate)}`, h('small', {}, ` (${span(interval, true)})`)),
  );
}

const difference = (d: Difference) =>
  h(
    'td',
    { className: `num${d.clear ? ' lab-clear' : ''}` },
    showDifference(d.diff, d.figure.rate),
    h('br'),
    h('small', {}, showDifferenceIntervalOf(d)),
    d.clear ? h('span', { className: 'sr-only' }, ' (clearly different)') : null,
  );

/** The results for the games so far: rates as paired bars, the other figures as a table. */
export function renderResults(diffs: readonly Difference[], games: number): HTMLElement {
  const rates = diffs.filter((d) => d.figure.rate);
  const means = diffs.filter((d) => !d.figure.rate);
  const clear = diffs.filter((d) => d.clear).length;
  return h(
    'div',
    { id: 'lab-results', 'data-games': games },
    h(
      'p',
      { className: 'note' },
      `${countOf(games, 'seed')}, each played under both: ${clear} of ${diffs.length} figures clearly differ (★: the 95% interval of the paired difference B − A, as shown, leaves out 0). ${chanceNote(diffs.length)}`,
    ),
    h(
      'table',
      { className: 'lab-rates', id: 'lab-rates' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'outcome'),
          h(
            'th',
            {},
            h('span', { className: 'lab-key lab-a' }),
            'A baseline  /  ',
            h('span', { className: 'lab-key lab-b' }),
            'B variant (95% interval)',
          ),
          h('th', { className: 'num' }, 'B − A (95% interval)'),
        ),
      ),
      h(
        'tbody',
        {},
        rates.map((d) =>
          h(
            'tr',
            { 'data-figure': d.figure.key },
            h('th', { scope: 'row' }, d.figure.label, d.clear ? ' ★' : ''),
            h('td', { className: 'lab-pair' }, rateBar('a', d.a, d.aInterval), rateBar('b', d.b, d.bInterval)),
            difference(d),
          ),
        ),
      ),
    ),
    h(
      'table',
      { className: 'lab-means', id: 'lab-means' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'mean per game'),
          h('th', { className: 'num' }, 'A baseline'),
          h('th', { className: 'num' }, 'B variant'),
          h('th', { className: 'num' }, 'B − A'),
        ),
      ),
      h(
        'tbody',
        {},
        means.map((d) =>
          h(
            'tr',
            { 'data-figure': d.figure.key },
            h(
              'th',
              { scope: 'row' },
              d.figure.label,
              d.clear ? ' ★' : '',
              d.figure.key === 'voteTurn'
                ? h('small', {}, h('br'), `over ${countOf(d.pairs, 'seed')} with a vote under both`)
                : null,
            ),
            h('td', { className: 'num' }, showValue(d.a, false), h('br'), h('small', {}, span(d.aInterval, false))),
            h('td', { className: 'num' }, showValue(d.b, false), h('br'), h('small', {}, span(d.bInterval, false))),
            difference(d),
          ),
        ),
      ),
    ),
  );
}
