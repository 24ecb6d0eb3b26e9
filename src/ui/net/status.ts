import type { ConnectionStatus } from '../../net/client.ts';

/** The connection as a line a student or a teacher understands. */
export function connectionText(status: ConnectionStatus): string {
  switch (status.kind) {
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'reconnecting':
      return 'Connection lost: reconnecting…';
    case 'refused':
      return status.error.message;
  }
}

/**
 * The server's clock as seen from this device: the timer's end is in server time, and a device's clock may be off
 * by minutes, so the countdown is measured against the server's own time of sending.
 */
export class ServerClock {
  private offset = 0;

  sync(serverTime: number): void {
    this.offset = serverTime - Date.now();
  }

  /** Milliseconds left until a server-time instant, or null when there is no timer. */
  remaining(endsAt: number | null): number | null {
    return endsAt === null ? null : endsAt - (Date.now() + this.offset);
  }
}

export const countdown = (ms: number): string => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
