#!/usr/bin/env node
// The CLI and `labvisor serve` run the built main-process code (npm run build) on plain Node, without Electron.
// CommonJS (bin/package.json): an ES module entry would start Node's ES module loader (about 2 ms of CPU per command).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const out = join(__dirname, '../out/main');
const cli = join(out, 'cli.cjs');
const loaderFile = join(out, 'codeCache.cjs');
if (!existsSync(cli) || !existsSync(loaderFile)) {
  process.stderr.write('labvisor: not built yet; run `npm run build` in the Labvisor folder first\n');
  process.exit(1);
}
const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  // One small file: nothing to gain from the code cache, whose hashing would cost more than it saves here.
  require(cli)
    .main(argv)
    .then((code) => (process.exitCode = code));
} else {
  const { codeCacheLoader } = require(loaderFile);
  const loader = codeCacheLoader(join(out, '.code-cache'));
  loader
    .load(cli)
    .main(argv)
    .then(
      (code) => {
        process.exitCode = code;
        loader.save();
      },
      (error) => {
        process.stderr.write(`labvisor: ${error && error.stack ? error.stack : error}\n`);
        process.exitCode = 1;
      },
    );
}
