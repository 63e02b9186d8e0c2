#!/usr/bin/env bash
# The e2e suite in a real n8n: installs (once) or reuses the pinned runtime, packs the package,
# and runs the jest e2e project against that runtime. Writes .tmp/jest-e2e-<version>.json.
#   scripts/e2e.sh [version] [--private-build]     version: any of n8n-versions.json (default: the newest)
# A runtime that cannot be installed fails the suite (and is counted as a failed test).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/n8n-versions.sh
source scripts/lib/suite.sh
version="${1:-$(n8n_pin newest)}"
shift || true
mkdir -p .tmp
report=".tmp/jest-e2e-$version.json"
pidfile=".tmp/e2e-$version.pids"
rm -f "$report"
: > "$pidfile"

fail_report() {
  suite_fail_report "$report" "e2e setup" "$1"
  echo "e2e on n8n $version: $1" >&2
  exit 1
}

# Whatever happens to jest, no n8n, task runner or registry it started survives this script. Only
# groups whose leader is still an n8n or Verdaccio process are ended (a pid may have been reused since;
# Verdaccio renames its process to "verdaccio").
cleanup() { suite_kill_started "$pidfile" "n8n/bin/n8n|verdaccio"; }
trap cleanup EXIT

echo "[e2e $version] runtime"
bash scripts/n8n-runtime.sh "$version" >/dev/null || fail_report "the n8n $version runtime could not be installed"

echo "[e2e $version] pack"
tarball=$(bash scripts/lib/pack.sh --out ".tmp/pack-e2e-$version" "$@") || fail_report "npm pack failed"
echo "[e2e $version] $tarball"

# Queue mode and the registry install path are proven once per run, each on one runtime; other
# runtimes leave those files out.
ignore_once_only=()
only_on() { # <suite file pattern> <the n8n version it runs on (n8n-versions.json)>
  local pinned="$2"
  if [ -n "$pinned" ] && [ "$pinned" != "$version" ]; then
    echo "[e2e $version] $1 suite not loaded: it runs on n8n $pinned"
    ignore_once_only+=("$1")
  fi
}
only_on queue-mode "$(n8n_pin queueMode)"
only_on registry-install "$(n8n_pin newest)"
only_on ai-agent "$(n8n_pin newest)"
# First on jest's command line: an array option would take E2E_JEST_ARGS' test paths as its values.
ignore_args=()
[ ${#ignore_once_only[@]} -eq 0 ] || ignore_args=("--testPathIgnorePatterns=$(IFS='|'; echo "${ignore_once_only[*]}")")

E2E_N8N_VERSION="$version" E2E_PACKAGE_TARBALL="$tarball" E2E_PID_FILE="$PWD/$pidfile" \
  TEST_TIMEOUT_SECONDS="${TEST_TIMEOUT_SECONDS:-600}" \
  npx jest "${ignore_args[@]}" --selectProjects e2e --runInBand --forceExit --json --outputFile="$report" ${E2E_JEST_ARGS:-}
