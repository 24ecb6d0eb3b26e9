import { describe, expect, it } from 'vitest';
import { parseScenario, scenarioHash } from '../../src/engine/index.ts';
import { type BundledScenarios, bundledScenariosModule } from '../../src/ui/bundled-scenarios.ts';
import { shippedJson } from '../shipped.ts';

/** Loads a module from its source, as the page would. */
async function load(source: string): Promise<BundledScenarios> {
  const mod = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { default: BundledScenarios };
  return mod.default;
}

describe('the scenario the browser game ships (virtual:bundled-scenarios)', () => {
  it('holds exactly what parseScenario makes of scenarios/two-boxers.json composed with its model, key order included', async () => {
    const raw: unknown = shippedJson('two-boxers');
    const parsed = parseScenario(raw);
    if (!parsed.ok) throw new Error('scenarios/two-boxers.json does not validate');
    const bundled = await load(bundledScenariosModule(raw));
    if (!bundled.checked) throw new Error('the bundled scenario was not validated');
    expect(bundled.value).toStrictEqual(parsed.value);
    expect(JSON.stringify(bundled.value)).toBe(JSON.stringify(parsed.value));
    expect(scenarioHash(bundled.value as typeof parsed.value)).toBe(scenarioHash(parsed.value));
  });

  it('passes a file that does not validate on as it is, for the page to validate and show its errors', async () => {
    const broken = { id: 'broken', sites: 'none' };
    expect(parseScenario(broken).ok).toBe(false);
    expect(await load(bundledScenariosModule(broken))).toStrictEqual({ checked: false, raw: broken });
  });
});
