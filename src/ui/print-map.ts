import type { BaseState, Scenario } from '../engine/index.ts';
import {
  type Box,
  type LabelInput,
  overlapArea,
  type PlacedLabel,
  type PlacedMarker,
  type Point,
  placeLabels,
  placeMarkers,
} from './map/layout.ts';
import { airDefenceName, CITIES, FONT, formatTroops, shortName } from './map/style.ts';
import { type MapAsset, projectLonLat } from './map-projection.ts';

/**
 * The map as a static SVG for paper: the same country outlines, projection and label placement as the game's map
 * (src/ui/map/layout.ts), drawn in vectors so it stays sharp at any print resolution, in light colours that save ink
 * and survive a black-and-white printer. Each site kind keeps its own shape, so nothing is told by colour alone.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** World pixels: the asset is 1600 px wide, printed about 186 mm wide, so 24 px is about 8 pt on paper. */
const LABEL_PX = 24;
const CITY_PX = 20;
const COUNTRY_PX = 30;
const MARKER_R = 16;
/** Sites whose true spots lie this close chain into one callout column (the Baghdad cluster), as on screen. */
const CLUSTER_DISTANCE = 60;

const INK = '#111';
const HALO = '#fff';
/** The map's palette; the browser test looks for these colours in the printed page. */
export const MAP_COLOURS = {
  sea: '#dbe7f0',
  land: '#ece9e1',
  iraq: '#fbf8ef',
  border: '#8d8a80',
  iraqBorder: '#5b4a22',
  us: '#2f6fd0',
  proxy: '#c8372a',
  economic: '#e39a16',
  foreign: '#8b949c',
  handed: '#8b949c',
} as const;

type SiteKind = Scenario['sites'][number]['kind'];
type Attrs = Record<string, string | number>;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (SVGElement | string)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

/** Marker outlines around (0, 0), the shapes of src/ui/map/icons.ts: square, shield, triangle, diamond. */
const SHAPES: Partial<Record<SiteKind, number[]>> = {
  'us-base': [-13, -13, 13, -13, 13, 13, -13, 13],
  embassy: [-13, -14, 13, -14, 13, 2, 0, 16, -13, 2],
  'proxy-site': [0, -16, 15, 11, -15, 11],
  economic: [0, -16, 16, 0, 0, 16, -16, 0],
};

const points = (list: readonly number[], at: Point): string => {
  const out: string[] = [];
  for (let i = 0; i + 1 < list.length; i += 2) out.push(`${at.x + list[i]!},${at.y + list[i + 1]!}`);
  return out.join(' ');
};

/** A site's mark: the kind's shape in its colour, or a hollow slashed square for a base already handed over. */
function marker(kind: SiteKind, at: Point, handedOver: boolean): SVGElement {
  if (handedOver) {
    const sq = points(SHAPES['us-base']!, at);
    return svg(
      'g',
      { class: 'mark handed' },
      svg('polygon', { points: sq, fill: HALO, stroke: MAP_COLOURS.handed, 'stroke-width': 4 }),
      svg('line', {
        x1: at.x - 12,
        y1: at.y + 12,
        x2: at.x + 12,
        y2: at.y - 12,
        stroke: MAP_COLOURS.handed,
        'stroke-width': 4,
      }),
    );
  }
  const fill =
    kind === 'proxy-site'
      ? MAP_COLOURS.proxy
      : kind === 'economic'
        ? MAP_COLOURS.economic
        : kind === 'foreign'
          ? MAP_COLOURS.foreign
          : MAP_COLOURS.us;
  const shape = SHAPES[kind];
  return shape
    ? svg('polygon', { class: 'mark', points: points(shape, at), fill, stroke: INK, 'stroke-width': 3 })
    : svg('circle', { class: 'mark', cx: at.x, cy: at.y, r: 12, fill, stroke: INK, 'stroke-width': 3 });
}

/** Measures label text with the font the SVG is drawn in, so the placement's boxes fit the printed words. */
function measurer(): (text: string, px: number, bold: boolean) => { w: number; h: number } {
  const ctx = document.createElement('canvas').getContext('2d');
  return (text, px, bold) => {
    if (!ctx) return { w: text.length * px * 0.6, h: px * 1.2 };
    ctx.font = `${bold ? 'bold ' : ''}${px}px ${FONT}`;
    return { w: Math.ceil(ctx.measureText(text).width) + 4, h: Math.ceil(px * 1.25) };
  };
}

/** A base's label: its name, garrison and air defence, or that it has been (or is being) handed to Iraqi forces. */
function baseLabel(name: string, base: BaseState): string {
  if (base.handedOver) return `${name} (handed over)`;
  const parts = [name];
  if (base.garrison > 0) parts.push(formatTroops(base.garrison));
  if (base.airDefence !== 'none') parts.push(airDefenceName(base.airDefence));
  return `${parts.join(' · ')}${base.handoverTurns > 0 ? ', handing over' : ''}`;
}

