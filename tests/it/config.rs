//! Configuration as an operator meets it: the binary refuses what it cannot use, naming the
//! key, takes environment overrides, and never prints a secret.

use std::process::Command;

use crate::support::daemon::binary;

fn check_config(file: Option<&str>, env: &[(&str, &str)]) -> (bool, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut command = Command::new(binary());
    if let Some(text) = file {
        let path = dir.path().join("demarche.toml");
        std::fs::write(&path, text).expect("write config");
        command.arg("--config").arg(&path);
    }
    for (k, v) in env {
        command.env(k, v);
    }
    let output = command
        .arg("check-config")
        .output()
        .expect("run check-config");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// (what, config file, environment, the key the error must name)
type Case<'a> = (&'a str, Option<&'a str>, &'a [(&'a str, &'a str)], &'a str);

#[test]
fn bad_configuration_stops_start_up_naming_the_key() {
    let cases: &[Case<'_>] = &[
        (
            "unknown key",
            Some("[kafka]\nbroker = \"x:1\"\n"),
            &[],
            "kafka.broker",
        ),
        (
            "unknown section",
            Some("[kafak]\nbrokers = \"x:1\"\n"),
            &[],
            "kafak",
        ),
        (
            "wrong type",
            Some("[kafka]\nmax_in_flight_per_partition = \"many\"\n"),
            &[],
            "kafka.max_in_flight_per_partition",
        ),
        (
            "impossible value",
            Some("[kafka]\nmax_in_flight_per_partition = 0\n"),
            &[],
            "kafka.max_in_flight_per_partition",
        ),
        (
            "bad duration",
            Some("[shutdown]\ndeadline = \"soon\"\n"),
            &[],
            "shutdown.deadline",
        ),
        (
            "bad address",
            Some("[http]\naddress = \"localhost\"\n"),
            &[],
            "http.address",
        ),
        (
            "loop",
            Some("[topics]\noutput = \"articles.raw\"\n"),
            &[],
            "topics.output",
        ),
        (
            "absurd thread count",
            Some("[pipeline]\nworkers = 100000\n"),
            &[],
            "pipeline.workers",
        ),
        (
            "no threads",
            None,
            &[("DEMARCHE__PIPELINE__WORKERS", "0")],
            "pipeline.workers",
        ),
        (
            "threads neither auto nor a number",
            Some("[pipeline]\nworkers = \"many\"\n"),
            &[],
            "pipeline.workers",
        ),
        (
            "empty batches",
            None,
            &[("DEMARCHE__PIPELINE__BATCH_MAX", "0")],
            "pipeline.batch_max",
        ),
        (
            "bad env value",
            None,
            &[("DEMARCHE__KAFKA__COMMIT_INTERVAL", "never")],
            "kafka.commit_interval",
        ),
        (
            "bad log format",
            None,
            &[("DEMARCHE__LOG__FORMAT", "xml")],
            "log.format",
        ),
    ];
    for (what, file, env, key) in cases {
        let (ok, _, stderr) = check_config(*file, env);
        assert!(!ok, "{what}: must be refused");
        assert!(
            stderr.contains(key),
            "{what}: the message must name `{key}`: {stderr}"
        );
    }
}

#[test]
fn environment_variables_override_the_file_which_overrides_the_defaults() {
    let (ok, stdout, stderr) = check_config(
        Some("[kafka]\nbrokers = \"from-file:9092\"\ngroup_id = \"file-group\"\n"),
        &[("DEMARCHE__KAFKA__BROKERS", "from-env:9092")],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("brokers = \"from-env:9092\""), "{stdout}");
    assert!(stdout.contains("group_id = \"file-group\""), "{stdout}");
    assert!(
        stdout.contains("input = \"articles.raw\""),
        "defaults stay: {stdout}"
    );
}

#[test]
fn secrets_are_masked_in_the_printed_configuration() {
    let file = "[kafka.consumer.properties]\n\"sasl.username\" = \"alice\"\n\"sasl.password\" = \"hunter2\"\n\"security.protocol\" = \"SASL_SSL\"\n";
    let (ok, stdout, stderr) = check_config(Some(file), &[]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("alice") && stdout.contains("SASL_SSL"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("hunter2"),
        "a password was printed: {stdout}"
    );
    assert!(stdout.contains("***"));
}
