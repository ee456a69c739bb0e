//! The Kafka edges: the consumer loop, the producer, offset tracking, dead letters and the
//! dedup changelog. Async lives here (and in `http`); the text stages do not know about Kafka.

mod changelog;
pub mod clients;
mod close;
mod connectivity;
mod context;
mod input;
mod offsets;
mod producer;
pub mod records;
mod transaction;

use std::sync::{Arc, Mutex};

use rdkafka::consumer::StreamConsumer;
use rdkafka::ClientConfig;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use offsets::{Completed, OffsetTracker};

use crate::health::Health;
use crate::metrics::Metrics;
use crate::pipeline::Pipeline;
use crate::settings::{DeliveryMode, Settings};

/// Errors of the Kafka layer. Per-message problems are outcomes, not errors: these stop the
/// daemon.
#[derive(Debug, thiserror::Error)]
pub enum KafkaError {
    /// A client could not be created or configured (a bad librdkafka property, say).
    #[error("kafka client error: {0}")]
    Client(#[source] rdkafka::error::KafkaError),
    /// Topic metadata could not be fetched.
    #[error("cannot read metadata of topic `{topic}`: {source}")]
    Metadata {
        /// The topic.
        topic: String,
        /// The cause.
        source: rdkafka::error::KafkaError,
    },
    /// A topic demarche needs does not exist.
    #[error("topic `{0}` does not exist; create it (see the README, Topics)")]
    MissingTopic(String),
    /// The transactional producer cannot go on (exactly-once mode): fenced by another instance
    /// with the same `transactional.id`, or a transaction that could not even be aborted.
    #[error("{0}")]
    Transaction(#[source] transaction::TransactionFailure),
    /// The transactional producer could not register its `transactional.id`.
    #[error("cannot initialise transactions (kafka.transactional_id `{id}`): {source}")]
    InitTransactions {
        /// The transactional id.
        id: String,
        /// The cause.
        source: rdkafka::error::KafkaError,
    },
}

/// Changelog updates buffered between the tailer and the consumer loop.
const CHANGELOG_BUFFER: usize = 4096;

/// Runs the daemon's Kafka side until `shutdown`, then drains and commits within the
/// configured deadline, and closes the clients with what is left of it.
pub async fn run(
    settings: &Settings,
    pipeline: Pipeline,
    metrics: Metrics,
    health: Arc<Health>,
    shutdown: CancellationToken,
) -> Result<(), KafkaError> {
    let kafka = &settings.kafka;
    let tracker = Arc::new(Mutex::new(OffsetTracker::new()));
    let (failed_tx, failed) = mpsc::unbounded_channel();
    let producer: producer::Producer = clients::producer(kafka)
        .create_with_context(producer::DeliveryContext::new(
            Arc::clone(&tracker),
            metrics.clone(),
            Arc::clone(&health),
            failed_tx,
        ))
        .map_err(KafkaError::Client)?;
    let transactions = match kafka.delivery {
        DeliveryMode::AtLeastOnce => None,
        DeliveryMode::ExactlyOnce => {
            let id = kafka.effective_transactional_id();
            let ready = transaction::Transactions::init(producer.clone(), metrics.clone())
                .map_err(|source| KafkaError::InitTransactions {
                    id: id.clone(),
                    source,
                })?;
            tracing::info!(transactional_id = %id, "exactly-once delivery: transactions initialised");
            Some(Arc::new(Mutex::new(ready)))
        }
    };
    let context = context::InputContext::new(
        Arc::clone(&tracker),
        producer.clone(),
        metrics.clone(),
        Arc::clone(&health),
        settings.topics.input.clone(),
        settings.shutdown.deadline,
        transactions.clone(),
    );
    let consumer: StreamConsumer<context::InputContext> = clients::input_consumer(kafka)
        .create_with_context(context)
        .map_err(KafkaError::Client)?;
    let (changelog, tailer) = start_changelog(
        clients::changelog_consumer(kafka),
        &settings.topics.dedup_state,
        shutdown.clone(),
    )?;
    let stopping = close::stopping_time(&shutdown);
    let mut input = input::InputLoop {
        consumer,
        producer,
        tracker,
        pipeline,
        topics: settings.topics.clone(),
        metrics,
        health,
        max_in_flight: kafka.max_in_flight_per_partition.get(),
        batch_max: settings.pipeline.batch_max.get(),
        commit_interval: kafka.commit_interval,
        failed,
        changelog,
        transactions,
    };
    let deadline = settings.shutdown.deadline;
    let outcome = input.run(&shutdown, deadline).await;
    // A fatal error ends the loop without a signal: the tailer stops too.
    shutdown.cancel();
    let budget = close::budget(stopping, deadline).await;
    let changelog_consumer = close::join(tailer, "changelog tailer", budget).await;
    close::close((input, changelog_consumer), budget).await;
    outcome
}

/// The changelog updates, and the tailer's task, which hands its consumer back when it ends.
type Tailer = (
    mpsc::Receiver<changelog::ChangelogUpdate>,
    JoinHandle<changelog::ChangelogConsumer>,
);

/// Starts the changelog tailer on its own task.
fn start_changelog(
    config: ClientConfig,
    topic: &str,
    shutdown: CancellationToken,
) -> Result<Tailer, KafkaError> {
    let consumer: changelog::ChangelogConsumer = config
        .create_with_context(changelog::ChangelogContext)
        .map_err(KafkaError::Client)?;
    let partitions = changelog::assign_all(&consumer, topic)?;
    let (tx, rx) = mpsc::channel(CHANGELOG_BUFFER);
    let tailer = tokio::spawn(changelog::tail(consumer, partitions, tx, shutdown));
    Ok((rx, tailer))
}
