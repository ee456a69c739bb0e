# Sourced by the loopback benchmarks: a test broker with the daemon's topics, and the release
# daemon on it. The caller sets `work` (a scratch directory) and traps `stack_stop` on exit.
# STACK_BROKER=tansu (the default: the test broker) or mock (librdkafka's mock cluster,
# benches/mockbroker.rs, which answers a fetch as soon as it holds data).
#   stack_start TOPIC:PARTITIONS...   start the broker, create the topics; sets `brokers`
#   stack_daemon [CONFIG [NAME=VALUE...]]
#                                     start target/release/demarche (CONFIG: default
#                                     deploy/local/demarche.toml; NAME=VALUE: more environment);
#                                     sets `daemon`, `port`
#   stack_wait_ready                  wait until that daemon is ready; fail loudly if it is not
#   stack_stop_daemon                 stop the daemon (SIGTERM: it drains and commits; SIGKILL
#                                     if it outlives its 30 s shutdown deadline by 15 s);
#                                     returns its exit status
#   stack_stop                        stop both
. "$(dirname "${BASH_SOURCE[0]}")/../tests/support/lib.sh"

stack_start() {
    if [ "${STACK_BROKER:-tansu}" = mock ]; then
        stack_start_mock "$@"
        return
    fi
    bash tests/support/tansu.sh start "$work"
    brokers="$(cat "$work/brokers")"
    create_topics "$work" "$@"
}

# The mock broker serves until it is killed; it is run directly (not through cargo) so that its
# process id is the one to kill.
stack_start_mock() {
    local bin
    bin="$(cargo bench --locked --bench mockbroker --no-run --message-format=json 2>/dev/null \
        | python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "mockbroker" and m.get("executable"):
        print(m["executable"])')"
    "$bin" "$@" >"$work/mock.out" 2>"$work/mock.log" &
    mock=$!
    for _ in $(seq 1 300); do
        brokers="$(sed -n 's/^bootstrap=//p' "$work/mock.out")"
        [ -n "$brokers" ] && { echo "mock broker on $brokers" >&2; return 0; }
        sleep 0.1
    done
    echo "the mock broker did not start; its log:" >&2; cat "$work/mock.log" >&2; return 1
}

stack_daemon() {
    local config="${1:-deploy/local/demarche.toml}"
    shift || true
    port="$(free_port)"
    start_daemon "$brokers" "$port" "$config" "$work/demarche.log" DEMARCHE__LOG__LEVEL=warn "$@"
}

stack_wait_ready() {
    wait_ready "$port" "$daemon" "$work/demarche.log"
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
    if [ -n "${mock:-}" ]; then
        kill "$mock" 2>/dev/null || true
        wait "$mock" 2>/dev/null || true
        mock=""
    fi
    bash tests/support/tansu.sh stop "$work" || true
}
