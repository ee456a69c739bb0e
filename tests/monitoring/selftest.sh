#!/usr/bin/env bash
# Self-test of live.sh without a daemon: serves the fake /metrics of fake_metrics.py on a free
# loopback port and runs live.sh against it. This checks the monitoring config and the script,
# not demarche itself (the end-to-end test runs live.sh against the real daemon).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/demarche-fake.XXXXXX")"
python3 "$here/fake_metrics.py" --port-file "$work/addr" >/dev/null &
fake_pid=$!
trap 'kill "$fake_pid" 2>/dev/null || true; wait "$fake_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -s "$work/addr" ] && break; sleep 0.1; done
[ -s "$work/addr" ] || { echo "fake_metrics.py did not start" >&2; exit 1; }
"$here/live.sh" "$(cat "$work/addr")"
