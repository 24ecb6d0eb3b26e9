/**
 * Generates assets/map/countries.json from Natural Earth 1:50m (the world-atlas package), so the game ships
 * pre-projected pixel outlines and never needs d3-geo or topojson at runtime.
 *
 * Usage: npx tsx scripts/build-map.ts
 *
 * The output is byte-identical on every run: the input is a pinned package, every step is plain arithmetic in a
 * fixed order, coordinates are rounded to 0.1 px before anything compares them, and countries are sorted by id.
 * tests/map-asset.test.ts rebuilds in memory and compares against the committed file.
 *
 * It then writes assets/map/layouts.json: the map's plan (src/ui/map/plan.ts) for the scenario the game offers, so the
 * game skips the layout search at start. Plans depend on how wide the names are, so the names are measured in Debian's
 * chromium (the browser the tests and the bench drive) and the figures kept in assets/map/text-metrics.json; the
 * test replans from those figures and compares.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../src/engine/index.ts';
import { mustReadScenario } from '../src/node/scenario-file.ts';
import { NamePainter, type TextMeasurer } from '../src/ui/map/canvas-text.ts';
import { computePlan, planInputs } from '../src/ui/map/plan.ts';
import {
  MERCATOR_FORMULA,
  type MapAsset,
  type MapCountry,
  type Projection,
  type ProjectionParams,
  projectLonLat,
  unprojectXY,
} from '../src/ui/map-projection.ts';

/** Where the CLI writes the asset; the test reads the committed copy from here. */
export const ASSET_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../assets/map/countries.json');
/** The shipped map plans, and the text measurements they were made with. */
export const LAYOUTS_PATH = resolve(dirname(ASSET_PATH), 'layouts.json');
export const METRICS_PATH = resolve(dirname(ASSET_PATH), 'text-metrics.json');
/** The scenarios the game offers (src/ui/main.ts), whose plans ship. */
const SHIPPED_SCENARIOS = [resolve(dirname(ASSET_PATH), '../../scenarios/two-boxers.json')];

const WIDTH = 1600;
const HEIGHT = 1000;
const PAD = 16;
/** Iraq and its neighbours, wide enough for Beirut (35.51E) and Tehran (51.42E). */
const VIEW = { lonMin: 35, lonMax: 53.5, latMin: 28.5, latMax: 38.5 } as const;
/** Islands and clipping slivers below this many square pixels are invisible at any sensible zoom. */
const MIN_RING_AREA_PX2 = 4;
/** Rounding the fitted parameters keeps the JSON readable; 1e-6 px is far below the 0.1 px output grid. */
const PARAM_DECIMALS = 6;
/** A centroid closer than this to its ring's edge would put the label text over the border. */
const MIN_LABEL_CLEARANCE_PX = 6;

/** The countries the scenario is about; the build fails if any of them falls out of the view. */
const REQUIRED_IDS = ['IRN', 'IRQ', 'JOR', 'KWT', 'SAU', 'SYR', 'TUR'] as const;

/**
 * ISO 3166-1 numeric (world-atlas ids) to the ids and display names the game uses. Northern Cyprus has no ISO
 * code and no id in world-atlas, so it is matched by name and given Natural Earth's own CYN.
 * Covers more than the current view needs so nudging VIEW does not immediately break the build.
 */
const COUNTRY_CODES: Readonly<Record<string, { readonly id: string; readonly name: string }>> = {
  '031': { id: 'AZE', name: 'Azerbaijan' },
  '048': { id: 'BHR', name: 'Bahrain' },
  '051': { id: 'ARM', name: 'Armenia' },
  '196': { id: 'CYP', name: 'Cyprus' },
  '268': { id: 'GEO', name: 'Georgia' },
  '275': { id: 'PSE', name: 'Palestine' },
  '364': { id: 'IRN', name: 'Iran' },
  '368': { id: 'IRQ', name: 'Iraq' },
  '376': { id: 'ISR', name: 'Israel' },
  '400': { id: 'JOR', name: 'Jordan' },
  '414': { id: 'KWT', name: 'Kuwait' },
  '422': { id: 'LBN', name: 'Lebanon' },
  '512': { id: 'OMN', name: 'Oman' },
  '634': { id: 'QAT', name: 'Qatar' },
  '682': { id: 'SAU', name: 'Saudi Arabia' },
  '760': { id: 'SYR', name: 'Syria' },
  '784': { id: 'ARE', name: 'United Arab Emirates' },
  '792': { id: 'TUR', name: 'Turkey' },
  '795': { id: 'TKM', name: 'Turkmenistan' },
  '818': { id: 'EGY', name: 'Egypt' },
  'name:N. Cyprus': { id: 'CYN', name: 'Northern Cyprus' },
};

