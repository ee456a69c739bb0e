//! End to end through the real test broker: the daemon as a separate process publishes what
//! `demarche extract` prints for the same input, dead-letters what cannot be read, counts what
//! it did, and on SIGTERM exits 0 with every input offset committed.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::support::config::Config;
use crate::support::daemon::{extract, Daemon};
use crate::support::{
    broker, committed, consume, produce, unique, unkeyed, wait_for, wait_for_records, TestTopics,
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/e2e");
/// A small size cap, so that an oversized message is cheap to make; a dedup window longer
/// than the months the fixtures span, so that re-sends of the oldest are still caught whatever
/// order the partitions are read in; and a short liveness timeout, which an idle consume loop
/// must still meet.
const SETTINGS: &str = "[normalize]\nmax_message_bytes = 65536\n[dedup]\nwindow_secs = 31536000\n\
                        [http]\nliveness_timeout = \"1s\"\n";

/// The fixture articles: one JSON object per line, and one plain-text message.
pub fn valid_payloads() -> Vec<Vec<u8>> {
    let lines = std::fs::read_to_string(format!("{FIXTURES}/articles.jsonl")).expect("fixtures");
    let mut payloads: Vec<Vec<u8>> = lines.lines().map(|l| l.as_bytes().to_vec()).collect();
    payloads.push(std::fs::read(format!("{FIXTURES}/plain-text-article.txt")).expect("fixture"));
    payloads
}

/// Malformed messages and the dead-letter reason each must get.
fn malformed_payloads() -> Vec<(Vec<u8>, &'static str)> {
    vec![
        (
            br#"{"id": "broken", "title": "cut off", "body": "#.to_vec(),
            "invalid_json",
        ),
        (
            b"\xff\xfeNot UTF-8 \xc3\x28 at all".to_vec(),
            "invalid_utf8",
        ),
        (vec![b'x'; 100_000], "too_large"),
    ]
}

/// (key, value) of every event `demarche extract --raw` prints for `payloads`, in order.
pub fn offline_events(config: &std::path::Path, payloads: &[Vec<u8>]) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut args = vec!["--raw".to_owned()];
    for (i, payload) in payloads.iter().enumerate() {
        let path = dir.path().join(format!("{i:05}.msg"));
        std::fs::write(&path, payload).expect("write payload");
        args.push(path.display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = extract(Some(config), &args, &[], b"");
    assert!(
        output.status.success(),
        "extract failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("utf-8 events")
        .lines()
        .map(|line| {
            let event: serde_json::Value = serde_json::from_str(line).expect("event json");
            (
                event["event_id"].as_str().expect("event_id").to_owned(),
                line.to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_daemon_publishes_what_extract_prints_and_dead_letters_what_it_cannot_read() {
    let brokers = broker();
    let topics = TestTopics::create(&brokers, 3);
    let dir = tempfile::tempdir().expect("tempdir");
    let group = unique("group");
    let (config, port) = Config::test_broker(&brokers, &topics, &group)
        .with(SETTINGS)
        .write(dir.path());

    let valid = valid_payloads();
    let resent: Vec<Vec<u8>> = valid[..3].to_vec();
    let malformed = malformed_payloads();
    let mut inputs: Vec<Vec<u8>> = valid.clone();
    inputs.extend(resent.iter().cloned());
    inputs.extend(malformed.iter().map(|(p, _)| p.clone()));
    let ends = produce(&brokers, &topics.input, &unkeyed(&inputs));

    let expected: BTreeSet<(String, String)> =
        offline_events(&config, &inputs).into_iter().collect();
    assert!(!expected.is_empty(), "the fixtures must code to events");

    let daemon = Daemon::start(&config, port);
    daemon.wait_ready(Duration::from_secs(60));
    let published = wait_for_records(
        &brokers,
        &topics.output,
        expected.len(),
        Duration::from_secs(60),
    );
    let published: BTreeSet<(String, String)> = published
        .iter()
        .map(|r| (String::from_utf8_lossy(&r.key).into_owned(), r.text()))
        .collect();
    assert_eq!(
        published, expected,
        "Kafka events differ from `demarche extract`"
    );

    let dead = consume(
        &brokers,
        &topics.dead_letter,
        malformed.len(),
        Duration::from_secs(30),
    );
    let reasons: BTreeSet<&str> = dead
        .iter()
        .map(|r| r.headers["demarche.error.kind"].as_str())
        .collect();
    let wanted: BTreeSet<&str> = malformed.iter().map(|(_, reason)| *reason).collect();
    assert_eq!(reasons, wanted);
    for record in &dead {
        let original = malformed
            .iter()
            .find(|(_, reason)| *reason == record.headers["demarche.error.kind"])
            .expect("a reason we sent");
        assert_eq!(
            record.value.as_deref(),
            Some(original.0.as_slice()),
            "dead letter keeps the bytes"
        );
        assert_eq!(record.headers["demarche.source.topic"], topics.input);
        assert!(!record.headers["demarche.error.message"].is_empty());
        assert!(record.headers.contains_key("demarche.source.offset"));
    }

    let counted = wait_for(
        "metrics to count every input",
        Duration::from_secs(10),
        || {
            let consumed = daemon.metric(&format!(
                "demarche_messages_consumed_total{{topic=\"{}\"}}",
                topics.input
            ));
            (consumed == inputs.len() as f64).then_some(consumed)
        },
    );
    assert_eq!(counted, inputs.len() as f64);
    let outcome =
        |kind: &str| daemon.metric(&format!("demarche_outcomes_total{{outcome=\"{kind}\"}}"));
    assert_eq!(outcome("dead_letter"), malformed.len() as f64);
    assert_eq!(outcome("duplicate"), resent.len() as f64);
    assert_eq!(
        outcome("published") + outcome("no_events"),
        valid.len() as f64
    );
    let events_counted: f64 = daemon
        .get("/metrics")
        .map(|(_, body)| {
            body.lines()
                .filter(|l| l.starts_with("demarche_events_published_total{"))
                .filter_map(|l| l.rsplit_once(' ')?.1.parse::<f64>().ok())
                .sum()
        })
        .unwrap_or(0.0);
    assert_eq!(events_counted, expected.len() as f64);

    eprintln!(
        "e2e: {} inputs ({} valid, {} re-sent, {} malformed): {} events published and equal to `demarche extract`, {} dead letters",
        inputs.len(),
        valid.len(),
        resent.len(),
        malformed.len(),
        expected.len(),
        dead.len()
    );
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(
        daemon.get("/healthz").map(|(status, _)| status),
        Some(200),
        "an idle consume loop keeps turning, so the daemon stays live"
    );
    let status = daemon.terminate(Duration::from_secs(30));
    assert!(status.success(), "SIGTERM must end in exit 0, got {status}");
    let offsets = committed(&brokers, &group, &topics.input, 3);
    assert_eq!(
        offsets, ends,
        "committed offsets must equal the end offsets"
    );
}
