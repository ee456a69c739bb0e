//! The `[normalize]` section: defaults, validation, and the rule-file override.

use demarche::normalize::{NormalizeConfig, Normalizer};
use demarche::settings::{with_overrides, Valid};

#[test]
fn the_default_config_is_valid() {
    let valid = Valid::new(NormalizeConfig::default()).expect("valid");
    assert!(Normalizer::new(&valid).is_ok());
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
    ];
    for (config, key) in cases {
        let err = Valid::new(config).expect_err(key);
        assert_eq!(err.key, key, "{err}");
    }
    let missing_rules = NormalizeConfig {
        boilerplate_rules: Some("/nonexistent/rules.toml".into()),
        ..base()
    };
    let err = Normalizer::new(&Valid::new(missing_rules).expect("a path is a valid value"))
        .expect_err("the file cannot be read");
    assert_eq!(err.key, "normalize.boilerplate_rules", "{err}");
}

#[test]
fn unknown_keys_are_rejected() {
    let typo = toml::from_str("languagez = [\"en\"]").expect("toml");
    let err = with_overrides::<NormalizeConfig>(&typo).expect_err("typo");
    assert!(err.to_string().contains("unknown field"), "{err}");
    let languages = toml::from_str("languages = [\"en\", \"de\"]").expect("toml");
    let partial: NormalizeConfig = with_overrides(&languages).expect("partial");
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
    let config = Valid::new(config).expect("valid");
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
