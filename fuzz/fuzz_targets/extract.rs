//! Text -> the body of an article -> coded events with the built-in dictionaries.
//!
//! Checks the evidence contract: sentence and trigger offsets are byte offsets into the body,
//! on character boundaries, the trigger lies inside its sentence, the texts match the offsets,
//! and confidence lies in 0..=1.

#![no_main]

use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use demarche::extract::Coder;
use demarche::model::{Article, ArticleId, DatePrecision, DiplomaticEvent};
use libfuzzer_sys::fuzz_target;

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::embedded().expect("the built-in dictionaries are valid"))
}

fn article(body: &str) -> Article {
    Article {
        id: ArticleId::new("fuzz"),
        url: Some("https://example.org/story".to_owned()),
        source: Some("Example".to_owned()),
        title: "Title".to_owned(),
        body: body.to_owned(),
        published_at: Utc.with_ymd_and_hms(2024, 3, 14, 9, 0, 0).single(),
        date_precision: DatePrecision::Exact,
        language: "en".to_owned(),
        wire_sources: Vec::new(),
        dateline: None,
    }
}

fn check_evidence(body: &str, event: &DiplomaticEvent) {
    let evidence = &event.evidence;
    let trigger = &evidence.trigger;
    assert!(evidence.start <= evidence.end && evidence.end <= body.len());
    assert!(body.is_char_boundary(evidence.start) && body.is_char_boundary(evidence.end));
    assert_eq!(evidence.sentence, body[evidence.start..evidence.end]);
    assert!(evidence.start <= trigger.start && trigger.start <= trigger.end);
    assert!(trigger.end <= evidence.end, "trigger outside its sentence");
    assert!(body.is_char_boundary(trigger.start) && body.is_char_boundary(trigger.end));
    assert_eq!(trigger.text, body[trigger.start..trigger.end]);
    assert!(
        (0.0..=1.0).contains(&event.confidence),
        "confidence out of range"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let article = article(body);
    for event in coder().code(&article) {
        check_evidence(body, &event);
    }
});
