import { type ReadRequest, readScenarioJson } from './scenario-file.ts';

/** Checks one scenario file the designer loaded, composing it with the shipped model when it names it. */
self.onmessage = (event: MessageEvent<ReadRequest>) => {
  const { json, name, bundled } = event.data;
  self.postMessage(readScenarioJson(json, name, bundled));
};
