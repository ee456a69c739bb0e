//! The input consumer's context: rebalances drain and commit before partitions are released,
//! and librdkafka statistics become consumer-lag gauges.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::KafkaResult;
use rdkafka::producer::Producer as _;
use rdkafka::statistics::Statistics;
use rdkafka::{ClientContext, Offset, TopicPartitionList};

use super::offsets::OffsetTracker;
use super::producer::Producer;
use crate::health::Health;
use crate::metrics::Metrics;

/// Shared with the consumer loop; called on the thread that polls the consumer.
pub struct InputContext {
    tracker: Arc<Mutex<OffsetTracker>>,
    producer: Producer,
    metrics: Metrics,
    health: Arc<Health>,
    topic: String,
    drain_deadline: Duration,
}

impl InputContext {
    /// A context for the consumer of `topic`; `drain_deadline` bounds the flush on revoke.
    pub fn new(
        tracker: Arc<Mutex<OffsetTracker>>,
        producer: Producer,
        metrics: Metrics,
        health: Arc<Health>,
        topic: String,
        drain_deadline: Duration,
    ) -> Self {
        Self {
            tracker,
            producer,
            metrics,
            health,
            topic,
            drain_deadline,
        }
    }

    /// Flushes every record in flight, then commits the revoked partitions' offsets, so that the
    /// next owner starts exactly after what this instance published.
    fn drain_revoked(&self, consumer: &BaseConsumer<Self>, revoked: &TopicPartitionList) {
        if let Err(error) = self.producer.flush(self.drain_deadline) {
            tracing::warn!(%error, "flush before revoke did not finish; uncommitted inputs will be read again");
        }
        let mut tracker = lock(&self.tracker);
        let mut commit = TopicPartitionList::new();
        for element in revoked.elements_for_topic(&self.topic) {
            let partition = element.partition();
            if let Some(offset) = tracker.committable_for(partition) {
                let _ = commit.add_partition_offset(&self.topic, partition, Offset::Offset(offset));
            }
            tracker.forget(partition);
            self.metrics.forget_partition(&self.topic, partition);
        }
        drop(tracker);
        if commit.count() > 0 {
            match consumer.commit(&commit, CommitMode::Sync) {
                Ok(()) => self.metrics.offsets_committed(),
                Err(error) => tracing::warn!(%error, "commit on revoke failed"),
            }
        }
        tracing::info!(
            partitions = revoked.count(),
            "partitions revoked after draining"
        );
    }
}

/// Locks the tracker even if a panicking thread poisoned it: its data stays consistent because
/// every update is a single map operation.
pub fn lock(tracker: &Mutex<OffsetTracker>) -> std::sync::MutexGuard<'_, OffsetTracker> {
    tracker
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl ClientContext for InputContext {
    fn stats(&self, statistics: Statistics) {
        let Some(topic) = statistics.topics.get(&self.topic) else {
            return;
        };
        for (partition, stats) in &topic.partitions {
            // -1 is librdkafka's internal "unassigned" partition; a lag of -1 is "unknown".
            if *partition >= 0 && stats.consumer_lag >= 0 {
                self.metrics
                    .consumer_lag(&self.topic, *partition, stats.consumer_lag);
            }
        }
    }
}

impl ConsumerContext for InputContext {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Revoke(revoked) = rebalance {
            self.drain_revoked(consumer, revoked);
        }
    }

    fn post_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        let assigned = consumer
            .assignment()
            .map(|a| a.count() > 0)
            .unwrap_or(false);
        self.health.set_assigned(assigned);
        match rebalance {
            Rebalance::Assign(tpl) => {
                tracing::info!(partitions = tpl.count(), "partitions assigned")
            }
            Rebalance::Error(error) => tracing::warn!(%error, "rebalance error"),
            Rebalance::Revoke(_) => {}
        }
    }

    fn commit_callback(&self, result: KafkaResult<()>, _offsets: &TopicPartitionList) {
        if let Err(error) = result {
            tracing::warn!(%error, "offset commit failed; it is retried at the next interval");
        }
    }
}
