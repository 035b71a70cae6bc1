#!/usr/bin/env bash
# `npm test`: everything CI runs, on a fresh machine. Installs what it needs (apt packages for the real lab,
# npm dependencies), builds, then type-checks, lints, and runs the unit/integration and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-lab-deps.sh
bash scripts/setup.sh
echo "== typecheck (one tsconfig per environment, see docs/architecture.md)"; npx tsc --build tsconfig.json
echo "== lint (eslint, prettier, knip: no dead exports, files or dependencies)"; npx eslint . --max-warnings 0; npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }; npx knip
echo "== unit and integration tests (real SQLite, sshd, ipmi_sim, QEMU)"; npx vitest run
echo "== browser tests (Chromium against labvisor serve)"; npx playwright test
