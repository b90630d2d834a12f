#!/usr/bin/env bash
# Email with a 100 KB attachment against a fast SMTP server (issue 11: ≥ 200 messages/s).
# bench/messaging.sh measures it against scripts/smtp-sink.py, whose own ceiling with 141 KB
# messages is ~105/s (aiosmtpd in Python); this measures the same delivery against Postfix's
# smtp-sink, a small C test server that writes each message to a file (-d). It comes from
# Debian's postfix package, fetched with `apt-get download` and unpacked into bench/out/postfix
# (nothing installed: no MTA is configured or started).
#   bench/messaging_smtp.sh            Environment: RUNS (3), COUNT (2000), BUILD.
# Per run: a fresh demo database; COUNT composed emails (one recipient, a 100 KB PDF, subject
# and body with placeholders) queued through the API by a server without --smtp-url; then a
# server with --smtp-url delivers them to smtp-sink. Rate from the first to the last file
# smtp-sink wrote. Baseline in the same run: the very messages sent again to a fresh smtp-sink
# by Python's smtplib (bench/mail_baseline.py send, 100 per connection like the server).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source bench/lib.sh
runs=${RUNS:-3}
count=${COUNT:-2000}
build=${BUILD:-build/messaging-release}
python=/usr/bin/python3
out=bench/out
postfix=$out/postfix
mkdir -p "$out"

if [ ! -x "$postfix/usr/sbin/smtp-sink" ]; then
  echo "==> fetching Debian's postfix package for its smtp-sink (unpacked, not installed)"
  download=$(mktemp -d)
  chmod 777 "$download"
  (cd "$download" && apt-get download postfix >/dev/null 2>&1)
  dpkg-deb -x "$download"/postfix_*.deb "$postfix"
  rm -rf "$download"
fi
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCARTERA_SANITIZE=OFF >/dev/null
cmake --build "$build" -j2 --target cartera >/dev/null
bin=$build/cartera

work=$(mktemp -d /tmp/cartera-smtp-bench.XXXXXX)
chmod 777 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# smtp-sink on a free port dumping into $1; sets sink_pid, sink_port.
start_sink() {
  mkdir -p "$1"
  chmod 777 "$1"
  sink_port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  LD_LIBRARY_PATH="$postfix/usr/lib/postfix" "$postfix/usr/sbin/smtp-sink" -u nobody \
    -d "$1/%H%M%S." "127.0.0.1:$sink_port" 256 >"$1.log" 2>&1 &
  sink_pid=$!
  pids+=("$sink_pid")
  sleep 0.5
}
# Waits for $2 files in $1; prints "<messages/s> <seconds>" from their modification times.
files_rate() {
  "$python" - "$1" "$2" <<'PY'
import glob, os, sys, time
folder, count = sys.argv[1], int(sys.argv[2])
deadline = time.time() + 600
while len(glob.glob(os.path.join(folder, "*"))) < count and time.time() < deadline:
    time.sleep(0.2)
time.sleep(0.5)
times = sorted(os.stat(p).st_mtime_ns for p in glob.glob(os.path.join(folder, "*")))
seconds = (times[-1] - times[0]) / 1e9
print(f"{(len(times) - 1) / seconds:.1f} {seconds:.3f}")
PY
}

port=18995
server_rates=(); baseline_rates=(); ratios=()
for run in $(seq "$runs"); do
  dir=$work/run-$run
  mkdir -p "$dir"
  db="sqlite:$dir/db.sqlite"
  CARTERA_ADMIN_EMAIL=bench@example.com CARTERA_ADMIN_PASSWORD=bench-password \
    CARTERA_LOG_REQUESTS=false "$bin" serve --listen "127.0.0.1:$port" --db "$db" \
    --data-dir "$dir/data" >"$dir/queue.log" 2>&1 &
  server=$!
  pids+=("$server")
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
  "$python" - "$port" "$count" <<'PY'
