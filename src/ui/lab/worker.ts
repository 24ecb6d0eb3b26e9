import { playRow } from '../../analysis/game-row.ts';
import type { LabReply, LabRequest, LabSetup } from './protocol.ts';

/**
 * A designer's lab worker: plays slices of seeds under the baseline and the variant, off the page's main thread.
 * It keeps no game it plays, so playRow plays them unfrozen (freezing halves a game's speed, as in the AI and luck
 * workers).
 */

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
