//! The consume loop: restore the dedup state, then take batches ([`batches`](super::batches)),
//! publish their records ([`Publisher`]) and make progress durable every commit interval
//! ([`Committer`]); drain and commit on shutdown.
//!
//! It runs on a thread of its own, synchronously: every librdkafka call it makes (a poll, a
//! flush, a transaction commit, a retry's sleep) may block, and so may the rebalance callback
//! librdkafka runs inside `poll`. None of that touches the async runtime.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::message::{Message, OwnedMessage};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::batches::{self, Done};
use super::changelog::ChangelogUpdate;
use super::committer::{Committer, Flow};
use super::connectivity;
use super::error::KafkaError;
use super::producer::Delivery;
use super::publisher::{InputRecords, Publisher};
use super::rebalance::InputContext;
use super::records::{changelog_record, Publication};
use super::shared::Shared;
use crate::model::Position;
use crate::pipeline::{DeadLetter, Outcome, Pipeline};
use crate::settings::DeliveryMode;

/// How long one poll waits for a message; the housekeeping (resuming paused partitions,
/// committing) runs at least this often.
const HOUSEKEEPING: Duration = Duration::from_millis(20);
/// How long the input topic's metadata may take to read at start.
const METADATA_TIMEOUT: Duration = Duration::from_secs(10);

/// Everything the loop owns.
pub struct InputLoop {
    /// The consumer group client of the input topic.
    pub consumer: BaseConsumer<InputContext>,
    /// The handles shared with the publisher, the committer and the callbacks.
    pub shared: Arc<Shared>,
    /// Makes progress durable; the rebalance callback commits through it too.
    pub committer: Arc<Committer>,
    /// Offers records, retries failures, applies backpressure.
    pub publisher: Publisher,
    /// The pure stages and the dedup index.
    pub pipeline: Pipeline,
    /// Changelog records and the caught-up signal from the tailer.
    pub changelog: mpsc::Receiver<ChangelogUpdate>,
    /// Most inputs taken from the consumer and processed together.
    pub batch_max: usize,
    /// How often to commit.
    pub commit_interval: Duration,
    /// Inputs per input partition that can be read again, which the replay guard must cover.
    pub replay_memory_per_partition: usize,
}

impl InputLoop {
    /// Runs until `shutdown`, then drains within `deadline` and commits. Blocks: call it on a
    /// thread of its own. The clients stay open, for the caller to close.
    pub fn run(
        &mut self,
        shutdown: &CancellationToken,
        deadline: Duration,
    ) -> Result<(), KafkaError> {
        let consumed = if self.restore() {
            let topic = self.shared.input_topic();
            self.check_replay_memory(topic)?;
            self.consumer
                .subscribe(&[topic])
                .map_err(KafkaError::Client)?;
            tracing::info!(%topic, "state restored; consuming");
            self.consume(shutdown)
        } else {
            Ok(())
        };
        if self.shared.delivery == DeliveryMode::ExactlyOnce {
            if consumed.is_ok() {
                // What cannot be committed now is read again at the next start.
                if let Err(error) = self.committer.commit(&self.consumer, CommitMode::Sync) {
                    tracing::warn!(%error, "last transaction not committed");
                }
            }
            return consumed;
        }
        if !self.publisher.drain(&self.consumer, deadline) {
            tracing::warn!(
                ?deadline,
                "shutdown deadline reached with records in flight"
            );
        }
        // At-least-once never fails to commit: what is not committed is read again.
        let _ = self.committer.commit(&self.consumer, CommitMode::Sync);
        consumed
    }

    /// Refuses to consume when the replay guard is smaller than what the input topic can have
    /// uncommitted; a topic whose metadata cannot be read yet is left to the subscription.
    fn check_replay_memory(&self, topic: &str) -> Result<(), KafkaError> {
        let partitions = match self.consumer.fetch_metadata(Some(topic), METADATA_TIMEOUT) {
            Ok(metadata) => metadata
                .topics()
                .iter()
                .find(|t| t.name() == topic)
                .map_or(0, |t| t.partitions().len()),
            Err(error) => {
                tracing::warn!(%error, %topic, "cannot read the input topic's partitions");
                return Ok(());
            }
        };
        let needed = partitions.saturating_mul(self.replay_memory_per_partition);
        let configured = self.pipeline.replay_memory();
        if configured < needed {
            return Err(KafkaError::ReplayMemory {
                configured,
                partitions,
                needed,
            });
        }
        Ok(())
    }

    /// Applies changelog records until the tailer has read every partition to its end.
    /// Returns false if shut down first (the tailer then ends, closing the channel).
    fn restore(&mut self) -> bool {
        let started = Instant::now();
        loop {
            match self.changelog.blocking_recv() {
                Some(ChangelogUpdate::Record { key, value, origin }) => {
                    self.apply(&key, value.as_deref(), origin)
                }
                Some(ChangelogUpdate::CaughtUp) => {
                    self.shared.health.set_restored(true);
                    tracing::info!(entries = self.pipeline.index_len(), took = ?started.elapsed(), "dedup state restored");
                    return true;
                }
                None => return false,
            }
        }
    }

