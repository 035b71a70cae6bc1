#!/usr/bin/env bash
# Installs npm dependencies (exactly the lockfile) and builds main, preload and renderer into out/.
# The Electron binary is fetched separately (scripts/start.sh), so machines without internet access still
# install everything else and run the headless server, the CLI and the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
npm run build --silent
