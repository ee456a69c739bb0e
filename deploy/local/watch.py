"""Print coded events as they arrive on a topic, one row each, aligned for a terminal.

The columns are a subset of `demarche extract --format tsv`, with the same names in the same
order (README, "Coding a corpus"), so what `make run` shows reads like the table an analyst gets.
"""
import argparse
import json
import uuid

from confluent_kafka import Consumer

# (column of `demarche extract --format tsv`, width here, how the event JSON holds it)
COLUMNS = [
    ("event_date", 10, lambda e: e.get("event_date")),
    ("source_code", 11, lambda e: e["source"]["code"]),
    ("target_code", 11, lambda e: (e.get("target") or {}).get("code")),
    ("cameo_code", 10, lambda e: e["cameo"]["code"]),
    ("quad_class", 10, lambda e: e["cameo"]["quad_class"]),
    ("goldstein", 9, lambda e: e["cameo"]["goldstein"]),
    ("plover_category", 15, lambda e: (e.get("plover") or {}).get("category")),
    ("place", 14, lambda e: (e.get("location") or {}).get("text")),
    ("confidence", 10, lambda e: e["confidence"]),
    ("article_id", 14, lambda e: e["article_id"]),
    ("evidence", 0, lambda e: e["evidence"]["sentence"]),
]


def cell(value, width):
    """One field as the table writes it (absent is empty), cut and padded to `width`."""
    if value is None:
        text = ""
    elif isinstance(value, float):
        # Shortest exact form, as demarche writes numbers: 1.0 is "1".
        text = repr(value).removesuffix(".0")
    else:
        text = str(value)
    text = text.replace("\t", " ").replace("\n", " ")
    if width == 0:
        return text
    if len(text) > width:
        text = text[: width - 1] + "~"
    return text.ljust(width)


def header():
    return " ".join(cell(name, width) for name, width, _ in COLUMNS)


def row(event):
    return " ".join(cell(get(event), width) for _, width, get in COLUMNS)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--brokers", required=True)
    parser.add_argument("--topic", required=True)
    args = parser.parse_args()
    consumer = Consumer({
        "bootstrap.servers": args.brokers,
        "group.id": f"watch-{uuid.uuid4()}",
        "auto.offset.reset": "earliest",
        "session.timeout.ms": 6000,
    })
    consumer.subscribe([args.topic])
    print(header(), flush=True)
    try:
        while True:
            message = consumer.poll(0.5)
            if message is None or message.error():
                continue
            print(row(json.loads(message.value())), flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()


if __name__ == "__main__":
    main()
