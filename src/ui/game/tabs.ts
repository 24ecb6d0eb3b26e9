import { fill, h } from '../dom.ts';
import { type ScreenState, TABS, type Tab } from './state.ts';

/**
 * The tab list and the one tab panel it controls. Which panel draws in `panel` is the screen's choice
 * (`panelContent` in game/state.ts): the orders tab shows the phase's own content. It needs no view to draw.
 */
export class Tabs {
  readonly el = h('div', { className: 'tabs', role: 'tablist', 'aria-label': 'Panels' });
  readonly panel = h('div', { className: 'tabpanel', role: 'tabpanel', id: 'panel' });

  constructor(private readonly choose: (tab: Tab) => void) {}

  render(state: ScreenState): void {
    fill(
      this.el,
      TABS.map((t) =>
        h(
          'button',
          {
            role: 'tab',
            id: `tab-${t.id}`,
            'aria-selected': t.id === state.tab ? 'true' : 'false',
            'aria-controls': 'panel',
            onclick: () => this.choose(t.id),
          },
          t.label,
        ),
      ),
    );
    this.panel.setAttribute('aria-labelledby', `tab-${state.tab}`);
  }
}
