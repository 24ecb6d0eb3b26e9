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

/** The room a marker takes where it is drawn. */
export function markerBox(m: PlacedMarker): Box {
  return { x: m.at.x - m.r, y: m.at.y - m.r, w: 2 * m.r, h: 2 * m.r };
}

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
  /** Places (Baghdad) whose names title the column: a row of their own, among the sites they hold. */
  titles: string[];
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

/** A named place without a marker of its own in the column (a city shown for orientation), with its name's size. */
export interface ColumnPlace {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** How far a column may slide up or down from the cluster's middle, in steps, to keep clear of other places. */
const SLIDE_STEPS = 12;
const SLIDE_STEP = 12;

/**
 * Callout columns for crowded clusters (Baghdad: five sites within 30 km, three within 3 px). A cluster of three or
 * more markers is laid out as a list beside it, each row a marker with its name; leader lines run from each row's
 * marker back to its true spot. Rows follow the bearing of their true spots as seen from the column, so the lines
 * fan out uncrossed. A place at the heart of the cluster (Baghdad) gets a row of its own in that order, so its name
 * stands beside its own sites rather than at the head of a long list far from it. The column takes the side (east
 * or west) and the height, slid up or down from the cluster's middle, where it covers fewest other sites, stays
 * inside the world and keeps clear of the other places, whose names are placed later right beside them (a row
 * beside Basra reads as Basra's neighbour, or hides its name).
 */
export function clusterColumns(
  items: readonly ColumnItem[],
  world: { w: number; h: number },
  opts: { distance?: number; offset?: number; pad?: number; places?: readonly ColumnPlace[] } = {},
): { at: Map<string, Point>; labels: Map<string, PlacedLabel>; columns: Column[] } {
  const distance = opts.distance ?? 36;
  const offset = opts.offset ?? 80;
  const pad = opts.pad ?? 6;
  const places = opts.places ?? [];
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
  const titled = new Set<string>();
  for (const group of clusters(asMarkers, distance)) {
    if (group.length < 3) continue;
    const members = group.map((g) => byId.get(g.id)!);
    const inGroup = new Set(members.map((m) => m.id));
    const centre = {
      x: members.reduce((a, m) => a + m.x, 0) / members.length,
      y: members.reduce((y, m) => y + m.y, 0) / members.length,
    };
    const titles = places.filter(
      (p) => !titled.has(p.id) && Math.hypot(centre.x - p.x, centre.y - p.y) < TITLE_DISTANCE,
    );
    const others = places.filter((p) => !titles.includes(p));
    const titleIds = new Set(titles.map((p) => p.id));
    const markerR = Math.max(...members.map((m) => m.r));
    const rowHeight = (m: ColumnItem) => (titleIds.has(m.id) ? m.h + 4 : Math.max(m.h, 2 * m.r + 8));

    /** The best slide of one column of `rows` on one side, with what it costs. */
    const column = (rows: readonly ColumnItem[], side: 1 | -1): Layout => {
      const cx =
        side > 0 ? Math.max(...members.map((m) => m.x)) + offset : Math.min(...members.map((m) => m.x)) - offset;
      const mid = rows.reduce((y, m) => y + m.y, 0) / rows.length;
      // Rows follow the bearing of each true spot as seen from the column, so the leader lines fan out uncrossed.
      const bearing = (m: ColumnItem) => Math.atan2(m.y - mid, Math.abs(cx - m.x) + 1);
      const order = [...rows].sort((a, b) => bearing(a) - bearing(b) || a.y - b.y);
      const total = order.reduce((a, m) => a + rowHeight(m), 0);
      const centred = clamp(mid - total / 2, 10, world.h - 10 - total);
      let best: Layout | null = null;
      for (let k = -SLIDE_STEPS; k <= SLIDE_STEPS; k++) {
        const top = clamp(centred + k * SLIDE_STEP, 10, world.h - 10 - total);
        if (k !== 0 && top === centred) continue;
        let y = top;
        let cost = (side > 0 ? 0 : 10) + Math.abs(top - centred) * 4;
        const placed: Row[] = order.map((m) => {
          const h = rowHeight(m);
          const p = { x: cx, y: y + h / 2 };
          y += h;
          const title = titleIds.has(m.id);
          // A title starts where the markers' edges are, so it reads as the head of the rows below it.
          const ax = title ? cx - side * markerR : cx + side * (m.r + pad);
          const box = { x: side > 0 ? ax : ax - m.w, y: p.y - m.h / 2, w: m.w, h: m.h };
          // A title is only useful near its place: every pixel between them costs.
          if (title) cost += Math.abs(p.y - m.y) * 40;
          return {
            id: m.id,
            at: p,
            title,
            label: { id: m.id, box, originX: side > 0 ? 0 : 1, anchor: { x: ax, y: p.y }, leader: null } as PlacedLabel,
          };
        });
        for (const row of placed) {
          const boxes = row.title ? [row.label.box] : [row.label.box, boxAround(row.at, byId.get(row.id)!.r)];
          for (const b of boxes) {
            cost += outsideArea(b, world, 6) * 60;
            for (const t of taken) cost += overlapArea(b, t) * 40;
            for (const o of items) if (!inGroup.has(o.id)) cost += overlapArea(b, boxAround(o, o.r + 3)) * 40;
            // Another place's name goes right beside it (east or west): a row there hides it or reads as its neighbour.
            for (const p of others) {
              const room = { x: p.x - p.w - 16, y: p.y - p.h / 2 - 12, w: 2 * p.w + 32, h: p.h + 24 };
              cost += overlapArea(b, room) * 20;
            }
          }
        }
        // Leader lines that cross each other, or run through the title, tangle the list.
        const lines = placed.filter((r) => !r.title).map((r) => [r.at, byId.get(r.id)!] as const);
        lines.forEach(([p, q], i) => {
          for (const [u, v] of lines.slice(i + 1)) if (segmentsCross(p, q, u, v)) cost += 2000;
        });
        for (const [p, q] of lines)
          for (const r of placed) if (r.title && segmentHitsBox(p, q, r.label.box)) cost += 2000;
        if (!best || cost < best.cost) best = { cost, side, x: cx, top, rows: placed };
      }
      return best!;
    };

    // One column on either side, or the cluster split by latitude into a northern and a southern column on opposite
    // sides: ten rows in one column reach from Erbil's latitude to Basra's, far from the cluster at both ends.
    const rowsIn: ColumnItem[] = [...members, ...titles.map((p) => ({ ...p, r: 0 }))];
    const options: ColumnItem[][][] = [[rowsIn]];
    // Splits along straight lines through the cluster, every 15 degrees: north from south, west from east, and the
    // diagonals (Baghdad's south-western sites, Taqaddum to Karbala, from the rest).
    const orders = Array.from({ length: 12 }, (_, i) => {
      const dx = Math.cos((i * Math.PI) / 12);
      const dy = Math.sin((i * Math.PI) / 12);
      const along = (m: ColumnItem) => m.x * dx + m.y * dy;
      return [...members].sort((a, b) => along(a) - along(b) || a.y - b.y || a.x - b.x);
    });
    for (const ordered of orders) {
      for (let k = 2; k <= ordered.length - 2; k++) {
        const parts: ColumnItem[][] = [ordered.slice(0, k), ordered.slice(k)];
        // A title goes with the part that holds the site nearest to it.
        for (const t of titles) {
          const near = (m: ColumnItem) => Math.hypot(m.x - t.x, m.y - t.y);
          const nearest = [...members].sort((a, b) => near(a) - near(b))[0]!;
          parts.find((part) => part.includes(nearest))!.push({ ...t, r: 0 });
        }
        options.push(parts);
      }
    }
    let best: { cost: number; layouts: Layout[] } | null = null;
    for (const parts of options) {
      const sides: (1 | -1)[][] =
        parts.length === 1
          ? [[1], [-1]]
          : [
              [1, -1],
              [-1, 1],
            ];
      for (const pick of sides) {
        const layouts = parts.map((rows, i) => column(rows, pick[i]!));
        // A split costs a little on its own: one list is easier to read when it fits.
        let cost = layouts.reduce((a, l) => a + l.cost, 0) + (parts.length > 1 ? SPLIT_COST : 0);
        if (layouts.length === 2) {
          const [a, b] = layouts as [Layout, Layout];
          for (const r of a.rows) for (const q of b.rows) cost += overlapArea(r.label.box, q.label.box) * 40;
          // Leader lines of the two columns must not cross each other or run through the other column's rows.
          const lines = (l: Layout) => l.rows.filter((r) => !r.title).map((r) => [r.at, byId.get(r.id)!] as const);
          for (const [p, q] of lines(a)) {
            for (const [u, v] of lines(b)) if (segmentsCross(p, q, u, v)) cost += 2000;
            for (const r of b.rows) if (segmentHitsBox(p, q, r.label.box)) cost += 2000;
          }
          for (const [p, q] of lines(b)) for (const r of a.rows) if (segmentHitsBox(p, q, r.label.box)) cost += 2000;
        }
        if (!best || cost < best.cost) best = { cost, layouts };
      }
    }
    for (const layout of best!.layouts) {
      columns.push({
        ids: layout.rows.filter((r) => !r.title).map((r) => r.id),
        x: layout.x,
        top: layout.top,
        side: layout.side,
        centre,
        titles: layout.rows.filter((r) => r.title).map((r) => r.id),
      });
      for (const row of layout.rows) {
        labels.set(row.id, row.label);
        taken.push(row.label.box);
        if (row.title) {
          titled.add(row.id);
          continue;
        }
        at.set(row.id, row.at);
        taken.push(boxAround(row.at, byId.get(row.id)!.r));
      }
    }
  }
  return { at, labels, columns };
}

type Row = { id: string; at: Point; title: boolean; label: PlacedLabel };
type Layout = { cost: number; side: 1 | -1; x: number; top: number; rows: Row[] };
/** What splitting a cluster into two columns costs before anything else: about 60 px of sliding. */
const SPLIT_COST = 240;

/** A place this near the middle of a cluster's true spots titles its callout column. */
const TITLE_DISTANCE = 40;

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
  opts: { distance?: number; places?: readonly ColumnPlace[] } = {},
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
