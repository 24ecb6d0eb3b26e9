import Phaser from 'phaser';
import layoutsJson from '../../../assets/map/layouts.json';
import type { GameEvent, Scenario, SeatView } from '../../engine/index.ts';
import type { MapAsset } from '../map-projection.ts';
import { MapScene } from './map-scene.ts';
import type { Box } from './layout.ts';
import type { MapPlan } from './plan.ts';

/** What the map reports to the HTML around it. */
export interface MapCallbacks {
  /** The pointer entered a site (with the site's page CSS position, for a tooltip) or left it (null, null). */
  onHover(siteId: string | null, screen: { x: number; y: number } | null): void;
  /** A site was clicked. */
  onSelect(siteId: string): void;
}

/** The map of Iraq and its neighbours, with the scenario's sites, their state and the turn's events. */
export interface MapController {
  /** Redraws every site's state from a seat's view (bases: garrison, air defence, handed over; proxy sites struck this game; fronts not on map). */
  show(view: SeatView): void;
  /** Animates a turn's events (already filtered for the seat) and resolves when done; speed 1 = normal, 0 = instant (tests, reduced motion). */
  play(events: readonly GameEvent[], speed: number): Promise<void>;
  /** Highlights a site (keyboard focus from the HTML site list) or clears the highlight. */
  focus(siteId: string | null): void;
  /** Page CSS position of a site, for HTML tooltips laid over the canvas. */
  screenPosition(siteId: string): { x: number; y: number } | null;
  /** What covers the map now, in world px: the site and city names' boxes and the captions showing (browser tests). */
  onScreen(): { names: Box[]; captions: Box[] };
  destroy(): void;
}

/**
 * The canvas's backing size: the world's aspect ratio at the parent's displayed size in device pixels (so text is
 * rasterized at the size it is seen), between half and twice the world's 1600 px. A 760x475 parent at 1x gives a
 * 760x475 canvas where a 1600x1000 one would draw 4.4 times the pixels, only for the browser to shrink them; the
 * world stays 1600x1000 in every coordinate the map uses. A parent with no size yet gets the world's size.
 */
function canvasSize(
  parent: HTMLElement,
  asset: MapAsset,
): { width: number; height: number; parent: { width: number; height: number } } {
  const r = parent.getBoundingClientRect();
  const aspect = asset.width / asset.height;
  const shown = Math.min(r.width, r.height * aspect);
  const dpr = Math.min(window.devicePixelRatio || 1, 2);
  const width = shown > 0 ? Math.round(Math.min(Math.max(shown * dpr, asset.width / 2), asset.width * 2)) : asset.width;
  return { width, height: Math.round(width / aspect), parent: { width: r.width, height: r.height } };
}

/**
 * Creates the map inside `parent` (FIT-scaled, letterboxed in the sea colour) and resolves once its first frame is
 * drawn. The parent must have a size of its own (e.g. `position: absolute; inset: 0` in a sized wrapper); Phaser
 * polls it every 500 ms and rescales when it changes.
 *
 * Calls to `play` queue: a second turn's events start when the first's are done. After `destroy` every pending
 * `play` resolves at once and the callbacks fall silent. Rejects (and cleans up) if the scene cannot be built.
 */
