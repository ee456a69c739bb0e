//! The Kafka layer's one error type. Per-message problems are outcomes, not errors: these stop
//! the daemon. Kept apart from `mod.rs` so that every part of the layer can name it without
//! importing the wiring.

use super::transaction::TransactionFailure;

/// Errors of the Kafka layer.
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
    Transaction(#[source] TransactionFailure),
    /// The transactional producer could not register its `transactional.id`.
    #[error("cannot initialise transactions (kafka.transactional_id `{id}`): {source}")]
    InitTransactions {
        /// The transactional id.
        id: String,
        /// The cause.
        source: rdkafka::error::KafkaError,
    },
    /// The replay guard cannot remember every input that can be read again.
    #[error(
        "pipeline.replay_memory = {configured} is below what can be read again: {partitions} \
         partition(s) x (kafka.max_in_flight_per_partition + pipeline.batch_max) = {needed}; \
         raise it (an input read again past it would be taken for a duplicate of itself)"
    )]
    ReplayMemory {
        /// The configured capacity.
        configured: usize,
        /// Partitions of the input topic.
        partitions: usize,
        /// The capacity needed.
        needed: usize,
    },
    /// An aggregates' owner could not read back the state of a partition it took over.
    #[error("cannot restore the aggregates of `{topic}` partition {partition}: {source}")]
    Restore {
        /// The state topic.
        topic: String,
        /// The partition.
        partition: i32,
        /// The cause.
        source: rdkafka::error::KafkaError,
    },
    /// The aggregates' state topic has fewer partitions than the mentions topic, so some
    /// owner could not keep its state beside its mentions.
    #[error(
        "aggregate.state_topic `{state}` has {has} partition(s); it needs at least as many as \
         aggregate.mentions_topic ({needed})"
    )]
    StatePartitions {
        /// The state topic.
        state: String,
        /// Its partitions.
        has: usize,
        /// The mentions topic's partitions.
        needed: usize,
    },
    /// A blocking thread (the consume loop's, say) ended without a result: it panicked.
    #[error("a kafka thread failed: {0}")]
    Thread(String),
}