import http.client, json, os, sys, uuid
port, count = int(sys.argv[1]), int(sys.argv[2])
c = http.client.HTTPConnection("127.0.0.1", port)
def call(method, path, body=None, headers=None, raw=None):
    h = {"content-type": "application/json", **(headers or {})}
    c.request(method, path, body=raw if raw is not None else json.dumps(body) if body is not None else None, headers=h)
    r = c.getresponse()
    return r.status, r.read()
_, d = call("POST", "/api/v1/auth/login", {"email": "bench@example.com", "password": "bench-password"})
auth = {"authorization": "Bearer " + json.loads(d)["token"]}
_, d = call("POST", "/api/v1/customers", {"name": "Ferretería Bench", "email": "compras@bench.example", "contact_person": "Ana Ruiz"}, auth)
customer = json.loads(d)["customer"]["id"] if "customer" in json.loads(d) else json.loads(d)["id"]
boundary = "----" + uuid.uuid4().hex
pdf = b"%PDF-1.4\n" + os.urandom(100 * 1024)
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tarifa.pdf\"\r\n"
        "Content-Type: application/pdf\r\n\r\n").encode() + pdf + f"\r\n--{boundary}--\r\n".encode()
status, d = call("POST", f"/api/v1/customers/{customer}/message-attachments", headers={**auth, "content-type": "multipart/form-data; boundary=" + boundary}, raw=body)
assert status == 201, d
attachment = json.loads(d)["id"]
for _ in range(count):
    status, d = call("POST", f"/api/v1/customers/{customer}/messages", {"channel": "email", "to": [{"email": "compras@bench.example"}], "subject": "Tarifa para {{customer.name}}", "body_html": "<p>Hola {{contact.first_name}}:</p><p>Adjuntamos la tarifa.</p>", "attachment_ids": [attachment]}, auth)
    assert status == 202, d
PY
  kill -TERM "$server"; wait "$server" || true
  quiet
  start_sink "$dir/server"
  sink=$sink_pid
  CARTERA_LOG_REQUESTS=false "$bin" serve --listen "127.0.0.1:$port" --db "$db" \
    --data-dir "$dir/data" --smtp-url "smtp://127.0.0.1:$sink_port" \
    --mail-from pedidos@example.com >"$dir/deliver.log" 2>&1 &
  server=$!
  pids+=("$server")
  read -r server_rate _ < <(files_rate "$dir/server" "$count")
  kill -TERM "$server"; wait "$server" || true
  kill -TERM "$sink"; wait "$sink" 2>/dev/null || true
  # The baseline sends the same messages; smtp-sink's dumps start with its own X- headers,
  # which smtplib passes on unchanged.
  for f in "$dir/server"/*; do mv "$f" "$f.eml"; done
  start_sink "$dir/baseline"
  baseline_sink=$sink_pid
  "$python" bench/mail_baseline.py send "$dir/server" 127.0.0.1 "$sink_port"
  read -r baseline_rate _ < <(files_rate "$dir/baseline" "$count")
  kill -TERM "$baseline_sink"; wait "$baseline_sink" 2>/dev/null || true
  size=$(stat -c %s "$(ls "$dir/server"/*.eml | head -1)")
  echo "  run $run: server $server_rate/s, smtplib $baseline_rate/s ($size bytes per message)" >&2
  server_rates+=("$server_rate"); baseline_rates+=("$baseline_rate")
  ratios+=("$(ratio "$server_rate" "$baseline_rate")")
  rm -rf "$dir"
done
report=$out/messaging-smtp-results.md
{
  echo "# Email with a 100 KB attachment to Postfix's smtp-sink, $count messages, median of $runs runs ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo ""
  echo "| server → smtp-sink (messages/s) | smtplib → smtp-sink, baseline | server / baseline |"
  echo "|---|---|---|"
  echo "| **$(m "${server_rates[@]}")** (runs ${server_rates[*]}) | $(m "${baseline_rates[@]}") (runs ${baseline_rates[*]}) | $(m "${ratios[@]}") (runs ${ratios[*]}) |"
  echo ""
  echo "Load average before each delivery: ${loads[*]}."
} >"$report"
cat "$report"
