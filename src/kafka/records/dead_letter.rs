//! Dead letters: the original bytes, with headers saying why and where from.

use super::changelog::source_headers;
use super::record::{headers_size, InputRef, OutgoingRecord, RecordKind};
use crate::pipeline::DeadLetter;
use crate::settings::Topics;

/// Dead-letter header: the stable reason (`invalid_json`, `too_large`, ...).
pub const HEADER_ERROR_KIND: &str = "demarche.error.kind";
/// Dead-letter header: a readable explanation.
pub const HEADER_ERROR_MESSAGE: &str = "demarche.error.message";
/// Dead-letter header: the input topic.
pub const HEADER_SOURCE_TOPIC: &str = "demarche.source.topic";
/// Dead-letter header, only on a cut payload: the original message's length in bytes.
pub const HEADER_ORIGINAL_BYTES: &str = "demarche.payload.original-bytes";
/// Dead-letter header, only on a cut key: the original key's length in bytes.
pub const HEADER_ORIGINAL_KEY_BYTES: &str = "demarche.key.original-bytes";
/// Dead letters keep at most this many bytes of the original key.
const MAX_DEAD_LETTER_KEY: usize = 1024;

/// The original bytes, with headers saying why and where from. Bytes past
/// `topics.max_record_bytes` (and key bytes past 1,024) are cut, so that the dead letter can be
/// published at all.
pub fn dead_letter_record(
    dead: &DeadLetter,
    input: &InputRef<'_>,
    topics: &Topics,
) -> OutgoingRecord {
    let mut headers = vec![
        (
            HEADER_ERROR_KIND.to_owned(),
            dead.reason.as_str().as_bytes().to_vec(),
        ),
        (
            HEADER_ERROR_MESSAGE.to_owned(),
            truncate(&dead.message, 1024).as_bytes().to_vec(),
        ),
        (
            HEADER_SOURCE_TOPIC.to_owned(),
            input.topic.as_bytes().to_vec(),
        ),
    ];
    headers.extend(source_headers(input.position));
    let key = input.key.unwrap_or_default();
    let kept_key = key.len().min(MAX_DEAD_LETTER_KEY);
    if kept_key < key.len() {
        headers.push((
            HEADER_ORIGINAL_KEY_BYTES.to_owned(),
            key.len().to_string().into_bytes(),
        ));
    }
    let room = topics
        .max_record_bytes
        .get()
        .saturating_sub(kept_key + headers_size(&headers) + 64);
    let kept = input.payload.len().min(room);
    if kept < input.payload.len() {
        headers.push((
            HEADER_ORIGINAL_BYTES.to_owned(),
            input.payload.len().to_string().into_bytes(),
        ));
    }
    OutgoingRecord {
        topic: topics.dead_letter.clone(),
        key: key[..kept_key].to_vec(),
        payload: Some(input.payload[..kept].to_vec()),
        headers,
        kind: RecordKind::DeadLetter,
        timestamp_ms: None,
    }
}

/// Cuts a message at a character boundary so that a header stays small.
fn truncate(message: &str, max: usize) -> &str {
    if message.len() <= max {
        return message;
    }
    let mut end = max;
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    &message[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kafka::records::{HEADER_SOURCE_OFFSET, HEADER_SOURCE_PARTITION};
    use crate::pipeline::DeadLetterReason;

    use crate::kafka::records::test_fixtures::{input, topics};

    #[test]
    fn a_dead_letter_keeps_the_original_bytes_and_says_why_and_where_from() {
        let dead = DeadLetter {
            reason: DeadLetterReason::InvalidUtf8,
            message: "message is not valid utf-8".into(),
            failed_stage: None,
        };
        let payload = [0xff, 0xfe, b'x'];
        let record = dead_letter_record(&dead, &input(&payload), &topics());
        assert_eq!(record.topic, "dlq");
        assert_eq!(record.key, b"k");
        assert_eq!(record.payload.as_deref(), Some(&payload[..]));
        let header = |name: &str| {
            record
                .headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        };
        assert_eq!(header(HEADER_ERROR_KIND).as_deref(), Some("invalid_utf8"));
        assert_eq!(header(HEADER_SOURCE_TOPIC).as_deref(), Some("in"));
        assert_eq!(header(HEADER_SOURCE_PARTITION).as_deref(), Some("2"));
        assert_eq!(header(HEADER_SOURCE_OFFSET).as_deref(), Some("41"));
        assert_eq!(header(HEADER_ORIGINAL_BYTES), None);
    }

    fn header<'a>(record: &'a OutgoingRecord, name: &str) -> Option<&'a [u8]> {
        record.header(name)
    }

    #[test]
    fn a_dead_letter_over_the_cap_keeps_its_first_bytes_and_its_original_length() {
        let dead = DeadLetter {
            reason: DeadLetterReason::TooLarge,
            message: "message is 20000 bytes".into(),
            failed_stage: None,
        };
        let payload = vec![b'x'; 20_000];
        let key = vec![b'k'; 5_000];
        let mut input = input(&payload);
        input.key = Some(&key);
        let record = dead_letter_record(&dead, &input, &topics());
        assert!(record.size() <= 10_000, "{} bytes", record.size());
        let kept = record.payload.as_deref().unwrap_or_default();
        assert!(!kept.is_empty() && payload.starts_with(kept));
        assert_eq!(header(&record, HEADER_ORIGINAL_BYTES), Some(&b"20000"[..]));
        assert_eq!(record.key.len(), 1024);
        assert_eq!(
            header(&record, HEADER_ORIGINAL_KEY_BYTES),
            Some(&b"5000"[..])
        );
    }

    #[test]
    fn long_messages_are_cut_at_a_character_boundary() {
        let long = "é".repeat(600);
        let cut = truncate(&long, 1023);
        assert!(cut.len() <= 1023);
        assert!(long.starts_with(cut));
    }
}
