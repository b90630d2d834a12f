#!/usr/bin/env bash
# Order and quick-order link benchmarks (issue 3) on SQLite. Writes bench/out/orders-results.md.
#   bench/orders.sh [CUSTOMERS] [ORDERS]    (default 1000000 10000000)
# Environment: RUNS (3), DURATION (10s), PRODUCTS_COUNT (10000), QUIET_MAX (3600 s to wait for
# test runs to end before a measurement; then it measures anyway and says so).
# Reuses bench/out/orders-CUSTOMERS-ORDERS.db when present; else copies
# bench/out/customers-CUSTOMERS.db (generating it first if missing) and adds the catalogue and
# the orders with cartera_bench_generate_orders. Each run adds the orders it submits (some
# 20,000 per run of 10 s) to that database, and each call of this script 1,200 quick-order links.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
customers=${1:-1000000}
orders=${2:-10000000}
products=${PRODUCTS_COUNT:-10000}
runs=${RUNS:-3}
duration=${DURATION:-10s}
out=bench/out
mkdir -p "$out"
db="$out/orders-$customers-$orders.db"
port=18995
ceiling_port=18996
url=http://127.0.0.1:$port

cmake --preset release >/dev/null
cmake --build --preset release >/dev/null

if [ ! -f "$db" ]; then
  if [ ! -f "$out/customers-$customers.db" ]; then
    echo "==> generating $customers customers into $out/customers-$customers.db"
    build/release/bench/cartera_bench_generate "sqlite:$out/customers-$customers.db" "$customers" \
      >"$out/generation-$customers.txt"
  fi
  echo "==> adding $products products and $orders orders to a copy: $db"
  df -h "$out" | tail -1
  cp "$out/customers-$customers.db" "$db.tmp"
  build/release/bench/cartera_bench_generate_orders "sqlite:$db.tmp" "$products" "$orders" \
    >"$out/orders-generation-$customers-$orders.txt" \
    2>"$out/orders-generation-$customers-$orders.log"
  mv "$db.tmp" "$db"
fi
generation=$(cat "$out/orders-generation-$customers-$orders.txt" 2>/dev/null || echo "?")
db_size=$(du -m "$db" | cut -f1)

# Customers with a full first page (50 orders or more), for the heavier history run.
heavy="$out/orders-$customers-$orders-heavy.txt"
if [ ! -f "$heavy" ]; then
  python3 - "$db" "$heavy" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT customer_id FROM orders GROUP BY customer_id HAVING COUNT(*) >= 50")
with open(sys.argv[2], "w") as f:
    f.writelines(f"{r[0]}\n" for r in rows)
