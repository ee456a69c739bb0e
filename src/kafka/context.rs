//! The input consumer's context: rebalances drain and commit (or commit the open transaction)
//! before partitions are released, and librdkafka statistics become consumer-lag gauges and
//! readiness.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::{KafkaError as RdError, KafkaResult};
use rdkafka::producer::Producer as _;
use rdkafka::statistics::Statistics;
use rdkafka::{ClientContext, Offset, TopicPartitionList};

use super::connectivity;
use super::input::{lock_txn, offset_list};
use super::offsets::OffsetTracker;
use super::producer::Producer;
use super::transaction::{TransactionFailure, Transactions};
use crate::health::{Client, Health};
use crate::metrics::Metrics;

/// Shared with the consumer loop; called on the thread that polls the consumer.
pub struct InputContext {
    tracker: Arc<Mutex<OffsetTracker>>,
    producer: Producer,
    metrics: Metrics,
    health: Arc<Health>,
    topic: String,
    drain_deadline: Duration,
    transactions: Option<Arc<Mutex<Transactions>>>,
    /// Rebalances that revoked partitions so far.
    revocations: AtomicU64,
}

impl InputContext {
    /// A context for the consumer of `topic`; `drain_deadline` bounds the flush on revoke;
    /// `transactions` is the transactional state in exactly-once mode.
    pub fn new(
        tracker: Arc<Mutex<OffsetTracker>>,
        producer: Producer,
        metrics: Metrics,
        health: Arc<Health>,
        topic: String,
        drain_deadline: Duration,
        transactions: Option<Arc<Mutex<Transactions>>>,
    ) -> Self {
        Self {
            tracker,
            producer,
            metrics,
            health,
            topic,
            drain_deadline,
            transactions,
            revocations: AtomicU64::new(0),
        }
    }

    /// How many rebalances have revoked partitions: a message received before the count moved
    /// may belong to a partition this instance no longer owns.
    pub fn revocations(&self) -> u64 {
        self.revocations.load(Ordering::Acquire)
    }

    /// Exactly-once: commits the open transaction with the offsets of every partition (the
    /// transaction spans them all) before the revoked ones are released. If it aborts, the loop
    /// reads the partitions it keeps again from their committed offsets.
    fn commit_transaction_on_revoke(
        &self,
        consumer: &BaseConsumer<Self>,
        revoked: &TopicPartitionList,
        transactions: &Mutex<Transactions>,
    ) {
        let mut txn = lock_txn(transactions);
        txn.flush();
        let moved = lock(&self.tracker).committable();
        let committed = match consumer.group_metadata() {
            Some(group) => txn.commit(&offset_list(&self.topic, &moved), &group),
            None => Ok(false),
        };
        match committed {
            Ok(_) => {
                let mut tracker = lock(&self.tracker);
                for &(partition, offset) in &moved {
                    tracker.mark_committed(partition, offset);
                }
            }
            Err(TransactionFailure::Aborted(error)) => {
                tracing::warn!(%error, "transaction aborted on revoke");
                txn.request_rewind();
            }
            Err(error) => tracing::error!(%error, "transaction failed on revoke"),
        }
        drop(txn);
        self.forget(revoked);
    }

    /// Forgets revoked partitions: their inputs in flight and their lag gauges.
    fn forget(&self, revoked: &TopicPartitionList) {
        let mut tracker = lock(&self.tracker);
        for element in revoked.elements_for_topic(&self.topic) {
            tracker.forget(element.partition());
            self.metrics
                .forget_partition(&self.topic, element.partition());
        }
    }

    /// At-least-once: flushes every record in flight, then commits the revoked partitions'
    /// offsets, so that the next owner starts exactly after what this instance published.
    fn drain_revoked(&self, consumer: &BaseConsumer<Self>, revoked: &TopicPartitionList) {
        if let Err(error) = self.producer.flush(self.drain_deadline) {
            tracing::warn!(%error, "flush before revoke did not finish; uncommitted inputs will be read again");
        }
        let tracker = lock(&self.tracker);
        let mut commit = TopicPartitionList::new();
        for element in revoked.elements_for_topic(&self.topic) {
            let partition = element.partition();
            if let Some(offset) = tracker.committable_for(partition) {
                let _ = commit.add_partition_offset(&self.topic, partition, Offset::Offset(offset));
            }
        }
        drop(tracker);
        self.forget(revoked);
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
        connectivity::observe_statistics(&self.health, Client::Consumer, &statistics);
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

    fn error(&self, error: RdError, reason: &str) {
        connectivity::observe_error(&self.health, Client::Consumer, &error, reason);
    }
}

impl ConsumerContext for InputContext {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Revoke(revoked) = rebalance {
            self.revocations.fetch_add(1, Ordering::AcqRel);
            match &self.transactions {
                Some(transactions) => {
                    self.commit_transaction_on_revoke(consumer, revoked, transactions)
                }
                None => self.drain_revoked(consumer, revoked),
            }
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
