import Phaser from 'phaser';
import type { GameEvent } from '../../engine/events.ts';
import type { AirDefence, AttackKind, Scenario } from '../../engine/scenario.ts';
import type { SeatView } from '../../engine/view.ts';
import { type MapAsset, projectLonLat } from '../map-projection.ts';
import { animateEvent, animates, applyInstant, Runner, type Stage } from './animate.ts';
import { Backdrop, css } from './backdrop.ts';
import type { NameStyle } from './canvas-text.ts';
import { BADGE, badgeTexture, drawIcon, ICON, ICONS, MARKER_R, makeIcons, TEX } from './icons.ts';
import {
  type Box,
  clusterColumns,
  type LabelInput,
  findFreeSpot,
  overlapArea,
  type PlacedLabel,
  type PlacedMarker,
  placeLabels,
  type Point,
  segmentHitsBox,
  spreadMarkers,
} from './layout.ts';
import {
  airDefenceLetter,
  BORDER,
  CITIES,
  FONT,
  formatTroops,
  IRAQ,
  IRAQ_BORDER,
  LABEL_PX,
  LABEL_STROKE,
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
}

/** What placing the markers leaves for placing the names. */
interface MarkerLayout {
  placed: PlacedMarker[];
  columns: ReturnType<typeof clusterColumns>;
  /** Each site's label size in its widest state, and the order labels choose their spots in. */
  labelInputs: LabelInput[];
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
const SUB_PX = 24;
const HANDED_COLOUR = '#c3c9ce';
/** The "(handed over)" line under a base's name. */
const SUB_STYLE: NameStyle = {
  fontStyle: 'bold italic',
  px: SUB_PX,
  family: FONT,
  colour: HANDED_COLOUR,
  stroke: OUTLINE_CSS,
  strokeWidth: 6,
};
const CITY_STYLE: NameStyle = {
  fontStyle: 'italic',
  px: 27,
  family: FONT,
  colour: '#f4f1e8',
  stroke: OUTLINE_CSS,
  strokeWidth: 6,
};

/** Longest any one event may hold play() at speed 1 (the longest animation is about 1 s). */
const WATCHDOG_MS = 4000;
/**
 * Sites whose true spots chain within this many world px become one callout column. 60 takes in the whole middle
 * Euphrates group of Two Boxers (Taji to Karbala, nine sites in 120 px), which no placement of 28 px names around
 * the real spots could keep legible at 1280x720.
 */
const CLUSTER_DISTANCE = 60;

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
  /** Plays running: the loop stays awake between their tweens. */
  private busy = 0;
  /** Frames in a row with nothing moving; the loop sleeps after a few. */
  private idle = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly asset: MapAsset,
    private readonly hooks: SceneHooks,
  ) {
    super({ key: 'map' });
    this.world = { w: asset.width, h: asset.height };
  }

  /**
   * Builds the map in two steps around the first frame: the markers first, then the names while the GPU process
   * draws that frame. Software WebGL (SwiftShader) compiles its shaders at the first draw, for 15-30 ms here, so the
   * GPU is also handed a throwaway draw before anything else: the compile then runs beside the layout work instead of
   * holding back the first frame. The map is ready once both steps are done.
   */
  create(): void {
    performance.mark('two-boxers:map-scene');
    this.warmUpShaders();
    this.zoom = this.scale.width / this.world.w;
    this.cameras.main.setZoom(this.zoom).centerOn(this.world.w / 2, this.world.h / 2);
    this.runner = new Runner(this);
    let markers: MarkerLayout;
    try {
      makeIcons(this);
      this.embassyId = this.scenario.sites.find((s) => s.kind === 'embassy')?.id ?? null;
      markers = this.placeMarkers();
    } catch (error) {
      this.hooks.failed(error);
      return;
    }
    this.game.events.once(Phaser.Core.Events.POST_RENDER, () => {
      this.flushDraws();
      try {
        this.placeNames(markers);
      } catch (error) {
        this.hooks.failed(error);
        return;
      }
      this.hooks.ready();
    });
  }

  /** Draws one image (Phaser's white texture) into a texture thrown away after the first frame, and sends it now. */
  private warmUpShaders(): void {
    const warm = this.textures.addDynamicTexture('map-warm-up', 4, 4);
    if (!warm) return;
    warm.stamp('__WHITE', undefined, 2, 2).render();
    this.flushDraws();
    this.game.events.once(Phaser.Core.Events.POST_RENDER, () => warm.destroy());
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

  private labelStyle(colour: string): NameStyle {
    return {
      fontStyle: 'bold',
      px: LABEL_PX,
      family: FONT,
      colour,
      stroke: OUTLINE_CSS,
      strokeWidth: LABEL_STROKE,
    };
  }

  /** Places the site markers (spread apart, clusters in callout columns) and puts them on the canvas. */
  private placeMarkers(): MarkerLayout {
    const { scenario, world } = this;
    const baseIds = new Set(scenario.us.bases.map((b) => b.site));
    const keyIds = new Set(scenario.us.bases.filter((b) => b.key).map((b) => b.site));
    const canHandOver = new Set(scenario.us.bases.filter((b) => b.canHandOver || b.handedOver).map((b) => b.site));

    const backdrop = new Backdrop(this.game, this.zoom, SEA_CSS);
    this.backdrop = backdrop;
    const names = backdrop.names;
    // 1. Labels, measured in their widest state so that no later state can run into a neighbour.
    const labelStyle = this.labelStyle(LABEL_COLOURS['us-base']);
    const measure = (text: string) => names.measure(text, labelStyle);
    const subProbe = names.measure('(handed over)', SUB_STYLE);
    const labelInputs = scenario.sites.map((s) => {
      const short = shortName(s);
      const widest = baseIds.has(s.id) ? measure(`${short} · 9.9k`) : measure(short);
      const two = canHandOver.has(s.id);
      return {
        id: s.id,
        w: Math.max(widest.w, two ? subProbe.w : 0),
        h: widest.h + (two ? subProbe.h - 6 : 0),
        // Key bases (the hub, Erbil, Union III) and the embassy choose their spots first.
        priority: keyIds.has(s.id) || s.kind === 'embassy' ? 0 : 1,
      };
    });
    const truth = scenario.sites.map((s) => ({ id: s.id, ...this.project(s.lat, s.lon), r: MARKER_R }));

    // 2. Crowded clusters (Baghdad) become callout columns; every other marker is spread apart where it overlaps
    // and pulled in from beyond the edge (Abqaiq), with an arrow toward the real place.
    const columns = clusterColumns(
      truth.map((t, i) => ({ ...t, w: labelInputs[i]!.w, h: labelInputs[i]!.h })),
      world,
      { distance: CLUSTER_DISTANCE },
    );
    const placed = spreadMarkers(
      truth.map((t) => {
        const fixed = columns.at.get(t.id);
        return fixed ? { ...t, fixed } : t;
      }),
      world,
    );
    for (const site of scenario.sites) {
      const m = placed.find((p) => p.id === site.id)!;
      this.sprites.set(site.id, this.makeSprite(site, m, baseIds.has(site.id)));
    }
    this.input.on(
      'gameout',
      () => {
        if (this.hovered) this.setHover(null);
      },
      this,
    );
    return { placed, columns, labelInputs };
  }

  /**
   * Places the names (sites, cities, countries) around the markers, draws the backdrop (countries, borders, leader
   * lines, names) and lets the site names take the pointer.
   */
  private placeNames({ placed, columns, labelInputs }: MarkerLayout): void {
    const { scenario, world } = this;
    const backdrop = this.backdrop!;
    const names = backdrop.names;

    // 3. Cities for orientation: only those inside the world and not already a site of the same name.
    const siteNames = new Set(scenario.sites.map((s) => shortName(s)));
    const cities = CITIES.map((c) => ({ ...c, at: this.project(c.lat, c.lon) })).filter(
      (c) => c.at.x > 20 && c.at.y > 20 && c.at.x < world.w - 20 && c.at.y < world.h - 20 && !siteNames.has(c.name),
    );
    // A city under a site's marker (Mosul, Kirkuk) takes its name beside that marker.
    const cover = (p: Point) => placed.find((m) => Math.hypot(m.at.x - p.x, m.at.y - p.y) < MARKER_R + 4);
    const cityMarkers: PlacedMarker[] = cities.map((c) => {
      const under = cover(c.at);
      return {
        id: `city:${c.name}`,
        truth: c.at,
        at: under ? { ...under.at } : c.at,
        r: under ? under.r : 7,
        offMap: null,
      };
    });
    // A city at the heart of a callout column (Baghdad) names the column instead: a title above its first row.
    const preset = new Map(columns.labels);
    const titles = new Set<string>();
    const cityLabels = cities.flatMap((c) => {
      const id = `city:${c.name}`;
      const { w, h } = names.measure(c.name, CITY_STYLE);
      const column = columns.columns.find((k) => Math.hypot(k.centre.x - c.at.x, k.centre.y - c.at.y) < 40);
      if (column) {
        const x = column.x - column.side * MARKER_R;
        const box = { x: column.side > 0 ? x : x - w, y: column.top - h + 2, w, h };
        preset.set(id, { id, box, originX: column.side > 0 ? 0 : 1, anchor: { x, y: box.y + h / 2 }, leader: null });
        titles.add(c.name);
        return [];
      }
      return [{ id, w, h, priority: 2, maxCost: 700, noLeader: true }];
    });

    const labels = placeLabels([...placed, ...cityMarkers], [...labelInputs, ...cityLabels], { world, preset });

    // 4. Country names fill the gaps the site labels leave, inside their country; tiny countries go unnamed.
    const taken: Box[] = [...labels.values()].map((l) => l.box);
    for (const m of [...placed, ...cityMarkers])
      taken.push({ x: m.at.x - m.r, y: m.at.y - m.r, w: 2 * m.r, h: 2 * m.r });
    const leaderLines = [...labels.values()].flatMap((l) => (l.leader ? [l.leader] : []));
    const countryNames: { text: string; style: NameStyle; alpha: number; at: Point }[] = [];
    for (const c of this.asset.countries) {
      const [lx, ly] = c.label;
      if (lx < 30 || ly < 30 || lx > world.w - 30 || ly > world.h - 30) continue;
      const iraq = c.id === 'IRQ';
      const text = c.name.toUpperCase();
      const style: NameStyle = {
        fontStyle: 'bold',
        px: iraq ? 46 : 30,
        family: FONT,
        colour: iraq ? '#f3ecd6' : '#b9c4c0',
        letterSpacing: iraq ? 10 : 5,
      };
      const size = names.measure(text, style);
      const bounds = ringBounds(c.rings);
      const spot = findFreeSpot({ x: lx, y: ly }, size.w, size.h, (b) => {
        // Cheapest tests first; the country test walks every border point.
        if (b.x < 8 || b.y < 8 || b.x + b.w > world.w - 8 || b.y + b.h > world.h - 8) return false;
        if (taken.some((o) => overlapArea(o, b) > 0)) return false;
        if (leaderLines.some(([a, z]) => segmentHitsBox(a, z, b))) return false;
        return this.fitsCountry(c.rings, bounds, b);
      });
      if (!spot) continue;
      taken.push(spot);
      countryNames.push({ text, style, alpha: iraq ? 0.5 : 0.55, at: spot });
    }

    // 5. What lies under the site names on the backdrop: countries, borders, leader lines, country and city names, and
    // arrows toward off-map places.
    backdrop.setStill((ctx) => {
      this.drawCountries(ctx);
      this.drawLeaders(ctx, placed, labels, cityMarkers);
      for (const n of countryNames) names.draw(ctx, n.text, n.style, n.at, { x: 0, y: 0 }, n.alpha);
      for (const [i, c] of cities.entries()) {
        const covered = titles.has(c.name) || cover(c.at) !== undefined;
        if (!covered) drawIcon(ctx, this, TEX.city, c.at.x, c.at.y);
        const l = labels.get(cityMarkers[i]!.id);
        if (l) names.draw(ctx, c.name, CITY_STYLE, l.anchor, { x: l.originX, y: 0.5 });
      }
      for (const m of placed) {
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

    // 6. The site names, which take the pointer like their markers.
    for (const s of this.sprites.values()) {
      const l = labels.get(s.site.id)!;
      s.label = l;
      this.listen(this.add.zone(l.box.x, l.box.y, l.box.w, l.box.h).setOrigin(0), s.site.id);
    }
    this.paintLabels();
  }

  /**
   * Whether a country name's box sits mostly inside the country (`bounds`: the box around its rings), so tiny
   * countries (Lebanon, Israel) go unnamed.
   */
  private fitsCountry(rings: readonly (readonly number[])[], bounds: Bounds, box: Box): boolean {
    const probes = [
      [box.x + box.w * 0.05, box.y + box.h * 0.2],
      [box.x + box.w * 0.95, box.y + box.h * 0.2],
      [box.x + box.w * 0.05, box.y + box.h * 0.8],
      [box.x + box.w * 0.95, box.y + box.h * 0.8],
      [box.x + box.w / 2, box.y + box.h / 2],
    ] as const;
    // A probe outside the country's bounds is outside every ring: most spots fail here, before the border walk.
    const inBounds = ([x, y]: readonly [number, number]) =>
      x >= bounds.x0 && x <= bounds.x1 && y >= bounds.y0 && y <= bounds.y1;
    if (!probes.every(inBounds)) return false;
    return probes.every(([x, y]) => rings.some((r) => pointInRing(r, x, y)));
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

  /** Puts a site's state on the canvas: marker shape, scorch mark, air-defence badge. Names follow in paintLabels. */
  private render_(s: SiteSprite): void {
    const { state } = s;
    s.marker.setTexture(ICONS, this.textureFor(s.site, state.handedOver));
    s.scorch.setVisible(state.struck);
    const letter = state.handedOver ? null : airDefenceLetter(state.airDefence);
    // The backdrop exists before any marker (placeMarkers makes it first); its painter has the fonts measured.
    if (letter)
      s.badge.setTexture(badgeTexture(this, letter, this.zoom, this.backdrop!.names)).setDisplaySize(BADGE, BADGE);
    s.badge.setVisible(letter !== null);
  }

  /** What a site's name says: with the garrison of a base in service. */
  private labelText(s: SiteSprite): string {
    const { state } = s;
    const troops = s.isBase && !state.handedOver && state.garrison !== null ? ` · ${formatTroops(state.garrison)}` : '';
    return `${s.short}${troops}`;
  }

  /** Redraws the site names on the backdrop when any of them changed, with "(handed over)" under a base handed over. */
  private paintLabels(): void {
    const backdrop = this.backdrop;
    if (!backdrop) return;
    const shown = [...this.sprites.values()].map((s) => ({ s, text: this.labelText(s) }));
    if (shown.some(({ s }) => s.label === null)) return;
    const key = shown.map(({ s, text }) => `${text}|${s.state.handedOver}`).join('\n');
    if (key === this.labelsShown) return;
    this.labelsShown = key;
    backdrop.paint((ctx) => {
      for (const { s } of shown) this.drawLabel(ctx, s);
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
    const h = names.draw(ctx, this.labelText(s), this.labelStyle(colour), { x: l.anchor.x, y: l.box.y }, origin);
    if (s.state.handedOver) names.draw(ctx, '(handed over)', SUB_STYLE, { x: l.anchor.x, y: l.box.y + h - 6 }, origin);
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

  markerOf(id: string): Phaser.GameObjects.Image | null {
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

/** The smallest and largest coordinates of some rings. */
interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The bounds of flat [x0, y0, x1, y1, ...] rings. */
function ringBounds(rings: readonly (readonly number[])[]): Bounds {
  const b = { x0: Number.POSITIVE_INFINITY, y0: Number.POSITIVE_INFINITY, x1: -Infinity, y1: -Infinity };
  for (const r of rings) {
    for (let i = 0; i + 1 < r.length; i += 2) {
      b.x0 = Math.min(b.x0, r[i]!);
      b.x1 = Math.max(b.x1, r[i]!);
      b.y0 = Math.min(b.y0, r[i + 1]!);
      b.y1 = Math.max(b.y1, r[i + 1]!);
    }
  }
  return b;
}

/** Even-odd point-in-polygon test on a flat [x0, y0, x1, y1, ...] ring. */
function pointInRing(r: readonly number[], x: number, y: number): boolean {
  let inside = false;
  const n = r.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = r[2 * i]!;
    const yi = r[2 * i + 1]!;
    const xj = r[2 * j]!;
    const yj = r[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
