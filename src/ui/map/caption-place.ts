import { type Box, overlapArea, type Point } from './layout.ts';

/**
 * Resolution captions: short words that rise and fade over the map while a week plays (animate.ts). Where each goes,
 * as plain geometry (no Phaser), beside the markers and names layout.ts placed.
 */

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/** How far a caption rises as it fades out. */
export const CAPTION_RISE = 18;

/** How far a caption's dark box reaches below its text's baseline point (the container's position). */
export const CAPTION_DROP = 4;

/** The room a caption (a container at the middle of its text's bottom) takes on screen, its fading rise included. */
export function captionBox(c: { x: number; y: number; width: number; height: number }): Box {
  const bottom = c.y + CAPTION_DROP;
  return { x: c.x - c.width / 2, y: bottom - c.height - CAPTION_RISE, w: c.width, h: c.height + CAPTION_RISE };
}

/** Steps of the search for a caption's spot, nearest first; moving sideways costs more than up or down. */
const CAPTION_STEPS: readonly Point[] = (() => {
  const steps: { x: number; y: number; d: number }[] = [];
  for (let dx = -640; dx <= 640; dx += 40) {
    // Below the spot costs a little more than above: the target stays in sight either way.
    for (let dy = -480; dy <= 480; dy += 12)
      steps.push({ x: dx, y: dy, d: Math.hypot(dx * 1.5, dy > 0 ? dy * 1.2 : dy) });
  }
  return steps.sort((a, b) => a.d - b.d);
})();

/**
 * Where a caption of w x h goes (the middle of its bottom edge): above the spot, so the target stays in sight, or
 * the nearest place around it that covers no other caption still showing, no site or city name and no site's marker,
 * which a caption on top would hide while the player reads what happened there.
 *
 * `nearOverNames`: near its place before clear of names. A caption pushed far off on a long leader line ("Handed
 * over to Iraqi forces" across half of Iraq from Taqaddum) reads as another place's; around some bases no free place
 * is near (within captionLeader's reach, where no line is needed), so a near place that covers only names is taken,
 * the fewest name pixels first: the caption fades within seconds and the names come back. The handover's caption
 * asks for it (its base's marker changes under it and nothing else says which base); the week's other captions keep
 * every name clear, as they did. Markers and other captions are never covered while any place avoids them; when
 * nothing is free anywhere, the place covering least, names and markers counting more.
 */
export function captionSpot(
  at: Point,
  w: number,
  h: number,
  world: { w: number; h: number },
  captions: readonly Box[],
  names: readonly Box[],
  markers: readonly Box[] = [],
  nearOverNames = false,
): Point {
  const home = { x: at.x, y: at.y - 36 };
  let best: { cost: number; spot: Point } | null = null;
  let nearest: { covered: number; spot: Point } | null = null; // near its place, covering names only
  const free = (step: Point): Point | null => {
    const spot = {
      x: clamp(home.x + step.x, 8 + w / 2, world.w - 8 - w / 2),
      y: clamp(home.y + step.y, h + CAPTION_RISE + 8, world.h - 8 - CAPTION_DROP),
    };
    const box = captionBox({ ...spot, width: w, height: h });
    let named = 0;
    let other = 0;
    // A name hidden is worse than a caption half covered: the caption above it fades within seconds.
    for (const n of names) named += overlapArea(n, box) * 4;
    for (const m of markers) other += overlapArea(m, box) * 4;
    for (const c of captions) other += overlapArea(c, box);
    const cost = named + other;
    if (cost === 0) return spot;
    if (!best || cost < best.cost) best = { cost, spot };
    if (other === 0 && (!nearest || named < nearest.covered) && captionLeader(at, spot, w, h) === null)
      nearest = { covered: named, spot };
    return null;
  };
  // Every step is weighed (a few thousand boxes, well under a millisecond) unless a free one near the place turns up:
  // the steps go nearest first by their own measure, not by the leader line's, so a near one may come after a far one.
  let far: Point | null = null;
  for (const step of CAPTION_STEPS) {
    const spot = free(step);
    if (!spot) continue;
    if (captionLeader(at, spot, w, h) === null) return spot;
    far ??= spot;
  }
  if (nearest && nearOverNames) return (nearest as Near).spot;
  if (far) return far;
  // Nothing free around the spot (a busy week near an edge): anywhere on the map, nearest first, before a caption
  // is allowed to cover anything.
  const whole: Point[] = [];
  for (let y = 0; y <= world.h; y += 12)
    for (let x = 0; x <= world.w; x += 20) whole.push({ x: x - home.x, y: y - home.y });
  whole.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y));
  for (const step of whole) {
    const spot = free(step);
    if (spot) return spot;
  }
  return (best as { cost: number; spot: Point } | null)!.spot;
}

type Near = { covered: number; spot: Point };

/** A caption whose box stands further than this many of its own heights from its place gets a leader line to it. */
export const CAPTION_LEADER_HEIGHTS = 2;

/**
 * The leader line from a caption (placed at `spot`, w x h) back to the place it speaks of, or null when the caption
 * stands near enough to be read as that place's. In a busy week the free room can be far from the place (every base
 * handed over at once); the line keeps which base it speaks of plain. It starts at the caption box's nearest point.
 */
export function captionLeader(at: Point, spot: Point, w: number, h: number): [Point, Point] | null {
  const near = {
    x: clamp(at.x, spot.x - w / 2, spot.x + w / 2),
    y: clamp(at.y, spot.y + CAPTION_DROP - h, spot.y + CAPTION_DROP),
  };
  return Math.hypot(at.x - near.x, at.y - near.y) > h * CAPTION_LEADER_HEIGHTS ? [near, at] : null;
}
