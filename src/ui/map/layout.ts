/**
 * Where things go on the map, as plain geometry: no Phaser, so it is cheap to reason about and deterministic (the
 * same scenario always gives the same picture). Markers that sit on top of each other (the Baghdad cluster has five
 * sites within 30 km, three of them within 3 px) are pushed apart with leader lines back to their true spot, and
 * labels are placed greedily where they collide least, further out with a leader line when the near spots are taken.
 */

/** A point in world pixels (1600x1000, y down). */
export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned box by its top-left corner. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One thing to place: its true world position (may lie outside the world) and the room its marker needs. */
export interface MarkerInput {
  id: string;
  x: number;
  y: number;
  /** Half the marker's size: markers are kept at least rA + rB + gap apart. */
  r: number;
  /** Where the marker must stay (a callout column), if anywhere: others move around it. */
  fixed?: Point;
}

/** A marker where it is drawn, and where it really is. */
export interface PlacedMarker {
  id: string;
  /** The projected position, possibly outside the world. */
  truth: Point;
  /** Where the marker is drawn. */
  at: Point;
  r: number;
  /** Unit vector toward the true position when it lies outside the world (an edge marker), else null. */
  offMap: Point | null;
}

/** A label to place: the marker it names (same id) and the room it needs. */
export interface LabelInput {
  id: string;
  /** Lower goes first; among equals the most crowded marker goes first. */
  priority?: number;
  /** Leave the label out when its best spot costs more (decoration such as city names). */
  maxCost?: number;
  /** Only spots right beside the marker (city names: a leader line would make them look like sites). */
  noLeader?: boolean;
  /** Room the label needs in its widest state (e.g. with "(handed over)" appended). */
  w: number;
  h: number;
}

/** A placed label. */
export interface PlacedLabel {
  id: string;
  box: Box;
  /** Text origin for a left-, centre- or right-aligned label, so a shorter text stays next to its marker. */
  originX: 0 | 0.5 | 1;
  /** The point on the box's edge that the text is anchored to (with originX and a vertical origin of 0.5). */
  anchor: Point;
  /** Leader line from the marker's edge to the label, when the label had to move away from its marker. */
  leader: [Point, Point] | null;
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/** Area shared by two boxes. */
export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Area of a box that lies outside [margin, w - margin] x [margin, h - margin]. */
function outsideArea(b: Box, world: { w: number; h: number }, margin: number): number {
  const inside = overlapArea(b, { x: margin, y: margin, w: world.w - 2 * margin, h: world.h - 2 * margin });
  return b.w * b.h - inside;
}

function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const o = (p: Point, q: Point, r: Point) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

/** Whether a segment passes through a box (Liang-Barsky clip). Allocates nothing: label placement calls it a lot. */
export function segmentHitsBox(a: Point, b: Point, box: Box): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const range = { t0: 0, t1: 1 };
  return (
    clipEdge(range, -dx, a.x - box.x) &&
    clipEdge(range, dx, box.x + box.w - a.x) &&
    clipEdge(range, -dy, a.y - box.y) &&
    clipEdge(range, dy, box.y + box.h - a.y)
  );
}

/** One edge of the Liang-Barsky clip: narrows [t0, t1] and says whether any of the segment is left. */
function clipEdge(range: { t0: number; t1: number }, p: number, q: number): boolean {
  if (p === 0) return q >= 0;
  const t = q / p;
  if (p < 0) range.t0 = Math.max(range.t0, t);
  else range.t1 = Math.min(range.t1, t);
  return range.t0 <= range.t1;
}

const boxAround = (p: Point, r: number): Box => ({ x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r });

/**
 * Markers at their projected positions, pulled inside the world (edge markers keep the direction to the real place)
 * and pushed apart until none overlap, each staying as near its true position as the crowd allows.
 */
