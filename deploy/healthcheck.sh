#!/bin/bash
# Container health check: GET /healthz over bash's /dev/tcp (the runtime image has no curl).
# Exit 0 when the status line says 200, 1 otherwise. Port from DEMARCHE_HEALTH_PORT (default
# 9898), or from DEMARCHE__HTTP__ADDRESS=host:port when that variable is set (an address set in
# a config file is not seen here: set DEMARCHE_HEALTH_PORT then).
set -u
addr="${DEMARCHE__HTTP__ADDRESS:-0.0.0.0:9898}"
port="${DEMARCHE_HEALTH_PORT:-${addr##*:}}"
if ! { exec 3<>"/dev/tcp/127.0.0.1/${port}"; } 2>/dev/null; then
  echo "demarche-healthcheck: nothing listens on port ${port}"
  exit 1
fi
printf 'GET /healthz HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 4 status <&3 || exit 1
exec 3<&-
[[ "$status" =~ ^HTTP/1\.[01]\ 200 ]]
