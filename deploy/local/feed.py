"""Feed articles to a Kafka topic: each line of a .jsonl file is one message; any other file is
one message (a plain-text article, first line the title)."""
import argparse
import pathlib

from confluent_kafka import Producer


def messages(paths):
    for path in map(pathlib.Path, paths):
        if path.suffix == ".jsonl":
            yield from (line.encode() for line in path.read_text().splitlines() if line.strip())
        else:
            yield path.read_bytes()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--brokers", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    producer = Producer({"bootstrap.servers": args.brokers})
    count = 0
    for payload in messages(args.files):
        producer.produce(args.topic, value=payload)
        count += 1
    producer.flush(30)
    print(f"fed {count} messages to {args.topic}", flush=True)


if __name__ == "__main__":
    main()
