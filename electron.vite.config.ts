import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const external = ['better-sqlite3', 'ssh2', 'cpu-features', 'ws', 'bufferutil', 'utf-8-validate'];

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // zod is ~90 small ES modules: resolving and reading them one by one cost the CLI more than running them.
      // Bundled, every command starts from a few chunks.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        // index = the Electron entry; cli = the same services without Electron (serve, import, power...).
        input: { index: resolve('main/index.ts'), cli: resolve('main/cli.ts') },
        external,
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // `serve` sends these bytes over HTTP and every start parses them: ship them minified.
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
