//! The dedup changelog tailer: reads the whole compacted changelog topic from the beginning,
//! reports when it has reached the end of every partition (the state is restored), and keeps
//! tailing it so that fingerprints written by other instances reach this one's index.

use std::collections::HashSet;
use std::time::Duration;

use rdkafka::client::ClientContext;
use rdkafka::consumer::{Consumer, ConsumerContext, StreamConsumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{Headers, Message};
use rdkafka::{Offset, TopicPartitionList};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::error::KafkaError as LayerError;
use super::records::source_from_headers;
use crate::model::Position;

/// What the tailer tells the consumer loop.
#[derive(Debug)]
pub enum ChangelogUpdate {
    /// A fingerprint (`value`) or a tombstone (`None`) for the article `key`.
    Record {
        /// Article id.
        key: Vec<u8>,
        /// Encoded fingerprint, or `None` for a tombstone.
        value: Option<Vec<u8>>,
        /// The input position the fingerprint's article was read at.
        origin: Option<Position>,
    },
    /// Every partition has been read to its end at least once: the index is restored.
    CaughtUp,
}

/// The changelog reader's context: the end of a partition is expected news, not an error.
pub struct ChangelogContext;

impl ClientContext for ChangelogContext {
    fn error(&self, error: KafkaError, reason: &str) {
        if !matches!(error, KafkaError::PartitionEOF(_)) {
            tracing::warn!(%error, reason, "changelog client error");
        }
    }
}

impl ConsumerContext for ChangelogContext {}

/// The changelog reader.
pub type ChangelogConsumer = StreamConsumer<ChangelogContext>;

/// Assigns every partition of `topic` from the beginning.
pub fn assign_all(consumer: &ChangelogConsumer, topic: &str) -> Result<usize, LayerError> {
    let metadata = consumer
        .fetch_metadata(Some(topic), Duration::from_secs(30))
        .map_err(|source| LayerError::Metadata {
            topic: topic.to_owned(),
            source,
        })?;
    let partitions: Vec<i32> = metadata
        .topics()
        .iter()
        .filter(|t| t.name() == topic && t.error().is_none())
        .flat_map(|t| t.partitions().iter().map(|p| p.id()))
        .collect();
    if partitions.is_empty() {
        return Err(LayerError::MissingTopic(topic.to_owned()));
    }
    let mut tpl = TopicPartitionList::new();
    for &p in &partitions {
        tpl.add_partition_offset(topic, p, Offset::Beginning)
            .map_err(LayerError::Client)?;
    }
    consumer.assign(&tpl).map_err(LayerError::Client)?;
    Ok(partitions.len())
}

/// Tails the changelog until `shutdown`, sending updates in order. Ends early only if the
/// consumer loop is gone. Returns the consumer, to be closed off the runtime.
pub async fn tail(
    consumer: ChangelogConsumer,
    partitions: usize,
    updates: mpsc::Sender<ChangelogUpdate>,
    shutdown: CancellationToken,
) -> ChangelogConsumer {
    let mut at_end: HashSet<i32> = HashSet::new();
    let mut caught_up = false;
    loop {
        let received = tokio::select! {
            _ = shutdown.cancelled() => return consumer,
            received = consumer.recv() => received,
        };
        let update = match received {
            Ok(message) => ChangelogUpdate::Record {
                key: message.key().map(<[u8]>::to_vec).unwrap_or_default(),
                value: message.payload().map(<[u8]>::to_vec),
                origin: message.headers().and_then(|h| {
                    source_from_headers(h.iter().map(|h| (h.key, h.value.unwrap_or_default())))
                }),
            },
            Err(KafkaError::PartitionEOF(partition)) => {
                at_end.insert(partition);
                if caught_up || at_end.len() < partitions {
                    continue;
                }
                caught_up = true;
                ChangelogUpdate::CaughtUp
            }
            Err(error) => {
                tracing::warn!(%error, "changelog read failed; retrying");
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
        };
        // The loop may have stopped reading (shutting down) with the buffer full.
        tokio::select! {
            _ = shutdown.cancelled() => return consumer,
            sent = updates.send(update) => if sent.is_err() {
                return consumer;
            },
        }
    }
}