PY
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m() { printf '%s\n' "$@" | median; }
rps() { awk '/Requests\/sec/ {print $2}'; }
pct() {
  awk -v p="$1" '$1 == p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'
}
# The value of a "name: value" line a Lua script printed (0 when absent).
field() { awk -F': ' -v k="$1" '$1 == k {v = $2; found = 1} END {print found ? v : 0}'; }
# Socket errors and non-2xx answers wrk itself saw (0 when it printed no such line).
wrk_errors() {
  awk '/Socket errors/ {gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i}
       /Non-2xx or 3xx/ {n += $NF} END {print n + 0}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.1f", a / b; else print "-"}'; }
metric() { curl -fsS "$url/metrics" | awk -v k="$1" '$1 == k {print $2}'; }

# Other people's test runs on this machine disturb timings: wait until none is running.
loads=()
busy() { pgrep -f 'ctest|node.*--test|vitest|chromium|chrome|headless_shell' >/dev/null; }
quiet() {
  local waited=0
  while busy; do
    if [ "$waited" -ge "${QUIET_MAX:-3600}" ]; then
      echo "    still busy after ${waited} s; measuring anyway" >&2
      loads+=("busy")
      return
    fi
    [ "$waited" -eq 0 ] && echo "    waiting for test runs to end" >&2
    sleep 30
    waited=$((waited + 30))
  done
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
}

# The raw fsync rate of this disk: 4 KiB written at rotating offsets of a 4 MiB file (as
# SQLite reuses its WAL), each followed by fdatasync. One durable commit can go no faster.
fsync_rate() {
  python3 - "$out/fsync-probe" <<'PY'
import os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
os.write(fd, b"\0" * (4 << 20))
os.fsync(fd)
block, n, seconds = b"x" * 4096, 0, 5.0
end = time.monotonic() + seconds
while time.monotonic() < end:
    os.pwrite(fd, block, (n % 1024) * 4096)
    os.fdatasync(fd)
    n += 1
os.close(fd)
os.unlink(sys.argv[1])
print(f"{n / seconds:.0f}")
PY
}

# Migrations first, so that a new index is not built while the server should be answering.
build/release/cartera migrate --db "sqlite:$db"
echo "==> starting the ceiling (minimal Beast server) and cartera on $db"
build/release/bench/cartera_bench_ceiling "$ceiling_port" 2 &
ceiling_pid=$!
CARTERA_ADMIN_EMAIL=bench@example.com CARTERA_ADMIN_PASSWORD=bench-password \
  CARTERA_QUICK_ORDERS_PER_MINUTE=100000 \
  build/release/cartera serve --listen "127.0.0.1:$port" --db "sqlite:$db" --threads 2 \
  --log-requests false >"$out/orders-server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid $ceiling_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -fsS "$url/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
TOKEN=$(curl -fsS "$url/api/v1/auth/login" \
  -d '{"email":"bench@example.com","password":"bench-password"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
export TOKEN CUSTOMERS=$customers
echo "==> quick-order links through the staff API"
python3 bench/orders_setup.py "$url" "$TOKEN" "$customers" "$out"
export PRODUCTS
PRODUCTS=$(cat "$out/products.txt")
links=$(wc -l <"$out/tokens.txt")
submit_links=$(wc -l <"$out/tokens-submit.txt")
heavy_count=$(wc -l <"$heavy")

# Warm the page cache once for each kind of request.
TOKENS=$out/tokens.txt wrk -t1 -c4 -d5s -s bench/quick_catalog.lua "$url" >/dev/null
wrk -t1 -c4 -d5s -s bench/order_history.lua "$url" >/dev/null
IDS=$heavy wrk -t1 -c4 -d5s -s bench/order_history.lua "$url" >/dev/null

ceil50=(); ceil99=(); cat50=(); cat99=(); catq50=(); catq99=(); hist50=(); hist99=()
heavy50=(); heavy99=(); fsyncs=(); submit=(); single=(); per_commit=()
cat_ratio=(); catq_ratio=(); hist_ratio=(); heavy_ratio=(); submit_ratio=(); single_ratio=()
bad_reads=0; bad_writes=0; replays=0; hist_items=""; heavy_items=""
for run in $(seq "$runs"); do
  echo "==> run $run of $runs"
  # Latency: four clients at a time (wrk -t1 -c4), the ceiling first, as in bench/run.sh.
  quiet
  result=$(wrk -t1 -c4 -d"$duration" --latency "http://127.0.0.1:$ceiling_port/")
  c99=$(echo "$result" | pct 99%)
  ceil50+=("$(echo "$result" | pct 50%)"); ceil99+=("$c99")

  quiet
  result=$(TOKENS=$out/tokens.txt wrk -t1 -c4 -d"$duration" --latency -s bench/quick_catalog.lua "$url")
  cat50+=("$(echo "$result" | pct 50%)"); cat99+=("$(echo "$result" | pct 99%)")
  cat_ratio+=("$(ratio "${cat99[-1]}" "$c99")")
  bad_reads=$((bad_reads + $(echo "$result" | field "non-200 answers") + $(echo "$result" | wrk_errors)))

  quiet
  result=$(Q=1 TOKENS=$out/tokens.txt wrk -t1 -c4 -d"$duration" --latency -s bench/quick_catalog.lua "$url")
  catq50+=("$(echo "$result" | pct 50%)"); catq99+=("$(echo "$result" | pct 99%)")
  catq_ratio+=("$(ratio "${catq99[-1]}" "$c99")")
  bad_reads=$((bad_reads + $(echo "$result" | field "non-200 answers") + $(echo "$result" | wrk_errors)))

  quiet
  result=$(wrk -t1 -c4 -d"$duration" --latency -s bench/order_history.lua "$url")
  hist50+=("$(echo "$result" | pct 50%)"); hist99+=("$(echo "$result" | pct 99%)")
  hist_ratio+=("$(ratio "${hist99[-1]}" "$c99")")
  hist_items="$hist_items $(echo "$result" | field "orders per page")"
  bad_reads=$((bad_reads + $(echo "$result" | field "non-200 answers") + $(echo "$result" | wrk_errors)))

  quiet
  result=$(IDS=$heavy wrk -t1 -c4 -d"$duration" --latency -s bench/order_history.lua "$url")
  heavy50+=("$(echo "$result" | pct 50%)"); heavy99+=("$(echo "$result" | pct 99%)")
  heavy_ratio+=("$(ratio "${heavy99[-1]}" "$c99")")
  heavy_items="$heavy_items $(echo "$result" | field "orders per page")"
  bad_reads=$((bad_reads + $(echo "$result" | field "non-200 answers") + $(echo "$result" | wrk_errors)))

  # Durable writes: the disk's fsync rate, then 32 clients, then one client.
  quiet
  f=$(fsync_rate)
  fsyncs+=("$f")
  commits_before=$(metric cartera_db_group_commits_total)
  writes_before=$(metric cartera_db_group_writes_total)
  result=$(TOKENS=$out/tokens-submit.txt wrk -t2 -c32 -d"$duration" -s bench/quick_order.lua "$url")
  commits=$(($(metric cartera_db_group_commits_total) - commits_before))
  writes=$(($(metric cartera_db_group_writes_total) - writes_before))
  per_commit+=("$(ratio "$writes" "$commits")")
  errors=$(($(echo "$result" | field "non-201 answers") + $(echo "$result" | wrk_errors)))
  replayed=$(echo "$result" | field "replayed 201 answers")
  bad_writes=$((bad_writes + errors)); replays=$((replays + replayed))
  submit+=("$(echo "$result" | rps)")
  submit_ratio+=("$(ratio "${submit[-1]}" "$f")")

  quiet
  result=$(TOKENS=$out/tokens-submit.txt wrk -t1 -c1 -d"$duration" -s bench/quick_order.lua "$url")
  errors=$(($(echo "$result" | field "non-201 answers") + $(echo "$result" | wrk_errors)))
  replayed=$(echo "$result" | field "replayed 201 answers")
  bad_writes=$((bad_writes + errors)); replays=$((replays + replayed))
  single+=("$(echo "$result" | rps)")
  single_ratio+=("$(ratio "${single[-1]}" "$f")")
done
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$server_pid/status)
server_errors=$(grep -c '"level":"error"' "$out/orders-server.log" || true)
kill -TERM "$server_pid" "$ceiling_pid"
wait "$server_pid" "$ceiling_pid" 2>/dev/null || true
trap - EXIT

met() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN {print ((dir == "max" ? v <= t : v >= t) ? "yes" : "**no**")}'; }
cat99_m=$(m "${cat99[@]}"); hist99_m=$(m "${hist99[@]}"); heavy99_m=$(m "${heavy99[@]}")
submit_m=$(m "${submit[@]}")
writes_ok=$([ "$bad_writes" -eq 0 ] && [ "$replays" -eq 0 ] && echo yes || echo "**no**")
cat >"$out/orders-results.md" <<MD
| measure ($customers customers, $products products, $orders orders; SQLite; median of $runs runs of $duration) | median | per run | ratio to the baseline of the same run (median) | target | met |
|---|---|---|---|---|---|
| generation time (catalogue, links, orders, lines, events; ANALYZE); database size | $(printf "%.0f" "$generation") s; $(awk -v m="$db_size" 'BEGIN {printf "%.1f", m / 1024}') GB | — | — | — | |
| ceiling: minimal Beast server, fixed 200-byte JSON (wrk -t1 -c4) p50 / p99 | $(m "${ceil50[@]}") / $(m "${ceil99[@]}") ms | p99: ${ceil99[*]} | baseline of the three latency rows below | — | |
| quick-order catalogue page, GET /api/v1/q/{token} (first 100 products; $links links, a quarter scoped to 3 product types) p50 / p99 | $(m "${cat50[@]}") / **$cat99_m ms** | p99: ${cat99[*]} | p99 ÷ ceiling p99: $(m "${cat_ratio[@]}")× (${cat_ratio[*]}) | p99 ≤ 15 ms | $(met "$cat99_m" 15 max) |
| the same with a search, ?q=led, cable, inox… p50 / p99 | $(m "${catq50[@]}") / $(m "${catq99[@]}") ms | p99: ${catq99[*]} | $(m "${catq_ratio[@]}")× (${catq_ratio[*]}) | — | |
| order history first page, GET /api/v1/orders?customer_id=random&limit=50 p50 / p99 (orders per page:$hist_items) | $(m "${hist50[@]}") / **$hist99_m ms** | p99: ${hist99[*]} | $(m "${hist_ratio[@]}")× (${hist_ratio[*]}) | p99 ≤ 10 ms | $(met "$hist99_m" 10 max) |
| the same for the $heavy_count customers with ≥ 50 orders (a full page; orders per page:$heavy_items) p50 / p99 | $(m "${heavy50[@]}") / **$heavy99_m ms** | p99: ${heavy99[*]} | $(m "${heavy_ratio[@]}")× (${heavy_ratio[*]}) | p99 ≤ 10 ms | $(met "$heavy99_m" 10 max) |
| baseline for writes: fsync rate of the disk (4 KiB + fdatasync, one writer) | $(m "${fsyncs[@]}") /s | ${fsyncs[*]} | — | — | |
| order submission, POST /api/v1/q/{token}/orders, 32 clients (wrk -t2 -c32; links of $submit_links random customers), 201s per second | **$submit_m orders/s** | ${submit[*]} | orders per fsync: $(m "${submit_ratio[@]}") (${submit_ratio[*]}) | ≥ 1,000 orders/s | $(met "$submit_m" 1000 min) |
| orders carried per group commit (fsync) during the 32-client runs | $(m "${per_commit[@]}") | ${per_commit[*]} | — | — | |
| order submission, 1 client (wrk -t1 -c1) | $(m "${single[@]}") orders/s | ${single[*]} | orders per fsync: $(m "${single_ratio[@]}") (${single_ratio[*]}) | — | |
| submissions answered other than 201, or replayed (all runs) | $bad_writes, $replays | — | — | 0, 0 | $writes_ok |
| reads answered other than 200, socket errors (all runs) | $bad_reads | — | — | 0 | $([ "$bad_reads" -eq 0 ] && echo yes || echo "**no**") |
| server peak RSS (VmHWM); errors logged by the server | $((rss_kb / 1024)) MB; $server_errors | — | — | —; 0 | $([ "$server_errors" -eq 0 ] && echo yes || echo "**no**") |

1-minute load average before each measurement: ${loads[*]}
MD
cat "$out/orders-results.md"
