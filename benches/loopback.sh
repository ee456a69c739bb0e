#!/usr/bin/env bash
# Daemon throughput through the test broker on loopback: N generated articles are produced to
# the input topic first, then the release daemon is started and timed from its first consumed
# article until every article is consumed and every record it caused acknowledged. Then, in the
# same session, the pass-through baseline (benches/passthrough.rs: the daemon's client settings,
# no processing) copies the same input topic and is timed the same way. Prints both rates and
# their ratio (target: at least 0.5). Then the daemon's CPU per article (user + system time over
# the run, the broker's excluded) against the in-process pipeline's (target: at most 1.25x),
# and the pass-through's CPU per consumed record when it publishes 6 copies of each (the
# generated articles give about 6.2 records each): the least consuming an article and
# publishing its records costs with the daemon's clients, before any coding.
#   bash benches/loopback.sh [N]     (default 20000)
# With LOOPBACK_AGGREGATES=1 the daemon also publishes the daily aggregates (their topics are
# created, and the run lasts until the owners have counted every mention): the cost of the
# aggregation stage in the daemon, against a run without.
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
aggregates=()
measure_aggregates=()
if [ "${LOOPBACK_AGGREGATES:-0}" = 1 ]; then
    aggregates=(demarche.daily-mentions:3 demarche.daily-state:3 events.daily:1)
    measure_aggregates=(--aggregates)
fi
stack_start articles.raw:3 events.diplomatic:3 articles.dlq:1 demarche.dedup-state:1 passthrough.out:3 \
    "${aggregates[@]}"
"$py" benches/loopback.py produce --brokers "$brokers" --count "$n"
if [ "${LOOPBACK_AGGREGATES:-0}" = 1 ]; then
    stack_daemon deploy/local/demarche.toml DEMARCHE__AGGREGATE__ENABLED=true
else
    stack_daemon
fi
daemon_line="$("$py" benches/loopback.py measure --metrics "http://127.0.0.1:$port/metrics" \
    --count "$n" --pid "$daemon" "${measure_aggregates[@]}")"
echo "daemon:       $daemon_line"
stack_stop_daemon

pass_line="$(DEMARCHE_CONFIG=deploy/local/demarche.toml DEMARCHE__KAFKA__BROKERS="$brokers" \
    PASSTHROUGH_COUNT="$n" PASSTHROUGH_OUTPUT=passthrough.out \
    cargo bench --locked --bench passthrough 2>/dev/null | tail -1)"
echo "pass-through: $pass_line"
daemon_rate="$(grep -o '[0-9]* articles/s' <<<"$daemon_line" | cut -d' ' -f1)"
pass_rate="$(grep -o '[0-9]* records/s' <<<"$pass_line" | cut -d' ' -f1)"
python3 -c "print(f'ratio: {$daemon_rate / $pass_rate:.2f} (daemon {$daemon_rate} articles/s / pass-through {$pass_rate} records/s)')"

# CPU per article in process, the same session: the pipeline's batches of 64 on the same
# number of threads and as many articles through one dedup index, no Kafka (benches/pipeline.rs,
# PIPELINE_CPU_ARTICLES).
inproc_line="$(PIPELINE_CPU_ARTICLES="$n" \
    cargo bench --locked --bench pipeline 2>/dev/null | grep 'CPU' || true)"
echo "in process:   $inproc_line"
daemon_us="$(grep -o '= [0-9.]* us an article' <<<"$daemon_line" | tr -dc '0-9.')"
inproc_us="$(grep -o '= [0-9.]* us an article' <<<"$inproc_line" | tr -dc '0-9.')"
if [ -n "$daemon_us" ] && [ -n "$inproc_us" ]; then
    python3 -c "print(f'CPU per article, daemon / in process: {$daemon_us / $inproc_us:.2f} (target at most 1.25)')"
fi
floor_line="$(DEMARCHE_CONFIG=deploy/local/demarche.toml DEMARCHE__KAFKA__BROKERS="$brokers" \
    PASSTHROUGH_COUNT="$n" PASSTHROUGH_OUTPUT=passthrough.out PASSTHROUGH_FANOUT=6 \
    cargo bench --locked --bench passthrough 2>/dev/null | grep 'CPU' || true)"
echo "pass-through, 6 copies: $floor_line"
floor_us="$(grep -o '= [0-9.]* us a consumed record' <<<"$floor_line" | tr -dc '0-9.')"
if [ -n "$floor_us" ] && [ -n "$inproc_us" ]; then
    python3 -c "print(f'least the daemon can reach with these clients, (in process + pass-through) / in process: {($inproc_us + $floor_us) / $inproc_us:.2f}')"
fi
