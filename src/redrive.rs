//! `demarche redrive`: dead letters fed back to the input once their cause is fixed (a
//! dictionary or normalization change, a raised size limit).
//!
//! A run reads every partition of the dead-letter topic from the beginning (or from `--since`)
//! to its end, and re-publishes each selected dead letter to the target topic once, with its
//! original key and bytes; dead letters written after the run started (the daemon's verdicts on
//! what the run re-feeds among them) are left for the next run. A dead letter whose payload or key was
//! cut to fit the topic cannot be fed back as it was, and is counted as such instead. The
//! producer is idempotent, so a retried send does not duplicate a record; a second run re-feeds
//! the same dead letters again, and the daemon's dedup takes those exact re-sends for
//! duplicates of whatever the first run's copies became.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{BorrowedMessage, Header, Headers, OwnedHeaders};
use rdkafka::producer::{BaseProducer, BaseRecord, DeliveryResult, Producer, ProducerContext};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{ClientContext, Message, Offset, TopicPartitionList};

use crate::kafka::clients;
use crate::kafka::records::{HEADER_ERROR_KIND, HEADER_ORIGINAL_BYTES, HEADER_ORIGINAL_KEY_BYTES};
use crate::settings::KafkaSettings;

/// Header on a re-fed record: the dead letter it came from, `topic/partition/offset`.
pub const HEADER_REDRIVEN_FROM: &str = "demarche.redriven-from";

/// How long broker requests may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How long the whole read may go without a record before it is taken as stuck.
const IDLE_LIMIT: Duration = Duration::from_secs(60);

/// What to re-feed.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The dead-letter topic read.
    pub from: String,
    /// The topic written (the daemon's input).
    pub to: String,
    /// Only dead letters with one of these reasons; empty: every reason.
    pub reasons: Vec<String>,
    /// Only dead letters written at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Count what would be re-fed without writing anything.
    pub dry_run: bool,
}

/// What a run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Dead letters read.
    pub read: u64,
    /// Re-published to the target topic (or, in a dry run, that would have been).
    pub refed: u64,
    /// Left alone because their reason was not selected, by reason.
    pub other_reason: BTreeMap<String, u64>,
    /// Left alone because their payload or key had been cut to fit the dead-letter topic.
    pub cut: u64,
    /// Left for the next run: written after this run started.
    pub newer: u64,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let other: u64 = self.other_reason.values().sum();
        write!(
            f,
            "read {}, re-fed {}, other reasons {other}, cut (not re-fed) {}, newer than the run {}",
            self.read, self.refed, self.cut, self.newer
        )
    }
}

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
pub enum RedriveError {
    /// A client could not be created, or a broker request failed.
    #[error("kafka: {0}")]
    Kafka(#[from] KafkaError),
    /// The dead-letter topic does not exist.
    #[error("topic `{0}` does not exist")]
    NoTopic(String),
    /// Some re-fed records were not acknowledged by the broker.
    #[error("{failed} re-fed record(s) were not delivered (first error: {first}); run again")]
    NotDelivered {
        /// How many.
        failed: u64,
        /// The first delivery error.
        first: String,
    },
    /// No record arrived for a long time before the snapshot's end was reached.
    #[error("no record for {IDLE_LIMIT:?} before the end of `{0}` was reached")]
    Stuck(String),
}

/// Re-feeds the selected dead letters; returns what was done.
pub fn run(kafka: &KafkaSettings, selection: &Selection) -> Result<Summary, RedriveError> {
    let consumer: BaseConsumer = clients::changelog_consumer(kafka).create()?;
    let producer: BaseProducer<Deliveries> =
        clients::producer(&plain_producer(kafka)).create_with_context(Deliveries::default())?;
    let partitions = partitions(&consumer, &selection.from)?;
    consumer.assign(&start_positions(&consumer, selection, &partitions)?)?;

    // A partition is done at its end (librdkafka's end-of-partition event, which follows the
    // fetch high watermark). Dead letters written after the run started (some perhaps the
    // daemon's verdicts on what this run re-feeds) are left for the next run.
    let started = Utc::now().timestamp_millis();
    let mut open: BTreeSet<i32> = partitions.into_iter().collect();
    let mut summary = Summary::default();
    let mut idle = Duration::ZERO;
    let poll = Duration::from_millis(200);
    while !open.is_empty() {
        let message = match consumer.poll(poll) {
            None => {
                idle += poll;
                if idle >= IDLE_LIMIT {
                    return Err(RedriveError::Stuck(selection.from.clone()));
                }
                continue;
            }
            Some(Err(KafkaError::PartitionEOF(partition))) => {
                open.remove(&partition);
                continue;
            }
            Some(message) => message?,
        };
        idle = Duration::ZERO;
        let written = message.timestamp().to_millis();
        if written.is_some_and(|at| at >= started) {
            summary.newer += 1;
            continue;
        }
        // The broker's time index only starts the read near `--since`; each record's own
        // timestamp decides.
        let since = selection.since.map(|since| since.timestamp_millis());
        if since.is_some_and(|since| written.is_some_and(|at| at < since)) {
            continue;
        }
        summary.read += 1;
        refeed(&producer, selection, &message, &mut summary)?;
    }
    producer.flush(REQUEST_TIMEOUT)?;
    producer.context().outcome()?;
    Ok(summary)
}

/// The producer settings without transactions: a redrive is its own delivery unit.
fn plain_producer(kafka: &KafkaSettings) -> KafkaSettings {
    let mut plain = kafka.clone();
    plain.delivery = crate::settings::DeliveryMode::AtLeastOnce;
    plain.transactional_id = None;
    plain
}

fn partitions(consumer: &BaseConsumer, topic: &str) -> Result<Vec<i32>, RedriveError> {
    let metadata = consumer.fetch_metadata(Some(topic), REQUEST_TIMEOUT)?;
    let partitions: Vec<i32> = metadata
        .topics()
        .iter()
        .find(|t| t.name() == topic && t.error().is_none())
        .map(|t| t.partitions().iter().map(|p| p.id()).collect())
        .unwrap_or_default();
    if partitions.is_empty() {
        return Err(RedriveError::NoTopic(topic.to_owned()));
    }
    Ok(partitions)
}

/// Every partition from its beginning, or from the first record at or after `--since`.
fn start_positions(
    consumer: &BaseConsumer,
    selection: &Selection,
    partitions: &[i32],
) -> Result<TopicPartitionList, RedriveError> {
    let mut list = TopicPartitionList::new();
    for partition in partitions {
        let start = match selection.since {
            Some(since) => Offset::Offset(since.timestamp_millis()),
            None => Offset::Beginning,
        };
        list.add_partition_offset(&selection.from, *partition, start)?;
    }
    if selection.since.is_some() {
        list = consumer.offsets_for_times(list, REQUEST_TIMEOUT)?;
    }
    Ok(list)
}

/// Counts the records the broker did not acknowledge.
#[derive(Default)]
struct Deliveries {
    failed: AtomicU64,
    first_error: Mutex<Option<String>>,
}

impl ClientContext for Deliveries {}

impl ProducerContext for Deliveries {
    type DeliveryOpaque = ();

