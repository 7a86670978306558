#!/usr/bin/env bash
# `npm test`: type check, lint, build, the Electronegativity scan (scripts/electronegativity.mjs),
# then every Vitest project (node, renderer, end to end) with a real keychain.
# Extra arguments go to Vitest. Ends with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== type check"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx eslint --max-warnings 0 .
echo "== build"; npx electron-vite build >/dev/null
echo "== security scan"; node scripts/electronegativity.mjs
echo "== tests"
results="$(mktemp)"
status=0
bash scripts/with-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`Summary: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
' "$results" || true
exit "$status"
