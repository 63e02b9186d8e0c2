#!/usr/bin/env bash
# The README's test command (`npm test`): lint, typecheck, build, unit and integration tests, the package
# contents check, then the e2e suite in a real n8n on each tested line (n8n-versions.json: oldest,
# Node 20, newest), then the browser suite (n8n's editor in Chromium, on the newest line). Ends with
# one count per layer and the total "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
rm -f .tmp/jest-*.json
status=0
step() { echo; echo "=== $* ==="; }

source scripts/lib/n8n-versions.sh
versions="${E2E_N8N_VERSIONS:-$(n8n_lines)}"
runtime_pid=""
if [ "${SKIP_E2E:-}" != "1" ]; then
  # The n8n runtimes install (once, into ~/.cache) while lint and the other tests run; e2e.sh
  # checks them again and fails loudly if an install did not succeed.
  ( for version in $versions; do
      bash scripts/n8n-runtime.sh "$version" > ".tmp/runtime-$version.log" 2>&1 || true
    done ) &
  runtime_pid=$!
fi

# CI=true: n8n-node's progress spinner otherwise prints a line per frame into the log.
step lint
CI=true npm run --silent lint || status=1
step "typecheck"   # tests, tools, bench and scripts too: ts-jest and tsx do not check types
npm run --silent typecheck || status=1
step build
CI=true npm run --silent build || { echo "build failed"; exit 1; }
step "package contents"
bash scripts/check-pack.sh || status=1
step "README"   # README.md equals what scripts/build-readme.ts builds from docs/, <= 420 lines, links resolve
npx tsx scripts/build-readme.ts --check || status=1

step "unit and integration tests"
npx jest --selectProjects unit integration --forceExit --json --outputFile=.tmp/jest-main.json || status=1

if [ "${SKIP_E2E:-}" = "1" ]; then
  echo "SKIP_E2E=1: e2e and browser suites not run"
else
  [ -n "$runtime_pid" ] && wait "$runtime_pid"
  for version in $versions; do
    step "e2e on n8n $version"
    bash scripts/e2e.sh "$version" || status=1
  done
  if [ "${SKIP_BROWSER:-}" = "1" ]; then
    echo "SKIP_BROWSER=1: browser suite not run"
  else
    step "browser suite (n8n's editor in Chromium)"
    bash scripts/browser.sh || status=1
  fi
fi

node scripts/summarize-jest.js .tmp/jest-*.json || status=1
exit $status
