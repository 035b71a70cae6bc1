import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { CLI_START_MODULES } from './main/cli/startModules';

const external = ['better-sqlite3', 'ssh2', 'cpu-features', 'ws', 'bufferutil', 'utf-8-validate'];

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // zod is ~90 small ES modules: resolving and reading them one by one cost the CLI more than running them.
      // Bundled, every command starts from a few chunks.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        // index = the Electron entry; cli = the same services without Electron (serve, import, power...);
        // codeCache = what bin/labvisor.js loads the CLI with.
        input: {
          index: resolve('main/index.ts'),
          cli: resolve('main/cli.ts'),
          codeCache: resolve('main/platform/codeCache.ts'),
        },
        external,
        output: {
          // CommonJS, because V8's code cache can be used for scripts but not for ES modules on Node 20: the CLI
          // loads these files through main/platform/codeCache.ts. Electron loads its entry as CommonJS too.
          format: 'cjs',
          entryFileNames: '[name].cjs',
          chunkFileNames: 'chunks/[name]-[hash].cjs',
          // `import()` cannot run in a script compiled with a code cache without an experimental Node API (which
          // warns on stderr): packages load with `require`, ES-module-only ones (execa) too (Node >= 20.19).
          dynamicImportInCjs: false,
          // What every CLI command loads at start is one chunk (each file cost a resolve, a read and a module
          // job: ~20 of them were the largest share of `hosts list` after Node itself). Rolldown adds the
          // modules' static imports to the group.
          codeSplitting: {
            groups: [{ name: 'cliStart', test: (id) => CLI_START_MODULES.some((m) => id.endsWith(`/${m}`)) }],
          },
          // Inside that chunk each module still runs only when it is first imported, as in the sources: the
          // machine code it shares stays unevaluated, and `setZodMode` runs before any schema is built.
          strictExecutionOrder: true,
        },
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