export function createMap(
  parent: HTMLElement,
  scenario: Scenario,
  asset: MapAsset,
  callbacks: MapCallbacks,
): Promise<MapController> {
  let destroyed = false;
  let game: Phaser.Game | null = null;
  let queue: Promise<void> = Promise.resolve();

  const screenPosition = (siteId: string): { x: number; y: number } | null => {
    if (destroyed || !game) return null;
    const p = scene.markerPoint(siteId);
    if (!p) return null;
    const r = game.canvas.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return null;
    // World px -> canvas px (the camera shows the whole world, origin at the corner) -> page CSS px.
    return {
      x: r.left + window.scrollX + (p.x * r.width) / asset.width,
      y: r.top + window.scrollY + (p.y * r.height) / asset.height,
    };
  };

  let markReady: () => void = () => {};
  let markFailed: (error: unknown) => void = () => {};
  const created = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  const scene = new MapScene(scenario, asset, layoutsJson.plans as unknown as MapPlan[], {
    hover: (id) => {
      if (!destroyed) callbacks.onHover(id, id ? screenPosition(id) : null);
    },
    select: (id) => {
      if (!destroyed) callbacks.onSelect(id);
    },
    ready: () => {
      performance.mark('two-boxers:map-ready');
      markReady();
    },
    failed: (error) => markFailed(error),
  });

  // Start-up marks for profiling, as in main.ts.
  performance.mark('two-boxers:map-start');
  const size = canvasSize(parent, asset);
  game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    width: size.width,
    height: size.height,
    // The still map is a canvas behind this one (backdrop.ts): Phaser draws only what moves, on a clear canvas.
    transparent: true,
    scale: {
      mode: Phaser.Scale.FIT,
      autoCenter: Phaser.Scale.CENTER_BOTH,
      width: size.width,
      height: size.height,
    },
    // Two settings that spare software WebGL (SwiftShader: the tests, the bench, machines without a GPU) work on every
    // frame: no multisampling (markers and icons are textures, antialiased when they were drawn), and a shader that
    // samples one texture instead of choosing among sixteen, which also compiles sooner before the first frame.
    render: { preserveDrawingBuffer: true, antialias: true, antialiasGL: false, maxTextures: 1 },
    banner: false,
    audio: { noAudio: true },
    // The HTML around the map owns the keyboard and the focus: Phaser must neither capture keys nor steal focus.
    input: { keyboard: false },
    autoFocus: false,
    scene,
  });
  const g = game;
  // Hidden until the scene builds the map (backdrop.ts shows it again): until then an empty WebGL canvas on screen
  // only costs each of the page's frames a read-back of its pixels.
  const hide = (): void => {
    g.canvas.style.visibility = 'hidden';
  };
  if (g.isBooted) hide();
  else g.events.once(Phaser.Core.Events.BOOT, hide);

  // The loop sleeps while nothing moves (MapScene.update); whatever may change the picture wakes it.
  const wake = (): void => {
    if (!destroyed) scene.wake();
  };
  const pointerEvents = ['pointermove', 'pointerdown', 'pointerup', 'pointerleave', 'wheel'] as const;
  // Phaser polls the parent's size every 500 ms of running loop, which a sleeping loop never does; and its own
  // check can miss a change (ScaleManager#updateScale re-reads the parent's size after styling the canvas, so the
  // next poll sees nothing new: at 1280x720 the canvas stayed 24 px taller than its parent). Refit on every change.
  let first = true;
  const resized = new ResizeObserver((entries) => {
    if (destroyed || !g.isBooted) return;
    // The first report comes with the first layout after booting: Phaser fitted itself to that very size already.
    const box = entries[0]?.borderBoxSize[0];
    const same = box?.inlineSize === size.parent.width && box?.blockSize === size.parent.height;
    if (first && same) {
      first = false;
      return;
    }
    first = false;
    g.scale.getParentBounds();
    g.scale.refresh();
    wake();
  });
  // Watched from the start: the page around the map often settles its layout while the map is still booting.
  resized.observe(parent);
  window.addEventListener('resize', wake);
  const listen = (): void => {
    for (const type of pointerEvents) g.canvas.addEventListener(type, wake, { passive: true });
  };

  const controller: MapController = {
    show(view) {
      if (!destroyed) scene.showView(view);
    },
    play(events, speed) {
      if (destroyed) return Promise.resolve();
      const run = queue.then(() => (destroyed ? undefined : scene.playEvents(events, speed)));
      queue = run.catch(() => undefined);
      return run;
    },
    focus(siteId) {
      if (!destroyed) scene.focusSite(siteId);
    },
    screenPosition,
    onScreen() {
      return destroyed ? { names: [], captions: [] } : scene.onScreen();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      scene.stopAll();
      for (const type of pointerEvents) g.canvas.removeEventListener(type, wake);
      window.removeEventListener('resize', wake);
      resized.disconnect();
      // Game#destroy runs on the next step: a sleeping loop must be woken for it to happen.
      scene.wake();
      // Free the WebGL context at once instead of waiting for the garbage collector (PHASER4.md §8).
      const gl = g.renderer instanceof Phaser.Renderer.WebGL.WebGLRenderer ? g.renderer.gl : null;
      g.events.once(Phaser.Core.Events.DESTROY, () => {
        setTimeout(() => gl?.getExtension('WEBGL_lose_context')?.loseContext(), 0);
      });
      g.destroy(true);
    },
  };

  return created.then(
    () => {
      listen();
      return controller;
    },
    (error: unknown) => {
      controller.destroy();
      throw error;
    },
  );
}
