import bundled from 'virtual:bundled-scenarios';
import { formatErrors, parseScenario, type Scenario } from '../engine/index.ts';
import { App } from './app.ts';
import { isNetworkedPage, openNetworkedPage } from './net-route.ts';

/**
 * The scenarios the browser game offers, validated like any other input (at build time: bundled-scenarios.ts): a
 * broken file shows its errors.
 */
function loadScenarios(): Scenario[] | string {
  if (bundled.checked) return [bundled.value as Scenario];
  if (bundled.problems) return `The scenario file is broken:\n${bundled.problems.join('\n')}`;
  const parsed = parseScenario(bundled.raw);
  return parsed.ok ? [parsed.value] : `The scenario file is broken:\n${formatErrors(parsed.errors)}`;
}

// Marks for profiling start-up (DevTools' performance panel, and the browser bench).
performance.mark('two-boxers:start');
const root = document.getElementById('app')!;
const scenarios = loadScenarios();
performance.mark('two-boxers:scenarios');
if (typeof scenarios === 'string') {
  const pre = document.createElement('pre');
  pre.className = 'error';
  pre.textContent = scenarios;
  root.replaceChildren(pre);
} else if (isNetworkedPage(location.pathname)) {
  void openNetworkedPage(root, scenarios[0]!);
} else {
  const app = new App(root, scenarios);
  app.start();
  window.addEventListener('hashchange', () => app.openLink());
  performance.mark('two-boxers:first-screen');
  // Tests and the screenshot script drive the game through the UI; this only lets them wait for it to be ready.
  (window as unknown as { __twoBoxersReady?: boolean }).__twoBoxersReady = true;
}
