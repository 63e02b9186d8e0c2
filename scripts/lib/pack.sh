#!/usr/bin/env bash
# Packs the package with `npm pack` and prints the tarball's path: the artifact users install.
# Uses dist/ when it is complete and newer than the sources (scripts/test.sh builds it first);
# otherwise compiles into a private staging folder, so dist/ of a working copy is never touched.
#   scripts/lib/pack.sh [--private-build] [--out DIR]     (DIR: where the tarball goes, default .tmp/pack)
# Callers that may run at the same time (e2e, sandbox) use different DIRs.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=".tmp/pack"
dist_ready=1
while [ $# -gt 0 ]; do
  case "$1" in
    --private-build) dist_ready=0; shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "[pack] unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"
stage="$out/stage"
rm -f "$out"/*.tgz

entries=$(node -e 'const p=require("./package.json");for(const f of [...p.n8n.credentials,...p.n8n.nodes])console.log(f)')
for entry in $entries; do
  if [ ! -f "$entry" ]; then dist_ready=0; break; fi
  if [ -n "$(find nodes credentials -newer "$entry" \( -name '*.ts' -o -name '*.json' -o -name '*.svg' \) -print -quit)" ]; then
    dist_ready=0; break
  fi
done

if [ "$dist_ready" = 1 ]; then
  npm pack --pack-destination "$out" --silent >/dev/null
else
  echo "[pack] dist/ is missing or older than the sources: building into $stage" >&2
  rm -rf "$stage"
  mkdir -p "$stage"
  npx tsc -p tsconfig.json --outDir "$stage/dist"
  # `n8n-node build` copies the icons next to the compiled files; do the same here.
  (find nodes credentials -name '*.svg' -o -name '*.png') | while read -r icon; do
    mkdir -p "$stage/dist/$(dirname "$icon")"
    cp "$icon" "$stage/dist/$icon"
  done
  cp package.json "$stage/"
  for doc in README.md LICENSE.md; do [ -f "$doc" ] && cp "$doc" "$stage/"; done
  for entry in $entries; do
    [ -f "$stage/$entry" ] || { echo "[pack] the build did not produce $entry" >&2; exit 1; }
  done
  (cd "$stage" && npm pack --pack-destination "$out" --silent >/dev/null)
fi
ls "$out"/*.tgz
