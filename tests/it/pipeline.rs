//! The pure pipeline decides every outcome in one place: coded, duplicate, unsupported
//! language, dead letter; a replay of the same input is coded again, identically; and the
//! dedup window runs on when inputs were received, not on their articles' dates.

use std::collections::HashMap;
use std::num::NonZeroUsize;

use chrono::{Duration, TimeZone, Utc};
use demarche::app::build_pipeline;
use demarche::dedup::{ReceivedAt, Verdict};
use demarche::model::Position;
use demarche::pipeline::{Input, Outcome, OutcomeKind, Pipeline};
use demarche::settings::Layers;

use crate::support::archive;
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
    let at = Position {
        partition: 0,
        offset: 7,
    };
    let payload = article("a1", STORY);
    let first = events_of(
        &pipeline
            .process_input(Input::new(&payload).read_at(at))
            .outcome,
    );
    assert!(!first.is_empty());
    let replayed = pipeline
        .process_input(Input::new(&payload).read_at(at))
        .outcome;
    assert_eq!(
        events_of(&replayed),
        first,
        "a replay re-emits byte-identical events"
    );
    let resent = pipeline
        .process_input(Input::new(&payload).read_at(Position {
            partition: 0,
            offset: 8,
        }))
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

/// One input of a test stream: the payload, where it was read and its record timestamp.
type Owned = (Vec<u8>, Position, Option<ReceivedAt>);

/// An owned input as the pipeline takes it.
fn input(owned: &Owned) -> Input<'_> {
    let (payload, origin, received) = owned;
    Input::new(payload).read_at(*origin).received_at(*received)
}

/// A stream where outcomes depend on the inputs before them: copies within a batch and across
/// batches, undated articles, expiry (an article a month newer expires an old one, whose copy
/// is then new again), a replay, dead letters and another language. Each input comes with the
/// origin it was read from, and, if `received`, a record timestamp a minute after the one
/// before (a month later from the month-newer article on); else the articles' dates and the
/// index's clock give the received times, as offline.
fn order_sensitive_stream(received: bool) -> Vec<Owned> {
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
    let start = Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap();
    let mut stream: Vec<Owned> = payloads
        .into_iter()
        .enumerate()
        .map(|(offset, payload)| {
            let origin = Position {
                partition: 0,
                offset: offset as i64,
            };
            let month = if offset >= 15 { 35 } else { 0 };
            let at = start + Duration::days(month) + Duration::minutes(offset as i64);
            (payload, origin, received.then(|| ReceivedAt::from(at)))
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
    for received in [false, true] {
        batches_end_as_one_by_one(&order_sensitive_stream(received));
    }
}

fn batches_end_as_one_by_one(stream: &[Owned]) {
    let mut one_by_one = pipeline();
    let expected: Vec<String> = stream
        .iter()
        .map(|owned| rendered(&one_by_one.process_input(input(owned)).outcome))
        .collect();
    let kinds: Vec<OutcomeKind> = {
        let mut p = pipeline();
        stream
            .iter()
            .map(|owned| p.process_input(input(owned)).outcome.kind())
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
                let inputs: Vec<Input<'_>> = chunk.iter().map(input).collect();
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

/// Checks every outcome of the archive stream: originals coded, re-sends and copies caught as
/// duplicates of their original.
fn assert_archive_outcomes(run: &str, stream: &[archive::Message], outcomes: &[Outcome]) {
    assert_eq!(outcomes.len(), stream.len());
    let mut coded = Vec::new();
    for (message, outcome) in stream.iter().zip(outcomes) {
        match (&message.copy_of, outcome) {
            (None, Outcome::Coded { article_id, .. }) => coded.push(article_id.to_string()),
            (Some(of), Outcome::Duplicate { verdict, .. }) => assert_eq!(
                verdict.original().map(|id| id.as_str()),
                Some(of.as_str()),
                "{run}: {outcome:?}"
            ),
            (copy_of, _) => panic!("{run}: a copy of {copy_of:?} ended as {outcome:?}"),
        }
    }
    assert_eq!(
        coded,
        archive::originals(),
        "{run}: every original coded once"
    );
}

#[test]
fn resends_and_copies_of_stories_dated_over_a_year_are_caught_when_received_within_the_window() {
    let stream = archive::stream();
    // As the daemon: record timestamps a minute apart, batches on two threads.
    let start = Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap();
    let owned: Vec<Owned> = stream
        .iter()
        .enumerate()
        .map(|(offset, message)| {
            let origin = Position {
                partition: 0,
                offset: offset as i64,
            };
            let at = start + Duration::minutes(offset as i64);
            (message.payload.clone(), origin, Some(ReceivedAt::from(at)))
        })
        .collect();
    let mut daemon = pipeline().with_workers(NonZeroUsize::new(2).unwrap());
    let mut outcomes = Vec::new();
    for chunk in owned.chunks(16) {
        let inputs: Vec<Input<'_>> = chunk.iter().map(input).collect();
        outcomes.extend(daemon.process_batch(&inputs).into_iter().map(|p| p.outcome));
    }
    assert_archive_outcomes("daemon", &stream, &outcomes);
    assert_eq!(daemon.index_len(), archive::STORIES);
    assert!(
        daemon.take_expired().is_empty(),
        "received within the window"
    );
    // As `demarche extract`: received as counted, one by one.
    let mut offline = pipeline();
    let outcomes: Vec<Outcome> = stream
        .iter()
        .enumerate()
        .map(|(i, message)| {
            let received = demarche::offline::received_at(i as u64 + 1);
            let input = Input::new(&message.payload).received_at(Some(received));
            offline.process_input(input).outcome
        })
        .collect();
    assert_archive_outcomes("offline", &stream, &outcomes);
}

#[test]
fn an_input_received_more_than_a_window_after_another_no_longer_matches_it() {
    let mut pipeline = pipeline();
    let start = Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap();
    let every = Duration::hours(6);
    let days = 60;
    let (mut most, mut expired) = (0, 0);
    for i in 0..days * 4 {
        // Stories of the generated feed, one every six hours.
        let payload = super::support::corpus::article(i);
        let origin = Position {
            partition: 0,
            offset: i as i64,
        };
        let at = ReceivedAt::from(start + every * i as i32);
        let outcome = pipeline
            .process_input(Input::new(&payload).read_at(origin).received_at(Some(at)))
            .outcome;
        assert!(matches!(outcome, Outcome::Coded { .. }), "{outcome:?}");
        expired += pipeline.take_expired().len();
        most = most.max(pipeline.index_len());
    }
    // Seven days of four arrivals a day, and expiry's slack of a sixty-fourth of the window.
    assert!(most <= 7 * 4 + 1, "the index held {most} fingerprints");
    assert_eq!(expired + pipeline.index_len(), days * 4);
    // The first story again, from another position: its original was received two months
    // ago, so it is coded again; a copy of one received a day ago is caught.
    let later = ReceivedAt::from(start + Duration::days(days as i64));
    let again = |pipeline: &mut Pipeline, i: usize, offset: i64| {
        let payload = super::support::corpus::article(i);
        let origin = Position {
            partition: 0,
            offset,
        };
        let input = Input::new(&payload)
            .read_at(origin)
            .received_at(Some(later));
        pipeline.process_input(input).outcome
    };
    let first = again(&mut pipeline, 0, 10_000);
    assert!(matches!(first, Outcome::Coded { .. }), "{first:?}");
    let recent = again(&mut pipeline, days * 4 - 4, 10_001);
    assert_eq!(recent.kind(), OutcomeKind::Duplicate, "{recent:?}");
}
