//! The one [`Metrics`] struct: a registry passed in, typed handles, named methods.
//!
//! Call sites never name a metric; they call a method saying what happened. Names follow
//! Prometheus conventions (`demarche_` prefix, `_total` counters, `_seconds` base units) and are
//! the contract of `deploy/` (dashboards and alerts).

use std::time::Duration;

use prometheus::{
    GaugeVec, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge,
    IntGaugeVec, Opts, Registry,
};

use crate::pipeline::{OutcomeKind, Stage, StageTimings};

/// Buckets of the pure stages: tens of microseconds to a quarter of a second.
const STAGE_BUCKETS: &[f64] = &[
    0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
    0.1, 0.25,
];
/// Buckets of end-to-end latency: a millisecond to a minute.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];

/// Buckets of batch sizes: one input to the largest `pipeline.batch_max` worth having.
const BATCH_BUCKETS: &[f64] = &[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0];
/// Buckets of an aggregate partition's restore: ten milliseconds to two minutes.
const RESTORE_BUCKETS: &[f64] = &[0.01, 0.05, 0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0];

/// Every metric demarche exports.
#[derive(Clone)]
pub struct Metrics {
    consumed: IntCounterVec,
    outcomes: IntCounterVec,
    dead_letters: IntCounterVec,
    duplicates: IntCounterVec,
    events_published: IntCounterVec,
    stage_duration: HistogramVec,
    end_to_end: Histogram,
    batch_size: Histogram,
    consumer_lag: IntGaugeVec,
    in_flight: IntGauge,
    producer_errors: IntCounterVec,
    consume_errors: IntCounterVec,
    commit_errors: IntCounter,
    processing_errors: IntCounterVec,
    offsets_committed: IntCounter,
    transactions: IntCounterVec,
    ready: IntGauge,
    index_entries: IntGauge,
    changelog_applied: IntCounter,
    aggregate_mentions: IntCounterVec,
    aggregate_table: IntGaugeVec,
    aggregate_lag: IntGauge,
    aggregate_restore: Histogram,
    build_info: GaugeVec,
}

