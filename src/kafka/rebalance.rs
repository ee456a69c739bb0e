//! The input consumer's context: a rebalance commits, through the loop's own [`Committer`],
//! before partitions are released; librdkafka statistics become consumer-lag gauges and
//! readiness.
//!
//! librdkafka calls it on the thread that polls the consumer, the consume loop's own thread, so
//! the blocking commit it makes never runs on the async runtime.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::{KafkaError as RdError, KafkaResult};
use rdkafka::statistics::Statistics;
use rdkafka::{ClientContext, TopicPartitionList};

use super::committer::Committer;
use super::connectivity;
use super::shared::Shared;
use crate::health::Client;

/// The consumer's callbacks.
pub struct InputContext {
    shared: Arc<Shared>,
    committer: Arc<Committer>,
    /// Rebalances that revoked partitions so far.
    revocations: AtomicU64,
}

impl InputContext {
    /// A context committing through `committer`, the consume loop's.
    pub fn new(shared: Arc<Shared>, committer: Arc<Committer>) -> Self {
        Self {
            shared,
            committer,
            revocations: AtomicU64::new(0),
        }
    }

    /// How many rebalances have revoked partitions: a message received before the count moved
    /// may belong to a partition this instance no longer owns.
    pub fn revocations(&self) -> u64 {
        self.revocations.load(Ordering::Acquire)
    }
}

impl ClientContext for InputContext {
    fn stats(&self, statistics: Statistics) {
        let health = &self.shared.health;
        connectivity::observe_statistics(health, Client::Consumer, &statistics);
        let topic = self.shared.input_topic();
        let Some(stats) = statistics.topics.get(topic) else {
            return;
        };
        for (partition, stats) in &stats.partitions {
            // -1 is librdkafka's internal "unassigned" partition; a lag of -1 is "unknown".
            if *partition >= 0 && stats.consumer_lag >= 0 {
                self.shared
                    .metrics
                    .consumer_lag(topic, *partition, stats.consumer_lag);
            }
        }
    }

    fn error(&self, error: RdError, reason: &str) {
        connectivity::observe_error(&self.shared.health, Client::Consumer, &error, reason);
    }
}

impl ConsumerContext for InputContext {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Revoke(revoked) = rebalance {
            self.revocations.fetch_add(1, Ordering::AcqRel);
            self.committer.commit_on_revoke(consumer, revoked);
        }
    }

    fn post_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        let assigned = consumer
            .assignment()
            .map(|a| a.count() > 0)
            .unwrap_or(false);
        self.shared.health.set_assigned(assigned);
        match rebalance {
            Rebalance::Assign(tpl) => {
                for element in tpl.elements() {
                    self.shared
                        .metrics
                        .track_lag(element.topic(), element.partition());
                }
                tracing::info!(partitions = tpl.count(), "partitions assigned")
            }
            Rebalance::Error(error) => tracing::warn!(%error, "rebalance error"),
            Rebalance::Revoke(_) => {}
        }
    }

    fn commit_callback(&self, result: KafkaResult<()>, _offsets: &TopicPartitionList) {
        if let Err(error) = result {
            self.shared.metrics.commit_error();
            tracing::warn!(%error, "offset commit failed; it is retried at the next interval");
        }
    }
}