/**
 * Hand-placed labels for the big countries: their clipped centroids sit fine geometrically but read badly
 * (Iran's would crowd Tehran's marker, Saudi Arabia's would hug the bottom edge). Each must lie inside the
 * country's largest ring or the build fails.
 */
const LABEL_LONLAT: Readonly<Record<string, readonly [number, number]>> = {
  IRN: [50.3, 33.0],
  IRQ: [43.4, 32.2],
  SAU: [42.6, 29.4],
  SYR: [38.6, 35.0],
};

type Position = [number, number];

interface TopoPolygon {
  readonly type: 'Polygon';
  readonly arcs: number[][];
}
interface TopoMultiPolygon {
  readonly type: 'MultiPolygon';
  readonly arcs: number[][][];
}
type TopoGeometry = (TopoPolygon | TopoMultiPolygon | { readonly type: null }) & {
  readonly id?: string;
  readonly properties: { readonly name: string };
};
interface Topology {
  readonly transform: { readonly scale: Position; readonly translate: Position };
  readonly arcs: Position[][];
  readonly objects: { readonly countries: { readonly geometries: readonly TopoGeometry[] } };
}

/** Per-country numbers the CLI prints so size regressions are visible at build time. */
export interface MapBuildStats {
  readonly id: string;
  readonly rings: number;
  readonly points: number;
  readonly droppedHoles: number;
}

const roundTo = (v: number, decimals: number): number => Number(v.toFixed(decimals));

/** Fits the view box into the world rectangle (minus PAD) keeping aspect ratio, centred on both axes. */
function fitProjection(): Projection {
  const rad = (deg: number): number => (deg * Math.PI) / 180;
  const mercY = (lat: number): number => Math.log(Math.tan(Math.PI / 4 + rad(lat) / 2));
  const spanX = rad(VIEW.lonMax) - rad(VIEW.lonMin);
  const spanY = mercY(VIEW.latMax) - mercY(VIEW.latMin);
  const k = Math.min((WIDTH - 2 * PAD) / spanX, (HEIGHT - 2 * PAD) / spanY);
  const tx = WIDTH / 2 - (k * (rad(VIEW.lonMin) + rad(VIEW.lonMax))) / 2;
  const ty = HEIGHT / 2 + (k * (mercY(VIEW.latMin) + mercY(VIEW.latMax))) / 2;
  return {
    type: 'mercator',
    formula: MERCATOR_FORMULA,
    k: roundTo(k, PARAM_DECIMALS),
    tx: roundTo(tx, PARAM_DECIMALS),
    ty: roundTo(ty, PARAM_DECIMALS),
    view: { ...VIEW },
    pad: PAD,
  };
}

/** Undoes TopoJSON's quantisation and delta encoding, giving each arc as lon/lat degrees. */
function decodeArcs(topo: Topology): Position[][] {
  const [sx, sy] = topo.transform.scale;
  const [ox, oy] = topo.transform.translate;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]): Position => {
      x += dx;
      y += dy;
      return [x * sx + ox, y * sy + oy];
    });
  });
}

/** Stitches a TopoJSON ring (arc indices, ~i meaning arc i reversed); consecutive arcs share their joint point. */
function assembleRing(arcs: readonly Position[][], indices: readonly number[]): Position[] {
  const ring: Position[] = [];
  for (const index of indices) {
    const arc = arcs[index < 0 ? ~index : index];
    if (arc === undefined) throw new Error(`topology references missing arc ${index}`);
    const points = index < 0 ? [...arc].reverse() : arc;
    ring.push(...(ring.length === 0 ? points : points.slice(1)));
  }
  return ring;
}

