import Phaser from 'phaser';
import type { GameEvent } from '../../engine/events.ts';
import type { AirDefence, AttackKind, Scenario } from '../../engine/scenario.ts';
import type { SeatView } from '../../engine/view.ts';
import { type MapAsset, projectLonLat } from '../map-projection.ts';
import { animateEvent, animates, applyInstant, Runner, type Stage } from './animate.ts';
import { ICON, MARKER_R, makeIcons, TEX } from './icons.ts';
import {
  type Box,
  clusterColumns,
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
  badgeBox: Phaser.GameObjects.Image;
  badge: Phaser.GameObjects.Text;
  label: Phaser.GameObjects.Text;
  sub: Phaser.GameObjects.Text;
  hit: Phaser.GameObjects.Zone;
  state: SiteState;
}

/** Callbacks the scene reports pointer activity to (the map's public callbacks, already guarded). */
export interface SceneHooks {
  hover(siteId: string | null): void;
  select(siteId: string): void;
  ready(): void;
  /** Building the map threw: createMap rejects instead of waiting forever. */
  failed(error: unknown): void;
}

const DEPTH = { static: 0, marker: 10, ring: 12, badge: 14, label: 20 } as const;
const SUB_PX = 24;
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
const HANDED_COLOUR = '#c3c9ce';

