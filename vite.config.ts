import { defineConfig } from 'vite';
import { bundledScenarios } from './scripts/vite-scenarios.ts';
import { zodWithoutJsonSchema } from './scripts/vite-zod-json-schema.ts';

export default defineConfig({
  base: './',
  plugins: [bundledScenarios(), zodWithoutJsonSchema()],
  build: {
    target: 'es2022',
    // Phaser is one 1.4 MB module that does not tree-shake; keep it in its own chunk so our code's size is visible.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // A build on a busy classroom machine warns that plugins took long: nothing a teacher running `npm run serve`
      // can act on, printed beside the class code they must read.
      checks: { bundlerTimings: false },
      output: {
        codeSplitting: {
          groups: [
            { name: 'phaser', test: /node_modules[\\/]phaser/, priority: 2 },
            // Everything the page loads at start in one chunk with the entry. Without this group, a screen loaded on
            // demand that shares the engine with the start-up code (the computer players, the advisors) makes
            // rolldown 1.2 split the start-up code into two chunks, costing as much gzip as the split saved
            // (rolldown issues #9963, #10731).
            { name: 'index', tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
