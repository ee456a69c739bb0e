//! Exactly-once delivery: the records caused by the inputs of one commit interval and those
//! inputs' offsets are committed in one Kafka transaction, or not at all.
//!
//! A transaction opens lazily, when the first record of an interval is sent. Committing sends
//! the offsets to the transaction (`send_offsets_to_transaction`, with the consumer group's
//! metadata, so that a zombie instance is fenced), then commits. An abortable failure aborts:
//! the aborted inputs must be read again from the last committed offsets (the consumer loop
//! rewinds). A fatal one (this producer fenced by a newer instance with the same
//! `transactional.id`, say) stops the daemon.

use std::time::Duration;

use rdkafka::consumer::ConsumerGroupMetadata;
use rdkafka::error::KafkaError as RdError;
use rdkafka::producer::Producer as _;
use rdkafka::TopicPartitionList;

use super::producer::Producer;
use crate::metrics::Metrics;

/// Longest wait of one transactional request to the broker.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Attempts of a request whose failure librdkafka calls retriable.
const ATTEMPTS: usize = 5;

/// A transaction that could not be committed.
#[derive(Debug, thiserror::Error)]
pub enum TransactionFailure {
    /// The transaction was aborted; its inputs must be read again from the committed offsets.
    #[error("transaction aborted: {0}")]
    Aborted(#[source] RdError),
    /// The producer cannot go on.
    #[error("transactional producer failed for good: {0}")]
    Fatal(#[source] RdError),
}

/// The transactional state of the one producer.
pub struct Transactions {
    producer: Producer,
    metrics: Metrics,
    open: bool,
    rewind_pending: bool,
}

impl Transactions {
    /// Registers the producer's `transactional.id` with its coordinator, which aborts whatever
    /// transaction an earlier incarnation (a crashed process) left open and fences it.
    pub fn init(producer: Producer, metrics: Metrics) -> Result<Self, RdError> {
        producer.init_transactions(REQUEST_TIMEOUT)?;
        Ok(Self {
            producer,
            metrics,
            open: false,
            rewind_pending: false,
        })
    }

    /// Opens a transaction unless one is open.
    pub fn begin_if_needed(&mut self) -> Result<(), TransactionFailure> {
        if !self.open {
            self.producer
                .begin_transaction()
                .map_err(TransactionFailure::Fatal)?;
            self.open = true;
        }
        Ok(())
    }

    /// Waits for every record of the open transaction to be acknowledged, so that the offset
    /// tracker knows which inputs are complete.
    pub fn flush(&self) {
        if let Err(error) = self.producer.flush(REQUEST_TIMEOUT) {
            tracing::warn!(%error, "flush before commit did not finish");
        }
    }

    /// Commits the open transaction with `offsets` (the next input offset to read, per
    /// partition). Returns whether anything was committed. On failure the transaction is
    /// aborted, or the producer is lost.
    pub fn commit(
        &mut self,
        offsets: &TopicPartitionList,
        group: &ConsumerGroupMetadata,
    ) -> Result<bool, TransactionFailure> {
        if !self.open && offsets.count() == 0 {
            return Ok(false);
        }
        self.begin_if_needed()?;
        let committed = retrying(|| {
            if offsets.count() > 0 {
                self.producer
                    .send_offsets_to_transaction(offsets, group, REQUEST_TIMEOUT)?;
            }
            self.producer.commit_transaction(REQUEST_TIMEOUT)
        });
        match committed {
            Ok(()) => {
                self.open = false;
                self.metrics.transaction("committed");
                Ok(true)
            }
            Err(error) if is_fatal(&error) => Err(TransactionFailure::Fatal(error)),
            Err(error) => {
                self.abort()?;
                Err(TransactionFailure::Aborted(error))
            }
        }
    }

    /// Aborts the open transaction: none of its records will be visible to `read_committed`
    /// consumers.
    pub fn abort(&mut self) -> Result<(), TransactionFailure> {
        if self.open {
            retrying(|| self.producer.abort_transaction(REQUEST_TIMEOUT))
                .map_err(TransactionFailure::Fatal)?;
            self.open = false;
            self.metrics.transaction("aborted");
        }
        Ok(())
    }

    /// Notes that a transaction was aborted where the consumer loop could not rewind (in the
    /// rebalance callback); the loop rewinds at its next step.
    pub fn request_rewind(&mut self) {
        self.rewind_pending = true;
    }

    /// Whether a rewind was requested, clearing the request.
    pub fn take_rewind(&mut self) -> bool {
        std::mem::take(&mut self.rewind_pending)
    }
}

/// Runs a transactional request again while librdkafka calls its failure retriable.
fn retrying(mut request: impl FnMut() -> Result<(), RdError>) -> Result<(), RdError> {
    let mut attempt = 1;
    loop {
        match request() {
            Err(error) if is_retriable(&error) && attempt < ATTEMPTS => {
                tracing::warn!(%error, attempt, "transactional request failed; retrying");
                std::thread::sleep(Duration::from_millis(100 * attempt as u64));
                attempt += 1;
            }
            result => return result,
        }
    }
}

fn is_retriable(error: &RdError) -> bool {
    matches!(error, RdError::Transaction(e) if e.is_retriable())
}

/// Fatal: the producer must be recreated. Errors outside the transaction API count as fatal
/// only when librdkafka says so; everything else can be aborted.
fn is_fatal(error: &RdError) -> bool {
    matches!(error, RdError::Transaction(e) if e.is_fatal())
}
