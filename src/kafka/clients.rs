//! librdkafka client configurations: demarche's settings, then the operator's properties.

use rdkafka::ClientConfig;

use crate::settings::{ClientProperties, DeliveryMode, KafkaSettings};

/// The consumer group client of the input topic.
pub fn input_consumer(kafka: &KafkaSettings) -> ClientConfig {
    let mut config = common(kafka);
    config
        .set("group.id", &kafka.group_id)
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        .set("auto.offset.reset", "earliest")
        .set("isolation.level", "read_committed")
        .set("partition.assignment.strategy", "cooperative-sticky");
    with_statistics(&mut config, kafka);
    apply(&mut config, &kafka.consumer.properties);
    config
}

/// The changelog reader: no group, every partition assigned, end of partition reported.
pub fn changelog_consumer(kafka: &KafkaSettings) -> ClientConfig {
    let mut config = common(kafka);
    config
        .set("group.id", format!("{}-changelog", kafka.group_id))
        .set("enable.auto.commit", "false")
        .set("enable.partition.eof", "true")
        .set("isolation.level", "read_committed")
        .set("auto.offset.reset", "earliest");
    apply(&mut config, &kafka.consumer.properties);
    config
}

/// The producer of events, dead letters and changelog records; transactional in exactly-once
/// mode.
pub fn producer(kafka: &KafkaSettings) -> ClientConfig {
    let mut config = common(kafka);
    config
        .set("enable.idempotence", "true")
        .set("acks", "all")
        .set("linger.ms", "5");
    if kafka.delivery == DeliveryMode::ExactlyOnce {
        config.set("transactional.id", kafka.effective_transactional_id());
    }
    with_statistics(&mut config, kafka);
    apply(&mut config, &kafka.producer.properties);
    config
}

fn common(kafka: &KafkaSettings) -> ClientConfig {
    let mut config = ClientConfig::new();
    config
        .set("bootstrap.servers", &kafka.brokers)
        .set("client.id", &kafka.client_id);
    config
}

/// Statistics report consumer lag and broker connections (readiness).
fn with_statistics(config: &mut ClientConfig, kafka: &KafkaSettings) {
    config.set(
        "statistics.interval.ms",
        kafka.statistics_interval.as_millis().to_string(),
    );
}

fn apply(config: &mut ClientConfig, properties: &ClientProperties) {
    for (key, value) in properties.iter() {
        config.set(key, value);
    }
}
