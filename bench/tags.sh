#!/usr/bin/env bash
# Tags (F5) at 1,000,000 customers on SQLite (issue 4). Writes bench/out/tags-results.md.
#   bench/tags.sh [COUNT]    (default 1000000)
# Environment: RUNS (3), DURATION (10s), PORT (18993), QUIET_MAX (1800 s to wait for test runs
# to end before a measurement; then it measures anyway and says so).
# Works on a COPY of bench/out/customers-COUNT.db (never the original): bench/out/tags-COUNT.db,
# made afresh on each call, so every call measures migration 011 on the same data and starts
# from the same tags. Builds the server in build/tags-release (Release, no sanitizers).
# Measures, per run: (a) the customers list filtered by two tags (every pair of the 8 tags the
# generator uses), sorted by name, with include_total — alone and as the customers page asks
# (one request per status section) — against a baseline in the same run (the unfiltered list
# page of bench/list.lua); (b) one POST /customers/bulk/tags adding a new tag to 10,000 random
# customers, and the one removing it again; (c) tag suggestions.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
count=${1:-1000000}
runs=${RUNS:-3}
duration=${DURATION:-10s}
port=${PORT:-18993}
url=http://127.0.0.1:$port
out=bench/out
source_db="$out/customers-$count.db"
db="$out/tags-$count.db"
build=build/tags-release
[ -f "$source_db" ] || { echo "missing $source_db (bench/run.sh $count generates it)" >&2; exit 1; }

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCARTERA_SANITIZE=OFF >/dev/null
cmake --build "$build" -j2 --target cartera >/dev/null

source bench/lib.sh

echo "==> copying $source_db to $db"
rm -f "$db" "$db-wal" "$db-shm"
cp "$source_db" "$db"
quiet
started=$(date +%s.%N)
"$build/cartera" migrate --db "sqlite:$db" >"$out/tags-migrate.log"
migration=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
echo "    migrations applied in ${migration} s"

CARTERA_ADMIN_EMAIL=bench@example.com CARTERA_ADMIN_PASSWORD=bench-password \
  "$build/cartera" serve --listen "127.0.0.1:$port" --db "sqlite:$db" --threads 2 \
  --log-requests false >"$out/tags-server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -fsS "$url/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
