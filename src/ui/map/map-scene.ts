import Phaser from 'phaser';
import type { AirDefence, AttackKind, GameEvent, Scenario, SeatView } from '../../engine/index.ts';
import { type MapAsset, projectLonLat } from '../map-projection.ts';
import { animateEvent, animates, applyInstant, captionBoxes, Runner, type Stage } from './animate.ts';
import { Backdrop, css } from './backdrop.ts';
import { BADGE, badgeTexture, drawIcon, ICON, ICONS, MARKER_R, makeIcons, TEX } from './icons.ts';
import { type Box, markerBox, type PlacedLabel, type PlacedMarker, type Point } from './layout.ts';
import {
  CITY_STYLE,
  countryStyle,
  findPlan,
  HANDED_COLOUR,
  labelStyle,
  type MapPlan,
  planInputs,
  SUB_STYLE,
} from './plan.ts';
import {
  airDefenceLetter,
  BORDER,
  FONT,
  formatTroops,
  IRAQ,
  IRAQ_BORDER,
  LAND,
  OUTLINE,
  OUTLINE_CSS,
  SEA_CSS,
  shortName,
} from './style.ts';

type Site = Scenario['sites'][number];

/** What the map shows of a site; `show(view)` rewrites it and events change it as they play. */
interface SiteState {
  handedOver: boolean;
  garrison: number | null; // null: not a base
  airDefence: AirDefence;
  struck: boolean;
}

interface SiteSprite {
  site: Site;
  short: string;
  at: Point;
  isBase: boolean;
  marker: Phaser.GameObjects.Image;
  scorch: Phaser.GameObjects.Image;
  /** The air-defence tag on the marker's corner. */
  badge: Phaser.GameObjects.Image;
  /** Where the name goes (drawn on the backdrop, with the "(handed over)" line under it); null until placed. */
  label: PlacedLabel | null;
  state: SiteState;
  /**
   * Whether Phaser draws the marker, scorch mark and badge (the images above) rather than the backdrop. A site is
   * lifted once the pointer, the focus or an animation needs its marker live, and stays so.
   */
  lifted: boolean;
}

/** Callbacks the scene reports pointer activity to (the map's public callbacks, already guarded). */
export interface SceneHooks {
  hover(siteId: string | null): void;
  select(siteId: string): void;
  /** The first frame is drawn and the names are on the backdrop: the map is complete. */
  ready(): void;
  /** Building the map threw: createMap rejects instead of waiting forever. */
  failed(error: unknown): void;
}

const DEPTH = { marker: 10, ring: 12, focusLabel: 13, badge: 14, hit: 20 } as const;
/** Longest any one event may hold play() at speed 1 (the longest animation is about 1 s). */
const WATCHDOG_MS = 4000;
const KEY_MARK = { fontStyle: 'bold', px: 20, family: FONT, colour: '#ffcc66', stroke: OUTLINE_CSS, strokeWidth: 4 };
/** How long after the map is ready WebGL gets its first draw (warmUp). */
const WARM_UP_MS = 400;
const LABEL_COLOURS: Record<Site['kind'], string> = {
  'us-base': '#e6f0ff',
  embassy: '#e6f0ff',
  'proxy-site': '#ffe3dd',
  economic: '#ffedcf',
  foreign: '#e8eaec',
  city: '#f4f1e8',
};

/**
 * The map: a backdrop behind the game canvas (countries, borders, names, leader lines, and the site names with their
 * garrisons, redrawn when those change) under live site markers that show state and take the pointer. One scene;
 * everything is placed in world pixels (1600x1000, the asset's), and a fixed camera zoom fits the world into the
 * canvas.
 */
