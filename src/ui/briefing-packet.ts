/// <reference types="vite/client" />
import mapJson from '../../assets/map/countries.json';
import {
  createGame,
  EFFECT_LABELS,
  type Forecast,
  forecastOrder,
  frontName,
  groupName,
  IRAN_ORDER_TYPES,
  longDate,
  type Odds,
  type Order,
  type OrderSpec,
  rungName,
  type Scenario,
  type SeatView,
  type Side,
  US_ORDER_TYPES,
  viewFor,
} from '../engine/index.ts';
import { fill, h } from './dom.ts';
import { orderFields, valueLabel } from './labels.ts';
import type { MapAsset } from './map-projection.ts';
import { legendMark, printMap } from './print-map.ts';
import { orderKind } from './rules.ts';
import { victoryConditions } from './victory.ts';
import { incomeWords } from './words.ts';
import './briefing-packet.css';

/**
 * Printable briefing packets, one per side: the situation and objectives, the map, where things stand in week 1,
 * and every order with the odds the engine gives it on turn 1. Everything comes from the scenario data and the
 * engine's forecast of a new game's first week, so a packet never says anything the game does not do.
 */

export interface BriefingOptions {
  /** The packets shown first; both when absent. The reader can switch on the page. */
  sides?: readonly Side[];
  /** A preset id (the classroom game) for the game's length; the full game when absent. */
  preset?: string;
  /** Shows a Back button that calls this. */
  onBack?: () => void;
}

const SIDES: readonly Side[] = ['us', 'iran'];
const TYPES: Record<Side, readonly string[]> = { us: US_ORDER_TYPES, iran: IRAN_ORDER_TYPES };

/** How an order field reads after "by": the detail tables are named for what the odds depend on. */
const BY: Record<string, string> = {
  base: 'target',
  site: 'target',
  claim: 'claim',
  group: 'group',
  warned: 'warning',
  front: 'front',
  retire: 'front retired',
};

const percent = (o: Pick<Odds, 'perMille'>) => `${Math.round(o.perMille / 10)}%`;
const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One order type's odds in week 1 that depend on the order's fields, summarised over every legal variant. */
interface VaryingOdds {
  label: string;
  /** The fields that decide the value, most telling first: the detail table is for the first. */
  by: string[];
  lo: Odds;
  hi: Odds;
}

/** One order type as a packet prints it. */
interface OrderSummary {
  spec: OrderSpec;
  variants: Forecast[];
  /** Odds every variant shares. */
  fixed: Odds[];
  varying: VaryingOdds[];
  /** Notes every variant shares. */
  notes: string[];
  /** Notes only some variants carry, with the field whose value decides them. */
  specific: { note: string; field: string; values: unknown[] }[];
}

/** A label with group names taken out, so the same odds for different groups collapse into one line. */
function neutral(s: Scenario, label: string): string {
  let out = label;
  for (const g of s.iran.groups) out = out.replaceAll(groupName(s, g.id), 'the group');
  return out;
}

const fieldValue = (order: Order, field: string): unknown => (order as Record<string, unknown>)[field];

/**
 * The smallest set of the order's fields (one, else two) whose values decide `value` over the variants, or null
 * when none does. An empty set means the value is the same for every variant.
 */
function decidingFields<T>(variants: readonly { order: Order; value: T }[]): string[] | null {
  const first = variants[0];
  if (!first) return [];
  if (variants.every((v) => v.value === first.value)) return [];
  const fields = orderFields(first.order);
  const decides = (set: string[]) => {
    const seen = new Map<string, T>();
    for (const v of variants) {
      const key = JSON.stringify(set.map((f) => fieldValue(v.order, f)));
      if (seen.has(key) && seen.get(key) !== v.value) return false;
      seen.set(key, v.value);
    }
    return true;
  };
  for (const f of fields) if (decides([f])) return [f];
  for (const f of fields) for (const g of fields) if (f !== g && decides([f, g])) return [f, g];
  return null;
}

