//! The dedup stage as the pipeline and the changelog use it: verdicts, window, state.
//!
//! A fingerprint taken without a record timestamp (`None`) is received at its article's
//! publication time, never before the index's clock, as in `demarche extract`; the daemon
//! passes the Kafka record timestamp.

use chrono::{DateTime, TimeZone, Utc};
use demarche::dedup::{
    decode_changelog, encode_changelog, sketch_similarity, DedupConfig, DedupIndex, ReceivedAt,
    Verdict,
};
use demarche::model::{Article, ArticleId, DatePrecision};
use demarche::settings::Valid;
use proptest::prelude::*;

const DAY: i64 = 24 * 3600;

fn at(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_700_000_000 + seconds, 0)
        .single()
        .unwrap_or_default()
}

fn article(id: &str, url: Option<&str>, body: &str, published: Option<i64>) -> Article {
    Article {
        id: ArticleId::new(id),
        url: url.map(str::to_owned),
        source: Some("Example".to_owned()),
        title: format!("Title of {id}"),
        body: body.to_owned(),
        published_at: published.map(at),
        date_precision: DatePrecision::Exact,
        language: "en".to_owned(),
        wire_sources: Vec::new(),
        dateline: None,
    }
}

/// A body of `paragraphs` distinct paragraphs, different for each `seed`.
fn body(seed: u64, paragraphs: usize) -> String {
    (0..paragraphs)
        .map(|p| {
            (0..25)
                .map(|w| format!("w{}", (seed * 7919 + p as u64 * 104_729 + w) % 100_003))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn index() -> DedupIndex {
    DedupIndex::new(&Valid::documented())
}

fn verdict_of(index: &mut DedupIndex, a: &Article) -> Verdict {
    let fp = index.fingerprint(a, None);
    index.check_and_insert(fp)
}

fn original(v: &Verdict) -> Option<&str> {
    v.original().map(ArticleId::as_str)
}

#[test]
fn verdicts_by_kind_of_copy() {
    let text = body(1, 8);
    let words: Vec<&str> = text.split(' ').collect();
    let truncated = words[..words.len() * 6 / 10].join(" ");
    let added = format!("{text}\n\n{}", body(99, 1));
    let mut reworded = words.clone();
    reworded[10] = "changed";
    reworded[60] = "changed";
    let reworded = reworded.join(" ");
    // (case, article, expected original, expects an exact verdict)
    let cases = [
        (
            "same id",
            article("a", Some("u-a"), "other text", Some(10)),
            "a",
            true,
        ),
        (
            "same url",
            article("b", Some("u-a"), "other text", Some(10)),
            "a",
            true,
        ),
        (
            "same body",
            article("c", Some("u-c"), &text, Some(10)),
            "a",
            true,
        ),
        (
            "truncated",
            article("d", Some("u-d"), &truncated, Some(10)),
            "a",
            false,
        ),
        (
            "paragraph added",
            article("e", None, &added, Some(10)),
            "a",
            false,
        ),
        (
            "reworded",
            article("f", None, &reworded, Some(10)),
            "a",
            false,
        ),
    ];
    let mut index = index();
    assert_eq!(
        verdict_of(&mut index, &article("a", Some("u-a"), &text, Some(0))),
        Verdict::New
    );
    for (case, a, of, exact) in cases {
        let v = verdict_of(&mut index, &a);
        assert_eq!(original(&v), Some(of), "{case}: {v:?}");
        assert_eq!(
            matches!(v, Verdict::ExactDuplicate { .. }),
            exact,
            "{case}: {v:?}"
        );
    }
    let unrelated = article("g", None, &body(2, 8), Some(10));
    assert_eq!(verdict_of(&mut index, &unrelated), Verdict::New);
    assert_eq!(index.len(), 2);
}

#[test]
fn short_bodies_only_match_exactly_and_together_with_their_title() {
    let mut index = index();
    let short = "More to follow.";
    assert_eq!(
        verdict_of(&mut index, &article("a", None, short, Some(0))),
        Verdict::New
    );
    // Another bulletin with the same short body but another title is another story.
    assert_eq!(
        verdict_of(&mut index, &article("b", None, short, Some(0))),
        Verdict::New
    );
    let mut same = article("c", None, short, Some(0));
    same.title = "Title of a".to_owned();
    assert_eq!(
        verdict_of(&mut index, &same),
        Verdict::ExactDuplicate {
            of: ArticleId::new("a")
        }
    );
    let empty = index.fingerprint(&article("d", None, "", Some(0)), None);
    assert_eq!(empty.body_hash, None);
    assert!(empty.sketch.is_none());
}

#[test]
fn nothing_expires_before_the_window_and_everything_after_it() {
    let config = DedupConfig {
        window_secs: 7 * DAY as u64,
        ..DedupConfig::default()
    };
    let mut index = DedupIndex::new(&Valid::new(config).expect("valid"));
    for i in 0..100 {
        index.insert(index.fingerprint(
            &article(&format!("a{i}"), None, &body(i, 4), Some(i as i64 * 60)),
            None,
        ));
    }
    index.insert(index.fingerprint(&article("late", None, &body(500, 4), Some(7 * DAY)), None));
    assert!(
        index.expire().is_empty(),
        "a0 is exactly one window old: kept"
    );
    assert_eq!(index.len(), 101);
    index.insert(index.fingerprint(&article("later", None, &body(501, 4), Some(8 * DAY)), None));
    let mut expired = index.expire();
    expired.sort();
    assert_eq!(expired.len(), 100);
    assert_eq!(index.len(), 2);
    let copy = article("copy", None, &body(3, 4), Some(8 * DAY));
    assert_eq!(
        verdict_of(&mut index, &copy),
        Verdict::New,
        "expired originals match nothing"
    );
    let copy = article("copy2", None, &body(500, 4), Some(8 * DAY));
    assert_eq!(original(&verdict_of(&mut index, &copy)), Some("late"));
}

#[test]
fn an_article_dated_far_in_the_future_does_not_expire_the_window() {
    // The wall clock stands a day after the first article.
    let mut index = index().with_wall_clock(|| 1_700_000_000 + DAY);
    let first = article("a", None, &body(1, 3), Some(0));
    assert_eq!(verdict_of(&mut index, &first), Verdict::New);
    let hostile = article("x", None, &body(2, 3), Some(80 * 365 * DAY));
    assert_eq!(verdict_of(&mut index, &hostile), Verdict::New);
    index.expire();
    let copy = article("b", None, &body(1, 3), Some(DAY));
    assert_eq!(
        original(&verdict_of(&mut index, &copy)),
        Some("a"),
        "the window still holds the first article"
    );
}

/// The time `seconds` after the tests' epoch, as a record timestamp.
fn received(seconds: i64) -> Option<ReceivedAt> {
    Some(ReceivedAt::from(at(seconds)))
}

#[test]
fn a_copy_received_within_the_window_is_caught_however_old_its_story() {
    let mut index = index();
    let year_ago = Some(-365 * DAY);
    let text = body(1, 4);
    let check = |index: &mut DedupIndex, a: &Article, t: i64| {
        let fp = index.fingerprint(a, received(t));
        index.check_and_insert(fp)
    };
    let newer = article("today", None, &body(2, 4), Some(0));
    assert_eq!(check(&mut index, &newer, 0), Verdict::New);
    let old = article("old", Some("u-old"), &text, year_ago);
    assert_eq!(check(&mut index, &old, 60), Verdict::New);
    index.expire();
    assert_eq!(index.len(), 2, "an old story received now is held");
    let same_url = article("old-2", Some("u-old"), "other words", year_ago);
    assert_eq!(
        original(&check(&mut index, &same_url, 6 * DAY)),
        Some("old")
    );
    let same_body = article("old-3", None, &text, Some(-300 * DAY));
    assert_eq!(
        original(&check(&mut index, &same_body, 7 * DAY)),
        Some("old")
    );
    // Received more than the window after the old story (and past expiry's slack of a
    // sixty-fourth of the window), a copy no longer matches it.
    let later = article("later", None, &body(3, 4), Some(-30 * DAY));
    assert_eq!(check(&mut index, &later, 8 * DAY), Verdict::New);
    let mut expired: Vec<String> = index.expire().iter().map(|i| i.to_string()).collect();
    expired.sort();
    assert_eq!(expired, ["old", "today"]);
    assert_eq!(check(&mut index, &same_url, 8 * DAY + 1), Verdict::New);
}

#[test]
fn an_input_stamped_before_the_clock_is_held_a_whole_window() {
    // Partition A is read up to day 10; partition B lags and is still at day 0.
    let mut index = index();
    let check = |index: &mut DedupIndex, a: &Article, t: i64| {
        let fp = index.fingerprint(a, received(t));
        let verdict = index.check_and_insert(fp);
        index.expire();
        verdict
    };
    let ahead = article("a", None, &body(1, 4), Some(10 * DAY));
    assert_eq!(check(&mut index, &ahead, 10 * DAY), Verdict::New);
    let lagging = article("b", Some("u-b"), &body(2, 4), Some(0));
    assert_eq!(check(&mut index, &lagging, 0), Verdict::New);
    let later = article("c", None, &body(3, 4), Some(10 * DAY));
    assert_eq!(check(&mut index, &later, 10 * DAY + 60), Verdict::New);
    assert_eq!(
        index.len(),
        3,
        "the lagging input is held by the clock's time"
    );
    let resend = article("b", Some("u-b"), &body(2, 4), Some(0));
    assert_eq!(original(&check(&mut index, &resend, 3600)), Some("b"));
}

#[test]
fn the_index_holds_what_was_received_during_one_window_whatever_the_dates() {
    let config = DedupConfig {
        window_secs: 7 * DAY as u64,
        ..DedupConfig::default()
    };
    let mut index = DedupIndex::new(&Valid::new(config).expect("valid"));
    let hour = 3600;
    let mut most = 0;
    for i in 0..24 * 60 {
        // Publication dates jump around a year; one arrival an hour.
        let published = Some(-((i * 7919) % 365) * DAY);
        let a = article(&format!("a{i}"), None, &body(i as u64, 3), published);
        let fp = index.fingerprint(&a, received(i * hour));
        assert_eq!(index.check_and_insert(fp), Verdict::New);
        index.expire();
        most = most.max(index.len());
    }
    // A week of hourly arrivals, plus expiry's slack of a sixty-fourth of the window.
    assert!(most <= 7 * 24 * 65 / 64 + 1, "{most} entries at most");
    assert!(most >= 7 * 24, "{most} entries at most");
}

#[test]
fn a_record_timestamp_far_in_the_future_does_not_expire_the_window() {
    // The wall clock stands a day after the first input.
    let mut index = index().with_wall_clock(|| 1_700_000_000 + DAY);
    let first = article("a", None, &body(1, 3), Some(0));
    let fp = index.fingerprint(&first, received(0));
    assert_eq!(index.check_and_insert(fp), Verdict::New);
    let hostile = article("x", None, &body(2, 3), Some(0));
    let fp = index.fingerprint(&hostile, received(80 * 365 * DAY));
    assert_eq!(
        fp.received_at,
        received(2 * DAY),
        "a day past the wall clock"
    );
    assert_eq!(index.check_and_insert(fp), Verdict::New);
    index.expire();
    let copy = article("b", None, &body(1, 3), Some(0));
    let fp = index.fingerprint(&copy, received(DAY));
    assert_eq!(
        original(&index.check(&fp)),
        Some("a"),
        "the window still holds the first input"
    );
}

#[test]
fn an_index_rebuilt_from_its_changelog_expires_what_the_live_one_expires() {
    let mut live = index();
    let mut log = Vec::new();
    for i in 0..200i64 {
        // Dates over a year in mixed order; received a minute apart, some out of order.
        let published = Some(-((i * 7919) % 365) * DAY);
        let a = article(&format!("a{i}"), None, &body(i as u64, 4), published);
        let fp = live.fingerprint(&a, received(i * 3000 - (i % 3) * 9000));
        if live.check_and_insert(fp.clone()) == Verdict::New {
            log.push(encode_changelog(&fp));
        }
        live.expire();
    }
    // Changelog partitions are read interleaved: the order differs, not the times.
    let mut rebuilt = index();
    for record in log.iter().rev() {
        rebuilt.insert(decode_changelog(record).expect("own records decode"));
    }
    rebuilt.expire();
    assert_eq!(rebuilt.clock(), live.clock());
    assert_eq!(rebuilt.len(), live.len());
    let next = article("next", None, &body(900, 4), Some(0));
    let (l, r) = (
        live.fingerprint(&next, received(7 * DAY + 300_000)),
        rebuilt.fingerprint(&next, received(7 * DAY + 300_000)),
    );
    assert_eq!(l, r);
    live.insert(l);
    rebuilt.insert(r);
    let (mut gone_live, mut gone_rebuilt) = (live.expire(), rebuilt.expire());
    gone_live.sort();
    gone_rebuilt.sort();
    assert!(!gone_live.is_empty(), "the test must expire something");
    assert_eq!(gone_rebuilt, gone_live);
}

#[test]
fn an_undated_article_takes_the_newest_time_seen() {
    let mut index = index();
    let undated = index.fingerprint(&article("u", None, &body(1, 3), None), None);
    assert_eq!(undated.received_at, None);
    index.insert(undated);
    index.insert(index.fingerprint(&article("d", None, &body(2, 3), Some(5 * DAY)), None));
    let later = index.fingerprint(&article("u2", None, &body(3, 3), None), None);
    assert_eq!(later.received_at, Some(ReceivedAt::from(at(5 * DAY))));
    index.insert(index.fingerprint(&article("e", None, &body(4, 3), Some(12 * DAY)), None));
    index.insert(index.fingerprint(&article("f", None, &body(5, 3), Some(13 * DAY)), None));
    let mut expired: Vec<String> = index.expire().iter().map(|i| i.to_string()).collect();
    expired.sort();
    assert_eq!(
        expired,
        ["d", "u"],
        "the undated one was dated with the first date seen"
    );
}

#[test]
fn state_rebuilt_from_changelog_records_gives_the_same_verdicts() {
    let mut live = index();
    let mut log = Vec::new();
    for i in 0..300 {
        let a = article(
            &format!("a{i}"),
            Some(&format!("u{i}")),
            &body(i, 5),
            Some(i as i64),
        );
        let fp = live.fingerprint(&a, None);
        if live.check_and_insert(fp.clone()) == Verdict::New {
            log.push(encode_changelog(&fp));
        }
    }
    let mut rebuilt = index();
    for record in log.iter().chain(&log) {
        rebuilt.insert(decode_changelog(record).expect("own records decode"));
    }
    assert_eq!(
        rebuilt.len(),
        live.len(),
        "a record applied twice is a no-op"
    );
    rebuilt.remove(&ArticleId::new("a7"));
    assert_eq!(rebuilt.len(), live.len() - 1);
    for i in [3u64, 7, 250] {
        let probe = article(&format!("p{i}"), None, &body(i, 5), Some(400));
        let (l, r) = (
            live.fingerprint(&probe, None),
            rebuilt.fingerprint(&probe, None),
        );
        if i == 7 {
            assert_eq!(rebuilt.check(&r), Verdict::New, "tombstoned");
        } else {
            assert_eq!(live.check(&l), rebuilt.check(&r));
        }
    }
}

#[test]
fn index_memory_stays_within_budget() {
    let mut index = index();
    for i in 0..20_000u64 {
        let a = article(
            &format!("wire-{i:012}"),
            Some(&format!("https://x.example/{i}")),
            &body(i, 3),
            Some(0),
        );
        index.insert(index.fingerprint(&a, None));
    }
    let per_article = index.memory_bytes() / index.len();
    assert!(per_article <= 256, "{per_article} bytes per article");
}

#[test]
fn garbage_records_are_errors() {
    for bytes in [
        &b""[..],
        b"DF",
        b"XX\x01\x00",
        b"DF\x09\x00",
        b"DF\x01\xff",
        b"DF\x01\x00\xff\xff\xff\xff",
    ] {
        assert!(decode_changelog(bytes).is_err(), "{bytes:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_document_is_always_a_duplicate_of_itself(words in prop::collection::vec("[a-z]{1,8}", 40..300)) {
        let text = words.join(" ");
        let mut index = index();
        index.insert(index.fingerprint(&article("a", None, &text, Some(0)), None));
        let v = index.check(&index.fingerprint(&article("b", None, &text, Some(0)), None));
        prop_assert_eq!(original(&v), Some("a"));
    }

    #[test]
    fn similarity_is_symmetric_within_estimator_error(
        words in prop::collection::vec("[a-z]{1,6}", 60..300),
        cut in 0.3f64..1.0,
        swaps in prop::collection::vec((0usize..1000, "[a-z]{1,6}"), 0..20),
    ) {
        let a = words.join(" ");
        let mut other = words[..((words.len() as f64 * cut) as usize).max(40)].to_vec();
        for (at, w) in swaps {
            let n = other.len();
            other[at % n] = w;
        }
        let b = other.join(" ");
        let index = index();
        let (fa, fb) = (index.fingerprint(&article("a", None, &a, Some(0)), None), index.fingerprint(&article("b", None, &b, Some(0)), None));
        let (sa, sb) = (fa.sketch.expect("long"), fb.sketch.expect("long"));
        let (ab, ba) = (sketch_similarity(&sa, &sb), sketch_similarity(&sb, &sa));
        prop_assert!((ab.jaccard - ba.jaccard).abs() < 1e-9);
        prop_assert!((ab.containment - ba.containment).abs() < 1e-9);
        // And the byte estimate the index uses is within its error of the full one.
        let bytes = |s: &demarche::dedup::Sketch| s.minhash.iter().map(|&m| m as u8).collect::<Vec<u8>>();
        let est = demarche::dedup::estimate(&bytes(&sa), &bytes(&sb), sa.shingles as u16, sb.shingles as u16);
        prop_assert!((est.jaccard - ab.jaccard).abs() < 0.2, "{est:?} vs {ab:?}");
    }

    #[test]
    fn changelog_records_round_trip(
        id in "[ -~]{0,40}",
        time in proptest::option::of(any::<i64>()),
        url in proptest::option::of(any::<u64>()),
        body_hash in proptest::option::of(any::<u64>()),
        sketch in proptest::option::of((any::<u8>(), any::<u32>(), prop::collection::vec(any::<u32>(), 0..256))),
    ) {
        let fp = demarche::dedup::Fingerprint {
            article_id: ArticleId::new(id),
            received_at: time.map(ReceivedAt::from_secs),
            url_hash: url,
            body_hash,
            sketch: sketch.map(|(size, shingles, minhash)| demarche::dedup::Sketch {
                scheme: 1, shingle_size: size, shingles, minhash,
            }),
        };
        prop_assert_eq!(decode_changelog(&encode_changelog(&fp)), Ok(fp));
    }

    #[test]
    fn decoding_garbage_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = decode_changelog(&bytes);
        let mut prefixed = b"DF\x01".to_vec();
        prefixed.extend_from_slice(&bytes);
        let _ = decode_changelog(&prefixed);
    }

    #[test]
    fn truncated_records_are_errors(cut in 0usize..300) {
        let index = index();
        let fp = index.fingerprint(&article("a", Some("u"), &body(1, 4), Some(0)), None);
        let record = encode_changelog(&fp);
        let cut = cut % record.len();
        prop_assert!(decode_changelog(&record[..cut]).is_err());
    }
}
