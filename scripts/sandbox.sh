#!/usr/bin/env bash
# `npm run sandbox`: a real n8n with this package, the API and model emulators and the example workflows.
#   npm run sandbox                      the newest tested n8n (n8n-versions.json; Node 24 installed from npm)
#   npm run sandbox -- --n8n <version>   another n8n (it runs on its line's Node, see docs/compatibility.md)
#   npm run sandbox -- --legacy          the Node 20 line (2.8.x) on the machine's Node
#   npm run sandbox -- --oldest          the oldest tested line (1.x)
#   npm run sandbox -- --port 5680       editor port (default 5678 when free, else any free port)
#   npm run sandbox -- --keep            keep the sandbox's n8n data (workflows you made) from the last run
#   npm run sandbox -- --quiet           no line per emulator request
#   npm run sandbox -- --check           start everything, check /healthz and that the package's nodes
#                                        loaded, run example 06 (the AI Agent and its tools against the
#                                        model emulator) and example 07 (a job created with its artwork,
#                                        its latest proof downloaded), stop, and exit 0 or 1 (CI's
#                                        cold-install check)
# The first run installs the n8n runtime into ~/.cache/n8n-nodes-print-workflow (several minutes, once;
# N8N_RUNTIME_CACHE overrides the folder).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/n8n-versions.sh
version="$(n8n_pin newest)"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --n8n) version="$2"; shift 2 ;;
    --n8n=*) version="${1#--n8n=}"; shift ;;
    --legacy) version="$(n8n_pin node20)"; shift ;;
    --oldest) version="$(n8n_pin oldest)"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
[ -d node_modules ] || { echo "Run npm ci first (the sandbox uses the dev dependencies)." >&2; exit 1; }
echo "[sandbox] n8n $version runtime"
bash scripts/n8n-runtime.sh "$version" >/dev/null
echo "[sandbox] building and packing the package"
tarball=$(bash scripts/lib/pack.sh --out .tmp/pack-sandbox)
exec npx tsx scripts/sandbox.ts --n8n "$version" --tarball "$tarball" ${args[@]+"${args[@]}"}
