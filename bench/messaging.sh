#!/usr/bin/env bash
# Messaging benchmarks (issue 11) on 1,000,000 customers, SQLite, a release build. Medians of
# RUNS runs, each against a baseline measured in the same run:
#  1. queuing a composed email (POST /api/v1/customers/{id}/messages: 3 recipients — the main
#     email and 2 contacts —, one 100 KB PDF attachment, {{contact.first_name}} and
#     {{customer.name}} in subject/body), wrk -t1 -c4: p99 ≤ 50 ms. The server runs without
#     --smtp-url so the queue only grows. Baseline: a customer by id (bench/by_id.lua).
#  2. rendering a template (POST /api/v1/message-templates/{id}/render): p99 ≤ 5 ms; same
#     baseline.
#  3. email delivery with the 100 KB attachment: COUNT messages queued (one recipient each),
#     then a server with --smtp-url delivers them to scripts/smtp-sink.py --no-parse; rate from
#     the first to the last file the sink wrote (bench/mail_baseline.py rate): ≥ 200/s.
#     Baseline: the very messages sent again to a fresh sink with Python's smtplib
#     (bench/mail_baseline.py send).
#  4. WhatsApp sending: WA_COUNT template messages queued, then sent to
#     scripts/whatsapp-standin.py; rate from the first to the last request the stand-in
#     recorded (its per-request `time`): ≥ 100/s. Baseline: the stand-in's own ceiling, a tight
#     loop of the same POST from Python's http.client over one keep-alive connection (Cartera's
#     sender keeps one connection per batch of 100); a new connection per request is reported too.
#     (The stand-in sets TCP_NODELAY: http.server answers in two send()s, and with Nagle the
#     second waited for the client's delayed ACK, ≈ 40 ms, capping keep-alive clients at ≈ 22/s.)
#     POST …/messages answers 409 while WhatsApp is not configured, so the messages are queued
#     with the settings pointing at a port nothing listens on; the sender's failed attempts
#     put them back with a back-off, so once queued they are made due again with one UPDATE
#     (status queued, attempts 0, due now), the stand-in is started on that port, and the
#     sender picks them up at its next poll (≤ 1 s).
#   bench/messaging.sh
# Environment: RUNS (3), DURATION (10s), COUNT (2000), WA_COUNT (2000), TARGETS (20 prepared
# customers), PORT (18993), QUIET_MAX (120), BUILD (build/messaging-release).
# Works on a copy of bench/out/customers-1000000.db (generated with cartera_bench_generate when
# missing, as bench/run.sh does). Writes bench/out/messaging-results.md and prints it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source bench/lib.sh
runs=${RUNS:-3}
duration=${DURATION:-10s}
count=${COUNT:-2000}
wa_count=${WA_COUNT:-2000}
targets=${TARGETS:-20}
customers=${CUSTOMERS_COUNT:-1000000}
port=${PORT:-18993}
export QUIET_MAX=${QUIET_MAX:-120}
url=http://127.0.0.1:$port
out=bench/out
source_db="$out/customers-$customers.db"
db="$out/messaging-$customers.db"
build=${BUILD:-build/messaging-release}
python=/usr/bin/python3  # Debian's, with aiosmtpd
helper=bench/messaging_whatsapp_rate.py
wa_token=bench-whatsapp-token
wa_phone_id=109876543210
mkdir -p "$out"

work=$(mktemp -d /tmp/cartera-messaging-bench.XXXXXX)
pids=()
server_pid=
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "==> release build in $build"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCARTERA_SANITIZE=OFF >/dev/null
cmake --build "$build" -j2 --target cartera cartera_bench_generate >/dev/null
bin=$build/cartera

if [ ! -f "$source_db" ]; then
  echo "==> generating $customers customers into $source_db"
  "$build/bench/cartera_bench_generate" "sqlite:$source_db" "$customers" \
    >"$out/generation-$customers.txt"
fi
echo "==> copying $source_db to $db, migrating"
rm -f "$db" "$db-wal" "$db-shm"
rm -rf "$out/messaging-data"
rm -f "$out"/messaging-server-*.log
sqlite3 "file:$source_db?mode=ro" ".backup '$db'"
"$bin" migrate --db "sqlite:$db" >/dev/null
sql() { sqlite3 -cmd ".timeout 60000" "$db" "$@"; }

