//! The crash test: a generated stream of articles with known expected events, a daemon killed
//! with SIGKILL at random moments while it consumes and started again, and at the end every expected event on
//! the output topic, any duplicate byte-identical.
//!
//! Size: `DEMARCHE_CHAOS_ARTICLES` (default 6,000) and `DEMARCHE_CHAOS_KILLS` (default 10);
//! `make chaos` runs 20,000 articles and 12 kills.
//!
//! Kills are scheduled by inputs consumed, never by time: each process is killed once it has
//! read a random number of inputs up to its share, and the shares together are half the
//! stream. However fast or slow the machine, every kill lands while there is input left, and
//! the test asserts that it did (the last process still has inputs of its own to read).

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::support::config::Config;
use crate::support::corpus;
use crate::support::daemon::Daemon;
use crate::support::mock::{expected_events, identical_by_key, settings};
use crate::support::{
    assert_same_events, broker, consume, poll_until, produce, unique, unkeyed, wait_for, TestTopics,
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
    let (config, port) = Config::test_broker(&brokers, &topics, &unique("chaos")).write(dir.path());
    let payloads = corpus::articles(articles);
    let expected = expected_events(&settings(&config), &payloads);
    produce(&brokers, &topics.input, &unkeyed(&payloads));

    let consumed_sample = format!(
        "demarche_messages_consumed_total{{topic=\"{}\"}}",
        topics.input
    );
    let started = Instant::now();
    let share = kill_share(articles, kills);
    let mut random = XorShift(0x5eed_c4a0_5eed_c4a0);
    let mut read_before_kills = 0.0;
    for kill in 1..=kills {
        let daemon = Daemon::start(&config, port);
        let target = 1.0 + random.below(share) as f64;
        let what = format!(
            "the daemon to read {target} inputs before kill {kill}/{kills} \
             (the stream is sized so that it cannot end first)"
        );
        // The metric is read often, so that a process reads little past its target.
        let consumed = poll_until(
            &what,
            Duration::from_secs(120),
            Duration::from_millis(10),
            || {
                let consumed = daemon.metric(&consumed_sample);
                (consumed >= target).then_some(consumed)
            },
        );
        daemon.kill();
        read_before_kills += consumed;
        eprintln!("chaos: kill {kill}/{kills} after {consumed} inputs read by that process");
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
    let read_by_last = last.metric(&consumed_sample);
    assert!(
        read_by_last > 0.0,
        "every kill must land while input is left: the last process read nothing \
         ({read_before_kills} inputs read before the kills, {articles} in the stream)"
    );
    assert!(last.terminate(Duration::from_secs(30)).success());
}

/// The most inputs one process may read before its kill: the kills together take at most half
/// the stream, which leaves the other half for reads past a target between two polls of the
/// metric and for re-reads after each kill.
fn kill_share(articles: usize, kills: usize) -> u64 {
    let share = articles / (2 * kills.max(1));
    assert!(
        share >= 1,
        "DEMARCHE_CHAOS_ARTICLES ({articles}) must be at least twice DEMARCHE_CHAOS_KILLS ({kills})"
    );
    share as u64
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

/// A small deterministic generator: the kill targets are the same in every run.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}
