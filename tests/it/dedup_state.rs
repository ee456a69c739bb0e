//! The dedup state lives in the changelog topic: it survives a restart, and it is shared by
//! every instance of the group, so a copy is caught across restarts and across partitions.

use std::time::Duration;

use crate::support::article::Article;
use crate::support::config::Config;
use crate::support::daemon::Daemon;
use crate::support::{broker, consume, produce_to, unique, wait_for, TestTopics};

const STORY: &str = "Japan and Russia agreed on Saturday to hold joint naval exercises next spring, \
the first such drills between the two countries since the end of the Cold War.\n\n\
The agreement came at a meeting of defence and foreign ministers in Tokyo, where officials from both \
sides also discussed fishing rights around a chain of disputed islands and the security of shipping lanes.\n\n\
Russian Foreign Minister Sergei Lavrov said the two governments would set up a regular consultation \
framework and that the new cooperation was not aimed at any third country.\n\n\
China criticized the plan, and its foreign ministry urged both sides to avoid steps that could raise \
tensions in the region, a spokesman said in Beijing.";

/// The wire story as one outlet publishes it.
fn original() -> Vec<u8> {
    Article::new(unique("orig"), STORY)
        .url("https://one.example.org/world/japan-russia-drills")
        .source("Example One")
        .title("Japan and Russia agree on naval drills")
        .published_at("2024-03-09T10:00:00Z")
        .payload()
}

/// The same story republished elsewhere: another id, URL and headline, and a paragraph added.
fn republished() -> Vec<u8> {
    let body = format!("{STORY}\n\nThe ministers are due to meet again in Moscow later this year.");
    Article::new(unique("copy"), body)
        .url("https://two.example.net/asia/2024/03/09/drills")
        .source("Example Two")
        .title("Tokyo, Moscow plan first joint drills since Cold War")
        .published_at("2024-03-09T11:30:00Z")
        .payload()
}

fn duplicates(daemon: &Daemon) -> f64 {
    daemon.metric("demarche_outcomes_total{outcome=\"duplicate\"}")
}

fn new_articles(daemon: &Daemon) -> f64 {
    daemon.metric("demarche_outcomes_total{outcome=\"published\"}")
        + daemon.metric("demarche_outcomes_total{outcome=\"no_events\"}")
}

#[test]
fn a_copy_of_an_article_seen_before_a_restart_is_still_caught() {
    let brokers = broker();
    let topics = TestTopics::create(&brokers, 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let (config, port) = Config::test_broker(&brokers, &topics, &unique("group")).write(dir.path());

    produce_to(&brokers, &topics.input, 0, &[original()]);
    let first = Daemon::start(&config, port);
    first.wait_ready(Duration::from_secs(60));
    wait_for("the original to be coded", Duration::from_secs(30), || {
        (new_articles(&first) == 1.0).then_some(())
    });
    let events_before = consume(&brokers, &topics.output, 1, Duration::from_secs(5)).len();
    first.kill();

    produce_to(&brokers, &topics.input, 0, &[republished()]);
    let second = Daemon::start(&config, port);
    second.wait_ready(Duration::from_secs(60));
    wait_for("the copy to be judged", Duration::from_secs(30), || {
        (duplicates(&second) + new_articles(&second) >= 1.0).then_some(())
    });
    assert_eq!(
        duplicates(&second),
        1.0,
        "the copy must be caught after the restart"
    );
    let events_after = consume(
        &brokers,
        &topics.output,
        events_before,
        Duration::from_secs(5),
    )
    .len();
    assert_eq!(
        events_after, events_before,
        "a duplicate publishes no events"
    );
}

#[test]
fn two_instances_in_one_group_catch_a_copy_across_partitions() {
    let brokers = broker();
    let topics = TestTopics::create(&brokers, 2);
    let dir = tempfile::tempdir().expect("tempdir");
    let group = unique("group");
    let config = Config::test_broker(&brokers, &topics, &group);
    let (config_a, port_a) = config.clone().write(dir.path());
    let (config_b, port_b) = config.write(dir.path());
    let a = Daemon::start(&config_a, port_a);
    let b = Daemon::start(&config_b, port_b);
    a.wait_ready(Duration::from_secs(60));
    b.wait_ready(Duration::from_secs(60));

    produce_to(&brokers, &topics.input, 0, &[original()]);
    wait_for("the original to be coded", Duration::from_secs(30), || {
        (new_articles(&a) + new_articles(&b) == 1.0).then_some(())
    });
    wait_for(
        "the changelog record to reach both instances' indexes",
        Duration::from_secs(30),
        || {
            [&a, &b]
                .iter()
                .all(|d| d.metric("demarche_dedup_index_entries") >= 1.0)
                .then_some(())
        },
    );
    produce_to(&brokers, &topics.input, 1, &[republished()]);
    wait_for("the copy to be judged", Duration::from_secs(30), || {
        (duplicates(&a) + duplicates(&b) + new_articles(&a) + new_articles(&b) >= 2.0).then_some(())
    });
    assert_eq!(
        duplicates(&a) + duplicates(&b),
        1.0,
        "the copy on the other partition must be caught"
    );
    let handled_by_both = [&a, &b].iter().all(|d| {
        d.metric(&format!(
            "demarche_messages_consumed_total{{topic=\"{}\"}}",
            topics.input
        )) == 1.0
    });
    assert!(
        handled_by_both,
        "each instance must have consumed one of the two partitions"
    );
}