function label(
  text: string,
  l: Pick<PlacedLabel, 'anchor' | 'originX'>,
  px: number,
  bold: boolean,
  colour = INK,
): SVGElement {
  const anchor = l.originX === 0 ? 'start' : l.originX === 1 ? 'end' : 'middle';
  return svg(
    'text',
    {
      x: l.anchor.x,
      y: l.anchor.y,
      'font-size': px,
      'font-weight': bold ? 700 : 400,
      'text-anchor': anchor,
      'dominant-baseline': 'central',
      fill: colour,
      stroke: HALO,
      'stroke-width': px / 4,
      'stroke-linejoin': 'round',
      'paint-order': 'stroke',
    },
    text,
  );
}

/**
 * The scenario's map at the start of play as an inline SVG element: countries, every site with its name (bases with
 * their garrison, air defence and handover state from `bases`), cities for orientation, and arrows toward
 * places beyond the frame.
 */
export function printMap(asset: MapAsset, scenario: Scenario, bases: readonly BaseState[]): SVGSVGElement {
  const world = { w: asset.width, h: asset.height };
  const measure = measurer();
  const project = (lat: number, lon: number): Point => {
    const [x, y] = projectLonLat(asset.projection, lon, lat);
    return { x, y };
  };
  const baseOf = new Map(bases.map((b) => [b.site, b]));
  const sites = scenario.sites.filter((s) => s.kind !== 'city');
  const texts = new Map(
    sites.map((s) => {
      const base = baseOf.get(s.id);
      return [s.id, base ? baseLabel(shortName(s), base) : shortName(s)];
    }),
  );
  const sizes = new Map(sites.map((s) => [s.id, measure(texts.get(s.id)!, LABEL_PX, true)]));
  const truth = sites.map((s) => ({ id: s.id, ...project(s.lat, s.lon), r: MARKER_R }));

  const siteNames = new Set(sites.map((s) => shortName(s)));
  const cities = [
    ...CITIES,
    ...scenario.sites.filter((s) => s.kind === 'city').map((s) => ({ name: s.name, lat: s.lat, lon: s.lon })),
  ]
    .map((c) => ({ ...c, at: project(c.lat, c.lon), ...measure(c.name, CITY_PX, false) }))
    .filter(
      (c) => c.at.x > 20 && c.at.y > 20 && c.at.x < world.w - 20 && c.at.y < world.h - 20 && !siteNames.has(c.name),
    );
  // The game's map's steps: callout columns for crowded clusters (titled by the city at their heart, Baghdad) and
  // markers spread apart, then labels placed.
  const { columns, markers: placed } = placeMarkers(
    truth.map((t) => ({ ...t, ...sizes.get(t.id)! })),
    world,
    { distance: CLUSTER_DISTANCE, places: cities.map((c) => ({ id: `city:${c.name}`, ...c.at, w: c.w, h: c.h })) },
  );
  // A city under a site's marker (Mosul, Kirkuk) goes unmarked; one that titles a callout column has its row there.
  const covered = (p: Point) => placed.some((m) => Math.hypot(m.at.x - p.x, m.at.y - p.y) < MARKER_R + 4);
  const preset = new Map(columns.labels);
  const cityMarkers: PlacedMarker[] = [];
  const cityLabels: LabelInput[] = [];
  const titled: { name: string; at: Point; originX: 0 | 1 }[] = [];
  for (const c of cities) {
    const id = `city:${c.name}`;
    const title = columns.labels.get(id);
    if (title) {
      titled.push({ name: c.name, at: title.anchor, originX: title.originX === 0 ? 0 : 1 });
      continue;
    }
    if (covered(c.at)) continue;
    cityMarkers.push({ id, truth: c.at, at: c.at, r: 6, offMap: null });
    cityLabels.push({ id, w: c.w, h: c.h, priority: 2, maxCost: 700, noLeader: true });
  }
  const labels = placeLabels(
    [...placed, ...cityMarkers],
    [...sites.map((s) => ({ id: s.id, ...sizes.get(s.id)!, priority: baseOf.get(s.id)?.key ? 0 : 1 })), ...cityLabels],
    { world, preset },
  );

  const root = svg('svg', {
    xmlns: SVG_NS,
    viewBox: `0 0 ${world.w} ${world.h}`,
    role: 'img',
    'aria-label': `Map of ${scenario.name}: Iraq and its neighbours with the places in play`,
    class: 'print-map',
    'font-family': FONT,
  });
  root.append(svg('rect', { x: 0, y: 0, width: world.w, height: world.h, fill: MAP_COLOURS.sea }));

  // Countries: land first, then borders, Iraq's last and darkest because it is the board.
  const path = (rings: readonly (readonly number[])[]) =>
    rings
      .map((r) => {
        const parts: string[] = [];
        for (let i = 0; i + 1 < r.length; i += 2) parts.push(`${i === 0 ? 'M' : 'L'}${r[i]},${r[i + 1]}`);
        return `${parts.join('')}Z`;
      })
      .join('');
  const iraq = asset.countries.find((c) => c.id === 'IRQ');
  for (const c of asset.countries)
    root.append(
      svg('path', {
        d: path(c.rings),
        fill: c === iraq ? MAP_COLOURS.iraq : MAP_COLOURS.land,
        stroke: MAP_COLOURS.border,
        'stroke-width': 2,
        'stroke-linejoin': 'round',
      }),
    );
  if (iraq)
    root.append(
      svg('path', {
        d: path(iraq.rings),
        fill: 'none',
        stroke: MAP_COLOURS.iraqBorder,
        'stroke-width': 4,
        'stroke-linejoin': 'round',
      }),
    );

  // Country names where they clash with nothing placed; tiny countries near the edge go unnamed.
  const taken: Box[] = [...labels.values()].map((l) => l.box);
  for (const m of placed) taken.push({ x: m.at.x - m.r, y: m.at.y - m.r, w: 2 * m.r, h: 2 * m.r });
  for (const c of asset.countries) {
    const [x, y] = c.label;
    const text = c.name.toUpperCase();
    const size = measure(text, COUNTRY_PX, true);
    const w = size.w + text.length * 4;
    const box = { x: x - w / 2, y: y - size.h / 2, w, h: size.h };
    if (box.x < 8 || box.y < 8 || box.x + box.w > world.w - 8 || box.y + box.h > world.h - 8) continue;
    if (taken.some((t) => overlapArea(t, box) > 0)) continue;
    taken.push(box);
    root.append(
      svg(
        'text',
        {
          x,
          y,
          'font-size': COUNTRY_PX,
          'font-weight': 700,
          'letter-spacing': 4,
          'text-anchor': 'middle',
          'dominant-baseline': 'central',
          fill: c === iraq ? '#a39673' : '#a8a49a',
        },
        text,
      ),
    );
  }

  // Leader lines: from a displaced marker to its true spot, and from a moved label to its marker.
  const line = (a: Point, b: Point, colour: string, width: number) =>
    svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: colour, 'stroke-width': width });
  for (const m of placed) {
    if (m.offMap || Math.hypot(m.at.x - m.truth.x, m.at.y - m.truth.y) < 8) continue;
    root.append(line(m.truth, m.at, INK, 2), svg('circle', { cx: m.truth.x, cy: m.truth.y, r: 4, fill: INK }));
  }
  for (const l of labels.values()) if (l.leader) root.append(line(l.leader[0], l.leader[1], '#555', 1.5));

  for (const c of cityMarkers)
    root.append(svg('circle', { cx: c.at.x, cy: c.at.y, r: 5, fill: HALO, stroke: INK, 'stroke-width': 2.5 }));
  for (const t of titled) root.append(label(t.name, { anchor: t.at, originX: t.originX }, CITY_PX, false));
  for (const c of cityMarkers) {
    const l = labels.get(c.id);
    if (l) root.append(label(c.id.slice('city:'.length), l, CITY_PX, false, '#333'));
  }

  const byId = new Map(placed.map((p) => [p.id, p]));
  for (const s of sites) {
    const m = byId.get(s.id)!;
    const base = baseOf.get(s.id);
    const g = svg('g', { class: `site ${s.kind}`, 'data-site': s.id });
    if (m.offMap) {
      // An arrow just beyond the marker, pointing toward the real place off the frame.
      const angle = (Math.atan2(m.offMap.y, m.offMap.x) * 180) / Math.PI;
      const reach = MARKER_R + 12;
      const tip = { x: m.at.x + m.offMap.x * reach, y: m.at.y + m.offMap.y * reach };
      g.append(
        svg('polygon', {
          points: '-8,-9 10,0 -8,9',
          transform: `translate(${tip.x} ${tip.y}) rotate(${angle})`,
          fill: HALO,
          stroke: INK,
          'stroke-width': 3,
        }),
      );
    }
    g.append(marker(s.kind, m.at, base?.handedOver ?? false));
    const l = labels.get(s.id);
    if (l) g.append(label(texts.get(s.id)!, l, LABEL_PX, true, base?.handedOver ? '#555' : INK));
    root.append(g);
  }
  return root;
}

/** A small SVG of one kind of marker, for the legend beside the map. */
export function legendMark(kind: SiteKind | 'handed'): SVGSVGElement {
  const root = svg('svg', { viewBox: '-20 -20 40 40', class: 'legend-mark', 'aria-hidden': 'true' });
  root.append(kind === 'handed' ? marker('us-base', { x: 0, y: 0 }, true) : marker(kind, { x: 0, y: 0 }, false));
  return root;
}
