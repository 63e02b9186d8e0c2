#!/usr/bin/env bash
# The browser suite (test/browser): n8n's editor in Debian's Chromium, driven by playwright-core, on
# the newest tested n8n with the packed package and the emulators. Installs Chromium with apt-get
# when it is missing and this runs as root; fails (counted as a failed test) otherwise.
# Writes .tmp/jest-browser.json and ends with its own "tests: N passed, N failed" line.
#   scripts/browser.sh [version]     any of n8n-versions.json (default: the newest)
#   BROWSER_IMAGES=docs              also refresh the screenshots in docs/images (scripts/screenshot.sh)
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/n8n-versions.sh
source scripts/lib/suite.sh
version="${1:-$(n8n_pin newest)}"
mkdir -p .tmp
report=".tmp/jest-browser.json"
pidfile=".tmp/browser.pids"
rm -f "$report"
: > "$pidfile"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

fail_report() {
  suite_fail_report "$report" "browser setup" "$1"
  echo "browser suite: $1" >&2
  node scripts/summarize-jest.js "$report"
  exit 1
}

# Whatever happens to jest, no n8n or task runner it started survives this script (only groups
# whose leader is still an n8n process: a pid may have been reused since).
cleanup() { suite_kill_started "$pidfile" "n8n/bin/n8n"; }
trap cleanup EXIT

echo "[browser] Chromium"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "[browser] $chromium is missing: apt-get install -y chromium"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } > .tmp/apt-chromium.log 2>&1 \
      || fail_report "apt-get install chromium failed (log: .tmp/apt-chromium.log)"
  else
    fail_report "Chromium is missing at $chromium: install Debian's package as root (apt-get install -y chromium) or set CHROMIUM_PATH"
  fi
fi
"$chromium" --version 2>/dev/null | head -1 || fail_report "$chromium does not start"

echo "[browser] n8n $version runtime"
bash scripts/n8n-runtime.sh "$version" >/dev/null || fail_report "the n8n $version runtime could not be installed"
echo "[browser] pack"
tarball=$(bash scripts/lib/pack.sh --out .tmp/pack-browser) || fail_report "npm pack failed"

start=$(date +%s)
E2E_N8N_VERSION="$version" E2E_PACKAGE_TARBALL="$tarball" E2E_PID_FILE="$PWD/$pidfile" \
  TEST_TIMEOUT_SECONDS="${TEST_TIMEOUT_SECONDS:-240}" \
  npx jest --selectProjects browser --runInBand --forceExit --json --outputFile="$report" ${BROWSER_JEST_ARGS:-}
status=$?
echo "[browser] $(( $(date +%s) - start )) s"
node scripts/summarize-jest.js "$report" || status=1
exit $status
