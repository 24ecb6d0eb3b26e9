/**
 * Types for the generated map asset (assets/map/countries.json) and the projection the UI uses to place
 * anything else (bases, cities, strike arcs) on the same map.
 *
 * UI-only: this uses floating-point Math.log/Math.tan, which the deterministic engine must never depend on.
 * No Phaser import, so the build script and tests can share it.
 */

/**
 * The projection written into the asset, as text, so a reader of the JSON alone can reproduce it.
 * Kept in one place so the build script, the JSON and {@link projectLonLat} cannot drift apart.
 */
export const MERCATOR_FORMULA =
  'x = k*lonRad + tx; y = ty - k*ln(tan(pi/4 + latRad/2)); lonRad = lon*pi/180, latRad = lat*pi/180 (degrees in, pixels out, y grows downward)';

/** Spherical Mercator fitted to the world rectangle; see {@link MERCATOR_FORMULA}. */
export interface Projection {
  readonly type: 'mercator';
  readonly formula: string;
  /** Pixels per radian of longitude. */
  readonly k: number;
  /** Pixel x of longitude 0. */
  readonly tx: number;
  /** Pixel y of the equator. */
  readonly ty: number;
  /** The lon/lat box the projection was fitted to (it fills the world minus `pad` on the tighter axis). */
  readonly view: { readonly lonMin: number; readonly lonMax: number; readonly latMin: number; readonly latMax: number };
  /** Minimum margin in pixels between the view box and the world edge. */
  readonly pad: number;
}

/** One country, clipped to the world rectangle. */
export interface MapCountry {
  /** ISO 3166-1 alpha-3 style code (plus CYN for Northern Cyprus, as Natural Earth does). */
  readonly id: string;
  readonly name: string;
  /**
   * Outer rings only, as flat [x0, y0, x1, y1, ...] pixel arrays, implicitly closed (the first point is not
   * repeated), wound clockwise on screen (y down). Rings cut by the world edge run along that edge.
   */
  readonly rings: readonly (readonly number[])[];
  /** Where to draw the country name, in pixels; always inside the largest ring. */
  readonly label: readonly [number, number];
}

/** The whole asset. Anything not covered by a country ring is sea (Persian Gulf, Caspian, Mediterranean). */
export interface MapAsset {
  readonly source: string;
  readonly width: number;
  readonly height: number;
  readonly projection: Projection;
  readonly notes: string;
  readonly countries: readonly MapCountry[];
}

/** Only the numbers the formula needs, so callers can pass either a full {@link Projection} or a literal. */
export type ProjectionParams = Pick<Projection, 'k' | 'tx' | 'ty'>;

const DEG = Math.PI / 180;

/**
 * Projects a longitude/latitude in degrees to world pixels with the asset's Mercator parameters.
 * The build script projects the country outlines through this same function, so markers placed with it line up
 * with the drawn borders exactly.
 */
export function projectLonLat(params: ProjectionParams, lon: number, lat: number): [number, number] {
  return [params.k * lon * DEG + params.tx, params.ty - params.k * Math.log(Math.tan(Math.PI / 4 + (lat * DEG) / 2))];
}

/**
 * Inverse of {@link projectLonLat}: world pixels back to [lon, lat] in degrees, for showing the pointer's
 * position or debugging placement.
 */
export function unprojectXY(params: ProjectionParams, x: number, y: number): [number, number] {
  const lon = (x - params.tx) / params.k / DEG;
  const lat = (2 * Math.atan(Math.exp((params.ty - y) / params.k)) - Math.PI / 2) / DEG;
  return [lon, lat];
}
