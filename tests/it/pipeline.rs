//! The pure pipeline decides every outcome in one place: coded, duplicate, unsupported
//! language, dead letter; and a replay of the same input is coded again, identically.

use std::collections::HashMap;
use std::num::NonZeroUsize;

use demarche::app::build_pipeline;
use demarche::dedup::Verdict;
use demarche::pipeline::{Outcome, OutcomeKind, Pipeline};
use demarche::replay::Origin;
use demarche::settings::Layers;

use crate::support::article::Article;

fn pipeline() -> Pipeline {
    let settings = Layers::from_sources(None, HashMap::new())
        .and_then(|l| l.settings())
        .expect("default settings");
    build_pipeline(&settings).expect("pipeline")
}

/// The message of a titled article dated 12 March 2024.
fn article(id: &str, body: &str) -> Vec<u8> {
    ministers_meet(id, body).payload()
}

/// That article before it is sent.
fn ministers_meet(id: &str, body: &str) -> Article {
    Article::new(id, body)
        .title("Ministers meet")
        .published_at("2024-03-12T08:00:00Z")
}

/// The message of a titled article dated `at`.
fn dated(id: &str, body: &str, at: &str) -> Vec<u8> {
    Article::new(id, body)
        .title("Talks")
        .published_at(at)
        .payload()
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
            ministers_meet("de1", "Die Regierung in Berlin hat am Dienstag neue Gespräche mit Paris über die Zusammenarbeit bei der Verteidigung angekündigt, teilte ein Sprecher mit.")
                .language("de")
                .payload(),
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

/// A stream where outcomes depend on the inputs before them: copies within a batch and across
/// batches, undated articles (dated by the index's clock), expiry (an article a month newer
/// expires an old one, whose copy is then new again), a replay, dead letters and another
/// language. Each input comes with the origin it was read from.
fn order_sensitive_stream() -> Vec<(Vec<u8>, Option<Origin>)> {
    let undated = |id: &str, body: &str| Article::new(id, body).title("Talks").payload();
    let old_story = "Chile and Peru signed an agreement to share data on fishing fleets in the Pacific, the two foreign ministries said in a joint statement on Monday after talks in Lima that lasted two days.";
    let mut payloads: Vec<Vec<u8>> = super::support::corpus::articles(30);
    payloads.insert(5, super::support::corpus::article(4)); // a copy in the same batch
    payloads.insert(12, super::support::corpus::article(2)); // a copy in a later batch
    let undated_story = "Kenya and Uganda agreed on Friday to reopen two border crossings closed since the spring, the interior ministers of both countries told reporters in Nairobi after a meeting.";
    payloads.insert(8, undated("u1", undated_story));
    payloads.insert(9, undated("u1-copy", undated_story));
    payloads.insert(14, dated("old-1", old_story, "2024-05-01T00:10:00Z"));
    payloads.insert(15, dated("a-month-later", STORY, "2024-06-05T08:00:00Z"));
    payloads.insert(16, dated("old-1-again", old_story, "2024-05-01T00:11:00Z"));
    payloads.insert(20, b"{\"id\": ".to_vec());
    payloads.insert(21, b"\xff\xfe".to_vec());
    payloads.insert(22, ministers_meet("de-1", "Die Regierung in Berlin hat am Dienstag neue Gespräche mit Paris über die Zusammenarbeit bei der Verteidigung angekündigt, teilte ein Sprecher mit.").language("de").payload());
    let mut stream: Vec<(Vec<u8>, Option<Origin>)> = payloads
        .into_iter()
        .enumerate()
        .map(|(offset, payload)| {
            let origin = Origin {
                partition: 0,
                offset: offset as i64,
            };
            (payload, Some(origin))
        })
        .collect();
    // Read again from the same position (after a crash): a replay, coded again.
    let replayed = stream[3].clone();
    stream.insert(25, replayed);
    stream
}

/// Everything an outcome says, for comparison.
fn rendered(outcome: &Outcome) -> String {
    format!("{outcome:?}")
}

#[test]
fn batches_prepared_on_several_threads_end_exactly_as_one_by_one_processing() {
    let stream = order_sensitive_stream();
    let mut one_by_one = pipeline();
    let expected: Vec<String> = stream
        .iter()
        .map(|(payload, origin)| rendered(&one_by_one.process_from(payload, *origin).outcome))
        .collect();
    let kinds: Vec<OutcomeKind> = {
        let mut p = pipeline();
        stream
            .iter()
            .map(|(payload, origin)| p.process_from(payload, *origin).outcome.kind())
            .collect()
    };
    for kind in [
        OutcomeKind::Published,
        OutcomeKind::Duplicate,
        OutcomeKind::DeadLetter,
        OutcomeKind::UnsupportedLanguage,
    ] {
        assert!(kinds.contains(&kind), "the stream must exercise {kind:?}");
    }
    assert!(
        expected
            .iter()
            .any(|o| o.contains("old-1-again") && o.starts_with("Coded")),
        "the old article expired, so its copy is new again"
    );
    let expired_one_by_one = one_by_one.take_expired();
    assert!(
        !expired_one_by_one.is_empty(),
        "the stream must expire something"
    );

    for workers in [2, 4] {
        // Batches of 3 and 15 put the old article in an earlier batch than the one that
        // expires it and its copy: the copy is prepared as a duplicate and settled as new.
        for batch in [2, 3, 7, 15, 64] {
            let mut batched = pipeline().with_workers(NonZeroUsize::new(workers).unwrap());
            let mut got = Vec::new();
            for chunk in stream.chunks(batch) {
                let inputs: Vec<(&[u8], Option<Origin>)> =
                    chunk.iter().map(|(p, o)| (p.as_slice(), *o)).collect();
                got.extend(
                    batched
                        .process_batch(&inputs)
                        .iter()
                        .map(|p| rendered(&p.outcome)),
                );
            }
            for (i, (got, expected)) in got.iter().zip(&expected).enumerate() {
                assert_eq!(
                    got, expected,
                    "input {i}, {workers} workers, batches of {batch}"
                );
            }
            assert_eq!(got.len(), expected.len());
            assert_eq!(batched.take_expired(), expired_one_by_one);
            assert_eq!(batched.index_len(), one_by_one.index_len());
        }
    }
}

#[test]
fn an_article_already_older_than_the_dedup_window_is_coded_and_tombstoned_at_once() {
    let mut pipeline = pipeline();
    let recent = pipeline.process(&dated("recent", STORY, "2024-03-20T08:00:00Z"));
    assert_eq!(recent.outcome.kind(), OutcomeKind::Published);
    assert_eq!(pipeline.index_len(), 1);
    let archive = "Chile and Peru signed an agreement to share data on fishing fleets in the Pacific, the two foreign ministries said in a joint statement on Monday.";
    let old = pipeline.process(&dated("archive-1", archive, "2024-03-01T08:00:00Z"));
    assert_eq!(
        old.outcome.kind(),
        OutcomeKind::Published,
        "an old story is still coded"
    );
    assert_eq!(
        pipeline.index_len(),
        1,
        "the index does not hold what it would expire at once"
    );
    let expired: Vec<String> = pipeline
        .take_expired()
        .iter()
        .map(|id| id.to_string())
        .collect();
    assert_eq!(expired, ["archive-1"], "its changelog record is tombstoned");
}
