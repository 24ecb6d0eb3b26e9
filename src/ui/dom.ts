/** A small element builder: the UI is plain DOM (no framework), so our own code stays small beside Phaser. */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'className') el.className = String(value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el: HTMLElement, children: (Child | Child[])[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(el, child);
    else if (child === null || child === undefined || child === false) continue;
    else el.append(child instanceof Node ? child : String(child));
  }
}

/**
 * Calls `arrive` when a pointer moves onto `el`, not when `el` is drawn under a pointer at rest: the browser tells a
 * resting pointer it has entered whatever a redraw puts under it (pointerover, mouseenter), so a tooltip opened on
 * those opened at the start of a game wherever the mouse lay. Only a hand moving the pointer sends pointermove.
 */
export function onPointerArrive(el: HTMLElement, arrive: () => void): void {
  let inside = false;
  el.addEventListener('pointermove', () => {
    if (inside) return;
    inside = true;
    arrive();
  });
  el.addEventListener('pointerleave', () => {
    inside = false;
  });
}

/**
 * Replaces an element's children, leaving those already in place where they are: a node taken out of the page loses
 * the focus, and a menu its type-ahead, so a menu kept across a redraw must not be moved to be put back.
 */
export function refill(el: HTMLElement, children: readonly Node[]): void {
  let next = el.firstChild;
  for (const child of children) {
    if (child === next) next = next.nextSibling;
    else el.insertBefore(child, next);
  }
  while (next) {
    const gone = next;
    next = next.nextSibling;
    gone.remove();
  }
}

/** Replaces an element's children. */
export function fill(el: HTMLElement, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Moves keyboard focus to the first heading of a new screen, so screen readers announce it. */
export function focusHeading(root: HTMLElement): void {
  const heading = root.querySelector<HTMLElement>('h1, h2');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}
