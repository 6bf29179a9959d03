#!/usr/bin/env bash
# Installs solc-js (version pinned in package.json/package-lock.json) from the npm registry, once.
set -euo pipefail
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
want=$(sed -n 's/.*"solc": *"\([^"]*\)".*/\1/p' "$dir/package.json")
have=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$dir/node_modules/solc/package.json" 2>/dev/null | head -1 || true)
[ "$have" = "$want" ] && exit 0
if ! command -v npm >/dev/null; then
  echo "error: the tests compile Solidity interfaces with solc-js, which needs Node.js and npm." >&2
  echo "fix:   apt-get install nodejs npm" >&2
  exit 1
fi
echo "installing solc-js $want from npm into $dir/node_modules ..." >&2
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
