//! Test support: the test broker, topics, producing and consuming, the daemon as a process, its
//! configuration files, input articles, and files from the team's shared directory.

pub mod archive;
pub mod article;
pub mod coded;
pub mod config;
pub mod corpus;
pub mod daemon;
pub mod mock;
pub mod reference;
pub mod shared;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{Headers, Message};
use rdkafka::producer::{BaseProducer, BaseRecord, Producer};
use rdkafka::{Offset, TopicPartitionList};

/// The variable `make test` sets to the test broker's address.
pub const BROKER_VAR: &str = "DEMARCHE_TEST_BROKERS";

/// The test broker's bootstrap address; `make test` starts it.
pub fn broker() -> String {
    std::env::var(BROKER_VAR).unwrap_or_else(|_| {
        panic!("{BROKER_VAR} is not set: run the broker tests with `make test`, which starts the test broker")
    })
}

/// A name no other test (or earlier run against the same broker) uses.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}-{}-{}-{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// The topics one daemon uses, uniquely named.
#[derive(Debug, Clone)]
pub struct TestTopics {
    pub input: String,
    pub output: String,
    pub dead_letter: String,
    pub dedup_state: String,
}

impl TestTopics {
    /// Creates fresh topics: `partitions` for input and output, one for the others.
    pub fn create(brokers: &str, partitions: i32) -> Self {
        let topics = Self {
            input: unique("in"),
            output: unique("out"),
            dead_letter: unique("dlq"),
            dedup_state: unique("state"),
        };
        create_topics(
            brokers,
            &[
                (&topics.input, partitions),
                (&topics.output, partitions),
                (&topics.dead_letter, 1),
                (&topics.dedup_state, 1),
            ],
        );
        topics
    }
}

/// Creates topics and waits until their metadata is visible.
pub fn create_topics(brokers: &str, topics: &[(&str, i32)]) {
    let admin: AdminClient<DefaultClientContext> = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .create()
        .expect("admin client");
    let new: Vec<NewTopic<'_>> = topics
        .iter()
        .map(|(name, partitions)| NewTopic::new(name, *partitions, TopicReplication::Fixed(1)))
        .collect();
    let results = futures::executor::block_on(admin.create_topics(&new, &AdminOptions::new()))
        .expect("create topics");
    for result in results {
        if let Err((name, code)) = result {
            panic!("cannot create topic {name}: {code}");
        }
    }
}

/// One consumed record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Record {
    pub partition: i32,
    pub key: Vec<u8>,
    pub value: Option<Vec<u8>>,
    pub headers: BTreeMap<String, String>,
}

impl Record {
    /// The value as UTF-8 text (panics if it is not: for outputs, which are JSON).
    pub fn text(&self) -> String {
        String::from_utf8(self.value.clone().unwrap_or_default()).expect("utf-8 value")
    }
}

/// Payloads without keys, as `produce` takes them.
pub fn unkeyed(payloads: &[Vec<u8>]) -> Vec<(Option<&[u8]>, &[u8])> {
    payloads.iter().map(|p| (None, p.as_slice())).collect()
}

/// Produces payloads (round-robin over partitions when `partition` is `None`); returns the
/// number of records acknowledged per partition, which is each partition's end offset when the
/// topic was empty.
pub fn produce(
    brokers: &str,
    topic: &str,
    payloads: &[(Option<&[u8]>, &[u8])],
) -> BTreeMap<i32, i64> {
    let producer: BaseProducer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("linger.ms", "5")
        .create()
        .expect("producer");
    for (key, payload) in payloads {
        let mut record: BaseRecord<'_, [u8], [u8]> = BaseRecord::to(topic).payload(*payload);
        if let Some(key) = key {
            record = record.key(*key);
        }
        let mut record = record;
        loop {
            match producer.send(record) {
                Ok(()) => break,
                Err((KafkaError::MessageProduction(_), back)) => {
                    producer.poll(Duration::from_millis(10));
                    record = back;
                }
                Err((e, _)) => panic!("produce failed: {e}"),
            }
        }
        producer.poll(Duration::ZERO);
    }
    producer.flush(Duration::from_secs(30)).expect("flush");
    let metadata = producer
        .client()
        .fetch_metadata(Some(topic), Duration::from_secs(10))
        .expect("metadata");
    // Count what each partition holds by reading it: the broker's answer for the latest
    // offset can be wrong (see DESIGN.md), what a read returns is not.
    let partitions = metadata.topics()[0].partitions().len();
    let mut counts = BTreeMap::new();
    for record in consume(brokers, topic, payloads.len(), Duration::from_secs(30)) {
        *counts.entry(record.partition).or_insert(0) += 1;
    }
    for p in 0..partitions {
        counts.entry(p as i32).or_insert(0);
    }
    counts
}

/// Produces payloads to one partition.
pub fn produce_to(brokers: &str, topic: &str, partition: i32, payloads: &[Vec<u8>]) {
    produce_to_with(brokers, topic, partition, payloads, &[]);
}