/** Every order of a side, its week-1 forecasts over all the variants the engine allows, summarised. */
function summarise(s: Scenario, view: SeatView, side: Side): OrderSummary[] {
  return s.orders
    .filter((spec) => TYPES[side].includes(spec.type))
    .map((spec) => {
      const variants = view.legalOrders.filter((o) => o.type === spec.type).map((o) => forecastOrder(s, view, o));
      const labels = [...new Set(variants.flatMap((f) => f.odds.map((o) => neutral(s, o.label))))];
      const fixed: Odds[] = [];
      const varying: VaryingOdds[] = [];
      for (const label of labels) {
        // Some odds exist for some variants only (no one to kill at an empty base): absence is a value too.
        const all = variants.map((f) => {
          const odds = f.odds.find((o) => neutral(s, o.label) === label);
          return { order: f.order, value: odds?.perMille ?? -1, odds };
        });
        const by = decidingFields(all) ?? orderFields(all[0]!.order);
        const found = all.flatMap((a) => (a.odds ? [a.odds] : [])).sort((a, b) => a.perMille - b.perMille);
        const lo = { ...found[0]!, label };
        if (by.length === 0) fixed.push(lo);
        else varying.push({ label, by, lo, hi: { ...found[found.length - 1]!, label } });
      }
      const notes: string[] = [];
      const specific: OrderSummary['specific'] = [];
      for (const note of new Set(variants.flatMap((f) => f.notes))) {
        const carries = variants.map((f) => ({ order: f.order, value: f.notes.includes(note) }));
        if (carries.every((c) => c.value)) {
          notes.push(note);
          continue;
        }
        const field = decidingFields(carries)?.[0];
        // A note no single field decides still says what it applies to in its own words.
        if (!field) notes.push(note);
        else
          specific.push({
            note,
            field,
            values: [...new Set(carries.filter((c) => c.value).map((c) => fieldValue(c.order, field)))],
          });
      }
      return { spec, variants, fixed, varying, notes, specific };
    });
}

const oddsText = (o: Odds) => `${o.label}: ${percent(o)} (${o.word})`;

function varyingText(v: VaryingOdds): string {
  const words = v.lo.word === v.hi.word ? v.lo.word : `${v.lo.word} to ${v.hi.word}`;
  const by = v.by.map((f) => BY[f] ?? f).join(' and ');
  return `${v.label}: ${percent(v.lo)}–${percent(v.hi)} (${words}), by ${by}`;
}

/** Every order of the side as a small card: cost, kind, what it does, its odds in week 1 and its effects. */
function orderCards(s: Scenario, summaries: readonly OrderSummary[], detailed: ReadonlySet<string>): HTMLElement {
  return h(
    'div',
    { className: 'packet-orders' },
    summaries.map((o) => {
      const available = o.variants.length > 0;
      const specific = o.specific.filter((n) => !detailed.has(n.field));
      const effects = o.variants[0]?.effects ?? [];
      const odds = [
        ...o.fixed.map((f) => h('li', {}, oddsText(f))),
        ...o.varying.map((v) => h('li', {}, varyingText(v))),
        ...o.notes.map((n) => h('li', { className: 'note' }, n)),
        ...specific.map((n) =>
          h('li', { className: 'note' }, `${n.values.map((v) => valueLabel(s, n.field, v)).join(', ')}: ${n.note}`),
        ),
      ];
      return h(
        'article',
        { className: available ? 'order-card' : 'order-card unavailable' },
        h(
          'div',
          { className: 'order-head' },
          h('b', {}, o.spec.name),
          h('span', { className: 'order-kind' }, `cost ${o.spec.cost} · ${orderKind(s, o.spec)}`),
        ),
        h('div', { className: 'summary' }, o.spec.summary),
        available
          ? h('ul', { className: 'order-odds' }, odds.length > 0 ? odds : h('li', {}, 'No roll: it happens.'))
          : h('div', { className: 'order-odds' }, 'Not open in week 1.'),
        effects.length > 0
          ? h(
              'div',
              { className: 'order-effects' },
              'Effects: ',
              effects.map((e) => `${e.label} ${signed(e.delta)}`).join(', '),
            )
          : null,
      );
    }),
  );
}

/** A row's name in a detail table; a militia site also names the group that uses it. */
function rowName(s: Scenario, field: string, value: unknown): string {
  const name = valueLabel(s, field, value);
  const proxy = field === 'site' ? s.iran.proxySites.find((p) => p.site === value) : undefined;
  return proxy ? `${name} (${groupName(s, proxy.group)})` : name;
}

/**
 * The odds that depend on one field (the target, the claim), laid out with one row per value and one column per
 * order and odds; columns that hold the same numbers under the same words merge.
 */
