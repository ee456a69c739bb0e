#!/usr/bin/env bash
# Shell helpers shared by the test and bench scripts. Source it: `. tests/support/lib.sh`.
#
#   free_port                 print a free TCP port on loopback
#   create_topics DIR NAME:PARTITIONS...
#                             create topics on the test broker started in DIR
#                             (`tests/support/tansu.sh start DIR`)
#   start_daemon BROKERS PORT CONFIG LOG [NAME=VALUE...]
#                             start `demarche run --config CONFIG` in the background on BROKERS,
#                             its HTTP endpoint on 127.0.0.1:PORT, its output to LOG, NAME=VALUE
#                             added to its environment; sets `daemon` to its pid. The binary is
#                             target/release/demarche, or the one `demarche_bin` names.
#   wait_ready PORT PID LOG [SECONDS]
#                             wait until the daemon on PORT says ready; fail loudly, with the
#                             daemon's log, if it exits or is not ready in time (default 120 s)

lib_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

create_topics() {
    local dir="$1" topic; shift
    for topic in "$@"; do
        bash "$lib_root/tests/support/tansu.sh" topic "$dir" "${topic%%:*}" "${topic##*:}"
    done
}

# `env` replaces itself with the daemon, so `$!` is the daemon's pid.
start_daemon() {
    local brokers="$1" port="$2" config="$3" log="$4"; shift 4
    env DEMARCHE__KAFKA__BROKERS="$brokers" DEMARCHE__HTTP__ADDRESS="127.0.0.1:$port" "$@" \
        "${demarche_bin:-$lib_root/target/release/demarche}" run --config "$config" >"$log" 2>&1 &
    daemon=$!
}

wait_ready() {
    local port="$1" pid="$2" log="$3" seconds="${4:-120}"
    local deadline=$((SECONDS + seconds))
    until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "the daemon (pid $pid) exited before it was ready; its log:" >&2
            cat "$log" >&2
            return 1
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "the daemon on port $port was not ready after ${seconds}s; its log:" >&2
            cat "$log" >&2
            return 1
        fi
        sleep 0.2
    done
}
