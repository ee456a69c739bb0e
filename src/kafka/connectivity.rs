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

/// A stable label for an error the consumer returned: librdkafka's error code in snake case
/// (`unknown_topic_or_partition`, `not_implemented` for a codec the build lacks), or `other`.
pub fn consume_error_kind(error: &RdError) -> String {
    let Some(code) = error.rdkafka_error_code() else {
        return "other".to_owned();
    };
    let mut kind = String::new();
    for (i, c) in format!("{code:?}").chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            kind.push('_');
        }
        kind.push(c.to_ascii_lowercase());
    }
    kind
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consume_errors_are_labelled_by_their_code() {
        let error = RdError::MessageConsumption(RDKafkaErrorCode::UnknownTopicOrPartition);
        assert_eq!(consume_error_kind(&error), "unknown_topic_or_partition");
        assert_eq!(consume_error_kind(&RdError::Canceled), "other");
    }
}