impl Metrics {
    /// Registers every metric on `registry`.
    pub fn new(registry: &Registry) -> prometheus::Result<Self> {
        let m = Self {
            consumed: counter_vec(
                "demarche_messages_consumed_total",
                "Input records consumed.",
                &["topic"],
            )?,
            outcomes: counter_vec(
                "demarche_outcomes_total",
                "How each input ended: published, no_events, duplicate, unsupported_language, dead_letter.",
                &["outcome"],
            )?,
            dead_letters: counter_vec(
                "demarche_dead_letters_total",
                "Inputs sent to the dead letter topic, by reason.",
                &["reason"],
            )?,
            duplicates: counter_vec(
                "demarche_duplicates_total",
                "Duplicate articles, by kind (exact, near).",
                &["kind"],
            )?,
            events_published: counter_vec(
                "demarche_events_published_total",
                "Events acknowledged by the broker, by CAMEO root code and quad class.",
                &["root", "quad_class"],
            )?,
            stage_duration: HistogramVec::new(
                HistogramOpts::new(
                    "demarche_stage_duration_seconds",
                    "Time spent in each pure pipeline stage.",
                )
                .buckets(STAGE_BUCKETS.to_vec()),
                &["stage"],
            )?,
            end_to_end: Histogram::with_opts(
                HistogramOpts::new(
                    "demarche_end_to_end_latency_seconds",
                    "From the input record's timestamp to the acknowledgement of every record it caused.",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
            )?,
            batch_size: Histogram::with_opts(
                HistogramOpts::new(
                    "demarche_batch_size",
                    "Inputs taken from the consumer and processed together.",
                )
                .buckets(BATCH_BUCKETS.to_vec()),
            )?,
            consumer_lag: IntGaugeVec::new(
                Opts::new(
                    "demarche_consumer_lag",
                    "Messages behind the high watermark, per input partition (librdkafka statistics).",
                ),
                &["topic", "partition"],
            )?,
            in_flight: IntGauge::new(
                "demarche_in_flight_messages",
                "Inputs processed but not yet fully acknowledged.",
            )?,
            producer_errors: counter_vec(
                "demarche_producer_errors_total",
                "Produce and delivery failures, each retried.",
                &["kind"],
            )?,
            consume_errors: counter_vec(
                "demarche_consume_errors_total",
                "Errors the input consumer returned instead of a message, by librdkafka error code.",
                &["kind"],
            )?,
            commit_errors: IntCounter::new(
                "demarche_commit_errors_total",
                "Offset commits the broker refused or that failed (each retried at the next interval).",
            )?,
            processing_errors: counter_vec(
                "demarche_processing_errors_total",
                "Internal errors of a pipeline stage; the input goes to the dead letter topic.",
                &["stage"],
            )?,
            offsets_committed: IntCounter::new(
                "demarche_offsets_committed_total",
                "Offset commits that succeeded.",
            )?,
            transactions: counter_vec(
                "demarche_transactions_total",
                "Kafka transactions ended, in exactly-once mode.",
                &["result"],
            )?,
            ready: IntGauge::new(
                "demarche_ready",
                "1 while partitions are assigned, the dedup state is restored and brokers are reachable (as /readyz).",
            )?,
            index_entries: IntGauge::new(
                "demarche_dedup_index_entries",
                "Fingerprints held in the dedup index.",
            )?,
            changelog_applied: IntCounter::new(
                "demarche_changelog_records_applied_total",
                "Dedup changelog records applied to the index.",
            )?,
            aggregate_mentions: counter_vec(
                "demarche_aggregate_mentions_total",
                "Mentions read by the daily aggregates' owner: updated, repeated, undated, late, ahead, malformed.",
                &["outcome"],
            )?,
            aggregate_table: IntGaugeVec::new(
                Opts::new(
                    "demarche_aggregate_table",
                    "The daily aggregates this instance owns (unit=aggregates) and their estimated size (unit=bytes).",
                ),
                &["unit"],
            )?,
            aggregate_lag: IntGauge::new(
                "demarche_aggregate_lag",
                "Mentions in the partitions this instance owns not yet counted.",
            )?,
            aggregate_restore: Histogram::with_opts(
                HistogramOpts::new(
                    "demarche_aggregate_restore_seconds",
                    "Time to rebuild an aggregate partition's table from the state topic.",
                )
                .buckets(RESTORE_BUCKETS.to_vec()),
            )?,
            build_info: GaugeVec::new(
                Opts::new("demarche_build_info", "Build and dictionary versions (always 1)."),
                &["version", "dictionary_version"],
            )?,
        };
        m.register(registry)?;
        Ok(m)
    }

    fn register(&self, registry: &Registry) -> prometheus::Result<()> {
        registry.register(Box::new(self.consumed.clone()))?;
        registry.register(Box::new(self.outcomes.clone()))?;
        registry.register(Box::new(self.dead_letters.clone()))?;
        registry.register(Box::new(self.duplicates.clone()))?;
        registry.register(Box::new(self.events_published.clone()))?;
        registry.register(Box::new(self.stage_duration.clone()))?;
        registry.register(Box::new(self.end_to_end.clone()))?;
        registry.register(Box::new(self.batch_size.clone()))?;
        registry.register(Box::new(self.consumer_lag.clone()))?;
        registry.register(Box::new(self.in_flight.clone()))?;
        registry.register(Box::new(self.producer_errors.clone()))?;
        registry.register(Box::new(self.consume_errors.clone()))?;
        registry.register(Box::new(self.commit_errors.clone()))?;
        registry.register(Box::new(self.processing_errors.clone()))?;
        registry.register(Box::new(self.offsets_committed.clone()))?;
        registry.register(Box::new(self.transactions.clone()))?;
        registry.register(Box::new(self.ready.clone()))?;
        registry.register(Box::new(self.index_entries.clone()))?;
        registry.register(Box::new(self.changelog_applied.clone()))?;
        registry.register(Box::new(self.aggregate_mentions.clone()))?;
        registry.register(Box::new(self.aggregate_table.clone()))?;
        registry.register(Box::new(self.aggregate_lag.clone()))?;
        registry.register(Box::new(self.aggregate_restore.clone()))?;
        registry.register(Box::new(self.build_info.clone()))
    }

    /// Records the versions the daemon runs with.
    pub fn set_build_info(&self, version: &str, dictionary_version: &str) {
        self.build_info
            .with_label_values(&[version, dictionary_version])
            .set(1.0);
    }

    /// An input record was consumed from `topic`.
    pub fn message_consumed(&self, topic: &str) {
        self.consumed.with_label_values(&[topic]).inc();
    }

    /// An input ended as `outcome`; `reason` is the dead-letter reason or the duplicate kind.
    pub fn outcome(&self, outcome: OutcomeKind, reason: Option<&str>) {
        self.outcomes.with_label_values(&[outcome.as_str()]).inc();
        match (outcome, reason) {
            (OutcomeKind::DeadLetter, Some(reason)) => {
                self.dead_letters.with_label_values(&[reason]).inc()
            }
            (OutcomeKind::Duplicate, Some(kind)) => {
                self.duplicates.with_label_values(&[kind]).inc()
            }
            _ => {}
        }
    }

    /// The broker acknowledged an event of CAMEO `root` and `quad_class`.
    pub fn event_published(&self, root: &str, quad_class: u8) {
        let quad = quad_class.to_string();
        self.events_published
            .with_label_values(&[root, &quad])
            .inc();
    }

    /// Time spent in the pure stages for one input.
    pub fn stage_timings(&self, timings: &StageTimings) {
        for (stage, took) in timings.iter() {
            self.stage_duration
                .with_label_values(&[stage.as_str()])
                .observe(took.as_secs_f64());
        }
    }

    /// A batch of `inputs` inputs was processed together.
    pub fn batch_size(&self, inputs: usize) {
        self.batch_size.observe(inputs as f64);
    }

    /// Every record an input caused was acknowledged `latency` after the input's timestamp.
    pub fn end_to_end(&self, latency: Duration) {
        self.end_to_end.observe(latency.as_secs_f64());
    }

    /// librdkafka reported `lag` messages behind on an input partition.
    pub fn consumer_lag(&self, topic: &str, partition: i32, lag: i64) {
        self.consumer_lag
            .with_label_values(&[topic, &partition.to_string()])
            .set(lag);
    }

    /// Starts the lag series of a newly assigned partition (0, where it has none yet), so that
    /// it exists from assignment on, not only from the first statistics report.
    pub fn track_lag(&self, topic: &str, partition: i32) {
        let _ = self
            .consumer_lag
            .with_label_values(&[topic, &partition.to_string()]);
    }

    /// Forgets the lag of a partition no longer assigned, so a stale value does not alert.
    pub fn forget_partition(&self, topic: &str, partition: i32) {
        let _ = self
            .consumer_lag
            .remove_label_values(&[topic, &partition.to_string()]);
    }

    /// Inputs processed but not yet fully acknowledged, over all partitions.
    pub fn in_flight(&self, count: usize) {
        self.in_flight.set(i64::try_from(count).unwrap_or(i64::MAX));
    }

    /// A produce or delivery failed (it is retried).
    pub fn producer_error(&self, kind: &str) {
        self.producer_errors.with_label_values(&[kind]).inc();
    }

    /// The input consumer returned an error of `kind` instead of a message.
    pub fn consume_error(&self, kind: &str) {
        self.consume_errors.with_label_values(&[kind]).inc();
    }

    /// An offset commit failed.
    pub fn commit_error(&self) {
        self.commit_errors.inc();
    }

    /// A pipeline stage failed internally (a bug, caught).
    pub fn processing_error(&self, stage: Stage) {
        self.processing_errors
            .with_label_values(&[stage.as_str()])
            .inc();
    }

    /// An offset commit succeeded.
    pub fn offsets_committed(&self) {
        self.offsets_committed.inc();
    }

    /// A transaction ended: `committed` or `aborted`.
    pub fn transaction(&self, result: &str) {
        self.transactions.with_label_values(&[result]).inc();
    }

    /// Readiness changed.
    pub fn set_ready(&self, ready: bool) {
        self.ready.set(i64::from(ready));
    }

    /// The dedup index holds `entries` fingerprints.
    pub fn index_entries(&self, entries: usize) {
        self.index_entries
            .set(i64::try_from(entries).unwrap_or(i64::MAX));
    }

    /// A changelog record was applied to the dedup index.
    pub fn changelog_applied(&self) {
        self.changelog_applied.inc();
    }

    /// The daily aggregates' owner read a mention that ended as `outcome`.
    pub fn aggregate_mention(&self, outcome: &str) {
        self.aggregate_mentions.with_label_values(&[outcome]).inc();
    }

    /// The owned aggregates, their estimated bytes, and the mentions not yet counted.
    pub fn aggregate_table(&self, aggregates: usize, bytes: usize, lag: i64) {
        let gauge = |unit: &str, n: usize| {
            (self.aggregate_table.with_label_values(&[unit]))
                .set(i64::try_from(n).unwrap_or(i64::MAX));
        };
        gauge("aggregates", aggregates);
        gauge("bytes", bytes);
        self.aggregate_lag.set(lag);
    }

    /// An aggregate partition's table was restored in `took`.
    pub fn aggregate_restored(&self, took: Duration) {
        self.aggregate_restore.observe(took.as_secs_f64());
    }
}

fn counter_vec(name: &str, help: &str, labels: &[&str]) -> prometheus::Result<IntCounterVec> {
    IntCounterVec::new(Opts::new(name, help), labels)
}
