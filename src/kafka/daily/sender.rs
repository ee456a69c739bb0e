//! Writing an owner's records: all of them, or none counted as written. A batch is handed to
//! librdkafka, flushed, and written again whole if any record failed: every record is the
//! latest value or state of its key, so writing it twice leaves what a compacted topic keeps
//! unchanged.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rdkafka::error::KafkaError as RdError;
use rdkafka::producer::{BaseProducer, BaseRecord, DeliveryResult, Producer, ProducerContext};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{ClientConfig, ClientContext};
use tokio_util::sync::CancellationToken;

use super::owner::Keyed;
use crate::metrics::Metrics;

/// How long a flush waits for the broker's acknowledgements.
const FLUSH_TIMEOUT: Duration = Duration::from_secs(30);
/// How long to wait before writing a failed batch again.
const RETRY_BACKOFF: Duration = Duration::from_millis(500);

/// Counts failed deliveries.
#[derive(Default)]
pub struct Tally {
    failed: AtomicUsize,
}

impl ClientContext for Tally {}

impl ProducerContext for Tally {
    type DeliveryOpaque = ();

    fn delivery(&self, result: &DeliveryResult<'_>, _: ()) {
        if let Err((error, _)) = result {
            tracing::warn!(%error, "aggregate record not written; writing the batch again");
            self.failed.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// The owner's producer.
pub struct Sender {
    producer: BaseProducer<Tally>,
    metrics: Metrics,
}

/// The write was given up because the daemon is stopping; the batch's mentions are read again
/// by the next owner.
#[derive(Debug)]
pub struct Stopped;

impl Sender {
    /// A producer of `config`.
    pub fn new(config: &ClientConfig, metrics: Metrics) -> Result<Self, RdError> {
        Ok(Self {
            producer: config.create_with_context(Tally::default())?,
            metrics,
        })
    }

    /// Writes `records` until every one is acknowledged, or `shutdown`.
    pub fn write_all(
        &self,
        records: &[Keyed],
        shutdown: &CancellationToken,
    ) -> Result<(), Stopped> {
        if records.is_empty() {
            return Ok(());
        }
        loop {
            match self.write_once(records) {
                Ok(()) => return Ok(()),
                Err(error) => {
                    self.metrics.producer_error("aggregate");
                    tracing::warn!(%error, records = records.len(), "aggregate batch not written");
                }
            }
            if shutdown.is_cancelled() {
                return Err(Stopped);
            }
            std::thread::sleep(RETRY_BACKOFF);
        }
    }

    fn write_once(&self, records: &[Keyed]) -> Result<(), RdError> {
        self.producer.context().failed.store(0, Ordering::Relaxed);
        for record in records {
            let mut base = BaseRecord::<'_, str, [u8]>::to(&record.topic).key(record.key.as_str());
            if let Some(partition) = record.partition {
                base = base.partition(partition);
            }
            if let Some(payload) = &record.payload {
                base = base.payload(payload.as_slice());
            }
            loop {
                match self.producer.send(base) {
                    Ok(()) => break,
                    Err((RdError::MessageProduction(RDKafkaErrorCode::QueueFull), back)) => {
                        self.producer.poll(Duration::from_millis(10));
                        base = back;
                    }
                    Err((error, _)) => return Err(error),
                }
            }
        }
        self.producer.flush(FLUSH_TIMEOUT)?;
        match self.producer.context().failed.load(Ordering::Relaxed) {
            0 => Ok(()),
            _ => Err(RdError::MessageProduction(RDKafkaErrorCode::Fail)),
        }
    }

    /// Waits for what is still queued, up to `timeout`.
    pub fn close(&self, timeout: Duration) {
        if let Err(error) = self.producer.flush(timeout) {
            tracing::warn!(%error, "aggregate producer not flushed at shutdown");
        }
    }
}
