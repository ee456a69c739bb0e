//! The consumer loop's unit of work: a batch of consumed inputs, processed together (prepared
//! in parallel, settled in order), whose records are built in parallel and handed to the
//! producer in order.

use std::collections::HashSet;
use std::sync::Arc;

use futures::FutureExt as _;
use rdkafka::consumer::Consumer;
use rdkafka::message::{Message, OwnedMessage};

use super::InputLoop;
use crate::dedup::ReceivedAt;
use crate::kafka::context::lock;
use crate::kafka::producer::{observe_completion, Delivery};
use crate::kafka::records::{dead_letter_record, records_for, InputRef, OutgoingRecord};
use crate::kafka::KafkaError;
use crate::parallel;
use crate::pipeline::{DeadLetter, Input, Outcome, OutcomeKind, Processed};
use crate::replay::Origin;

/// A batch stops growing once its payloads reach this many bytes: a run of oversized messages
/// (each a dead letter to be) must not hold `batch_max` of them in memory at once.
const BATCH_BYTES: usize = 8 << 20;

/// The input a consumed message is, as the record builders see it.
fn input_ref(message: &OwnedMessage) -> InputRef<'_> {
    InputRef {
        topic: message.topic(),
        partition: message.partition(),
        offset: message.offset(),
        key: message.key(),
        payload: message.payload().unwrap_or_default(),
    }
}

/// A consumed message as the pipeline's input: its payload, where it was read, and its record
/// timestamp, the time the dedup window runs on (a replay of the topic reads the same one).
fn pipeline_input(message: &OwnedMessage) -> Input<'_> {
    let origin = Origin {
        partition: message.partition(),
        offset: message.offset(),
    };
    Input::new(message.payload().unwrap_or_default())
        .read_at(origin)
        .received_at(ReceivedAt::from_record_millis(
            message.timestamp().to_millis(),
        ))
}

/// Whether the rest of a batch can be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    /// Go on.
    Continue,
    /// The transaction was aborted and the consumer sent back to the committed offsets: the
    /// rest of the batch will be read again.
    Rewound,
}

impl InputLoop {
    /// `first` and whatever else the consumer already holds, up to `batch_max` inputs or
    /// [`BATCH_BYTES`] of payload. Should a rebalance revoke partitions meanwhile, the inputs of
    /// partitions no longer assigned are left to their new owner.
    pub(super) fn take_batch(&self, first: OwnedMessage) -> Vec<OwnedMessage> {
        let revocations = self.consumer.context().revocations();
        let mut bytes = first.payload().map_or(0, <[u8]>::len);
        let mut batch = vec![first];
        while batch.len() < self.batch_max && bytes < BATCH_BYTES {
            match self.consumer.recv().now_or_never() {
                Some(Ok(message)) => {
                    bytes += message.payload().map_or(0, <[u8]>::len);
                    batch.push(message.detach());
                }
                Some(Err(error)) => {
                    tracing::warn!(%error, "consume failed");
                    break;
                }
                None => break,
            }
        }
        if self.consumer.context().revocations() != revocations {
            match self.consumer.assignment() {
                Ok(assignment) => batch.retain(|m| {
                    assignment
                        .find_partition(m.topic(), m.partition())
                        .is_some()
                }),
                // Keeping them all risks only duplicates; dropping them all would skip inputs.
                Err(error) => tracing::warn!(%error, "assignment unknown after a revoke"),
            }
        }
        batch
    }

    /// Processes a batch of inputs (prepared in parallel, settled in order) and hands their
    /// records to the producer, in order. Stops early if an aborted transaction rewinds the
    /// consumer: the rest of the batch is read again.
    pub(super) async fn handle_batch(
        &mut self,
        batch: &[OwnedMessage],
        paused: &mut HashSet<i32>,
    ) -> Result<(), KafkaError> {
        let inputs: Vec<Input<'_>> = batch.iter().map(pipeline_input).collect();
        let processed = self.pipeline.process_batch(&inputs);
        self.metrics.batch_size(batch.len());
        let topics = &self.topics;
        let built: Vec<(&OwnedMessage, Processed)> = batch.iter().zip(processed).collect();
        let records = parallel::map(&built, self.pipeline.workers(), |(message, processed)| {
            records_for(&processed.outcome, &input_ref(message), topics)
        });
        for ((message, processed), records) in built.into_iter().zip(records) {
            if self.publish(message, processed, records, paused).await? == Flow::Rewound {
                break;
            }
        }
        Ok(())
    }

    /// Hands one processed input's records to the producer; `records` are its outcome's, or why
    /// they could not be serialized.
    async fn publish(
        &mut self,
        message: &OwnedMessage,
        processed: Processed,
        records: Result<Vec<OutgoingRecord>, serde_json::Error>,
        paused: &mut HashSet<i32>,
    ) -> Result<Flow, KafkaError> {
        let (partition, offset) = (message.partition(), message.offset());
        let input = input_ref(message);
        self.metrics.message_consumed(input.topic);
        self.metrics.stage_timings(&processed.timings);
        let outcome = processed.outcome;
        if let Outcome::DeadLetter(DeadLetter {
            failed_stage: Some(stage),
            ..
        }) = &outcome
        {
            self.metrics.processing_error(stage);
        }
        let records = records.unwrap_or_else(|e| {
            self.metrics.processing_error("publish");
            let dead = DeadLetter {
                reason: "internal_error",
                message: format!("cannot serialize the outcome: {e}"),
                failed_stage: Some("publish"),
            };
            vec![dead_letter_record(&dead, &input, &self.topics)]
        });
        // A dead letter decided here (an output too large to publish) overrides the outcome.
        match records.iter().find_map(OutgoingRecord::dead_letter_reason) {
            Some(reason) => self.metrics.outcome(OutcomeKind::DeadLetter, Some(reason)),
            None => self.metrics.outcome(outcome.kind(), outcome.reason()),
        }
        let timestamp = message.timestamp().to_millis();
        let completed = lock(&self.tracker).start(partition, offset, records.len(), timestamp);
        if let Some(done) = completed {
            observe_completion(&self.metrics, done);
        }
        if !records.is_empty() {
            self.begin_transaction()?;
        }
        for record in records {
            let delivery = Box::new(Delivery {
                input: Some((partition, offset)),
                record: Arc::new(record),
            });
            if let Err(error) = self.offer(delivery).await {
                self.abort_and_rewind(&error)?;
                return Ok(Flow::Rewound);
            }
        }
        if lock(&self.tracker).in_flight(partition) >= self.max_in_flight
            && paused.insert(partition)
        {
            self.set_paused(partition, true);
        }
        Ok(Flow::Continue)
    }
}
