import type Phaser from 'phaser';
import type { NamePainter } from './canvas-text.ts';
import { ECONOMIC_AMBER, FONT, FOREIGN_GREY, HANDED_GREY, OUTLINE, PROXY_RED, US_BLUE } from './style.ts';

/**
 * Marker and effect icons, drawn once with Canvas 2D into one texture (an atlas: one canvas, one upload) so markers
 * render as cheap images. Each site kind has its own shape (square, shield, triangle, diamond, circle) and each state
 * its own mark (hollow slashed square, X), so nothing is told by colour alone.
 */

/** The atlas's texture key; the icons are its frames, named below. */
export const ICONS = 'map-icons';

export const TEX = {
  base: 'mk-base',
  embassy: 'mk-embassy',
  handed: 'mk-handed',
  proxy: 'mk-proxy',
  economic: 'mk-economic',
  foreign: 'mk-foreign',
  city: 'mk-city',
  scorch: 'mk-scorch',
  badge: 'mk-badge',
  arrow: 'mk-arrow',
  focus: 'mk-focus',
  dot: 'fx-dot',
  disc: 'fx-disc',
  ring: 'fx-ring',
} as const;

type Icon = (typeof TEX)[keyof typeof TEX];

/** Size of the marker textures; the shapes inside are about 30 px across. */
export const ICON = 44;
/** The radius markers reserve for layout and hit testing. */
export const MARKER_R = 18;
/** Size of the air-defence tag, in world pixels. */
export const BADGE = 26;
/** The focus ring's radius: just outside the room a marker reserves. */
const FOCUS_R = MARKER_R + 11;

const css = (colour: number, alpha = 1): string =>
  `rgba(${(colour >> 16) & 255},${(colour >> 8) & 255},${colour & 255},${alpha})`;

/** Traces a closed polygon from flat [x0, y0, x1, y1, ...] points. */
function polygon(ctx: CanvasRenderingContext2D, points: readonly number[]): void {
  ctx.beginPath();
  ctx.moveTo(points[0]!, points[1]!);
  for (let i = 2; i + 1 < points.length; i += 2) ctx.lineTo(points[i]!, points[i + 1]!);
  ctx.closePath();
}

function stroke(ctx: CanvasRenderingContext2D, width: number, colour: number, alpha = 1): void {
  ctx.lineWidth = width;
  ctx.strokeStyle = css(colour, alpha);
  ctx.stroke();
}

function fill(ctx: CanvasRenderingContext2D, colour: number): void {
  ctx.fillStyle = css(colour);
  ctx.fill();
}

function circle(ctx: CanvasRenderingContext2D, c: number, r: number): void {
  ctx.beginPath();
  ctx.arc(c, c, r, 0, 2 * Math.PI);
}

function line(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
}

/** A filled shape with a dark outer outline and a thin light inner line, readable on land and sea alike. */
function shape(points: readonly number[], colour: number): (ctx: CanvasRenderingContext2D) => void {
  return (ctx) => {
    polygon(ctx, points);
    stroke(ctx, 7, OUTLINE);
    fill(ctx, colour);
    stroke(ctx, 2, 0xffffff, 0.9);
  };
}