    fn delivery(&self, result: &DeliveryResult<'_>, _: Self::DeliveryOpaque) {
        if let Err((error, _)) = result {
            self.failed.fetch_add(1, Ordering::Relaxed);
            let mut first = self.first_error.lock().unwrap_or_else(|e| e.into_inner());
            first.get_or_insert_with(|| error.to_string());
        }
    }
}

impl Deliveries {
    fn outcome(&self) -> Result<(), RedriveError> {
        match self.failed.load(Ordering::Relaxed) {
            0 => Ok(()),
            failed => Err(RedriveError::NotDelivered {
                failed,
                first: self
                    .first_error
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .clone()
                    .unwrap_or_default(),
            }),
        }
    }
}

fn refeed(
    producer: &BaseProducer<Deliveries>,
    selection: &Selection,
    message: &BorrowedMessage<'_>,
    summary: &mut Summary,
) -> Result<(), RedriveError> {
    let header = |name: &str| {
        message.headers().and_then(|headers| {
            headers
                .iter()
                .find(|h| h.key == name)
                .and_then(|h| h.value)
                .map(|v| String::from_utf8_lossy(v).into_owned())
        })
    };
    let reason = header(HEADER_ERROR_KIND).unwrap_or_default();
    if !selection.reasons.is_empty() && !selection.reasons.contains(&reason) {
        *summary.other_reason.entry(reason).or_default() += 1;
        return Ok(());
    }
    if header(HEADER_ORIGINAL_BYTES).is_some() || header(HEADER_ORIGINAL_KEY_BYTES).is_some() {
        summary.cut += 1;
        return Ok(());
    }
    summary.refed += 1;
    if selection.dry_run {
        return Ok(());
    }
    let from = format!(
        "{}/{}/{}",
        selection.from,
        message.partition(),
        message.offset()
    );
    let headers = OwnedHeaders::new().insert(Header {
        key: HEADER_REDRIVEN_FROM,
        value: Some(from.as_bytes()),
    });
    let mut record = BaseRecord::<'_, [u8], [u8]>::to(&selection.to)
        .payload(message.payload().unwrap_or_default())
        .headers(headers);
    if let Some(key) = message.key().filter(|k| !k.is_empty()) {
        record = record.key(key);
    }
    loop {
        match producer.send(record) {
            Ok(()) => break,
            Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), back)) => {
                producer.poll(Duration::from_millis(50));
                record = back;
            }
            Err((error, _)) => return Err(error.into()),
        }
    }
    producer.poll(Duration::ZERO);
    Ok(())
}