export class MapScene extends Phaser.Scene implements Stage {
  runner!: Runner;
  readonly world: { w: number; h: number };
  /**
   * Canvas pixels per world pixel. The canvas is sized to what the screen shows (see createMap), and the camera
   * zooms the 1600x1000 world into it, so nothing is drawn at 4x the pixels it is displayed at.
   */
  zoom = 1;
  private readonly sprites = new Map<string, SiteSprite>();
  private readonly attacks = new Map<number, { at: Point; kind: AttackKind }>();
  private focusRing: Phaser.GameObjects.Image | null = null;
  private focusLabel: Phaser.GameObjects.Image | null = null;
  private focusTween: Phaser.Tweens.Tween | null = null;
  private focused: string | null = null;
  private hovered: string | null = null;
  private embassyId: string | null = null;
  private backdrop: Backdrop | null = null;
  /** What the backdrop's site names say now, so a show() that changes nothing redraws nothing. */
  private labelsShown = '';
  /** Where the site and city names are: captions keep clear of them. */
  private names: Box[] = [];
  /** Where the site markers are: captions keep clear of them too. */
  private markers: Box[] = [];
  private readonly keyBases: Set<string>;
  /** Plays running: the loop stays awake between their tweens. */
  private busy = 0;
  /** Frames in a row with nothing moving; the loop sleeps after a few. */
  private idle = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly asset: MapAsset,
    /** Plans computed at build time (assets/map/layouts.json), used when one was made from the same inputs. */
    private readonly shipped: readonly MapPlan[],
    private readonly hooks: SceneHooks,
  ) {
    super({ key: 'map' });
    this.world = { w: asset.width, h: asset.height };
    this.keyBases = new Set(scenario.us.bases.filter((b) => b.key).map((b) => b.site));
  }

  /**
   * Builds the whole map before the first frame, which is cheap with a shipped plan (plan.ts). The map is ready once
   * that frame is drawn.
   */
  create(): void {
    performance.mark('two-boxers:map-scene');
    this.zoom = this.scale.width / this.world.w;
    this.cameras.main.setZoom(this.zoom).centerOn(this.world.w / 2, this.world.h / 2);
    this.runner = new Runner(this);
    try {
      makeIcons(this);
      this.embassyId = this.scenario.sites.find((s) => s.kind === 'embassy')?.id ?? null;
      this.build();
    } catch (error) {
      this.hooks.failed(error);
      return;
    }
    this.game.events.once(Phaser.Core.Events.POST_RENDER, () => {
      // Software WebGL (SwiftShader) compiles its shaders at the first draw: send the frame to the GPU process now,
      // so that it works on it while the page reacts to the map being ready, rather than when the frame is shown.
      this.flushDraws();
      this.hooks.ready();
      setTimeout(() => this.warmUp(), WARM_UP_MS);
    });
  }

  /**
   * The first frame leaves WebGL nothing to draw (the backdrop shows every marker). Once the page has settled, one
   * draw of an image too faint to see makes software WebGL compile its pipeline then, not at the first hover.
   */
  private warmUp(): void {
    if (this.runner.stopped) return;
    const faint = this.add.image(this.world.w / 2, this.world.h / 2, ICONS, TEX.dot).setAlpha(0.002);
    this.game.events.once(Phaser.Core.Events.POST_RENDER, () => faint.destroy());
    this.wake();
  }

  /** Sends the draw calls made so far to the GPU process without waiting for them, so it starts on them at once. */
  private flushDraws(): void {
    const renderer = this.game.renderer;
    if (renderer instanceof Phaser.Renderer.WebGL.WebGLRenderer) renderer.gl.flush();
  }

  /**
   * The map renders on demand: after a few frames with nothing moving the game loop sleeps (the drawing buffer is
   * preserved, so the canvas keeps its picture) and anything that changes the picture wakes it. An idle turn-based
   * screen then costs nothing, where it would otherwise redraw 1600x1000 pixels 60 times a second.
   */
  override update(): void {
    if (this.busy > 0 || this.tweens.getTweens().length > 0) {
      this.idle = 0;
      return;
    }
    if (++this.idle >= 4) {
      this.idle = 0;
      this.game.loop.sleep();
    }
  }

  /**
   * Restarts the loop if it sleeps. Tweens keep their own wall clock and skip long gaps (TweenManager#getDelta), so
   * nothing jumps when the loop wakes.
   */
  wake(): void {
    this.idle = 0;
    const loop = this.game?.loop;
    if (loop && !loop.running) loop.wake();
  }

  // ---- Building ---------------------------------------------------------------------------------------------------

  private project(lat: number, lon: number): Point {
    const [x, y] = projectLonLat(this.asset.projection, lon, lat);
    return { x, y };
  }

  /**
   * Puts the markers where the plan says, and draws the backdrop: countries, borders, leader lines, country and city
   * names, arrows toward off-map places, and the site names, which take the pointer like their markers.
   */
  private build(): void {
    const { scenario } = this;
    const backdrop = new Backdrop(this.game, this.zoom, SEA_CSS);
    this.backdrop = backdrop;
    const names = backdrop.names;
    const plan = findPlan(planInputs(scenario, this.asset, names), this.asset, this.shipped);
    const labels = new Map(plan.labels.map((l) => [l.id, l]));
    this.names = plan.labels.map((l) => l.box);
    this.markers = plan.markers.map(markerBox);
    const baseIds = new Set(scenario.us.bases.map((b) => b.site));
    // The plan lists the markers in the scenario's order.
    for (const [i, site] of scenario.sites.entries()) {
      this.sprites.set(site.id, this.makeSprite(site, plan.markers[i]!, baseIds.has(site.id)));
    }
    this.input.on(
      'gameout',
      () => {
        if (this.hovered) this.setHover(null);
      },
      this,
    );

    backdrop.setStill((ctx) => {
      this.drawCountries(ctx);
      this.drawLeaders(ctx, plan.markers, labels, plan.cityMarkers);
      for (const n of plan.countryNames)
        names.draw(ctx, n.text, countryStyle(n.iraq), n.at, { x: 0, y: 0 }, n.iraq ? 0.5 : 0.55);
      for (const c of plan.cities) {
        if (c.dot) drawIcon(ctx, this, TEX.city, c.at.x, c.at.y);
        const l = labels.get(c.id);
        if (l) names.draw(ctx, c.name, CITY_STYLE, l.anchor, { x: l.originX, y: 0.5 });
      }
      for (const m of plan.markers) {
        if (!m.offMap) continue;
        const reach = MARKER_R + 14;
        drawIcon(
          ctx,
          this,
          TEX.arrow,
          m.at.x + m.offMap.x * reach,
          m.at.y + m.offMap.y * reach,
          Math.atan2(m.offMap.y, m.offMap.x),
        );
      }
    });

    for (const s of this.sprites.values()) {
      const l = labels.get(s.site.id)!;
      s.label = l;
      this.listen(this.add.zone(l.box.x, l.box.y, l.box.w, l.box.h).setOrigin(0), s.site.id);
    }
    this.paintLabels();
  }

  private drawCountries(ctx: CanvasRenderingContext2D): void {
    const trace = (rings: readonly (readonly number[])[]): void => {
      ctx.beginPath();
      for (const r of rings) {
        ctx.moveTo(r[0]!, r[1]!);
        for (let i = 2; i + 1 < r.length; i += 2) ctx.lineTo(r[i]!, r[i + 1]!);
        ctx.closePath();
      }
    };
    const stroke = (width: number, colour: number, alpha: number): void => {
      ctx.lineWidth = width;
      ctx.strokeStyle = css(colour);
      ctx.globalAlpha = alpha;
      ctx.stroke();
    };
    ctx.save();
    ctx.lineJoin = 'round';
    for (const c of this.asset.countries) {
      trace(c.rings);
      ctx.fillStyle = css(c.id === 'IRQ' ? IRAQ : LAND);
      ctx.fill();
    }
    for (const c of this.asset.countries) {
      if (c.id === 'IRQ') continue;
      trace(c.rings);
      stroke(2.5, BORDER, 1);
    }
    // Iraq's border last and brighter: the board the game is played on.
    const iraq = this.asset.countries.find((c) => c.id === 'IRQ');
    if (iraq) {
      trace(iraq.rings);
      stroke(7, BORDER, 1);
      stroke(3.5, IRAQ_BORDER, 0.9);
    }
    ctx.restore();
  }

  /** Leader lines: from a displaced marker back to its true spot (a small dot), and from a moved label to its marker. */
  private drawLeaders(
    ctx: CanvasRenderingContext2D,
    placed: readonly PlacedMarker[],
    labels: ReadonlyMap<string, PlacedLabel>,
    cities: readonly PlacedMarker[],
  ): void {
    const line = (a: Point, b: Point, width: number, colour: number, alpha: number): void => {
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.lineWidth = width;
      ctx.strokeStyle = css(colour);
      ctx.globalAlpha = alpha;
      ctx.stroke();
    };
    const dot = (p: Point, r: number, colour: number): void => {
      ctx.beginPath();
      ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
      ctx.fillStyle = css(colour);
      ctx.globalAlpha = 1;
      ctx.fill();
    };
    ctx.save();
    for (const m of placed) {
      const d = Math.hypot(m.at.x - m.truth.x, m.at.y - m.truth.y);
      if (m.offMap || d < 8) continue;
      line(m.truth, m.at, 5, OUTLINE, 0.9);
      line(m.truth, m.at, 2, 0xffffff, 0.9);
      dot(m.truth, 5.5, OUTLINE);
      dot(m.truth, 3, 0xffffff);
    }
    for (const m of [...placed, ...cities]) {
      const l = labels.get(m.id);
      if (!l?.leader) continue;
      const [a, b] = l.leader;
      line(a, b, 5, OUTLINE, 0.85);
      line(a, b, 2, 0xe8e2cf, 0.95);
    }
    ctx.restore();
  }

  private makeSprite(site: Site, m: PlacedMarker, isBase: boolean): SiteSprite {
    const { x, y } = m.at;
    const marker = this.add.image(x, y, ICONS, this.textureFor(site, false)).setDepth(DEPTH.marker);
    const scorch = this.add
      .image(x, y + 3, ICONS, TEX.scorch)
      .setDepth(DEPTH.marker + 1)
      .setVisible(false);
    const badge = this.add
      .image(x + 16, y - 16, ICONS, TEX.badge)
      .setDepth(DEPTH.badge)
      .setVisible(false);
    this.listen(this.add.zone(x, y, ICON + 4, ICON + 4), site.id);
    const sprite: SiteSprite = {
      site,
      short: shortName(site),
      at: { x, y },
      isBase,
      marker,
      scorch,
      badge,
      label: null,
      state: { handedOver: false, garrison: null, airDefence: 'none', struck: false },
      lifted: false,
    };
    const base = this.scenario.us.bases.find((b) => b.site === site.id);
    if (base) {
      sprite.state = {
        handedOver: base.handedOver,
        garrison: base.garrison,
        airDefence: base.airDefence,
        struck: false,
      };
    }
    this.render_(sprite);
    return sprite;
  }

  /**
   * Makes a zone report the pointer for a site: the marker's square, or the room its name may ever need (its widest
   * state's box).
   */
  private listen(zone: Phaser.GameObjects.Zone, siteId: string): void {
    zone.setDepth(DEPTH.hit).setInteractive({ useHandCursor: true });
    zone.on('pointerover', () => this.setHover(siteId));
    zone.on('pointerout', () => {
      if (this.hovered === siteId) this.setHover(null);
    });
    zone.on('pointerdown', (p: Phaser.Input.Pointer) => {
      // With window events on, a click on an HTML control laid over the canvas also reaches Phaser (PHASER4.md §6).
      if (p.downElement === this.game.canvas) this.hooks.select(siteId);
    });
  }

  private textureFor(site: Site, handedOver: boolean): (typeof TEX)[keyof typeof TEX] {
    if (handedOver) return TEX.handed;
    switch (site.kind) {
      case 'us-base':
        return TEX.base;
      case 'embassy':
        return TEX.embassy;
      case 'proxy-site':
        return TEX.proxy;
      case 'economic':
        return TEX.economic;
      case 'foreign':
        return TEX.foreign;
      case 'city':
        return TEX.city;
    }
  }

  /**
   * Puts a site's state on its images: marker shape, scorch mark, air-defence badge, shown only while the site is
   * lifted. The backdrop draws the others (and the names) in paintLabels.
   */
  private render_(s: SiteSprite): void {
    const { state } = s;
    s.marker.setTexture(ICONS, this.textureFor(s.site, state.handedOver)).setVisible(s.lifted);
    s.scorch.setVisible(s.lifted && state.struck);
    const letter = this.badgeLetter(s);
    // The backdrop exists before any marker (build makes it first); its painter has the fonts measured.
    if (letter)
      s.badge.setTexture(badgeTexture(this, letter, this.zoom, this.backdrop!.names)).setDisplaySize(BADGE, BADGE);
    s.badge.setVisible(s.lifted && letter !== null);
  }

  private badgeLetter(s: SiteSprite): string | null {
    return s.state.handedOver ? null : airDefenceLetter(s.state.airDefence);
  }

  /**
   * Draws the markers of the sites not lifted on the backdrop, above the names, as Phaser would draw their images:
   * every marker, then every scorch mark, then every badge, each at its image's place and size. A first frame
   * with nothing for WebGL to draw comes much sooner under software WebGL, which compiles its pipeline on the first
   * draw.
   */
  private drawMarkers(ctx: CanvasRenderingContext2D, still: readonly SiteSprite[]): void {
    for (const s of still) drawIcon(ctx, this, this.textureFor(s.site, s.state.handedOver), s.at.x, s.at.y);
    for (const s of still) if (s.state.struck) drawIcon(ctx, this, TEX.scorch, s.at.x, s.at.y + 3);
    for (const s of still) {
      const letter = this.badgeLetter(s);
      if (!letter) continue;
      const source = this.textures.get(badgeTexture(this, letter, this.zoom, this.backdrop!.names)).getSourceImage();
      ctx.drawImage(source as CanvasImageSource, s.at.x + 16 - BADGE / 2, s.at.y - 16 - BADGE / 2, BADGE, BADGE);
    }
  }

  /** Room a site's images may take: the hover's larger marker, the badge, the pulsing focus ring. */
  private static readonly REACH = 48;

  /**
   * Hands a site's marker to Phaser (for the pointer, the focus or an animation), with every site whose images may
   * overlap it or `region` (and theirs in turn), so that what overlaps keeps the order Phaser's depths give it.
   */
  private lift(id: string, region?: { x: number; y: number; w: number; h: number }): void {
    const start = this.sprites.get(id);
    if (!start) return;
    const r = MapScene.REACH;
    const near = (s: SiteSprite, b: { x: number; y: number; w: number; h: number }): boolean =>
      s.at.x + r > b.x && s.at.x - r < b.x + b.w && s.at.y + r > b.y && s.at.y - r < b.y + b.h;
    const boxOf = (s: SiteSprite) => ({ x: s.at.x - r, y: s.at.y - r, w: 2 * r, h: 2 * r });
    const todo = [start, ...(region ? [...this.sprites.values()].filter((s) => near(s, region)) : [])];
    let changed = false;
    while (todo.length > 0) {
      const s = todo.pop()!;
      if (s.lifted) continue;
      s.lifted = true;
      changed = true;
      this.render_(s);
      const b = boxOf(s);
      for (const o of this.sprites.values()) if (!o.lifted && near(o, b)) todo.push(o);
    }
    if (changed) {
      this.wake();
      this.paintLabels();
    }
  }

  /** What a site's name says: with the garrison of a base in service. */
  private labelText(s: SiteSprite): string {
    const { state } = s;
    const troops = s.isBase && !state.handedOver && state.garrison !== null ? ` · ${formatTroops(state.garrison)}` : '';
    return `${s.short}${troops}`;
  }

  /**
   * Redraws the site names on the backdrop, with "(handed over)" under a base handed over, and the markers not
   * lifted, when any of them changed.
   */
  private paintLabels(): void {
    const backdrop = this.backdrop;
    if (!backdrop) return;
    const shown = [...this.sprites.values()].map((s) => ({ s, text: this.labelText(s) }));
    if (shown.some(({ s }) => s.label === null)) return;
    const key = shown
      .map(({ s, text }) =>
        s.lifted
          ? `${text}|${s.state.handedOver}`
          : `${text}|${s.state.handedOver}|${s.state.struck}|${this.badgeLetter(s)}`,
      )
      .join('\n');
    if (key === this.labelsShown) return;
    this.labelsShown = key;
    const still = shown.flatMap(({ s }) => (s.lifted ? [] : [s]));
    backdrop.paint((ctx) => {
      for (const { s } of shown) this.drawLabel(ctx, s);
      this.drawMarkers(ctx, still);
      for (const { s } of shown) this.drawKeyMark(ctx, s);
    });
    this.paintFocusLabel();
  }

  /** Draws a site's name (and "(handed over)" under a base handed over) at its place, in world pixels. */
  private drawLabel(ctx: CanvasRenderingContext2D, s: SiteSprite): void {
    const l = s.label;
    if (!l || !this.backdrop) return;
    const { names } = this.backdrop;
    const colour = s.state.handedOver ? HANDED_COLOUR : LABEL_COLOURS[s.site.kind];
    const origin = { x: l.originX, y: 0 };
    const h = names.draw(ctx, this.labelText(s), labelStyle(colour), { x: l.anchor.x, y: l.box.y }, origin);
    if (s.state.handedOver) names.draw(ctx, '(handed over)', SUB_STYLE, { x: l.anchor.x, y: l.box.y + h - 6 }, origin);
  }

  /** A star on the lower corner of a key base's marker: a base the US must hold to win. */
  private drawKeyMark(ctx: CanvasRenderingContext2D, s: SiteSprite): void {
    if (!this.keyBases.has(s.site.id) || !this.backdrop) return;
    this.backdrop.names.draw(ctx, '★', KEY_MARK, { x: s.at.x - 16, y: s.at.y + 16 }, { x: 0.5, y: 0.5 });
  }

  /**
   * The focused site's name drawn again above its ring, which would otherwise cover the name's first letters (the
   * names lie on the backdrop, under everything Phaser draws).
   */
  private paintFocusLabel(): void {
    const s = this.focused ? this.sprites.get(this.focused) : undefined;
    const l = s?.label;
    if (!s || !l) {
      this.focusLabel?.setVisible(false);
      return;
    }
    const pad = 8; // room for the outline around the box
    const key = 'map-focus-label';
    let texture = this.textures.exists(key) ? (this.textures.get(key) as Phaser.Textures.CanvasTexture) : null;
    if (!texture) {
      // One texture for every site: as big as the biggest name box.
      const boxes = [...this.sprites.values()].flatMap((o) => (o.label ? [o.label.box] : []));
      const w = Math.ceil((Math.max(...boxes.map((b) => b.w)) + 2 * pad) * this.zoom);
      const h = Math.ceil((Math.max(...boxes.map((b) => b.h)) + 2 * pad) * this.zoom);
      texture = this.textures.createCanvas(key, w, h)!;
      this.focusLabel = this.add
        .image(0, 0, key)
        .setOrigin(0)
        .setScale(1 / this.zoom)
        .setDepth(DEPTH.focusLabel);
    }
    const ctx = texture.getContext();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, texture.width, texture.height);
    ctx.setTransform(this.zoom, 0, 0, this.zoom, (pad - l.box.x) * this.zoom, (pad - l.box.y) * this.zoom);
    this.drawLabel(ctx, s);
    texture.refresh();
    this.focusLabel?.setPosition(l.box.x - pad, l.box.y - pad).setVisible(true);
  }

  // ---- Public operations (called by the controller) ----------------------------------------------------------------

  /** Rewrites every site's state from a seat's view (MapController#show). */
  showView(view: SeatView): void {
    this.wake();
    const struck = new Set(view.strikes.map((s) => s.site));
    for (const s of this.sprites.values()) {
      const base = view.us.bases.find((b) => b.site === s.site.id);
      s.state = base
        ? { handedOver: base.handedOver, garrison: base.garrison, airDefence: base.airDefence, struck: false }
        : { handedOver: false, garrison: null, airDefence: 'none', struck: struck.has(s.site.id) };
      this.render_(s);
    }
    this.paintLabels();
    for (const a of view.attacks) {
      const at = this.sitePoint(a.target);
      if (at && !this.attacks.has(a.id)) this.attacks.set(a.id, { at, kind: a.kind });
    }
  }

  /** Animates events in order (MapController#play); speed 0 or less applies their end states at once. */
  async playEvents(events: readonly GameEvent[], speed: number): Promise<void> {
    if (!(speed > 0)) {
      for (const e of events) {
        if (e.type === 'attack') {
          const at = e.kind === 'convoy-attack' ? this.convoyPoint(e.attackId) : this.sitePoint(e.target);
          if (at) this.rememberAttack(e.attackId, at, e.kind);
        }
        applyInstant(this, e);
      }
      this.wake();
      return;
    }
    const k = 1 / speed;
    // The HTML plays a turn one event at a time: most events show nothing here, and need no frame at all.
    events = events.filter(animates);
    if (events.length === 0) return;
    this.busy++;
    this.wake();
    try {
      for (const e of events) {
        if (this.runner.stopped) return;
        await this.playOne(e, k);
      }
    } finally {
      this.busy--;
    }
  }

  /**
   * One event, with a watchdog: the HTML waits on play() before it moves on, so an animation that cannot finish (a
   * background tab stops the frames; a bug) must not hold the game. Past its time the event's end state is applied
   * and the sequence moves on; the animation, if it ever resumes, only repeats that end state.
   */
  private async playOne(e: GameEvent, k: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), WATCHDOG_MS * k);
    });
    try {
      const outcome = await Promise.race([animateEvent(this, e, k).then(() => 'done' as const), late]);
      if (outcome === 'late') applyInstant(this, e);
    } catch (error) {
      applyInstant(this, e);
      console.error('map: the animation of a', e.type, 'event failed', error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A pulsing ring around one site, or none (MapController#focus). */
  focusSite(id: string | null): void {
    this.wake();
    if (this.focusTween) {
      this.focusTween.stop();
      this.focusTween.remove();
      this.focusTween = null;
    }
    this.focusRing?.destroy();
    this.focusRing = null;
    const s = id ? this.sprites.get(id) : undefined;
    this.focused = s ? s.site.id : null;
    // With the room around the name drawn again above the ring (paintFocusLabel's pad).
    const box = s?.label?.box;
    if (s) this.lift(s.site.id, box ? { x: box.x - 8, y: box.y - 8, w: box.w + 16, h: box.h + 16 } : undefined);
    this.paintFocusLabel();
    if (!s) return;
    const ring = this.add.image(s.at.x, s.at.y, ICONS, TEX.focus).setDepth(DEPTH.ring);
    this.focusRing = ring;
    this.focusTween = this.tweens.add({
      targets: ring,
      scale: { from: 1, to: 1.3 },
      alpha: { from: 1, to: 0.6 },
      duration: 650,
      yoyo: true,
      repeat: -1,
      ease: 'Sine.easeInOut',
    });
  }

  /** The site the ring is on, if any. */
  get focusedSite(): string | null {
    return this.focused;
  }

  /** Where a site's marker is in game pixels (equal to world pixels: the camera never moves). */
  markerPoint(id: string): Point | null {
    const s = this.sprites.get(id);
    return s ? { ...s.at } : null;
  }

  /** Settles every pending animation: the map is being destroyed. */
  stopAll(): void {
    this.runner?.abort();
  }

  private setHover(id: string | null): void {
    if (this.hovered === id) return;
    const old = this.hovered ? this.sprites.get(this.hovered) : undefined;
    old?.marker.setScale(1);
    this.hovered = id;
    if (id) this.lift(id);
    const s = id ? this.sprites.get(id) : undefined;
    s?.marker.setScale(1.2);
    this.hooks.hover(id);
  }

  // ---- Stage (what the animations use) -----------------------------------------------------------------------------

  get host(): Phaser.Scene {
    return this;
  }

  sitePoint(id: string): Point | null {
    return this.markerPoint(id);
  }

  nameBoxes(): readonly Box[] {
    return this.names;
  }

  markerBoxes(): readonly Box[] {
    return this.markers;
  }

  /** The place names' boxes and the captions showing now, in world px. */
  onScreen(): { names: Box[]; captions: Box[] } {
    return { names: [...this.names], captions: captionBoxes(this) };
  }

  markerOf(id: string): Phaser.GameObjects.Image | null {
    this.lift(id);
    return this.sprites.get(id)?.marker ?? null;
  }

  hubPoint(): Point | null {
    return this.sitePoint(this.scenario.us.hub);
  }

  missileOrigin(): Point {
    const tehran = this.scenario.sites.find(
      (s) => s.id === 'tehran' || (s.kind === 'foreign' && /tehran/i.test(s.name)),
    );
    return (tehran && this.sitePoint(tehran.id)) ?? { x: this.world.w - 40, y: this.world.h * 0.35 };
  }

  convoyPoint(attackId: number): Point {
    // Supply convoys run up the road from Kuwait to Baghdad; the spot along it varies with the attack.
    const from = this.project(29.37, 47.98);
    const to = this.project(33.31, 44.39);
    const t = 0.25 + ((attackId * 0.618034) % 1) * 0.5;
    return { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
  }

  groupSite(group: string): string | null {
    return this.scenario.iran.proxySites.find((p) => p.group === group)?.site ?? null;
  }

  groupName(group: string): string {
    return this.scenario.iran.groups.find((g) => g.id === group)?.name ?? group;
  }

  embassy(): string | null {
    return this.embassyId;
  }

  attackTarget(attackId: number): { at: Point; kind: AttackKind } | null {
    return this.attacks.get(attackId) ?? null;
  }

  rememberAttack(attackId: number, at: Point, kind: AttackKind): void {
    this.attacks.set(attackId, { at, kind });
  }

  applyEnd(e: GameEvent): void {
    const id = e.type === 'strike' ? e.site : e.type === 'handover' || e.type === 'air-defence' ? e.base : null;
    const s = id ? this.sprites.get(id) : undefined;
    if (!s) return;
    if (e.type === 'strike') s.state = { ...s.state, struck: true };
    else if (e.type === 'handover') s.state = { ...s.state, handedOver: true, garrison: 0 };
    else if (e.type === 'air-defence') s.state = { ...s.state, airDefence: e.level };
    this.render_(s);
    this.paintLabels();
  }
}
