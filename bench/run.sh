#!/usr/bin/env bash
# Customer benchmarks at 1,000,000 customers on SQLite (issue 2). Writes bench/out/results.md.
#   bench/run.sh [COUNT]    (default 1000000; reuses bench/out/customers-COUNT.db if present)
#   CARTERA_BIN=path bench/run.sh   measures another build of the server (e.g. the commit before a
#   refactoring) against the same ceiling; its results go to bench/out/results-<name of the bin's
#   folder>.md as well.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
count=${1:-1000000}
runs=${RUNS:-3}
duration=${DURATION:-10s}
out=bench/out
mkdir -p "$out"
db="$out/customers-$count.db"

cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
bin=${CARTERA_BIN:-build/release/cartera}

if [ ! -f "$db" ]; then
  echo "==> generating $count customers into $db"
  build/release/bench/cartera_bench_generate "sqlite:$db" "$count" >"$out/generation-$count.txt"
fi
generation=$(cat "$out/generation-$count.txt" 2>/dev/null || echo "?")

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# wrk's "Requests/sec" and the 50%/99% latency lines, in ms.
rps() { awk '/Requests\/sec/ {print $2}'; }
pct() {
  awk -v p="$1" '$1 == p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'
}

echo "==> starting the ceiling (minimal Beast server) and cartera on $db"
build/release/bench/cartera_bench_ceiling 18998 2 & ceiling_pid=$!
CARTERA_ADMIN_EMAIL=bench@example.com CARTERA_ADMIN_PASSWORD=bench-password \
  "$bin" serve --listen 127.0.0.1:18997 --db "sqlite:$db" --threads 2 \
  --log-requests false >"$out/server.log" 2>&1 & server_pid=$!
trap 'kill $server_pid $ceiling_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fsS http://127.0.0.1:18997/readyz >/dev/null 2>&1 && break; sleep 0.2; done
TOKEN=$(curl -fsS http://127.0.0.1:18997/api/v1/auth/login \
  -d '{"email":"bench@example.com","password":"bench-password"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
export TOKEN CUSTOMERS=$count
# Warm SQLite's page cache once, so every measured run sees the steady state.
wrk -t2 -c64 -d5s -s bench/by_id.lua http://127.0.0.1:18997 >/dev/null

byid_runs=(); list50=(); list99=(); s3_50=(); s3_99=(); s6_50=(); s6_99=()
ceiling_runs=(); ratios=()
for _ in $(seq "$runs"); do
  # The ceiling and cartera back to back in each run, so both see the same machine state.
  ceiling_rps=$(wrk -t2 -c64 -d"$duration" http://127.0.0.1:18998/ | rps)
  byid_rps=$(wrk -t2 -c64 -d"$duration" -s bench/by_id.lua http://127.0.0.1:18997 | rps)
  ceiling_runs+=("$ceiling_rps"); byid_runs+=("$byid_rps")
  ratios+=("$(awk -v a="$byid_rps" -v b="$ceiling_rps" 'BEGIN {printf "%.1f", 100*a/b}')")
  result=$(wrk -t1 -c4 -d"$duration" --latency -s bench/list.lua http://127.0.0.1:18997)
  list50+=("$(echo "$result" | pct 50%)"); list99+=("$(echo "$result" | pct 99%)")
  result=$(FRAGMENT=3 wrk -t1 -c4 -d"$duration" --latency -s bench/search.lua http://127.0.0.1:18997)
  s3_50+=("$(echo "$result" | pct 50%)"); s3_99+=("$(echo "$result" | pct 99%)")
  result=$(FRAGMENT=6 wrk -t1 -c4 -d"$duration" --latency -s bench/search.lua http://127.0.0.1:18997)
  s6_50+=("$(echo "$result" | pct 50%)"); s6_99+=("$(echo "$result" | pct 99%)")
done
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$server_pid/status)
errors=$(grep -c '"level":"error"' "$out/server.log" || true)
kill -TERM "$server_pid" "$ceiling_pid"; wait "$server_pid" "$ceiling_pid" 2>/dev/null || true
trap - EXIT

m() { printf '%s\n' "$@" | median; }
ceiling=$(m "${ceiling_runs[@]}")
byid=$(m "${byid_runs[@]}")
ratio="$(m "${ratios[@]}")% (runs: ${ratios[*]})"
cat >"$out/results.md" <<MD
| measure ($count customers, SQLite, median of $runs runs of $duration) | figure | target |
|---|---|---|
| generation time | ${generation} s | — |
| ceiling: minimal Beast server, fixed 200-byte JSON (wrk -t2 -c64) | $ceiling req/s | — |
| customer by id (wrk -t2 -c64) | $byid req/s; per-run ratio to the ceiling **$ratio** | ≥ 40% |
| list page of 50, filtered by status (wrk -t1 -c4) p50 / p99 | $(m "${list50[@]}") / **$(m "${list99[@]}") ms** | p99 ≤ 10 ms |
| search q, 3 letters (wrk -t1 -c4) p50 / p99 | $(m "${s3_50[@]}") / **$(m "${s3_99[@]}") ms** | p99 ≤ 20 ms |
| search q, 6 letters (wrk -t1 -c4) p50 / p99 | $(m "${s6_50[@]}") / **$(m "${s6_99[@]}") ms** | p99 ≤ 20 ms |
| server peak RSS (VmHWM) | $((rss_kb / 1024)) MB | ≤ 300 MB |
| errors logged by the server | $errors | 0 |
MD
cat "$out/results.md"
if [ -n "${CARTERA_BIN:-}" ]; then
  cp "$out/results.md" "$out/results-$(basename "$(dirname "$CARTERA_BIN")").md"
fi
