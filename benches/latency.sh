#!/usr/bin/env bash
# End-to-end latency at a fixed input rate through the test broker on loopback: generated
# articles are produced at RATE/s for SECONDS (defaults 1000 and 60) while the release daemon
# runs; a reader of the output topic notes when each article's first event arrives. Prints
# p50/p90/p99/max after a 10 s warm-up (target: p99 under 50 ms at 1,000 articles/s).
#   bash benches/latency.sh [RATE] [SECONDS]      (LATENCY_CONFIG: another daemon config file)
# STACK_BROKER=mock runs it on librdkafka's mock broker instead of the test broker (see
# benches/stack.sh and benches/mockbroker.rs), with benches/latency-mock.toml.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rate="${1:-1000}"
seconds="${2:-60}"
work="$(mktemp -d "${TMPDIR:-/tmp}/demarche-latency.XXXXXX")"
source benches/stack.sh
trap stack_stop EXIT

cargo build --release --locked --bin demarche >&2
py="$(bash deploy/local/python.sh)"
stack_start articles.raw:3 events.diplomatic:3 articles.dlq:1 demarche.dedup-state:1
if [ "${STACK_BROKER:-tansu}" = mock ]; then
    default_config=benches/latency-mock.toml
else
    default_config=benches/latency.toml
fi
stack_daemon "${LATENCY_CONFIG:-$default_config}"
stack_wait_ready
"$py" benches/loopback.py latency --brokers "$brokers" --rate "$rate" --seconds "$seconds"
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^demarche_end_to_end_latency_seconds_(bucket|count)' >"$work/histogram"
echo "daemon histogram (input timestamp to every record acknowledged):"
cat "$work/histogram"
