import { setAutoFreeze } from 'immer';
import { playRow } from '../../analysis/game-row.ts';
import { setStateFreezing } from '../../engine/resolve.ts';
import type { LabReply, LabRequest, LabSetup } from './protocol.ts';

/**
 * A designer's lab worker: plays slices of seeds under the baseline and the variant, off the page's main thread.
 * This isolate keeps no state it could corrupt, so it switches off the freezing that guards the UI's states (it
 * halves the cost of a game, as in the AI and luck workers).
 */

setAutoFreeze(false);
setStateFreezing(false);

let setup: LabSetup | null = null;

const reply = (message: LabReply) => self.postMessage(message);

self.onmessage = (event: MessageEvent<LabRequest>) => {
  const request = event.data;
  if (request.kind === 'setup') {
    setup = request;
    return;
  }
  if (!setup) {
    reply({ kind: 'error', message: 'a slice of seeds came before the variants' });
    return;
  }
  try {
    const baseline = [];
    const variant = [];
    for (let seed = request.first; seed <= request.last; seed++) {
      baseline.push(playRow(setup.baseline, setup.matchup, seed));
      variant.push(playRow(setup.variant, setup.matchup, seed));
    }
    reply({ kind: 'rows', baseline, variant });
  } catch (e) {
    reply({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
