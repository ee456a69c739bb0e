//! Configuration as an operator meets it: the binary refuses what it cannot use, naming the
//! key, takes environment overrides, and never prints a secret.

use std::process::Command;

use crate::support::daemon::binary;

fn check_config(file: Option<&str>, env: &[(&str, &str)]) -> (bool, String, String) {
    check_config_files(file.as_slice(), env)
}

/// `demarche check-config` with each text as a `--config` file, in order.
fn check_config_files(files: &[&str], env: &[(&str, &str)]) -> (bool, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut command = Command::new(binary());
    for (i, text) in files.iter().enumerate() {
        let path = dir.path().join(format!("demarche-{i}.toml"));
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

#[test]
fn secrets_come_from_a_variable_or_a_file_and_are_never_printed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let secret_file = dir.path().join("kafka-password");
    std::fs::write(&secret_file, "from-the-file-s3cret\n").expect("write secret");
    let file = format!(
        "[kafka.consumer.properties]\n\"sasl.password\" = \"${{file:{}}}\"\n\
         [kafka.producer.properties]\n\"sasl.password\" = \"${{env:KAFKA_PASSWORD}}\"\n",
        secret_file.display()
    );
    let (ok, stdout, stderr) = check_config(
        Some(&file),
        &[
            ("KAFKA_PASSWORD", "from-the-variable-s3cret"),
            // A Kubernetes Secret exposed as a variable, property name with dots or underscores.
            (
                "DEMARCHE__KAFKA__PRODUCER__PROPERTIES__SASL_USERNAME",
                "svc-demarche",
            ),
            (
                "DEMARCHE__KAFKA__CONSUMER__PROPERTIES__SSL.KEY.PASSWORD",
                "direct-s3cret",
            ),
        ],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("svc-demarche"), "{stdout}");
    for secret in [
        "from-the-file-s3cret",
        "from-the-variable-s3cret",
        "direct-s3cret",
    ] {
        assert!(!stdout.contains(secret), "{secret} was printed: {stdout}");
        assert!(!stderr.contains(secret), "{secret} was printed: {stderr}");
    }
    assert!(
        stdout.contains("\"ssl.key.password\" = \"***\""),
        "{stdout}"
    );
}

#[test]
fn a_reference_that_cannot_be_resolved_stops_start_up_naming_the_key() {
    let (ok, _, stderr) = check_config(
        Some("[kafka]\nbrokers = \"${env:DEMARCHE_TEST_UNSET_BROKERS}\"\n"),
        &[],
    );
    assert!(!ok);
    assert!(
        stderr.contains("kafka.brokers") && stderr.contains("DEMARCHE_TEST_UNSET_BROKERS"),
        "{stderr}"
    );
    let (ok, _, stderr) = check_config(
        Some("[kafka.consumer.properties]\n\"sasl.password\" = \"${file:/nonexistent/secret}\"\n"),
        &[],
    );
    assert!(!ok);
    assert!(
        stderr.contains("kafka.consumer.properties.sasl.password")
            && stderr.contains("/nonexistent/secret"),
        "{stderr}"
    );
}

#[test]
fn string_settings_stay_strings_when_they_look_like_numbers() {
    let (ok, stdout, stderr) = check_config(
        None,
        &[
            ("DEMARCHE__KAFKA__GROUP_ID", "0123"),
            ("DEMARCHE__KAFKA__CLIENT_ID", "1e3"),
            ("DEMARCHE__PIPELINE__WORKERS", "3"),
        ],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("group_id = \"0123\""), "{stdout}");
    assert!(stdout.contains("client_id = \"1e3\""), "{stdout}");
}

#[test]
fn configuration_files_given_twice_are_layered_in_order() {
    let (ok, stdout, stderr) = check_config_files(
        &[
            "[kafka]\nbrokers = \"base:9092\"\ngroup_id = \"base-group\"\n",
            "[kafka]\nbrokers = \"overlay:9092\"\n",
        ],
        &[],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("brokers = \"overlay:9092\""), "{stdout}");
    assert!(stdout.contains("group_id = \"base-group\""), "{stdout}");
}
