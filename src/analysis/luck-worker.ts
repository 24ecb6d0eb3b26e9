import { type LuckMessage, type LuckRequest, runLuck } from './luck.ts';

/**
 * The luck analysis's Web Worker: two hundred games played off the page's main thread, so the debrief stays
 * responsive while they run and shows their progress. This isolate keeps no state it could corrupt, so its games
 * skip the freezing that guards the UI's states (it halves the cost of a game, as in the AI worker).
 */

self.onmessage = (event: MessageEvent<LuckRequest>) => {
  runLuck(event.data, (message: LuckMessage) => self.postMessage(message), undefined, { freeze: false });
};
