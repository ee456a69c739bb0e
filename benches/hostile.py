"""Hostile input flood helper: produce a seeded stream of malformed messages interleaved with
valid articles, time the daemon through its metrics while sampling its memory, then check every
dead letter against what the generator expected of its message.

  produce   write the stream (or only its valid messages, --valid-only) to a topic, and a
            manifest: one JSON line per message with its category, expected dead-letter reason
            (null for a valid article), size, SHA-1, partition and offset
  measure   from the daemon's first consumed message until all are consumed and acknowledged:
            seconds, VmRSS each second, /healthz each second
  check     read the dead-letter topic and the metrics, compare with the manifest, print the
            summary table; exit 1 if a check fails
"""
import argparse
import collections
import hashlib
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition

from loopback import article

SEED = 20240611
# The daemon's cap (normalize.max_message_bytes) and the size of the large bodies.
CAP = 1_048_576
HUGE = 10_000_000
# Dead letters keep at most this many bytes of the input (topics.max_record_bytes).
DEAD_LETTER_MAX = 900_000
# librdkafka's limit must hold a 10 MB body and 100 headers of 10 kB.
PRODUCER_MAX_BYTES = 16 * 1024 * 1024
HEADER_KIND = "demarche.error.kind"
HEADER_MESSAGE = "demarche.error.message"
HEADER_TOPIC = "demarche.source.topic"
HEADER_PARTITION = "demarche.source.partition"
HEADER_OFFSET = "demarche.source.offset"
HEADER_ORIGINAL_BYTES = "demarche.payload.original-bytes"


# ---------------------------------------------------------------- the messages, by category
# Each generator takes (index, rng) and returns a Message.

Message = collections.namedtuple("Message", "value headers key", defaults=(None, None))


def valid_article(i, rng):
    return Message(article(i, rng).encode())


def nested_html(i, rng):
    """A JSON article whose body is its story inside 100,000 nested elements (valid input:
    the body stays under the cap)."""
    story = json.loads(article(i, rng))
    depth = 100_000
    tag = rng.choice(["b", "p", "i", "div"])
    close = "" if tag == "div" else f"</{tag}>" * depth
    paragraphs = "".join(f"<p>{p}</p>" for p in story["body"].split("\n\n"))
    story["body"] = f"<{tag}>" * depth + paragraphs + close
    return Message(json.dumps(story).encode())


def valid_huge_headers(i, rng):
    return Message(article(i, rng).encode(), huge_headers_list(rng))


def huge_headers_list(rng):
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [(f"x-bench-{k}", rng.choice(letters).encode() * 10_000) for k in range(100)]


def invalid_json(i, rng):
    """Text that starts with `{` (so it is taken for JSON) and does not parse."""
    good = article(i, rng)
    shapes = [
        lambda: good[:rng.randrange(1, len(good) - 1)],
        lambda: good[:-1] + ",}",
        lambda: good + " trailing words",
        lambda: good + good,
        lambda: "{'body': 'single quotes are not json'}",
        lambda: '{body: "unquoted key"}',
        lambda: '{"body": "a bad \\q escape"}',
        lambda: '{"body": "a lone surrogate \\ud800 here"}',
        lambda: '{"body": "a raw control \x01 character"}',
        lambda: '{"body": "not a number", "n": NaN}',
        lambda: '{"body": "x", "published_at": 1e999}',
        lambda: "{",
        lambda: '{"body"}',
        lambda: "\ufeff{ bom then garbage",
        lambda: "  \n\t{ leading blanks then garbage",
    ]
    return Message(rng.choice(shapes)().encode())


def invalid_utf8(i, rng):
    """A valid article with an invalid UTF-8 sequence spliced in, or Latin-1 text."""
    bad = rng.choice([b"\xff", b"\xfe", b"\xc3\x28", b"\xa0\xa1", b"\xe2\x28\xa1",
                      b"\xf0\x28\x8c\xbc", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80",
                      b"\xe2\x82"])
    if rng.random() < 0.1:
        return Message("Caf\u00e9 talks in S\u00e3o Paulo\n\nDiplomats met.".encode("latin-1"))
    good = article(i, rng).encode()
    at = rng.randrange(0, len(good) + 1)
    return Message(good[:at] + bad + good[at:])


