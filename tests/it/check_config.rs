//! `demarche check-config` as a pre-flight check: it loads everything the daemon would and names
//! what is broken, and with `--connect` it reports, check by check, what the brokers hold.

use std::path::Path;
use std::process::Command;

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::ClientConfig;

use crate::support::config::Config;
use crate::support::daemon::binary;
use crate::support::{broker, unique, TestTopics};

/// Runs `check-config` with `args` and one config file; (success, stderr).
fn check(config: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new(binary())
        .arg("--config")
        .arg(config)
        .arg("check-config")
        .args(args)
        .output()
        .expect("run check-config");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A copy of the built-in dictionaries in `dir`, with `file` replaced by what `edit` makes of it.
fn dictionaries_with(dir: &Path, file: &str, edit: impl FnOnce(String) -> String) -> String {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/dictionaries");
    let target = dir.join("dictionaries");
    std::fs::create_dir_all(&target).expect("mkdir");
    for entry in std::fs::read_dir(&source).expect("read dictionaries") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name").to_owned();
        std::fs::copy(&path, target.join(&name)).expect("copy");
    }
    let path = target.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, edit(text)).expect("write");
    target.display().to_string()
}

#[test]
fn a_dictionary_that_is_not_toml_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dictionaries = dictionaries_with(dir.path(), "patterns.toml", |text| {
        format!("{text}\n[[event]\nphrase = \"unclosed\n")
    });
    let (config, _) =
        Config::parse(&format!("[extract]\ndictionaries = \"{dictionaries}\"\n")).write(dir.path());
    let (ok, stderr) = check(&config, &[]);
    assert!(!ok, "a broken dictionary must be refused: {stderr}");
    assert!(
        stderr.contains("FAIL") && stderr.contains("patterns.toml") && stderr.contains("malformed"),
        "{stderr}"
    );
}

#[test]
fn a_broken_dictionary_entry_is_refused_naming_the_file_and_the_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dictionaries = dictionaries_with(dir.path(), "countries.toml", |text| {
        text.replacen("code = \"USA\"", "code = \"usa\"", 1)
    });
    let (config, _) =
        Config::parse(&format!("[extract]\ndictionaries = \"{dictionaries}\"\n")).write(dir.path());
    let (ok, stderr) = check(&config, &[]);
    assert!(!ok, "a broken entry must be refused: {stderr}");
    assert!(
        stderr.contains("countries.toml, entry usa") && stderr.contains("ISO 3166-1"),
        "{stderr}"
    );
}

#[test]
fn the_built_in_dictionaries_pass() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (config, _) = Config::parse("").write(dir.path());
    let (ok, stderr) = check(&config, &[]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("pass  stages"), "{stderr}");
}

/// Creates the dedup changelog, compacted or not.
fn create_changelog(brokers: &str, name: &str, policy: &str) {
    let admin: AdminClient<DefaultClientContext> = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .create()
        .expect("admin client");
    let topic = NewTopic::new(name, 1, TopicReplication::Fixed(1)).set("cleanup.policy", policy);
    let results = futures::executor::block_on(admin.create_topics([&topic], &AdminOptions::new()))
        .expect("create topic");
    for result in results {
        result.expect("topic created");
    }
}

#[test]
fn connect_passes_on_a_ready_cluster_and_names_each_missing_piece() {
    let brokers = broker();
    let topics = TestTopics {
        dedup_state: unique("state-compacted"),
        ..TestTopics::create(&brokers, 1)
    };
    create_changelog(&brokers, &topics.dedup_state, "compact");
    let dir = tempfile::tempdir().expect("tempdir");
    let group = unique("group");
    let (config, _) = Config::test_broker(&brokers, &topics, &group).write(dir.path());
    let (ok, stderr) = check(&config, &["--connect", "--timeout", "10s"]);
    assert!(ok, "every check must pass: {stderr}");
    for line in [
        "pass  brokers",
        &format!("pass  topic {} (topics.input)", topics.input),
        &format!("pass  changelog {} compacted", topics.dedup_state),
        &format!("pass  consumer group {group}"),
    ] {
        assert!(stderr.contains(line), "missing `{line}`: {stderr}");
    }

    // The input topic missing and a changelog that deletes: both named, the check fails.
    let broken = TestTopics {
        input: unique("in-missing"),
        dedup_state: unique("state-deleting"),
        ..topics.clone()
    };
    create_changelog(&brokers, &broken.dedup_state, "delete");
    let (config, _) = Config::test_broker(&brokers, &broken, &group).write(dir.path());
    let (ok, stderr) = check(&config, &["--connect", "--timeout", "10s"]);
    assert!(!ok, "a missing topic must fail the check: {stderr}");
    assert!(
        stderr.contains(&format!(
            "FAIL  topic {} (topics.input): does not exist",
            broken.input
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("FAIL  changelog {} compacted", broken.dedup_state))
            && stderr.contains("cleanup.policy=delete"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("pass  topic {} (topics.output)", broken.output)),
        "{stderr}"
    );
}

#[test]
fn connect_fails_when_no_broker_answers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let port = crate::support::daemon::free_port();
    let (config, _) =
        Config::parse(&format!("[kafka]\nbrokers = \"127.0.0.1:{port}\"\n")).write(dir.path());
    let (ok, stderr) = check(&config, &["--connect", "--timeout", "2s"]);
    assert!(!ok);
    assert!(stderr.contains("FAIL  brokers: no answer"), "{stderr}");
}