/**
 * The map: a baked static layer (countries, borders, names, leader lines) under live site markers that show state
 * and take the pointer. One scene; everything is placed in world pixels (1600x1000, the asset's), and a fixed camera
 * zoom fits the world into the canvas.
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
  private focusRing: Phaser.GameObjects.Graphics | null = null;
  private focusTween: Phaser.Tweens.Tween | null = null;
  private focused: string | null = null;
  private hovered: string | null = null;
  private embassyId: string | null = null;
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

  create(): void {
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
    this.hooks.ready();
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

  private labelStyle(kind: Site['kind']): Phaser.Types.GameObjects.Text.TextStyle {
    return {
      fontFamily: FONT,
      fontSize: `${LABEL_PX}px`,
      fontStyle: 'bold',
      color: LABEL_COLOURS[kind],
      stroke: OUTLINE_CSS,
      strokeThickness: LABEL_STROKE,
      resolution: this.zoom,
    };
  }

  private build(): void {
    const { scenario, world } = this;
    const baseIds = new Set(scenario.us.bases.map((b) => b.site));
    const keyIds = new Set(scenario.us.bases.filter((b) => b.key).map((b) => b.site));
    const canHandOver = new Set(scenario.us.bases.filter((b) => b.canHandOver || b.handedOver).map((b) => b.site));

    // 1. Labels, measured in their widest state so that no later state can run into a neighbour.
    const probe = this.add.text(0, 0, '', this.labelStyle('us-base')).setVisible(false);
    const subProbe = this.add.text(0, 0, '(handed over)', this.subStyle()).setVisible(false);
    const measure = (text: string): { w: number; h: number } => {
      probe.setText(text);
      return { w: probe.width, h: probe.height };
    };
    const labelInputs = scenario.sites.map((s) => {
      const short = shortName(s);
      const widest = baseIds.has(s.id) ? measure(`${short} · 9.9k`) : measure(short);
      const two = canHandOver.has(s.id);
      return {
        id: s.id,
        w: Math.max(widest.w, two ? subProbe.width : 0),
        h: widest.h + (two ? subProbe.height - 6 : 0),
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
    const byId = new Map(placed.map((p) => [p.id, p]));

    // 3. Cities for orientation: only those inside the world and not already a site of the same name.
    const siteNames = new Set(scenario.sites.map((s) => shortName(s)));
    const cities = CITIES.map((c) => ({ ...c, at: this.project(c.lat, c.lon) })).filter(
      (c) => c.at.x > 20 && c.at.y > 20 && c.at.x < world.w - 20 && c.at.y < world.h - 20 && !siteNames.has(c.name),
    );
    const cityStyle: Phaser.Types.GameObjects.Text.TextStyle = {
      fontFamily: FONT,
      fontSize: '27px',
      fontStyle: 'italic',
      color: '#f4f1e8',
      stroke: OUTLINE_CSS,
      strokeThickness: 6,
    };
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
      probe.setStyle(cityStyle).setText(c.name);
      const id = `city:${c.name}`;
      const { width: w, height: h } = probe;
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
    probe.destroy();
    subProbe.destroy();

    const labels = placeLabels([...placed, ...cityMarkers], [...labelInputs, ...cityLabels], { world, preset });

    // 4. Country names fill the gaps the site labels leave, inside their country; tiny countries go unnamed.
    const taken: Box[] = [...labels.values()].map((l) => l.box);
    for (const m of [...placed, ...cityMarkers])
      taken.push({ x: m.at.x - m.r, y: m.at.y - m.r, w: 2 * m.r, h: 2 * m.r });
    const leaderLines = [...labels.values()].flatMap((l) => (l.leader ? [l.leader] : []));
    const countryTexts: Phaser.GameObjects.Text[] = [];
    for (const c of this.asset.countries) {
      const [lx, ly] = c.label;
      if (lx < 30 || ly < 30 || lx > world.w - 30 || ly > world.h - 30) continue;
      const iraq = c.id === 'IRQ';
      const t = this.add
        .text(0, 0, c.name.toUpperCase(), {
          fontFamily: FONT,
          fontSize: iraq ? '46px' : '30px',
          fontStyle: 'bold',
          color: iraq ? '#f3ecd6' : '#b9c4c0',
          letterSpacing: iraq ? 10 : 5,
        })
        .setOrigin(0)
        .setAlpha(iraq ? 0.5 : 0.55)
        .setVisible(false);
      const spot = findFreeSpot({ x: lx, y: ly }, t.width, t.height, (b) => {
        if (b.x < 8 || b.y < 8 || b.x + b.w > world.w - 8 || b.y + b.h > world.h - 8) return false;
        if (!this.fitsCountry(c.rings, b)) return false;
        if (taken.some((o) => overlapArea(o, b) > 0)) return false;
        return !leaderLines.some(([a, z]) => segmentHitsBox(a, z, b));
      });
      if (!spot) {
        t.destroy();
        continue;
      }
      t.setPosition(spot.x, spot.y);
      taken.push(spot);
      countryTexts.push(t);
    }

    // 5. The static layer, drawn once into a texture (live Graphics re-triangulate every frame; PHASER4.md §3).
    const g = this.add.graphics().setVisible(false);
    this.drawCountries(g);
    this.drawLeaders(g, placed, labels, cityMarkers);
    const extras: Phaser.GameObjects.GameObject[] = [...countryTexts];
    for (const [i, c] of cities.entries()) {
      const covered = titles.has(c.name) || cover(c.at) !== undefined;
      if (!covered) extras.push(this.add.image(c.at.x, c.at.y, TEX.city).setVisible(false));
      const l = labels.get(cityMarkers[i]!.id);
      if (l) extras.push(this.add.text(l.anchor.x, l.anchor.y, c.name, cityStyle).setOrigin(l.originX, 0.5));
    }
    for (const m of placed) {
      if (!m.offMap) continue;
      const angle = Math.atan2(m.offMap.y, m.offMap.x);
      extras.push(
        this.add
          .image(m.at.x + m.offMap.x * (MARKER_R + 14), m.at.y + m.offMap.y * (MARKER_R + 14), TEX.arrow)
          .setRotation(angle),
      );
    }
    // Baked at the world's full 1600x1000 and shrunk by the camera (by at most half: see canvasSize), which smooths
    // the borders and names the way supersampling would; WebGL draws no antialiased lines into a texture.
    const rt = this.add.renderTexture(0, 0, world.w, world.h).setOrigin(0).setDepth(DEPTH.static);
    rt.draw(g);
    for (const e of extras) rt.draw(e);
    rt.render();
    g.destroy();
    for (const e of extras) e.destroy();

    // 6. Live markers and labels.
    for (const site of scenario.sites) {
      const m = byId.get(site.id)!;
      const l = labels.get(site.id)!;
      this.sprites.set(site.id, this.makeSprite(site, m, l, baseIds.has(site.id)));
    }
    this.input.on(
      'gameout',
      () => {
        if (this.hovered) this.setHover(null);
      },
      this,
    );
  }

  private subStyle(): Phaser.Types.GameObjects.Text.TextStyle {
    return {
      fontFamily: FONT,
      fontSize: `${SUB_PX}px`,
      fontStyle: 'bold italic',
      color: HANDED_COLOUR,
      stroke: OUTLINE_CSS,
      strokeThickness: 6,
      resolution: this.zoom,
    };
  }

  /** Whether a country name's box sits mostly inside the country, so tiny countries (Lebanon, Israel) go unnamed. */
  private fitsCountry(rings: readonly (readonly number[])[], box: Box): boolean {
    const probes = [
      [box.x + box.w * 0.05, box.y + box.h * 0.2],
      [box.x + box.w * 0.95, box.y + box.h * 0.2],
      [box.x + box.w * 0.05, box.y + box.h * 0.8],
      [box.x + box.w * 0.95, box.y + box.h * 0.8],
      [box.x + box.w / 2, box.y + box.h / 2],
    ] as const;
    return probes.every(([x, y]) => rings.some((r) => pointInRing(r, x, y)));
  }

  private drawCountries(g: Phaser.GameObjects.Graphics): void {
    const ring = (r: readonly number[]): Phaser.Math.Vector2[] => {
      const out: Phaser.Math.Vector2[] = [];
      for (let i = 0; i + 1 < r.length; i += 2) out.push(new Phaser.Math.Vector2(r[i]!, r[i + 1]!));
      return out;
    };
    for (const c of this.asset.countries) {
      for (const r of c.rings) g.fillStyle(c.id === 'IRQ' ? IRAQ : LAND, 1).fillPoints(ring(r), true);
    }
    for (const c of this.asset.countries) {
      if (c.id === 'IRQ') continue;
      for (const r of c.rings) g.lineStyle(2.5, BORDER, 1).strokePoints(ring(r), true, true);
    }
    // Iraq's border last and brighter: the board the game is played on.
    const iraq = this.asset.countries.find((c) => c.id === 'IRQ');
    for (const r of iraq?.rings ?? []) {
      g.lineStyle(7, BORDER, 1).strokePoints(ring(r), true, true);
      g.lineStyle(3.5, IRAQ_BORDER, 0.9).strokePoints(ring(r), true, true);
    }
  }

  /** Leader lines: from a displaced marker back to its true spot (a small dot), and from a moved label to its marker. */
  private drawLeaders(
    g: Phaser.GameObjects.Graphics,
    placed: readonly PlacedMarker[],
    labels: ReadonlyMap<string, PlacedLabel>,
    cities: readonly PlacedMarker[],
  ): void {
    for (const m of placed) {
      const d = Math.hypot(m.at.x - m.truth.x, m.at.y - m.truth.y);
      if (m.offMap || d < 8) continue;
      g.lineStyle(5, OUTLINE, 0.9).lineBetween(m.truth.x, m.truth.y, m.at.x, m.at.y);
      g.lineStyle(2, 0xffffff, 0.9).lineBetween(m.truth.x, m.truth.y, m.at.x, m.at.y);
      g.fillStyle(OUTLINE, 1).fillCircle(m.truth.x, m.truth.y, 5.5);
      g.fillStyle(0xffffff, 1).fillCircle(m.truth.x, m.truth.y, 3);
    }
    for (const m of [...placed, ...cities]) {
      const l = labels.get(m.id);
      if (!l?.leader) continue;
      const [a, b] = l.leader;
      g.lineStyle(5, OUTLINE, 0.85).lineBetween(a.x, a.y, b.x, b.y);
      g.lineStyle(2, 0xe8e2cf, 0.95).lineBetween(a.x, a.y, b.x, b.y);
    }
  }

  private makeSprite(site: Site, m: PlacedMarker, l: PlacedLabel, isBase: boolean): SiteSprite {
    const { x, y } = m.at;
    const marker = this.add.image(x, y, this.textureFor(site, false)).setDepth(DEPTH.marker);
    const scorch = this.add
      .image(x, y + 3, TEX.scorch)
      .setDepth(DEPTH.marker + 1)
      .setVisible(false);
    // A white tag with a dark letter. (Text's own background and padding come out garbled at resolutions below 1.)
    const badgeBox = this.add
      .image(x + 16, y - 16, TEX.badge)
      .setDepth(DEPTH.badge)
      .setVisible(false);
    const badge = this.add
      .text(x + 16, y - 15, '', {
        fontFamily: FONT,
        fontSize: '20px',
        fontStyle: 'bold',
        color: '#0b121b',
        resolution: this.zoom,
      })
      .setOrigin(0.5)
      .setDepth(DEPTH.badge + 1)
      .setVisible(false);
    const short = shortName(site);
    const label = this.add
      .text(l.anchor.x, l.box.y, short, this.labelStyle(site.kind))
      .setOrigin(l.originX, 0)
      .setDepth(DEPTH.label);
    const sub = this.add
      .text(l.anchor.x, l.box.y + label.height - 6, '(handed over)', this.subStyle())
      .setOrigin(l.originX, 0)
      .setDepth(DEPTH.label)
      .setVisible(false);
    const hit = this.add.zone(x, y, ICON + 4, ICON + 4).setDepth(DEPTH.label + 1);
    for (const o of [hit, label, sub]) {
      o.setInteractive({ useHandCursor: true });
      o.on('pointerover', () => this.setHover(site.id));
      o.on('pointerout', () => {
        if (this.hovered === site.id) this.setHover(null);
      });
      o.on('pointerdown', (p: Phaser.Input.Pointer) => {
        // With window events on, a click on an HTML control laid over the canvas also reaches Phaser (PHASER4.md §6).
        if (p.downElement === this.game.canvas) this.hooks.select(site.id);
      });
    }
    const sprite: SiteSprite = {
      site,
      short,
      at: { x, y },
      isBase,
      marker,
      scorch,
      badgeBox,
      badge,
      label,
      sub,
      hit,
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

  private textureFor(site: Site, handedOver: boolean): string {
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

  /** Puts a site's state on screen: marker shape, scorch mark, air-defence badge, label text. */
  private render_(s: SiteSprite): void {
    const { state } = s;
    s.marker.setTexture(this.textureFor(s.site, state.handedOver));
    s.scorch.setVisible(state.struck);
    const letter = state.handedOver ? null : airDefenceLetter(state.airDefence);
    s.badge.setVisible(letter !== null).setText(letter ?? '');
    s.badgeBox.setVisible(letter !== null);
    const troops = s.isBase && !state.handedOver && state.garrison !== null ? ` · ${formatTroops(state.garrison)}` : '';
    s.label.setText(`${s.short}${troops}`).setColor(state.handedOver ? HANDED_COLOUR : LABEL_COLOURS[s.site.kind]);
    s.sub.setVisible(state.handedOver);
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
    this.focused = null;
    const s = id ? this.sprites.get(id) : undefined;
    if (!s) return;
    this.focused = s.site.id;
    const ring = this.add
      .graphics({ x: s.at.x, y: s.at.y })
      .setDepth(DEPTH.ring)
      .lineStyle(12, OUTLINE, 0.9)
      .strokeCircle(0, 0, MARKER_R + 11)
      .lineStyle(7, 0xffd84a, 1)
      .strokeCircle(0, 0, MARKER_R + 11);
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
  }
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