/** Each icon: its square size and how to draw it with (0, 0) at its top-left corner. */
function icons(): [Icon, number, (ctx: CanvasRenderingContext2D) => void][] {
  const c = ICON / 2;
  const focus = 2 * (FOCUS_R + 6);
  return [
    [TEX.base, ICON, shape([c - 14, c - 14, c + 14, c - 14, c + 14, c + 14, c - 14, c + 14], US_BLUE)],
    // A shield: flat top, straight sides, a point at the bottom.
    [TEX.embassy, ICON, shape([c - 14, c - 15, c + 14, c - 15, c + 14, c + 2, c, c + 17, c - 14, c + 2], US_BLUE)],
    [
      TEX.handed,
      ICON,
      (ctx) => {
        const square = [c - 13, c - 13, c + 13, c - 13, c + 13, c + 13, c - 13, c + 13];
        polygon(ctx, square);
        stroke(ctx, 9, OUTLINE);
        line(ctx, c - 13, c + 13, c + 13, c - 13);
        stroke(ctx, 9, OUTLINE);
        polygon(ctx, square);
        stroke(ctx, 4, HANDED_GREY);
        line(ctx, c - 12, c + 12, c + 12, c - 12);
        stroke(ctx, 4, HANDED_GREY);
      },
    ],
    [TEX.proxy, ICON, shape([c, c - 17, c + 16, c + 12, c - 16, c + 12], PROXY_RED)],
    [TEX.economic, ICON, shape([c, c - 17, c + 17, c, c, c + 17, c - 17, c], ECONOMIC_AMBER)],
    [
      TEX.foreign,
      ICON,
      (ctx) => {
        circle(ctx, c, 16);
        fill(ctx, OUTLINE);
        circle(ctx, c, 12.5);
        fill(ctx, FOREIGN_GREY);
        stroke(ctx, 2, 0xffffff, 0.9);
      },
    ],
    [
      TEX.city,
      16,
      (ctx) => {
        circle(ctx, 8, 7);
        fill(ctx, OUTLINE);
        circle(ctx, 8, 4.5);
        fill(ctx, 0xf4f1e8);
      },
    ],
    // The scorch mark of a struck site: a dark X with a burnt-orange core, drawn over the triangle.
    // Smaller than the triangle, so the site still reads as a proxy site under it.
    [
      TEX.scorch,
      ICON,
      (ctx) => {
        const a = 8;
        for (const [width, colour, d] of [
          [8, OUTLINE, 0],
          [3.5, 0xffc04d, 1],
        ] as const) {
          line(ctx, c - a + d, c - a + d, c + a - d, c + a - d);
          stroke(ctx, width, colour);
          line(ctx, c - a + d, c + a - d, c + a - d, c - a + d);
          stroke(ctx, width, colour);
        }
      },
    ],
    // The air-defence tag behind its letter.
    [
      TEX.badge,
      BADGE,
      (ctx) => {
        ctx.beginPath();
        ctx.roundRect(0, 0, BADGE, BADGE, 5);
        fill(ctx, OUTLINE);
        ctx.beginPath();
        ctx.roundRect(2, 2, BADGE - 4, BADGE - 4, 4);
        fill(ctx, 0xffffff);
      },
    ],
    // Points right; rotated toward an off-map place.
    [
      TEX.arrow,
      24,
      (ctx) => {
        polygon(ctx, [4, 4, 21, 12, 4, 20]);
        stroke(ctx, 5, OUTLINE);
        fill(ctx, 0xffffff);
      },
    ],
    // The ring around the focused site. An image rather than live Graphics: antialiased once, where a Graphics ring
    // would be triangulated again on every frame of its pulse.
    [
      TEX.focus,
      focus,
      (ctx) => {
        circle(ctx, focus / 2, FOCUS_R);
        stroke(ctx, 12, OUTLINE, 0.9);
        stroke(ctx, 7, 0xffd84a);
      },
    ],
    [
      TEX.dot,
      16,
      (ctx) => {
        circle(ctx, 8, 6);
        fill(ctx, 0xffffff);
      },
    ],
    [
      TEX.disc,
      64,
      (ctx) => {
        circle(ctx, 32, 31);
        fill(ctx, 0xffffff);
      },
    ],
    [
      TEX.ring,
      64,
      (ctx) => {
        circle(ctx, 32, 28);
        stroke(ctx, 5, 0xffffff);
      },
    ],
  ];
}

/** Draws every icon into one canvas, side by side, and adds it as the ICONS texture (once per game). */
export function makeIcons(scene: Phaser.Scene): void {
  if (scene.textures.exists(ICONS)) return;
  const list = icons();
  const gap = 2; // keeps linear filtering from bleeding one icon into the next
  const canvas = document.createElement('canvas');
  canvas.width = list.reduce((w, [, size]) => w + size + gap, 0);
  canvas.height = Math.max(...list.map(([, size]) => size));
  const ctx = canvas.getContext('2d')!;
  const frames: [Icon, number, number][] = [];
  let x = 0;
  for (const [name, size, draw] of list) {
    ctx.setTransform(1, 0, 0, 1, x, 0);
    draw(ctx);
    frames.push([name, x, size]);
    x += size + gap;
  }
  const texture = scene.textures.addCanvas(ICONS, canvas)!;
  for (const [name, left, size] of frames) texture.add(name, 0, left, 0, size, size);
}

/** Draws an icon centred on a point of a 2D context (the backdrop), optionally turned. */
export function drawIcon(
  ctx: CanvasRenderingContext2D,
  scene: Phaser.Scene,
  name: Icon,
  x: number,
  y: number,
  rotation = 0,
): void {
  const frame = scene.textures.getFrame(ICONS, name);
  const source = frame.source.image as CanvasImageSource;
  ctx.save();
  ctx.translate(x, y);
  if (rotation !== 0) ctx.rotate(rotation);
  const { cutX, cutY, cutWidth: w, cutHeight: h } = frame;
  ctx.drawImage(source, cutX, cutY, w, h, -w / 2, -h / 2, w, h);
  ctx.restore();
}

const BADGE_LETTER = { fontStyle: 'bold', px: 20, family: FONT, colour: '#0b121b' } as const;

/**
 * The air-defence tag with its letter ('C', 'P'), made on first use at `zoom` canvas pixels per world pixel (show it
 * at BADGE x BADGE world pixels), so the letter is rasterized at the size it is seen. Returns the texture key.
 */
export function badgeTexture(scene: Phaser.Scene, letter: string, zoom: number, names: NamePainter): string {
  const key = `${TEX.badge}-${letter}`;
  if (scene.textures.exists(key)) return key;
  const size = Math.ceil(BADGE * zoom);
  const texture = scene.textures.createCanvas(key, size, size)!;
  const ctx = texture.getContext();
  const k = size / BADGE;
  ctx.setTransform(k, 0, 0, k, 0, 0);
  drawIcon(ctx, scene, TEX.badge, BADGE / 2, BADGE / 2);
  names.draw(ctx, letter, BADGE_LETTER, { x: BADGE / 2, y: BADGE / 2 + 1 }, { x: 0.5, y: 0.5 });
  texture.refresh();
  return key;
}
