#!/bin/bash
# Sample feeder for the compose stack: produces deploy/sample/articles.jsonl (one JSON article
# per line) to the input topic, then again every FEED_INTERVAL_SECONDS, FEED_ROUNDS times
# (0 = forever). Runs in the apache/kafka image, whose console producer does the work.
#
# The first round is coded (events, plus one "no events" article); later rounds repeat the same
# articles, so demarche counts them as duplicates: the dashboard then shows input flowing, the
# outcome breakdown and the duplicate ratio.
set -euo pipefail

brokers="${FEED_BROKERS:-kafka:9092}"
topic="${FEED_TOPIC:-articles.raw}"
file="${FEED_FILE:-/sample/articles.jsonl}"
interval="${FEED_INTERVAL_SECONDS:-20}"
rounds="${FEED_ROUNDS:-0}"

round=0
while :; do
  round=$((round + 1))
  # Blank lines would become empty records (dead letters): strip them.
  grep -v '^[[:space:]]*$' "$file" |
    /opt/kafka/bin/kafka-console-producer.sh --bootstrap-server "$brokers" --topic "$topic" \
      --producer-property acks=all
  echo "feeder: round ${round}: produced $(grep -c . "$file") articles to ${topic}"
  if [ "$rounds" -gt 0 ] && [ "$round" -ge "$rounds" ]; then
    exit 0
  fi
  sleep "$interval"
done
