//! Broker connectivity, read from a client's statistics and error events, drives readiness:
//! a client that reaches no broker cannot make progress.

use rdkafka::error::KafkaError as RdError;
use rdkafka::statistics::Statistics;
use rdkafka::types::RDKafkaErrorCode;

use crate::health::{Client, Health};

/// Whether a statistics report shows a connection to at least one broker.
pub fn any_broker_up(statistics: &Statistics) -> bool {
    statistics
        .brokers
        .values()
        .any(|broker| broker.source != "internal" && broker.state == "UP")
}

/// Updates readiness from a statistics report of `client`.
pub fn observe_statistics(health: &Health, client: Client, statistics: &Statistics) {
    health.set_connected(client, any_broker_up(statistics));
}

/// Logs a client-wide error; "all brokers down" makes `client` not ready at once (a later
/// statistics report showing a connection makes it ready again).
pub fn observe_error(health: &Health, client: Client, error: &RdError, reason: &str) {
    if error.rdkafka_error_code() == Some(RDKafkaErrorCode::AllBrokersDown) {
        health.set_connected(client, false);
    }
    tracing::warn!(?client, %error, reason, "kafka client error");
}