# Starts the server (extra arguments: $@), logging to $out/messaging-server-$log.log; sets
# server_pid and TOKEN.
start_server() {
  local log=$1
  shift
  CARTERA_ADMIN_EMAIL=bench@example.com CARTERA_ADMIN_PASSWORD=bench-password \
    "$bin" serve --listen "127.0.0.1:$port" --db "sqlite:$db" --threads 2 \
    --data-dir "$out/messaging-data" --log-requests false "$@" \
    >>"$out/messaging-server-$log.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 1 300); do curl -fsS "$url/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fsS "$url/readyz" >/dev/null
  TOKEN=$(curl -fsS "$url/api/v1/auth/login" \
    -d '{"email":"bench@example.com","password":"bench-password"}' | jq -r .token)
  export TOKEN
}
stop() {  # stop PID: SIGTERM and wait
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
api() {  # api METHOD PATH [JSON]
  curl -fsS -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} "$url$2"
}
free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# A sink writing to $1; sets sink_pid and sink_port.
start_sink() {
  mkdir -p "$1"
  "$python" scripts/smtp-sink.py --port 0 --out "$1" --no-parse >"$1.port" 2>"$1.log" &
  sink_pid=$!
  pids+=("$sink_pid")
  for _ in $(seq 1 100); do [ -s "$1.port" ] && break; sleep 0.05; done
  sink_port=$(head -1 "$1.port")
}
# The WhatsApp stand-in on port $2 writing to $1; sets standin_pid.
start_standin() {
  mkdir -p "$1"
  "$python" scripts/whatsapp-standin.py --port "$2" --out "$1" --token "$wa_token" \
    >"$1.port" 2>"$1.log" &
  standin_pid=$!
  pids+=("$standin_pid")
  for _ in $(seq 1 100); do [ -s "$1.port" ] && break; sleep 0.05; done
  [ -s "$1.port" ]
}
configure_whatsapp() {  # the settings, the API at 127.0.0.1:$1
  api PATCH /api/v1/settings "{\"whatsapp_api_base_url\":\"http://127.0.0.1:$1/v21.0\",
    \"whatsapp_phone_number_id\":\"$wa_phone_id\",\"whatsapp_access_token\":\"$wa_token\",
    \"whatsapp_app_secret\":\"bench-app-secret\",\"whatsapp_verify_token\":\"bench-verify\"}" \
    >/dev/null
}

# The attachment: a PDF-looking file of exactly 100 KB.
pdf=$work/tarifa-2027.pdf
"$python" - "$pdf" <<'PY'
import sys
head = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n%"
tail = b"\n%%EOF\n"
pad = (b"0123456789abcdef" * 6400)[:102400 - len(head) - len(tail)]
open(sys.argv[1], "wb").write(head + pad + tail)
PY
[ "$(stat -c %s "$pdf")" -eq 102400 ]

echo "==> server without --smtp-url; preparing $targets customers"
start_server main
"$python" "$helper" setup "$url" "$TOKEN" "$targets" "$pdf" "$work" "$customers"
export CUSTOMERS=$customers
# Check both requests once before timing them.
first_send=$(head -1 "$work/send.lines")
api POST "${first_send%%$'\t'*}" "${first_send#*$'\t'}" | jq -c '{status, to, n: (.messages | length), attachments: .messages[0].attachments}'
first_render=$(head -1 "$work/render.lines")
api POST "${first_render%%$'\t'*}" "${first_render#*$'\t'}" | jq -c '{subject, text: .body_text[0:80]}'

echo "==> warming up"
wrk -t1 -c4 -d3s -s bench/by_id.lua "$url" >/dev/null
LINES=$work/send.lines wrk -t1 -c4 -d3s -s bench/messaging_post.lua "$url" >/dev/null
LINES=$work/render.lines wrk -t1 -c4 -d3s -s bench/messaging_post.lua "$url" >/dev/null

base50=(); base99=(); send50=(); send99=(); send_rps=(); send_ratio=()
render50=(); render99=(); render_ratio=(); bad=0
for run in $(seq "$runs"); do
  echo "==> queuing and rendering, run $run of $runs"
  quiet
  result=$(wrk -t1 -c4 -d"$duration" --latency -s bench/by_id.lua "$url")
  b99=$(echo "$result" | pct 99%); base50+=("$(echo "$result" | pct 50%)"); base99+=("$b99")
  bad=$((bad + $(echo "$result" | wrk_errors)))
  result=$(LINES=$work/send.lines wrk -t1 -c4 -d"$duration" --latency -s bench/messaging_post.lua "$url")
  s99=$(echo "$result" | pct 99%); send50+=("$(echo "$result" | pct 50%)"); send99+=("$s99")
  send_rps+=("$(echo "$result" | rps)"); send_ratio+=("$(ratio "$s99" "$b99")")
  bad=$((bad + $(echo "$result" | wrk_errors)))
  result=$(LINES=$work/render.lines wrk -t1 -c4 -d"$duration" --latency -s bench/messaging_post.lua "$url")
  r99=$(echo "$result" | pct 99%); render50+=("$(echo "$result" | pct 50%)"); render99+=("$r99")
  render_ratio+=("$(ratio "$r99" "$b99")")
  bad=$((bad + $(echo "$result" | wrk_errors)))
  echo "    by id p99 $b99 ms; queue p99 $s99 ms; render p99 $r99 ms"
