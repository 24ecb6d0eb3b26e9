import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ASSET_PATH,
  buildLayouts,
  buildMap,
  LAYOUTS_PATH,
  METRICS_PATH,
  namesToMeasure,
  recordedMeasurer,
  shippedScenarios,
  type TextMetricsTable,
} from '../../scripts/build-map.ts';
import { NamePainter } from '../../src/ui/map/canvas-text.ts';
import { computePlan, findPlan, type MapPlan, planInputs } from '../../src/ui/map/plan.ts';
import { type MapAsset, type MapCountry, projectLonLat, unprojectXY } from '../../src/ui/map-projection.ts';

const committed = readFileSync(ASSET_PATH, 'utf8');
const asset = JSON.parse(committed) as MapAsset;

/** Even-odd ray cast over a flat [x0, y0, x1, y1, ...] ring; written independently of the build script's. */
function inRing(ring: readonly number[], x: number, y: number): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i]!;
    const yi = ring[2 * i + 1]!;
    const xj = ring[2 * j]!;
    const yj = ring[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance from a point to the nearest edge of a flat ring. */
function distanceToRing(ring: readonly number[], x: number, y: number): number {
  let best = Number.POSITIVE_INFINITY;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const ax = ring[2 * j]!;
    const ay = ring[2 * j + 1]!;
    const dx = ring[2 * i]! - ax;
    const dy = ring[2 * i + 1]! - ay;
    const lengthSq = dx * dx + dy * dy;
    const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSq));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}

