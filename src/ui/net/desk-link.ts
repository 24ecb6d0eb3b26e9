/**
 * The teacher's desk secret for this browser tab. The desk link carries it after the # (never sent to the server in
 * a URL it would log); the page takes it out of the address bar, where a projector or a screen share would show it,
 * and keeps it in sessionStorage: per tab, kept across a reload, gone when the tab closes.
 */

const KEY = 'two-boxers:desk-secret';

/** The secret in the address bar's fragment, moved into this tab's storage; else the one this tab kept. */
export function takeDeskSecret(): string {
  const fromLink = location.hash.slice(1);
  if (fromLink !== '') {
    try {
      sessionStorage.setItem(KEY, fromLink);
    } catch {
      // Without storage the desk works until a reload, which then asks for the link again.
    }
    history.replaceState(null, '', location.pathname + location.search);
    return fromLink;
  }
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

/** The server does not know the secret: a reload should ask for the link, not try the same secret again. */
export function forgetDeskSecret(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing kept, nothing to forget
  }
}
