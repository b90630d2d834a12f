#!/usr/bin/env bash
# Contacts benchmarks (issue 5): a customer's contact list with 100,000 contacts in the
# database (p99 ≤ 10 ms; baseline in the same run: a customer by id), and portal sign-ins per
# second, bounded by argon2id (each hash ≥ 50 ms of CPU). Prints a Markdown table and writes it
# to bench/out/contacts-results.md.
#   bench/contacts.sh
# Environment: RUNS (3), DURATION (10s), CONTACTS (100000), PORT (18994), QUIET_MAX, BUILD
# (a release build directory, default build/contacts-release).
# Works on a copy of bench/out/customers-1000000.db (bench/run.sh generates it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source bench/lib.sh
runs=${RUNS:-3}
duration=${DURATION:-10s}
contacts=${CONTACTS:-100000}
port=${PORT:-18994}
url=http://127.0.0.1:$port
out=bench/out
source_db="$out/customers-1000000.db"
db="$out/contacts-1000000.db"
build=${BUILD:-build/contacts-release}
password=bench-contact-password
[ -f "$source_db" ] || { echo "missing $source_db (bench/run.sh generates it)" >&2; exit 1; }

echo "==> release build in $build"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCARTERA_SANITIZE=OFF >/dev/null
cmake --build "$build" -j2 --target cartera >/dev/null

echo "==> copying $source_db to $db, migrating"
rm -f "$db" "$db-wal" "$db-shm"
sqlite3 "file:$source_db?mode=ro" ".backup '$db'"
"$build/cartera" migrate --db "sqlite:$db" >/dev/null

CARTERA_ADMIN_EMAIL=bench@example.com CARTERA_ADMIN_PASSWORD=bench-password \
  "$build/cartera" serve --listen "127.0.0.1:$port" --db "sqlite:$db" --threads 2 \
  --log-requests false >"$out/contacts-server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -fsS "$url/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
TOKEN=$(curl -fsS "$url/api/v1/auth/login" \
  -d '{"email":"bench@example.com","password":"bench-password"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
export TOKEN

# One contact through the API gives a real argon2id hash; the rest are rows with that hash:
# 5 contacts for each of the first contacts/5 customers.
curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"first_name\":\"Seed\",\"email\":\"seed@bench.example\",\"password\":\"$password\"}" \
  "$url/api/v1/customers/1/contacts"
per=5
customers=$((contacts / per))
echo "==> $contacts contacts for $customers customers ($per each)"
sqlite3 "$db" <<SQL
.timeout 60000
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $contacts)
INSERT INTO contacts (customer_id, first_name, last_name, email, email_key, role, permissions,
  access, password_hash, name_key, created_at, updated_at, version)
SELECT (i - 1) / $per + 1, 'Nombre' || i, 'Apellido' || (i % 997), 'c' || i || '@bench.example',
  'c' || i || '@bench.example', CASE WHEN i % $per = 1 THEN 'purchasing' ELSE 'support' END,
  '["place_orders","view_prices"]', 'active',
  (SELECT password_hash FROM contacts WHERE email_key = 'seed@bench.example'),
  'nombre' || i || ' apellido' || (i % 997), 0, 0, 1
FROM n WHERE NOT ((i - 1) / $per + 1 = 1 AND i % $per = 1);
SQL
total=$(sqlite3 "$db" "SELECT COUNT(*) FROM contacts")
export CUSTOMERS=$customers CONTACTS=$contacts PASSWORD=$password

# CPU of one sign-in: the server's user+system time over 20 sequential sign-ins.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
hz=$(getconf CLK_TCK)

wrk -t1 -c4 -d3s -s bench/by_id.lua "$url" >/dev/null
wrk -t1 -c4 -d3s -s bench/contacts_list.lua "$url" >/dev/null
base50=(); base99=(); list50=(); list99=(); ratios=(); signins=(); hash_ms=(); bad=0
for run in $(seq "$runs"); do
  echo "==> run $run of $runs"
  quiet
  result=$(CUSTOMERS=1000000 wrk -t1 -c4 -d"$duration" --latency -s bench/by_id.lua "$url")
  b99=$(echo "$result" | pct 99%); base50+=("$(echo "$result" | pct 50%)"); base99+=("$b99")
  bad=$((bad + $(echo "$result" | wrk_errors)))
  result=$(wrk -t1 -c4 -d"$duration" --latency -s bench/contacts_list.lua "$url")
  l99=$(echo "$result" | pct 99%); list50+=("$(echo "$result" | pct 50%)"); list99+=("$l99")
  ratios+=("$(ratio "$l99" "$b99")")
  bad=$((bad + $(echo "$result" | wrk_errors)))
  quiet
  before=$(cpu_ticks)
  for i in $(seq 1 20); do
    curl -fsS -o /dev/null "$url/api/v1/portal/login" \
      -d "{\"email\":\"c$((i * 7 + run))@bench.example\",\"password\":\"$password\"}"
  done
  hash_ms+=("$(awk -v a="$before" -v b="$(cpu_ticks)" -v hz="$hz" 'BEGIN {printf "%.0f", (b - a) * 1000 / hz / 20}')")
  result=$(wrk -t2 -c4 -d"$duration" -s bench/contacts_login.lua "$url")
  signins+=("$(echo "$result" | rps)")
  bad=$((bad + $(echo "$result" | wrk_errors)))
done

result=$(cat <<MD
| measurement ($(date -u +%Y-%m-%d), 1,000,000 customers, $total contacts, SQLite, release, median of $runs) | result | target |
|---|---|---|
| baseline: a customer by id, p50 / p99 | $(m "${base50[@]}") / $(m "${base99[@]}") ms (p99 runs ${base99[*]}) | — |
| a customer's contact list ($per contacts), p50 / p99 | $(m "${list50[@]}") / **$(m "${list99[@]}") ms** (p99 runs ${list99[*]}) | p99 ≤ 10 ms |
| list p99 ÷ baseline p99 | $(m "${ratios[@]}") (runs ${ratios[*]}) | — |
| CPU per sign-in (argon2id, libsodium INTERACTIVE: 2 passes, 64 MiB) | **$(m "${hash_ms[@]}") ms** (runs ${hash_ms[*]}) | ≥ 50 ms |
| portal sign-ins per second (2 wrk threads, 4 connections, 2 server threads) | **$(m "${signins[@]}")** (runs ${signins[*]}) | report |
| non-2xx answers and socket errors | $bad | 0 |

Load average before each measured part: ${loads[*]}.
MD
)
echo "$result" | tee "$out/contacts-results.md"
