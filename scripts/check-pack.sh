#!/usr/bin/env bash
# `npm pack` must contain every file the package.json n8n block names, plus the icons and codex files.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(npm pack --dry-run --json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const f of JSON.parse(s)[0].files)console.log(f.path)})')
missing=0
for path in $(node -e 'const p=require("./package.json");for(const f of [...p.n8n.credentials,...p.n8n.nodes])console.log(f)'); do
  if ! grep -qx "$path" <<<"$files"; then echo "missing from the package: $path"; missing=1; fi
  case "$path" in
    *.node.js)
      codex="${path%.js}.json"
      grep -qx "$codex" <<<"$files" || { echo "missing codex: $codex"; missing=1; } ;;
  esac
done
if grep -q '^dist/.*\.svg$' <<<"$files"; then :; else echo "no SVG icons in the package"; missing=1; fi
if grep -qv '^dist/\|^package.json$\|^README.md$\|^LICENSE' <<<"$files"; then
  echo "unexpected files in the package:"; grep -v '^dist/\|^package.json$\|^README.md$\|^LICENSE' <<<"$files"; missing=1
fi
[ $missing = 0 ] && echo "package contents: $(wc -l <<<"$files") files, every n8n entry present"
exit $missing
