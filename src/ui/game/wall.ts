/**
 * Keeps the page behind the hand-over wall inert while the wall shows: the wall traps the keyboard, and `inert` makes
 * the rest of the page unreachable by any means (a screen reader's virtual cursor, find in page, a stray click), not
 * only hidden from view (styles.css). aria-hidden says the same to assistive technology that predates `inert`.
 * Watching the overlay, not the code paths that raise or lower the wall (the hand-over, the class screen, the desk),
 * keeps every one of them covered. `keep`: the parts of `root` never made inert (the overlay, the live region).
 * The watch answers after the change, a moment late: a screen that lowers the wall and at once moves the focus behind
 * it (focus() does nothing in an inert subtree) calls `sync` first (GameScreen.render does).
 */
export function inertBehindWall(
  root: HTMLElement,
  overlay: HTMLElement,
  keep: readonly HTMLElement[],
): { sync(): void; stop(): void } {
  const sync = () => {
    const walled = overlay.querySelector('.handover-wall') !== null;
    for (const child of root.children) {
      if (!(child instanceof HTMLElement) || child === overlay || keep.includes(child)) continue;
      child.inert = walled;
      if (walled) child.setAttribute('aria-hidden', 'true');
      else child.removeAttribute('aria-hidden');
    }
  };
  const watch = new MutationObserver(sync);
  watch.observe(overlay, { childList: true, subtree: true });
  sync();
  return { sync, stop: () => watch.disconnect() };
}