export function spreadMarkers(
  items: readonly MarkerInput[],
  world: { w: number; h: number },
  opts: { gap?: number; margin?: number; offMargin?: number; iterations?: number } = {},
): PlacedMarker[] {
  const gap = opts.gap ?? 10;
  const iterations = opts.iterations ?? 400;
  const outside = (m: MarkerInput) => m.x < 0 || m.y < 0 || m.x > world.w || m.y > world.h;
  // Edge markers stand further in, leaving room for the arrow that points to the real place.
  const margins = items.map((m) => (outside(m) ? (opts.offMargin ?? 70) : (opts.margin ?? 34)));
  const placed: PlacedMarker[] = items.map((m, i) => {
    const margin = margins[i]!;
    const x = m.fixed?.x ?? clamp(m.x, margin, world.w - margin);
    const y = m.fixed?.y ?? clamp(m.y, margin, world.h - margin);
    const off = outside(m);
    const len = Math.hypot(m.x - x, m.y - y);
    return {
      id: m.id,
      truth: { x: m.x, y: m.y },
      at: { x, y },
      r: m.r,
      offMap: off && len > 0 ? { x: (m.x - x) / len, y: (m.y - y) / len } : null,
    };
  });
  // The relaxation runs once, cold, before the map's first frame: flat arrays keep the interpreter's work small.
  const n = placed.length;
  const xs = Float64Array.from(placed, (p) => p.at.x);
  const ys = Float64Array.from(placed, (p) => p.at.y);
  const rs = Float64Array.from(placed, (p) => p.r);
  const homeX = xs.slice();
  const homeY = ys.slice();
  const fixed = items.map((m) => m.fixed !== undefined);
  for (let it = 0; it < iterations; it++) {
    // A weak spring back to the true spot, dropped for the last passes so that no overlap is left at the end.
    const spring = it < iterations - 40 ? 0.03 : 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const min = rs[i]! + rs[j]! + gap;
        let dx = xs[j]! - xs[i]!;
        let dy = ys[j]! - ys[i]!;
        // Most pairs are far apart on one axis alone: skip them before the square root.
        if (dx >= min || dx <= -min || dy >= min || dy <= -min) continue;
        let d = Math.hypot(dx, dy);
        if (d >= min) continue;
        if (d < 0.01) {
          // Same spot: split along a fixed direction that depends only on the pair, so the result is stable.
          const angle = (i * 2.399963 + j * 0.7) % (2 * Math.PI);
          dx = Math.cos(angle);
          dy = Math.sin(angle);
          d = 1;
        }
        // A fixed marker does not move, so the other one takes the whole push.
        const fa = fixed[i]!;
        const fb = fixed[j]!;
        if (fa && fb) continue;
        const push = (min - Math.max(d, 0.01)) / (fa || fb ? 1 : 2);
        if (!fa) {
          xs[i]! -= (dx / d) * push;
          ys[i]! -= (dy / d) * push;
        }
        if (!fb) {
          xs[j]! += (dx / d) * push;
          ys[j]! += (dy / d) * push;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      if (fixed[i]) continue;
      const margin = margins[i]!;
      xs[i] = clamp(xs[i]! + (homeX[i]! - xs[i]!) * spring, margin, world.w - margin);
      ys[i] = clamp(ys[i]! + (homeY[i]! - ys[i]!) * spring, margin, world.h - margin);
    }
  }
  placed.forEach((p, i) => {
    p.at = { x: xs[i]!, y: ys[i]! };
  });
  return placed;
}

/** What else a label placement must respect. */
export interface LabelOptions {
  world: { w: number; h: number };
  /** Labels already placed (cluster columns): kept as they are, and avoided by the others. */
  preset?: ReadonlyMap<string, PlacedLabel>;
  /** Boxes labels should avoid, with how much an overlapping pixel costs (country names: a little). */
  obstacles?: readonly { box: Box; weight: number }[];
  /** Space between a marker and its label. */
  pad?: number;
}

interface Candidate {
  box: Box;
  originX: 0 | 0.5 | 1;
  /** Cost of the spot itself: side and distance from the marker. */
  cost: number;
  leader: boolean;
}

/**
 * Candidate spots around a marker: beside it (east first, then west) and slid outward or up and down from there,
 * which lets crowded labels form a readable column with short leader lines; above and below as a last resort.
 */
