//! The `[normalize]` section: defaults, validation, and the rule-file override.

use demarche::normalize::{NormalizeConfig, Normalizer};

#[test]
fn the_default_config_is_valid() {
    assert_eq!(NormalizeConfig::default().validate(), Ok(()));
    assert!(Normalizer::new(&NormalizeConfig::default()).is_ok());
}

#[test]
fn invalid_values_name_their_key() {
    let base = NormalizeConfig::default;
    let cases: Vec<(NormalizeConfig, &str)> = vec![
        (
            NormalizeConfig {
                max_message_bytes: 0,
                ..base()
            },
            "normalize.max_message_bytes",
        ),
        (
            NormalizeConfig {
                languages: vec![],
                ..base()
            },
            "normalize.languages",
        ),
        (
            NormalizeConfig {
                languages: vec!["English".into()],
                ..base()
            },
            "normalize.languages",
        ),
        (
            NormalizeConfig {
                default_language: "EN".into(),
                ..base()
            },
            "normalize.default_language",
        ),
        (
            NormalizeConfig {
                month_first: vec![" ".into()],
                ..base()
            },
            "normalize.month_first",
        ),
        (
            NormalizeConfig {
                boilerplate_rules: Some("/nonexistent/rules.toml".into()),
                ..base()
            },
            "normalize.boilerplate_rules",
        ),
    ];
    for (config, key) in cases {
        let err = Normalizer::new(&config).expect_err(key);
        assert_eq!(err.key, key, "{err}");
    }
}

#[test]
fn unknown_keys_are_rejected() {
    let err = toml::from_str::<NormalizeConfig>("languagez = [\"en\"]").expect_err("typo");
    assert!(err.to_string().contains("unknown field"), "{err}");
    let partial: NormalizeConfig = toml::from_str("languages = [\"en\", \"de\"]").expect("partial");
    assert_eq!(
        partial.max_message_bytes,
        NormalizeConfig::default().max_message_bytes
    );
}

#[test]
fn a_rule_file_replaces_the_built_in_rules() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rules.toml");
    let rules = demarche::normalize::boilerplate::BUILTIN_RULES
        .replace("lines = [", "lines = [\n    \"house style line\",");
    std::fs::write(&path, rules).expect("write rules");
    let config = NormalizeConfig {
        boilerplate_rules: Some(path.clone()),
        ..NormalizeConfig::default()
    };
    let n = Normalizer::new(&config).expect("custom rules");
    let a = n
        .normalize(b"Title\nHouse style line\n\nThe story itself is here.")
        .expect("article");
    assert_eq!(a.body, "The story itself is here.");

    std::fs::write(&path, "lines = 3").expect("write bad rules");
    let err = Normalizer::new(&config).expect_err("bad rules");
    assert_eq!(err.key, "normalize.boilerplate_rules");
    assert!(err.reason.contains("invalid boilerplate rules"), "{err}");
}
