#!/usr/bin/env node
// The CLI and `labvisor serve` run the built main-process code (npm run build) on plain Node, without Electron.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('labvisor: not built yet; run `npm run build` in the Labvisor folder first\n');
  process.exit(1);
}
await import(cli);
