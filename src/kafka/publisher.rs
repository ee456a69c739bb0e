//! Publishing: handing an input's records to librdkafka in order, sending again what failed,
//! and pausing a partition with too many inputs in flight until half of them have drained.
//!
//! Synchronous on purpose: it runs on the consume loop's own thread, where waiting for
//! librdkafka's queue to make room (a short sleep) holds back nothing but the loop itself,
//! which must wait anyway.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext};
use rdkafka::error::KafkaError as RdError;
use rdkafka::producer::Producer as _;
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::TopicPartitionList;
use tokio::sync::mpsc;

use super::producer::{error_kind, observe_completion, send, Delivery};
use super::records::OutgoingRecord;
use super::shared::Shared;
use crate::model::Position;
use crate::settings::DeliveryMode;

/// How long to wait when librdkafka's queue is full before offering a record again.
const QUEUE_FULL_BACKOFF: Duration = Duration::from_millis(5);
/// How long to wait before sending a refused or failed record again (at-least-once): long
/// enough for a broker to recover from a hiccup, short against a commit interval.
const RETRY_BACKOFF: Duration = Duration::from_millis(100);

/// The records of one input, ready to be offered.
pub struct InputRecords {
    /// Where the input was read.
    pub input: Position,
    /// The input record's timestamp, for the end-to-end latency.
    pub timestamp_ms: Option<i64>,
    /// What its outcome publishes, in order.
    pub records: Vec<OutgoingRecord>,
}

/// Offers records, retries failures, pauses and resumes partitions.
pub struct Publisher {
    shared: Arc<Shared>,
    /// Failed deliveries coming back from the delivery callback.
    failed: mpsc::UnboundedReceiver<Box<Delivery>>,
    /// Pause a partition with this many inputs in flight.
    max_in_flight: usize,
    /// Partitions paused for backpressure.
    paused: HashSet<i32>,
}

impl Publisher {
    /// A publisher receiving failed deliveries on `failed`; a partition with `max_in_flight`
    /// inputs in flight is paused.
    pub fn new(
        shared: Arc<Shared>,
        failed: mpsc::UnboundedReceiver<Box<Delivery>>,
        max_in_flight: usize,
    ) -> Self {
        Self {
            shared,
            failed,
            max_in_flight,
            paused: HashSet::new(),
        }
    }

    /// Starts tracking an input and offers its records; pauses its partition if it now has
    /// too many inputs in flight. In exactly-once mode, a refused record is returned: its
    /// transaction cannot go on.
    pub fn publish<X: ConsumerContext>(
        &mut self,
        consumer: &BaseConsumer<X>,
        input: InputRecords,
    ) -> Result<(), RdError> {
        let InputRecords {
            input,
            timestamp_ms,
            records,
        } = input;
        let completed = (self.shared.tracker.lock()).start(input, records.len(), timestamp_ms);
        if let Some(done) = completed {
            observe_completion(&self.shared.metrics, done);
        }
        for record in records {
            self.offer(Box::new(Delivery {
                input: Some(input),
                record: Arc::new(record),
            }))?;
        }
        let partition = input.partition;
        let in_flight = self.shared.tracker.lock().in_flight(partition);
        if in_flight >= self.max_in_flight && self.paused.insert(partition) {
            self.set_paused(consumer, partition, true);
        }
        Ok(())
    }

    /// Offers a record until librdkafka takes it. In exactly-once mode, a refusal other than a
    /// full queue means the transaction cannot go on: it is returned, to abort.
    pub fn offer(&self, mut delivery: Box<Delivery>) -> Result<(), RdError> {
        loop {
            match send(&self.shared.producer, delivery) {
                Ok(()) => return Ok(()),
                Err((RdError::MessageProduction(RDKafkaErrorCode::QueueFull), back)) => {
                    delivery = back;
                    std::thread::sleep(QUEUE_FULL_BACKOFF);
                }
                Err((error, back)) => {
                    self.shared.metrics.producer_error(error_kind(&error));
                    if self.shared.delivery == DeliveryMode::ExactlyOnce {
                        return Err(error);
                    }
                    tracing::warn!(%error, topic = %back.record.topic, "produce failed; retrying");
                    delivery = back;
                    std::thread::sleep(RETRY_BACKOFF);
                }
            }
        }
    }

    /// Sends again the records whose delivery failed. At-least-once: each after a pause that
    /// lets the broker recover. Exactly-once: a failed record's transaction is lost; the
    /// failure is returned, to abort it and read again.
    pub fn retry_failed(&mut self) -> Result<(), RdError> {
        while let Ok(delivery) = self.failed.try_recv() {
            if self.shared.delivery == DeliveryMode::ExactlyOnce {
                return Err(RdError::MessageProduction(RDKafkaErrorCode::Fail));
            }
            std::thread::sleep(RETRY_BACKOFF);
            self.offer(delivery)?;
        }
        Ok(())
    }

    /// Drops the failed deliveries of records whose transaction was aborted: their inputs are
    /// read again.
    pub fn discard_failed(&mut self) {
        while self.failed.try_recv().is_ok() {}
    }

    /// Resumes the paused partitions that have drained to half their in-flight limit, and
    /// reports what is in flight.
    pub fn resume_drained<X: ConsumerContext>(&mut self, consumer: &BaseConsumer<X>) {
        let tracker = self.shared.tracker.lock();
        self.shared.metrics.in_flight(tracker.total_in_flight());
        let resumable: Vec<i32> = self
            .paused
            .iter()
            .copied()
            .filter(|&p| tracker.in_flight(p) <= self.max_in_flight / 2)
            .collect();
        drop(tracker);
        for partition in resumable {
            self.paused.remove(&partition);
            self.set_paused(consumer, partition, false);
        }
    }

    /// Stops fetching and waits, at most `deadline`, until every record in flight is
    /// acknowledged, sending failed ones again. Returns whether everything was.
    pub fn drain<X: ConsumerContext>(
        &mut self,
        consumer: &BaseConsumer<X>,
        deadline: Duration,
    ) -> bool {
        if let Ok(assignment) = consumer.assignment() {
            let _ = consumer.pause(&assignment);
        }
        let started = Instant::now();
        while self.shared.tracker.lock().total_in_flight() > 0 {
            if started.elapsed() >= deadline {
                return false;
            }
            match self.failed.try_recv() {
                Ok(delivery) => {
                    let _ = self.offer(delivery);
                }
                Err(_) => std::thread::sleep(Duration::from_millis(10)),
            }
        }
        let _ = self.shared.producer.flush(Duration::from_secs(1));
        tracing::info!("drained: every record acknowledged");
        true
    }

    fn set_paused<X: ConsumerContext>(
        &self,
        consumer: &BaseConsumer<X>,
        partition: i32,
        pause: bool,
    ) {
        let mut tpl = TopicPartitionList::new();
        tpl.add_partition(self.shared.input_topic(), partition);
        let result = if pause {
            consumer.pause(&tpl)
        } else {
            consumer.resume(&tpl)
        };
        match result {
            Ok(()) => tracing::debug!(partition, pause, "backpressure"),
            Err(error) => tracing::warn!(%error, partition, pause, "pause/resume failed"),
        }
    }
}
