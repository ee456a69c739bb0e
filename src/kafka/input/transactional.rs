//! The consumer loop in exactly-once mode: opening and committing the transaction that holds
//! an interval's records and input offsets, and reading again after an abort.

use std::sync::Mutex;
use std::time::Duration;

use rdkafka::consumer::Consumer;
use rdkafka::error::KafkaError as RdError;
use rdkafka::{Offset, TopicPartitionList};

use super::InputLoop;
use crate::kafka::context::lock;
use crate::kafka::transaction::{TransactionFailure, Transactions};
use crate::kafka::KafkaError;

/// Longest wait for the committed offsets when rewinding after an aborted transaction.
const REWIND_TIMEOUT: Duration = Duration::from_secs(10);
/// Attempts to read the committed offsets before a rewind gives up (and the daemon stops, so
/// that a restart reads them).
const REWIND_ATTEMPTS: u32 = 10;

impl InputLoop {
    /// Opens a transaction in exactly-once mode, unless one is open.
    pub(super) fn begin_transaction(&self) -> Result<(), KafkaError> {
        match &self.transactions {
            Some(transactions) => lock_txn(transactions)
                .begin_if_needed()
                .map_err(KafkaError::Transaction),
            None => Ok(()),
        }
    }

    /// Commits the open transaction with the offsets of every input whose records it holds.
    /// An aborted transaction is read again; a fatal failure stops the loop.
    pub(super) fn commit_transaction(&mut self) -> Result<(), KafkaError> {
        let Some(transactions) = self.transactions.clone() else {
            return Ok(());
        };
        let Some(group) = self.consumer.group_metadata() else {
            return Ok(());
        };
        let mut txn = lock_txn(&transactions);
        txn.flush();
        let moved = lock(&self.tracker).committable();
        let offsets = offset_list(&self.topics.input, &moved);
        match txn.commit(&offsets, &group) {
            Ok(committed) => {
                if committed && !moved.is_empty() {
                    self.metrics.offsets_committed();
                }
                let mut tracker = lock(&self.tracker);
                for (partition, offset) in moved {
                    tracker.mark_committed(partition, offset);
                }
                Ok(())
            }
            Err(TransactionFailure::Aborted(error)) => {
                drop(txn);
                tracing::warn!(%error, "transaction aborted");
                self.rewind()
            }
            Err(fatal) => Err(KafkaError::Transaction(fatal)),
        }
    }

    /// Aborts the open transaction after `error` and reads its inputs again.
    pub(super) fn abort_and_rewind(&mut self, error: &RdError) -> Result<(), KafkaError> {
        tracing::warn!(%error, "record not delivered; aborting the transaction");
        if let Some(transactions) = &self.transactions {
            lock_txn(transactions)
                .abort()
                .map_err(KafkaError::Transaction)?;
        }
        self.rewind()
    }

    /// After an aborted transaction: forgets every input in flight and reads again from the
    /// committed offsets. The dedup index still holds the aborted inputs' fingerprints, tagged
    /// with their positions, so that reading them again codes them again (see `replay`).
    pub(super) fn rewind(&mut self) -> Result<(), KafkaError> {
        // A transaction opened since the abort (after a rewind requested on revoke) holds
        // records of inputs about to be read again: it goes too.
        if let Some(transactions) = &self.transactions {
            lock_txn(transactions)
                .abort()
                .map_err(KafkaError::Transaction)?;
        }
        while self.failed.try_recv().is_ok() {}
        let committed = self.committed_offsets()?;
        let mut tracker = lock(&self.tracker);
        for element in committed.elements() {
            let offset = match element.offset() {
                Offset::Offset(offset) => Offset::Offset(offset),
                _ => Offset::Beginning,
            };
            tracker.forget(element.partition());
            if let Err(error) =
                self.consumer
                    .seek(element.topic(), element.partition(), offset, REWIND_TIMEOUT)
            {
                tracing::warn!(%error, partition = element.partition(), "seek after abort failed");
            }
        }
        tracing::warn!(
            partitions = committed.count(),
            "reading again from the committed offsets"
        );
        Ok(())
    }

    /// The group's committed offsets of this instance's assignment, retried while the broker
    /// cannot answer; a rewind that cannot learn them stops the daemon rather than skip inputs.
    fn committed_offsets(&self) -> Result<TopicPartitionList, KafkaError> {
        let assignment = self.consumer.assignment().map_err(KafkaError::Client)?;
        let mut attempt = 1;
        loop {
            match self
                .consumer
                .committed_offsets(assignment.clone(), REWIND_TIMEOUT)
            {
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
}

/// `(partition, next offset)` pairs of `topic` as a list to commit.
pub fn offset_list(topic: &str, offsets: &[(i32, i64)]) -> TopicPartitionList {
    let mut tpl = TopicPartitionList::new();
    for &(partition, offset) in offsets {
        let _ = tpl.add_partition_offset(topic, partition, Offset::Offset(offset));
    }
    tpl
}

/// Locks the transactional state even if a panicking thread poisoned it.
pub fn lock_txn(transactions: &Mutex<Transactions>) -> std::sync::MutexGuard<'_, Transactions> {
    transactions
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
