//! The owners' loop, on a blocking thread of its own: read a batch of mentions, restore the
//! table of any partition newly owned, count the mentions, write the aggregates' values, then
//! their state records, then commit the batch's offsets. A crash anywhere in between reads the
//! batch again: mentions whose state records were written count as repeated, the others are
//! counted again into the same values.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::message::{Message, OwnedMessage};
use rdkafka::{ClientConfig, Offset, TopicPartitionList};
use tokio_util::sync::CancellationToken;

use super::context::OwnersContext;
use super::owner::{Counted, Owner, Written};
use super::restore::restore;
use super::sender::Sender;
use crate::kafka::error::KafkaError;
use crate::metrics::Metrics;
use crate::model::DiplomaticEvent;

/// How long one poll waits for a mention.
const POLL: Duration = Duration::from_millis(100);
/// Most mentions counted between two commits. A batch costs two flushes and a commit, each
/// a round trip that waits for the brokers' acknowledgement, so batches are large: the owner
/// keeps up with the coders only if its batches grow with its backlog.
const BATCH_MAX: usize = 10_000;
/// A batch stops growing once its mentions reach this many bytes.
const BATCH_BYTES: usize = 16 << 20;
/// How often the lag is measured (a request to the broker per owned partition).
const OBSERVE_EVERY: Duration = Duration::from_secs(2);
/// How long the partition counts of the topics may take to fetch at start-up.
const METADATA_TIMEOUT: Duration = Duration::from_secs(30);

/// An owner of daily aggregates and its clients.
pub struct Owners {
    /// The consumer of the mentions topic, in the owners' group.
    pub consumer: BaseConsumer<OwnersContext>,
    /// The configuration of the state topic's reader.
    pub reader: ClientConfig,
    /// The producer of values and state records.
    pub sender: Sender,
    /// The tables.
    pub owner: Owner,
    /// The mentions topic.
    pub mentions_topic: String,
    /// The state topic.
    pub state_topic: String,
    /// Metrics.
    pub metrics: Metrics,
}

impl Owners {
    /// Runs until `shutdown`; an error (a state partition that cannot be read, too few state
    /// partitions) ends it.
    pub fn run(&mut self, shutdown: &CancellationToken) -> Result<(), KafkaError> {
        self.check_partitions()?;
        self.consumer
            .subscribe(&[&self.mentions_topic])
            .map_err(KafkaError::Client)?;
        let mut next: HashMap<i32, i64> = HashMap::new();
        let mut observed = Instant::now();
        while !shutdown.is_cancelled() {
            if observed.elapsed() >= OBSERVE_EVERY {
                self.observe(&next);
                observed = Instant::now();
            }
            let Some(first) = self.consumer.poll(POLL) else {
                self.release_revoked(&mut next);
                continue;
            };
            let mut batch = vec![first.map(|m| m.detach())];
            let mut bytes = 0;
            while batch.len() < BATCH_MAX && bytes < BATCH_BYTES {
                match self.consumer.poll(Duration::ZERO) {
                    Some(message) => {
                        let message = message.map(|m| m.detach());
                        bytes += message
                            .as_ref()
                            .map_or(0, |m| m.payload().map_or(0, <[u8]>::len));
                        batch.push(message);
                    }
                    None => break,
                }
            }
            let released = self.release_revoked(&mut next);
            let mut written = Written::default();
            let mut offsets: BTreeMap<i32, i64> = BTreeMap::new();
            for message in &batch {
                let message = match message {
                    Ok(message) => message,
                    Err(error) => {
                        tracing::warn!(%error, "mentions consume failed");
                        self.metrics.consume_error("aggregate");
                        continue;
                    }
                };
                let partition = message.partition();
                if released.contains(&partition) {
                    continue;
                }
                self.hold(partition, &mut written)?;
                let counted = self.count(message, &mut written);
                self.metrics
                    .aggregate_mention(counted.map_or("malformed", Counted::label));
                offsets.insert(partition, message.offset() + 1);
            }
            if self.sender.write_all(&written.values, shutdown).is_err()
                || self
                    .sender
                    .write_all(&written.last_states(), shutdown)
                    .is_err()
            {
                break;
            }
            self.commit(&offsets);
            next.extend(offsets);
        }
        self.sender.close(Duration::from_secs(5));
        Ok(())
    }

