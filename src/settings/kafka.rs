//! `[kafka]`: brokers, the consumer group, the clients' properties, and the delivery mode.

use std::num::NonZeroUsize;
use std::time::Duration;

use serde::Deserialize;

use super::{empty_as_none, ClientProperties};

/// `[kafka]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KafkaSettings {
    /// Bootstrap servers, `host:port[,host:port...]`.
    pub brokers: String,
    /// Consumer group of the input topic.
    pub group_id: String,
    /// Client id reported to the brokers.
    pub client_id: String,
    /// Inputs of one partition processed but not yet acknowledged before fetching pauses.
    pub max_in_flight_per_partition: NonZeroUsize,
    /// How often acknowledged offsets are committed.
    #[serde(with = "humantime_serde")]
    pub commit_interval: Duration,
    /// How often librdkafka reports statistics (consumer lag, broker connections).
    #[serde(with = "humantime_serde")]
    pub statistics_interval: Duration,
    /// At-least-once (the default) or exactly-once (transactions).
    pub delivery: DeliveryMode,
    /// The producer's `transactional.id` in exactly-once mode. Set once, when the settings are
    /// loaded: the configured one, else `<client_id>-<host name>`; `None` in at-least-once mode.
    #[serde(deserialize_with = "empty_as_none")]
    pub transactional_id: Option<String>,
    /// `[kafka.consumer]`.
    pub consumer: ClientSection,
    /// `[kafka.producer]`.
    pub producer: ClientSection,
}

/// How outputs and input offsets reach the broker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeliveryMode {
    /// An input's offset is committed once every record it caused is acknowledged; a crash
    /// re-sends identical records.
    AtLeastOnce,
    /// Records and input offsets are committed together in Kafka transactions; consumers with
    /// `isolation.level=read_committed` see each record once.
    ExactlyOnce,
}

impl KafkaSettings {
    /// Fills in what depends on the host: the `transactional.id` of exactly-once mode, unless
    /// configured, is `<client_id>-<host name>` (a pod name is stable across restarts of a
    /// StatefulSet's pod); at-least-once mode has none.
    pub(super) fn resolve(&mut self) {
        self.transactional_id = match self.delivery {
            DeliveryMode::AtLeastOnce => None,
            DeliveryMode::ExactlyOnce => Some(self.transactional_id.take().unwrap_or_else(|| {
                let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
                    .map(|h| h.trim().to_owned())
                    .unwrap_or_default();
                let host = if host.is_empty() { "localhost" } else { &host };
                format!("{}-{host}", self.client_id)
            })),
        };
    }
}

/// A client section: free-form librdkafka properties passed through.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ClientSection {
    /// librdkafka properties, applied after demarche's own, so they win.
    #[serde(default)]
    pub properties: ClientProperties,
}
