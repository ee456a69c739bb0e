//! The handles every part of the consume loop shares, in one place: the loop, the publisher,
//! the committer and the rebalance callback each hold the same `Arc<Shared>`.

use std::sync::Arc;

use super::offsets::SharedTracker;
use super::producer::Producer;
use crate::health::Health;
use crate::metrics::Metrics;
use crate::settings::{DeliveryMode, Topics};

/// What the consume loop's parts share.
pub struct Shared {
    /// The producer of every output.
    pub producer: Producer,
    /// Inputs in flight; the producer's delivery callback acknowledges into it.
    pub tracker: SharedTracker,
    /// Metrics.
    pub metrics: Metrics,
    /// Readiness.
    pub health: Arc<Health>,
    /// Topic names.
    pub topics: Topics,
    /// At-least-once or exactly-once: whether a refused record is retried or aborts the
    /// transaction, and how progress is committed.
    pub delivery: DeliveryMode,
}

impl Shared {
    /// The input topic, which every offset belongs to.
    pub fn input_topic(&self) -> &str {
        &self.topics.input
    }
}
