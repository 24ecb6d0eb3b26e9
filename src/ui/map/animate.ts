import Phaser from 'phaser';
import type { AttackKind, GameEvent } from '../../engine/index.ts';
import { ICONS, TEX } from './icons.ts';
import { CAPTION_DROP, CAPTION_RISE, captionBox, captionLeader, captionSpot } from './caption-place.ts';
import { type Box, hash01, launchPoint, type Point } from './layout.ts';
import { airDefenceName, CAPTION_PX, FONT } from './style.ts';
import { plural } from '../words.ts';

/** How a wait ended: its tween completed, was stopped, or the scene went away (or the map was destroyed). */
export type Done = 'complete' | 'stop' | 'shutdown';

/**
 * Promises over tweens that always settle. Phaser destroys a scene's tweens silently on shutdown (no COMPLETE, no
 * STOP; PHASER4.md §5), and a destroyed game stops stepping, so every wait also ends on SHUTDOWN, on DESTROY and
 * when the map is destroyed; a caller awaiting play() never hangs.
 */
export class Runner {
  private readonly pending = new Set<() => void>();
  private aborted = false;

  constructor(private readonly scene: Phaser.Scene) {}

  get stopped(): boolean {
    return this.aborted;
  }

  /** Adds a tween and resolves when it ends, however it ends. */
  tween(config: Phaser.Types.Tweens.TweenBuilderConfig): Promise<Done> {
    if (this.aborted) return Promise.resolve('shutdown');
    const events = this.scene.events;
    return new Promise((resolve) => {
      const tween = this.scene.tweens.add(config);
      const done = (why: Done): void => {
        this.pending.delete(onEnd);
        events.off(Phaser.Scenes.Events.SHUTDOWN, onEnd);
        events.off(Phaser.Scenes.Events.DESTROY, onEnd);
        resolve(why);
      };
      const onEnd = (): void => done('shutdown');
      this.pending.add(onEnd);
      tween.once(Phaser.Tweens.Events.TWEEN_COMPLETE, () => done('complete'));
      tween.once(Phaser.Tweens.Events.TWEEN_STOP, () => done('stop'));
      events.once(Phaser.Scenes.Events.SHUTDOWN, onEnd);
      events.once(Phaser.Scenes.Events.DESTROY, onEnd);
    });
  }

  /** Waits on the scene's clock (so it pauses with the game), settling like a tween. */
  wait(ms: number): Promise<Done> {
    if (ms <= 0) return Promise.resolve('complete');
    return this.tween({ targets: { t: 0 }, t: 1, duration: ms });
  }

  /** Settles every pending wait at once: the map is being destroyed. */
  abort(): void {
    this.aborted = true;
    for (const end of [...this.pending]) end();
    this.pending.clear();
  }
}

/** What the animations need from the map scene. */
export interface Stage {
  /** The Phaser scene the effects are added to. */
  readonly host: Phaser.Scene;
  readonly runner: Runner;
  readonly world: { w: number; h: number };
  /** Canvas pixels per world pixel: texts are rasterized at this resolution to stay sharp. */
  readonly zoom: number;
  /** Where a site's marker is drawn, or null for ids that are not on the map ('convoy', fronts). */
  sitePoint(id: string): Point | null;
  /** The marker image of a site, for shaking and fading. */
  markerOf(id: string): Phaser.GameObjects.Image | null;
  /** The US hub (Ain al-Asad in Two Boxers): strikes fly from there. */
  hubPoint(): Point | null;
  /** Where IRGC missiles come from: Tehran's marker, or the east edge. */
  missileOrigin(): Point;
  /** A spot on the supply road for a convoy attack, different per attack id. */
  convoyPoint(attackId: number): Point;
  /** The group's main site (the first proxy site it holds), for a leader's death. */
  groupSite(group: string): string | null;
  groupName(group: string): string;
  /** The embassy's site id (the base whose site is of kind 'embassy'). */
  embassy(): string | null;
  /** Where an attack seen before (this turn or earlier) landed, and its kind, for claim and attribution captions. */
  attackTarget(attackId: number): { at: Point; kind: AttackKind } | null;
  rememberAttack(attackId: number, at: Point, kind: AttackKind): void;
  /** Applies an event's lasting effect on the map (scorch mark, handover, air-defence badge). */
  applyEnd(event: GameEvent): void;
  /** The boxes of the site and city names (as the plan reserved them): captions keep clear of them. */
  nameBoxes(): readonly Box[];
  /** The boxes of the site markers where the plan put them: captions keep clear of them too. */
  markerBoxes(): readonly Box[];
}