    /// Counts one mention; a record that is not an event is left out (and counted as such).
    fn count(&mut self, message: &OwnedMessage, written: &mut Written) -> Option<Counted> {
        let event: DiplomaticEvent = match serde_json::from_slice(message.payload()?) {
            Ok(event) => event,
            Err(error) => {
                tracing::warn!(%error, offset = message.offset(), "mention is not an event: left out");
                return None;
            }
        };
        let seen = message
            .timestamp()
            .to_millis()
            .and_then(DateTime::from_timestamp_millis)
            .unwrap_or_else(Utc::now);
        Some(self.owner.apply(message.partition(), &event, seen, written))
    }

    /// Restores `partition`'s table unless held; tombstones what left the window meanwhile.
    fn hold(&mut self, partition: i32, written: &mut Written) -> Result<(), KafkaError> {
        if self.owner.holds(partition) {
            return Ok(());
        }
        let started = Instant::now();
        let mut table = self.owner.empty_table();
        let restored =
            restore(&self.reader, &self.state_topic, partition, &mut table).map_err(|source| {
                KafkaError::Restore {
                    topic: self.state_topic.clone(),
                    partition,
                    source,
                }
            })?;
        tracing::info!(
            partition,
            records = restored.records,
            unreadable = restored.unreadable,
            aggregates = table.len(),
            seconds = started.elapsed().as_secs_f64(),
            "aggregate partition restored"
        );
        self.owner.take_over(partition, table);
        for key in restored.evicted {
            written.states.push(self.owner.state(partition, key, None));
        }
        self.metrics.aggregate_restored(started.elapsed());
        Ok(())
    }

    /// Lets the tables of revoked partitions go; returns those partitions.
    fn release_revoked(&mut self, next: &mut HashMap<i32, i64>) -> Vec<i32> {
        let revoked = self.consumer.context().take_revoked();
        for partition in &revoked {
            self.owner.release(*partition);
            next.remove(partition);
        }
        revoked
    }

    /// Commits the offsets after the batch's mentions; a failure is logged and counted (the
    /// next commit covers it, and a batch read again counts nothing twice).
    fn commit(&self, offsets: &BTreeMap<i32, i64>) {
        if offsets.is_empty() {
            return;
        }
        let mut list = TopicPartitionList::new();
        for (partition, offset) in offsets {
            if let Err(error) =
                list.add_partition_offset(&self.mentions_topic, *partition, Offset::Offset(*offset))
            {
                tracing::warn!(%error, "cannot list an offset to commit");
            }
        }
        if let Err(error) = self.consumer.commit(&list, CommitMode::Sync) {
            tracing::warn!(%error, "aggregate offsets not committed");
            self.metrics.commit_error();
        }
    }

    /// Table size and lag: mentions in owned partitions not yet counted (a partition whose
    /// watermark cannot be fetched now counts none).
    fn observe(&self, next: &HashMap<i32, i64>) {
        let (aggregates, bytes) = self.owner.size();
        let lag: i64 = next
            .iter()
            .filter_map(|(partition, offset)| {
                let (_, high) = self
                    .consumer
                    .fetch_watermarks(&self.mentions_topic, *partition, Duration::from_secs(1))
                    .ok()?;
                Some((high - offset).max(0))
            })
            .sum();
        self.metrics.aggregate_table(aggregates, bytes, lag);
    }

    /// The state topic needs a partition for each partition of the mentions topic.
    fn check_partitions(&self) -> Result<(), KafkaError> {
        let count = |topic: &str| -> Result<usize, KafkaError> {
            let metadata = self
                .consumer
                .fetch_metadata(Some(topic), METADATA_TIMEOUT)
                .map_err(|source| KafkaError::Metadata {
                    topic: topic.to_owned(),
                    source,
                })?;
            match metadata.topics().first() {
                Some(t) if t.error().is_none() && !t.partitions().is_empty() => {
                    Ok(t.partitions().len())
                }
                _ => Err(KafkaError::MissingTopic(topic.to_owned())),
            }
        };
        let needed = count(&self.mentions_topic)?;
        let has = count(&self.state_topic)?;
        if has < needed {
            return Err(KafkaError::StatePartitions {
                state: self.state_topic.clone(),
                has,
                needed,
            });
        }
        Ok(())
    }
}