done
queued_total=$(sql "SELECT COUNT(*) FROM mail_outbox WHERE channel = 'email' AND status = 'queued'")
db_mb=$(du -m "$db" | cut -f1)
echo "    $queued_total emails queued by the timed runs; database $db_mb MB"
# Those stay out of the delivery runs.
sql "UPDATE mail_outbox SET status = 'failed', last_error = 'bench: queue phase' WHERE status = 'queued'"

mail_rate=(); mail_base=(); mail_ratio=(); mail_sent=()
for run in $(seq "$runs"); do
  echo "==> email delivery, run $run of $runs: queuing $count"
  "$python" "$helper" queue "$url" "$TOKEN" "$work" email "$count"
  stop "$server_pid"
  dir=$work/mail-$run
  start_sink "$dir/server"
  quiet
  start_server "smtp" --smtp-url "smtp://127.0.0.1:$sink_port" --mail-from bench@example.com
  read -r rate_server seconds < <("$python" bench/mail_baseline.py rate "$dir/server" "$count")
  sleep 1  # the last batch's outcomes written
  stop "$server_pid"
  stop "$sink_pid"
  received=$(jq .messages "$dir/server/stats.json")
  mail_sent+=("$(sql "SELECT COUNT(*) FROM mail_outbox WHERE channel = 'email' AND status = 'sent'")")
  start_sink "$dir/baseline"
  "$python" bench/mail_baseline.py send "$dir/server" 127.0.0.1 "$sink_port"
  read -r rate_base _ < <("$python" bench/mail_baseline.py rate "$dir/baseline" "$count")
  stop "$sink_pid"
  mail_size=$(stat -c %s "$(ls "$dir"/server/*.eml | head -1)")
  mail_rate+=("$rate_server"); mail_base+=("$rate_base")
  mail_ratio+=("$(awk -v a="$rate_server" -v b="$rate_base" 'BEGIN {printf "%.2f", a / b}')")
  echo "    server $rate_server/s ($received received in $seconds s, $mail_size bytes each); smtplib $rate_base/s"
  rm -rf "$dir"
  start_server main
done

