import type { Scenario } from '../engine/index.ts';

/** Whether this address is one of the classroom server's pages (/join, /desk) rather than the one-device game. */
export const isNetworkedPage = (path: string): boolean => /\/(join|desk)\/?$/.test(path);

/**
 * Opens the classroom server's pages. Their code, and socket.io-client with it, loads only here (a lazy chunk), so
 * the one-device game's start-up stays as small as it was. (The import sits outside main.ts: a dynamic import in
 * the entry module itself made the bundler split the shared engine into a second start-up chunk.)
 */
export async function openNetworkedPage(root: HTMLElement, scenario: Scenario): Promise<void> {
  const net = await import('./net/index.ts');
  net.startNetworked(root, scenario);
}