const DEPTH_FX = 30;
const DEPTH_CAPTION = 40;

/** Captions on screen, so that a new one near the same spot goes elsewhere instead of covering it. */
const live = new WeakMap<Phaser.Scene, Set<Phaser.GameObjects.Container>>();

/** The boxes of the captions showing on a scene now, where they are drawn at this moment of their rise. */
export function captionBoxes(scene: Phaser.Scene): Box[] {
  return [...(live.get(scene) ?? [])].map((c) => ({
    x: c.x - c.width / 2,
    y: c.y + CAPTION_DROP - c.height,
    w: c.width,
    h: c.height,
  }));
}

/**
 * A short floating caption near a point ("6 rockets · 2 intercepted · 1 hit"). It does not block the sequence: it
 * rises and fades on its own while the next event plays.
 */
export function caption(
  stage: Stage,
  at: Point,
  text: string,
  ms: number,
  tone = '#ffffff',
  nearOverNames = false, // captionSpot: beside its place even over a name, rather than far off on a line
): void {
  const { host: scene, world } = stage;
  if (ms <= 0 || stage.runner.stopped) return;
  let set = live.get(scene);
  if (!set) {
    set = new Set();
    live.set(scene, set);
  }
  // A dark box behind the text (Text's own background is garbled at resolutions below 1), moved as one.
  const label = scene.add
    .text(0, 0, text, {
      fontFamily: FONT,
      fontSize: `${CAPTION_PX}px`,
      fontStyle: 'bold',
      color: tone,
      resolution: stage.zoom,
    })
    .setOrigin(0.5, 1);
  const box = scene.add
    .rectangle(0, CAPTION_DROP, label.width + 20, label.height + 8, 0x0b121b, 0.86)
    .setOrigin(0.5, 1);
  const t = scene.add.container(0, 0, [box, label]).setDepth(DEPTH_CAPTION).setSize(box.width, box.height);
  const spot = captionSpot(
    at,
    t.width,
    t.height,
    world,
    [...set].map(captionBox),
    stage.nameBoxes(),
    stage.markerBoxes(),
    nearOverNames,
  );
  t.setPosition(spot.x, spot.y);
  const leader = captionLeader(at, spot, t.width, t.height);
  if (leader) {
    // Drawn in the caption's own frame, behind its box, so it rises and fades with it.
    const [from, to] = leader;
    const line = scene.add
      .graphics()
      .lineStyle(3, 0x0b121b, 0.86)
      .lineBetween(from.x - spot.x, from.y - spot.y, to.x - spot.x, to.y - spot.y)
      .lineStyle(1.5, Phaser.Display.Color.HexStringToColor(tone).color, 0.9)
      .lineBetween(from.x - spot.x, from.y - spot.y, to.x - spot.x, to.y - spot.y);
    t.addAt(line, 0);
  }
  set.add(t);
  const fin = (): void => {
    set.delete(t);
    t.destroy();
  };
  scene.tweens.add({
    targets: t,
    y: spot.y - CAPTION_RISE,
    alpha: { from: 1, to: 0 },
    delay: ms * 0.7,
    duration: ms * 0.3,
    onComplete: fin,
    onStop: fin,
  });
}

