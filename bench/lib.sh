# Shell helpers the benchmarks share: medians, wrk output, and waiting for a quiet machine.
# Source it: `source bench/lib.sh`.

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m() { printf '%s\n' "$@" | median; }
# A wrk --latency percentile line ("99%") in milliseconds.
pct() {
  awk -v p="$1" '$1 == p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'
}
rps() { awk '/Requests\/sec/ {print $2}'; }
wrk_errors() {
  awk '/Socket errors/ {gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i}
       /Non-2xx or 3xx/ {n += $NF} END {print n + 0}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.1f", a / b; else print "-"}'; }

# Other people's test runs and builds on this machine disturb timings: `quiet` waits until none
# is running (at most QUIET_MAX seconds, default 1800), and notes the load average in `loads`.
loads=()
busy() { pgrep -f 'ctest|node.*--test|vitest|chromium|chrome|headless_shell|cc1plus' >/dev/null; }
quiet() {
  local waited=0
  while busy; do
    if [ "$waited" -ge "${QUIET_MAX:-1800}" ]; then
      echo "    still busy after ${waited} s; measuring anyway" >&2
      loads+=("busy")
      return
    fi
    [ "$waited" -eq 0 ] && echo "    waiting for other test runs and builds to end" >&2
    sleep 15
    waited=$((waited + 15))
  done
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
}
