import { defineConfig } from 'vite';
import { bundledScenarios } from './scripts/vite-scenarios.ts';

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
