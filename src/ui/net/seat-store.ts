import type { JoinableSeat } from '../../net/protocol.ts';

/** A seat this browser joined: the token is the seat from then on, across reloads and dropped networks. */
export interface KeptSeat {
  token: string;
  sessionId: string;
  gameId: string;
  game: number;
  seat: JoinableSeat;
  team: string;
}

// One seat per browser profile and server: a second join (another class session) replaces it.
const KEY = 'two-boxers:classroom-seat';

export function readSeat(): KeptSeat | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const kept = JSON.parse(raw) as Partial<KeptSeat>;
    return typeof kept.token === 'string' && typeof kept.seat === 'string' && typeof kept.gameId === 'string'
      ? (kept as KeptSeat)
      : null;
  } catch {
    return null; // private mode or a corrupted entry: the team joins again with the code
  }
}

export function keepSeat(seat: KeptSeat): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(seat));
  } catch {
    // Without storage the seat still works until the page is closed; a reload then asks the teacher.
  }
}

export function forgetSeat(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing kept, nothing to forget
  }
}
