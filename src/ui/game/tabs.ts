import { h } from '../dom.ts';
import { type ScreenState, TABS, type Tab } from './state.ts';

/**
 * The tab list and the one tab panel it controls. Which panel draws in `panel` is the screen's choice
 * (`panelContent` in game/state.ts): the orders tab shows the phase's own content. It needs no view to draw.
 * The buttons are made once and only their state changes, so the keyboard focus stays on the tab just chosen.
 *
 * The WAI-ARIA tabs pattern, with manual activation: the chosen tab alone is in the Tab order (roving tabindex), so
 * one Tab leads from the list into the panel; Left and Right move between tabs (wrapping), Home and End to the first
 * and last; Enter or Space chooses. Choosing is left to the player because a panel may take the focus as it draws
 * (the week's results put it on Continue), which would cut short a walk along the tabs.
 */
export class Tabs {
  readonly el = h('div', { className: 'tabs', role: 'tablist', 'aria-label': 'Panels' });
  readonly panel = h('div', { className: 'tabpanel', role: 'tabpanel', id: 'panel' });
  private readonly buttons: { id: Tab; button: HTMLButtonElement }[];

  constructor(choose: (tab: Tab) => void) {
    this.buttons = TABS.map((t) => ({
      id: t.id,
      button: h(
        'button',
        {
          role: 'tab',
          id: `tab-${t.id}`,
          'aria-selected': 'false',
          'aria-controls': 'panel',
          tabindex: -1,
          onclick: () => choose(t.id),
        },
        t.label,
      ),
    }));
    this.el.append(...this.buttons.map((b) => b.button));
    this.el.addEventListener('keydown', (e) => this.move(e));
  }

  render(state: ScreenState): void {
    for (const { id, button } of this.buttons) {
      button.setAttribute('aria-selected', id === state.tab ? 'true' : 'false');
      button.tabIndex = id === state.tab ? 0 : -1;
    }
    this.panel.setAttribute('aria-labelledby', `tab-${state.tab}`);
  }

  private move(e: KeyboardEvent): void {
    const at = this.buttons.findIndex((b) => b.button === document.activeElement);
    if (at < 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    const n = this.buttons.length;
    const to =
      e.key === 'ArrowRight'
        ? (at + 1) % n
        : e.key === 'ArrowLeft'
          ? (at - 1 + n) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : null;
    if (to === null) return;
    e.preventDefault();
    this.buttons[to]!.button.focus();
  }
}
