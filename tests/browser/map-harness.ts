/**
 * A page with the map alone, for tests/browser/map.test.ts: the map's parent is sized from the query string
 * (?w=760&h=475, about what the game screen gives it at 1280x720), and window.__map exposes the controller, the
 * callbacks it received and a US view of a new game.
 */
import mapJson from '../../assets/map/countries.json';
import scenarioJson from 'virtual:scenario/two-boxers';
import { createGame } from '../../src/engine/game.ts';
import { parseScenario, type Scenario } from '../../src/engine/scenario.ts';
import { type SeatView, viewFor } from '../../src/engine/view.ts';
import { createMap, type MapController } from '../../src/ui/map/index.ts';
import type { MapAsset } from '../../src/ui/map-projection.ts';

export interface MapHarness {
  controller: MapController;
  scenario: Scenario;
  view: SeatView;
  hovers: { id: string | null; at: { x: number; y: number } | null }[];
  selects: string[];
  /** Milliseconds from createMap() to its first frame. */
  createMs: number;
}

declare global {
  interface Window {
    __map?: MapHarness;
  }
}

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const wrap = document.getElementById('wrap')!;
  wrap.style.width = `${Number(q.get('w') ?? 760)}px`;
  wrap.style.height = `${Number(q.get('h') ?? 475)}px`;
  const parsed = parseScenario(scenarioJson);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  const scenario = parsed.value;
  const game = createGame(scenario, 'map-harness');
  if (!game.ok) throw new Error(game.errors.map((e) => e.message).join('; '));
  const view = viewFor(scenario, game.value, 'us');
  const hovers: MapHarness['hovers'] = [];
  const selects: string[] = [];
  const t0 = performance.now();
  const controller = await createMap(document.getElementById('map')!, scenario, mapJson as unknown as MapAsset, {
    onHover: (id, at) => hovers.push({ id, at }),
    onSelect: (id) => selects.push(id),
  });
  const createMs = performance.now() - t0;
  controller.show(view);
  window.__map = { controller, scenario, view, hovers, selects, createMs };
}

main().catch((e: unknown) => {
  console.error(e);
});
