//! Language: given, else detected, else the default; unsupported ones are flagged.

use demarche::normalize::language::{iso639_1_of, LanguagePolicy};
use demarche::normalize::{NormalizeConfig, Normalizer};
use demarche::settings::Valid;

const ENGLISH: &str =
    "Dock workers in the northern port ended a two-week strike on Friday after union \
    leaders accepted a new pay offer from the shipping companies.";
const GERMAN: &str =
    "Die Hafenarbeiter im Norden haben ihren zweiwöchigen Streik am Freitag beendet. Die \
    Gewerkschaft nahm ein neues Lohnangebot der Reedereien an.";
const FRENCH: &str =
    "Les dockers du port du nord ont mis fin vendredi à une grève de deux semaines. Le \
    syndicat a accepté une nouvelle offre salariale des armateurs.";

#[test]
fn the_language_is_given_detected_or_defaulted() {
    let policy = LanguagePolicy {
        default: "en".into(),
        min_detect_chars: 80,
    };
    let cases: &[(Option<&str>, &str, &str)] = &[
        (Some("de"), ENGLISH, "de"),
        (Some("EN-gb"), GERMAN, "en"),
        (Some("fra"), ENGLISH, "fr"),
        (Some("xx-unknown"), GERMAN, "de"),
        (None, ENGLISH, "en"),
        (None, GERMAN, "de"),
        (None, FRENCH, "fr"),
        (None, "Kurz.", "en"),
    ];
    for (given, body, expected) in cases {
        assert_eq!(policy.decide(*given, body), *expected, "{given:?} {body}");
    }
}

#[test]
fn language_tags_are_read_as_iso_639_1() {
    let cases = [
        ("en", Some("en")),
        ("en-US", Some("en")),
        ("de_DE", Some("de")),
        ("rus", Some("ru")),
        ("xx", None),
        ("", None),
    ];
    for (tag, code) in cases {
        assert_eq!(iso639_1_of(tag), code, "{tag}");
    }
}

#[test]
fn supported_languages_come_from_the_config() {
    let config = NormalizeConfig {
        languages: vec!["en".into(), "de".into()],
        ..NormalizeConfig::default()
    };
    let n = Normalizer::new(&Valid::new(config).expect("valid config")).expect("built");
    assert!(n.supports_language("en") && n.supports_language("de"));
    assert!(!n.supports_language("fr"));
    let article = n
        .normalize(format!("Titel\n{GERMAN}").as_bytes())
        .expect("german article");
    assert_eq!(article.language, "de");
}
