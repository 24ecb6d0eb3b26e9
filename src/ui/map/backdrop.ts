import Phaser from 'phaser';
import { NamePainter } from './canvas-text.ts';

/**
 * The map's still picture (sea, countries, borders, country and city names, leader lines, site names) on a 2D
 * canvas laid behind Phaser's transparent canvas, which draws only what moves or takes the pointer: markers, badges,
 * the focus ring and the animations.
 *
 * Why not a texture inside Phaser: under software WebGL (SwiftShader, as in the tests and the bench) every frame
 * redraws every pixel Phaser shows, so a full-size map texture cost 20-50 ms a frame and its first upload and draw
 * held the first frame back. The browser composites a still canvas for almost nothing, and Canvas 2D antialiases
 * borders and text where WebGL drew into a texture without.
 */
export class Backdrop {
  readonly canvas: HTMLCanvasElement;
  readonly names = new NamePainter();
  private readonly ctx: CanvasRenderingContext2D;
  /** Draws everything but the site names. Redrawn under them on every repaint: cheaper than keeping a copy. */
  private still: (ctx: CanvasRenderingContext2D) => void = () => {};

  /** Puts a canvas with the game canvas's backing size behind it in the same parent, kept on its box. */
  constructor(
    private readonly game: Phaser.Game,
    private readonly zoom: number,
    private readonly background: string,
  ) {
    const { width, height } = game.scale;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.className = 'map-backdrop';
    canvas.setAttribute('aria-hidden', 'true');
    canvas.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none';
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d', { alpha: false })!;
    // Sea until the first paint (an opaque canvas starts black).
    this.ctx.fillStyle = background;
    this.ctx.fillRect(0, 0, width, height);
    // Positioned elements paint in DOM order: the game canvas, positioned too, comes after and so stays on top.
    game.canvas.style.position = 'relative';
    game.canvas.before(canvas);
    // createMap hid the game canvas until now.
    game.canvas.style.visibility = '';
    this.fit();
    game.scale.on(Phaser.Scale.Events.RESIZE, this.fit, this);
    game.events.once(Phaser.Core.Events.DESTROY, () => {
      game.scale.off(Phaser.Scale.Events.RESIZE, this.fit, this);
      canvas.remove();
    });
  }

  /** Covers exactly the box the game canvas has after FIT scaling and centring. */
  private fit(): void {
    const parent = this.canvas.parentElement;
    if (!parent) return;
    const c = this.game.canvas.getBoundingClientRect();
    const p = parent.getBoundingClientRect();
    const s = this.canvas.style;
    s.left = `${c.left - p.left - parent.clientLeft}px`;
    s.top = `${c.top - p.top - parent.clientTop}px`;
    s.width = `${c.width}px`;
    s.height = `${c.height}px`;
  }

  /** Sets what lies under the site names (in world pixels), from the next `paint` on. */
  setStill(draw: (ctx: CanvasRenderingContext2D) => void): void {
    this.still = draw;
  }

  /** Draws the sea, the still part and then what `draw` adds on top (the site names), in world pixels. */
  paint(draw: (ctx: CanvasRenderingContext2D) => void): void {
    const { ctx } = this;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = this.background;
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(this.zoom, 0, 0, this.zoom, 0, 0);
    this.still(ctx);
    draw(ctx);
  }
}

/** A Phaser colour number as CSS. */
export function css(colour: number): string {
  return `#${colour.toString(16).padStart(6, '0')}`;
}
