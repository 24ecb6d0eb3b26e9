import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { bundledScenariosModule } from './src/ui/bundled-scenarios.ts';

/** The browser game's scenario, validated here rather than in every page load (src/ui/bundled-scenarios.ts). */
function bundledScenarios(): Plugin {
  const id = 'virtual:bundled-scenarios';
  const file = fileURLToPath(new URL('./scenarios/two-boxers.json', import.meta.url));
  return {
    name: 'bundled-scenarios',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(loaded) {
      if (loaded !== `\0${id}`) return undefined;
      this.addWatchFile(file);
      return bundledScenariosModule(JSON.parse(readFileSync(file, 'utf8')));
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [bundledScenarios()],
  build: {
    target: 'es2022',
    // Phaser is one 1.4 MB module that does not tree-shake; keep it in its own chunk so our code's size is visible.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: 'phaser', test: /node_modules[\\/]phaser/ }] },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