/** A flash: a disc that swells and fades. */
function flash(stage: Stage, at: Point, tint: number, size: number, ms: number): Promise<Done> {
  const img = stage.host.add
    .image(at.x, at.y, ICONS, TEX.disc)
    .setTint(tint)
    .setDepth(DEPTH_FX)
    .setScale(0.1)
    .setAlpha(0.95);
  return stage.runner
    .tween({ targets: img, scale: size / 64, alpha: 0, duration: ms, ease: 'Cubic.easeOut' })
    .then((why) => {
      img.destroy();
      return why;
    });
}

/** A ring that grows and fades. */
function ring(stage: Stage, at: Point, tint: number, size: number, ms: number, delay = 0): Promise<Done> {
  const img = stage.host.add
    .image(at.x, at.y, ICONS, TEX.ring)
    .setTint(tint)
    .setDepth(DEPTH_FX)
    .setScale(0.3)
    .setAlpha(0);
  return stage.runner
    .tween({
      targets: img,
      scale: size / 64,
      alpha: { from: 1, to: 0 },
      delay,
      duration: ms,
      ease: 'Sine.easeOut',
    })
    .then((why) => {
      img.destroy();
      return why;
    });
}

/** A blast: a bright flash, an orange fireball and a dark shock ring. */
function blast(stage: Stage, at: Point, ms: number): Promise<unknown> {
  return Promise.all([
    flash(stage, at, 0xfff2b0, 70, ms * 0.5),
    flash(stage, at, 0xff7a1a, 110, ms),
    ring(stage, at, 0x2a1a10, 150, ms),
  ]);
}

interface Shot {
  from: Point;
  to: Point;
  /** 1 at the target; less for a shot intercepted in the air. */
  end: number;
  outcome: 'intercepted' | 'hit' | 'miss';
  delay: number;
}

/**
 * Projectiles on arcs with short trails, drawn in one Graphics per salvo. Intercepted shots burst in the air, hits
 * flash at the target, misses puff beside it.
 */
async function salvo(
  stage: Stage,
  shots: readonly Shot[],
  flight: number,
  tint: number,
  settle: number,
): Promise<void> {
  const { host: scene, runner } = stage;
  if (shots.length === 0) return;
  const curves = shots.map((s) => {
    const d = Math.hypot(s.to.x - s.from.x, s.to.y - s.from.y);
    const lift = Phaser.Math.Clamp(d * 0.45, 40, 220);
    return new Phaser.Curves.QuadraticBezier(
      new Phaser.Math.Vector2(s.from.x, s.from.y),
      new Phaser.Math.Vector2((s.from.x + s.to.x) / 2, Math.min(s.from.y, s.to.y) - lift),
      new Phaser.Math.Vector2(s.to.x, s.to.y),
    );
  });
  const trails = scene.add.graphics().setDepth(DEPTH_FX);
  const heads = shots.map(() =>
    scene.add.image(0, 0, ICONS, TEX.dot).setTint(tint).setScale(1.4).setDepth(DEPTH_FX).setVisible(false),
  );
  const last = Math.max(...shots.map((s) => s.delay));
  const total = last + flight;
  const clock = { ms: 0 };
  const p = new Phaser.Math.Vector2();
  const fired = new Set<number>();
  const launched = new Set<number>();
  const effects: Promise<unknown>[] = [];
  const land = (i: number): void => {
    const s = shots[i]!;
    curves[i]!.getPoint(s.end, p);
    const at = { x: p.x, y: p.y };
    if (s.outcome === 'intercepted') {
      effects.push(flash(stage, at, 0xd8f3ff, 56, 280), ring(stage, at, 0xd8f3ff, 60, 300));
    } else if (s.outcome === 'hit') effects.push(flash(stage, at, 0xff8a2a, 84, 340));
    else effects.push(flash(stage, at, 0x8a8f94, 36, 260));
  };
  await runner.tween({
    targets: clock,
    ms: total,
    duration: total,
    onUpdate: () => {
      trails.clear();
      shots.forEach((s, i) => {
        const t = Phaser.Math.Clamp((clock.ms - s.delay) / flight, 0, 1) * s.end;
        const head = heads[i]!;
        if (clock.ms < s.delay || fired.has(i)) {
          head.setVisible(false);
          return;
        }
        if (!launched.has(i)) {
          // A muzzle flash where the shot leaves.
          launched.add(i);
          effects.push(flash(stage, s.from, 0xfff0c0, 26, 200));
        }
        if (t >= s.end - 1e-6) {
          fired.add(i);
          head.setVisible(false);
          land(i);
          return;
        }
        curves[i]!.getPoint(t, p);
        head.setPosition(p.x, p.y).setVisible(true);
        // The trail: the last stretch of the arc behind the head.
        const t0 = Math.max(0, t - 0.18);
        trails.lineStyle(4, tint, 0.6).beginPath();
        for (let k = 0; k <= 6; k++) {
          curves[i]!.getPoint(t0 + ((t - t0) * k) / 6, p);
          if (k === 0) trails.moveTo(p.x, p.y);
          else trails.lineTo(p.x, p.y);
        }
        trails.strokePath();
      });
    },
  });
  // Shots still in the air when the tween ended (rounding) land now, so every outcome is shown.
  shots.forEach((_, i) => {
    if (!fired.has(i) && !runner.stopped) land(i);
  });
  trails.destroy();
  for (const h of heads) h.destroy();
  // The last flashes fade while the sequence moves on; a short beat lets the eye catch the impact first.
  await Promise.race([Promise.all(effects), runner.wait(settle)]);
}