function detailTable(s: Scenario, summaries: readonly OrderSummary[], field: string): HTMLElement {
  interface Column {
    orders: string[];
    label: string;
    cells: Map<string, Odds>;
  }
  const columns: Column[] = [];
  const rows: unknown[] = [];
  const key = (v: unknown) => JSON.stringify(v);
  for (const o of summaries)
    for (const v of o.varying) {
      if (v.by[0] !== field || v.by.length > 2) continue;
      // Odds decided by two fields (a missile strike's deaths: the target and the warning) get a column per value
      // of the second.
      const extra = v.by[1];
      const extras = extra ? [...new Set(o.variants.map((f) => fieldValue(f.order, extra)))] : [undefined];
      for (const x of extras) {
        const cells = new Map<string, Odds>();
        for (const f of o.variants) {
          if (extra && fieldValue(f.order, extra) !== x) continue;
          const odds = f.odds.find((p) => neutral(s, p.label) === v.label);
          if (!odds) continue;
          const value = fieldValue(f.order, field);
          if (!rows.some((r) => key(r) === key(value))) rows.push(value);
          cells.set(key(value), odds);
        }
        const label = extra
          ? `${v.label} (${BY[extra] ?? extra}: ${typeof x === 'boolean' ? (x ? 'yes' : 'no') : valueLabel(s, extra, x)})`
          : v.label;
        const same = columns.find(
          (c) =>
            c.label === label &&
            c.cells.size === cells.size &&
            [...cells].every(([k, p]) => c.cells.get(k)?.perMille === p.perMille),
        );
        if (same) same.orders.push(o.spec.name);
        else columns.push({ orders: [o.spec.name], label, cells });
      }
    }
  // A row's notes, each naming the orders it concerns unless it concerns every order in the table.
  const everyOrder = new Set(columns.flatMap((c) => c.orders));
  const notes = (value: unknown): string[] => {
    const from = new Map<string, string[]>();
    for (const o of summaries)
      for (const n of o.specific)
        if (n.field === field && n.values.some((v) => key(v) === key(value)))
          from.set(n.note, [...(from.get(n.note) ?? []), o.spec.name]);
    return [...from].map(([note, orders]) =>
      orders.length === everyOrder.size && orders.every((o) => everyOrder.has(o))
        ? note
        : `${orders.join(', ')}: ${note}`,
    );
  };
  const hasNotes = rows.some((r) => notes(r).length > 0);
  // The order names head groups of neighbouring columns; each column's own line names the odds.
  const groups: { orders: string; span: number }[] = [];
  for (const c of columns) {
    const orders = c.orders.join(', ');
    const last = groups[groups.length - 1];
    if (last && last.orders === orders) last.span++;
    else groups.push({ orders, span: 1 });
  }
  return h(
    'table',
    { className: 'packet-detail' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { rowspan: 2, className: 'row-head' }, capitalise(BY[field] ?? field)),
        groups.map((g) => h('th', { colspan: g.span, className: 'group' }, g.orders)),
        hasNotes ? h('th', { rowspan: 2, className: 'notes' }, 'Notes') : null,
      ),
      h(
        'tr',
        {},
        columns.map((c) => h('th', { className: 'num' }, c.label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, capitalise(rowName(s, field, r))),
          columns.map((c) => {
            const odds = c.cells.get(key(r));
            return h('td', { className: 'num' }, odds ? percent(odds) : '—');
          }),
          hasNotes
            ? h(
                'td',
                { className: 'note' },
                notes(r).map((n) => h('div', {}, n)),
              )
            : null,
        ),
      ),
    ),
  );
}

