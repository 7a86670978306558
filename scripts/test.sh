#!/usr/bin/env bash
# `npm test`: type check, lint, build, then every Vitest project (node, renderer, end to end)
# with a real keychain. Extra arguments go to Vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== type check"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx eslint --max-warnings 0 .
echo "== build"; npx electron-vite build >/dev/null
echo "== tests"; exec bash scripts/with-keyring.sh npx vitest run "$@"