/** "6 rockets · 2 intercepted · 1 hit · 1 US killed". */
export function attackCaption(e: Extract<GameEvent, { type: 'attack' }>): string {
  if (e.caught) return 'Launch team caught before firing';
  const unit = e.kind === 'missile-strike' ? 'missile' : e.kind === 'convoy-attack' ? 'shot' : 'rocket';
  const parts = [plural(e.projectiles, unit)];
  if (e.intercepted > 0) parts.push(`${e.intercepted} intercepted`);
  parts.push(plural(e.hits, 'hit'));
  if (e.casualties.usKilled > 0) parts.push(`${e.casualties.usKilled} US killed`);
  return parts.join(' · ');
}

async function animateAttack(stage: Stage, e: Extract<GameEvent, { type: 'attack' }>, k: number): Promise<void> {
  const target = e.kind === 'convoy-attack' ? stage.convoyPoint(e.attackId) : stage.sitePoint(e.target);
  if (!target) return;
  stage.rememberAttack(e.attackId, target, e.kind);
  const missile = e.kind === 'missile-strike';
  const from = missile ? stage.missileOrigin() : launchPoint(target, e.attackId, 48);
  if (e.caught) {
    await Promise.all([ring(stage, from, 0x9fd3ff, 90, 500 * k), stage.runner.wait(450 * k)]);
    caption(stage, from, attackCaption(e), 2200 * k, '#cfe8ff');
    return;
  }
  // Draw up to 10 shots; the caption gives the real numbers. Each outcome that happened is shown at least once.
  const n = Math.min(e.projectiles, 10);
  const scale = e.projectiles > 0 ? n / e.projectiles : 0;
  let nInt = e.intercepted > 0 ? Math.max(1, Math.round(e.intercepted * scale)) : 0;
  let nHit = e.hits > 0 ? Math.max(1, Math.round(e.hits * scale)) : 0;
  if (nInt + nHit > n) {
    nInt = Math.min(nInt, n - nHit);
    nHit = n - nInt;
  }
  const order = [...Array(n).keys()].sort((a, b) => hash01(e.attackId, a) - hash01(e.attackId, b));
  // About 0.8 s in all at speed 1 (a missile salvo from Tehran, which flies further, about 1 s).
  const flight = (missile ? 640 : 420) * k;
  const stagger = n > 1 ? Math.min(50, 200 / (n - 1)) * k : 0;
  const shots: Shot[] = order.map((slot, i) => {
    const outcome = slot < nInt ? 'intercepted' : slot < nInt + nHit ? 'hit' : 'miss';
    const jr = hash01(e.attackId, i, 7);
    const ja = hash01(e.attackId, i, 11) * Math.PI * 2;
    const spread = outcome === 'hit' ? 9 * jr : outcome === 'miss' ? 20 + 14 * jr : 0;
    return {
      from: { x: from.x + (hash01(e.attackId, i, 3) - 0.5) * 8, y: from.y + (hash01(e.attackId, i, 5) - 0.5) * 8 },
      to: { x: target.x + Math.cos(ja) * spread, y: target.y + Math.sin(ja) * spread },
      end: outcome === 'intercepted' ? 0.62 + 0.22 * jr : 1,
      outcome,
      delay: i * stagger,
    };
  });
  await salvo(stage, shots, flight, missile ? 0xff5a3c : 0xffd25a, 160 * k);
  caption(stage, target, attackCaption(e), 2600 * k, e.hits > 0 ? '#ffd2c2' : '#ffffff');
}

