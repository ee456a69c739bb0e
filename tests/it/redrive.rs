//! `demarche redrive`: dead letters go back to the input once their cause is fixed, exactly the
//! selected ones, once per run, with their original key and bytes.

use std::process::Command;
use std::time::Duration;

use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{BaseProducer, BaseRecord, Producer};
use rdkafka::ClientConfig;

use crate::support::config::Config;
use crate::support::daemon::binary;
use crate::support::{broker, consume, create_topics, unique, TestTopics};

/// A dead letter as the daemon writes it: the original key and bytes, the reason in a header,
/// and, when the payload had to be cut, its original length.
struct DeadLetter {
    key: &'static str,
    payload: &'static str,
    reason: &'static str,
    cut: bool,
}

fn publish_dead_letters(brokers: &str, topic: &str, letters: &[DeadLetter]) {
    let producer: BaseProducer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .create()
        .expect("producer");
    for letter in letters {
        let mut headers = OwnedHeaders::new()
            .insert(Header {
                key: "demarche.error.kind",
                value: Some(letter.reason.as_bytes()),
            })
            .insert(Header {
                key: "demarche.source.topic",
                value: Some(b"articles.raw".as_slice()),
            });
        if letter.cut {
            headers = headers.insert(Header {
                key: "demarche.payload.original-bytes",
                value: Some(b"2000000".as_slice()),
            });
        }
        producer
            .send(
                BaseRecord::to(topic)
                    .key(letter.key)
                    .payload(letter.payload)
                    .headers(headers),
            )
            .map_err(|(e, _)| e)
            .expect("send");
    }
    producer.flush(Duration::from_secs(30)).expect("flush");
}

fn redrive(config: &std::path::Path, args: &[&str]) -> (bool, String) {
    let output = Command::new(binary())
        .arg("--config")
        .arg(config)
        .arg("redrive")
        .args(args)
        .output()
        .expect("run redrive");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_selected_dead_letters_are_fed_back_once_with_their_keys() {
    let brokers = broker();
    let topics = TestTopics::create(&brokers, 1);
    let dlq = unique("dlq-redrive");
    create_topics(&brokers, &[(&dlq, 2)]);
    let letters = [
        DeadLetter {
            key: "a1",
            payload: "{\"id\":\"a1\",\"body\":\"x\"",
            reason: "invalid_json",
            cut: false,
        },
        DeadLetter {
            key: "a2",
            payload: "{\"id\":\"a2\",\"body\":\"y\"",
            reason: "invalid_json",
            cut: false,
        },
        DeadLetter {
            key: "b1",
            payload: "{\"id\":\"b1\"}",
            reason: "missing_body",
            cut: false,
        },
        DeadLetter {
            key: "a3",
            payload: "{\"id\":\"a3\",\"body\":\"z\"",
            reason: "invalid_json",
            cut: false,
        },
        DeadLetter {
            key: "big",
            payload: "{\"id\":\"big\",\"body\":\"cut he",
            reason: "invalid_json",
            cut: true,
        },
        DeadLetter {
            key: "b2",
            payload: "{\"id\":\"b2\"}",
            reason: "missing_body",
            cut: false,
        },
    ];
    publish_dead_letters(&brokers, &dlq, &letters);
    let dir = tempfile::tempdir().expect("tempdir");
    let (config, _) = Config::test_broker(&brokers, &topics, &unique("group")).write(dir.path());

    // A dry run counts and writes nothing.
    let (ok, stderr) = redrive(
        &config,
        &["--from", &dlq, "--reason", "invalid_json", "--dry-run"],
    );
    assert!(ok, "{stderr}");
    assert!(stderr.contains("would re-feed 3"), "{stderr}");

    let (ok, stderr) = redrive(&config, &["--from", &dlq, "--reason", "invalid_json"]);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("read 6, re-fed 3, other reasons 2, cut (not re-fed) 1"),
        "{stderr}"
    );
    let mut refed: Vec<(String, String, String)> =
        consume(&brokers, &topics.input, 3, Duration::from_secs(30))
            .into_iter()
            .map(|r| {
                let from = r
                    .headers
                    .get("demarche.redriven-from")
                    .cloned()
                    .unwrap_or_default();
                (String::from_utf8_lossy(&r.key).into_owned(), r.text(), from)
            })
            .collect();
    refed.sort();
    let keys: Vec<&str> = refed.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        ["a1", "a2", "a3"],
        "exactly the selected ones, once each"
    );
    for (key, payload, from) in &refed {
        let original = letters
            .iter()
            .find(|l| l.key == key)
            .expect("a sent letter");
        assert_eq!(payload, original.payload, "the original bytes");
        assert!(
            from.starts_with(&format!("{dlq}/")),
            "where it came from: {from}"
        );
    }

    // Without a reason every uncut dead letter is selected; from an empty time on, none.
    let (ok, stderr) = redrive(&config, &["--from", &dlq, "--dry-run"]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("would re-feed 5"), "{stderr}");
    let (ok, stderr) = redrive(
        &config,
        &[
            "--from",
            &dlq,
            "--since",
            "2099-01-01T00:00:00Z",
            "--dry-run",
        ],
    );
    assert!(ok, "{stderr}");
    assert!(stderr.contains("read 0, re-fed 0"), "{stderr}");
}

#[test]
fn a_missing_dead_letter_topic_is_an_error_naming_it() {
    let brokers = broker();
    let topics = TestTopics::create(&brokers, 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let (config, _) = Config::test_broker(&brokers, &topics, &unique("group")).write(dir.path());
    let missing = unique("dlq-missing");
    let (ok, stderr) = redrive(&config, &["--from", &missing]);
    assert!(!ok);
    assert!(
        stderr.contains(&format!("topic `{missing}` does not exist")),
        "{stderr}"
    );
}
