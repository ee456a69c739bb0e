#!/usr/bin/env bash
# Live check of the monitoring config against a running demarche (or tests/monitoring/fake_metrics.py).
#
#   tests/monitoring/live.sh METRICS_ADDR        e.g. tests/monitoring/live.sh 127.0.0.1:9898
#
# Starts a throw-away Prometheus server (Debian's package, installed if missing) on a free
# loopback port, with a temp data dir and a config derived from deploy/prometheus/prometheus.yml
# (target METRICS_ADDR, 1s scrape and rule evaluation) and the shipped rules. Once the target is
# up and scraped a few times, every PromQL expression of the Grafana dashboard and of the rules
# is evaluated through the HTTP API, every rule must be loaded and healthy, and the key series
# must have data (promql_check.py). Prints one line per check and "N passed, M failed"; exits
# non-zero if anything failed. Prometheus is stopped on exit, whatever the outcome.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 METRICS_ADDR (host:port serving /metrics)" >&2
  exit 2
fi
target="$1"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=tests/monitoring/lib.sh
. "$here/lib.sh"

ensure_prometheus

work="$(mktemp -d "${TMPDIR:-/tmp}/demarche-live.XXXXXX")"
prom_pid="" check_pid=""
# shellcheck disable=SC2329 # invoked by the EXIT trap
cleanup() {
  local pid
  for pid in $check_pid $prom_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cp -r "$root/deploy/prometheus/rules" "$work/rules"
python3 "$here/promql_check.py" derive-config "$root/deploy/prometheus/prometheus.yml" "$work/prometheus.yml" "$target"

port="$(free_port)"
prometheus \
  --config.file="$work/prometheus.yml" \
  --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$port" \
  >"$work/prometheus.log" 2>&1 &
prom_pid=$!

# In the background with `wait`, so that INT/TERM run the traps at once.
status=0
python3 "$here/promql_check.py" check "http://127.0.0.1:$port" \
  "$root/deploy/grafana/dashboards/demarche.json" "$root"/deploy/prometheus/rules/*.yml &
check_pid=$!
wait "$check_pid" || status=$?
check_pid=""
if [ "$status" -ne 0 ]; then
  echo "--- last lines of the Prometheus log:" >&2
  tail -n 15 "$work/prometheus.log" >&2 || true
fi
exit "$status"
