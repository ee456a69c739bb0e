# Sourced by the loopback benchmarks: a test broker with the daemon's topics, and the release
# daemon on it. The caller sets `work` (a scratch directory) and traps `stack_stop` on exit.
#   stack_start TOPIC:PARTITIONS...   start the broker, create the topics; sets `brokers`
#   stack_daemon [CONFIG]             start target/release/demarche; sets `daemon`, `port`
#   stack_stop_daemon                 stop the daemon (SIGTERM: it drains and commits)
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
    if [ -n "${daemon:-}" ]; then
        kill -TERM "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null || true
        daemon=""
    fi
}

stack_stop() {
    stack_stop_daemon
    bash tests/support/tansu.sh stop "$work" || true
}
