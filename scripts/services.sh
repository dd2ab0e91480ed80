#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer at DATABASE_URL and REDIS_URL (from the environment, else
# .env). Servers that answer are used as they are; the only change made to them is creating the
# project's database. Where one does not answer and this runs as root on Debian, it installs the
# Debian package, starts a local server on 127.0.0.1 and says so. Otherwise it stops and explains.
set -euo pipefail
cd "$(dirname "$0")/.."

quiet=false
[ "${1:-}" = "--quiet" ] && quiet=true
say() { $quiet || printf 'services: %s\n' "$*"; }
fail() { printf 'services: %s\n' "$*" >&2; exit 1; }

if [ ! -f .env ]; then
  cp .env.example .env
  say "created .env from .env.example"
fi
[ -d node_modules/pg ] || fail "dependencies are missing: run 'bash scripts/install-deps.sh' first"

# Variables already in the environment win over .env.
database_url=${DATABASE_URL:-$(sed -n 's/^DATABASE_URL=//p' .env | tail -1)}
redis_url=${REDIS_URL:-$(sed -n 's/^REDIS_URL=//p' .env | tail -1)}
[ -n "$database_url" ] || fail "DATABASE_URL is not set (see .env.example)"
[ -n "$redis_url" ] || fail "REDIS_URL is not set (see .env.example)"
export DATABASE_URL=$database_url REDIS_URL=$redis_url

probe() { node scripts/probe-services.mjs "$@"; }
field() { node -e 'const s=JSON.parse(process.argv[1]); console.log(process.argv[2].split(".").reduce((o,k)=>o?.[k], s) ?? "")' "$1" "$2"; }
url_part() { node -e 'const u=new URL(process.argv[1]); console.log(decodeURIComponent(u[process.argv[2]]) || process.argv[3])' "$1" "$2" "$3"; }

is_local() { case "$1" in 127.0.0.1|localhost|::1|\[::1\]) return 0;; *) return 1;; esac; }

can_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1
}

apt_updated=false
apt_install() {
  $apt_updated || { say "apt-get update"; DEBIAN_FRONTEND=noninteractive apt-get update -qq; apt_updated=true; }
  say "installing $* from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

start_postgres() {
  local host port user password version cluster
  host=$(url_part "$database_url" hostname 127.0.0.1)
  port=$(url_part "$database_url" port 5432)
  user=$(url_part "$database_url" username postgres)
  password=$(url_part "$database_url" password "")
  is_local "$host" || fail "PostgreSQL at $host does not answer, and it is not on this machine: start it, or point DATABASE_URL elsewhere"
  can_install || fail "PostgreSQL does not answer at $host:$port. Start one (Debian: apt-get install postgresql) or set DATABASE_URL"
  command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
  # Use the cluster that owns the configured port (Debian creates "main" on 5432), or make one.
  read -r version cluster < <(pg_lsclusters --no-header 2>/dev/null | awk -v p="$port" '$3 == p { print $1, $2; exit }') || true
  if [ -z "${cluster:-}" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    cluster=pendamping
    say "creating PostgreSQL $version cluster '$cluster' on port $port"
    pg_createcluster -p "$port" "$version" "$cluster" >/dev/null
  fi
  say "starting PostgreSQL $version (cluster $cluster) on 127.0.0.1:$port"
  pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start || true
  for _ in $(seq 1 30); do su postgres -c "psql -p $port -Atc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
  # The server is ours: give the configured user the configured password so DATABASE_URL works over TCP.
  su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -q" <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${user}') THEN
    CREATE ROLE "${user}" LOGIN SUPERUSER;
  END IF;
END \$\$;
ALTER ROLE "${user}" PASSWORD '${password}';
SQL
  mkdir -p .run && echo "postgresql $version $cluster $port" >> .run/started-services
}

start_redis() {
  local host port
  host=$(url_part "$redis_url" hostname 127.0.0.1)
  port=$(url_part "$redis_url" port 6379)
  is_local "$host" || fail "Redis at $host does not answer, and it is not on this machine: start it, or point REDIS_URL elsewhere"
  can_install || fail "Redis does not answer at $host:$port. Start one (Debian: apt-get install redis-server) or set REDIS_URL"
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  [ "$(field "$(probe)" redis.status)" = up ] && return 0
  say "starting Redis on 127.0.0.1:$port (no persistence, maxmemory-policy noeviction)"
  mkdir -p .run
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
    --maxmemory-policy noeviction --dir "$PWD/.run" --logfile "$PWD/.run/redis.log"
  echo "redis $port" >> .run/started-services
}

state=$(probe)
postgres=$(field "$state" postgres.status)
redis=$(field "$state" redis.status)

case "$postgres" in
  up) ;;
  refused) fail "PostgreSQL answers but refuses DATABASE_URL's credentials ($(field "$state" postgres.reason)); fix DATABASE_URL" ;;
  *) start_postgres ;;
esac
[ "$redis" = up ] || start_redis

for _ in $(seq 1 20); do
  state=$(probe create-database)
  [ "$(field "$state" postgres.status)" = up ] && [ "$(field "$state" redis.status)" = up ] && break
  sleep 1
done
[ "$(field "$state" postgres.status)" = up ] || fail "PostgreSQL still does not answer at DATABASE_URL: $(field "$state" postgres.reason)"
[ "$(field "$state" redis.status)" = up ] || fail "Redis still does not answer at REDIS_URL: $(field "$state" redis.reason)"
[ "$(field "$state" postgres.database)" = created ] && say "created database $(url_part "$database_url" pathname /pendamping | cut -c2-)"
say "PostgreSQL and Redis answer"