function country(id: string): MapCountry {
  const found = asset.countries.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no country ${id} in the asset`);
  return found;
}

/** Which countries contain a lon/lat, by id; more than one would mean overlapping outlines. */
function countriesAt(lon: number, lat: number): string[] {
  const [x, y] = projectLonLat(asset.projection, lon, lat);
  return asset.countries.filter((c) => c.rings.some((ring) => inRing(ring, x, y))).map((c) => c.id);
}

describe('assets/map/countries.json', () => {
  it('is exactly what scripts/build-map.ts generates (rerun `npx tsx scripts/build-map.ts` if not)', () => {
    expect(buildMap()).toBe(committed);
  });

  it('stays small enough to ship', () => {
    expect(Buffer.byteLength(committed)).toBeLessThan(60 * 1024);
  });

  it('lists each country once, sorted by id, with the scenario countries present', () => {
    const ids = asset.countries.map((c) => c.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['IRQ', 'IRN', 'SYR', 'SAU', 'KWT', 'JOR', 'TUR', 'LBN', 'ISR']));
  });

  it.each([
    ['Baghdad', 44.39, 33.31, 'IRQ'],
    ['Tehran', 51.42, 35.7, 'IRN'],
    ['Ain al-Asad', 42.44, 33.79, 'IRQ'],
    ['Erbil', 44.01, 36.19, 'IRQ'],
    ['Basra', 47.78, 30.51, 'IRQ'],
    ['Damascus', 36.3, 33.51, 'SYR'],
    ['Amman', 35.93, 31.95, 'JOR'],
  ])('puts %s inside exactly one country, %s', (_name, lon, lat, id) => {
    expect(countriesAt(lon, lat)).toEqual([id]);
  });

  it('puts Kuwait City inside or within 5 px of Kuwait (it sits on the bay shore)', () => {
    const [x, y] = projectLonLat(asset.projection, 47.98, 29.37);
    const kuwait = country('KWT');
    const inside = kuwait.rings.some((ring) => inRing(ring, x, y));
    const distance = Math.min(...kuwait.rings.map((ring) => distanceToRing(ring, x, y)));
    expect(inside || distance <= 5).toBe(true);
  });

  it('puts Beirut within 5 px of Lebanon (a coastal city on a coarse coastline)', () => {
    const [x, y] = projectLonLat(asset.projection, 35.51, 33.89);
    const lebanon = country('LBN');
    const inside = lebanon.rings.some((ring) => inRing(ring, x, y));
    expect(inside || Math.min(...lebanon.rings.map((ring) => distanceToRing(ring, x, y))) <= 5).toBe(true);
  });

  it('keeps every coordinate and label inside the world rectangle', () => {
    for (const c of asset.countries) {
      for (const ring of c.rings) {
        expect(ring.length % 2).toBe(0);
        expect(ring.length).toBeGreaterThanOrEqual(6);
        for (let i = 0; i < ring.length; i += 2) {
          expect(ring[i]).toBeGreaterThanOrEqual(0);
          expect(ring[i]).toBeLessThanOrEqual(asset.width);
          expect(ring[i + 1]).toBeGreaterThanOrEqual(0);
          expect(ring[i + 1]).toBeLessThanOrEqual(asset.height);
        }
      }
      expect(c.label[0]).toBeGreaterThanOrEqual(0);
      expect(c.label[0]).toBeLessThanOrEqual(asset.width);
      expect(c.label[1]).toBeGreaterThanOrEqual(0);
      expect(c.label[1]).toBeLessThanOrEqual(asset.height);
    }
  });

  it('places each label inside its country', () => {
    for (const c of asset.countries) {
      expect(
        c.rings.some((ring) => inRing(ring, c.label[0], c.label[1])),
        c.id,
      ).toBe(true);
    }
  });

  it('shows the whole view box, padded, and Tehran and Beirut on screen', () => {
    const { view, pad } = asset.projection;
    const [left, top] = projectLonLat(asset.projection, view.lonMin, view.latMax);
    const [right, bottom] = projectLonLat(asset.projection, view.lonMax, view.latMin);
    expect(left).toBeGreaterThanOrEqual(pad - 0.01);
    expect(top).toBeGreaterThanOrEqual(pad - 0.01);
    expect(right).toBeLessThanOrEqual(asset.width - pad + 0.01);
    expect(bottom).toBeLessThanOrEqual(asset.height - pad + 0.01);
    // The fit is tight on at least one axis, so the map is as large as the world allows.
    expect(Math.min(left, top, asset.width - right, asset.height - bottom)).toBeCloseTo(pad, 2);
  });
});

describe('projectLonLat', () => {
  it('follows the formula documented in the asset', () => {
    const { k, tx, ty } = asset.projection;
    const lon = 44.39;
    const lat = 33.31;
    const rad = Math.PI / 180;
    expect(projectLonLat(asset.projection, lon, lat)).toEqual([
      k * lon * rad + tx,
      ty - k * Math.log(Math.tan(Math.PI / 4 + (lat * rad) / 2)),
    ]);
  });

  it('is undone by unprojectXY', () => {
    for (const [lon, lat] of [
      [35, 28.5],
      [53.5, 38.5],
      [44.39, 33.31],
    ] as const) {
      const [x, y] = projectLonLat(asset.projection, lon, lat);
      const [lon2, lat2] = unprojectXY(asset.projection, x, y);
      expect(lon2).toBeCloseTo(lon, 9);
      expect(lat2).toBeCloseTo(lat, 9);
    }
  });
});

describe('assets/map/layouts.json', () => {
  const metrics = JSON.parse(readFileSync(METRICS_PATH, 'utf8')) as TextMetricsTable;

  it('has a measurement for every name the shipped plans measure', () => {
    const missing = namesToMeasure(asset).filter(({ font, text }) => !(`${font}|${text}` in metrics));
    expect(missing).toEqual([]);
  });

  it('is exactly what the plan code computes from those measurements (rerun `npx tsx scripts/build-map.ts` if not)', () => {
    // A change to the layout code, the scenario's sites or the outlines shows here, before a player gets a stale plan.
    expect(buildLayouts(asset, metrics)).toBe(readFileSync(LAYOUTS_PATH, 'utf8'));
  });

  it('is used for the inputs it was made from, and only for those', () => {
    const shipped = (JSON.parse(readFileSync(LAYOUTS_PATH, 'utf8')) as { plans: MapPlan[] }).plans;
    const names = new NamePainter(recordedMeasurer(metrics));
    const scenario = shippedScenarios()[0]!;
    expect(findPlan(planInputs(scenario, asset, names), asset, shipped)).toBe(shipped[0]);
    // A site moved a little: another key, and a plan computed for it.
    const [first, ...others] = scenario.sites;
    const moved = { ...scenario, sites: [{ ...first!, lat: first!.lat + 0.2 }, ...others] };
    const inputs = planInputs(moved, asset, names);
    expect(inputs.key).not.toBe(shipped[0]!.key);
    const plan = findPlan(inputs, asset, shipped);
    expect(plan).toEqual(computePlan(inputs, asset));
    expect(plan.markers[0]!.truth.y).toBeLessThan(shipped[0]!.markers[0]!.truth.y);
  });
});
