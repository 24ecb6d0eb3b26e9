import {
  composeScenario,
  type EngineError,
  modelNameOf,
  modelOf,
  parseScenario,
  type Result,
  type Scenario,
} from '../../engine/index.ts';

/** The model file the shipped scenarios name: the only one the lab has, taken from the bundled scenario. */
export const SHIPPED_MODEL = 'model.json';

/**
 * A scenario file the designer loads: self-contained, or naming the shipped model, which the page holds already
 * inside the bundled scenario (composed when the game was built), so the lab carries no second copy of it. Run in a
 * worker of its own (read-worker.ts), so composing costs neither the game's start-up code nor the lab's game workers.
 */
export function readScenarioJson(json: unknown, name: string, bundled: Scenario): Result<Scenario> {
  const model = modelNameOf(json);
  if (!model.ok) return model;
  if (model.value === null) return parseScenario(json);
  if (model.value !== SHIPPED_MODEL) {
    const error: EngineError = {
      code: 'scenario.model',
      path: 'model',
      message: `the lab has only the model the game ships, "${SHIPPED_MODEL}": load a scenario that stands alone, such as one compare --write saved`,
    };
    return { ok: false, errors: [error] };
  }
  const composed = composeScenario(json, modelOf(bundled), { scenario: name, model: `${SHIPPED_MODEL} (bundled)` });
  return composed.ok ? { ok: true, value: composed.value.scenario } : composed;
}

/** What the page sends the read worker: the file's JSON, its name, and the bundled scenario that holds the model. */
export interface ReadRequest {
  json: unknown;
  name: string;
  bundled: Scenario;
}

/**
 * Checks a loaded scenario file in a worker started for it (src/ui/lab/read-worker.ts): the engine's composing code
 * is loaded only when a designer loads a file.
 */
export function readInWorker(request: ReadRequest): Promise<Result<Scenario>> {
  const w = new Worker(new URL('./read-worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve) => {
    const done = (result: Result<Scenario>) => {
      w.terminate();
      resolve(result);
    };
    w.onmessage = (event: MessageEvent<Result<Scenario>>) => done(event.data);
    w.onerror = (event) =>
      done({ ok: false, errors: [{ code: 'lab.worker', message: event.message || 'the worker failed to start' }] });
    try {
      w.postMessage(request);
    } catch (e) {
      // A file nested too deep for the structured clone fails here, in the page, before the worker sees it.
      done({
        ok: false,
        errors: [
          { code: 'lab.file', message: `the file could not be read: ${e instanceof Error ? e.message : String(e)}` },
        ],
      });
    }
  });
}
