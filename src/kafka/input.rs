//! The consumer loop: restore the dedup state, then consume and process in batches
//! (`input/batch.rs`), publish, and commit what
//! has been acknowledged (at-least-once) or commit records and offsets in one transaction per
//! interval (exactly-once); pause partitions with too much in flight; drain on shutdown.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rdkafka::consumer::{CommitMode, Consumer, StreamConsumer};
use rdkafka::error::KafkaError as RdError;
use rdkafka::producer::Producer as _;
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::TopicPartitionList;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::changelog::ChangelogUpdate;
use super::context::{lock, InputContext};
use super::offsets::OffsetTracker;
use super::producer::{error_kind, send, Delivery, Producer};
use super::records::changelog_record;
use super::transaction::Transactions;
use super::KafkaError;

mod batch;
mod transactional;

use crate::health::Health;
use crate::metrics::Metrics;
use crate::pipeline::Pipeline;
use crate::replay::Origin;
use crate::settings::Topics;
pub use transactional::{lock_txn, offset_list};

/// How often paused partitions are checked for resumption.
const HOUSEKEEPING: Duration = Duration::from_millis(20);
/// How long to wait when librdkafka's queue is full before offering a record again.
const QUEUE_FULL_BACKOFF: Duration = Duration::from_millis(5);

/// Everything the loop owns.
pub struct InputLoop {
    /// The consumer group client of the input topic.
    pub consumer: StreamConsumer<InputContext>,
    /// The producer of every output.
    pub producer: Producer,
    /// Offsets in flight, shared with the delivery callback and the rebalance callback.
    pub tracker: Arc<Mutex<OffsetTracker>>,
    /// The pure stages and the dedup index.
    pub pipeline: Pipeline,
    /// Topic names.
    pub topics: Topics,
    /// Metrics.
    pub metrics: Metrics,
    /// Readiness.
    pub health: Arc<Health>,
    /// Pause a partition with this many inputs in flight.
    pub max_in_flight: usize,
    /// Most inputs taken from the consumer and processed together.
    pub batch_max: usize,
    /// How often to commit.
    pub commit_interval: Duration,
    /// Failed deliveries coming back from the delivery callback.
    pub failed: mpsc::UnboundedReceiver<Box<Delivery>>,
    /// Changelog records and the caught-up signal from the tailer.
    pub changelog: mpsc::Receiver<ChangelogUpdate>,
    /// The transactional state in exactly-once mode; `None` in at-least-once mode.
    pub transactions: Option<Arc<Mutex<Transactions>>>,
}

impl InputLoop {
    /// Runs until `shutdown`, then drains within `deadline`. The clients stay open, for the
    /// caller to close.
    pub async fn run(
        &mut self,
        shutdown: &CancellationToken,
        deadline: Duration,
    ) -> Result<(), KafkaError> {
        let consumed = if self.restore(shutdown).await {
            self.consumer
                .subscribe(&[&self.topics.input])
                .map_err(KafkaError::Client)?;
            tracing::info!(topic = %self.topics.input, "state restored; consuming");
            self.consume(shutdown).await
        } else {
            Ok(())
        };
        if self.transactions.is_some() {
            if consumed.is_ok() {
                // What cannot be committed now is read again at the next start.
                if let Err(error) = self.commit_transaction() {
                    tracing::warn!(%error, "last transaction not committed");
                }
            }
            return consumed;
        }
        let drained = tokio::time::timeout(deadline, self.drain()).await;
        if drained.is_err() {
            tracing::warn!(
                ?deadline,
                "shutdown deadline reached with records in flight"
            );
        }
        self.commit(CommitMode::Sync);
        consumed
    }

    /// Applies changelog records until the tailer has read every partition to its end.
    /// Returns false if shut down first.
    async fn restore(&mut self, shutdown: &CancellationToken) -> bool {
        let started = Instant::now();
        loop {
            let update = tokio::select! {
                _ = shutdown.cancelled() => return false,
                update = self.changelog.recv() => update,
            };
            match update {
                Some(ChangelogUpdate::Record { key, value, origin }) => {
                    self.apply(&key, value.as_deref(), origin)
                }
                Some(ChangelogUpdate::CaughtUp) => {
                    self.health.set_restored(true);
                    tracing::info!(entries = self.pipeline.index_len(), took = ?started.elapsed(), "dedup state restored");
                    return true;
                }
                None => return false,
            }
        }
    }

