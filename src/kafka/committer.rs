//! Committing: making the consume loop's progress durable in either delivery mode, and reading
//! again from the committed offsets after an aborted transaction.
//!
//! At-least-once: the offsets the tracker calls complete (every record acknowledged, contiguous
//! per partition) are committed to the group. Exactly-once: the records of an interval and
//! those offsets are committed in one transaction (see `transaction.rs`). The consume loop
//! commits every interval and at shutdown; the rebalance callback commits before partitions
//! are released. Both go through this one type, and every commit takes its offsets from one
//! place ([`Pending`](super::pending::Pending)), so the two modes and the two callers cannot disagree on what is done.
//!
//! Every call here blocks on librdkafka. The committer is used only on the consume loop's own
//! thread (the rebalance callback runs there too, inside `poll`), never on the async runtime.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext};
use rdkafka::error::KafkaError as RdError;
use rdkafka::producer::Producer as _;
use rdkafka::{Offset, TopicPartitionList};

use super::error::KafkaError;
use super::pending::Pending;
use super::shared::Shared;
use super::transaction::{TransactionFailure, Transactions};

/// Longest wait for the committed offsets when rewinding after an aborted transaction.
const REWIND_TIMEOUT: Duration = Duration::from_secs(10);
/// Attempts to read the committed offsets before a rewind gives up (and the daemon stops, so
/// that a restart reads them).
const REWIND_ATTEMPTS: u32 = 10;

/// Whether the consume loop can go on reading where it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum Flow {
    /// Go on.
    Continue,
    /// The transaction was aborted and the consumer sent back to the committed offsets: what
    /// was read since is read again, and failed deliveries of the aborted records are void.
    Rewound,
}

/// How progress is made durable.
enum Mode {
    /// Offsets committed to the group once their inputs' records are acknowledged.
    AtLeastOnce {
        /// Longest flush of the records in flight before revoked partitions are committed.
        drain_deadline: Duration,
    },
    /// Records and offsets committed in one transaction (boxed: the transactional state is
    /// much larger than a deadline).
    ExactlyOnce(Box<Mutex<Transactions>>),
}

/// The one committer of the consume loop and its rebalance callback.
pub struct Committer {
    shared: Arc<Shared>,
    mode: Mode,
}

impl Committer {
    /// At-least-once: `drain_deadline` bounds the flush before revoked partitions are committed.
    pub fn at_least_once(shared: Arc<Shared>, drain_deadline: Duration) -> Self {
        Self {
            shared,
            mode: Mode::AtLeastOnce { drain_deadline },
        }
    }

    /// Exactly-once, with the producer's initialised transactional state.
    pub fn exactly_once(shared: Arc<Shared>, transactions: Transactions) -> Self {
        Self {
            shared,
            mode: Mode::ExactlyOnce(Box::new(Mutex::new(transactions))),
        }
    }

    /// Opens a transaction in exactly-once mode, unless one is open: records about to be
    /// offered must belong to one.
    pub fn begin(&self) -> Result<(), KafkaError> {
        match self.transactions() {
            Some(mut txn) => txn.begin_if_needed().map_err(KafkaError::Transaction),
            None => Ok(()),
        }
    }

    /// Commits what is complete: the acknowledged offsets (at-least-once, in `mode`) or the
    /// open transaction with them (exactly-once). An aborted transaction rewinds the consumer;
    /// a fatal failure is returned.
    pub fn commit<X: ConsumerContext>(
        &self,
        consumer: &BaseConsumer<X>,
        mode: CommitMode,
    ) -> Result<Flow, KafkaError> {
        if !matches!(self.mode, Mode::ExactlyOnce(_)) {
            self.commit_offsets(consumer, mode);
            return Ok(Flow::Continue);
        }
        match self.commit_transaction(consumer) {
            Ok(()) => Ok(Flow::Continue),
            Err(TransactionFailure::Aborted(error)) => {
                tracing::warn!(%error, "transaction aborted");
                self.rewind(consumer)
            }
            Err(fatal) => Err(KafkaError::Transaction(fatal)),
        }
    }

    /// Before `revoked` partitions are released: at-least-once, flushes every record in flight
    /// and commits the revoked partitions, so that the next owner starts exactly after what
    /// this instance published; exactly-once, commits the open transaction (it spans every
    /// partition), and if it aborts, asks the loop to rewind the partitions it keeps.
    pub fn commit_on_revoke<X: ConsumerContext>(
        &self,
        consumer: &BaseConsumer<X>,
        revoked: &TopicPartitionList,
    ) {
        let partitions: Vec<i32> = revoked
            .elements_for_topic(self.shared.input_topic())
            .iter()
            .map(|e| e.partition())
            .collect();
        match &self.mode {
            Mode::AtLeastOnce { drain_deadline } => {
                if let Err(error) = self.shared.producer.flush(*drain_deadline) {
                    tracing::warn!(%error, "flush before revoke did not finish; uncommitted inputs will be read again");
                }
                let pending = Pending::of_partitions(&self.shared.tracker.lock(), &partitions);
                self.forget(&partitions);
                if !pending.is_empty() {
                    let list = pending.list(self.shared.input_topic());
                    match consumer.commit(&list, CommitMode::Sync) {
                        Ok(()) => self.shared.metrics.offsets_committed(),
                        Err(error) => {
                            self.shared.metrics.commit_error();
                            tracing::warn!(%error, "commit on revoke failed");
                        }
                    }
                }
                tracing::info!(
                    partitions = revoked.count(),
                    "partitions revoked after draining"
                );
            }
            Mode::ExactlyOnce(transactions) => {
                match self.commit_transaction(consumer) {
                    Ok(()) => {}
                    Err(TransactionFailure::Aborted(error)) => {
                        tracing::warn!(%error, "transaction aborted on revoke");
                        lock(transactions).request_rewind();
                    }
                    Err(error) => tracing::error!(%error, "transaction failed on revoke"),
                }
                self.forget(&partitions);
            }
        }
    }

