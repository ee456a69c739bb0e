"""Print coded events as they arrive on a topic, one line each."""
import argparse
import json
import uuid

from confluent_kafka import Consumer


def describe(event):
    target = event["target"]["code"] if event.get("target") else "-"
    cameo = event["cameo"]
    return (
        f"{event.get('event_date') or '????-??-??'} {event['source']['code']:>8} -> {target:<8} "
        f"{cameo['code']:<4} {cameo['name']} (Goldstein {cameo['goldstein']:+})\n"
        f"    \"{event['evidence']['sentence']}\""
    )


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
    try:
        while True:
            message = consumer.poll(0.5)
            if message is None or message.error():
                continue
            print(describe(json.loads(message.value())), flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()


if __name__ == "__main__":
    main()
