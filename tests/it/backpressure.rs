//! Backpressure: a partition with too many inputs unacknowledged is paused, resumed once half
//! have drained, and nothing is lost on the way.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::e2e::offline_events;
use crate::support::config::Config;
use crate::support::corpus;
use crate::support::daemon::Daemon;
use crate::support::{
    assert_same_events, broker, produce, unique, unkeyed, wait_for, wait_for_records, TestTopics,
};

#[test]
fn a_partition_paused_at_its_in_flight_limit_resumes_and_loses_nothing() {
    let brokers = broker();
    let topics = TestTopics::create(&brokers, 1);
    let dir = tempfile::tempdir().expect("tempdir");
    // Two inputs in flight at most, and a producer that holds records 100 ms before sending:
    // the partition must pause many times to get through the stream.
    let (config, port) = Config::test_broker(&brokers, &topics, &unique("group"))
        .with("[kafka]\nmax_in_flight_per_partition = 2\n")
        .with("[kafka.producer.properties]\n\"linger.ms\" = \"100\"\n")
        .write(dir.path());
    let payloads = corpus::articles(60);
    produce(&brokers, &topics.input, &unkeyed(&payloads));
    let expected: BTreeMap<String, String> =
        offline_events(&config, &payloads).into_iter().collect();

    let daemon = Daemon::start_logging(&config, port, "info,demarche::kafka::publisher=debug");
    daemon.wait_ready(Duration::from_secs(60));
    let records = wait_for_records(
        &brokers,
        &topics.output,
        expected.len(),
        Duration::from_secs(120),
    );
    let published: BTreeMap<String, String> = records
        .iter()
        .map(|r| (String::from_utf8_lossy(&r.key).into_owned(), r.text()))
        .collect();
    assert_same_events(&published, &expected, "under backpressure");

    let count = |log: &str, pause: bool| log.matches(&format!("\"pause\":{pause}")).count();
    let pauses = wait_for(
        "every pause to be followed by a resume",
        Duration::from_secs(10),
        || {
            let log = daemon.log();
            (count(&log, true) == count(&log, false)).then(|| count(&log, true))
        },
    );
    assert!(pauses > 0, "the partition never paused:\n{}", daemon.log());
    eprintln!(
        "backpressure: {} inputs, {} pauses, each resumed",
        payloads.len(),
        pauses
    );
    let status = daemon.terminate(Duration::from_secs(30));
    assert!(status.success());
}
