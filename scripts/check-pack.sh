#!/usr/bin/env bash
# Checks the contents of the tarball `npm pack` would publish (run after the build): only dist/nodes,
# dist/credentials, package.json, README and LICENSE; every file the package.json n8n block names,
# with its codex and icons; no tests, emulators or source maps. Prints the size.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node node_modules/tsx/dist/cli.mjs scripts/check-pack.ts
