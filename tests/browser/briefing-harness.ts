/**
 * The briefing packets on a page of their own, for tests/browser/briefing.test.ts, inside the same frame the app
 * gives its screens (#app > main.page, with the app's styles), so the print CSS is tested against the real chrome.
 * The query string chooses the packets (?sides=us or ?sides=us,iran) and the preset (?preset=short).
 */
import scenarioJson from 'virtual:scenario/two-boxers';
import type { Side } from '../../src/engine/index.ts';
import { parseScenario } from '../../src/engine/scenario.ts';
import { showBriefingPackets } from '../../src/ui/briefing-packet.ts';

declare global {
  interface Window {
    __packets?: { backs: number };
  }
}

const q = new URLSearchParams(location.search);
const parsed = parseScenario(scenarioJson);
if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
const state = { backs: 0 };
const sides = q.get('sides')?.split(',') as Side[] | undefined;
const preset = q.get('preset') ?? undefined;
showBriefingPackets(document.getElementById('main')!, parsed.value, {
  ...(sides ? { sides } : {}),
  ...(preset ? { preset } : {}),
  onBack: () => {
    state.backs++;
  },
});
window.__packets = state;
