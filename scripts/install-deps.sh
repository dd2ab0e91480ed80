#!/usr/bin/env bash
# Installs the locked dependencies. `npm ci` would be the usual choice, but the registry this
# project builds from serves only this platform's optional native binaries (@swc/core-*,
# msgpackr-extract-*), so the lock cannot list the others and `npm ci` refuses it as out of sync.
# `npm install` with the committed lock installs the same locked versions.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund --loglevel=error
