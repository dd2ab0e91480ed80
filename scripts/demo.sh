#!/usr/bin/env bash
# One command from a fresh clone to a running system: dependencies, PostgreSQL and Redis,
# build, migrations, demo data, then the API and the worker in the foreground (Ctrl-C stops both).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "demo: installing dependencies"
  bash scripts/install-deps.sh
fi
bash scripts/services.sh
echo "demo: building"
npm run --silent build
echo "demo: applying migrations"
npm run --silent migration:run >/dev/null
echo "demo: seeding the demo organisation"
seed_output=$(npm run --silent cli -- seed-demo)

mkdir -p .run
port=${PORT:-$(sed -n 's/^PORT=//p' .env | tail -1)}
host=${HOST:-$(sed -n 's/^HOST=//p' .env | tail -1)}
node dist/apps/api/src/main.js > .run/api.log 2>&1 &
api=$!
node dist/apps/worker/src/main.js > .run/worker.log 2>&1 &
worker=$!
trap 'kill $api $worker 2>/dev/null; wait 2>/dev/null' EXIT INT TERM

for _ in $(seq 1 60); do
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://$host:$port/health/ready" && break
  kill -0 $api 2>/dev/null || { echo "demo: the API stopped; see .run/api.log" >&2; tail -20 .run/api.log >&2; exit 1; }
  sleep 1
done

cat <<INFO

  Pendamping is running.
    App        http://$host:$port/
    API        http://$host:$port/api/v1
    API docs   http://$host:$port/docs
    Readiness  http://$host:$port/health/ready
    Logs       .run/api.log, .run/worker.log (JSON; identifying fields redacted)

$seed_output

  Ctrl-C stops the API and the worker.
INFO
wait $api $worker
