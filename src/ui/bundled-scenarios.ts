import { parseScenario } from '../engine/index.ts';

/**
 * The module the browser game imports its scenario from (`virtual:bundled-scenarios`, made by vite.config.ts from
 * scenarios/two-boxers.json composed with the model it names): validated at build time, so the page does not pay
 * for zod on a file it ships. The module holds exactly what parseScenario returns for the composed scenario
 * (tests/ui/bundled-scenarios.test.ts holds the two equal, key order included). A file that does not validate is
 * passed on as it is, for the page to validate and show its errors, as it would any other input; one that could not
 * be composed with its model comes with its problems, one line each.
 */
export type BundledScenarios =
  | { checked: true; value: unknown }
  | { checked: false; raw: unknown; problems?: string[] };

/** The module's source for a scenario's parsed JSON (composed), or for a file and the problems composing it. */
export function bundledScenariosModule(raw: unknown, problems?: readonly string[]): string {
  const parsed = problems ? null : parseScenario(raw);
  const out: BundledScenarios = parsed?.ok
    ? { checked: true, value: parsed.value }
    : { checked: false, raw, ...(problems ? { problems: [...problems] } : {}) };
  // An object literal, which the minifier shortens (unquoted keys) as it did the JSON import this replaces.
  return `export default ${JSON.stringify(out)};\n`;
}
