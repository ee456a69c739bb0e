//! The Kafka edges: the consumer loop, the producer, offset tracking, dead letters and the
//! dedup changelog. The text stages do not know about Kafka.
//!
//! One article's path: `input` (the consume loop, on a blocking thread of its own) takes a
//! batch (`batches`), runs it through the pipeline and settles each outcome with its records
//! (`records`); `publisher` offers the records and pauses partitions with too much in flight;
//! `producer`'s delivery callback acknowledges them into the offset tracker (`offsets`);
//! `committer` commits what is complete, the offsets coming from `pending`, in either delivery
//! mode (`transaction` for exactly-once), and so does the rebalance callback (`rebalance`)
//! through the same committer. `changelog` tails the dedup changelog on an async task;
//! `shared` holds the handles every part shares; `close` closes the clients within the
//! shutdown deadline. Each file depends only on files below it: no two import each other
//! (`.ci/no-import-cycles.sh`).

mod batches;
mod changelog;
pub mod clients;
mod close;
mod committer;
mod connectivity;
mod daily;
mod error;
mod input;
mod offsets;
mod pending;
mod producer;
mod publisher;
mod rebalance;
pub mod records;
mod shared;
mod transaction;

use std::sync::Arc;

use rdkafka::consumer::BaseConsumer;
use rdkafka::ClientConfig;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use error::KafkaError;
pub use offsets::{Completed, OffsetTracker};

use crate::health::Health;
use crate::metrics::Metrics;
use crate::pipeline::Pipeline;
use crate::settings::{DeliveryMode, Settings};

/// Changelog updates buffered between the tailer and the consumer loop.
const CHANGELOG_BUFFER: usize = 4096;

/// Runs the daemon's Kafka side until `shutdown`, then drains and commits within the
/// configured deadline, and closes the clients with what is left of it.
///
/// The consume loop runs on a blocking thread of its own (see `input.rs`); the changelog
/// tailer is an async task. Both are joined before the clients are closed.
pub async fn run(
    settings: &Settings,
    pipeline: Pipeline,
    metrics: Metrics,
    health: Arc<Health>,
    shutdown: CancellationToken,
) -> Result<(), KafkaError> {
    let kafka = &settings.kafka;
    let tracker = offsets::SharedTracker::default();
    let (failed_tx, failed) = mpsc::unbounded_channel();
    let producer: producer::Producer = clients::producer(kafka)
        .create_with_context(producer::DeliveryContext::new(
            tracker.clone(),
            metrics.clone(),
            Arc::clone(&health),
            failed_tx,
        ))
        .map_err(KafkaError::Client)?;
    let shared = Arc::new(shared::Shared {
        producer,
        tracker,
        metrics,
        health,
        topics: settings.topics.clone(),
        delivery: kafka.delivery,
    });
    let committer = Arc::new(committer(settings, &shared).await?);
    let consumer: BaseConsumer<rebalance::InputContext> = clients::input_consumer(kafka)
        .create_with_context(rebalance::InputContext::new(
            Arc::clone(&shared),
            Arc::clone(&committer),
        ))
        .map_err(KafkaError::Client)?;
    let (changelog, tailer) = start_changelog(
        clients::changelog_consumer(kafka),
        settings.topics.dedup_state.clone(),
        shutdown.clone(),
    )
    .await?;
    let owners = match settings.aggregate.enabled {
        true => Some(daily::start(
            settings,
            shared.metrics.clone(),
            shutdown.clone(),
        )?),
        false => None,
    };
    let stopping = close::stopping_time(&shutdown);
    let mut input = input::InputLoop {
        consumer,
        publisher: publisher::Publisher::new(
            Arc::clone(&shared),
            failed,
            kafka.max_in_flight_per_partition.get(),
        ),
        shared,
        committer,
        pipeline,
        changelog,
        batch_max: settings.pipeline.batch_max.get(),
        replay_memory_per_partition: settings
            .pipeline
            .replay_memory_needed(1, kafka.max_in_flight_per_partition),
        commit_interval: kafka.commit_interval,
    };
    let deadline = settings.shutdown.deadline;
    let token = shutdown.clone();
    let consumed = blocking(move || {
        let outcome = input.run(&token, deadline);
        (outcome, input)
    });
    let (outcome, input) = match consumed.await {
        Ok((outcome, input)) => (outcome, Some(input)),
        Err(error) => (Err(error), None),
    };
    // A fatal error ends the loop without a signal: the tailer stops too.
    shutdown.cancel();
    let budget = close::budget(stopping, deadline).await;
    let changelog_consumer = close::join(tailer, "changelog tailer", budget).await;
    let owners = match owners {
        Some(task) => close::join(task, "daily aggregates", budget).await,
        None => Some(Ok(())),
    };
    close::close((input, changelog_consumer), budget).await;
    outcome?;
    owners.unwrap_or(Ok(()))
}

/// The committer of the configured delivery mode; in exactly-once mode, the producer's
/// transactions are initialised here, once, on a blocking thread (it waits for the
/// coordinator).
async fn committer(
    settings: &Settings,
    shared: &Arc<shared::Shared>,
) -> Result<committer::Committer, KafkaError> {
    let kafka = &settings.kafka;
    match kafka.delivery {
        DeliveryMode::AtLeastOnce => Ok(committer::Committer::at_least_once(
            Arc::clone(shared),
            settings.shutdown.deadline,
        )),
        DeliveryMode::ExactlyOnce => {
            let id = kafka.transactional_id.clone().unwrap_or_default();
            let (producer, metrics) = (shared.producer.clone(), shared.metrics.clone());
            let ready = blocking(move || transaction::Transactions::init(producer, metrics))
                .await?
                .map_err(|source| KafkaError::InitTransactions {
                    id: id.clone(),
                    source,
                })?;
            tracing::info!(transactional_id = %id, "exactly-once delivery: transactions initialised");
            Ok(committer::Committer::exactly_once(
                Arc::clone(shared),
                ready,
            ))
        }
    }
}

/// The changelog updates, and the tailer's task, which hands its consumer back when it ends.
type Tailer = (
    mpsc::Receiver<changelog::ChangelogUpdate>,
    JoinHandle<changelog::ChangelogConsumer>,
);

/// Starts the changelog tailer on its own task, once its partitions are assigned (a metadata
/// request, made on a blocking thread).
async fn start_changelog(
    config: ClientConfig,
    topic: String,
    shutdown: CancellationToken,
) -> Result<Tailer, KafkaError> {
    let consumer: changelog::ChangelogConsumer = config
        .create_with_context(changelog::ChangelogContext)
        .map_err(KafkaError::Client)?;
    let (consumer, partitions) = blocking(move || {
        let partitions = changelog::assign_all(&consumer, &topic);
        (consumer, partitions)
    })
    .await?;
    let partitions = partitions?;
    let (tx, rx) = mpsc::channel(CHANGELOG_BUFFER);
    let tailer = tokio::spawn(changelog::tail(consumer, partitions, tx, shutdown));
    Ok((rx, tailer))
}

/// Runs a blocking librdkafka call on the runtime's blocking threads.
async fn blocking<T: Send + 'static>(
    call: impl FnOnce() -> T + Send + 'static,
) -> Result<T, KafkaError> {
    tokio::task::spawn_blocking(call)
        .await
        .map_err(|error| KafkaError::Thread(error.to_string()))
}
