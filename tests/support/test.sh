#!/usr/bin/env bash
# `make test`: installs what the tests need (the test broker, a Python Kafka client,
# Prometheus), starts the test broker on a free loopback port, runs every test, and stops what
# it started, whatever the outcome.
#
#   1. cargo tests: unit, integration (against the test broker and librdkafka's mock cluster),
#      and the evaluation floors of the coder and of dedup;
#   2. the monitoring configuration: promtool checks, rule unit tests;
#   3. live monitoring: a daemon fed by the test broker, scraped by a real Prometheus, every
#      dashboard and alert expression evaluated.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
. tests/support/lib.sh

work="$(mktemp -d "${TMPDIR:-/tmp}/demarche-test.XXXXXX")"
daemon=""
cleanup() {
    if [ -n "$daemon" ]; then kill -TERM "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; fi
    bash tests/support/tansu.sh stop "$work" || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== installing the test broker and the Python Kafka client"
bash tests/support/tansu.sh install >/dev/null
py="$(bash deploy/local/python.sh)"
echo "== starting the test broker"
bash tests/support/tansu.sh start "$work"
brokers="$(cat "$work/brokers")"
export DEMARCHE_TEST_BROKERS="$brokers"

echo "== cargo test"
cargo test --locked --lib --bins --tests -- --test-threads 2
cargo test --locked --doc

echo "== monitoring configuration"
bash tests/monitoring/check.sh

echo "== live monitoring: a fed daemon scraped by Prometheus"
create_topics "$work" articles.raw:3 events.diplomatic:3 articles.dlq:1 demarche.dedup-state:1
port="$(free_port)"
# The debug build `cargo test` made.
demarche_bin=target/debug/demarche
start_daemon "$brokers" "$port" deploy/local/demarche.toml "$work/demarche.log"
wait_ready "$port" "$daemon" "$work/demarche.log"
"$py" deploy/local/feed.py --brokers "$brokers" --topic articles.raw \
    tests/fixtures/e2e/articles.jsonl tests/fixtures/e2e/plain-text-article.txt
printf '{"broken json' >"$work/bad.json"
"$py" deploy/local/feed.py --brokers "$brokers" --topic articles.raw "$work/bad.json"
bash tests/monitoring/live.sh "127.0.0.1:$port"

echo "== the container image: built with podman, run against the test broker"
bash tests/support/image.sh "$brokers" "$work" target/debug/demarche
