"""Loopback benchmark helper: produce a generated corpus, then time the daemon through its
metrics; or feed articles at a fixed rate and measure end-to-end latency."""
import argparse
import json
import os
import random
import threading
import time
import urllib.request

from confluent_kafka import Consumer, Producer

# The generator lives in corpus.py (no Kafka client needed); hostile.py and soak.py import it from
# here.
from corpus import DAYS, SHAPES, STATES, article, news_json  # noqa: F401


def produce(args):
    rng = random.Random(7)
    producer = Producer({"bootstrap.servers": args.brokers, "linger.ms": 20})
    size = 0
    for i in range(args.count):
        payload = article(i, rng).encode()
        size += len(payload)
        while True:
            try:
                producer.produce("articles.raw", value=payload)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
    producer.flush(120)
    print(f"produced {args.count} articles ({size / args.count:.0f} bytes on average)", flush=True)


def metric(url, prefix):
    body = urllib.request.urlopen(url, timeout=5).read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in body.splitlines()
               if line.startswith(prefix))


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(stat_path):
    """User + system CPU seconds of a process or thread, from its /proc stat file."""
    with open(stat_path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def threads(pid):
    """CPU seconds of each live thread of `pid`, by thread id, with its name."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
            out[tid] = (name, cpu_seconds(f"/proc/{pid}/task/{tid}/stat"))
        except OSError:
            pass
    return out


def cpu_report(pid, before, threads_before, articles):
    """The daemon's CPU per article over the run, and where it went: the consume loop's thread
    (the serial part, plus its own share of each batch's preparation), librdkafka's threads,
    the helper threads that prepare batches and build records alongside it
    (demarche-worker-N), and the rest (the runtime, the HTTP server, the changelog tailer)."""
    total = cpu_seconds(f"/proc/{pid}/stat") - before
    after = threads(pid)
    by_thread = {tid: (name, cpu - threads_before.get(tid, (name, 0.0))[1])
                 for tid, (name, cpu) in after.items()}
    loop_tid, (loop_name, loop_cpu) = max(
        ((tid, v) for tid, v in by_thread.items() if not v[0].startswith("rdk:")),
        key=lambda item: item[1][1])
    rdkafka = sum(cpu for name, cpu in by_thread.values() if name.startswith("rdk:"))
    helpers = sum(cpu for tid, (name, cpu) in by_thread.items()
                  if name.startswith("demarche-worker") and tid != loop_tid)
    others = total - loop_cpu - rdkafka - helpers
    return (f"CPU {total:.2f} s = {total / articles * 1e6:.1f} us an article; "
            f"consume loop thread {loop_cpu / total:.0%}, librdkafka threads "
            f"{rdkafka / total:.0%}, batch helpers {helpers / total:.0%}, "
            f"the rest {others / total:.0%}")


def measure(args):
    deadline = time.time() + 600
    while True:
        try:
            if metric(args.metrics, "demarche_messages_consumed_total") > 0:
                break
        except OSError:
            pass
        if time.time() > deadline:
            raise SystemExit("the daemon consumed nothing")
        time.sleep(0.01)
    if args.pid:
        cpu_before = cpu_seconds(f"/proc/{args.pid}/stat")
        threads_before = threads(args.pid)
        consumed_before = metric(args.metrics, "demarche_messages_consumed_total")
    start = time.time()
    while True:
        consumed = metric(args.metrics, "demarche_messages_consumed_total")
        in_flight = metric(args.metrics, "demarche_in_flight_messages")
        if consumed >= args.count and in_flight == 0:
            break
        if time.time() > deadline:
            raise SystemExit(f"timed out at {consumed} consumed")
        time.sleep(0.05)
    took = time.time() - start
    if args.aggregates:
        # The owners count the mentions after the inputs are done: wait until the count has
        # not moved for 3 s with no lag, and time the run up to its last move.
        counted, moved = -1.0, time.time()
        while time.time() - moved < 3 or metric(args.metrics, "demarche_aggregate_lag") > 0:
            now = metric(args.metrics, "demarche_aggregate_mentions_total")
            if now != counted:
                counted, moved = now, time.time()
            if time.time() > deadline:
                raise SystemExit(f"timed out at {counted} mentions counted")
            time.sleep(0.05)
        took = moved - start
        updated = metric(args.metrics, 'demarche_aggregate_mentions_total{outcome="updated"}')
        held = metric(args.metrics, 'demarche_aggregate_table{unit="aggregates"}')
        print(f"{counted:.0f} mentions read by the owners, {updated:.0f} counted, "
              f"{held:.0f} aggregates held", flush=True)
    events = metric(args.metrics, "demarche_events_published_total")
    outcomes = {k: metric(args.metrics, f'demarche_outcomes_total{{outcome="{k}"}}')
                for k in ["published", "no_events", "duplicate", "dead_letter"]}
    print(f"{args.count} articles in {took:.2f} s: {args.count / took:.0f} articles/s; "
          f"{events:.0f} events; outcomes {outcomes}", flush=True)
    if args.pid:
        print(cpu_report(args.pid, cpu_before, threads_before, args.count - consumed_before),
              flush=True)


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class FirstEvents(threading.Thread):
    """Reads the output topic from its end; notes when the first event of each article arrives."""

    def __init__(self, brokers, topic):
        super().__init__(daemon=True)
        self.consumer = Consumer({
            "bootstrap.servers": brokers, "group.id": f"latency-{time.time_ns()}",
            "auto.offset.reset": "latest", "enable.auto.commit": False,
            "fetch.wait.max.ms": 5, "session.timeout.ms": 6000,
        })
        self.consumer.subscribe([topic])
        self.arrived = {}
        self.assigned = threading.Event()
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            message = self.consumer.poll(0.05)
            if self.consumer.assignment():
                self.assigned.set()
            if message is None or message.error():
                continue
            now = time.perf_counter()
            article_id = json.loads(message.value())["article_id"]
            self.arrived.setdefault(article_id, now)
        self.consumer.close()


def latency(args):
    reader = FirstEvents(args.brokers, "events.diplomatic")
    reader.start()
    if not reader.assigned.wait(60):
        raise SystemExit("the latency reader got no partition")
    time.sleep(1)
    producer = Producer({"bootstrap.servers": args.brokers, "linger.ms": args.linger_ms})
    rng = random.Random(11)
    total = int(args.rate * args.seconds)
    sent = {}
    start = time.perf_counter()
    for i in range(total):
        due = start + i / args.rate
        while (now := time.perf_counter()) < due:
            time.sleep(min(due - now, 0.001))
        key = f"latency-{i}"
        producer.produce("articles.raw", value=article(i, rng, "latency").encode())
        sent[key] = time.perf_counter()
        producer.poll(0)
    producer.flush(30)
    achieved = total / (time.perf_counter() - start)
    time.sleep(5)
    reader.stop.set()
    reader.join()
    warm = int(args.rate * args.warmup)
    samples = [(reader.arrived[k] - sent[k]) * 1000 for k in list(sent)[warm:] if k in reader.arrived]
    if not samples:
        raise SystemExit("no event arrived")
    print(f"{total} articles at {achieved:.0f}/s for {args.seconds} s; {len(samples)} articles "
          f"with events after a {args.warmup} s warm-up: end-to-end latency to the first event "
          f"p50 {percentile(samples, 0.50):.1f} ms, p90 {percentile(samples, 0.90):.1f} ms, "
          f"p99 {percentile(samples, 0.99):.1f} ms, max {max(samples):.1f} ms", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("produce")
    p.add_argument("--brokers", required=True)
    p.add_argument("--count", type=int, required=True)
    m = sub.add_parser("measure")
    m.add_argument("--metrics", required=True)
    m.add_argument("--aggregates", action="store_true",
                   help="also wait for the daily aggregates' owners to count every mention")
    m.add_argument("--count", type=int, required=True)
    m.add_argument("--pid", type=int, help="the daemon's process id: report its CPU too")
    lat = sub.add_parser("latency")
    lat.add_argument("--brokers", required=True)
    lat.add_argument("--rate", type=float, default=1000)
    lat.add_argument("--seconds", type=int, default=60)
    lat.add_argument("--warmup", type=int, default=10)
    lat.add_argument("--linger-ms", type=int, default=5)
    args = parser.parse_args()
    {"produce": produce, "measure": measure, "latency": latency}[args.command](args)


if __name__ == "__main__":
    main()
