#!/usr/bin/env bash
# Shell helpers shared by the test and bench scripts. Source it: `. tests/support/lib.sh`.
#
#   free_port                 print a free TCP port on loopback
#   wait_ready PORT PID LOG [SECONDS]
#                             wait until the daemon on PORT says ready; fail loudly, with the
#                             daemon's log, if it exits or is not ready in time (default 120 s)

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
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
