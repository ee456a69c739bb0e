//! The daemon's daily aggregates on the test broker: three outlets' reports of one event are
//! one aggregate of three mentions, articles and outlets, whichever instance codes them; a
//! re-sent article or a replayed mention changes nothing; an owner killed and started again
//! ends with the same aggregate; and the aggregate is the one `demarche extract --daily` gives.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use demarche::aggregate::{AggregateConfig, AggregateKey, DailyEvent, Table};
use demarche::model::DiplomaticEvent;
use demarche::offline::daily::seen_at;
use demarche::settings::Valid;
use rdkafka::config::ClientConfig;
use rdkafka::producer::{BaseProducer, BaseRecord, Producer};
use serde_json::Value;

use crate::daily::{aggregates, coded, daily, three_reports};
use crate::support::config::Config;
use crate::support::daemon::Daemon;
use crate::support::{broker, consume, create_topics, unique, wait_for, Record, TestTopics};

const WAIT: Duration = Duration::from_secs(90);

/// The topics of one test: the daemon's, and the aggregates' with `partitions` each.
struct Topics {
    daemon: TestTopics,
    daily: String,
    state: String,
    mentions: String,
}

impl Topics {
    fn create(brokers: &str, partitions: i32) -> Self {
        let topics = Self {
            daemon: TestTopics::create(brokers, partitions),
            daily: unique("daily"),
            state: unique("daily-state"),
            mentions: unique("mentions"),
        };
        create_topics(
            brokers,
            &[
                (&topics.daily, 1),
                (&topics.state, partitions),
                (&topics.mentions, partitions),
            ],
        );
        topics
    }

    /// A daemon configuration that aggregates, its owners in `owners_group`.
    fn config(
        &self,
        brokers: &str,
        group: &str,
        owners_group: &str,
        dir: &std::path::Path,
    ) -> (PathBuf, u16) {
        Config::test_broker(brokers, &self.daemon, group)
            .with(&format!(
                r#"
[aggregate]
enabled = true
topic = "{}"
state_topic = "{}"
mentions_topic = "{}"
group_id = "{owners_group}"
"#,
                self.daily, self.state, self.mentions
            ))
            .write(dir)
    }
}

/// The test broker, fresh topics of one partition, and a directory for the configuration.
fn one_partition() -> (String, Topics, tempfile::TempDir) {
    let brokers = broker();
    let topics = Topics::create(&brokers, 1);
    (brokers, topics, tempfile::tempdir().expect("tempdir"))
}

/// Produces `payloads` to `topic`, the i-th to partition `partitions[i]`, each stamped with
/// its article's publication time: the time the daemon counts it as seen, and the time
/// `extract --daily` uses, so that the two agree.
fn produce_stamped(brokers: &str, topic: &str, payloads: &[Vec<u8>], partitions: &[i32]) {
    let producer: BaseProducer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .create()
        .expect("producer");
    for (payload, partition) in payloads.iter().zip(partitions) {
        let article: Value = serde_json::from_slice(payload).expect("an article");
        let published = article["published_at"].as_str().expect("published_at");
        let millis = chrono::DateTime::parse_from_rfc3339(published)
            .expect("RFC 3339")
            .timestamp_millis();
        producer
            .send(
                BaseRecord::<'_, [u8], [u8]>::to(topic)
                    .partition(*partition)
                    .timestamp(millis)
                    .payload(payload.as_slice()),
            )
            .map_err(|(e, _)| e)
            .expect("produce");
    }
    producer.flush(Duration::from_secs(30)).expect("flush");
}

/// Every value on the aggregates' topic, in the order written.
fn published(brokers: &str, topic: &str) -> Vec<(String, DailyEvent)> {
    consume(brokers, topic, 0, Duration::from_secs(5))
        .into_iter()
        .filter_map(|r: Record| {
            let value = serde_json::from_slice(r.value.as_ref()?).expect("an aggregate");
            Some((String::from_utf8(r.key).expect("a text key"), value))
        })
        .collect()
}

/// The latest value of each key.
fn latest(values: &[(String, DailyEvent)]) -> BTreeMap<String, DailyEvent> {
    values.iter().cloned().collect()
}