/** The numbers a side starts with, as its own seat sees them (the US sees its estimates of the militias). */
function position(s: Scenario, view: SeatView, side: Side): HTMLElement {
  const stat = (name: string, value: string | number, wide = false) =>
    h('div', { className: wide ? 'stat wide' : 'stat' }, h('dt', {}, name), h('dd', {}, value));
  const shared = [
    stat('Escalation ladder', `rung ${view.ladder.rung}: ${rungName(s, view.ladder.rung)}`, true),
    stat(EFFECT_LABELS.consent, view.baghdad.consent),
    stat(EFFECT_LABELS.evictionPressure, view.baghdad.evictionPressure),
    stat(EFFECT_LABELS.isis, view.isis),
    stat('Curfews', view.curfew ? 'in force' : 'lifted'),
  ];
  const own =
    side === 'us'
      ? [
          stat('US troops', view.us.troops),
          stat(EFFECT_LABELS.politicalCapital, `${view.us.politicalCapital ?? '?'} (+${s.us.capitalPerTurn} a week)`),
          stat(EFFECT_LABELS.usResolve, view.us.resolve),
          stat(EFFECT_LABELS.credibility, view.us.credibility),
          stat(EFFECT_LABELS.isr, view.us.isr ?? '?'),
          stat(EFFECT_LABELS.counterIsis, view.us.counterIsis),
        ]
      : [
          stat(
            EFFECT_LABELS.iranResources,
            `${view.iran.resources ?? '?'} (${view.iran.weeklyIncome ? `+${incomeWords(view.iran.weeklyIncome)}` : '?'})`,
          ),
          stat(EFFECT_LABELS.missileCapability, view.iran.missileCapability ?? '?'),
          stat(EFFECT_LABELS.pmuCohesion, view.iran.pmuCohesion ?? '?'),
          stat('Proxy capability', view.iran.proxyCapability ?? '?'),
          stat('Best front deniability', view.iran.bestDeniability ?? '?'),
        ];
  const exact = side === 'iran';
  const groups = h(
    'table',
    { className: 'packet-groups' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, exact ? 'Group' : 'Group (your estimates)'),
        h('th', { className: 'num' }, 'Strength'),
        h('th', { className: 'num' }, 'Arsenal'),
        exact ? [h('th', { className: 'num' }, 'Cohesion'), h('th', { className: 'num' }, 'Aggression')] : null,
      ),
    ),
    h(
      'tbody',
      {},
      view.iran.groups.map((g) =>
        h(
          'tr',
          {},
          h('td', {}, groupName(s, g.id)),
          h('td', { className: 'num' }, g.strength),
          h('td', { className: 'num' }, g.arsenal),
          exact
            ? [h('td', { className: 'num' }, g.cohesion ?? '—'), h('td', { className: 'num' }, g.aggression ?? '—')]
            : null,
        ),
      ),
    ),
  );
  const fronts = view.iran.fronts.map(
    (f) =>
      `${frontName(s, f.id)}: deniability ${f.deniability}${f.sponsor ? `, a cover for ${groupName(s, f.sponsor)}` : ''}`,
  );
  return h(
    'div',
    { className: 'packet-position' },
    h('dl', { className: 'stats' }, own, shared),
    groups,
    fronts.length > 0 ? h('p', { className: 'note' }, `Front groups: ${fronts.join('; ')}.`) : null,
  );
}

/** What each map mark means, drawn with the map's own marks. */
function legend(): HTMLElement {
  const item = (kind: Parameters<typeof legendMark>[0], text: string) =>
    h('span', { className: 'legend-item' }, legendMark(kind), text);
  return h(
    'div',
    { className: 'packet-legend' },
    item('us-base', 'Coalition base (troops, air defence)'),
    item('embassy', 'US Embassy'),
    item('handed', 'Handed to Iraqi forces'),
    item('proxy-site', 'Militia site'),
    item('economic', 'Economic target'),
    item('foreign', 'Outside Iraq (arrow: beyond the map)'),
  );
}

/**
 * One side's packet, three sheets that each fit a printed page: the briefing (situation, objectives, map), the
 * orders with their odds, and where the side stands with the odds by target and claim.
 */
