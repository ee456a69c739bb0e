#!/usr/bin/env bash
# Static checks of the monitoring and deploy configuration; no Docker, no daemon, no network
# beyond installing Debian's prometheus package when promtool is missing.
#
#   tests/monitoring/check.sh
#
# promtool: the Prometheus config, the rules, the rule unit tests (deploy/prometheus/tests);
# check_deploy.py: the dashboard, alert metadata, compose file, kustomize base and Dockerfile.
# One line per check, then "N passed, M failed"; exits non-zero if any check failed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root" || exit 1
# shellcheck source=tests/monitoring/lib.sh
. "$here/lib.sh"

passed=0 failed=0 skipped=0
check() {
  local name="$1" out rc
  shift
  out="$("$@" 2>&1)"
  rc=$?
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1)); echo "ok   $name"
  elif [ "$rc" -eq 77 ]; then
    skipped=$((skipped + 1)); echo "skip $name: $out"
  else
    failed=$((failed + 1)); echo "FAIL $name"; printf '%s\n' "$out" | sed 's/^/     /'
  fi
}

if ! ensure_prometheus; then
  echo "FAIL installing promtool (apt-get install prometheus)"
  echo "0 passed, 1 failed"
  exit 1
fi

check "promtool check config deploy/prometheus/prometheus.yml" \
  promtool check config deploy/prometheus/prometheus.yml
check "promtool check rules deploy/prometheus/rules" \
  bash -c 'promtool check rules deploy/prometheus/rules/*.yml'
check "promtool test rules deploy/prometheus/tests" \
  bash -c 'promtool test rules deploy/prometheus/tests/*.yml'
for part in dashboard rules compose kubernetes dockerfile; do
  check "deploy structure: $part" python3 "$here/check_deploy.py" "$part"
done

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