/**
 * Intersection of segment a-b with the line `axis = value`. Endpoints are put in a fixed order first so two
 * neighbours sharing a border (which walk it in opposite directions) get bit-identical cut points.
 */
function cutSegment(a: Position, b: Position, axis: 0 | 1, value: number): Position {
  const [p, q] = a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]) ? [a, b] : [b, a];
  const t = (value - p[axis]) / (q[axis] - p[axis]);
  return axis === 0 ? [value, p[1] + t * (q[1] - p[1])] : [p[0] + t * (q[0] - p[0]), value];
}

/** Sutherland–Hodgman against the world rectangle; concave rings may come back with zero-width edge runs. */
function clipToWorld(ring: readonly Position[]): Position[] {
  const edges: readonly { axis: 0 | 1; value: number; keep: (p: Position) => boolean }[] = [
    { axis: 0, value: 0, keep: (p) => p[0] >= 0 },
    { axis: 0, value: WIDTH, keep: (p) => p[0] <= WIDTH },
    { axis: 1, value: 0, keep: (p) => p[1] >= 0 },
    { axis: 1, value: HEIGHT, keep: (p) => p[1] <= HEIGHT },
  ];
  let output: Position[] = [...ring];
  for (const { axis, value, keep } of edges) {
    const input = output;
    output = [];
    for (let i = 0; i < input.length; i++) {
      const current = input[i]!;
      const previous = input[(i + input.length - 1) % input.length]!;
      const currentIn = keep(current);
      if (currentIn !== keep(previous)) output.push(cutSegment(previous, current, axis, value));
      if (currentIn) output.push(current);
    }
    if (output.length === 0) break;
  }
  return output;
}

/** Twice the signed area of a ring in integer tenths; positive means clockwise on screen (y grows down). */
function doubledArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[(i + 1) % ring.length]!;
    sum += x0 * y1 - x1 * y0;
  }
  return sum;
}

/**
 * Snaps a clipped ring to the 0.1 px grid as integer tenths, so duplicate and collinear tests are exact, then
 * drops points that add nothing (repeats, and straight-line midpoints such as clip runs along the world edge).
 */
function snapRing(ring: readonly Position[]): Position[] {
  let points: Position[] = [];
  for (const [x, y] of ring) {
    const snapped: Position = [Math.round(x * 10), Math.round(y * 10)];
    const last = points[points.length - 1];
    if (last === undefined || last[0] !== snapped[0] || last[1] !== snapped[1]) points.push(snapped);
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length > 1 && first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1]) {
    points.pop();
  }
  // Each removal can make a neighbour collinear, so repeat until nothing changes.
  let changed = true;
  while (changed && points.length >= 3) {
    changed = false;
    const kept: Position[] = [];
    for (let i = 0; i < points.length; i++) {
      const prev = kept[kept.length - 1] ?? points[points.length - 1]!;
      const cur = points[i]!;
      const next = points[(i + 1) % points.length]!;
      const cross = (cur[0] - prev[0]) * (next[1] - cur[1]) - (cur[1] - prev[1]) * (next[0] - cur[0]);
      if (cross === 0) changed = true;
      else kept.push(cur);
    }
    points = kept;
  }
  return points;
}

/** Even-odd ray cast; the test file has its own copy on purpose so it checks this one independently. */
function insideRing(ring: readonly Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance from a point to the nearest edge of a ring. */
function edgeDistance(ring: readonly Position[], x: number, y: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[j]!;
    const [bx, by] = ring[i]!;
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSq = dx * dx + dy * dy;
    const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSq));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}

/** Area-weighted centroid of a ring (pixels). */
function centroid(ring: readonly Position[]): Position {
  let cx = 0;
  let cy = 0;
  let area2 = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[(i + 1) % ring.length]!;
    const cross = x0 * y1 - x1 * y0;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
    area2 += cross;
  }
  return [cx / (3 * area2), cy / (3 * area2)];
}