/// Waits until the aggregates' topic holds one key whose latest value has `mentions` mentions.
fn wait_for_aggregate(brokers: &str, topic: &str, mentions: u64) -> DailyEvent {
    wait_for(
        &format!("an aggregate of {mentions} mentions"),
        WAIT,
        || {
            let current = latest(&published(brokers, topic));
            let [(_, aggregate)] = Vec::from_iter(current).try_into().ok()?;
            (aggregate.mentions == mentions).then_some(aggregate)
        },
    )
}

/// What `extract --daily` makes of the same three reports.
fn offline() -> DailyEvent {
    let output = daily(&three_reports(), &[], &[]);
    let mut all = aggregates(&output);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

#[test]
fn three_outlets_reports_are_one_aggregate_and_a_re_send_changes_nothing() {
    let (brokers, topics, dir) = one_partition();
    let (config, port) = topics.config(&brokers, &unique("g"), &unique("owners"), dir.path());
    let daemon = Daemon::start(&config, port);
    let reports = three_reports();
    produce_stamped(&brokers, &topics.daemon.input, &reports, &[0, 0, 0]);

    let aggregate = wait_for_aggregate(&brokers, &topics.daily, 3);
    assert_eq!(
        (aggregate.mentions, aggregate.articles, aggregate.outlets),
        (3, 3, 3)
    );
    assert_eq!(
        aggregate.first_seen.to_rfc3339(),
        "2024-03-12T22:15:00+00:00"
    );
    assert_eq!(
        aggregate.last_seen.to_rfc3339(),
        "2024-03-13T09:30:00+00:00"
    );
    assert_eq!(
        aggregate,
        offline(),
        "the daemon and `extract --daily` agree"
    );

    // The same article again (caught by dedup), and one of its mentions written again (a
    // replay of the mentions topic): neither is counted.
    produce_stamped(&brokers, &topics.daemon.input, &reports[1..2], &[0]);
    let mention = consume(&brokers, &topics.mentions, 3, Duration::from_secs(10))
        .into_iter()
        .next()
        .expect("a mention");
    let producer: BaseProducer = ClientConfig::new()
        .set("bootstrap.servers", &brokers)
        .create()
        .expect("producer");
    producer
        .send(
            BaseRecord::<'_, [u8], [u8]>::to(&topics.mentions)
                .key(mention.key.as_slice())
                .payload(mention.value.as_deref().expect("a mention's event")),
        )
        .map_err(|(e, _)| e)
        .expect("produce");
    producer.flush(Duration::from_secs(30)).expect("flush");
    wait_for("the replayed mention to be read", WAIT, || {
        (daemon.metric("demarche_aggregate_mentions_total{outcome=\"repeated\"}") >= 1.0)
            .then_some(())
    });
    let values = published(&brokers, &topics.daily);
    assert_eq!(
        values.len(),
        3,
        "one value per counted mention, no more: {values:#?}"
    );
    assert_eq!(
        latest(&values).into_values().collect::<Vec<_>>(),
        [aggregate]
    );
    assert_eq!(
        daemon.metric("demarche_aggregate_table{unit=\"aggregates\"}"),
        1.0
    );
    daemon.terminate(Duration::from_secs(30));
}

#[test]
fn two_instances_coding_the_reports_on_different_partitions_make_one_aggregate() {
    let brokers = broker();
    let topics = Topics::create(&brokers, 3);
    let dir = tempfile::tempdir().expect("tempdir");
    let (group, owners) = (unique("g"), unique("owners"));
    let (first, first_port) = topics.config(&brokers, &group, &owners, dir.path());
    let (second, second_port) = topics.config(&brokers, &group, &owners, dir.path());
    let a = Daemon::start(&first, first_port);
    let b = Daemon::start(&second, second_port);
    a.wait_ready(WAIT);
    b.wait_ready(WAIT);
    produce_stamped(&brokers, &topics.daemon.input, &three_reports(), &[0, 1, 2]);

    let aggregate = wait_for_aggregate(&brokers, &topics.daily, 3);
    assert_eq!((aggregate.articles, aggregate.outlets), (3, 3));
    assert_eq!(aggregate, offline());
    let values = published(&brokers, &topics.daily);
    assert!(
        values.iter().all(|(_, v)| v.key == aggregate.key),
        "one aggregate only: {values:#?}"
    );
    a.terminate(Duration::from_secs(30));
    b.terminate(Duration::from_secs(30));
}

#[test]
fn an_owner_killed_after_the_events_and_started_again_ends_with_the_same_aggregate() {
    let (brokers, topics, dir) = one_partition();
    let (config, port) = topics.config(&brokers, &unique("g"), &unique("owners"), dir.path());
    let reports = three_reports();

    // Each report is coded, and the daemon killed as soon as its event is on the output topic:
    // the owner has counted that mention or not, written its state or not.
    for (i, report) in reports.iter().enumerate() {
        let daemon = Daemon::start(&config, port);
        produce_stamped(
            &brokers,
            &topics.daemon.input,
            std::slice::from_ref(report),
            &[0],
        );
        crate::support::poll_until(
            &format!("the event of report {}", i + 1),
            WAIT,
            Duration::from_millis(10),
            || {
                (consume(
                    &brokers,
                    &topics.daemon.output,
                    i + 1,
                    Duration::from_millis(200),
                )
                .len()
                    > i)
                    .then_some(())
            },
        );
        daemon.kill();
    }
    let daemon = Daemon::start(&config, port);
    let aggregate = wait_for_aggregate(&brokers, &topics.daily, 3);
    assert_eq!(
        aggregate,
        offline(),
        "the same aggregate as without a crash"
    );
    let values = published(&brokers, &topics.daily);
    assert!(values.iter().all(|(_, v)| v.mentions <= 3), "{values:#?}");
    daemon.terminate(Duration::from_secs(30));
}

#[test]
fn an_owner_stopped_after_a_state_record_but_before_its_commit_counts_that_mention_once() {
    let (brokers, topics, dir) = one_partition();
    let (config, port) = topics.config(&brokers, &unique("g"), &unique("owners"), dir.path());

    // The mentions of the three reports are on the mentions topic, and the state of an owner
    // that counted the first one is on the state topic; nothing is committed: what a crash
    // between writing that state record and committing its offset leaves.
    let mentions: Vec<(DiplomaticEvent, i64)> = coded(&three_reports())
        .into_iter()
        .filter(|(event, _)| AggregateKey::of(event).is_some())
        .map(|(event, position)| {
            let seen = seen_at(&event, position).timestamp_millis();
            (event, seen)
        })
        .collect();
    assert_eq!(mentions.len(), 3, "one dated event a report");
    let producer: BaseProducer = ClientConfig::new()
        .set("bootstrap.servers", &brokers)
        .create()
        .expect("producer");
    let mut table = Table::new(&Valid::<AggregateConfig>::documented());
    let (first, seen) = &mentions[0];
    let seen_time = chrono::DateTime::from_timestamp_millis(*seen).expect("a time");
    let update = table
        .apply(first, seen_time)
        .into_update()
        .expect("counted");
    let key = update.value.key.to_string();
    let state = table.state(&update.value.key).expect("a state").encode();
    send(&producer, &topics.state, &key, &state, None);
    for (event, seen) in &mentions {
        let (key, _) = AggregateKey::of(event).expect("dated");
        let payload = serde_json::to_vec(event).expect("an event serializes");
        send(
            &producer,
            &topics.mentions,
            &key.to_string(),
            &payload,
            Some(*seen),
        );
    }
    producer.flush(Duration::from_secs(30)).expect("flush");

    let daemon = Daemon::start(&config, port);
    let aggregate = wait_for_aggregate(&brokers, &topics.daily, 3);
    assert_eq!(aggregate, offline());
    let outcome = |o: &str| {
        daemon.metric(&format!(
            "demarche_aggregate_mentions_total{{outcome=\"{o}\"}}"
        ))
    };
    assert_eq!((outcome("repeated"), outcome("updated")), (1.0, 2.0));
    assert_eq!(
        published(&brokers, &topics.daily).len(),
        2,
        "the restored mention writes nothing"
    );
    daemon.terminate(Duration::from_secs(30));
}

/// Writes one record to partition 0 of `topic`.
fn send(producer: &BaseProducer, topic: &str, key: &str, payload: &[u8], timestamp: Option<i64>) {
    let mut record = BaseRecord::<'_, str, [u8]>::to(topic)
        .partition(0)
        .key(key)
        .payload(payload);
    if let Some(timestamp) = timestamp {
        record = record.timestamp(timestamp);
    }
    producer.send(record).map_err(|(e, _)| e).expect("produce");
}