function candidates(m: PlacedMarker, w: number, h: number, pad: number): Candidate[] {
  const out: Candidate[] = [];
  const reach = m.r + pad;
  for (const side of [1, -1] as const) {
    for (const dx of [0, 24, 48, 76, 110, 150, 200]) {
      for (let k = -12; k <= 12; k++) {
        const dy = k * 17;
        const ax = m.at.x + side * (reach + dx);
        const box = { x: side > 0 ? ax : ax - w, y: m.at.y + dy - h / 2, w, h };
        // Beside the marker, a label may shift up or down by half its height and still read as attached.
        const leader = dx > 0 || Math.abs(dy) > h / 2 - 4;
        out.push({
          box,
          originX: side > 0 ? 0 : 1,
          cost: (side > 0 ? 0 : 6) + dx * 1.6 + Math.abs(dy) * 1.2 + (leader ? 30 : 0),
          leader,
        });
      }
    }
  }
  for (const side of [-1, 1] as const) {
    for (const dy of [0, 30, 60]) {
      for (const shift of [0, -0.3, 0.3]) {
        const y = side < 0 ? m.at.y - reach - dy - h : m.at.y + reach + dy;
        const box = { x: m.at.x - w / 2 + shift * w, y, w, h };
        out.push({ box, originX: 0.5, cost: 14 + dy * 1.6 + Math.abs(shift) * 60 + (dy > 0 ? 30 : 0), leader: dy > 0 });
      }
    }
  }
  return out;
}

function pointBoxDistance(p: Point, b: Box): number {
  const dx = Math.max(b.x - p.x, 0, p.x - (b.x + b.w));
  const dy = Math.max(b.y - p.y, 0, p.y - (b.y + b.h));
  return Math.hypot(dx, dy);
}

/** Groups of markers whose true positions chain together within `distance`, largest first. */
function clusters(markers: readonly PlacedMarker[], distance: number): PlacedMarker[][] {
  const parent = markers.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  markers.forEach((a, i) => {
    markers.forEach((b, j) => {
      if (j > i && Math.hypot(a.truth.x - b.truth.x, a.truth.y - b.truth.y) < distance) parent[find(i)] = find(j);
    });
  });
  const groups = new Map<number, PlacedMarker[]>();
  markers.forEach((m, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), m]);
  });
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

/** A callout column: its rows' ids from top to bottom, the markers' x, the top of the first row, its side. */
export interface Column {
  ids: string[];
  x: number;
  top: number;
  side: 1 | -1;
  /** The middle of the cluster's true positions. */
  centre: Point;
}

/** A marker that may join a callout column, with its label's size. */
export interface ColumnItem {
  id: string;
  /** True (projected) position. */
  x: number;
  y: number;
  r: number;
  /** The label's size. */
  w: number;
  h: number;
}

/**
 * Callout columns for crowded clusters (Baghdad: five sites within 30 km, three within 3 px). A cluster of three or
 * more markers is laid out as a list beside it, each row a marker with its name, rows in the order of the true
 * positions from north to south; leader lines run from each row's marker back to its true spot. The side (east or
 * west) is the one where the column covers fewer other sites and stays inside the world.
 */