TOKEN=$(curl -fsS "$url/api/v1/auth/login" \
  -d '{"email":"bench@example.com","password":"bench-password"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
export TOKEN
# The generator's 8 tags, as stored (first spelling).
TAGS=$(python3 -c 'import sqlite3,sys; print(",".join(r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT name FROM tags ORDER BY id")))' "$db")
export TAGS
echo "    tags: $TAGS"
# What one filtered request finds (the first pair), for the table.
first_pair=$(python3 - "$url" "$TOKEN" "$TAGS" <<'PY'
import json, sys, urllib.parse, urllib.request
url, token, tags = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
q = urllib.parse.urlencode([("tag", tags[0]), ("tag", tags[1]), ("include_total", "true")])
req = urllib.request.Request(f"{url}/api/v1/customers?{q}", headers={"Authorization": f"Bearer {token}"})
print(json.load(urllib.request.urlopen(req))["total"])
PY
)

# Warm the page cache once for each kind of request.
wrk -t1 -c4 -d5s -s bench/list.lua "$url" >/dev/null
wrk -t1 -c4 -d5s -s bench/tags_filter.lua "$url" >/dev/null
SECTIONS=1 LIMIT=24 wrk -t1 -c4 -d5s -s bench/tags_filter.lua "$url" >/dev/null
wrk -t1 -c4 -d5s -s bench/tags_suggest.lua "$url" >/dev/null

# 10,000 random customers per run, and the request bodies that tag and untag them.
bulk_body() {
  python3 - "$db" "$1" "$2" "$3" <<'PY'
import json, random, sqlite3, sys
db, run, action, path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
random.seed(run)
top = sqlite3.connect(db).execute("SELECT MAX(id) FROM customers").fetchone()[0]
ids = [str(i) for i in random.sample(range(1, top + 1), 10000)]
body = {"customer_ids": ids, action: [f"Campaña bench {run}"]}
open(path, "w").write(json.dumps(body))
PY
}
post_bulk() {
  curl -sS -o "$out/tags-bulk-answer.json" -w '%{http_code} %{time_total}\n' \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --data-binary "@$1" "$url/api/v1/customers/bulk/tags"
}

base50=(); base99=(); two50=(); two99=(); two_ratio=(); sec50=(); sec99=(); sec_ratio=()
sug50=(); sug99=(); sug_ratio=(); bulk_add=(); bulk_remove=(); bad=0; bulk_answers=""
for run in $(seq "$runs"); do
  echo "==> run $run of $runs"
  quiet
  result=$(wrk -t1 -c4 -d"$duration" --latency -s bench/list.lua "$url")
  b99=$(echo "$result" | pct 99%)
  base50+=("$(echo "$result" | pct 50%)"); base99+=("$b99")
  bad=$((bad + $(echo "$result" | wrk_errors)))

  quiet
  result=$(wrk -t1 -c4 -d"$duration" --latency -s bench/tags_filter.lua "$url")
  two50+=("$(echo "$result" | pct 50%)"); two99+=("$(echo "$result" | pct 99%)")
  two_ratio+=("$(ratio "${two99[-1]}" "$b99")")
  bad=$((bad + $(echo "$result" | wrk_errors)))

  quiet
  result=$(SECTIONS=1 LIMIT=24 wrk -t1 -c4 -d"$duration" --latency -s bench/tags_filter.lua "$url")
  sec50+=("$(echo "$result" | pct 50%)"); sec99+=("$(echo "$result" | pct 99%)")
  sec_ratio+=("$(ratio "${sec99[-1]}" "$b99")")
  bad=$((bad + $(echo "$result" | wrk_errors)))

  quiet
  result=$(wrk -t1 -c4 -d"$duration" --latency -s bench/tags_suggest.lua "$url")
  sug50+=("$(echo "$result" | pct 50%)"); sug99+=("$(echo "$result" | pct 99%)")
  sug_ratio+=("$(ratio "${sug99[-1]}" "$b99")")
  bad=$((bad + $(echo "$result" | wrk_errors)))

  bulk_body "$run" add "$out/tags-bulk-add.json"
  bulk_body "$run" remove "$out/tags-bulk-remove.json"
  quiet
  read -r code seconds < <(post_bulk "$out/tags-bulk-add.json")
  [ "$code" = 200 ] || bad=$((bad + 1))
  bulk_add+=("$(awk -v s="$seconds" 'BEGIN {printf "%.3f", s}')")
  bulk_answers="$bulk_answers add:$(tr -d ' \n' <"$out/tags-bulk-answer.json")"
  read -r code seconds < <(post_bulk "$out/tags-bulk-remove.json")
  [ "$code" = 200 ] || bad=$((bad + 1))
  bulk_remove+=("$(awk -v s="$seconds" 'BEGIN {printf "%.3f", s}')")
  bulk_answers="$bulk_answers remove:$(tr -d ' \n' <"$out/tags-bulk-answer.json")"
done
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$server_pid/status)
errors=$(grep -c '"level":"error"' "$out/tags-server.log" || true)
kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
trap - EXIT

cat >"$out/tags-results.md" <<MD
Tags (F5) at $count customers, SQLite, \`bench/tags.sh\` ($(date -u +%Y-%m-%dT%H:%MZ)): median of $runs runs of $duration, wrk -t1 -c4 on loopback; load average before each measurement: ${loads[*]}

| measure | p50 / p99 (median) | p99 per run | p99 ÷ baseline p99 (per run) | target |
|---|---|---|---|---|
| baseline: list page of 50 by status, no tags (bench/list.lua) | $(m "${base50[@]}") / $(m "${base99[@]}") ms | ${base99[*]} | 1 | — |
| (a) two tags, by name, include_total, limit 50 (28 pairs; e.g. $first_pair customers match the first pair) | $(m "${two50[@]}") / **$(m "${two99[@]}") ms** | ${two99[*]} | ${two_ratio[*]} | p99 ≤ 20 ms |
| (a') the same as the customers page asks: per status section, limit 24 | $(m "${sec50[@]}") / **$(m "${sec99[@]}") ms** | ${sec99[*]} | ${sec_ratio[*]} | p99 ≤ 20 ms |
| (c) suggestions GET /tags?q= (15 prefixes, none to 2 letters) | $(m "${sug50[@]}") / **$(m "${sug99[@]}") ms** | ${sug99[*]} | ${sug_ratio[*]} | — |

| measure | median | runs | target |
|---|---|---|---|
| (b) POST /customers/bulk/tags, add a new tag to 10,000 random customers (wall time, curl) | **$(m "${bulk_add[@]}") s** | ${bulk_add[*]} | ≤ 2 s |
| (b') the same request removing it again | $(m "${bulk_remove[@]}") s | ${bulk_remove[*]} | — |
| migration 011 on the copy (\`cartera migrate\`, once) | ${migration} s | — | — |
| answers: bulk ($bulk_answers); requests answered other than 2xx | $bad | — | 0 |
| server peak RSS (VmHWM); errors logged | $((rss_kb / 1024)) MB; $errors | — | — |
MD
cat "$out/tags-results.md"
