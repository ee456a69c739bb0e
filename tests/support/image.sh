#!/usr/bin/env bash
# The container image, built and run as an operator would (part of `make test`):
#
#   tests/support/image.sh BROKERS WORK BINARY
#
# builds deploy/Dockerfile with podman around BINARY (deploy/image.sh), runs it against the test
# broker at BROKERS with a read-only root filesystem, and checks that it runs as its non-root
# user, that its HEALTHCHECK passes, that fed articles come out as events on the output topic,
# and that SIGTERM (podman stop) ends it with exit code 0. WORK is a scratch directory whose
# test broker `tests/support/tansu.sh start WORK` started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
. tests/support/lib.sh
brokers="$1" work="$2" binary="$3"
tag="localhost/demarche:test"
name="demarche-test-$$"
limits=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)

fail() {
    echo "image: $*" >&2
    podman logs "$name" 2>&1 | tail -40 >&2 || true
    exit 1
}
cleanup() { podman rm -f "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "== image: build"
bash deploy/image.sh "$binary" "$tag" >"$work/image-build.log" 2>&1 \
    || { tail -40 "$work/image-build.log" >&2; fail "the build failed"; }

suffix="image-$$"
create_topics "$work" "in-$suffix:2" "out-$suffix:2" "dlq-$suffix:1" "state-$suffix:1"
port="$(free_port)"

echo "== image: run against the test broker"
# --health-interval=disable: no systemd timer here; the check is run by hand below.
podman run -d --name "$name" --runtime runc "${limits[@]}" --network host --read-only \
    --health-interval=disable \
    -e DEMARCHE__KAFKA__BROKERS="$brokers" \
    -e DEMARCHE__KAFKA__GROUP_ID="group-$suffix" \
    -e DEMARCHE__HTTP__ADDRESS="127.0.0.1:$port" \
    -e DEMARCHE__TOPICS__INPUT="in-$suffix" \
    -e DEMARCHE__TOPICS__OUTPUT="out-$suffix" \
    -e DEMARCHE__TOPICS__DEAD_LETTER="dlq-$suffix" \
    -e DEMARCHE__TOPICS__DEDUP_STATE="state-$suffix" \
    "$tag" >/dev/null 2>"$work/image-run.log"

deadline=$((SECONDS + 120))
until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do
    [ "$(podman inspect --format '{{.State.Running}}' "$name")" = true ] || fail "the container exited"
    [ $SECONDS -lt $deadline ] || fail "not ready within 120 s"
    sleep 1
done

uid="$(podman exec "$name" id -u)"
[ "$uid" = 10001 ] || fail "runs as uid $uid, not the image's user 10001"
[ "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$name")" = true ] \
    || fail "the root filesystem is writable"
if podman exec "$name" sh -c 'echo x > /usr/local/bin/written' 2>/dev/null; then
    fail "wrote to the root filesystem"
fi
podman healthcheck run "$name" >/dev/null || fail "the image's HEALTHCHECK command failed"

echo "== image: feed articles, wait for events"
py="$(bash deploy/local/python.sh)"
"$py" deploy/local/feed.py --brokers "$brokers" --topic "in-$suffix" tests/fixtures/e2e/articles.jsonl
published() {
    curl -sf "http://127.0.0.1:$port/metrics" \
        | awk '$1 ~ /^demarche_events_published_total[{ ]?/ { n += $2 } END { print int(n) }'
}
deadline=$((SECONDS + 120))
until [ "$(published)" -gt 0 ] 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || fail "no event published within 120 s"
    sleep 1
done
events="$("$py" - "$brokers" "out-$suffix" <<'PY'
import sys, uuid
from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition
c = Consumer({"bootstrap.servers": sys.argv[1], "group.id": str(uuid.uuid4()),
              "enable.partition.eof": True})
c.assign([TopicPartition(sys.argv[2], p, OFFSET_BEGINNING) for p in (0, 1)])
count, ends, idle = 0, set(), 0
while idle < 150:
    m = c.poll(0.2)
    if m is None:
        idle += 1
        continue
    if m.error():
        ends.add(m.partition())
        if len(ends) == 2:
            break
        continue
    count += 1
print(count)
PY
)"
[ "$events" -gt 0 ] || fail "no event on out-$suffix"

echo "== image: SIGTERM"
podman stop --time 40 "$name" >/dev/null 2>>"$work/image-run.log"
code="$(podman inspect --format '{{.State.ExitCode}}' "$name")"
[ "$code" = 0 ] || fail "exit code $code after SIGTERM"
echo "image: non-root (uid 10001), read-only root, HEALTHCHECK passed, $events events on the output topic, SIGTERM exit 0"
