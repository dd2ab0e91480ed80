#!/usr/bin/env bash
# Installs the locked dependencies. `npm ci` would be the usual choice, but the registry this
# project builds from serves only this platform's optional native binaries (@swc/core-*,
# msgpackr-extract-*), so the lock cannot list the others and `npm ci` refuses it as out of sync.
# `npm install` with the committed lock installs the same locked versions.
# The browser tests drive Debian's Chromium (playwright-core downloads no browser): where it is
# missing and this runs as root on Debian, it is installed from Debian's packages, as
# scripts/services.sh does for PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund --loglevel=error

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: installing chromium from Debian's packages (for the browser tests)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "install-deps: Chromium is missing: install Debian's chromium package, or set CHROMIUM_PATH, to run the browser tests" >&2
  fi
fi
