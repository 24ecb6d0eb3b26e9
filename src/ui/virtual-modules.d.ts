declare module 'virtual:bundled-scenarios' {
  import type { BundledScenarios } from './bundled-scenarios.ts';
  const bundled: BundledScenarios;
  export default bundled;
}