    /// Whether the rebalance callback asked for a rewind, clearing the request.
    pub fn take_rewind(&self) -> bool {
        self.transactions().is_some_and(|mut txn| txn.take_rewind())
    }

    /// Aborts the open transaction after `error` (a record it holds was refused) and reads its
    /// inputs again.
    pub fn abort_and_rewind<X: ConsumerContext>(
        &self,
        consumer: &BaseConsumer<X>,
        error: &RdError,
    ) -> Result<Flow, KafkaError> {
        tracing::warn!(%error, "record not delivered; aborting the transaction");
        self.rewind(consumer)
    }

    /// Aborts the open transaction, forgets every input in flight and reads again from the
    /// committed offsets. The dedup index still holds the aborted inputs' fingerprints, tagged
    /// with their positions, so that reading them again codes them again (see `replay`).
    pub fn rewind<X: ConsumerContext>(
        &self,
        consumer: &BaseConsumer<X>,
    ) -> Result<Flow, KafkaError> {
        // A transaction opened since an abort (after a rewind requested on revoke) holds
        // records of inputs about to be read again: it goes too.
        if let Some(mut txn) = self.transactions() {
            txn.abort().map_err(KafkaError::Transaction)?;
        }
        let committed = committed_offsets(consumer)?;
        let mut tracker = self.shared.tracker.lock();
        for element in committed.elements() {
            let offset = match element.offset() {
                Offset::Offset(offset) => Offset::Offset(offset),
                _ => Offset::Beginning,
            };
            tracker.forget(element.partition());
            if let Err(error) =
                consumer.seek(element.topic(), element.partition(), offset, REWIND_TIMEOUT)
            {
                tracing::warn!(%error, partition = element.partition(), "seek after abort failed");
            }
        }
        tracing::warn!(
            partitions = committed.count(),
            "reading again from the committed offsets"
        );
        Ok(Flow::Rewound)
    }

    /// At-least-once: commits every partition whose acknowledged offset moved.
    fn commit_offsets<X: ConsumerContext>(&self, consumer: &BaseConsumer<X>, mode: CommitMode) {
        let mut tracker = self.shared.tracker.lock();
        let pending = Pending::moved(&tracker);
        if pending.is_empty() {
            return;
        }
        match consumer.commit(&pending.list(self.shared.input_topic()), mode) {
            Ok(()) => {
                self.shared.metrics.offsets_committed();
                pending.mark(&mut tracker);
            }
            Err(error) => {
                self.shared.metrics.commit_error();
                tracing::warn!(%error, "commit failed; retried at the next interval");
            }
        }
    }

    /// Exactly-once: waits for the open transaction's records, then commits it with the
    /// offsets of every input whose records are all acknowledged. On failure the transaction
    /// is aborted, or the producer is lost. Does nothing in at-least-once mode.
    fn commit_transaction<X: ConsumerContext>(
        &self,
        consumer: &BaseConsumer<X>,
    ) -> Result<(), TransactionFailure> {
        let (Some(mut txn), Some(group)) = (self.transactions(), consumer.group_metadata()) else {
            return Ok(());
        };
        txn.flush();
        let pending = Pending::moved(&self.shared.tracker.lock());
        let committed = txn.commit(&pending.list(self.shared.input_topic()), &group)?;
        if committed && !pending.is_empty() {
            self.shared.metrics.offsets_committed();
        }
        pending.mark(&mut self.shared.tracker.lock());
        Ok(())
    }

    /// Forgets revoked partitions: their inputs in flight and their lag gauges.
    fn forget(&self, partitions: &[i32]) {
        let mut tracker = self.shared.tracker.lock();
        for &partition in partitions {
            tracker.forget(partition);
            self.shared
                .metrics
                .forget_partition(self.shared.input_topic(), partition);
        }
    }

    fn transactions(&self) -> Option<MutexGuard<'_, Transactions>> {
        match &self.mode {
            Mode::ExactlyOnce(transactions) => Some(lock(transactions)),
            Mode::AtLeastOnce { .. } => None,
        }
    }
}

/// The group's committed offsets of this instance's assignment, retried while the broker
/// cannot answer; a rewind that cannot learn them stops the daemon rather than skip inputs.
fn committed_offsets<X: ConsumerContext>(
    consumer: &BaseConsumer<X>,
) -> Result<TopicPartitionList, KafkaError> {
    let assignment = consumer.assignment().map_err(KafkaError::Client)?;
    let mut attempt = 1;
    loop {
        match consumer.committed_offsets(assignment.clone(), REWIND_TIMEOUT) {
            Ok(committed) => return Ok(committed),
            Err(error) if attempt < REWIND_ATTEMPTS => {
                tracing::warn!(%error, attempt, "cannot read committed offsets; retrying");
                std::thread::sleep(Duration::from_millis(500));
                attempt += 1;
            }
            Err(error) => return Err(KafkaError::Client(error)),
        }
    }
}

/// Locks the transactional state even if a panicking thread poisoned it.
fn lock(transactions: &Mutex<Transactions>) -> MutexGuard<'_, Transactions> {
    transactions.lock().unwrap_or_else(PoisonError::into_inner)
}
