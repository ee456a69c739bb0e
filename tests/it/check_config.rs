//! Checks before work starts: `demarche check-config` loads everything the daemon would and
//! names what is broken, and with `--connect` it reports, check by check, what the brokers hold;
//! the daemon itself refuses a configuration that the input topic makes unsafe.

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

#[test]
fn the_daemon_refuses_a_replay_memory_smaller_than_what_can_be_read_again() {
    let brokers = broker();
    let topics = TestTopics::create(&brokers, 3);
    let dir = tempfile::tempdir().expect("tempdir");
    let (config, _) = Config::test_broker(&brokers, &topics, &unique("group"))
        .with("[kafka]\nmax_in_flight_per_partition = 100\n[pipeline]\nbatch_max = 20\nreplay_memory = 359\n")
        .write(dir.path());
    let mut child = Command::new(binary())
        .arg("--config")
        .arg(&config)
        .arg("run")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start the daemon");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the daemon must stop by itself");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
        .expect("read stderr");
    assert!(!status.success(), "{stderr}");
    assert!(
        stderr.contains("pipeline.replay_memory = 359")
            && stderr.contains("3 partition(s)")
            && stderr.contains("= 360"),
        "{stderr}"
    );
}