/**
 * Point deep inside a ring, for rings whose centroid falls outside them or on a border: a coarse grid search for
 * the point farthest from every edge, refined a few times around the best cell. Ties keep the first cell
 * scanned, so the result is deterministic.
 */
function interiorPoint(ring: readonly Position[]): Position {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  let minX = Math.min(...xs);
  let minY = Math.min(...ys);
  let step = Math.max(Math.max(...xs) - minX, Math.max(...ys) - minY) / 64;
  let cells = 64;
  let best: Position = ring[0]!;
  let bestDistance = -1;
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i <= cells; i++) {
      for (let j = 0; j <= cells; j++) {
        const x = minX + i * step;
        const y = minY + j * step;
        if (!insideRing(ring, x, y)) continue;
        const distance = edgeDistance(ring, x, y);
        if (distance > bestDistance) {
          bestDistance = distance;
          best = [x, y];
        }
      }
    }
    minX = best[0] - 2 * step;
    minY = best[1] - 2 * step;
    step /= 4;
    cells = 16;
  }
  return best;
}

/** Chooses the label point for a country (in pixels) inside its largest ring. */
function labelPoint(id: string, largest: readonly Position[], params: ProjectionParams): Position {
  const anchor = LABEL_LONLAT[id];
  if (anchor !== undefined) {
    const [x, y] = projectLonLat(params, anchor[0], anchor[1]);
    if (!insideRing(largest, x, y) || edgeDistance(largest, x, y) < MIN_LABEL_CLEARANCE_PX) {
      throw new Error(`hand-placed label for ${id} at ${anchor.join(',')} is not well inside the country`);
    }
    return [x, y];
  }
  const [cx, cy] = centroid(largest);
  if (insideRing(largest, cx, cy) && edgeDistance(largest, cx, cy) >= MIN_LABEL_CLEARANCE_PX) return [cx, cy];
  return interiorPoint(largest);
}

function countryCode(geometry: TopoGeometry): { readonly id: string; readonly name: string } {
  const key = geometry.id ?? `name:${geometry.properties.name}`;
  const code = COUNTRY_CODES[key];
  if (code === undefined) {
    throw new Error(`country ${key} (${geometry.properties.name}) is in view but has no entry in COUNTRY_CODES`);
  }
  return code;
}

const tenthsToPx = (v: number): number => v / 10;

/**
 * Builds the map asset in memory, with per-country statistics. Pure apart from reading the pinned world-atlas
 * files, so it can back both the CLI and the up-to-date test.
 */
