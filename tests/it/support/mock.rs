//! librdkafka's in-process mock cluster, configured for one test: its topics, a daemon
//! configuration pointing at it, and what the pure pipeline expects from a corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use rdkafka::mocking::MockCluster;
use tokio_util::sync::CancellationToken;

use demarche::app;
use demarche::pipeline::Outcome;
use demarche::settings::{Layers, Settings};

use super::config::Config;
use super::daemon::http_get;
use super::{consume, wait_for, Record};

/// Topic names and partition counts on every mock cluster.
pub const TOPICS: [(&str, i32); 4] = [("in", 1), ("out", 2), ("dlq", 1), ("state", 1)];

/// A cluster of three brokers holding [`TOPICS`].
pub fn cluster() -> MockCluster<'static, rdkafka::producer::DefaultProducerContext> {
    let cluster = MockCluster::new(3).expect("mock cluster");
    for (topic, partitions) in TOPICS {
        cluster.create_topic(topic, partitions, 1).expect("topic");
    }
    cluster
}

/// A daemon configuration for the cluster at `brokers` and its [`TOPICS`]: short group
/// timeouts, commit interval and producer retry backoff.
pub fn config(brokers: &str, group: &str) -> Config {
    Config::parse(&format!(
        r#"
[kafka]
brokers = "{brokers}"
group_id = "{group}"
commit_interval = "100ms"
statistics_interval = "500ms"
[kafka.consumer.properties]
"session.timeout.ms" = "6000"
"max.poll.interval.ms" = "7000"
[kafka.producer.properties]
"retry.backoff.ms" = "50"
[topics]
input = "in"
output = "out"
dead_letter = "dlq"
dedup_state = "state"
[log]
level = "warn"
"#
    ))
}

/// The settings of a configuration file.
pub fn settings(path: &Path) -> Settings {
    Layers::from_sources(Some(path), std::collections::HashMap::new())
        .and_then(|l| l.settings())
        .expect("settings")
}

/// (event id, JSON) of what the pure pipeline codes from `payloads`, in order.
pub fn expected_events(settings: &Settings, payloads: &[Vec<u8>]) -> BTreeMap<String, String> {
    let mut pipeline = app::build_pipeline(settings).expect("pipeline");
    let mut out = BTreeMap::new();
    for payload in payloads {
        if let Outcome::Coded { events, .. } = pipeline.process(payload).outcome {
            for event in events {
                out.insert(
                    event.event_id.to_string(),
                    serde_json::to_string(&event).expect("json"),
                );
            }
        }
    }
    out
}

/// Reads `topic` until every one of `expected` keys is there; returns the records.
pub fn wait_for_every_key(brokers: &str, topic: &str, expected: usize) -> Vec<Record> {
    wait_for("every expected event", Duration::from_secs(120), || {
        let records = consume(brokers, topic, expected, Duration::from_secs(5));
        let distinct: BTreeSet<&[u8]> = records.iter().map(|r| r.key.as_slice()).collect();
        (distinct.len() >= expected).then_some(records)
    })
}

/// The records as (key, value), asserting that a key published twice has the same value.
pub fn identical_by_key(records: &[Record]) -> BTreeMap<String, String> {
    let mut published = BTreeMap::new();
    for record in records {
        let key = String::from_utf8_lossy(&record.key).into_owned();
        if let Some(earlier) = published.insert(key.clone(), record.text()) {
            assert_eq!(earlier, record.text(), "a re-sent {key} differs");
        }
    }
    published
}

/// The value of one metric sample of the daemon serving on `port`, 0 if absent.
pub fn metric(port: u16, sample: &str) -> f64 {
    let body = http_get(port, "/metrics")
        .map(|(_, b)| b)
        .unwrap_or_default();
    super::daemon::metric_value(&body, sample)
}

/// The longest a daemon in this process may take to stop.
const STOP_WITHIN: Duration = Duration::from_secs(60);

/// A daemon running in this process, on its own runtime and thread.
pub struct InProcess {
    shutdown: CancellationToken,
    thread: std::thread::JoinHandle<anyhow::Result<()>>,
}

impl InProcess {
    /// Starts `app::run` with `settings`.
    pub fn start(settings: Settings) -> Self {
        let shutdown = CancellationToken::new();
        let token = shutdown.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().expect("runtime");
            let outcome = runtime.block_on(app::run(settings, token));
            runtime.shutdown_timeout(Duration::from_secs(1));
            outcome
        });
        Self { shutdown, thread }
    }

    /// Shuts the daemon down as SIGTERM would and asserts a clean exit within [`STOP_WITHIN`]
    /// (the shutdown deadline, twice over for a loaded machine).
    pub fn stop(self) {
        self.shutdown.cancel();
        let asked = std::time::Instant::now();
        while !self.thread.is_finished() {
            assert!(
                asked.elapsed() < STOP_WITHIN,
                "the daemon did not stop within {STOP_WITHIN:?} of shutdown"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        self.thread
            .join()
            .expect("daemon thread")
            .expect("daemon exits cleanly");
    }
}
