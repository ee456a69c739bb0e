#!/usr/bin/env bash
# `make test`: installs what the tests need (the test broker, Prometheus), starts the test
# broker on a free loopback port, runs every test, and stops what it started, whatever the
# outcome.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

work="$(mktemp -d "${TMPDIR:-/tmp}/demarche-test.XXXXXX")"
cleanup() {
    bash tests/support/tansu.sh stop "$work" || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== installing the test broker"
bash tests/support/tansu.sh install >/dev/null
echo "== starting the test broker"
bash tests/support/tansu.sh start "$work"
export DEMARCHE_TEST_BROKERS="$(cat "$work/brokers")"

echo "== cargo test"
cargo test --locked --lib --bins --tests -- --test-threads 2
cargo test --locked --doc
