import { groupName, type SeatView } from '../../engine/index.ts';
import { fill, h, onPointerArrive } from '../dom.ts';
import { compact } from '../labels.ts';
import { capitalise } from '../words.ts';
import type { MapController } from '../map/index.ts';
import type { Session } from '../session.ts';
import type { Panel } from './panel.ts';

/**
 * The places on the map as a list of buttons, so the keyboard reaches every site the pointer can: focusing one rings
 * it on the map and opens its tooltip. The tooltip is this panel's too; the map's hover opens it as well.
 */
export class SitesPanel implements Panel {
  readonly tooltip = h('div', { className: 'tooltip', hidden: true, role: 'tooltip' });

  constructor(
    readonly el: HTMLElement,
    private readonly session: Session,
    private readonly screen: { readonly map: MapController | null; view(): SeatView },
  ) {}

  render(view: SeatView): void {
    const s = this.session.scenario;
    fill(
      this.el,
      h('h2', {}, 'Places on the map'),
      h(
        'p',
        { className: 'note' },
        'Focus a place to find it on the map. ★ marks a key base: the US must hold it to win.',
      ),
      h(
        'div',
        { className: 'sites' },
        s.sites.map((site) => {
          const button = h(
            'button',
            {
              onfocus: () => this.focusSite(site.id),
              onblur: () => this.focusSite(null),
              onclick: () => this.focusSite(site.id),
            },
            this.siteLine(view, site.id),
          );
          onPointerArrive(button, () => this.focusSite(site.id));
          return button;
        }),
      ),
    );
  }

  /** Shows a site's tooltip at a point of the screen, or hides it (no site, or the site is off the map). */
  showTooltip(id: string | null, at: { x: number; y: number } | null): void {
    const t = this.tooltip;
    if (id === null || at === null) {
      t.hidden = true;
      return;
    }
    const site = this.session.scenario.sites.find((x) => x.id === id);
    const line = this.siteLine(this.screen.view(), id);
    const detail = site && line.startsWith(`${site.name}: `) ? line.slice(site.name.length + 2) : line;
    fill(t, h('h3', {}, site?.name ?? id), capitalise(detail));
    t.hidden = false;
    t.style.left = `${Math.min(at.x + 14, window.innerWidth - 330)}px`;
    t.style.top = `${Math.max(8, at.y - 10)}px`;
  }

  hideTooltip(): void {
    this.tooltip.hidden = true;
  }

  private focusSite(id: string | null): void {
    const map = this.screen.map;
    map?.focus(id);
    this.showTooltip(id, id === null ? null : (map?.screenPosition(id) ?? null));
  }

  /** One line describing a site as the seat knows it: for the places list and the map tooltip. */
  private siteLine(view: SeatView, id: string): string {
    const s = this.session.scenario;
    const site = s.sites.find((x) => x.id === id);
    if (!site) return id;
    const base = view.us.bases.find((b) => b.site === id);
    if (base) {
      const key = s.us.bases.find((b) => b.site === id)?.key ? ' ★ Key base: the US must hold it to win.' : '';
      if (base.handedOver) return `${site.name}: handed over to Iraqi forces${key ? '.' : ''}${key}`;
      const ad =
        base.airDefence === 'patriot' ? 'Patriot and C-RAM' : base.airDefence === 'cram' ? 'C-RAM' : 'no air defence';
      return `${site.name}: ${compact(base.garrison)} personnel, ${ad}, exposure ${base.exposure}${base.handoverTurns > 0 ? ', handover under way' : ''}${key ? '.' : ''}${key}`;
    }
    const proxy = s.iran.proxySites.find((p) => p.site === id);
    if (proxy) {
      const struck = view.strikes.filter((x) => x.site === id).length;
      return `${site.name}: ${groupName(s, proxy.group)}${proxy.stateInstitution ? ' (a PMU position)' : ''}${struck ? `, struck ${struck} time${struck > 1 ? 's' : ''}` : ''}`;
    }
    return `${site.name}${site.note ? `: ${site.note}` : ''}`;
  }
}