function packet(s: Scenario, view: SeatView, side: Side, asset: MapAsset, presetName: string | null): HTMLElement {
  const other: Side = side === 'us' ? 'iran' : 'us';
  const win = victoryConditions(s);
  const summaries = summarise(s, view, side);
  // A detail table per field that decides some odds, alone or with one other field.
  const fields = [...new Set(summaries.flatMap((o) => o.varying.flatMap((v) => (v.by.length <= 2 ? [v.by[0]!] : []))))];
  const sheet = (title: string, ...content: Parameters<typeof h>[2][]) =>
    h(
      'div',
      { className: 'packet-sheet' },
      h(
        'header',
        { className: 'packet-header' },
        h('div', { className: `packet-side side-${side}` }, s.sides[side].name),
        h('div', { className: 'packet-title' }, `${s.name} · ${title}`),
        h('div', { className: 'packet-secret' }, `For the ${s.sides[side].short} team only`),
      ),
      ...content,
    );
  return h(
    'section',
    { className: `packet packet-${side}`, 'data-side': side, 'aria-label': `Briefing packet: ${s.sides[side].name}` },
    sheet(
      'Briefing',
      h(
        'p',
        { className: 'packet-when' },
        `Week ${view.turn} of ${view.lastTurn}${presetName ? ` (${presetName})` : ''}, starting ${longDate(view.date)}. `,
        `Each week you give up to ${s.ordersPerTurn} orders in secret; the other side does the same, and the two sets are resolved together.`,
      ),
      h('h2', {}, 'The situation'),
      h('p', { className: 'packet-briefing' }, s.briefing[side]),
      h('h2', {}, 'Objectives'),
      h(
        'ul',
        { className: 'packet-objectives' },
        h('li', {}, h('b', {}, 'You win: '), win[side]),
        h('li', {}, h('b', {}, 'The other side wins: '), win[other]),
        h('li', {}, h('b', {}, 'Everyone loses: '), `${win.war} (${rungName(s, s.ladder.war)})`),
      ),
      h('h2', {}, 'The map on day one'),
      h('figure', { className: 'packet-map' }, printMap(asset, s, view.us.bases), legend()),
    ),
    sheet(
      'Orders',
      h('h2', {}, 'Your orders and their odds in week 1'),
      h(
        'p',
        { className: 'note' },
        `Costs come out of ${side === 'us' ? 'your political capital' : 'your resources'}. `,
        'The odds are the ones the game shows before you commit, in the words US intelligence uses; they change as the crisis moves. ',
        fields.length > 0
          ? `Odds that depend on the ${[...new Set(fields.map((f) => BY[f] ?? f))].join(' or the ')} are set out on the next page.`
          : '',
      ),
      orderCards(s, summaries, new Set(fields)),
    ),
    sheet(
      'Position',
      h('h2', {}, 'Where you stand in week 1'),
      position(s, view, side),
      fields.flatMap((f) => [h('h2', {}, `Odds by ${BY[f] ?? f} in week 1`), detailTable(s, summaries, f)]),
    ),
  );
}

/**
 * Shows the printable briefing packets in `root`: a toolbar (which packets, Print, Back) that never prints, and one
 * packet per side that prints on A4 or Letter with a page break between the sides.
 */
export function showBriefingPackets(root: HTMLElement, scenario: Scenario, options: BriefingOptions = {}): void {
  const asset = mapJson as unknown as MapAsset;
  const game = createGame(scenario, 'briefing', options.preset === undefined ? {} : { preset: options.preset });
  if (!game.ok) {
    fill(root, h('div', { className: 'error', role: 'alert' }, game.errors.map((e) => e.message).join('; ')));
    return;
  }
  const views = { us: viewFor(scenario, game.value, 'us'), iran: viewFor(scenario, game.value, 'iran') };
  const sheets = h('div', { className: 'packet-sheets' });
  const presetName = scenario.presets.find((p) => p.id === options.preset)?.name ?? null;
  const show = (sides: readonly Side[]) =>
    fill(
      sheets,
      sides.map((side) => packet(scenario, views[side], side, asset, presetName)),
    );
  const initial = options.sides && options.sides.length > 0 ? options.sides : SIDES;
  const choice = (value: string, text: string, sides: readonly Side[]) => {
    const input = h('input', {
      type: 'radio',
      name: 'packet-sides',
      value,
      checked: sides.length === initial.length && sides.every((x) => initial.includes(x)),
    });
    input.addEventListener('change', () => show(sides));
    return h('label', { className: 'choice' }, input, h('span', {}, text));
  };
  fill(
    root,
    h(
      'div',
      { className: 'packets' },
      h(
        'div',
        { className: 'packet-tools' },
        h('h2', {}, `Briefing packets — ${scenario.name}`),
        h(
          'p',
          { className: 'note' },
          "Print one packet for each team. Each starts on a new page and fits A4 or Letter; your browser's print dialog can also save it as a PDF.",
        ),
        h(
          'fieldset',
          {},
          h('legend', {}, 'Packets'),
          choice('both', 'Both sides', SIDES),
          SIDES.map((side) => choice(side, `${scenario.sides[side].name} only`, [side])),
        ),
        h(
          'div',
          { className: 'actions' },
          h('button', { className: 'primary', type: 'button', onclick: () => window.print() }, 'Print'),
          options.onBack ? h('button', { type: 'button', onclick: options.onBack }, 'Back') : null,
        ),
      ),
      sheets,
    ),
  );
  show(initial);
}
