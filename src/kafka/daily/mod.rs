//! The daily aggregates' owners (`[aggregate] enabled`): the stateful stage after the consume
//! loop.
//!
//! The consume loop writes each dated event's mention to the mentions topic, keyed by its
//! aggregate key, with the event and in the same delivery unit (see `records`). The owners, a
//! consumer group of their own (`aggregate.group_id`), read it: the owner of a partition of
//! mentions owns every aggregate keyed to it, and keeps that partition's table. It writes each
//! update's value to `aggregate.topic` and the table's state record to the state topic's
//! partition of the same number, and on taking a partition over rebuilds the table from that
//! partition before it counts anything (`restore`). Mentions are counted by event id, so a
//! replay or a re-send counts nothing twice.
//!
//! `owner` keeps the tables and makes the records (pure), `restore` reads a state partition,
//! `sender` writes, `context` hears of revoked partitions, `run` is the loop.

mod context;
mod owner;
mod restore;
mod run;
mod sender;

use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::clients;
use super::error::KafkaError;
use crate::metrics::Metrics;
use crate::settings::Settings;

/// Starts the owners' loop on a blocking thread of its own. An error ends it and cancels
/// `shutdown`: the daemon stops rather than publish without aggregating.
pub fn start(
    settings: &Settings,
    metrics: Metrics,
    shutdown: CancellationToken,
) -> Result<JoinHandle<Result<(), KafkaError>>, KafkaError> {
    let aggregate = &settings.aggregate;
    let consumer = clients::owners_consumer(&settings.kafka, &aggregate.group_id)
        .create_with_context(context::OwnersContext::default())
        .map_err(KafkaError::Client)?;
    let sender = sender::Sender::new(&clients::owners_producer(&settings.kafka), metrics.clone())
        .map_err(KafkaError::Client)?;
    let mut owners = run::Owners {
        consumer,
        reader: clients::state_reader(&settings.kafka, &aggregate.group_id),
        sender,
        owner: owner::Owner::new(aggregate.clone()),
        mentions_topic: aggregate.mentions_topic.clone(),
        state_topic: aggregate.state_topic.clone(),
        metrics,
    };
    Ok(tokio::task::spawn_blocking(move || {
        let outcome = owners.run(&shutdown);
        if let Err(error) = &outcome {
            tracing::error!(%error, "daily aggregates stopped");
            shutdown.cancel();
        }
        outcome
    }))
}