/** Caption words per strike kind; kinds the engine adds later read as a plain US strike. */
const STRIKE_WORDS: Record<string, string> = { campaign: 'Campaign strike', leadership: 'Leadership strike' };

async function animateStrike(stage: Stage, e: Extract<GameEvent, { type: 'strike' }>, k: number): Promise<void> {
  const target = stage.sitePoint(e.site);
  if (!target) {
    stage.applyEnd(e);
    return;
  }
  const from = stage.hubPoint() ?? { x: target.x - 200, y: target.y - 120 };
  await salvo(stage, [{ from, to: target, end: 1, outcome: 'hit', delay: 0 }], 480 * k, 0xbfe4ff, 0);
  void blast(stage, target, 420 * k);
  await stage.runner.wait(120 * k);
  stage.applyEnd(e);
  await stage.runner.wait(160 * k);
  const what = STRIKE_WORDS[e.kind] ?? 'US strike';
  const dead = e.casualties.proxiesKilled;
  const civ = e.casualties.civiliansKilled;
  const parts = [what];
  if (dead > 0) parts.push(`${dead} militia killed`);
  if (civ > 0) parts.push(`${plural(civ, 'civilian')} killed`);
  caption(stage, target, parts.join(' · '), 2600 * k);
}

async function animateHandover(stage: Stage, e: Extract<GameEvent, { type: 'handover' }>, k: number): Promise<void> {
  const marker = stage.markerOf(e.base);
  const at = stage.sitePoint(e.base);
  if (!marker || !at) {
    stage.applyEnd(e);
    return;
  }
  await stage.runner.tween({ targets: marker, alpha: 0.1, duration: 300 * k, ease: 'Sine.easeIn' });
  stage.applyEnd(e);
  marker.setAlpha(0.1);
  await stage.runner.tween({ targets: marker, alpha: 1, duration: 360 * k, ease: 'Sine.easeOut' });
  caption(stage, at, 'Handed over to Iraqi forces', 2200 * k, '#dfe4e8', true);
}

async function animateAirDefence(
  stage: Stage,
  e: Extract<GameEvent, { type: 'air-defence' }>,
  k: number,
): Promise<void> {
  const at = stage.sitePoint(e.base);
  if (!at) {
    stage.applyEnd(e);
    return;
  }
  const rings = Promise.all([
    ring(stage, at, 0x9fd3ff, 150, 560 * k),
    ring(stage, at, 0x9fd3ff, 150, 560 * k, 200 * k),
  ]);
  await stage.runner.wait(200 * k);
  stage.applyEnd(e);
  await rings;
  caption(stage, at, `${airDefenceName(e.level)} in place`, 2200 * k, '#cfe8ff');
}