/// Produces payloads to one partition with a producer given extra librdkafka `properties`
/// (`compression.type`, say).
pub fn produce_to_with(
    brokers: &str,
    topic: &str,
    partition: i32,
    payloads: &[Vec<u8>],
    properties: &[(&str, &str)],
) {
    let mut config = ClientConfig::new();
    config.set("bootstrap.servers", brokers);
    for (key, value) in properties {
        config.set(*key, *value);
    }
    let producer: BaseProducer = config.create().expect("producer");
    for payload in payloads {
        producer
            .send(
                BaseRecord::<'_, [u8], [u8]>::to(topic)
                    .partition(partition)
                    .payload(payload.as_slice()),
            )
            .map_err(|(e, _)| e)
            .expect("produce");
    }
    producer.flush(Duration::from_secs(30)).expect("flush");
}

/// Reads `topic` from the beginning until `expected` records arrived and every partition is at
/// its end, or `timeout` passed; returns what was read.
pub fn consume(brokers: &str, topic: &str, expected: usize, timeout: Duration) -> Vec<Record> {
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("group.id", unique("reader"))
        .set("enable.partition.eof", "true")
        .set("enable.auto.commit", "false")
        .create()
        .expect("consumer");
    let metadata = consumer
        .fetch_metadata(Some(topic), Duration::from_secs(10))
        .expect("metadata");
    let partitions: Vec<i32> = metadata.topics()[0]
        .partitions()
        .iter()
        .map(|p| p.id())
        .collect();
    let mut tpl = TopicPartitionList::new();
    for p in &partitions {
        tpl.add_partition_offset(topic, *p, Offset::Beginning)
            .expect("tpl");
    }
    consumer.assign(&tpl).expect("assign");
    let deadline = Instant::now() + timeout;
    let mut records = Vec::new();
    let mut at_end = std::collections::HashSet::new();
    while Instant::now() < deadline {
        match consumer.poll(Duration::from_millis(100)) {
            Some(Ok(m)) => {
                at_end.remove(&m.partition());
                records.push(Record {
                    partition: m.partition(),
                    key: m.key().map(<[u8]>::to_vec).unwrap_or_default(),
                    value: m.payload().map(<[u8]>::to_vec),
                    headers: m
                        .headers()
                        .map(|h| {
                            h.iter()
                                .map(|h| {
                                    (
                                        h.key.to_owned(),
                                        String::from_utf8_lossy(h.value.unwrap_or_default())
                                            .into_owned(),
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                });
            }
            Some(Err(KafkaError::PartitionEOF(p))) => {
                at_end.insert(p);
            }
            Some(Err(e)) => eprintln!("consume: {e}"),
            None => {}
        }
        if records.len() >= expected && at_end.len() == partitions.len() {
            break;
        }
    }
    records
}

/// The offsets `group` has committed on `topic`, per partition.
pub fn committed(brokers: &str, group: &str, topic: &str, partitions: i32) -> BTreeMap<i32, i64> {
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("group.id", group)
        .create()
        .expect("consumer");
    let mut tpl = TopicPartitionList::new();
    for p in 0..partitions {
        tpl.add_partition(topic, p);
    }
    let committed = consumer
        .committed_offsets(tpl, Duration::from_secs(10))
        .expect("committed offsets");
    committed
        .elements()
        .iter()
        .map(|e| {
            let offset = match e.offset() {
                Offset::Offset(o) => o,
                _ => 0,
            };
            (e.partition(), offset)
        })
        .collect()
}

/// Asserts two maps of event id -> JSON are equal, reporting a readable summary if not.
pub fn assert_same_events(
    published: &BTreeMap<String, String>,
    expected: &BTreeMap<String, String>,
    what: &str,
) {
    let missing: Vec<&String> = expected
        .keys()
        .filter(|k| !published.contains_key(*k))
        .collect();
    let extra: Vec<&String> = published
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    let changed: Vec<&String> = expected
        .iter()
        .filter(|(k, v)| published.get(*k).is_some_and(|p| p != *v))
        .map(|(k, _)| k)
        .collect();
    if missing.is_empty() && extra.is_empty() && changed.is_empty() {
        return;
    }
    let show = |keys: &[&String], from: &BTreeMap<String, String>| -> String {
        keys.iter()
            .take(3)
            .map(|k| from.get(*k).cloned().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n")
    };
    panic!(
        "{what}: {} expected, {} published; {} missing, {} unexpected, {} different.\nmissing e.g.:\n{}\nunexpected e.g.:\n{}\ndifferent e.g.:\n{}",
        expected.len(),
        published.len(),
        missing.len(),
        extra.len(),
        changed.len(),
        show(&missing, expected),
        show(&extra, published),
        show(&changed, published),
    );
}

/// Reads `topic` again and again until it holds at least `at_least` records.
pub fn wait_for_records(
    brokers: &str,
    topic: &str,
    at_least: usize,
    timeout: Duration,
) -> Vec<Record> {
    wait_for(&format!("{at_least} records on {topic}"), timeout, || {
        let records = consume(brokers, topic, at_least, Duration::from_secs(5));
        (records.len() >= at_least).then_some(records)
    })
}

/// Polls `check` every 100 ms until it returns `Some`, or panics with `what` after `timeout`.
pub fn wait_for<T>(what: &str, timeout: Duration, check: impl FnMut() -> Option<T>) -> T {
    poll_until(what, timeout, Duration::from_millis(100), check)
}

/// Polls `check` every `interval` until it returns `Some`, or panics with `what` after `timeout`.
pub fn poll_until<T>(
    what: &str,
    timeout: Duration,
    interval: Duration,
    mut check: impl FnMut() -> Option<T>,
) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(interval);
    }
}
