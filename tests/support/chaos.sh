#!/usr/bin/env bash
# `make chaos`: the crash test at full size. Starts the test broker, then runs
# tests/it/chaos.rs with 20,000 generated articles and 12 SIGKILLs (override with
# DEMARCHE_CHAOS_ARTICLES / DEMARCHE_CHAOS_KILLS). `make test` runs the same test smaller.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

work="$(mktemp -d "${TMPDIR:-/tmp}/demarche-chaos.XXXXXX")"
trap 'bash tests/support/tansu.sh stop "$work" || true; rm -rf "$work"' EXIT

bash tests/support/tansu.sh install >/dev/null
bash tests/support/tansu.sh start "$work"
DEMARCHE_TEST_BROKERS="$(cat "$work/brokers")" \
DEMARCHE_CHAOS_ARTICLES="${DEMARCHE_CHAOS_ARTICLES:-20000}" \
DEMARCHE_CHAOS_KILLS="${DEMARCHE_CHAOS_KILLS:-12}" \
    cargo test --locked --test it -- chaos --nocapture
