#!/usr/bin/env bash
# The e2e suite in a real n8n: installs (once) or reuses the pinned runtime, packs the package,
# and runs the jest e2e project against that runtime. Writes .tmp/jest-e2e-<version>.json.
#   scripts/e2e.sh [version] [--private-build]     version: any of n8n-versions.json (default: the newest)
# A runtime that cannot be installed fails the suite (and is counted as a failed test).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/n8n-versions.sh
version="${1:-$(n8n_pin newest)}"
shift || true
mkdir -p .tmp
report=".tmp/jest-e2e-$version.json"
pidfile=".tmp/e2e-$version.pids"
rm -f "$report"
: > "$pidfile"

fail_report() {
  # A jest-shaped report, so scripts/summarize-jest.js counts the failure.
  node -e 'const [file, message] = process.argv.slice(1);
    require("fs").writeFileSync(file, JSON.stringify({ numPassedTests: 0, numFailedTests: 1, numPendingTests: 0,
      numTodoTests: 0, numRuntimeErrorTestSuites: 0, success: false,
      testResults: [{ name: "e2e setup", status: "failed", message }] }));' "$report" "$1"
  echo "e2e on n8n $version: $1" >&2
  exit 1
}

# Whatever happens to jest, no n8n or task runner it started survives this script. Only groups
# whose leader is still an n8n process are ended (a recorded pid may have been reused since).
cleanup() {
  while read -r pid; do
    [ -n "$pid" ] || continue
    if ps -o args= -p "$pid" 2>/dev/null | grep -q "n8n/bin/n8n"; then kill -KILL -- "-$pid" 2>/dev/null; fi
  done < "$pidfile"
  rm -f "$pidfile"
}
trap cleanup EXIT

echo "[e2e $version] runtime"
bash scripts/n8n-runtime.sh "$version" >/dev/null || fail_report "the n8n $version runtime could not be installed"

echo "[e2e $version] pack"
tarball=$(bash scripts/lib/pack.sh --out ".tmp/pack-e2e-$version" "$@") || fail_report "npm pack failed"
echo "[e2e $version] $tarball"

# Queue mode is proven once per run, on the runtime the cluster uses; other runtimes leave the file out.
queue_mode_version=$(n8n_pin queueMode)
ignore_queue_mode=""
if [ -n "$queue_mode_version" ] && [ "$queue_mode_version" != "$version" ]; then
  echo "[e2e $version] queue-mode suite not loaded: it runs on n8n $queue_mode_version"
  ignore_queue_mode="--testPathIgnorePatterns=queue-mode"
fi

E2E_N8N_VERSION="$version" E2E_PACKAGE_TARBALL="$tarball" E2E_PID_FILE="$PWD/$pidfile" \
  TEST_TIMEOUT_SECONDS="${TEST_TIMEOUT_SECONDS:-600}" \
  npx jest --selectProjects e2e --runInBand --forceExit --json --outputFile="$report" $ignore_queue_mode ${E2E_JEST_ARGS:-}
