//! The daemon's own sections: `[topics]`, `[http]`, `[log]` and `[shutdown]`.

use std::net::SocketAddr;
use std::num::NonZeroUsize;
use std::time::Duration;

use serde::Deserialize;

use super::empty_as_none;

/// `[topics]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topics {
    /// Raw articles are consumed from here.
    pub input: String,
    /// Coded events are published here, keyed by event id.
    pub output: String,
    /// Messages that cannot be read go here, with the reason in headers.
    pub dead_letter: String,
    /// The compacted changelog of the dedup index.
    pub dedup_state: String,
    /// Duplicates are published here with the id of the original; `None` (empty in the file):
    /// not published.
    #[serde(deserialize_with = "empty_as_none")]
    pub duplicates: Option<String>,
    /// Where each dated event's mention goes, keyed by its daily aggregate, when the daemon
    /// aggregates: `aggregate.mentions_topic` if `aggregate.enabled`, else `None`. Not a key of
    /// `[topics]`: resolved from `[aggregate]` when the settings are loaded.
    #[serde(skip)]
    pub mentions: Option<String>,
    /// The largest record published: larger outputs make a dead letter, and dead letters keep
    /// at most this many bytes of the original message.
    pub max_record_bytes: NonZeroUsize,
}

/// `[http]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    /// Listen address of `/metrics`, `/healthz` and `/readyz`.
    pub address: SocketAddr,
    /// `/healthz` fails once the consume loop has not turned for this long.
    #[serde(with = "humantime_serde")]
    pub liveness_timeout: Duration,
}

/// `[log]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    /// Output format.
    pub format: LogFormat,
    /// A tracing filter: `info`, `demarche=debug,rdkafka=warn`, ...
    pub level: String,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One JSON object per line, for production.
    Json,
    /// Human-readable, for a terminal.
    Pretty,
}

/// `[shutdown]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShutdownSettings {
    /// Longest time from SIGTERM to exit: in-flight work is finished, flushed and committed.
    #[serde(with = "humantime_serde")]
    pub deadline: Duration,
}