def binary(i, rng):
    return Message(garbage(rng, rng.randint(1, 4096)))


def garbage(rng, size):
    """Random bytes that are certainly not UTF-8."""
    data = rng.randbytes(size)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return b"\xff" + data[1:]


def empty(i, rng):
    return Message(rng.choice([b"", None, b"  \n\t\r\n ", "\ufeff".encode()]))


def json_scalar(i, rng):
    """JSON that is not an object nor an array is read as a plain-text title with no body."""
    return Message(rng.choice([b"null", b"true", b"42", b'"a json string"', b"-3.5e7"]))


def missing_fields(i, rng):
    """JSON objects without any body text."""
    story = json.loads(article(i, rng))
    del story["body"]
    shapes = [
        {},
        story,
        {"body": ""},
        {"body": "  \n\t "},
        {"body": None, "content": None, "text": None, "html": None},
        {"headline": "Talks resume", "link": "https://news.example.org/x"},
    ]
    return Message(json.dumps(rng.choice(shapes)).encode())


def wrong_types(i, rng):
    """JSON objects with a known field of the wrong type."""
    story = json.loads(article(i, rng))
    field, value = rng.choice([
        ("body", 5), ("body", ["text"]), ("body", {"text": "x"}), ("body", True),
        ("content", 3.5), ("html", 12), ("title", 7), ("headline", ["a"]),
        ("id", True), ("id", ["x"]), ("id", {"x": 1}), ("url", 1), ("link", False),
        ("source", ["Example Wire"]), ("language", 1), ("published_at", True),
        ("published_at", [2024, 6, 1]), ("date", {"y": 2024}),
    ])
    if field in ("content", "html"):
        del story["body"]
    if field in ("headline", "link", "date"):
        story.pop({"headline": "title", "link": "url", "date": "published_at"}[field])
    story[field] = value
    return Message(json.dumps(story).encode())


def not_an_object(i, rng):
    shapes = [b"[]", b"[1, 2, 3]", b"[null]", b'  [true]', b'[{"body": "an article in a list"}]',
              b"[" + article(i, rng).encode() + b"]"]
    return Message(rng.choice(shapes))


def nested_array(i, rng):
    """`[` nested 1,000 to 100,000 deep: too deep to parse, so plain text: a title without body."""
    depth = 100_000 if rng.random() < 0.5 else rng.randint(1_000, 100_000)
    closing = "]" * depth if rng.random() < 0.5 else ""
    return Message(("[" * depth + closing).encode())


def nested_object(i, rng):
    """`{"a":` nested 1,000 to 100,000 deep: over the parser's depth limit."""
    depth = 100_000 if rng.random() < 0.5 else rng.randint(1_000, 100_000)
    return Message(('{"a":' * depth + "1" + "}" * depth).encode())


def malformed_huge_headers(i, rng):
    return Message(invalid_json(i, rng).value, huge_headers_list(rng))


def json_10mb(i, rng):
    story = json.loads(article(i, rng))
    story["body"] = padded(story["body"], HUGE)
    return Message(json.dumps(story).encode())


def text_10mb(i, rng):
    story = json.loads(article(i, rng))
    return Message(padded(story["title"] + "\n" + story["body"], HUGE).encode())