# One WhatsApp run against the stand-in started by `start_standin` ($1: a label). Prints "<server rate> <sent_at
# rate> <keep-alive ceiling> <a connection each ceiling or ->" into wa_result (no subshell, so
# the EXIT trap knows every process it starts). $3: requests of the keep-alive ceiling.
whatsapp_run() {
  local variant=$1 dir=$work/wa-$1-$2 wa_base_count=$3 wa_port rate_server seconds sent_rate rate_base rate_close=-
  local start=start_standin body=$work/wa-body.json
  wa_port=$(free_port)
  configure_whatsapp "$wa_port"  # nothing listens there yet
  "$python" "$helper" queue "$url" "$TOKEN" "$work" whatsapp "$wa_count" >&2
  $start "$dir/server" "$wa_port"
  # Due now, no attempt counted: the sender's failed tries while the stand-in was down undone.
  sql "UPDATE mail_outbox SET status = 'queued', attempts = 0, next_attempt_at = 0,
         claim_token = NULL, last_error = NULL
       WHERE channel = 'whatsapp' AND sent_at IS NULL AND status IN ('queued', 'failed')"
  read -r rate_server seconds < <("$python" "$helper" rate "$dir/server" "$wa_count")
  for _ in $(seq 1 50); do
    [ "$(sql "SELECT COUNT(*) FROM mail_outbox WHERE channel = 'whatsapp' AND status = 'queued'")" -eq 0 ] && break
    sleep 0.2
  done
  # The Cartera side: the sent_at of the first and the last message sent in this run.
  sent_rate=$(sql "SELECT printf('%.1f', (COUNT(*) - 1) * 1e6 / (MAX(sent_at) - MIN(sent_at)))
                   FROM mail_outbox WHERE channel = 'whatsapp' AND status = 'sent'
                     AND sent_at >= (SELECT MAX(created_at) FROM mail_outbox WHERE channel = 'whatsapp')")
  stop "$standin_pid"
  jq -rn 'first(inputs | select(.status == 200) | .raw)' "$dir/server/requests.jsonl" >"$body"
  $start "$dir/keepalive" "$wa_port"
  "$python" "$helper" ceiling "$wa_port" "$wa_token" "$wa_phone_id" "$wa_base_count" "$body" keepalive
  read -r rate_base _ < <("$python" "$helper" rate "$dir/keepalive" "$wa_base_count")
  stop "$standin_pid"
  if [ "$variant" = plain ]; then
    $start "$dir/close" "$wa_port"
    "$python" "$helper" ceiling "$wa_port" "$wa_token" "$wa_phone_id" "$wa_count" "$body" close
    read -r rate_close _ < <("$python" "$helper" rate "$dir/close" "$wa_count")
    stop "$standin_pid"
  fi
  echo "    $variant stand-in: server $rate_server/s ($wa_count in $seconds s; from sent_at $sent_rate/s); ceiling $rate_base/s keep-alive, $rate_close/s a connection each" >&2
  rm -rf "$dir"
  wa_result="$rate_server $sent_rate $rate_base $rate_close"
}

wa_rate=(); wa_sent_rate=(); wa_base=(); wa_close=(); wa_ratio=()
for run in $(seq "$runs"); do
  echo "==> WhatsApp, run $run of $runs: $wa_count messages to the stand-in"
  quiet
  whatsapp_run plain "$run" "$wa_count"
  read -r a b c d <<<"$wa_result"
  wa_rate+=("$a"); wa_sent_rate+=("$b"); wa_base+=("$c"); wa_close+=("$d")
  wa_ratio+=("$(awk -v a="$a" -v b="$c" 'BEGIN {printf "%.2f", a / b}')")
done
wa_sent=$(sql "SELECT COUNT(*) FROM mail_outbox WHERE channel = 'whatsapp' AND status = 'sent'")
wa_failed=$(sql "SELECT COUNT(*) FROM mail_outbox WHERE channel = 'whatsapp' AND status = 'failed'")
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
stop "$server_pid"
errors=$(cat "$out"/messaging-server-*.log | grep -c '"level":"error"' || true)

result=$(cat <<MD
# Messaging ($(date -u +%Y-%m-%dT%H:%MZ); $customers customers, SQLite, release, median of $runs runs)

| target | median | runs | baseline (same run) | ratio |
|---|---|---|---|---|
| 1. queue a composed email: 3 recipients, 100 KB PDF, placeholders (wrk -t1 -c4 $duration), p99 ≤ 50 ms | p99 **$(m "${send99[@]}") ms** (p50 $(m "${send50[@]}") ms, $(m "${send_rps[@]}") req/s) | p99 ${send99[*]} | customer by id: p99 $(m "${base99[@]}") ms (p50 $(m "${base50[@]}") ms; runs ${base99[*]}) | $(m "${send_ratio[@]}") × (runs ${send_ratio[*]}) |
| 2. render an email template for a contact (wrk -t1 -c4 $duration), p99 ≤ 5 ms | p99 **$(m "${render99[@]}") ms** (p50 $(m "${render50[@]}") ms) | p99 ${render99[*]} | customer by id (above) | $(m "${render_ratio[@]}") × (runs ${render_ratio[*]}) |
| 3. email delivery, 100 KB attachment ($count messages, ${mail_size:-?} bytes each) to smtp-sink.py, ≥ 200 messages/s | **$(m "${mail_rate[@]}")/s** | ${mail_rate[*]} | smtplib → sink: $(m "${mail_base[@]}")/s (runs ${mail_base[*]}) | $(m "${mail_ratio[@]}") (runs ${mail_ratio[*]}) |
| 4. WhatsApp template sending ($wa_count messages) to scripts/whatsapp-standin.py, ≥ 100 messages/s | **$(m "${wa_rate[@]}")/s** (from sent_at: $(m "${wa_sent_rate[@]}")/s) | ${wa_rate[*]} | stand-in ceiling, Python http.client over one keep-alive connection ($wa_count requests): $(m "${wa_base[@]}")/s (runs ${wa_base[*]}); a new connection per request ($wa_count): $(m "${wa_close[@]}")/s (runs ${wa_close[*]}) | $(m "${wa_ratio[@]}") (runs ${wa_ratio[*]}) |

- Queued by the timed queue runs: $queued_total emails (each of the $(m "${send_rps[@]}") req/s writes 3). Emails sent after each delivery run (cumulative): ${mail_sent[*]}; WhatsApp messages sent: $wa_sent, failed: $wa_failed.
- Non-2xx answers and socket errors in wrk: $bad. Errors in the server logs: $errors. Server peak RSS (last server): $((rss_kb / 1024)) MB.
- Load average before each measured part: ${loads[*]}.
MD
)
echo "$result" | tee "$out/messaging-results.md"
