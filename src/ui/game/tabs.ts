import { h } from '../dom.ts';
import { type ScreenState, TABS, type Tab } from './state.ts';

/**
 * The tab list and the one tab panel it controls. Which panel draws in `panel` is the screen's choice
 * (`panelContent` in game/state.ts): the orders tab shows the phase's own content. It needs no view to draw.
 * The buttons are made once and only their state changes, so the keyboard focus stays on the tab just chosen.
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
          onclick: () => choose(t.id),
        },
        t.label,
      ),
    }));
    this.el.append(...this.buttons.map((b) => b.button));
  }

  render(state: ScreenState): void {
    for (const { id, button } of this.buttons)
      button.setAttribute('aria-selected', id === state.tab ? 'true' : 'false');
    this.panel.setAttribute('aria-labelledby', `tab-${state.tab}`);
  }
}
