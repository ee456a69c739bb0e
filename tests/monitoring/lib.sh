# shellcheck shell=bash
# Shared by the scripts of tests/monitoring (source it; bash).

# Install Debian's prometheus package (prometheus + promtool) when promtool is missing.
# The package's service is not started: a policy-rc.d that forbids starting services is put in
# place for the install when the machine has none (Docker-style machines already have one).
ensure_prometheus() {
  if command -v promtool >/dev/null && command -v prometheus >/dev/null; then
    return 0
  fi
  echo "installing Debian's prometheus package (promtool, prometheus)..." >&2
  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && own_policy=1
  fi
  local rc=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; } >&2 || rc=$?
  [ "$own_policy" = 1 ] && rm -f "$policy"
  return "$rc"
}

# free_port, from the helpers every test script shares.
# shellcheck source=tests/support/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../support/lib.sh"
