/**
 * A lab run's progress in words, with the time left at the rate so far (as the CLI's progress bars give an ETA), so
 * a designer who asked for 100,000 seeds learns early that it is a matter of minutes. No DOM here.
 */
import { plural } from '../words.ts';

/** Under this much time played, the rate is mostly the workers starting: no estimate yet. */
const SETTLING_MS = 1000;

/** A duration as the status line reads it: "40 s", "3 min 20 s", "12 min", "1 h 5 min". */
export function duration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 10) return s % 60 === 0 ? `${min} min` : `${min} min ${s % 60} s`;
  if (min < 60) return `${Math.round(s / 60)} min`;
  const left = Math.round((s - 3600 * Math.floor(s / 3600)) / 60);
  return left === 0 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 3600)} h ${left} min`;
}

/** plural() with the thousands grouped, as the lab writes its counts: "1 seed", "2,000 seeds". */
export const countOf = (n: number, one: string): string => plural(n, one).replace(/^\d+/, n.toLocaleString('en'));

/** "1,234 of 100,000 seeds · 8.2 s · about 11 min left": the seeds played, the time so far and the time left. */
export function progressText(done: number, total: number, ms: number): string {
  const head = `${done.toLocaleString('en')} of ${countOf(total, 'seed')} · ${(ms / 1000).toFixed(1)} s`;
  if (done === 0 || done >= total || ms < SETTLING_MS) return head;
  return `${head} · about ${duration(((total - done) * ms) / done)} left`;
}
