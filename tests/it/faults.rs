//! Broker faults, injected with librdkafka's in-process mock cluster: produce requests failing,
//! then every broker down and back. The daemon rides them out without a restart, says it is
//! not ready while it cannot reach a broker, and loses nothing.
//!
//! The test waits for states, never for fixed times: the brokers stay down until `/readyz`
//! says 503 (librdkafka takes its own time to report every broker down, longer on a loaded
//! machine), and come back only then.

use std::time::Duration;

use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr};

use crate::support::corpus;
use crate::support::daemon::http_get;
use crate::support::mock::{
    self, expected_events, identical_by_key, wait_for_every_key, InProcess,
};
use crate::support::{assert_same_events, consume, produce, unkeyed, wait_for};

/// The longest the brokers stay down waiting for the daemon to say it is not ready. Far above
/// what librdkafka takes to report every broker down (a few statistics intervals of 500 ms and
/// its reconnect backoff), so that only a daemon that never notices fails.
const OUTAGE_NOTICED_WITHIN: Duration = Duration::from_secs(120);

#[test]
fn broker_outages_and_produce_errors_lose_nothing_and_readiness_follows_the_brokers() {
    let cluster = mock::cluster();
    let brokers = cluster.bootstrap_servers();
    let dir = tempfile::tempdir().expect("tempdir");
    let (config, port) = mock::config(&brokers, "faults").write(dir.path());
    let settings = mock::settings(&config);
    let payloads = corpus::articles(300);
    let expected = expected_events(&settings, &payloads);
    assert!(!expected.is_empty(), "the corpus must code to events");
    let (first, rest) = payloads.split_at(100);
    produce(&brokers, "in", &unkeyed(first));

    let daemon = InProcess::start(settings);
    wait_for("first events", Duration::from_secs(60), || {
        (!consume(&brokers, "out", 1, Duration::from_secs(2)).is_empty()).then_some(())
    });
    assert_eq!(readiness(port), Some(200), "ready while the brokers are up");

    // Produce requests fail for a while, then every broker goes away.
    cluster.request_errors(
        RDKafkaApiKey::Produce,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS; 20],
    );
    produce(&brokers, "in", &unkeyed(rest));
    for broker in 1..=3 {
        cluster.broker_down(broker).expect("broker down");
    }
    wait_for(
        "/readyz to say 503 while no broker is reachable",
        OUTAGE_NOTICED_WITHIN,
        || (readiness(port) == Some(503)).then_some(()),
    );
    for broker in 1..=3 {
        cluster.broker_up(broker).expect("broker up");
    }
    wait_for("ready again", Duration::from_secs(30), || {
        (readiness(port) == Some(200)).then_some(())
    });

    let records = wait_for_every_key(&brokers, "out", expected.len());
    assert_same_events(&identical_by_key(&records), &expected, "after the faults");
    daemon.stop();
}

fn readiness(port: u16) -> Option<u16> {
    http_get(port, "/readyz").map(|(status, _)| status)
}
