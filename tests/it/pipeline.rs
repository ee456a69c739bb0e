//! The pure pipeline decides every outcome in one place: coded, duplicate, unsupported
//! language, dead letter; and a replay of the same input is coded again, identically.

use std::collections::HashMap;

use demarche::app::build_pipeline;
use demarche::dedup::Verdict;
use demarche::pipeline::{Outcome, OutcomeKind, Pipeline};
use demarche::replay::Origin;
use demarche::settings::Layers;

fn pipeline() -> Pipeline {
    let settings = Layers::from_sources(None, HashMap::new())
        .and_then(|l| l.settings())
        .expect("default settings");
    build_pipeline(&settings).expect("pipeline")
}

fn article(id: &str, body: &str) -> Vec<u8> {
    serde_json::json!({
        "id": id,
        "title": "Ministers meet",
        "body": body,
        "published_at": "2024-03-12T08:00:00Z",
        "language": "en",
    })
    .to_string()
    .into_bytes()
}

const STORY: &str =
    "Japan and Russia agreed on Tuesday to hold joint naval exercises next year, officials said.";

fn events_of(outcome: &Outcome) -> Vec<String> {
    match outcome {
        Outcome::Coded { events, .. } => events
            .iter()
            .map(|e| serde_json::to_string(e).expect("json"))
            .collect(),
        other => panic!("expected a coded article, got {other:?}"),
    }
}

#[test]
fn outcomes_are_decided_by_what_the_input_is() {
    let cases: &[(&str, Vec<u8>, OutcomeKind, Option<&str>)] = &[
        ("a codable story", article("a1", STORY), OutcomeKind::Published, None),
        ("a story without events", article("a2", "Oil prices edged higher on Tuesday as traders weighed new supply figures from producers."), OutcomeKind::NoEvents, None),
        ("the same article again", article("a1", STORY), OutcomeKind::Duplicate, Some("exact")),
        ("invalid json", b"{\"id\": ".to_vec(), OutcomeKind::DeadLetter, Some("invalid_json")),
        ("invalid utf-8", b"\xff\xfe\xfd".to_vec(), OutcomeKind::DeadLetter, Some("invalid_utf8")),
        ("no text", br#"{"id": "x", "title": "t"}"#.to_vec(), OutcomeKind::DeadLetter, Some("empty_body")),
        (
            "another language",
            article("de1", "Die Regierung in Berlin hat am Dienstag neue Gespräche mit Paris über die Zusammenarbeit bei der Verteidigung angekündigt, teilte ein Sprecher mit.")
                .with_language("de"),
            OutcomeKind::UnsupportedLanguage,
            None,
        ),
    ];
    let mut pipeline = pipeline();
    for (what, payload, kind, reason) in cases {
        let outcome = pipeline.process(payload).outcome;
        assert_eq!(outcome.kind(), *kind, "{what}: {outcome:?}");
        assert_eq!(outcome.reason(), *reason, "{what}");
    }
}

/// Sets the `language` field of a JSON article payload.
trait WithLanguage {
    fn with_language(self, language: &str) -> Vec<u8>;
}

impl WithLanguage for Vec<u8> {
    fn with_language(self, language: &str) -> Vec<u8> {
        let mut value: serde_json::Value = serde_json::from_slice(&self).expect("json");
        value["language"] = language.into();
        value.to_string().into_bytes()
    }
}

#[test]
fn a_replay_of_the_same_input_is_coded_again_identically_but_a_resend_is_a_duplicate() {
    let mut pipeline = pipeline();
    let at = Origin {
        partition: 0,
        offset: 7,
    };
    let first = events_of(
        &pipeline
            .process_from(&article("a1", STORY), Some(at))
            .outcome,
    );
    assert!(!first.is_empty());
    let replayed = pipeline
        .process_from(&article("a1", STORY), Some(at))
        .outcome;
    assert_eq!(
        events_of(&replayed),
        first,
        "a replay re-emits byte-identical events"
    );
    let resent = pipeline
        .process_from(
            &article("a1", STORY),
            Some(Origin {
                partition: 0,
                offset: 8,
            }),
        )
        .outcome;
    assert!(
        matches!(
            resent,
            Outcome::Duplicate {
                verdict: Verdict::ExactDuplicate { .. },
                ..
            }
        ),
        "{resent:?}"
    );
}

#[test]
fn a_fingerprint_from_the_changelog_makes_a_copy_a_duplicate() {
    let mut elsewhere = pipeline();
    let Outcome::Coded {
        article_id,
        fingerprint,
        ..
    } = elsewhere.process(&article("a1", STORY)).outcome
    else {
        panic!("expected a coded article");
    };
    let record = demarche::dedup::encode_changelog(&fingerprint);
    let mut here = pipeline();
    here.apply_changelog(article_id.as_str().as_bytes(), Some(&record), None)
        .expect("record applies");
    let copy = here.process(&article("b2", STORY)).outcome;
    assert_eq!(copy.kind(), OutcomeKind::Duplicate, "{copy:?}");
    here.apply_changelog(article_id.as_str().as_bytes(), None, None)
        .expect("tombstone applies");
    assert_eq!(
        here.process(&article("c3", STORY)).outcome.kind(),
        OutcomeKind::Published
    );
}

#[test]
fn a_malformed_changelog_record_is_an_error_not_a_panic() {
    let mut pipeline = pipeline();
    assert!(pipeline
        .apply_changelog(b"k", Some(b"not a fingerprint"), None)
        .is_err());
}
