#!/usr/bin/env bash
# npm run bench: the five benchmarks of the Performance section, each in its own process (so memory
# figures are clean), one table each. Figures never fail the run; a benchmark that cannot run does.
#   BENCH_ONLY=token-economy,throughput,getmany-memory,streaming,d2s-concurrency,trigger-burst   (any subset, comma-separated)
#   BENCH_N8N_VERSION=2.8.4      trigger burst on that n8n instead of the newest tested one (n8n-versions.json)
#   BENCH_N8N_ENV="N8N_EXPRESSION_ENGINE=legacy"   extra n8n settings for the trigger burst
# Output: the console, plus .tmp/bench/<name>.log per benchmark and the tables in .tmp/bench/results.md.
set -uo pipefail
cd "$(dirname "$0")/.."
out=".tmp/bench"
mkdir -p "$out"
results="$out/results.md"
pidfile="$PWD/$out/n8n.pids"
: > "$pidfile"

all="token-economy throughput getmany-memory streaming d2s-concurrency trigger-burst"
only="${BENCH_ONLY:-$all}"
only="${only//,/ }"
for name in $only; do
  case " $all " in *" $name "*) ;; *) echo "BENCH_ONLY: unknown benchmark \"$name\" (known: $all)" >&2; exit 2 ;; esac
done

# Whatever happens, no n8n started by the trigger burst survives this script.
cleanup() {
  while read -r pid; do
    [ -n "$pid" ] && kill -KILL -- "-$pid" 2>/dev/null
  done < "$pidfile"
  rm -f "$pidfile"
}
trap cleanup EXIT

[ -d node_modules ] || { echo "node_modules is missing: run npm install first" >&2; exit 2; }
tsx=(node node_modules/tsx/dist/cli.mjs)

if [[ " $only " == *" trigger-burst "* ]]; then
  echo "[bench] packing the package for the trigger burst"
  tarball=$(bash scripts/lib/pack.sh --out .tmp/pack-bench) || { echo "[bench] npm pack failed" >&2; exit 1; }
  export BENCH_PACKAGE_TARBALL="$tarball"
fi
export BENCH_PID_FILE="$pidfile"

{
  echo "# Benchmark results"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(node --version), $(uname -sr)"
} > "$results"

failed=()
for name in $only; do
  echo
  echo "[bench] $name"
  start=$(date +%s)
  "${tsx[@]}" "bench/$name.ts" 2>&1 | tee "$out/$name.log"
  status=${PIPESTATUS[0]}
  echo "[bench] $name: $(( $(date +%s) - start )) s"
  # The table and its notes: everything from the first "### " heading on (the whole output if there is none).
  echo >> "$results"
  if grep -q '^### ' "$out/$name.log"; then
    sed -n '/^### /,$p' "$out/$name.log" >> "$results"
  else
    { echo "### $name"; echo; cat "$out/$name.log"; } >> "$results"
  fi
  [ "$status" = 0 ] || failed+=("$name")
done

echo
echo "[bench] tables: $results"
if [ ${#failed[@]} -gt 0 ]; then
  echo "[bench] could not run: ${failed[*]}" >&2
  exit 1
fi
