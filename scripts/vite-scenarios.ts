import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { readScenarioFile } from '../src/node/scenario-file.ts';
import { bundledScenariosModule } from '../src/ui/bundled-scenarios.ts';

const scenarioFile = (name: string) => fileURLToPath(new URL(`../scenarios/${name}.json`, import.meta.url));

/**
 * The browser game's scenario, composed with its model and validated here rather than in every page load
 * (src/ui/bundled-scenarios.ts); and `virtual:scenario/NAME`, any shipped scenario composed with its model as
 * plain JSON (the debrief loads Red Lines so), so the page never carries the model twice nor composes it.
 */
export function bundledScenarios(): Plugin {
  const bundled = 'virtual:bundled-scenarios';
  const composed = 'virtual:scenario/';
  return {
    name: 'bundled-scenarios',
    resolveId: (source) =>
      source === bundled || (source.startsWith(composed) && /^[a-z0-9-]+$/.test(source.slice(composed.length)))
        ? `\0${source}`
        : undefined,
    load(loaded) {
      if (loaded === `\0${bundled}`) {
        const file = scenarioFile('two-boxers');
        const read = readScenarioFile(file);
        this.addWatchFile(file);
        if (!read.ok) return bundledScenariosModule(JSON.parse(readFileSync(file, 'utf8')), read.lines);
        for (const f of read.file.files) this.addWatchFile(f);
        return bundledScenariosModule(read.file.json);
      }
      if (!loaded.startsWith(`\0${composed}`)) return undefined;
      const file = scenarioFile(loaded.slice(composed.length + 1));
      const read = readScenarioFile(file);
      this.addWatchFile(file);
      if (!read.ok) return `throw new Error(${JSON.stringify(read.lines.join('\n'))});\n`;
      for (const f of read.file.files) this.addWatchFile(f);
      return `export default ${JSON.stringify(read.file.json)};\n`;
    },
  };
}
