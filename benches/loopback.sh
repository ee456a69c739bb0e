#!/usr/bin/env bash
# Daemon throughput through the test broker on loopback: N generated articles are produced to
# the input topic first, then the release daemon is started and timed from its first consumed
# article until every article is consumed and every record it caused acknowledged (the
# committed input offsets reach the end). Prints articles/s.
#   bash benches/loopback.sh [N]     (default 20000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
n="${1:-20000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/demarche-bench.XXXXXX")"
daemon=""
cleanup() {
    [ -n "$daemon" ] && kill -TERM "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null || true
    bash tests/support/tansu.sh stop "$work" || true
}
trap cleanup EXIT

cargo build --release --locked --bin demarche >&2
py="$(bash deploy/local/python.sh)"
bash tests/support/tansu.sh start "$work"
brokers="$(cat "$work/brokers")"
for topic in articles.raw:3 events.diplomatic:3 articles.dlq:1 demarche.dedup-state:1; do
    bash tests/support/tansu.sh topic "$work" "${topic%%:*}" "${topic##*:}"
done
"$py" benches/loopback.py produce --brokers "$brokers" --count "$n"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
DEMARCHE__KAFKA__BROKERS="$brokers" DEMARCHE__HTTP__ADDRESS="127.0.0.1:$port" \
DEMARCHE__LOG__LEVEL=warn \
    target/release/demarche run --config deploy/local/demarche.toml >"$work/demarche.log" 2>&1 &
daemon=$!
"$py" benches/loopback.py measure --metrics "http://127.0.0.1:$port/metrics" --count "$n"
