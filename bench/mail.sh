#!/usr/bin/env bash
# SMTP delivery throughput (issue 5: >= 200 messages/s to a local server).
#   bench/mail.sh [COUNT]     (default 10000)
# Environment: RUNS (3); PG_URL (an admin URL, e.g. from scripts/pg.sh start): also measure on
# PostgreSQL; PORT (18994) for the server.
# Per run: COUNT messages are queued with `cartera mail test --count` into a fresh database,
# then a release server (build/mail-release) with --smtp-url delivers them to
# scripts/smtp-sink.py (python3-aiosmtpd, writing each message to a file, --no-parse). The rate
# is counted from the first to the last message received (the sink's file times). Baseline in
# the same run: the very messages the server sent, sent again straight to a fresh sink by a
# small Python smtplib client (bench/mail_baseline.py), 100 per connection like the server; the
# ratio shows the server's own overhead over the sink's ceiling. Medians of RUNS runs.
# Writes bench/out/mail-results.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
count=${1:-10000}
runs=${RUNS:-3}
port=${PORT:-18994}
build=build/mail-release
python=/usr/bin/python3  # Debian's, with aiosmtpd
out=bench/out
mkdir -p "$out"

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCARTERA_SANITIZE=OFF >/dev/null
cmake --build "$build" -j2 --target cartera >/dev/null
bin=$build/cartera

work=$(mktemp -d /tmp/cartera-mail-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Starts a sink writing to $1; sets sink_pid and sink_port.
start_sink() {
  mkdir -p "$1"
  "$python" scripts/smtp-sink.py --port 0 --out "$1" --no-parse >"$1.port" 2>"$1.log" &
  sink_pid=$!
  pids+=("$sink_pid")
  for _ in $(seq 1 100); do [ -s "$1.port" ] && break; sleep 0.05; done
  sink_port=$(head -1 "$1.port")
}

# One run on database URL $2 (label $1): prints "<server rate> <baseline rate>".
run() {
  local label=$1 db=$2
  local dir=$work/$label
  "$bin" migrate --db "$db" >/dev/null
  "$bin" mail test --db "$db" --to bench@example.com --count "$count" >/dev/null
  start_sink "$dir/server"
  local sink=$sink_pid
  CARTERA_LOG_REQUESTS=false "$bin" serve --listen "127.0.0.1:$port" --db "$db" \
    --smtp-url "smtp://127.0.0.1:$sink_port" --mail-from pedidos@example.com \
    >"$dir/server.log" 2>&1 &
  local server=$!
  pids+=("$server")
  local server_rate
  server_rate=$("$python" bench/mail_baseline.py rate "$dir/server" "$count" | cut -d' ' -f1)
  kill -TERM "$server"; wait "$server" || true
  kill -TERM "$sink"; wait "$sink" || true

  start_sink "$dir/baseline"
  local baseline_sink=$sink_pid
  "$python" bench/mail_baseline.py send "$dir/server" 127.0.0.1 "$sink_port"
  local baseline_rate
  baseline_rate=$("$python" bench/mail_baseline.py rate "$dir/baseline" "$count" | cut -d' ' -f1)
  kill -TERM "$baseline_sink"; wait "$baseline_sink" || true
  rm -rf "$dir"
  echo "$server_rate $baseline_rate"
}

backends=(sqlite)
[ -n "${PG_URL:-}" ] && backends+=(postgresql)
report="$out/mail-results.md"
{
  echo "# SMTP delivery, $count messages, median of $runs runs ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo ""
  echo "| backend | server → sink (messages/s) | smtplib → sink, baseline (messages/s) | server / baseline |"
  echo "|---|---|---|---|"
} >"$report"
for backend in "${backends[@]}"; do
  server_rates=()
  baseline_rates=()
  for i in $(seq 1 "$runs"); do
    if [ "$backend" = sqlite ]; then
      db="sqlite:$work/mail-$i.db"
    else
      name="cartera_mail_bench_$i"
      psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null 2>&1
      db="${PG_URL%/*}/$name"
    fi
    mkdir -p "$work/$backend-$i"
    read -r server_rate baseline_rate < <(run "$backend-$i" "$db")
    echo "  $backend run $i: server $server_rate/s, baseline $baseline_rate/s" >&2
    server_rates+=("$server_rate")
    baseline_rates+=("$baseline_rate")
    [ "$backend" = postgresql ] && psql "$PG_URL" -qc "DROP DATABASE $name WITH (FORCE)" >/dev/null
  done
  server_median=$(printf '%s\n' "${server_rates[@]}" | median)
  baseline_median=$(printf '%s\n' "${baseline_rates[@]}" | median)
  ratio=$(awk -v a="$server_median" -v b="$baseline_median" 'BEGIN {printf "%.2f", a / b}')
  echo "| $backend | $server_median (runs: ${server_rates[*]}) | $baseline_median (runs: ${baseline_rates[*]}) | $ratio |" >>"$report"
done
cat "$report"
