//! Daemon configuration files for one test: TOML documents merged table by table, written into
//! the test's directory with the HTTP endpoint on a free loopback port.

use std::path::{Path, PathBuf};

use toml::{Table, Value};

use super::daemon::free_port;
use super::TestTopics;

/// A daemon configuration being written; [`Config::write`] writes it.
#[derive(Debug, Clone)]
pub struct Config(Table);

impl Config {
    /// The test broker at `brokers`, `topics`, consumer group `group`: short group timeouts (a
    /// join takes ~3 s instead of ~25 s), frequent commits and statistics, a 20 s shutdown.
    pub fn test_broker(brokers: &str, topics: &TestTopics, group: &str) -> Self {
        Self::parse(&format!(
            r#"
[kafka]
brokers = "{brokers}"
group_id = "{group}"
commit_interval = "200ms"
statistics_interval = "1s"
[kafka.consumer.properties]
"session.timeout.ms" = "6000"
"max.poll.interval.ms" = "7000"
"heartbeat.interval.ms" = "500"
[topics]
input = "{}"
output = "{}"
dead_letter = "{}"
dedup_state = "{}"
[shutdown]
deadline = "20s"
"#,
            topics.input, topics.output, topics.dead_letter, topics.dedup_state
        ))
    }

    /// The TOML document `toml`.
    pub fn parse(toml: &str) -> Self {
        Self(parse(toml))
    }

    /// Adds the keys of the TOML document `toml`: tables are merged, and a key set again takes
    /// the new value.
    pub fn with(mut self, toml: &str) -> Self {
        merge(&mut self.0, parse(toml));
        self
    }

    /// Writes the file into `dir`, the HTTP endpoint on a free loopback port; returns the file
    /// and the port.
    pub fn write(self, dir: &Path) -> (PathBuf, u16) {
        let port = free_port();
        let config = self.with(&format!("[http]\naddress = \"127.0.0.1:{port}\"\n"));
        let path = dir.join(format!("demarche-{port}.toml"));
        let text = toml::to_string(&config.0).expect("a TOML table serializes");
        std::fs::write(&path, text).expect("write config");
        (path, port)
    }
}

fn parse(toml: &str) -> Table {
    toml.parse()
        .unwrap_or_else(|e| panic!("invalid test configuration: {e}\n{toml}"))
}

fn merge(into: &mut Table, from: Table) {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(Value::Table(existing)), Value::Table(more)) => merge(existing, more),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

#[test]
fn added_keys_merge_into_their_tables_and_a_key_set_again_takes_the_new_value() {
    let config = Config::parse("[kafka]\nbrokers = \"a:1\"\ngroup_id = \"g\"\n")
        .with("[kafka]\nbrokers = \"b:2\"\n[kafka.producer.properties]\n\"linger.ms\" = \"5\"\n");
    let expected = Config::parse(
        "[kafka]\nbrokers = \"b:2\"\ngroup_id = \"g\"\n[kafka.producer.properties]\n\"linger.ms\" = \"5\"\n",
    );
    assert_eq!(config.0, expected.0);
}