export function clusterColumns(
  items: readonly ColumnItem[],
  world: { w: number; h: number },
  opts: { distance?: number; offset?: number; pad?: number } = {},
): { at: Map<string, Point>; labels: Map<string, PlacedLabel>; columns: Column[] } {
  const distance = opts.distance ?? 36;
  const offset = opts.offset ?? 80;
  const pad = opts.pad ?? 6;
  const inWorld = items.filter((m) => m.x >= 0 && m.y >= 0 && m.x <= world.w && m.y <= world.h);
  const asMarkers = inWorld.map((m) => ({
    id: m.id,
    truth: { x: m.x, y: m.y },
    at: { x: m.x, y: m.y },
    r: m.r,
    offMap: null,
  }));
  const byId = new Map(items.map((m) => [m.id, m]));
  const at = new Map<string, Point>();
  const labels = new Map<string, PlacedLabel>();
  const columns: Column[] = [];
  const taken: Box[] = [];
  for (const group of clusters(asMarkers, distance)) {
    if (group.length < 3) continue;
    const members = group.map((g) => byId.get(g.id)!);
    const cy = members.reduce((y, m) => y + m.y, 0) / members.length;
    const east = Math.max(...members.map((m) => m.x)) + offset;
    const west = Math.min(...members.map((m) => m.x)) - offset;
    // Rows follow the bearing of each true spot as seen from the column, so the leader lines fan out uncrossed.
    const bearing = (m: ColumnItem, x: number) => Math.atan2(m.y - cy, Math.abs(x - m.x) + 1);
    const total = members.reduce((a, m) => a + Math.max(m.h, 2 * m.r + 8), 0);
    const midY = cy;
    const top = clamp(midY - total / 2, 10, world.h - 10 - total);
    let best: { cost: number; side: 1 | -1; x: number; rows: { id: string; at: Point; label: PlacedLabel }[] } | null =
      null;
    for (const side of [1, -1] as const) {
      const cx = side > 0 ? east : west;
      const rows = [...members].sort((a, b) => bearing(a, cx) - bearing(b, cx) || a.y - b.y);
      const heights = rows.map((m) => Math.max(m.h, 2 * m.r + 8));
      let y = top;
      const placed = rows.map((m, i) => {
        const h = heights[i]!;
        const p = { x: cx, y: y + h / 2 };
        y += h;
        const ax = cx + side * (m.r + pad);
        const box = { x: side > 0 ? ax : ax - m.w, y: p.y - m.h / 2, w: m.w, h: m.h };
        return {
          id: m.id,
          at: p,
          label: { id: m.id, box, originX: side > 0 ? 0 : 1, anchor: { x: ax, y: p.y }, leader: null } as PlacedLabel,
        };
      });
      let cost = side > 0 ? 0 : 10;
      for (const row of placed) {
        const boxes = [row.label.box, boxAround(row.at, byId.get(row.id)!.r)];
        for (const b of boxes) {
          cost += outsideArea(b, world, 6) * 60;
          for (const t of taken) cost += overlapArea(b, t) * 40;
          for (const o of items)
            if (!group.some((g) => g.id === o.id)) cost += overlapArea(b, boxAround(o, o.r + 3)) * 40;
        }
      }
      if (!best || cost < best.cost) best = { cost, side, x: cx, rows: placed };
    }
    if (!best) continue;
    columns.push({
      ids: best.rows.map((r) => r.id),
      x: best.x,
      top,
      side: best.side,
      centre: { x: members.reduce((a, m) => a + m.x, 0) / members.length, y: midY },
    });
    for (const row of best.rows) {
      at.set(row.id, row.at);
      labels.set(row.id, row.label);
      taken.push(row.label.box, boxAround(row.at, byId.get(row.id)!.r));
    }
  }
  return { at, labels, columns };
}

/**
 * Places each label where it overlaps least with markers, labels already placed, obstacles and the world edge,
 * preferring the east side of its marker and short distances. The most crowded markers choose first, because they
 * have the fewest good spots. A label that moves away from its marker gets a leader line; leader lines that would
 * cross another label or leader line cost extra, and so does a label that sits nearer another marker than its own,
 * where a player would read it as that marker's name.
 */