    /// Consumes until `shutdown`; an error is fatal (a fenced transactional producer, say).
    fn consume(&mut self, shutdown: &CancellationToken) -> Result<(), KafkaError> {
        let mut last_housekeeping = Instant::now();
        let mut last_commit = Instant::now();
        while !shutdown.is_cancelled() {
            self.shared.health.beat();
            if let Err(error) = self.publisher.retry_failed() {
                self.flow(self.committer.abort_and_rewind(&self.consumer, &error)?);
            }
            while let Ok(update) = self.changelog.try_recv() {
                if let ChangelogUpdate::Record { key, value, origin } = update {
                    self.apply(&key, value.as_deref(), origin);
                }
            }
            if last_housekeeping.elapsed() >= HOUSEKEEPING {
                last_housekeeping = Instant::now();
                self.publisher.resume_drained(&self.consumer);
                if last_commit.elapsed() >= self.commit_interval {
                    self.expire()?;
                    self.flow(self.committer.commit(&self.consumer, CommitMode::Async)?);
                    last_commit = Instant::now();
                }
            }
            let polled = self
                .consumer
                .poll(HOUSEKEEPING)
                .map(|received| received.map(|message| message.detach()));
            match polled {
                Some(Ok(message)) => {
                    let batch = batches::take(&self.consumer, message, self.batch_max);
                    self.handle_batch(&batch)?;
                }
                Some(Err(error)) => {
                    let kind = connectivity::consume_error_kind(&error);
                    self.shared.metrics.consume_error(&kind);
                    tracing::warn!(%error, kind, "consume failed");
                    std::thread::sleep(Duration::from_millis(100));
                }
                None => {}
            }
            if self.committer.take_rewind() {
                self.flow(self.committer.rewind(&self.consumer)?);
            }
        }
        self.shared.health.stop_beating();
        Ok(())
    }

    /// After a rewind, the failed deliveries of the aborted records are void.
    fn flow(&mut self, flow: Flow) {
        if flow == Flow::Rewound {
            self.publisher.discard_failed();
        }
    }

    /// Processes a batch and hands its records to the producer, in order. Stops early if an
    /// aborted transaction rewinds the consumer: the rest of the batch is read again.
    fn handle_batch(&mut self, batch: &[OwnedMessage]) -> Result<(), KafkaError> {
        let done = batches::process(&mut self.pipeline, batch, &self.shared.topics);
        self.shared.metrics.batch_size(batch.len());
        for input in done {
            let records = self.account(input);
            if !records.records.is_empty() {
                self.committer.begin()?;
            }
            if let Err(error) = self.publisher.publish(&self.consumer, records) {
                self.flow(self.committer.abort_and_rewind(&self.consumer, &error)?);
                break;
            }
        }
        Ok(())
    }

    /// Counts one processed input, by its final outcome, and returns the records to publish.
    fn account(&self, done: Done<'_>) -> InputRecords {
        let Done {
            message,
            publication: Publication { outcome, records },
            timings,
        } = done;
        let metrics = &self.shared.metrics;
        metrics.message_consumed(message.topic());
        metrics.stage_timings(&timings);
        if let Outcome::DeadLetter(DeadLetter {
            failed_stage: Some(stage),
            ..
        }) = &outcome
        {
            metrics.processing_error(*stage);
        }
        metrics.outcome(outcome.kind(), outcome.reason());
        InputRecords {
            input: batches::position(message),
            timestamp_ms: message.timestamp().to_millis(),
            records,
        }
    }

    fn apply(&mut self, key: &[u8], value: Option<&[u8]>, origin: Option<Position>) {
        let metrics = &self.shared.metrics;
        match self.pipeline.apply_changelog(key, value, origin) {
            Ok(()) => metrics.changelog_applied(),
            Err(error) => tracing::warn!(%error, "changelog record skipped"),
        }
        metrics.index_entries(self.pipeline.index_len());
    }

    /// Tombstones fingerprints past the dedup window, so that the changelog forgets them too.
    fn expire(&mut self) -> Result<(), KafkaError> {
        let expired = self.pipeline.take_expired();
        self.shared.metrics.index_entries(self.pipeline.index_len());
        if expired.is_empty() {
            return Ok(());
        }
        self.committer.begin()?;
        for id in expired {
            let record = changelog_record(&self.shared.topics, &id, None, None);
            let delivery = Box::new(Delivery {
                input: None,
                record: Arc::new(record),
            });
            if let Err(error) = self.publisher.offer(delivery) {
                // The index has forgotten them; a restart's changelog restore expires them again.
                self.flow(self.committer.abort_and_rewind(&self.consumer, &error)?);
                return Ok(());
            }
        }
        Ok(())
    }
}
