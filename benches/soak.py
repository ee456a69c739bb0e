"""Soak helper: feed unique articles at a steady rate for a duration, sample the daemon's memory
and metrics every interval into a CSV, then compare the memory growth after warm-up with what
the dedup index explains.

Each article is sent `--pub-step` seconds after the one before on an accelerated clock (see
soak.sh): its record timestamp, which the dedup window runs on, and its publication date both
follow that clock, so that the dedup window fills and expiry runs during the soak.
"""
import argparse
import csv
import datetime
import os
import random
import sys
import time

from confluent_kafka import Producer

from hostile import Message, healthy, labelled, rss_bytes, scrape, send, total
from loopback import SHAPES, STATES, news_json

SEED = 20240612
START = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
COLUMNS = ["seconds", "rss_bytes", "produced", "consumed", "index_entries", "in_flight",
           "published", "no_events", "duplicate", "dead_letter", "healthy", "load1"]


def vocabulary(rng, size=6000):
    """Pronounceable made-up words, so that the filler text of two articles shares few
    shingles and no article is a near duplicate of another."""
    onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
              "br", "st", "tr", "pl", "gr", "sh", "ch"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ea"]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(onsets) + rng.choice(vowels)
                          for _ in range(rng.randint(1, 3))))
    return sorted(words)


def article(i, rng, words, published):
    """Three diplomatic sentences (so that events are coded) among filler sentences."""
    sentences = []
    for _ in range(3):
        a, b = rng.sample(STATES, 2)
        sentences.append(rng.choice(SHAPES).format(A=a, B=b, n=rng.randint(2, 9999),
                                                   day="Monday"))
    for _ in range(rng.randint(3, 5)):
        filler = " ".join(rng.choice(words) for _ in range(rng.randint(10, 18)))
        sentences.append(filler.capitalize() + ".")
    rng.shuffle(sentences)
    return news_json(f"soak-{i}", f"https://news.example.org/soak/{i}", f"Soak report {i}",
                     sentences, published.strftime("%Y-%m-%dT%H:%M:%SZ")).encode()


class Feed:
    """Produces articles at `rate` per second, in steps of a few milliseconds."""

    def __init__(self, args):
        self.producer = Producer({"bootstrap.servers": args.brokers, "linger.ms": 5})
        self.topic, self.rate, self.step = args.topic, args.rate, args.pub_step
        self.rng = random.Random(SEED)
        self.words = vocabulary(random.Random(SEED))
        self.produced, self.started, self.failed = 0, time.time(), 0

    def catch_up(self):
        due = int((time.time() - self.started) * self.rate)
        while self.produced < due:
            published = START + datetime.timedelta(seconds=self.produced * self.step)
            payload = article(self.produced, self.rng, self.words, published)
            stamp = int(published.timestamp() * 1000)
            send(self.producer, self.topic, Message(payload), self.delivered, timestamp=stamp)
            self.produced += 1
        self.producer.poll(0)

    def delivered(self, err, _msg):
        self.failed += err is not None


def sample(args, feed, started):
    metrics = scrape(args.metrics)
    outcomes = labelled(metrics, "demarche_outcomes_total", "outcome")
    return {
        "seconds": round(time.time() - started, 1),
        "rss_bytes": rss_bytes(args.pid) or 0,
        "produced": feed.produced,
        "consumed": int(total(metrics, "demarche_messages_consumed_total")),
        "index_entries": int(total(metrics, "demarche_dedup_index_entries")),
        "in_flight": int(total(metrics, "demarche_in_flight_messages")),
        "published": int(outcomes.get("published", 0)),
        "no_events": int(outcomes.get("no_events", 0)),
        "duplicate": int(outcomes.get("duplicate", 0)),
        "dead_letter": int(outcomes.get("dead_letter", 0)),
        "healthy": int(healthy(args.healthz)),
        "load1": round(os.getloadavg()[0], 2),
    }


