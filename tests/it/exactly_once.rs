//! Exactly-once mode against librdkafka's mock cluster: events, changelog records and input
//! offsets go out in transactions; an aborted transaction is read again; a process killed
//! between produce and commit is fenced by its successor, which publishes everything.
//!
//! What the mock cannot show: it keeps no transaction markers and no transactional offset
//! commits (its Fetch answers no aborted transactions, its TxnOffsetCommit stores nothing),
//! so its `read_committed` readers also see aborted records, and a restart reads the input
//! again from the start. These tests therefore check the transactional protocol, the abort and
//! crash paths and that nothing is lost; every record seen twice must be byte-identical.

use std::time::Duration;

use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr};

use crate::support::corpus;
use crate::support::daemon::Daemon;
use crate::support::mock::{
    self, expected_events, identical_by_key, metric, wait_for_every_key, InProcess,
};
use crate::support::{assert_same_events, consume, produce, unique, unkeyed, wait_for};

const COMMITTED: &str = r#"demarche_transactions_total{result="committed"}"#;
const ABORTED: &str = r#"demarche_transactions_total{result="aborted"}"#;

fn exactly_once(transactional_id: &str) -> String {
    format!("[kafka]\ndelivery = \"exactly-once\"\ntransactional_id = \"{transactional_id}\"")
}

#[test]
fn an_aborted_transaction_is_read_again_and_loses_nothing() {
    let cluster = mock::cluster();
    let brokers = cluster.bootstrap_servers();
    let dir = tempfile::tempdir().expect("tempdir");
    let kafka = exactly_once(&unique("txn"));
    let (config, port) = mock::config(&brokers, "eo-abort")
        .with(&kafka)
        .write(dir.path());
    let settings = mock::settings(&config);
    let payloads = corpus::articles(200);
    let expected = expected_events(&settings, &payloads);
    let (first, rest) = payloads.split_at(50);
    let (during, after) = rest.split_at(100);
    produce(&brokers, "in", &unkeyed(first));

    let daemon = InProcess::start(settings);
    wait_for("a committed transaction", Duration::from_secs(60), || {
        (metric(port, COMMITTED) >= 1.0).then_some(())
    });
    // The coordinator refuses the next partitions added to a transaction: its records fail
    // and the transaction can only be aborted.
    cluster.request_errors(
        RDKafkaApiKey::AddPartitionsToTxn,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED],
    );
    produce(&brokers, "in", &unkeyed(during));
    wait_for("an aborted transaction", Duration::from_secs(60), || {
        (metric(port, ABORTED) >= 1.0).then_some(())
    });
    let committed_at_abort = metric(port, COMMITTED);
    produce(&brokers, "in", &unkeyed(after));

    let records = wait_for_every_key(&brokers, "out", expected.len());
    assert_same_events(&identical_by_key(&records), &expected, "after the abort");
    wait_for(
        "transactions committed after the abort",
        Duration::from_secs(30),
        || (metric(port, COMMITTED) > committed_at_abort).then_some(()),
    );
    daemon.stop();
}

#[test]
fn a_process_killed_between_produce_and_commit_is_fenced_and_loses_nothing() {
    let cluster = mock::cluster();
    let brokers = cluster.bootstrap_servers();
    let dir = tempfile::tempdir().expect("tempdir");
    // Transactions commit every 100 ms while the input streams in: the kill lands with one open.
    let kafka = exactly_once(&unique("txn"));
    let (config, port) = mock::config(&brokers, "eo-crash")
        .with(&kafka)
        .write(dir.path());
    let settings = mock::settings(&config);
    let payloads = corpus::articles(400);
    let expected = expected_events(&settings, &payloads);
    produce(&brokers, "in", &unkeyed(&payloads));

    let first = Daemon::start(&config, port);
    wait_for("a committed transaction", Duration::from_secs(60), || {
        (first.metric(COMMITTED) >= 1.0
            && !consume(&brokers, "out", 1, Duration::from_secs(1)).is_empty())
        .then_some(())
    });
    first.kill();

    // The successor registers the same transactional.id: the coordinator aborts what the
    // killed process left open and fences it.
    let second = Daemon::start(&config, port);
    let records = wait_for_every_key(&brokers, "out", expected.len());
    assert_same_events(&identical_by_key(&records), &expected, "after the crash");
    wait_for("the successor commits", Duration::from_secs(30), || {
        (second.metric(COMMITTED) >= 1.0).then_some(())
    });
    let status = second.terminate(Duration::from_secs(30));
    assert!(status.success(), "the successor exits cleanly: {status:?}");
}
