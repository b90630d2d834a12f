#!/usr/bin/env bash
# Everything `make test` runs: C++ unit tests (ASan+UBSan) on SQLite and PostgreSQL, the API
# suite against both backends, the web unit tests, and the browser tests in headless Chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d /tmp/cartera-test.XXXXXX)
chmod 755 "$work"
pg_port=${CARTERA_TEST_PG_PORT:-55432}
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  scripts/pg.sh stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> building (debug, ASan+UBSan)"
cmake --preset debug >/dev/null
cmake --build --preset debug

echo "==> starting PostgreSQL on 127.0.0.1:$pg_port"
pg_url=$(scripts/pg.sh start "$work/pg" "$pg_port")
export CARTERA_TEST_PG_URL="$pg_url"

echo "==> C++ unit tests"
ctest --preset debug --output-on-failure

echo "==> web: install and build (tsc --noEmit, then vite)"
scripts/web-build.sh
echo "==> gate: web lint (ESLint, no warnings)"
( cd web && npm run lint --silent )
echo "==> web: the quick-order page stays under 100 KB of JavaScript (gzip)"
( cd web && node scripts/check-quick-size.mjs )

echo "==> API tests"
( cd tests/api
  if [ ! -f node_modules/.cartera-lock-stamp ] || ! cmp -s package-lock.json node_modules/.cartera-lock-stamp; then
    npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.cartera-lock-stamp
  fi
  for backend in sqlite postgresql; do
    echo "--> API tests on $backend"
    CARTERA_BIN="$root/build/debug/cartera" CARTERA_TEST_DB=$backend npm test --silent
  done )

echo "==> web: API types match the server's OpenAPI document"
( cd web && npm run gen:api --silent >/dev/null && git diff --exit-code -- src/api/schema.d.ts )

echo "==> web unit tests"
( cd web && npm run test:unit --silent )

echo "==> browser tests (headless Chromium)"
port=18181
CARTERA_ADMIN_EMAIL=owner@example.com CARTERA_ADMIN_PASSWORD=Secreto-123 \
  CARTERA_LOG_REQUESTS=false build/debug/cartera serve --listen 127.0.0.1:$port \
  --db "sqlite:$work/e2e.db" --web-root "$root/web/dist" --demo >"$work/e2e-server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
( cd web && CARTERA_URL="http://127.0.0.1:$port" CARTERA_EMAIL=owner@example.com \
  CARTERA_PASSWORD=Secreto-123 npm run test:e2e --silent )
kill -TERM "$server_pid"
wait "$server_pid"
server_pid=""
echo "==> all tests passed"
