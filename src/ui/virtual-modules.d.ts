declare module 'virtual:bundled-scenarios' {
  import type { BundledScenarios } from './bundled-scenarios.ts';
  const bundled: BundledScenarios;
  export default bundled;
}

/** A shipped scenario composed with the model it names, as plain JSON (vite.config.ts). */
declare module 'virtual:scenario/*' {
  const scenario: unknown;
  export default scenario;
}
