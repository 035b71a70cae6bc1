#!/usr/bin/env bash
# `npm start`: the desktop app where Electron can run, otherwise `labvisor serve` (the same app in a browser).
# Extra arguments go to `labvisor serve` (e.g. npm start -- --port 8080 --data-dir ~/lab).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
has_display() {
  case "$(uname -s)" in
    Darwin | MINGW* | MSYS* | CYGWIN*) return 0 ;;
    *) [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] ;;
  esac
}
if [ -z "${LABVISOR_HEADLESS:-}" ] && has_display && node node_modules/electron/install.js >/dev/null 2>&1; then
  # better-sqlite3 for Electron's ABI, in its own folder: the Node build stays for the CLI and the tests.
  node scripts/electron-native.mjs
  exec npx electron-vite preview
fi
echo "Electron is not available here (no display or no Electron binary): starting the headless server instead."
exec node bin/labvisor.js serve "$@"
