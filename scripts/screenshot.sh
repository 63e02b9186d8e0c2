#!/usr/bin/env bash
# Refreshes docs/images/sandbox-editor.png: the sandbox's editor showing example 01 after a run,
# taken with headless Chromium from Debian's packages (apt-get install -y chromium).
#   bash scripts/screenshot.sh [output.png]
# Starts its own sandbox (the newest tested n8n, whose Node 24 also runs the DevTools client) and stops it again.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/images/sandbox-editor.png}"
workflow="exPapilioToTflow"
command -v chromium >/dev/null || { echo "needs Chromium: apt-get install -y chromium" >&2; exit 1; }

source scripts/lib/n8n-versions.sh
source "$(bash scripts/n8n-runtime.sh "$(n8n_pin newest)")"   # N8N_NODE: Node 24, which has a WebSocket client
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port=$(free_port)
devtools=$(free_port)
work=$(mktemp -d)
sandbox_pid=""
chromium_pid=""
cleanup() {
  [ -n "$chromium_pid" ] && kill "$chromium_pid" 2>/dev/null
  # The sandbox runs in its own session; SIGINT to its group makes it stop n8n and the emulators.
  if [ -n "$sandbox_pid" ]; then
    kill -INT -- "-$sandbox_pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$sandbox_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$sandbox_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "[screenshot] starting the sandbox on port $port"
setsid bash scripts/sandbox.sh --port "$port" --quiet > "$work/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 900); do
  grep -q "is running" "$work/sandbox.log" && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; exit 1; }
  sleep 1
done
grep -q "is running" "$work/sandbox.log" || { echo "the sandbox did not start" >&2; tail -40 "$work/sandbox.log" >&2; exit 1; }
login=$(grep -m1 "Sign in:" "$work/sandbox.log" | sed 's/.*Sign in: *//')
email="${login%% / *}"
password="${login##* / }"
email="${email// /}"
password="${password// /}"

chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --user-data-dir="$work/chromium" --remote-debugging-address=127.0.0.1 --remote-debugging-port="$devtools" \
  about:blank > "$work/chromium.log" 2>&1 &
chromium_pid=$!

mkdir -p "$(dirname "$out")"
"$N8N_NODE" scripts/screenshot.mjs --devtools "http://127.0.0.1:$devtools" --n8n "http://127.0.0.1:$port" \
  --email "$email" --password "$password" --workflow "$workflow" --out "$out"
echo "[screenshot] wrote $out"
