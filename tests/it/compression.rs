//! Compressed topics: whatever codec a producer chose for the input (gzip, snappy, lz4, zstd),
//! the daemon reads it, and its own output may be compressed with any of them.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::e2e::offline_events;
use crate::support::config::Config;
use crate::support::corpus::article;
use crate::support::daemon::Daemon;
use crate::support::{
    broker, create_topics, produce_to_with, unique, wait_for_records, TestTopics,
};

const CODECS: [&str; 4] = ["gzip", "snappy", "lz4", "zstd"];
/// Articles per codec, each batch compressed as one.
const PER_CODEC: usize = 5;

#[test]
fn inputs_in_every_codec_are_coded_and_the_output_can_be_zstd() {
    let brokers = broker();
    let topics = TestTopics {
        input: unique("in-compressed"),
        ..TestTopics::create(&brokers, 1)
    };
    create_topics(&brokers, &[(&topics.input, CODECS.len() as i32)]);
    let dir = tempfile::tempdir().expect("tempdir");
    let (config, port) = Config::test_broker(&brokers, &topics, &unique("group"))
        .with("[kafka.producer.properties]\n\"compression.type\" = \"zstd\"\n")
        .write(dir.path());

    let mut inputs = Vec::new();
    for (partition, codec) in CODECS.iter().enumerate() {
        let payloads: Vec<Vec<u8>> = (0..PER_CODEC)
            .map(|i| article(1000 + partition * PER_CODEC + i))
            .collect();
        let properties = [("compression.type", *codec), ("linger.ms", "50")];
        produce_to_with(
            &brokers,
            &topics.input,
            partition as i32,
            &payloads,
            &properties,
        );
        inputs.extend(payloads);
    }
    let expected: BTreeSet<(String, String)> =
        offline_events(&config, &inputs).into_iter().collect();
    assert!(
        expected.len() >= inputs.len(),
        "every generated article codes to an event"
    );

    let daemon = Daemon::start(&config, port);
    daemon.wait_ready(Duration::from_secs(60));
    let published: BTreeSet<(String, String)> = wait_for_records(
        &brokers,
        &topics.output,
        expected.len(),
        Duration::from_secs(60),
    )
    .iter()
    .map(|r| (String::from_utf8_lossy(&r.key).into_owned(), r.text()))
    .collect();
    assert_eq!(
        published, expected,
        "every codec's articles, coded as offline"
    );
    let status = daemon.terminate(Duration::from_secs(30));
    assert!(status.success(), "{status}");
}
