#!/usr/bin/env bash
# npm run bench: the five benchmarks of the Performance section, each in its own process (so memory
# figures are clean), one table each. Figures never fail the run; a benchmark that cannot run does.
#   BENCH_ONLY=token-economy,throughput,getmany-memory,streaming,d2s-concurrency,trigger-burst   (any subset, comma-separated)
#   BENCH_N8N_VERSIONS="2.41.1"  trigger burst on these n8n versions instead of the Node 20 line and the newest
#                                line (n8n-versions.json), one table each
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

# The trigger burst runs in each n8n line whose webhook handling differs (n8n 2.10+ takes an
# expression isolate per delivery), so one run shows both.
source scripts/lib/n8n-versions.sh
trigger_versions="${BENCH_N8N_VERSIONS:-${BENCH_N8N_VERSION:-$(n8n_pin node20) $(n8n_pin newest)}}"

failed=()
run_bench() {   # run_bench <name> <log name> [args...]
  local name="$1" log="$out/$2.log"
  shift 2
  echo
  echo "[bench] $name $*"
  local start
  start=$(date +%s)
  "${tsx[@]}" "bench/$name.ts" "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  echo "[bench] $name $*: $(( $(date +%s) - start )) s"
  # The table and its notes: everything from the first "### " heading on (the whole output if there is none).
  echo >> "$results"
  if grep -q '^### ' "$log"; then
    sed -n '/^### /,$p' "$log" >> "$results"
  else
    { echo "### $name $*"; echo; cat "$log"; } >> "$results"
  fi
  [ "$status" = 0 ] || failed+=("$name $*")
}
for name in $only; do
  if [ "$name" = trigger-burst ]; then
    for version in $trigger_versions; do run_bench "$name" "$name-$version" --n8n "$version"; done
  else
    run_bench "$name" "$name"
  fi
done

echo
echo "[bench] tables: $results"
if [ ${#failed[@]} -gt 0 ]; then
  echo "[bench] could not run: ${failed[*]}" >&2
  exit 1
fi
