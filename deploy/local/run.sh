#!/usr/bin/env bash
# `make run`: the main job on an embedded default. Starts a local broker (tansu) and creates the
# topics, builds and starts the daemon, feeds the sample articles, prints each coded event as it
# arrives and the key metrics every few seconds. Ctrl-C stops everything.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
. tests/support/lib.sh
work="$(mktemp -d "${TMPDIR:-/tmp}/demarche-run.XXXXXX")"
pids=()
cleanup() {
    trap - EXIT INT TERM
    echo; echo "== stopping"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    bash tests/support/tansu.sh stop "$work" || true
    echo "daemon log: $work/demarche.log"
}
trap cleanup EXIT INT TERM

echo "== building demarche (release)"
cargo build --release --locked --bin demarche
echo "== preparing the Python Kafka client"
bash deploy/local/python.sh >/dev/null
py="$root/.tools/venv/bin/python"

echo "== starting a local broker"
bash tests/support/tansu.sh start "$work"
brokers="$(cat "$work/brokers")"
create_topics "$work" articles.raw:3 events.diplomatic:3 articles.dlq:1 demarche.dedup-state:1 \
    demarche.daily-mentions:3 demarche.daily-state:3 events.daily:1

port="${DEMARCHE_RUN_PORT:-9898}"
echo "== starting demarche (metrics on http://127.0.0.1:$port/metrics)"
# With the daily aggregates (README, Daily aggregates): `events.daily` and the
# demarche_aggregate_* metrics; the sample's stories span more than the default week of event
# dates, so the window is a year here.
start_daemon "$brokers" "$port" deploy/local/demarche.toml "$work/demarche.log" DEMARCHE__LOG__FORMAT=pretty \
    DEMARCHE__AGGREGATE__ENABLED=true DEMARCHE__AGGREGATE__WINDOW_DAYS=366
pids+=("$daemon")

"$py" deploy/local/watch.py --brokers "$brokers" --topic events.diplomatic &
pids+=($!)

wait_ready "$port" "$daemon" "$work/demarche.log" 300
echo "== demarche is ready; feeding the sample articles"
"$py" deploy/local/feed.py --brokers "$brokers" --topic articles.raw \
    tests/fixtures/e2e/articles.jsonl tests/fixtures/e2e/plain-text-article.txt

while true; do
    sleep 5
    echo "-- metrics"
    curl -s "http://127.0.0.1:$port/metrics" \
        | grep -E '^demarche_(messages_consumed|outcomes|events_published|dead_letters|ready|consumer_lag|aggregate_mentions|aggregate_table)' \
        | sed 's/^/   /' || true
done