export function buildMapAsset(): { asset: MapAsset; stats: MapBuildStats[] } {
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology;
  const atlasVersion = (
    JSON.parse(readFileSync(require.resolve('world-atlas/package.json'), 'utf8')) as { version: string }
  ).version;

  const projection = fitProjection();
  const arcs = decodeArcs(topo);
  // Lon/lat bounds of the world rectangle, widened slightly, to skip distant rings before projecting them:
  // Mercator is infinite at the poles and Antarctica would otherwise poison the clipper with Infinity.
  const [lonMin, latMax] = unprojectXY(projection, 0, 0);
  const [lonMax, latMin] = unprojectXY(projection, WIDTH, HEIGHT);
  const nearView = (ring: readonly Position[]): boolean =>
    ring.some(([lon, lat]) => lon >= lonMin - 5 && lon <= lonMax + 5 && lat >= latMin - 5 && lat <= latMax + 5);

  /** A ring projected, clipped and snapped (clockwise, in tenths), or undefined if nothing visible is left. */
  const visibleRing = (lonLat: readonly Position[]): Position[] | undefined => {
    if (!nearView(lonLat)) return undefined;
    const snapped = snapRing(clipToWorld(lonLat.map(([lon, lat]) => projectLonLat(projection, lon, lat))));
    if (snapped.length < 3) return undefined;
    const area2 = doubledArea(snapped);
    // In tenths squared, 200 * MIN is twice MIN px², the same scale as doubledArea.
    if (Math.abs(area2) < 200 * MIN_RING_AREA_PX2) return undefined;
    return area2 > 0 ? snapped : snapped.reverse();
  };

  const countries: MapCountry[] = [];
  const stats: MapBuildStats[] = [];
  for (const geometry of topo.objects.countries.geometries) {
    if (geometry.type === null) continue;
    const polygons = geometry.type === 'Polygon' ? [geometry.arcs] : geometry.arcs;
    const rings: Position[][] = [];
    let droppedHoles = 0;
    for (const [outer, ...holes] of polygons) {
      if (outer === undefined) continue;
      const ring = visibleRing(assembleRing(arcs, outer));
      if (ring === undefined) continue;
      rings.push(ring);
      // Holes (lakes, enclaves) would need a winding or flag convention in the flat format; count the ones that
      // would have shown so the CLI output says if that ever starts to matter.
      droppedHoles += holes.filter((hole) => visibleRing(assembleRing(arcs, hole)) !== undefined).length;
    }
    if (rings.length === 0) continue;

    const { id, name } = countryCode(geometry);
    // Largest first so renderers and hit-testing meet the mainland before the islands.
    rings.sort((a, b) => doubledArea(b) - doubledArea(a));
    const largestPx = rings[0]!.map(([x, y]): Position => [tenthsToPx(x), tenthsToPx(y)]);
    const [lx, ly] = labelPoint(id, largestPx, projection);
    countries.push({
      id,
      name,
      rings: rings.map((ring) => ring.flatMap(([x, y]) => [tenthsToPx(x), tenthsToPx(y)])),
      label: [roundTo(lx, 1), roundTo(ly, 1)],
    });
    stats.push({ id, rings: rings.length, points: rings.reduce((n, r) => n + r.length, 0), droppedHoles });
  }

  const missing = REQUIRED_IDS.filter((id) => !countries.some((c) => c.id === id));
  if (missing.length > 0) throw new Error(`required countries not in view: ${missing.join(', ')}`);
  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  countries.sort(byId);
  stats.sort(byId);

  return {
    asset: {
      source: `Natural Earth 1:50m via world-atlas ${atlasVersion}`,
      width: WIDTH,
      height: HEIGHT,
      projection,
      notes:
        'Generated by scripts/build-map.ts; do not edit. Pixel coordinates, y down. No sea polygons: everything outside the country rings (Persian Gulf, Caspian, Mediterranean) is sea. Rings are outer boundaries only, clipped to the world rectangle. No rivers (Tigris/Euphrates are not in world-atlas).',
      countries,
    },
    stats,
  };
}

/**
 * Writes the asset as JSON with one ring per line: compact enough to stay small, yet a regenerated file
 * diffs per ring instead of as one giant line.
 */
