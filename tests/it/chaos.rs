//! The crash test: a generated stream of articles with known expected events, a daemon killed
//! with SIGKILL at random moments while it consumes and started again, and at the end every expected event on
//! the output topic, any duplicate byte-identical.
//!
//! Size: `DEMARCHE_CHAOS_ARTICLES` (default 6,000) and `DEMARCHE_CHAOS_KILLS` (default 10);
//! `make chaos` runs 20,000 articles and 12 kills.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::support::corpus;
use crate::support::daemon::{write_config, Daemon};
use crate::support::mock::{expected_events, identical_by_key, settings};
use crate::support::{
    assert_same_events, broker, consume, produce, unique, unkeyed, wait_for, TestTopics,
};

/// Partitions of the input and output topics. One: the generated stream holds near duplicates
/// (articles of the same shape about the same states), whose verdicts depend on the reading
/// order, and one partition is read in the order the expected events are computed in.
const PARTITIONS: i32 = 1;

#[test]
fn a_daemon_killed_again_and_again_loses_no_event() {
    let articles = env_number("DEMARCHE_CHAOS_ARTICLES", 6_000);
    let kills = env_number("DEMARCHE_CHAOS_KILLS", 10);
    let brokers = broker();
    let topics = TestTopics::create(&brokers, PARTITIONS);
    let dir = tempfile::tempdir().expect("tempdir");
    let (config, port) = write_config(dir.path(), &brokers, &topics, &unique("chaos"), "");
    let payloads = corpus::articles(articles);
    let expected = expected_events(&settings(&config), &payloads);
    produce(&brokers, &topics.input, &unkeyed(&payloads));

    let consumed_sample = format!(
        "demarche_messages_consumed_total{{topic=\"{}\"}}",
        topics.input
    );
    let started = Instant::now();
    let mut random = XorShift(0x5eed_c4a0_5eed_c4a0);
    for kill in 1..=kills {
        let daemon = Daemon::start(&config, port);
        // Once the process is consuming, at a random moment within the next 1.5 s.
        let what = "the daemon to consume (if the stream ended, raise DEMARCHE_CHAOS_ARTICLES)";
        wait_for(what, Duration::from_secs(60), || {
            (daemon.metric(&consumed_sample) > 0.0).then_some(())
        });
        let pause = Duration::from_millis(random.below(1_500));
        std::thread::sleep(pause);
        let consumed = daemon.metric(&consumed_sample);
        daemon.kill();
        eprintln!("chaos: kill {kill}/{kills} {pause:?} into consuming ({consumed} inputs read by that process)");
    }
    let last = Daemon::start(&config, port);
    let records = wait_for("every expected event", Duration::from_secs(600), || {
        let records = consume(
            &brokers,
            &topics.output,
            expected.len(),
            Duration::from_secs(10),
        );
        let keys: BTreeSet<&[u8]> = records.iter().map(|r| r.key.as_slice()).collect();
        (keys.len() >= expected.len()).then_some(records)
    });
    let published = identical_by_key(&records);
    assert_same_events(&published, &expected, "after the kills");
    eprintln!(
        "chaos: {articles} articles, {kills} SIGKILLs, {} expected events, {} records published, \
         {} duplicates (all byte-identical), 0 lost, {:.0?}",
        expected.len(),
        records.len(),
        records.len() - published.len(),
        started.elapsed()
    );
    assert!(last.terminate(Duration::from_secs(30)).success());
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name} must be a number"))
        })
        .unwrap_or(default)
}

/// A small deterministic generator: the kill moments are the same in every run.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}
