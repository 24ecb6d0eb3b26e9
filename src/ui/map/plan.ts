/**
 * Where everything on the map goes for a scenario: site markers (spread apart, clusters in callout columns), site and
 * city names, and country names. No Phaser and no drawing, only the geometry in layout.ts fed with measured names, so
 * the build script can run it too: scripts/build-map.ts ships its result for the scenario the game offers
 * (assets/map/layouts.json), and the map uses that copy when the inputs it measures in the player's browser give the
 * same key. The layout search costs more than anything else in building the map (tens of ms, before the first frame),
 * and for the same inputs it always gives the same answer.
 */
import type { Scenario } from '../../engine/index.ts';
import { type MapAsset, projectLonLat } from '../map-projection.ts';
import type { NamePainter, NameStyle } from './canvas-text.ts';
import { MARKER_R } from './icons.ts';
import {
  type Box,
  type Column,
  placeMarkers,
  findFreeSpot,
  type LabelInput,
  markerBox,
  overlapArea,
  type PlacedLabel,
  type PlacedMarker,
  type Point,
  placeLabels,
  segmentHitsBox,
} from './layout.ts';
import { CITIES, FONT, LABEL_PX, LABEL_STROKE, OUTLINE_CSS, shortName } from './style.ts';

type Site = Scenario['sites'][number];

/**
 * Sites whose true spots chain within this many world px become one callout column. 60 takes in the whole middle
 * Euphrates group of Two Boxers (Taji to Karbala, nine sites in 120 px), which no placement of 28 px names around
 * the real spots could keep legible at 1280x720.
 */
const CLUSTER_DISTANCE = 60;

export const SUB_PX = 24;
export const HANDED_COLOUR = '#c3c9ce';
/** The "(handed over)" line under a base's name. */
export const SUB_STYLE: NameStyle = {
  fontStyle: 'bold italic',
  px: SUB_PX,
  family: FONT,
  colour: HANDED_COLOUR,
  stroke: OUTLINE_CSS,
  strokeWidth: 6,
};
export const CITY_STYLE: NameStyle = {
  fontStyle: 'italic',
  px: 27,
  family: FONT,
  colour: '#f4f1e8',
  stroke: OUTLINE_CSS,
  strokeWidth: 6,
};

/** A site's name, in the colour of its kind (or of a base handed over). */
export function labelStyle(colour: string): NameStyle {
  return { fontStyle: 'bold', px: LABEL_PX, family: FONT, colour, stroke: OUTLINE_CSS, strokeWidth: LABEL_STROKE };
}

/** A country's name; Iraq's, the board's, is larger and lighter. */
export function countryStyle(iraq: boolean): NameStyle {
  return {
    fontStyle: 'bold',
    px: iraq ? 46 : 30,
    family: FONT,
    colour: iraq ? '#f3ecd6' : '#b9c4c0',
    letterSpacing: iraq ? 10 : 5,
  };
}

/** A city shown for orientation. */
export interface PlannedCity {
  name: string;
  at: Point;
  /** Its label's id in MapPlan#labels; the label is missing when no spot was good enough. */
  id: string;
  /** Whether its dot is drawn: not when a site's marker covers it or it titles a callout column. */
  dot: boolean;
}

/** Everything the map places before drawing, in world pixels. Plain data: it round-trips through JSON unchanged. */
export interface MapPlan {
  /** The key of the inputs it was computed from (see planInputs). */
  key: string;
  /** The site markers, in the scenario's order. */
  markers: PlacedMarker[];
  /** The cities' markers (at a site's marker when one covers the city): labels must keep clear of them too. */
  cityMarkers: PlacedMarker[];
  /** Site and city names, by the id of what they name. */
  labels: PlacedLabel[];
  cities: PlannedCity[];
  /** Country names, each by the top-left corner of its box. */
  countryNames: { text: string; iraq: boolean; at: Box }[];
}

/** What the plan is computed from: projected spots and measured names. Its key names all of it. */
export interface PlanInputs {
  key: string;
  world: { w: number; h: number };
  sites: { id: string; x: number; y: number; label: LabelInput }[];
  cities: { name: string; at: Point; w: number; h: number }[];
  countries: { id: string; text: string; label: readonly [number, number]; w: number; h: number }[];
}

