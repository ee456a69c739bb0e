# Sourced by the loopback benchmarks: a test broker with the daemon's topics, and the release
# daemon on it. The caller sets `work` (a scratch directory) and traps `stack_stop` on exit.
#   stack_start TOPIC:PARTITIONS...   start the broker, create the topics; sets `brokers`
#   stack_daemon [CONFIG]             start target/release/demarche; sets `daemon`, `port`
#   stack_stop_daemon                 stop the daemon (SIGTERM: it drains and commits; SIGKILL
#                                     if it outlives its 30 s shutdown deadline by 15 s);
#                                     returns its exit status
#   stack_stop                        stop both

stack_start() {
    bash tests/support/tansu.sh start "$work"
    brokers="$(cat "$work/brokers")"
    local topic
    for topic in "$@"; do
        bash tests/support/tansu.sh topic "$work" "${topic%%:*}" "${topic##*:}"
    done
}

stack_daemon() {
    local config="${1:-deploy/local/demarche.toml}"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    DEMARCHE__KAFKA__BROKERS="$brokers" DEMARCHE__HTTP__ADDRESS="127.0.0.1:$port" \
    DEMARCHE__LOG__LEVEL=warn \
        target/release/demarche run --config "$config" >"$work/demarche.log" 2>&1 &
    daemon=$!
}

stack_stop_daemon() {
    local pid="${daemon:-}" status=0 watchdog
    [ -n "$pid" ] || return 0
    daemon=""
    kill -TERM "$pid" 2>/dev/null || true
    ( sleep 45 && echo "the daemon ignored SIGTERM for 45 s; killing it" >&2 \
        && kill -KILL "$pid" 2>/dev/null ) &
    watchdog=$!
    wait "$pid" 2>/dev/null || status=$?
    kill "$watchdog" 2>/dev/null || true
    return "$status"
}

stack_stop() {
    stack_stop_daemon || true
    bash tests/support/tansu.sh stop "$work" || true
}
