//! Decoding: which messages become raw articles, and which dead letters, with what reason.

use demarche::normalize::decode::{decode, RawBody, RawDate};
use demarche::normalize::NormalizeError;

use super::normalizer;

const CAP: usize = 1 << 16;

#[test]
fn json_fields_and_their_aliases_are_read() {
    let cases: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        // (message, body text, title, url)
        (r#"{"title":"T","body":"B"}"#, "B", Some("T"), None),
        (r#"{"headline":"T","content":"B"}"#, "B", Some("T"), None),
        (
            r#"{"headline":"T","text":"B","link":"http://x.org/a"}"#,
            "B",
            Some("T"),
            Some("http://x.org/a"),
        ),
        (
            r#"{"title":"T","body":"B","content":"C"}"#,
            "B",
            Some("T"),
            None,
        ),
        (
            r#"{"title":null,"body":"B","unknown":{"deep":[1,2,3]}}"#,
            "B",
            None,
            None,
        ),
        ("\u{feff}{\"body\":\"B\"}", "B", None, None),
    ];
    for (message, body, title, url) in cases {
        let raw = decode(message.as_bytes(), CAP).unwrap_or_else(|e| panic!("{message}: {e}"));
        assert_eq!(raw.body, RawBody::Text((*body).into()), "{message}");
        assert_eq!(raw.title.as_deref(), *title, "{message}");
        assert_eq!(raw.url.as_deref(), *url, "{message}");
    }
}

#[test]
fn dates_may_be_strings_or_unix_numbers_under_any_alias() {
    let cases: &[(&str, RawDate)] = &[
        (
            r#"{"body":"B","published_at":"2013-11-02"}"#,
            RawDate::Text("2013-11-02".into()),
        ),
        (
            r#"{"body":"B","date":"2013-11-02"}"#,
            RawDate::Text("2013-11-02".into()),
        ),
        (
            r#"{"body":"B","pubDate":1383350400}"#,
            RawDate::Number(1383350400.0),
        ),
        (
            r#"{"body":"B","publishedAt":1383350400000}"#,
            RawDate::Number(1383350400000.0),
        ),
    ];
    for (message, date) in cases {
        let raw = decode(message.as_bytes(), CAP).expect(message);
        assert_eq!(raw.published_at.as_ref(), Some(date), "{message}");
    }
}

#[test]
fn html_is_recognised_in_the_html_field_the_body_or_a_plain_message() {
    let cases = [
        r#"{"html":"<p>Story.</p>"}"#,
        r#"{"body":"  <div><p>Story.</p></div>"}"#,
        r#"{"body":"","html":"<p>Story.</p>"}"#,
        "<!DOCTYPE html><html><body><p>Story.</p></body></html>",
    ];
    for message in cases {
        let raw = decode(message.as_bytes(), CAP).expect(message);
        assert!(matches!(raw.body, RawBody::Html(_)), "{message}");
    }
}

#[test]
fn plain_text_takes_its_first_line_as_the_title() {
    let raw = decode(b"\n\nThe title\nFirst paragraph.\n\nSecond.", CAP).expect("plain text");
    assert_eq!(raw.title.as_deref(), Some("The title"));
    assert_eq!(
        raw.body,
        RawBody::Text("First paragraph.\n\nSecond.".into())
    );
    let raw = decode(b"[Updated] Title\nStory.", CAP).expect("bracketed title is text");
    assert_eq!(raw.title.as_deref(), Some("[Updated] Title"));
}

#[test]
fn bad_messages_are_typed_errors_with_stable_kinds() {
    let deep = format!(
        "{{\"body\":\"B\",\"x\":{}{}}}",
        "[".repeat(1_000),
        "]".repeat(1_000)
    );
    let big = format!("{{\"body\":\"{}\"}}", "a".repeat(CAP));
    let cases: Vec<(&[u8], &str)> = vec![
        (b"\xff\xfe not utf-8", "invalid_utf8"),
        (b"{\"body\": \"unterminated", "invalid_json"),
        (deep.as_bytes(), "invalid_json"),
        (b"[1, 2, 3]", "not_an_object"),
        (b"[\"a\"]", "not_an_object"),
        (br#"{"body": 42}"#, "invalid_field"),
        (br#"{"title": ["a"], "body": "B"}"#, "invalid_field"),
        (br#"{"body": "B", "published_at": true}"#, "invalid_field"),
        (br#"{"body": "B", "id": {"a": 1}}"#, "invalid_field"),
        (br#"{"title": "T"}"#, "empty_body"),
        (br#"{"title": "T", "body": "   \n "}"#, "empty_body"),
        (b"Only a title line", "empty_body"),
        (b"", "empty_body"),
        (big.as_bytes(), "too_large"),
    ];
    for (message, kind) in cases {
        let err = decode(message, CAP).expect_err(kind);
        assert_eq!(err.kind(), kind, "{err}");
    }
}

#[test]
fn error_messages_name_the_field_and_what_was_expected() {
    let err = decode(br#"{"body": 42}"#, CAP).expect_err("number body");
    assert_eq!(
        err.to_string(),
        "field `body` is a json number, expected a string"
    );
    let err = decode(b"[1]", CAP).expect_err("array");
    assert!(err.to_string().contains("expected an object"), "{err}");
}

#[test]
fn a_body_that_is_only_boilerplate_is_its_own_dead_letter() {
    let message = "Title\n1. Home\n2. World\n3. Sport\n\nShare on Facebook\n© 2024 Example Media";
    let err = normalizer()
        .normalize(message.as_bytes())
        .expect_err("only boilerplate");
    assert_eq!(err, NormalizeError::OnlyBoilerplate);
    assert_eq!(err.kind(), "only_boilerplate");
}

#[test]
fn numeric_ids_are_taken_as_text() {
    let raw = decode(br#"{"id": 12345, "body": "B"}"#, CAP).expect("numeric id");
    assert_eq!(raw.id.as_deref(), Some("12345"));
}

#[test]
fn an_id_longer_than_512_bytes_is_an_invalid_field() {
    let fits = format!(r#"{{"id":"{}","body":"B"}}"#, "i".repeat(512));
    assert!(decode(fits.as_bytes(), CAP).is_ok());
    let long = format!(r#"{{"id":"{}","body":"B"}}"#, "i".repeat(513));
    let error = decode(long.as_bytes(), CAP).expect_err("a 513-byte id");
    assert!(matches!(error, NormalizeError::IdTooLong { length: 513 }));
    assert_eq!(error.kind(), "invalid_field");
}