def json_over_cap(i, rng):
    """A JSON article one byte over the cap."""
    story = json.loads(article(i, rng))
    story["body"] = ""
    room = CAP + 1 - len(json.dumps(story).encode())
    story["body"] = ("talks " * (room // 6 + 1))[:room]
    return Message(json.dumps(story).encode())


def garbage_large(i, rng):
    """Binary garbage under the cap but near or over librdkafka's default message.max.bytes."""
    return Message(garbage(rng, rng.choice([950_000, 1_040_000])))


def huge_key(i, rng):
    """An invalid message under a 1 MB key: its dead letter keeps the first bytes of the key."""
    return Message(invalid_json(i, rng).value, key=b"k" * 1_000_000)


def long_title(i, rng):
    """An article under the cap whose 1 MB title would be copied into each of its events, over
    the largest record the daemon publishes."""
    story = json.loads(article(i, rng))
    story["title"] = "Talks " * 170_000
    return Message(json.dumps(story).encode())


def long_id(i, rng):
    """An article under the cap with a 1 MB id, over the 512-byte limit of ids (which key the
    changelog and are copied into every event)."""
    story = json.loads(article(i, rng))
    story["id"] = f"{i}-" + "i" * 1_000_000
    return Message(json.dumps(story).encode())


def padded(text, size):
    return (text + "\n\n") * (size // (len(text) + 2) + 1)


# Category -> (generator, expected dead-letter reason; None for a valid article).
CATEGORIES = {
    "valid_article": (valid_article, None),
    "valid_nested_html": (nested_html, None),
    "valid_huge_headers": (valid_huge_headers, None),
    "invalid_json": (invalid_json, "invalid_json"),
    "invalid_utf8": (invalid_utf8, "invalid_utf8"),
    "binary_garbage": (binary, "invalid_utf8"),
    "empty": (empty, "empty_body"),
    "json_scalar": (json_scalar, "empty_body"),
    "missing_fields": (missing_fields, "empty_body"),
    "wrong_types": (wrong_types, "invalid_field"),
    "not_an_object": (not_an_object, "not_an_object"),
    "nested_array_100k": (nested_array, "empty_body"),
    "nested_object_100k": (nested_object, "invalid_json"),
    "huge_headers": (malformed_huge_headers, "invalid_json"),
    "json_10mb": (json_10mb, "too_large"),
    "text_10mb": (text_10mb, "too_large"),
    "json_cap_plus_1": (json_over_cap, "too_large"),
    "garbage_near_1mb": (garbage_large, "invalid_utf8"),
    "huge_key": (huge_key, "invalid_json"),
    "long_title_1mb": (long_title, "output_too_large"),
    "long_id_1mb": (long_id, "invalid_field"),
}
# Shares of the small malformed messages.
SHARES = {"invalid_json": 20, "invalid_utf8": 15, "binary_garbage": 15, "empty": 10,
          "json_scalar": 3, "missing_fields": 15, "wrong_types": 17, "not_an_object": 5}
# Large messages per 100,000 malformed (at least one each).
PER_100K = {"nested_array_100k": 100, "nested_object_100k": 100, "huge_headers": 50,
            "valid_nested_html": 20, "valid_huge_headers": 10}


def plan(malformed, valid_every, huge, oversized):
    """Category counts: `malformed` malformed messages and one valid per `valid_every`."""
    scaled = {c: max(1, n * malformed // 100_000) for c, n in PER_100K.items()}
    counts = {c: n for c, n in scaled.items() if CATEGORIES[c][1] is not None}
    if huge:
        counts["json_10mb"] = huge // 2
        counts["text_10mb"] = huge - huge // 2
        counts["json_cap_plus_1"] = 2
        counts["garbage_near_1mb"] = 2
    if oversized:
        counts.update(huge_key=1, long_title_1mb=1, long_id_1mb=1)
    small = malformed - sum(counts.values())
    total_share = sum(SHARES.values())
    for category, share in SHARES.items():
        counts[category] = small * share // total_share
    counts["invalid_json"] += malformed - sum(counts.values())
    valid = malformed // valid_every
    special = {c: n for c, n in scaled.items() if CATEGORIES[c][1] is None}
    counts.update(special)
    counts["valid_article"] = valid - sum(special.values())
    return counts


def sequence(counts):
    """The categories in a seeded random order: valid articles spread among the malformed."""
    labels = [c for c, n in counts.items() for _ in range(n)]
    random.Random(SEED).shuffle(labels)
    return labels


# ---------------------------------------------------------------- produce

def produce(args):
    counts = plan(args.malformed, args.valid_every, args.huge, args.oversized)
    producer = Producer({"bootstrap.servers": args.brokers, "linger.ms": 20,
                         "message.max.bytes": PRODUCER_MAX_BYTES})
    failures, produced, size = [], 0, 0
    started = time.time()
    with open(args.manifest, "w") as manifest:
        def delivered(entry, err, msg):
            if err is not None:
                failures.append(f"{entry['category']} #{entry['i']}: {err}")
                return
            entry.update(partition=msg.partition(), offset=msg.offset())
            manifest.write(json.dumps(entry) + "\n")

        for i, category in enumerate(sequence(counts)):
            reason = CATEGORIES[category][1]
            if args.valid_only and reason is not None:
                continue
            message = regenerate({"category": category, "i": i})
            entry = manifest_entry(i, category, reason, message.value)
            send(producer, args.topic, message,
                 lambda err, msg, entry=entry: delivered(entry, err, msg))
            produced, size = produced + 1, size + entry["bytes"]
        producer.flush(600)
    if failures:
        raise SystemExit(f"{len(failures)} messages not produced, e.g. {failures[:3]}")
    print(f"produced {produced} messages, {size / 1e6:.1f} MB, "
          f"in {time.time() - started:.1f} s", flush=True)


def manifest_entry(i, category, reason, value):
    """What the check needs to know of a message; partition and offset come on delivery."""
    value = value or b""
    return {"i": i, "category": category, "expect": reason, "bytes": len(value),
            "sha1": hashlib.sha1(value).hexdigest()}


def send(producer, topic, message, on_delivery, timestamp=0):
    """Produces `message`; `timestamp` is its record timestamp in ms (0: the time of sending)."""
    while True:
        try:
            producer.produce(topic, value=message.value, key=message.key,
                             headers=message.headers, on_delivery=on_delivery,
                             timestamp=timestamp)
            break
        except BufferError:
            producer.poll(0.05)
    producer.poll(0)


# ---------------------------------------------------------------- measure

def scrape(url):
    """The metrics as {name with labels: value}."""
    body = urllib.request.urlopen(url, timeout=5).read().decode()
    values = {}
    for line in body.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            values[name] = float(value)
    return values


def total(metrics, prefix):
    return sum(v for k, v in metrics.items() if k == prefix or k.startswith(prefix + "{"))


def labelled(metrics, name, label):
    """{label value: metric value} of one metric family."""
    out = {}
    for key, value in metrics.items():
        if key.startswith(name + "{"):
            for part in key[len(name) + 1:-1].split(","):
                k, _, v = part.partition("=")
                if k == label:
                    out[v.strip('"')] = out.get(v.strip('"'), 0) + value
    return out


def rss_bytes(pid):
    """VmRSS of `pid`, or None if the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except FileNotFoundError:
        return None
    return None


def healthy(url):
    try:
        return urllib.request.urlopen(url, timeout=5).status == 200
    except (urllib.error.URLError, OSError):
        return False


class Sampler:
    """VmRSS and /healthz once a second; /healthz failures are kept with their reason."""

    def __init__(self, pid, healthz):
        self.pid, self.healthz = pid, healthz
        self.rss, self.failures, self.slowest, self.gone, self.next = [], [], 0.0, False, 0.0
        self.started = time.time()

    def tick(self):
        if time.time() < self.next:
            return
        self.next = time.time() + 1
        rss = rss_bytes(self.pid)
        if rss is None:
            self.gone = True
            return
        self.rss.append(rss)
        asked = time.time()
        try:
            urllib.request.urlopen(self.healthz, timeout=5).read()
        except (urllib.error.URLError, OSError) as error:
            self.failures.append(f"{asked - self.started:.1f} s: {error}")
        self.slowest = max(self.slowest, time.time() - asked)


def measure(args):
    deadline = time.time() + args.timeout
    while not healthy(args.healthz):
        if rss_bytes(args.pid) is None or time.time() > deadline:
            raise SystemExit(f"the daemon (pid {args.pid}) never answered {args.healthz}")
        time.sleep(0.05)
    sampler = Sampler(args.pid, args.healthz)
    start, progress = None, (0, time.time())
    while True:
        sampler.tick()
        if sampler.gone:
            raise SystemExit(f"the daemon (pid {args.pid}) is gone")
        try:
            metrics = scrape(args.metrics)
        except OSError:
            metrics = {}
        consumed = total(metrics, "demarche_messages_consumed_total")
        if start is None and consumed > 0:
            start = time.time()
        ended = total(metrics, "demarche_outcomes_total")
        if consumed >= args.count and ended >= args.count \
                and metrics.get("demarche_in_flight_messages", 1) == 0:
            break
        if time.time() > deadline:
            raise SystemExit(f"timed out: {consumed:.0f} of {args.count} consumed")
        if consumed != progress[0]:
            progress = (consumed, time.time())
        elif time.time() - progress[1] > args.stall:
            errors = total(metrics, "demarche_producer_errors_total")
            raise SystemExit(f"stalled: {consumed:.0f} of {args.count} consumed and no more for "
                             f"{args.stall:.0f} s; {errors:.0f} producer errors")
        time.sleep(0.05)
    took = time.time() - start
    result = {"count": args.count, "valid": args.valid, "seconds": took,
              "valid_per_second": args.valid / took, "messages_per_second": args.count / took,
              "rss_max": max(sampler.rss), "rss_first": sampler.rss[0],
              "rss_mib_each_second": [round(r / 2**20) for r in sampler.rss],
              "rss_last": sampler.rss[-1], "rss_samples": len(sampler.rss),
              "unhealthy_samples": len(sampler.failures), "healthz_failures": sampler.failures,
              "healthz_slowest": sampler.slowest, "load": os.getloadavg(),
              "events": total(metrics, "demarche_events_published_total"),
              "outcomes": labelled(metrics, "demarche_outcomes_total", "outcome")}
    with open(args.out, "w") as out:
        json.dump(result, out)
    print(f"{args.count} messages ({args.valid} valid) in {took:.1f} s: "
          f"{result['valid_per_second']:.0f} valid articles/s, "
          f"{result['messages_per_second']:.0f} messages/s; "
          f"VmRSS max {result['rss_max'] / 2**20:.0f} MiB", flush=True)


# ---------------------------------------------------------------- check

def read_dead_letters(brokers, topic):
    """Every record of `topic`, as (headers dict, value), read to the end."""
    consumer = Consumer({"bootstrap.servers": brokers, "group.id": f"hostile-check-{time.time()}",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False,
                         "enable.partition.eof": True})
    metadata = consumer.list_topics(topic, timeout=10).topics[topic]
    partitions = [TopicPartition(topic, p, 0) for p in metadata.partitions]
    consumer.assign(partitions)
    records, at_end = [], set()
    idle_since = time.time()
    while len(at_end) < len(partitions) and time.time() - idle_since < 60:
        msg = consumer.poll(1.0)
        if msg is None:
            continue
        idle_since = time.time()
        if msg.error():
            if msg.error().code() == KafkaError._PARTITION_EOF:
                at_end.add(msg.partition())
                continue
            raise SystemExit(f"reading {topic}: {msg.error()}")
        headers = {k: (v or b"").decode("utf-8", "replace") for k, v in msg.headers() or []}
        records.append((headers, msg.value() or b""))
    consumer.close()
    return records


def check_dead_letters(records, manifest, input_topic):
    """Matches each dead letter to its input; returns (seen per input index, failures)."""
    by_place = {(m["partition"], m["offset"]): m for m in manifest}
    seen, failures = {}, []
    for headers, value in records:
        missing = [h for h in (HEADER_KIND, HEADER_MESSAGE, HEADER_TOPIC, HEADER_PARTITION,
                               HEADER_OFFSET) if not headers.get(h)]
        if missing:
            failures.append(f"a dead letter lacks headers {missing}: {headers}")
            continue
        place = (int(headers[HEADER_PARTITION]), int(headers[HEADER_OFFSET]))
        entry = by_place.get(place)
        if headers[HEADER_TOPIC] != input_topic or entry is None:
            failures.append(f"a dead letter names an unknown input {place}")
            continue
        if entry["i"] in seen:
            failures.append(f"two dead letters for {entry['category']} #{entry['i']}")
        seen[entry["i"]] = headers
        failures += payload_failures(entry, headers, value)
    return seen, failures


def payload_failures(entry, headers, value):
    """The dead letter carries the original bytes, or at most DEAD_LETTER_MAX of their first
    bytes and a header saying how many there were."""
    original = headers.get(HEADER_ORIGINAL_BYTES)
    if original is not None:
        head = regenerate(entry).value[:len(value)]
        if int(original) != entry["bytes"] or len(value) > DEAD_LETTER_MAX or head != value:
            return [f"{entry['category']} #{entry['i']}: cut payload of {len(value)} bytes "
                    f"says {original}, the input had {entry['bytes']}"]
        return []
    if entry["bytes"] > DEAD_LETTER_MAX:
        return [f"{entry['category']} #{entry['i']}: {entry['bytes']} bytes, not cut"]
    if hashlib.sha1(value).hexdigest() != entry["sha1"]:
        return [f"{entry['category']} #{entry['i']}: payload differs from the input "
                f"({len(value)} bytes, input {entry['bytes']})"]
    return []


def regenerate(entry):
    """The message of a manifest entry, made again from its seed."""
    make, _ = CATEGORIES[entry["category"]]
    return make(entry["i"], random.Random(f"{SEED}:{entry['i']}"))


def category_rows(manifest, seen):
    """Per category: messages, expected reason, dead letters, of which with that reason."""
    rows = {}
    for entry in manifest:
        row = rows.setdefault(entry["category"], {"messages": 0, "expect": entry["expect"],
                                                   "dead": 0, "as_expected": 0, "cut": 0,
                                                   "bytes": 0})
        row["messages"] += 1
        row["bytes"] = max(row["bytes"], entry["bytes"])
        headers = seen.get(entry["i"])
        if headers is not None:
            row["dead"] += 1
            row["as_expected"] += headers[HEADER_KIND] == entry["expect"]
            row["cut"] += HEADER_ORIGINAL_BYTES in headers
    return rows


def row_failures(rows):
    failures = []
    for category, row in rows.items():
        wanted = 0 if row["expect"] is None else row["messages"]
        if row["dead"] != wanted or row["as_expected"] != wanted:
            failures.append(f"{category}: {row['messages']} messages, {wanted} dead letters "
                            f"expected ({row['expect']}), {row['dead']} found, "
                            f"{row['as_expected']} with the expected reason")
    return failures


def metric_failures(metrics, manifest, rows):
    valid = sum(1 for m in manifest if m["expect"] is None)
    malformed = len(manifest) - valid
    outcomes = labelled(metrics, "demarche_outcomes_total", "outcome")
    processed = sum(v for k, v in outcomes.items() if k != "dead_letter")
    expected_reasons = {}
    for row in rows.values():
        if row["expect"] is not None:
            expected_reasons[row["expect"]] = expected_reasons.get(row["expect"], 0) \
                + row["messages"]
    reasons = {k: v for k, v in labelled(metrics, "demarche_dead_letters_total", "reason").items()
               if v}
    failures = []
    consumed = total(metrics, "demarche_messages_consumed_total")
    if consumed != len(manifest):
        failures.append(f"consumed {consumed:.0f}, produced {len(manifest)}")
    if outcomes.get("dead_letter", 0) != malformed:
        failures.append(f"dead_letter outcomes {outcomes.get('dead_letter', 0):.0f}, "
                        f"malformed {malformed}")
    if processed != valid:
        failures.append(f"{processed:.0f} valid articles processed, {valid} sent")
    if reasons != {k: float(v) for k, v in expected_reasons.items()}:
        failures.append(f"dead letters by reason {reasons}, expected {expected_reasons}")
    errors = total(metrics, "demarche_processing_errors_total")
    if errors:
        failures.append(f"{errors:.0f} internal processing errors")
    return failures


def check(args):
    manifest = [json.loads(line) for line in open(args.manifest)]
    clean, flood = json.load(open(args.clean)), json.load(open(args.flood))
    metrics = scrape(args.metrics)
    records = read_dead_letters(args.brokers, args.dead_letter_topic)
    seen, failures = check_dead_letters(records, manifest, args.input_topic)
    rows = category_rows(manifest, seen)
    failures += row_failures(rows)
    failures += metric_failures(metrics, manifest, rows)
    ratio = flood["valid_per_second"] / clean["valid_per_second"]
    if ratio < args.min_ratio:
        failures.append(f"valid articles/s during the flood is {ratio:.2f} of the clean run's, "
                        f"under {args.min_ratio}")
    if flood["rss_max"] > args.rss_bound_mib * 2**20:
        failures.append(f"VmRSS reached {flood['rss_max'] / 2**20:.0f} MiB, over the bound of "
                        f"{args.rss_bound_mib} MiB")
    if flood["unhealthy_samples"] or not healthy(args.healthz):
        failures.append(f"/healthz failed {flood['unhealthy_samples']} samples: "
                        f"{flood['healthz_failures']}")
    summary(rows, metrics, records, clean, flood, ratio, args)
    for failure in failures:
        print(f"FAIL {failure}")
    print("hostile flood: " + ("FAILED" if failures else "all checks passed"), flush=True)
    sys.exit(1 if failures else 0)


def summary(rows, metrics, records, clean, flood, ratio, args):
    print(f"\n{'category':<20} {'messages':>9} {'largest B':>10} {'expected':>14} "
          f"{'dead letters':>12} {'as expected':>11} {'cut':>4}")
    for category, row in sorted(rows.items(), key=lambda kv: (kv[1]["expect"] is None, kv[0])):
        print(f"{category:<20} {row['messages']:>9} {row['bytes']:>10} "
              f"{row['expect'] or 'processed':>14} {row['dead']:>12} {row['as_expected']:>11} "
              f"{row['cut']:>4}")
    print(f"{'total':<20} {sum(r['messages'] for r in rows.values()):>9}")
    by_reason = {}
    for headers, _ in records:
        by_reason[headers.get(HEADER_KIND)] = by_reason.get(headers.get(HEADER_KIND), 0) + 1
    print(f"\ndead letters on the topic by {HEADER_KIND}: {dict(sorted(by_reason.items()))}")
    print("demarche_dead_letters_total: "
          f"{ {k: int(v) for k, v in labelled(metrics, 'demarche_dead_letters_total', 'reason').items() if v} }")
    print("demarche_outcomes_total: "
          f"{ {k: int(v) for k, v in labelled(metrics, 'demarche_outcomes_total', 'outcome').items()} }")
    print(f"events published: {total(metrics, 'demarche_events_published_total'):.0f} "
          f"(clean run: {clean.get('events', 0):.0f}); producer errors: "
          f"{total(metrics, 'demarche_producer_errors_total'):.0f}; processing errors: "
          f"{total(metrics, 'demarche_processing_errors_total'):.0f}")
    print(f"\n{'run':<7} {'messages':>9} {'valid':>7} {'seconds':>8} {'valid/s':>8} "
          f"{'msgs/s':>8} {'RSS max MiB':>12} {'load 1/5/15':>16}")
    for name, run in (("clean", clean), ("flood", flood)):
        load = "/".join(f"{x:.1f}" for x in run["load"])
        print(f"{name:<7} {run['count']:>9} {run['valid']:>7} {run['seconds']:>8.1f} "
              f"{run['valid_per_second']:>8.0f} {run['messages_per_second']:>8.0f} "
              f"{run['rss_max'] / 2**20:>12.0f} {load:>16}")
    print(f"valid articles/s, flood / clean: {ratio:.2f} (must be >= {args.min_ratio}); "
          f"VmRSS max {flood['rss_max'] / 2**20:.0f} MiB (bound {args.rss_bound_mib} MiB); "
          f"/healthz failures {flood['unhealthy_samples']} of {flood['rss_samples']} samples, "
          f"slowest answer {flood['healthz_slowest']:.2f} s\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("produce")
    p.add_argument("--brokers", required=True)
    p.add_argument("--topic", required=True)
    p.add_argument("--manifest", required=True)
    p.add_argument("--malformed", type=int, default=100_000)
    p.add_argument("--valid-every", type=int, default=10)
    p.add_argument("--huge", type=int, default=4, help="10 MB messages (0: none over the cap)")
    p.add_argument("--oversized", action="store_true",
                   help="inputs under the cap whose outputs would be over the record limit")
    p.add_argument("--valid-only", action="store_true")
    m = sub.add_parser("measure")
    m.add_argument("--metrics", required=True)
    m.add_argument("--healthz", required=True)
    m.add_argument("--pid", type=int, required=True)
    m.add_argument("--count", type=int, required=True)
    m.add_argument("--valid", type=int, required=True)
    m.add_argument("--out", required=True)
    m.add_argument("--timeout", type=float, default=3600)
    m.add_argument("--stall", type=float, default=120,
                   help="fail when nothing more is consumed for this many seconds")
    c = sub.add_parser("check")
    c.add_argument("--brokers", required=True)
    c.add_argument("--input-topic", required=True)
    c.add_argument("--dead-letter-topic", required=True)
    c.add_argument("--manifest", required=True)
    c.add_argument("--metrics", required=True)
    c.add_argument("--healthz", required=True)
    c.add_argument("--clean", required=True)
    c.add_argument("--flood", required=True)
    c.add_argument("--rss-bound-mib", type=float, required=True)
    c.add_argument("--min-ratio", type=float, required=True)
    args = parser.parse_args()
    {"produce": produce, "measure": measure, "check": check}[args.command](args)


if __name__ == "__main__":
    main()
