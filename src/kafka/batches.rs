//! Taking batches: a consumed message and whatever else the consumer already holds, processed
//! together (prepared in parallel, settled in order), their records built in parallel.
//!
//! A batch leaves here with each input's outcome final and its records built (see
//! [`publication`](super::records::publication)); the consume loop only counts and publishes
//! them, in order.

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Message, OwnedMessage};

use super::rebalance::InputContext;
use super::records::{build, InputRef, Publication};
use crate::dedup::ReceivedAt;
use crate::model::Position;
use crate::pipeline::{Input, Pipeline, Processed, StageTimings};
use crate::settings::Topics;

/// A batch stops growing once its payloads reach this many bytes: a run of oversized messages
/// (each a dead letter to be) must not hold `batch_max` of them in memory at once.
const BATCH_BYTES: usize = 8 << 20;

/// `first` and whatever else the consumer already holds, up to `batch_max` inputs or
/// [`BATCH_BYTES`] of payload. Should a rebalance revoke partitions meanwhile, the inputs of
/// partitions no longer assigned are left to their new owner.
pub fn take(
    consumer: &BaseConsumer<InputContext>,
    first: OwnedMessage,
    batch_max: usize,
) -> Vec<OwnedMessage> {
    let revocations = consumer.context().revocations();
    let mut bytes = first.payload().map_or(0, <[u8]>::len);
    let mut batch = vec![first];
    while batch.len() < batch_max && bytes < BATCH_BYTES {
        match consumer.poll(std::time::Duration::ZERO) {
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
    if consumer.context().revocations() != revocations {
        match consumer.assignment() {
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

/// One input of a batch, processed: how it ended, for good, and what that publishes.
pub struct Done<'a> {
    /// The consumed message.
    pub message: &'a OwnedMessage,
    /// The final outcome and the records.
    pub publication: Publication,
    /// Where the pipeline's time went.
    pub timings: StageTimings,
}

/// Runs a batch through the pipeline and, right after, settles each input's outcome for good
/// and builds its records (on the pipeline's worker threads).
pub fn process<'a>(
    pipeline: &mut Pipeline,
    batch: &'a [OwnedMessage],
    topics: &Topics,
) -> Vec<Done<'a>> {
    let inputs: Vec<Input<'_>> = batch.iter().map(pipeline_input).collect();
    let processed = pipeline.process_batch(&inputs);
    let built: Vec<(&OwnedMessage, Processed)> = batch.iter().zip(processed).collect();
    let records = pipeline.workers().map(&built, |(message, processed)| {
        build(&processed.outcome, &input_ref(message), topics)
    });
    built
        .into_iter()
        .zip(records)
        .map(|((message, processed), records)| Done {
            message,
            publication: records.settle(processed.outcome),
            timings: processed.timings,
        })
        .collect()
}

/// The input a consumed message is, as the record builders see it.
pub fn input_ref(message: &OwnedMessage) -> InputRef<'_> {
    InputRef {
        topic: message.topic(),
        position: position(message),
        key: message.key(),
        payload: message.payload().unwrap_or_default(),
        timestamp_ms: message.timestamp().to_millis(),
    }
}

/// A consumed message as the pipeline's input: its payload, where it was read, and its record
/// timestamp, the time the dedup window runs on (a replay of the topic reads the same one).
fn pipeline_input(message: &OwnedMessage) -> Input<'_> {
    Input::new(message.payload().unwrap_or_default())
        .read_at(position(message))
        .received_at(ReceivedAt::from_record_millis(
            message.timestamp().to_millis(),
        ))
}

/// Where a consumed message was read.
pub fn position(message: &OwnedMessage) -> Position {
    Position::new(message.partition(), message.offset())
}