async function animateSiege(stage: Stage, e: Extract<GameEvent, { type: 'siege' }>, k: number): Promise<void> {
  const id = stage.embassy();
  const marker = id ? stage.markerOf(id) : null;
  const at = id ? stage.sitePoint(id) : null;
  if (!marker || !at) return;
  const x0 = marker.x;
  // Eight quick swings either way, as one tween (a yoyo per swing would cost a frame per turn where frames are slow).
  const swing = { t: 0 };
  await stage.runner.tween({
    targets: swing,
    t: 1,
    duration: 880 * k,
    onUpdate: () => marker.setX(x0 + Math.sin(swing.t * Math.PI * 16) * 7 * (1 - swing.t * 0.5)),
  });
  marker.setX(x0);
  caption(stage, at, e.success ? 'Embassy besieged' : 'Siege turned back', 2400 * k, e.success ? '#ffd2c2' : '#ffffff');
}

async function animateRung(stage: Stage, e: Extract<GameEvent, { type: 'rung' }>, k: number): Promise<void> {
  if (e.from === e.to) return;
  const { host: scene, world } = stage;
  const up = e.to > e.from;
  const g = scene.add
    .graphics()
    .setDepth(DEPTH_FX)
    .lineStyle(28, up ? 0xff4a3a : 0x8fd0ff, 0.9)
    .strokeRect(14, 14, world.w - 28, world.h - 28);
  await stage.runner.tween({ targets: g, alpha: { from: 1, to: 0 }, duration: 650 * k, ease: 'Quad.easeIn' });
  g.destroy();
}

/**
 * Plays one event and applies its lasting effect. `k` stretches durations (1 / speed). Event types that change
 * nothing on the map (news, votes, cards, fronts...) are left to the HTML feed.
 */
export async function animateEvent(stage: Stage, e: GameEvent, k: number): Promise<void> {
  switch (e.type) {
    case 'attack':
      return animateAttack(stage, e, k);
    case 'strike':
      return animateStrike(stage, e, k);
    case 'leader-killed': {
      const site = stage.groupSite(e.group);
      const at = site ? stage.sitePoint(site) : null;
      if (!at) return;
      await blast(stage, at, 520 * k);
      caption(stage, at, `Leader killed: ${e.leader}`, 2600 * k, '#ffd2c2');
      return;
    }
    case 'handover':
      return animateHandover(stage, e, k);
    case 'air-defence':
      return animateAirDefence(stage, e, k);
    case 'siege':
      return animateSiege(stage, e, k);
    case 'claimed': {
      const at = stage.attackTarget(e.attackId)?.at;
      if (!at) return;
      const who = e.claim === 'open' ? stage.groupName(e.name) : e.name;
      caption(stage, at, `Claimed by ${who}`, 2600 * k, '#ffe7a8');
      await stage.runner.wait(420 * k);
      return;
    }
    case 'attributed': {
      const seen = stage.attackTarget(e.attackId);
      if (!seen) return;
      // A missile strike is a state act: no suspect to name, Iran fired it openly.
      const text =
        seen.kind === 'missile-strike'
          ? 'US: fired by Iran'
          : e.suspect
            ? `US: ${e.word} ${stage.groupName(e.suspect)}`
            : 'US: no suspect';
      caption(stage, seen.at, text, 2600 * k, '#cfe8ff');
      await stage.runner.wait(420 * k);
      return;
    }
    case 'rung':
      return animateRung(stage, e, k);
    default:
      return;
  }
}

const ANIMATED: ReadonlySet<GameEvent['type']> = new Set([
  'attack',
  'strike',
  'leader-killed',
  'handover',
  'air-defence',
  'siege',
  'claimed',
  'attributed',
  'rung',
]);

/** Whether an event has anything to show on the map (the others are for the news feed alone). */
export function animates(e: GameEvent): boolean {
  return ANIMATED.has(e.type) && !(e.type === 'rung' && e.from === e.to);
}

/** The lasting effect alone, for speed 0 (tests, reduced motion). */
export function applyInstant(stage: Stage, e: GameEvent): void {
  if (e.type === 'strike' || e.type === 'handover' || e.type === 'air-defence') stage.applyEnd(e);
}