export function placeLabels(
  markers: readonly PlacedMarker[],
  labels: readonly LabelInput[],
  opts: LabelOptions,
): Map<string, PlacedLabel> {
  const pad = opts.pad ?? 6;
  const byId = new Map(markers.map((m) => [m.id, m]));
  const markerBoxes = markers.map((m) => ({ m, box: boxAround(m.at, m.r + 3) }));
  const crowd = new Map(
    markers.map((m) => [
      m,
      markers.filter((o) => o !== m && Math.hypot(o.at.x - m.at.x, o.at.y - m.at.y) < 150).length,
    ]),
  );
  const order = labels
    .map((l, i) => ({ l, i, m: byId.get(l.id) }))
    .filter((e): e is { l: LabelInput; i: number; m: PlacedMarker } => e.m !== undefined)
    .sort((a, b) => (a.l.priority ?? 0) - (b.l.priority ?? 0) || crowd.get(b.m)! - crowd.get(a.m)! || a.i - b.i);
  const placed = new Map<string, PlacedLabel>();
  const leaders: [Point, Point][] = [];

  // Lines from displaced markers back to their true spots are drawn too: labels must not cover them.
  for (const m of markers) {
    if (!m.offMap && Math.hypot(m.at.x - m.truth.x, m.at.y - m.truth.y) >= 8) leaders.push([m.truth, m.at]);
  }
  for (const label of opts.preset?.values() ?? []) {
    placed.set(label.id, label);
    if (label.leader) leaders.push(label.leader);
  }

  for (const { l, m } of order) {
    if (placed.has(l.id)) continue;
    // A marker on the very spot (a city under a base's marker) is the same place, not a rival.
    const rivals = markerBoxes.filter((mb) => mb.m !== m && Math.hypot(mb.m.at.x - m.at.x, mb.m.at.y - m.at.y) >= 4);
    const spots = candidates(m, l.w, l.h, pad).filter((c) => !(l.noLeader && c.leader));
    const bases = spots.map((c) => c.cost + outsideArea(c.box, opts.world, 6) * 60);
    // The winner has the lowest total, and among equal totals the lowest rank (its place in the list), so spots may
    // be tried in any order. Every term of a total is zero or more: a spot whose partial total is beaten is dropped.
    let best: { cost: number; rank: number; label: PlacedLabel } | null = null;
    const beaten = (cost: number, rank: number): boolean =>
      best !== null && (cost > best.cost || (cost === best.cost && rank > best.rank));
    const consider = (rank: number): void => {
      const base = bases[rank]!;
      if (beaten(base, rank)) return;
      const c = spots[rank]!;
      const { box } = c;
      let leader: [Point, Point] | null = null;
      if (c.leader) {
        const end = { x: clamp(m.at.x, box.x, box.x + box.w), y: clamp(m.at.y, box.y + 6, box.y + box.h - 6) };
        const len = Math.hypot(end.x - m.at.x, end.y - m.at.y);
        if (len > m.r + 2) {
          const start = { x: m.at.x + ((end.x - m.at.x) / len) * m.r, y: m.at.y + ((end.y - m.at.y) / len) * m.r };
          leader = [start, end];
        }
      }
      let cost = base;
      // The end of the label that faces its marker (or the leader's end) is what a reader connects to a marker.
      const anchor = leader ? leader[1] : { x: box.x + c.originX * box.w, y: box.y + box.h / 2 };
      const own = Math.hypot(anchor.x - m.at.x, anchor.y - m.at.y);
      for (const mb of rivals) {
        if (beaten(cost, rank)) return;
        cost += overlapArea(box, mb.box) * 40;
        if (leader && segmentHitsBox(leader[0], leader[1], mb.box)) cost += 900;
        // A name nearer another marker than its own reads as that marker's name.
        const d = Math.hypot(anchor.x - mb.m.at.x, anchor.y - mb.m.at.y);
        if (d < own + 16) cost += leader ? 200 : 600;
        // So does a name that brushes past another marker.
        if (pointBoxDistance(mb.m.at, box) < mb.m.r + 26) cost += 350;
      }
      if (beaten(cost, rank)) return;
      for (const other of placed.values()) {
        cost += overlapArea(box, other.box) * 40;
        if (leader && segmentHitsBox(leader[0], leader[1], other.box)) cost += 1500;
      }
      if (beaten(cost, rank)) return;
      for (const [a, b] of leaders) {
        if (segmentHitsBox(a, b, box)) cost += 1500;
        if (leader && segmentsCross(leader[0], leader[1], a, b)) cost += 1200;
      }
      for (const o of opts.obstacles ?? []) cost += overlapArea(box, o.box) * o.weight;
      if (beaten(cost, rank)) return;
      const at = { x: box.x + c.originX * box.w, y: box.y + box.h / 2 };
      best = { cost, rank, label: { id: l.id, box, originX: c.originX, anchor: at, leader } };
    };
    // Cheapest spots (by their own cost) first: the winner turns up early and most of the others drop out at once.
    // Any order gives the same winner; a native sort of numbers (own cost, coarsened, then rank) is much cheaper in
    // cold code than sorting objects with a comparator. (An own cost can come out a hair below 0 from rounding.)
    const n = spots.length;
    const order = new Float64Array(n);
    for (let rank = 0; rank < n; rank++) order[rank] = Math.floor(Math.max(0, bases[rank]!) * 64) * n + rank;
    order.sort();
    for (const key of order) consider(key % n);
    const winner = best as { cost: number; label: PlacedLabel } | null;
    if (winner && winner.cost <= (l.maxCost ?? Number.POSITIVE_INFINITY)) {
      placed.set(l.id, winner.label);
      if (winner.label.leader) leaders.push(winner.label.leader);
    }
  }
  return placed;
}