/** 53-bit string hash (cyrb53): the key only has to tell different inputs apart, not resist anyone. */
function hash(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** A cheap digest of the countries' outlines, which country names must stay inside (numbers, not their JSON text). */
function ringsDigest(asset: MapAsset): string {
  let h = 0;
  let n = 0;
  for (const c of asset.countries) {
    for (const r of c.rings) {
      for (const v of r) h = Math.imul(h ^ Math.round(v * 10), 16777619) + ++n;
    }
  }
  return `${n}:${(h >>> 0).toString(36)}`;
}

/**
 * Projects the sites and cities and measures every name in its widest state (so that no later state can run into a
 * neighbour): cheap, and all a plan depends on apart from the outlines, which the key covers by a digest.
 */
export function planInputs(scenario: Scenario, asset: MapAsset, names: NamePainter): PlanInputs {
  const world = { w: asset.width, h: asset.height };
  // Rounded to 1/1000 px: Math.log and Math.tan may differ in the last bits between JavaScript engines (Node's and
  // the browser's did), which would change the key, and the picture not at all.
  const round = (v: number): number => Math.round(v * 1000) / 1000;
  const project = (lat: number, lon: number): Point => {
    const [x, y] = projectLonLat(asset.projection, lon, lat);
    return { x: round(x), y: round(y) };
  };
  const baseIds = new Set(scenario.us.bases.map((b) => b.site));
  const keyIds = new Set(scenario.us.bases.filter((b) => b.key).map((b) => b.site));
  const canHandOver = new Set(scenario.us.bases.filter((b) => b.canHandOver || b.handedOver).map((b) => b.site));
  const style = labelStyle('#000');
  const subProbe = names.measure('(handed over)', SUB_STYLE);
  const sites = scenario.sites.map((s: Site) => {
    const short = shortName(s);
    const widest = names.measure(baseIds.has(s.id) ? `${short} · 9.9k` : short, style);
    const two = canHandOver.has(s.id);
    const label: LabelInput = {
      id: s.id,
      w: Math.max(widest.w, two ? subProbe.w : 0),
      h: widest.h + (two ? subProbe.h - 6 : 0),
      // Key bases (the hub, Erbil, Union III) and the embassy choose their spots first.
      priority: keyIds.has(s.id) || s.kind === 'embassy' ? 0 : 1,
    };
    return { id: s.id, ...project(s.lat, s.lon), label };
  });
  // Cities for orientation: only those inside the world and not already a site of the same name.
  const siteNames = new Set(scenario.sites.map((s) => shortName(s)));
  const cities = CITIES.map((c) => ({ name: c.name, at: project(c.lat, c.lon) }))
    .filter(
      (c) => c.at.x > 20 && c.at.y > 20 && c.at.x < world.w - 20 && c.at.y < world.h - 20 && !siteNames.has(c.name),
    )
    .map((c) => ({ ...c, ...names.measure(c.name, CITY_STYLE) }));
  const countries = asset.countries.map((c) => {
    const text = c.name.toUpperCase();
    return { id: c.id, text, label: c.label, ...names.measure(text, countryStyle(c.id === 'IRQ')) };
  });
  const key = hash(JSON.stringify({ world, sites, cities, countries, rings: ringsDigest(asset), r: MARKER_R }));
  return { key, world, sites, cities, countries };
}

/**
 * The plan for these inputs: a shipped one with the same key, or else computed here. A copy that differs from what
 * computePlan gives today would be a stale asset; tests/browser/map.test.ts compares the two.
 */
export function findPlan(inputs: PlanInputs, asset: MapAsset, shipped: readonly MapPlan[]): MapPlan {
  const found = shipped.find((p) => p.key === inputs.key);
  // Which way it went, for the start-up profile (DevTools, the browser bench) and the browser tests.
  performance.mark(found ? 'two-boxers:map-plan-shipped' : 'two-boxers:map-plan-computed');
  return found ?? computePlan(inputs, asset);
}

/** Places the markers, then the site and city names around them, then the country names in the gaps left. */
export function computePlan(inputs: PlanInputs, asset: MapAsset): MapPlan {
  const { world } = inputs;
  const labelInputs = inputs.sites.map((s) => s.label);
  const truth = inputs.sites.map((s) => ({ id: s.id, x: s.x, y: s.y, r: MARKER_R }));

  // A city at the heart of a callout column (Baghdad) titles it: a row of its own among its sites.
  const { columns, markers } = placeMarkers(
    truth.map((t, i) => ({ ...t, w: labelInputs[i]!.w, h: labelInputs[i]!.h })),
    world,
    {
      distance: CLUSTER_DISTANCE,
      places: inputs.cities.map((c) => ({ id: `city:${c.name}`, ...c.at, w: c.w, h: c.h })),
    },
  );

  // A city under a site's marker (Mosul, Kirkuk) takes its name beside that marker.
  const cover = (p: Point) => markers.find((m) => Math.hypot(m.at.x - p.x, m.at.y - p.y) < MARKER_R + 4);
  const cityMarkers: PlacedMarker[] = inputs.cities.map((c) => {
    const under = cover(c.at);
    return {
      id: `city:${c.name}`,
      truth: c.at,
      at: under ? { ...under.at } : c.at,
      r: under ? under.r : 7,
      offMap: null,
    };
  });
  const preset = new Map(columns.labels);
  const titles = new Set(columns.columns.flatMap((k: Column) => k.titles));
  const cityLabels = inputs.cities.flatMap((c) => {
    const id = `city:${c.name}`;
    return titles.has(id) ? [] : [{ id, w: c.w, h: c.h, priority: 2, maxCost: 700, noLeader: true }];
  });

  const labels = placeLabels([...markers, ...cityMarkers], [...labelInputs, ...cityLabels], { world, preset });

  // Country names fill the gaps the site labels leave, inside their country; tiny countries go unnamed.
  const taken: Box[] = [...labels.values()].map((l) => l.box);
  for (const m of [...markers, ...cityMarkers]) taken.push(markerBox(m));
  const leaderLines = [...labels.values()].flatMap((l) => (l.leader ? [l.leader] : []));
  const countryNames: MapPlan['countryNames'] = [];
  for (const [i, c] of asset.countries.entries()) {
    const [lx, ly] = c.label;
    if (lx < 30 || ly < 30 || lx > world.w - 30 || ly > world.h - 30) continue;
    const { text, w, h } = inputs.countries[i]!;
    const bounds = ringBounds(c.rings);
    const spot = findFreeSpot({ x: lx, y: ly }, w, h, (b) => {
      // Cheapest tests first; the country test walks every border point.
      if (b.x < 8 || b.y < 8 || b.x + b.w > world.w - 8 || b.y + b.h > world.h - 8) return false;
      if (taken.some((o) => overlapArea(o, b) > 0)) return false;
      if (leaderLines.some(([a, z]) => segmentHitsBox(a, z, b))) return false;
      return fitsCountry(c.rings, bounds, b);
    });
    if (!spot) continue;
    taken.push(spot);
    countryNames.push({ text, iraq: c.id === 'IRQ', at: spot });
  }

  const cities = inputs.cities.map((c, i) => ({
    name: c.name,
    at: c.at,
    id: cityMarkers[i]!.id,
    dot: !titles.has(cityMarkers[i]!.id) && cover(c.at) === undefined,
  }));
  return { key: inputs.key, markers, cityMarkers, labels: [...labels.values()], cities, countryNames };
}

/** The smallest and largest coordinates of some rings. */
interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The bounds of flat [x0, y0, x1, y1, ...] rings. */
function ringBounds(rings: readonly (readonly number[])[]): Bounds {
  const b = { x0: Number.POSITIVE_INFINITY, y0: Number.POSITIVE_INFINITY, x1: -Infinity, y1: -Infinity };
  for (const r of rings) {
    for (let i = 0; i + 1 < r.length; i += 2) {
      b.x0 = Math.min(b.x0, r[i]!);
      b.x1 = Math.max(b.x1, r[i]!);
      b.y0 = Math.min(b.y0, r[i + 1]!);
      b.y1 = Math.max(b.y1, r[i + 1]!);
    }
  }
  return b;
}

/** Even-odd point-in-polygon test on a flat [x0, y0, x1, y1, ...] ring. */
function pointInRing(r: readonly number[], x: number, y: number): boolean {
  let inside = false;
  const n = r.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = r[2 * i]!;
    const yi = r[2 * i + 1]!;
    const xj = r[2 * j]!;
    const yj = r[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Whether a country name's box sits mostly inside the country (`bounds`: the box around its rings), so tiny
 * countries (Lebanon, Israel) go unnamed.
 */
function fitsCountry(rings: readonly (readonly number[])[], bounds: Bounds, box: Box): boolean {
  const probes = [
    [box.x + box.w * 0.05, box.y + box.h * 0.2],
    [box.x + box.w * 0.95, box.y + box.h * 0.2],
    [box.x + box.w * 0.05, box.y + box.h * 0.8],
    [box.x + box.w * 0.95, box.y + box.h * 0.8],
    [box.x + box.w / 2, box.y + box.h / 2],
  ] as const;
  // A probe outside the country's bounds is outside every ring: most spots fail here, before the border walk.
  const inBounds = ([x, y]: readonly [number, number]) =>
    x >= bounds.x0 && x <= bounds.x1 && y >= bounds.y0 && y <= bounds.y1;
  if (!probes.every(inBounds)) return false;
  return probes.every(([x, y]) => rings.some((r) => pointInRing(r, x, y)));
}
