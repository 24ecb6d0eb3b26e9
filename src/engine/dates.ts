/**
 * Calendar arithmetic on ISO dates with integers only: the engine may not use Date (its results depend on the
 * host's time zone and clock). Howard Hinnant's days-from-civil algorithm.
 */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** The ISO date `days` after `iso` (YYYY-MM-DD). */
export function addDays(iso: string, days: number): string {
  let dates = memo.get(iso);
  if (dates === undefined) {
    dates = new Map();
    if (memo.size < 64) memo.set(iso, dates);
  }
  let date = dates.get(days);
  if (date === undefined) {
    date = computeAddDays(iso, days);
    if (dates.size < 4096) dates.set(days, date);
  }
  return date;
}

// Views ask for the same few turn dates over and over; keyed by date, then offset, so a lookup builds no string.
const memo = new Map<string, Map<number, string>>();

function computeAddDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const [yy, mm, dd] = civilFromDays(daysFromCivil(y, m, d) + days);
  return `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}
