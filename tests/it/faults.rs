//! Broker faults, injected with librdkafka's in-process mock cluster: a broker going down and
//! coming back, and produce requests failing. The daemon rides them out and loses nothing.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use rdkafka::mocking::MockCluster;
use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr};
use tokio_util::sync::CancellationToken;

use demarche::app;
use demarche::pipeline::Outcome;
use demarche::settings::Layers;

use crate::support::corpus;
use crate::support::daemon::free_port;
use crate::support::{assert_same_events, consume, produce, unkeyed, wait_for};

const TOPICS: [(&str, i32); 4] = [("in", 1), ("out", 2), ("dlq", 1), ("state", 1)];

fn settings_for(brokers: &str) -> demarche::settings::Settings {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mock.toml");
    let text = format!(
        r#"
[kafka]
brokers = "{brokers}"
group_id = "faults"
commit_interval = "100ms"
[kafka.consumer.properties]
"session.timeout.ms" = "6000"
"max.poll.interval.ms" = "7000"
[kafka.producer.properties]
"retry.backoff.ms" = "50"
"message.timeout.ms" = "3000"
[topics]
input = "in"
output = "out"
dead_letter = "dlq"
dedup_state = "state"
[http]
address = "127.0.0.1:{}"
[log]
level = "warn"
"#,
        free_port()
    );
    std::fs::write(&path, text).expect("write config");
    Layers::from_sources(Some(&path), HashMap::new())
        .and_then(|l| l.settings())
        .expect("settings")
}

/// (event id, JSON) of what the pure pipeline codes from `payloads`, in order.
fn expected_events(
    settings: &demarche::settings::Settings,
    payloads: &[Vec<u8>],
) -> BTreeMap<String, String> {
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

#[test]
fn broker_outages_and_produce_errors_lose_nothing() {
    let cluster = MockCluster::new(3).expect("mock cluster");
    for (topic, partitions) in TOPICS {
        cluster.create_topic(topic, partitions, 1).expect("topic");
    }
    let brokers = cluster.bootstrap_servers();
    let settings = settings_for(&brokers);
    let payloads = corpus::articles(300);
    let expected = expected_events(&settings, &payloads);
    assert!(!expected.is_empty(), "the corpus must code to events");
    let (first, rest) = payloads.split_at(100);
    produce(&brokers, "in", &unkeyed(first));

    let shutdown = CancellationToken::new();
    let daemon = {
        let shutdown = shutdown.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().expect("runtime");
            runtime.block_on(app::run(settings, shutdown))
        })
    };
    wait_for("first events", Duration::from_secs(60), || {
        (!consume(&brokers, "out", 1, Duration::from_secs(2)).is_empty()).then_some(())
    });

    // Produce requests fail for a while, then every broker leading the output goes away.
    cluster.request_errors(
        RDKafkaApiKey::Produce,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS; 20],
    );
    produce(&brokers, "in", &unkeyed(rest));
    for broker in 1..=3 {
        cluster.broker_down(broker).expect("broker down");
    }
    std::thread::sleep(Duration::from_secs(4));
    for broker in 1..=3 {
        cluster.broker_up(broker).expect("broker up");
    }

    let records = wait_for("every expected event", Duration::from_secs(120), || {
        let records = consume(&brokers, "out", expected.len(), Duration::from_secs(5));
        let distinct: std::collections::BTreeSet<&[u8]> =
            records.iter().map(|r| r.key.as_slice()).collect();
        (distinct.len() >= expected.len()).then_some(records)
    });
    let mut published = BTreeMap::new();
    for record in &records {
        let key = String::from_utf8_lossy(&record.key).into_owned();
        if let Some(earlier) = published.insert(key.clone(), record.text()) {
            assert_eq!(earlier, record.text(), "a re-sent {key} differs");
        }
    }
    assert_same_events(&published, &expected, "after the faults");
    shutdown.cancel();
    daemon
        .join()
        .expect("daemon thread")
        .expect("daemon exits cleanly");
}
