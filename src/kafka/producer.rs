//! The producer and its delivery callback: acknowledgements move input offsets forward,
//! failures come back to the consumer loop to be sent again.

use std::sync::Arc;

use rdkafka::error::KafkaError;
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{BaseRecord, DeliveryResult, ProducerContext, ThreadedProducer};
use rdkafka::statistics::Statistics;
use rdkafka::ClientContext;
use tokio::sync::mpsc;

use super::connectivity;
use super::offsets::{Completed, SharedTracker};
use super::records::{OutgoingRecord, RecordKind};
use crate::health::{Client, Health};
use crate::metrics::Metrics;
use crate::model::Position;

/// The producer demarche uses for every output.
pub type Producer = ThreadedProducer<DeliveryContext>;

/// A record in flight and the input it belongs to, carried through librdkafka as the opaque.
#[derive(Debug)]
pub struct Delivery {
    /// The input that caused it; `None` for housekeeping records (expiry tombstones).
    pub input: Option<Position>,
    /// The record, kept so that a failed delivery can be sent again.
    pub record: Arc<OutgoingRecord>,
}

/// Receives delivery reports on librdkafka's polling thread.
pub struct DeliveryContext {
    tracker: SharedTracker,
    metrics: Metrics,
    health: Arc<Health>,
    failed: mpsc::UnboundedSender<Box<Delivery>>,
}

impl DeliveryContext {
    /// `failed` receives every record whose delivery failed for good (after librdkafka's own
    /// retries). Its length is bounded by the records in flight, which backpressure bounds.
    pub fn new(
        tracker: SharedTracker,
        metrics: Metrics,
        health: Arc<Health>,
        failed: mpsc::UnboundedSender<Box<Delivery>>,
    ) -> Self {
        Self {
            tracker,
            metrics,
            health,
            failed,
        }
    }
}

impl ClientContext for DeliveryContext {
    fn stats(&self, statistics: Statistics) {
        connectivity::observe_statistics(&self.health, Client::Producer, &statistics);
    }

    fn error(&self, error: KafkaError, reason: &str) {
        connectivity::observe_error(&self.health, Client::Producer, &error, reason);
    }
}

impl ProducerContext for DeliveryContext {
    type DeliveryOpaque = Box<Delivery>;

    fn delivery(&self, result: &DeliveryResult<'_>, delivery: Box<Delivery>) {
        match result {
            Ok(_) => {
                if let RecordKind::Event { root, quad_class } = &delivery.record.kind {
                    self.metrics.event_published(root, *quad_class);
                }
                let Some(input) = delivery.input else {
                    return;
                };
                let completed = self.tracker.lock().ack(input);
                if let Some(done) = completed {
                    observe_completion(&self.metrics, done);
                }
            }
            Err((error, _)) => {
                tracing::warn!(%error, topic = %delivery.record.topic, "delivery failed; sending again");
                self.metrics.producer_error(error_kind(error));
                // The receiver lives as long as the consumer loop; if it is gone we are shutting
                // down and the uncommitted input will be read again.
                let _ = self.failed.send(delivery);
            }
        }
    }
}

/// Records the end-to-end latency of an input whose records are all acknowledged.
pub fn observe_completion(metrics: &Metrics, done: Completed) {
    if let Some(ts) = done.timestamp_ms {
        let now = chrono::Utc::now().timestamp_millis();
        let ms = u64::try_from(now.saturating_sub(ts)).unwrap_or(0);
        metrics.end_to_end(std::time::Duration::from_millis(ms));
    }
}

/// A short label for a producer error.
pub fn error_kind(error: &KafkaError) -> &'static str {
    match error {
        KafkaError::MessageProduction(_) => "produce",
        _ => "delivery",
    }
}

/// Hands one record to librdkafka. On a full queue the delivery comes back, to be retried
/// after librdkafka has drained some.
pub fn send(
    producer: &Producer,
    delivery: Box<Delivery>,
) -> Result<(), (KafkaError, Box<Delivery>)> {
    let record = Arc::clone(&delivery.record);
    let mut headers = OwnedHeaders::new_with_capacity(record.headers.len());
    for (key, value) in &record.headers {
        headers = headers.insert(Header {
            key,
            value: Some(value),
        });
    }
    let mut base: BaseRecord<'_, [u8], [u8], Box<Delivery>> =
        BaseRecord::with_opaque_to(&record.topic, delivery)
            .key(record.key.as_slice())
            .headers(headers);
    if let Some(payload) = &record.payload {
        base = base.payload(payload.as_slice());
    }
    if let Some(timestamp) = record.timestamp_ms {
        base = base.timestamp(timestamp);
    }
    producer
        .send(base)
        .map_err(|(error, base)| (error, base.delivery_opaque))
}