/**
 * A spot for a name that must stay inside an area (a country) and clear of everything else: the free spot nearest
 * `home` on a grid around it, or null when there is none. Used after the site labels, so country names fill the gaps they leave.
 */
export function findFreeSpot(
  home: Point,
  w: number,
  h: number,
  free: (b: Box) => boolean,
  reach = 240,
  step = 20,
): Box | null {
  for (const { dx, dy } of nearestFirst(reach, step)) {
    const box = { x: home.x + dx - w / 2, y: home.y + dy - h / 2, w, h };
    if (free(box)) return box;
  }
  return null;
}

const grids = new Map<string, readonly { dx: number; dy: number }[]>();

/**
 * The offsets of a square grid, nearest first (vertical distance counts 1.5 times: names are wide), and in row order
 * among equals, so the first free one is the nearest and the same spot a full scan would choose.
 */
function nearestFirst(reach: number, step: number): readonly { dx: number; dy: number }[] {
  const key = `${reach}/${step}`;
  let grid = grids.get(key);
  if (!grid) {
    const all: { dx: number; dy: number; d: number }[] = [];
    for (let dy = -reach; dy <= reach; dy += step) {
      for (let dx = -reach; dx <= reach; dx += step) all.push({ dx, dy, d: Math.hypot(dx, dy * 1.5) });
    }
    grid = all.sort((a, b) => a.d - b.d);
    grids.set(key, grid);
  }
  return grid;
}

/**
 * A launch point for a proxy attack, which the US never learns: a fixed distance from the target in a direction
 * that depends only on the attack id (the golden angle spreads consecutive ids evenly), so replays look the same.
 */
export function launchPoint(target: Point, attackId: number, distance = 40): Point {
  const angle = (attackId * 2.399963229728653) % (2 * Math.PI);
  return { x: target.x + Math.cos(angle) * distance, y: target.y + Math.sin(angle) * distance };
}

/** A small deterministic number in [0, 1) from integers, for per-projectile variety without Math.random. */
export function hash01(...parts: number[]): number {
  let h = 2166136261;
  for (const p of parts) {
    h ^= p & 0xffff;
    h = Math.imul(h, 16777619);
    h ^= p >>> 16;
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

/**
 * The first two steps of every map's layout, the game's and the printed one: crowded clusters (Baghdad) become
 * callout columns, then every other marker is spread apart around them and pulled in from beyond the edge
 * (Abqaiq), with an arrow toward the real place.
 */
export function placeMarkers(
  items: readonly ColumnItem[],
  world: { w: number; h: number },
  opts: { distance?: number } = {},
): { columns: ReturnType<typeof clusterColumns>; markers: PlacedMarker[] } {
  const columns = clusterColumns(items, world, opts);
  const markers = spreadMarkers(
    items.map(({ id, x, y, r }) => {
      const fixed = columns.at.get(id);
      return fixed ? { id, x, y, r, fixed } : { id, x, y, r };
    }),
    world,
  );
  return { columns, markers };
}
