#!/usr/bin/env bash
# Installs the web app's npm packages when the lock file changed, and builds web/dist.
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=node_modules/.cartera-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "==> npm ci (web, from package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
if [ "${1:-}" != "--deps-only" ]; then
  echo "==> building the web app"
  npm run build --silent
fi
