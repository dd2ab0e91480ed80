#!/usr/bin/env bash
# The checks `npm test` runs before Jest: eslint, Prettier's check, the type checks and the build.
# Each is one single-threaded process, so on a machine of two cores or more they run in two lanes
# at once (the server's type check and the build in one, the rest in the other), which takes the
# longer lane's time rather than the sum. Each lane's output is printed whole once it ends, so the
# two never interleave; the script fails when any step fails.
set -uo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

lane() {
  local name=$1
  shift
  for step in "$@"; do
    printf '> npm run %s\n' "$step"
    npm run --silent "$step" || { printf 'checks: %s failed\n' "$step"; return 1; }
  done >"$out/$name" 2>&1
}

lane sources lint format:check typecheck:web &
sources=$!
lane server typecheck:server build &
server=$!
wait "$sources"
sources_status=$?
wait "$server"
server_status=$?
cat "$out/sources" "$out/server"
[ "$sources_status" = 0 ] && [ "$server_status" = 0 ]
