import Phaser from 'phaser';
import { ECONOMIC_AMBER, FOREIGN_GREY, HANDED_GREY, OUTLINE, PROXY_RED, US_BLUE } from './style.ts';

/**
 * Marker and effect textures, drawn once with Graphics and kept as textures so markers render as cheap images.
 * Each site kind has its own shape (square, shield, triangle, diamond, circle) and each state its own mark (hollow
 * slashed square, X), so nothing is told by colour alone.
 */
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
  dot: 'fx-dot',
  disc: 'fx-disc',
  ring: 'fx-ring',
} as const;

/** Size of the marker textures; the shapes inside are about 30 px across. */
export const ICON = 44;
/** The radius markers reserve for layout and hit testing. */
export const MARKER_R = 18;

type Draw = (g: Phaser.GameObjects.Graphics, c: number) => void;

const pts = (list: number[]): Phaser.Math.Vector2[] => {
  const out: Phaser.Math.Vector2[] = [];
  for (let i = 0; i + 1 < list.length; i += 2) out.push(new Phaser.Math.Vector2(list[i]!, list[i + 1]!));
  return out;
};

/** A filled shape with a dark outer outline and a thin light inner line, readable on land and sea alike. */
function shape(points: number[], fill: number): Draw {
  return (g) => {
    const p = pts(points);
    g.lineStyle(7, OUTLINE, 1).strokePoints(p, true, true);
    g.fillStyle(fill, 1).fillPoints(p, true);
    g.lineStyle(2, 0xffffff, 0.9).strokePoints(p, true, true);
  };
}

function make(scene: Phaser.Scene, key: string, size: number, draw: Draw, c = size / 2): void {
  if (scene.textures.exists(key)) return;
  const g = scene.make.graphics({ x: 0, y: 0 }, false);
  draw(g, c);
  g.generateTexture(key, size, size);
  g.destroy();
}

/** Creates every texture the map uses (once per game; later calls are no-ops). */
export function makeIcons(scene: Phaser.Scene): void {
  const c = ICON / 2;
  make(scene, TEX.base, ICON, shape([c - 14, c - 14, c + 14, c - 14, c + 14, c + 14, c - 14, c + 14], US_BLUE));
  // A shield: flat top, straight sides, a point at the bottom.
  make(
    scene,
    TEX.embassy,
    ICON,
    shape([c - 14, c - 15, c + 14, c - 15, c + 14, c + 2, c, c + 17, c - 14, c + 2], US_BLUE),
  );
  make(scene, TEX.handed, ICON, (g) => {
    const sq = pts([c - 13, c - 13, c + 13, c - 13, c + 13, c + 13, c - 13, c + 13]);
    g.lineStyle(9, OUTLINE, 1).strokePoints(sq, true, true);
    g.lineBetween(c - 13, c + 13, c + 13, c - 13);
    g.lineStyle(4, HANDED_GREY, 1).strokePoints(sq, true, true);
    g.lineBetween(c - 12, c + 12, c + 12, c - 12);
  });
  make(scene, TEX.proxy, ICON, shape([c, c - 17, c + 16, c + 12, c - 16, c + 12], PROXY_RED));
  make(scene, TEX.economic, ICON, shape([c, c - 17, c + 17, c, c, c + 17, c - 17, c], ECONOMIC_AMBER));
  make(scene, TEX.foreign, ICON, (g) => {
    g.fillStyle(OUTLINE, 1).fillCircle(c, c, 16);
    g.fillStyle(FOREIGN_GREY, 1).fillCircle(c, c, 12.5);
    g.lineStyle(2, 0xffffff, 0.9).strokeCircle(c, c, 12.5);
  });
  make(scene, TEX.city, 16, (g) => {
    g.fillStyle(OUTLINE, 1).fillCircle(8, 8, 7);
    g.fillStyle(0xf4f1e8, 1).fillCircle(8, 8, 4.5);
  });
  // The scorch mark of a struck site: a dark X with a burnt-orange core, drawn over the triangle.
  // Smaller than the triangle, so the site still reads as a proxy site under it.
  make(scene, TEX.scorch, ICON, (g) => {
    const a = 8;
    g.lineStyle(8, OUTLINE, 1);
    g.lineBetween(c - a, c - a, c + a, c + a).lineBetween(c - a, c + a, c + a, c - a);
    g.lineStyle(3.5, 0xffc04d, 1);
    g.lineBetween(c - a + 1, c - a + 1, c + a - 1, c + a - 1).lineBetween(c - a + 1, c + a - 1, c + a - 1, c - a + 1);
  });
  // The air-defence tag behind its letter.
  make(scene, TEX.badge, 26, (g) => {
    g.fillStyle(OUTLINE, 1).fillRoundedRect(0, 0, 26, 26, 5);
    g.fillStyle(0xffffff, 1).fillRoundedRect(2, 2, 22, 22, 4);
  });
  // Points right; rotated toward an off-map place.
  make(scene, TEX.arrow, 24, (g) => {
    const p = pts([4, 4, 21, 12, 4, 20]);
    g.lineStyle(5, OUTLINE, 1).strokePoints(p, true, true);
    g.fillStyle(0xffffff, 1).fillPoints(p, true);
  });
  make(scene, TEX.dot, 16, (g) => {
    g.fillStyle(0xffffff, 1).fillCircle(8, 8, 6);
  });
  make(scene, TEX.disc, 64, (g) => {
    g.fillStyle(0xffffff, 1).fillCircle(32, 32, 31);
  });
  make(scene, TEX.ring, 64, (g) => {
    g.lineStyle(5, 0xffffff, 1).strokeCircle(32, 32, 28);
  });
}
