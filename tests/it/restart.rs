//! A crash mid-stream loses nothing: killed with SIGKILL and started again, the daemon still
//! publishes every input's events, and a record published twice is byte-identical.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use crate::e2e::offline_events;
use crate::support::config::Config;
use crate::support::corpus;
use crate::support::daemon::Daemon;
use crate::support::{
    assert_same_events, broker, committed, consume, produce, unique, unkeyed, wait_for, TestTopics,
};

#[test]
fn a_daemon_killed_mid_stream_publishes_every_event_after_a_restart() {
    let brokers = broker();
    // One partition: the daemon then reads in the order `demarche extract` does, so even
    // order-dependent dedup verdicts agree with it.
    let topics = TestTopics::create(&brokers, 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let group = unique("group");
    // A longer linger slows publishing down, so that the kill lands inside the stream.
    let (config, port) = Config::test_broker(&brokers, &topics, &group)
        .with("[kafka.producer.properties]\n\"linger.ms\" = \"50\"\n")
        .write(dir.path());
    let payloads = corpus::articles(600);
    let ends = produce(&brokers, &topics.input, &unkeyed(&payloads));
    let expected: BTreeMap<String, String> =
        offline_events(&config, &payloads).into_iter().collect();
    assert!(
        expected.len() > payloads.len() / 2,
        "the corpus must code to events"
    );

    let first = Daemon::start(&config, port);
    first.wait_ready(Duration::from_secs(60));
    wait_for(
        "some events before the crash",
        Duration::from_secs(60),
        || {
            (first.metric("demarche_offsets_committed_total") >= 1.0
                && !consume(&brokers, &topics.output, 1, Duration::from_secs(2)).is_empty())
            .then_some(())
        },
    );
    first.kill();

    let second = Daemon::start(&config, port);
    second.wait_ready(Duration::from_secs(60));
    let records = wait_for(
        "every expected event after the restart",
        Duration::from_secs(120),
        || {
            let records = consume(
                &brokers,
                &topics.output,
                expected.len(),
                Duration::from_secs(5),
            );
            let keys: BTreeSet<Vec<u8>> = records.iter().map(|r| r.key.clone()).collect();
            (keys.len() >= expected.len()).then_some(records)
        },
    );
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for record in &records {
        let key = String::from_utf8_lossy(&record.key).into_owned();
        let value = record.text();
        if let Some(earlier) = seen.insert(key.clone(), value.clone()) {
            assert_eq!(
                earlier, value,
                "a duplicate of {key} differs from the original"
            );
        }
    }
    assert_same_events(&seen, &expected, "after the restart");
    eprintln!(
        "restart: {} inputs, {} expected events, {} records published ({} duplicates)",
        payloads.len(),
        expected.len(),
        records.len(),
        records.len() - expected.len()
    );
    let status = second.terminate(Duration::from_secs(30));
    assert!(status.success());
    assert_eq!(committed(&brokers, &group, &topics.input, 1), ends);
}
