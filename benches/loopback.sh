#!/usr/bin/env bash
# Daemon throughput through the test broker on loopback: N generated articles are produced to
# the input topic first, then the release daemon is started and timed from its first consumed
# article until every article is consumed and every record it caused acknowledged. Then, in the
# same session, the pass-through baseline (benches/passthrough.rs: the daemon's client settings,
# no processing) copies the same input topic and is timed the same way. Prints both rates and
# their ratio (target: at least 0.5).
#   bash benches/loopback.sh [N]     (default 20000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
n="${1:-20000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/demarche-bench.XXXXXX")"
source benches/stack.sh
trap stack_stop EXIT

cargo build --release --locked --bin demarche >&2
cargo bench --locked --bench passthrough --no-run >&2
py="$(bash deploy/local/python.sh)"
stack_start articles.raw:3 events.diplomatic:3 articles.dlq:1 demarche.dedup-state:1 passthrough.out:3
"$py" benches/loopback.py produce --brokers "$brokers" --count "$n"
stack_daemon
daemon_line="$("$py" benches/loopback.py measure --metrics "http://127.0.0.1:$port/metrics" --count "$n")"
echo "daemon:       $daemon_line"
stack_stop_daemon

pass_line="$(DEMARCHE_CONFIG=deploy/local/demarche.toml DEMARCHE__KAFKA__BROKERS="$brokers" \
    PASSTHROUGH_COUNT="$n" PASSTHROUGH_OUTPUT=passthrough.out \
    cargo bench --locked --bench passthrough 2>/dev/null | tail -1)"
echo "pass-through: $pass_line"
daemon_rate="$(grep -o '[0-9]* articles/s' <<<"$daemon_line" | cut -d' ' -f1)"
pass_rate="$(grep -o '[0-9]* records/s' <<<"$pass_line" | cut -d' ' -f1)"
python3 -c "print(f'ratio: {$daemon_rate / $pass_rate:.2f} (daemon {$daemon_rate} articles/s / pass-through {$pass_rate} records/s)')"
