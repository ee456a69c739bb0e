//! librdkafka client configurations: demarche's settings, then the operator's properties.

use rdkafka::ClientConfig;

use crate::settings::{ClientProperties, KafkaSettings};

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
    reader(kafka, &format!("{}-changelog", kafka.group_id))
}

/// The producer of events, dead letters and changelog records; transactional in exactly-once
/// mode.
pub fn producer(kafka: &KafkaSettings) -> ClientConfig {
    let mut config = idempotent_producer(kafka);
    if let Some(id) = &kafka.transactional_id {
        config.set("transactional.id", id);
    }
    with_statistics(&mut config, kafka);
    apply(&mut config, &kafka.producer.properties);
    config
}

/// The consumer group client of the daily aggregates' owners (`aggregate.group_id`), reading
/// the mentions topic; offsets are committed by hand once a batch's aggregates and state
/// records are written.
pub fn owners_consumer(kafka: &KafkaSettings, group_id: &str) -> ClientConfig {
    let mut config = common(kafka);
    config
        .set("group.id", group_id)
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        .set("auto.offset.reset", "earliest")
        .set("isolation.level", "read_committed");
    apply(&mut config, &kafka.consumer.properties);
    config
}

/// The reader of one partition of the aggregates' state topic, from its beginning to its end,
/// when an owner takes the partition over.
pub fn state_reader(kafka: &KafkaSettings, group_id: &str) -> ClientConfig {
    reader(kafka, &format!("{group_id}-restore"))
}

/// The producer of the daily aggregates and their state records: idempotent, never
/// transactional (an aggregate is recomputed from its state, not committed with an input).
pub fn owners_producer(kafka: &KafkaSettings) -> ClientConfig {
    let mut config = idempotent_producer(kafka);
    apply(&mut config, &kafka.producer.properties);
    config
}

/// The admin client that `check-config --connect` describes topics with: it connects as the
/// consumers do (their properties carry the credentials).
pub fn admin(kafka: &KafkaSettings) -> ClientConfig {
    let mut config = common(kafka);
    apply(&mut config, &kafka.consumer.properties);
    config
}

/// A reader of whole partitions outside any group's assignment (the group id only names it):
/// no commits, committed records only, the end of a partition reported.
fn reader(kafka: &KafkaSettings, group_id: &str) -> ClientConfig {
    let mut config = common(kafka);
    config
        .set("group.id", group_id)
        .set("enable.auto.commit", "false")
        .set("enable.partition.eof", "true")
        .set("isolation.level", "read_committed")
        .set("auto.offset.reset", "earliest");
    apply(&mut config, &kafka.consumer.properties);
    config
}

/// demarche's producer settings: idempotent, acknowledged by every replica, a short linger.
fn idempotent_producer(kafka: &KafkaSettings) -> ClientConfig {
    let mut config = common(kafka);
    config
        .set("enable.idempotence", "true")
        .set("acks", "all")
        .set("linger.ms", "5");
    config
}

/// Bootstrap servers, client id, and where TLS finds the CA certificates: librdkafka's vendored
/// OpenSSL looks under its own build prefix, not where Debian, Ubuntu or the image keep the
/// system's bundle, so `probe` makes it search the usual places. Used only with SSL or
/// SASL_SSL; an operator's `ssl.ca.location` wins.
fn common(kafka: &KafkaSettings) -> ClientConfig {
    let mut config = ClientConfig::new();
    config
        .set("bootstrap.servers", &kafka.brokers)
        .set("client.id", &kafka.client_id)
        .set("ssl.ca.location", "probe");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Layers;

    fn kafka(env: &[(&str, &str)]) -> KafkaSettings {
        let env = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Layers::from_sources(None, env)
            .and_then(|layers| layers.settings())
            .expect("settings")
            .kafka
    }

    #[test]
    fn tls_finds_the_system_certificates_unless_told_where() {
        for config in [
            input_consumer(&kafka(&[])),
            producer(&kafka(&[])),
            changelog_consumer(&kafka(&[])),
        ] {
            assert_eq!(config.get("ssl.ca.location"), Some("probe"));
        }
        let own = kafka(&[(
            "DEMARCHE__KAFKA__CONSUMER__PROPERTIES__SSL_CA_LOCATION",
            "/etc/kafka/ca.pem",
        )]);
        assert_eq!(
            input_consumer(&own).get("ssl.ca.location"),
            Some("/etc/kafka/ca.pem")
        );
    }
}
