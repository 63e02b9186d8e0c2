#!/usr/bin/env bash
# `npm run sandbox`: a real n8n with this package, the three API emulators and the example workflows.
#   npm run sandbox                      newest n8n (2.40.7, on Node 24 installed from npm)
#   npm run sandbox -- --n8n 2.8.4       n8n 2.8.x on the machine's Node 20
#   npm run sandbox -- --port 5680       editor port (default 5678 when free, else any free port)
#   npm run sandbox -- --keep            keep the sandbox's n8n data (workflows you made) from the last run
#   npm run sandbox -- --quiet           no line per emulator request
# The first run installs the n8n runtime into ~/.cache/n8n-nodes-print-workflow (several minutes, once).
set -euo pipefail
cd "$(dirname "$0")/.."
version="2.40.7"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --n8n) version="$2"; shift 2 ;;
    --n8n=*) version="${1#--n8n=}"; shift ;;
    --legacy) version="2.8.4"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
[ -d node_modules ] || { echo "Run npm ci first (the sandbox uses the dev dependencies)." >&2; exit 1; }
echo "[sandbox] n8n $version runtime"
bash scripts/n8n-runtime.sh "$version" >/dev/null
echo "[sandbox] building and packing the package"
tarball=$(bash scripts/lib/pack.sh --out .tmp/pack-sandbox)
exec npx tsx scripts/sandbox.ts --n8n "$version" --tarball "$tarball" ${args[@]+"${args[@]}"}
