import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  clusterColumns,
  findFreeSpot,
  type LabelInput,
  overlapArea,
  type PlacedLabel,
  type PlacedMarker,
  type Point,
  placeLabels,
  spreadMarkers,
} from '../../src/ui/map/layout.ts';

/**
 * The map's layout, pinned: tests/fixtures/map-layout.json holds inputs (the Two Boxers sites with label sizes as
 * measured in chromium, and four seeded random crowds) and the results the first implementation gave for them. The
 * faster search (cheapest spots first, stopping a spot's sum once it is beaten, nearest grid spots first) must choose
 * exactly the same spots, ties included, so the map looks the same.
 */

interface Item {
  id: string;
  x: number;
  y: number;
  r: number;
  w: number;
  h: number;
}

interface Case {
  name: string;
  items: Item[];
  labels: LabelInput[];
  homes: { x: number; y: number; w: number; h: number }[];
  expected: {
    columns: { at: [string, Point][]; labels: [string, PlacedLabel][]; columns: unknown[] };
    placed: PlacedMarker[];
    labels: [string, PlacedLabel][];
    spots: unknown[];
  };
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/map-layout.json', import.meta.url), 'utf8')) as {
  world: { w: number; h: number };
  cases: Case[];
};
const { world } = fixture;

describe('map layout', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('gives the pinned result: %s', (_, c) => {
    const columns = clusterColumns(c.items, world, { distance: 60 });
    expect({ at: [...columns.at], labels: [...columns.labels], columns: columns.columns }).toEqual(c.expected.columns);

    const placed = spreadMarkers(
      c.items.map((t) => {
        const fixed = columns.at.get(t.id);
        return fixed ? { id: t.id, x: t.x, y: t.y, r: t.r, fixed } : { id: t.id, x: t.x, y: t.y, r: t.r };
      }),
      world,
    );
    expect(placed).toEqual(c.expected.placed);

    const labels = placeLabels(placed, c.labels, { world, preset: columns.labels });
    expect([...labels]).toEqual(c.expected.labels);

    const taken = [...labels.values()].map((l) => l.box);
    const free = (b: { x: number; y: number; w: number; h: number }) =>
      b.x > 0 && b.y > 0 && b.x + b.w < world.w && b.y + b.h < world.h && !taken.some((o) => overlapArea(o, b) > 0);
    expect(c.homes.map((h) => findFreeSpot({ x: h.x, y: h.y }, h.w, h.h, free))).toEqual(c.expected.spots);
  });

  it('finds the nearest free spot, preferring the earlier row on a tie, or none', () => {
    // Only spots at least 100 px to the right of home are free: the nearest is straight right, at dx = 100.
    const home = { x: 500, y: 500 };
    expect(findFreeSpot(home, 40, 20, (b) => b.x + 20 >= 600)).toEqual({ x: 580, y: 490, w: 40, h: 20 });
    // Free only above or below at the same distance: the grid's earlier row (above) wins.
    expect(findFreeSpot(home, 40, 20, (b) => Math.abs(b.y + 10 - 500) === 40)).toEqual({
      x: 480,
      y: 450,
      w: 40,
      h: 20,
    });
    expect(findFreeSpot(home, 40, 20, () => false)).toBeNull();
  });
});
