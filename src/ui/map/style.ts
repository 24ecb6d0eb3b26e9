import type { AirDefence } from '../../engine/index.ts';

/**
 * The map's look in one place. Colours are never the only carrier of meaning: every site kind has its own shape and
 * every state its own mark (see icons.ts), so the palette only has to be legible, not to tell things apart alone.
 */

/** The sea, also the canvas background; the same blue-grey as the map's frame, so the FIT letterbox disappears. */
export const SEA_CSS = '#22384c';
export const LAND = 0x4a5550;
/** Iraq, the board, lighter than its neighbours. */
export const IRAQ = 0x7d8873;
export const BORDER = 0x16212b;
export const IRAQ_BORDER = 0xe6dcb9;

export const US_BLUE = 0x2f7de1;
export const PROXY_RED = 0xd8402f;
export const ECONOMIC_AMBER = 0xf0a92a;
export const FOREIGN_GREY = 0x9aa3ab;
export const HANDED_GREY = 0xb9c0c6;
export const OUTLINE = 0x0b121b;
export const OUTLINE_CSS = '#0b121b';

/** A sans-serif that exists everywhere (Debian's chromium ships Liberation Sans, metric-compatible with Arial). */
export const FONT = '"Helvetica Neue", Arial, "Liberation Sans", sans-serif';

/**
 * Site labels. At 1280x720 the map's parent is about 760 CSS px wide, so the 1600 px world is drawn at 0.475:
 * 30 world px bold is 14 CSS px there (the 746 px the game screen gives it at 1280x720), the smallest size for names.
 */
export const LABEL_PX = 30;
export const LABEL_STROKE = 7;
export const CAPTION_PX = 30;

/**
 * Short names for the map; the full name and note belong in the HTML tooltip. Sites not listed here (other
 * scenarios) show their scenario name up to the first comma or parenthesis.
 */
const SHORT_NAMES: Record<string, string> = {
  'ain-al-asad': 'Ain al-Asad',
  erbil: 'Erbil',
  'union-iii': 'Union III',
  embassy: 'Embassy',
  taji: 'Taji',
  besmaya: 'Besmaya',
  taqaddum: 'Taqaddum',
  k1: 'K-1',
  nineveh: 'Nineveh HQ',
  'q-west': 'Q-West',
  'al-qaim': 'Al-Qaim',
  'jurf-al-sakhar': 'Jurf al-Sakhar',
  'karbala-airport': 'Karbala airport',
  musayyib: 'Musayyib',
  'qaim-border': 'Qaim crossing',
  'albu-kamal': 'Albu Kamal',
  jadriya: 'Jadriya',
  amerli: 'Amerli',
  burjesia: 'Burjesia oil site',
  tehran: 'Tehran',
  'gulf-shipping': 'Gulf shipping',
  abqaiq: 'Abqaiq',
};

/** The name a site shows on the map. */
export function shortName(site: { id: string; name: string }): string {
  return SHORT_NAMES[site.id] ?? site.name.split(/,| \(/)[0]!.trim();
}

/** Troops as a short number: 300, 1.5k, 12k. */
export function formatTroops(n: number): string {
  if (n < 1000) return String(n);
  const k = n / 1000;
  return `${k >= 10 ? Math.round(k) : Math.round(k * 10) / 10}k`;
}

/** The badge letter of a base's air defence: C-RAM or Patriot. */
export function airDefenceLetter(level: AirDefence): string | null {
  return level === 'cram' ? 'C' : level === 'patriot' ? 'P' : null;
}

/** The air defence's name for captions. */
export function airDefenceName(level: AirDefence): string {
  return level === 'cram' ? 'C-RAM' : level === 'patriot' ? 'Patriot' : 'no air defence';
}

/**
 * Cities drawn for orientation only (not sites: they do nothing in the rules), from reference/SITES.md. Baghdad is
 * the Green Zone point. Cities outside the world (Riyadh) are left out by the scene.
 */
export const CITIES: readonly { name: string; lat: number; lon: number }[] = [
  { name: 'Baghdad', lat: 33.31, lon: 44.39 },
  { name: 'Basra', lat: 30.5, lon: 47.82 },
  { name: 'Mosul', lat: 36.34, lon: 43.13 },
  { name: 'Kirkuk', lat: 35.47, lon: 44.4 },
  { name: 'Tehran', lat: 35.7, lon: 51.42 },
  { name: 'Damascus', lat: 33.52, lon: 36.3 },
  { name: 'Kuwait City', lat: 29.37, lon: 47.98 },
  { name: 'Amman', lat: 31.95, lon: 35.93 },
  { name: 'Riyadh', lat: 24.71, lon: 46.68 },
];
