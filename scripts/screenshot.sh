#!/usr/bin/env bash
# One screenshot of the editor with Debian's Chromium (playwright-core): a workflow after a run.
#   bash scripts/screenshot.sh [output.png] [workflow id]     default: example 01 → docs/images/example-01.png
# Starts its own sandbox world on free ports (the newest tested n8n) and stops it again. All the
# README's screenshots at once: BROWSER_IMAGES=docs npm run test:browser (the browser suite).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/images/example-01.png}"
workflow="${2:-exPapilioToTflow}"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] || { echo "needs Chromium at $chromium: apt-get install -y chromium (or set CHROMIUM_PATH)" >&2; exit 1; }
source scripts/lib/n8n-versions.sh
version="$(n8n_pin newest)"
bash scripts/n8n-runtime.sh "$version" >/dev/null
tarball=$(bash scripts/lib/pack.sh --out .tmp/pack-screenshot)
exec npx tsx scripts/screenshot.ts --n8n "$version" --tarball "$tarball" --workflow "$workflow" --out "$out"