def run(args):
    feed = Feed(args)
    out = open(args.csv, "w", newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    rows, started, next_sample = [], time.time(), 0.0
    while time.time() - started < args.seconds:
        feed.catch_up()
        if time.time() >= next_sample:
            rows.append(record(writer, out, sample(args, feed, started)))
            next_sample = started + len(rows) * args.interval
        time.sleep(0.01)
    feed.producer.flush(60)
    rows.append(record(writer, out, drain(args, feed, started)))
    out.close()
    sys.exit(report(args, feed, rows))


def record(writer, out, row):
    writer.writerow(row)
    out.flush()
    print(f"{row['seconds']:>7.0f} s  RSS {row['rss_bytes'] / 2**20:6.1f} MiB  "
          f"produced {row['produced']:>7}  consumed {row['consumed']:>7}  "
          f"index {row['index_entries']:>7}  load {row['load1']}", flush=True)
    return row


def drain(args, feed, started):
    """Waits until everything produced is consumed and acknowledged; the last sample."""
    deadline = time.time() + 300
    while True:
        row = sample(args, feed, started)
        if row["consumed"] >= feed.produced and row["in_flight"] == 0:
            return row
        if time.time() > deadline:
            return row
        time.sleep(0.5)


def at(rows, seconds):
    """The sample nearest `seconds` into the run."""
    return min(rows, key=lambda r: abs(r["seconds"] - seconds))


def report(args, feed, rows):
    warm, end = at(rows, args.warmup), rows[-1]
    growth = end["rss_bytes"] - warm["rss_bytes"]
    entries = end["index_entries"] - warm["index_entries"]
    explained = max(entries, 0) * args.bytes_per_entry
    allowed = explained + args.margin_mib * 2**20
    peak = max(rows, key=lambda r: r["index_entries"])
    backlog = max(r["produced"] - r["consumed"] for r in rows[:-1])
    checks = [
        (growth <= allowed, f"RSS growth after warm-up {growth / 2**20:+.1f} MiB <= index growth "
                            f"{entries:+} entries x {args.bytes_per_entry} B = "
                            f"{explained / 2**20:.1f} MiB + margin {args.margin_mib} MiB"),
        (end["consumed"] == feed.produced and end["in_flight"] == 0,
         f"all {feed.produced} articles consumed and acknowledged ({end['consumed']} consumed)"),
        (all(r["healthy"] and r["rss_bytes"] for r in rows), "/healthz ok at every sample"),
        (feed.failed == 0, f"every article produced ({feed.failed} failures)"),
        (end["dead_letter"] == 0, f"no dead letters ({end['dead_letter']})"),
    ]
    duration = rows[-1]["seconds"]
    print(f"\nsoak: {feed.produced} articles at {args.rate}/s for {args.seconds:.0f} s "
          f"(drained at {duration:.0f} s), {args.pub_step:.1f} s of record time apart; "
          f"CSV {args.csv}")
    print(f"{'':<12} {'seconds':>8} {'RSS MiB':>8} {'consumed':>9} {'index':>8}")
    for name, row in (("warm-up", warm), ("index peak", peak), ("end", end)):
        print(f"{name:<12} {row['seconds']:>8.0f} {row['rss_bytes'] / 2**20:>8.1f} "
              f"{row['consumed']:>9} {row['index_entries']:>8}")
    print(f"RSS max {max(r['rss_bytes'] for r in rows) / 2**20:.1f} MiB; largest backlog "
          f"{backlog} articles; outcomes at the end: published {end['published']}, no events "
          f"{end['no_events']}, duplicate {end['duplicate']}; load average (1 min) "
          f"{min(r['load1'] for r in rows)} to {max(r['load1'] for r in rows)}")
    for ok, text in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {text}")
    failed = not all(ok for ok, _ in checks)
    print("soak: " + ("FAILED" if failed else "all checks passed"), flush=True)
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--brokers", required=True)
    parser.add_argument("--topic", default="articles.raw")
    parser.add_argument("--metrics", required=True)
    parser.add_argument("--healthz", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--csv", required=True)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=1800)
    parser.add_argument("--interval", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=300)
    parser.add_argument("--pub-step", type=float, required=True)
    parser.add_argument("--bytes-per-entry", type=float, default=219)
    parser.add_argument("--margin-mib", type=float, required=True)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
