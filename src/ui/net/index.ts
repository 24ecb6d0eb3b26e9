import type { Scenario } from '../../engine/index.ts';
import './net.css';
import { openDesk } from './desk-page.ts';
import { showJoin } from './join-page.ts';
import { readSeat } from './seat-store.ts';
import { showSeat } from './team-screen.ts';

/**
 * The classroom server's pages, loaded only on /join and /desk (main.ts): a team's or the projector's seat, and the
 * teacher's desk. The server is authoritative: these pages show the views and events it sends and compute no rule.
 */
export function startNetworked(root: HTMLElement, scenario: Scenario): void {
  const origin = location.origin;
  const ready = () => {
    (window as unknown as { __twoBoxersReady?: boolean }).__twoBoxersReady = true;
  };
  if (/\/desk\/?$/.test(location.pathname)) {
    openDesk(root, scenario, origin);
    ready();
    return;
  }
  const join = (message?: string) =>
    showJoin(root, origin, message, (seat) => showSeat(root, scenario, origin, seat, join));
  const kept = readSeat();
  if (kept) showSeat(root, scenario, origin, kept, join);
  else join();
  ready();
}
