import { fill, focusHeading, h } from '../dom.ts';
import type { Session } from '../session.ts';

/**
 * Offers the game as a save file, named for its seed and week; returns what to tell the player. A save holds the
 * orders a side has sealed this week: at one device, while the other side is still to choose, only the facilitator
 * (`facilitator`, past the desk's PIN) may take one (the browser's own copy leaves them out: Session.toStoredSave).
 */
export function exportSave(session: Session, facilitator: boolean, overlay: HTMLElement, closed: () => void): string {
  if (!facilitator && session.sealedWhileOtherChooses !== null) {
    const text =
      'Not now: a save made now would hold the orders one side has sealed this week. Export it once the week is played.';
    const card = cardIn(overlay, 'export-refused', 'No save mid-week', closed, (close) => [
      h('p', {}, text),
      h('div', { className: 'commit' }, h('button', { id: 'export-refused-ok', onclick: close }, 'OK')),
    ]);
    card.setAttribute('role', 'alertdialog');
    focusHeading(card);
    return text;
  }
  const save = session.toSave(new Date().toISOString());
  const name = `two-boxers-${session.settings.seed}-week${session.state.turn}.json`;
  const url = URL.createObjectURL(new Blob([JSON.stringify(save, null, 1)], { type: 'application/json' }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return `Saved to ${name}`;
}

/**
 * A dialog in `overlay` with the game's link in a field to copy: clipboard access is not granted everywhere (nor in
 * every test). `closed` runs when it closes, to give the focus back.
 */
export function showShareLink(
  session: Session,
  overlay: HTMLElement,
  announce: (text: string) => void,
  closed: () => void,
): void {
  const link = `${location.origin}${location.pathname}#g=${session.toShareCode()}`;
  const field = h('input', { id: 'share-link', readonly: true, value: link, 'aria-label': 'Link to this game' });
  cardIn(overlay, 'share-title', 'Share this game', closed, (close) => [
    h(
      'p',
      {},
      'This link opens the same game, at this week, in another browser. It carries the seed and every order given so far, so only share it with someone who may see your side’s orders.',
    ),
    field,
    h(
      'div',
      { className: 'commit' },
      h(
        'button',
        {
          className: 'primary',
          onclick: () => {
            field.select();
            navigator.clipboard?.writeText(link).then(
              () => announce('Link copied.'),
              () => announce('Select the link and copy it.'),
            );
          },
        },
        'Copy the link',
      ),
      h('button', { id: 'share-close', onclick: close }, 'Close'),
    ),
  ]);
  field.select();
  field.focus();
}

/**
 * A modal card in `overlay` under a titled heading, with `body` built around its `close` (Escape closes it too);
 * `closed` runs after it closes, to give the focus back.
 */
function cardIn(
  overlay: HTMLElement,
  titleId: string,
  title: string,
  closed: () => void,
  body: (close: () => void) => (HTMLElement | null)[],
): HTMLElement {
  const close = () => {
    fill(overlay);
    closed();
  };
  const card = h(
    'div',
    { className: 'card', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, title),
    ...body(close),
  );
  card.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });
  fill(overlay, h('div', { className: 'overlay' }, card));
  return card;
}
