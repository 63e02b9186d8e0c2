#!/usr/bin/env bash
# Installs (once) the private npm registry the e2e suite publishes to, Verdaccio, into the cache
# beside the n8n runtimes, and prints the path of its bin script.
# Not a devDependency: every Verdaccio release depends on `node-fetch@cjs`, a dist-tag that no longer
# exists, so it installs only with an override, and n8n's lint rule no-overrides-field refuses an
# "overrides" field in a community package's package.json. The override lives in the cache folder.
# Idempotent; one installer at a time (flock). Only the npm registry is contacted. Cache:
# $N8N_RUNTIME_CACHE or ~/.cache/n8n-nodes-print-workflow.
set -euo pipefail
version="6.8.0"   # runs on Node 20 (6.10 wants Node 22)
cache="${N8N_RUNTIME_CACHE:-$HOME/.cache/n8n-nodes-print-workflow}"
dir="$cache/verdaccio-$version"
bin="$dir/node_modules/verdaccio/bin/verdaccio"
mkdir -p "$cache"

is_complete() { [ -f "$dir/.complete" ] && [ -f "$bin" ]; }
if is_complete; then echo "$bin"; exit 0; fi

exec 9>"$cache/.verdaccio-$version.lock"
if command -v flock >/dev/null; then
  flock 9
  if is_complete; then echo "$bin"; exit 0; fi
fi

echo "[verdaccio $version] installing into $dir (once)" >&2
rm -rf "$dir"
mkdir -p "$dir"
cat > "$dir/package.json" <<JSON
{ "name": "verdaccio-for-e2e", "private": true, "overrides": { "node-fetch": "2.7.0" } }
JSON
# No package in Verdaccio's tree needs an install script.
(cd "$dir" && npm install "verdaccio@$version" --save-exact --ignore-scripts --no-audit --no-fund --loglevel=error >&2) \
  || { echo "[verdaccio $version] npm install failed" >&2; exit 1; }
[ -f "$bin" ] || { echo "[verdaccio $version] $bin is missing after the install" >&2; exit 1; }
touch "$dir/.complete"
echo "$bin"