export function serializeMapAsset(asset: MapAsset): string {
  const indent = (text: string, prefix: string): string => text.split('\n').join(`\n${prefix}`);
  const country = (c: MapCountry): string =>
    [
      '    {',
      `      "id": ${JSON.stringify(c.id)},`,
      `      "name": ${JSON.stringify(c.name)},`,
      `      "label": ${JSON.stringify(c.label)},`,
      '      "rings": [',
      c.rings.map((ring) => `        ${JSON.stringify(ring)}`).join(',\n'),
      '      ]',
      '    }',
    ].join('\n');
  return [
    '{',
    `  "source": ${JSON.stringify(asset.source)},`,
    `  "width": ${asset.width},`,
    `  "height": ${asset.height},`,
    `  "projection": ${indent(JSON.stringify(asset.projection, null, 2), '  ')},`,
    `  "notes": ${JSON.stringify(asset.notes)},`,
    '  "countries": [',
    asset.countries.map(country).join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

/** The exact text of assets/map/countries.json; what the test compares the committed file against. */
export function buildMap(): string {
  return serializeMapAsset(buildMapAsset().asset);
}

/** A name's figures as a browser's measureText gave them: width, ink ascent, ink descent; keyed by font and text. */
export type TextMetricsTable = Record<string, [number, number, number]>;

const metricsKey = (font: string, text: string): string => `${font}|${text}`;

export function shippedScenarios(): Scenario[] {
  return SHIPPED_SCENARIOS.map(mustReadScenario);
}

/** Every font and text the plans measure: planInputs run with a measurer that only writes down what it is asked. */
export function namesToMeasure(asset: MapAsset): { font: string; text: string }[] {
  const asked = new Map<string, { font: string; text: string }>();
  const recorder: TextMeasurer = {
    font: '',
    measureText(text: string): TextMetrics {
      asked.set(metricsKey(this.font, text), { font: this.font, text });
      return { width: 0, actualBoundingBoxAscent: 0, actualBoundingBoxDescent: 0 } as TextMetrics;
    },
  };
  for (const scenario of shippedScenarios()) planInputs(scenario, asset, new NamePainter(recorder));
  return [...asked.values()].sort((a, b) => metricsKey(a.font, a.text).localeCompare(metricsKey(b.font, b.text)));
}

/** A measurer that answers with recorded figures, and fails on a name it has none for. */
export function recordedMeasurer(metrics: TextMetricsTable): TextMeasurer {
  return {
    font: '',
    measureText(text: string): TextMetrics {
      const m = metrics[metricsKey(this.font, text)];
      if (!m) throw new Error(`no measurement of ${JSON.stringify(text)} in ${this.font}: rerun the build script`);
      return { width: m[0], actualBoundingBoxAscent: m[1], actualBoundingBoxDescent: m[2] } as TextMetrics;
    },
  };
}

/** The exact text of assets/map/layouts.json: the plans computed with a browser's measurements. */
export function buildLayouts(asset: MapAsset, metrics: TextMetricsTable): string {
  const measurer = recordedMeasurer(metrics);
  const plans = shippedScenarios().map((scenario) =>
    computePlan(planInputs(scenario, asset, new NamePainter(measurer)), asset),
  );
  return `${JSON.stringify({ plans })}\n`;
}

/** Measures the names in chromium, as the game's NamePainter would there. */
async function measureInChromium(asset: MapAsset): Promise<TextMetricsTable> {
  const { openBrowser } = await import('../tests/browser/support.ts');
  const list = namesToMeasure(asset);
  const b = await openBrowser();
  try {
    // A string, not a function: tsx names functions with a helper that does not exist inside the page.
    const figures = (await b.page.evaluate(`(${JSON.stringify(list)}).map(({ font, text }) => {
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = font;
      const m = ctx.measureText(text);
      return [m.width, m.actualBoundingBoxAscent, m.actualBoundingBoxDescent];
    })`)) as [number, number, number][];
    return Object.fromEntries(list.map((n, i) => [metricsKey(n.font, n.text), figures[i]!]));
  } finally {
    await b.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const { asset, stats } = buildMapAsset();
  const text = serializeMapAsset(asset);
  mkdirSync(dirname(ASSET_PATH), { recursive: true });
  writeFileSync(ASSET_PATH, text);
  for (const s of stats) {
    const holes = s.droppedHoles > 0 ? `, ${s.droppedHoles} holes dropped` : '';
    console.log(`${s.id}  ${String(s.rings).padStart(2)} rings  ${String(s.points).padStart(5)} points${holes}`);
  }
  const totalPoints = stats.reduce((n, s) => n + s.points, 0);
  const bytes = Buffer.byteLength(text);
  console.log(`${stats.length} countries, ${totalPoints} points, ${bytes} bytes -> ${ASSET_PATH}`);
  console.log(`projection k=${asset.projection.k} tx=${asset.projection.tx} ty=${asset.projection.ty}`);
  const metrics = await measureInChromium(asset);
  writeFileSync(METRICS_PATH, `${JSON.stringify(metrics, null, 1)}\n`);
  const layouts = buildLayouts(asset, metrics);
  writeFileSync(LAYOUTS_PATH, layouts);
  console.log(`${Object.keys(metrics).length} names measured, ${Buffer.byteLength(layouts)} bytes -> ${LAYOUTS_PATH}`);
}