    /// Consumes until `shutdown`; an error is fatal (a fenced transactional producer, say).
    async fn consume(&mut self, shutdown: &CancellationToken) -> Result<(), KafkaError> {
        let mut paused: HashSet<i32> = HashSet::new();
        let mut housekeeping = tokio::time::interval(HOUSEKEEPING);
        let mut last_commit = Instant::now();
        loop {
            tokio::select! {
                biased;
                _ = shutdown.cancelled() => return Ok(()),
                Some(delivery) = self.failed.recv() => self.delivery_failed(delivery).await?,
                Some(update) = self.changelog.recv() => {
                    if let ChangelogUpdate::Record { key, value, origin } = update {
                        self.apply(&key, value.as_deref(), origin);
                    }
                }
                _ = housekeeping.tick() => {
                    self.resume_drained(&mut paused);
                    if last_commit.elapsed() >= self.commit_interval {
                        self.expire().await?;
                        self.commit_progress()?;
                        last_commit = Instant::now();
                    }
                }
                received = self.consumer.recv() => match received {
                    Ok(message) => {
                        let batch = self.take_batch(message.detach());
                        self.handle_batch(&batch, &mut paused).await?;
                    }
                    Err(error) => {
                        tracing::warn!(%error, "consume failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                },
            }
            if self
                .transactions
                .as_deref()
                .is_some_and(|t| lock_txn(t).take_rewind())
            {
                self.rewind()?;
            }
        }
    }

    /// Offers a record until librdkafka takes it. In exactly-once mode, a refusal other than a
    /// full queue means the transaction cannot go on: it is returned, to abort.
    async fn offer(&self, mut delivery: Box<Delivery>) -> Result<(), RdError> {
        loop {
            match send(&self.producer, delivery) {
                Ok(()) => return Ok(()),
                Err((RdError::MessageProduction(RDKafkaErrorCode::QueueFull), back)) => {
                    delivery = back;
                    tokio::time::sleep(QUEUE_FULL_BACKOFF).await;
                }
                Err((error, back)) => {
                    self.metrics.producer_error(error_kind(&error));
                    if self.transactions.is_some() {
                        return Err(error);
                    }
                    tracing::warn!(%error, topic = %back.record.topic, "produce failed; retrying");
                    delivery = back;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
    }

    /// A record could not be delivered. At-least-once: send it again, after a pause that lets
    /// the broker recover. Exactly-once: its transaction is lost; abort it and read again.
    async fn delivery_failed(&mut self, delivery: Box<Delivery>) -> Result<(), KafkaError> {
        if self.transactions.is_some() {
            let error = RdError::MessageProduction(RDKafkaErrorCode::Fail);
            return self.abort_and_rewind(&error);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        // Never an error in at-least-once mode: it retries until the record is taken.
        let _ = self.offer(delivery).await;
        Ok(())
    }

    fn apply(&mut self, key: &[u8], value: Option<&[u8]>, origin: Option<Origin>) {
        match self.pipeline.apply_changelog(key, value, origin) {
            Ok(()) => self.metrics.changelog_applied(),
            Err(error) => tracing::warn!(%error, "changelog record skipped"),
        }
        self.metrics.index_entries(self.pipeline.index_len());
    }

    /// Tombstones fingerprints past the dedup window, so that the changelog forgets them too.
    async fn expire(&mut self) -> Result<(), KafkaError> {
        let expired = self.pipeline.take_expired();
        self.metrics.index_entries(self.pipeline.index_len());
        if expired.is_empty() {
            return Ok(());
        }
        self.begin_transaction()?;
        for id in expired {
            let record = changelog_record(&self.topics, &id, None, None);
            let delivery = Box::new(Delivery {
                input: None,
                record: Arc::new(record),
            });
            if let Err(error) = self.offer(delivery).await {
                // The index has forgotten them; a restart's changelog restore expires them again.
                return self.abort_and_rewind(&error);
            }
        }
        Ok(())
    }

    fn resume_drained(&self, paused: &mut HashSet<i32>) {
        let tracker = lock(&self.tracker);
        self.metrics.in_flight(tracker.total_in_flight());
        let resumable: Vec<i32> = paused
            .iter()
            .copied()
            .filter(|&p| tracker.in_flight(p) <= self.max_in_flight / 2)
            .collect();
        drop(tracker);
        for partition in resumable {
            paused.remove(&partition);
            self.set_paused(partition, false);
        }
    }

    fn set_paused(&self, partition: i32, pause: bool) {
        let mut tpl = TopicPartitionList::new();
        tpl.add_partition(&self.topics.input, partition);
        let result = if pause {
            self.consumer.pause(&tpl)
        } else {
            self.consumer.resume(&tpl)
        };
        match result {
            Ok(()) => tracing::debug!(partition, pause, "backpressure"),
            Err(error) => tracing::warn!(%error, partition, pause, "pause/resume failed"),
        }
    }

    /// Makes progress durable: commits acknowledged offsets (at-least-once) or the open
    /// transaction (exactly-once).
    fn commit_progress(&mut self) -> Result<(), KafkaError> {
        if self.transactions.is_some() {
            self.commit_transaction()
        } else {
            self.commit(CommitMode::Async);
            Ok(())
        }
    }

    /// Commits every partition whose acknowledged offset moved.
    fn commit(&self, mode: CommitMode) {
        let mut tracker = lock(&self.tracker);
        let moved = tracker.committable();
        if moved.is_empty() {
            return;
        }
        let tpl = offset_list(&self.topics.input, &moved);
        match self.consumer.commit(&tpl, mode) {
            Ok(()) => {
                self.metrics.offsets_committed();
                for (partition, offset) in moved {
                    tracker.mark_committed(partition, offset);
                }
            }
            Err(error) => tracing::warn!(%error, "commit failed; retried at the next interval"),
        }
    }

    /// Stops fetching and waits until every record in flight is acknowledged, sending failed
    /// ones again.
    async fn drain(&mut self) {
        if let Ok(assignment) = self.consumer.assignment() {
            let _ = self.consumer.pause(&assignment);
        }
        loop {
            if lock(&self.tracker).total_in_flight() == 0 {
                break;
            }
            tokio::select! {
                Some(delivery) = self.failed.recv() => {
                    let _ = self.offer(delivery).await;
                }
                _ = tokio::time::sleep(Duration::from_millis(10)) => {}
            }
        }
        let _ = self.producer.flush(Duration::from_secs(1));
        tracing::info!("drained: every record acknowledged");
    }
}
