import { fill, h } from './dom.ts';

/**
 * The warning before a game that is not over shows what its players must not see (who really fired, the other
 * side's orders): a file or link of an unfinished game may be opened by one of its players. Designers reviewing
 * their own runs need it all, so it is one explicit choice away, never the default. `id` prefixes the controls' ids.
 */
export function secretsWarning(id: string, what: string, reveal: () => void): HTMLElement {
  const box = h('div', { className: 'secrets-warning', id });
  const ask = () => {
    const yes = h(
      'button',
      { id: `${id}-confirm`, className: 'danger', onclick: () => reveal() },
      'Yes, show both sides’ secrets',
    );
    fill(
      box,
      h(
        'p',
        { role: 'alert' },
        h('strong', {}, 'This game is not over: '),
        `the facilitator’s view shows both sides’ secrets (${what}). A player of this game who sees it knows what the other side hides. Reveal it only if the game is yours to review, with no player watching.`,
      ),
      h(
        'div',
        { className: 'actions' },
        yes,
        h(
          'button',
          {
            id: `${id}-cancel`,
            onclick: () => {
              closed();
              box.querySelector<HTMLButtonElement>(`#${id}-open`)?.focus();
            },
          },
          'Keep them hidden',
        ),
      ),
    );
    yes.focus();
  };
  const closed = () =>
    fill(
      box,
      h(
        'p',
        { className: 'note' },
        'This game is not over, so only what its players may see is shown. ',
        h('button', { id: `${id}-open`, className: 'link', onclick: ask }, 'Reveal everything…'),
      ),
    );
  closed();
  return box;
}
