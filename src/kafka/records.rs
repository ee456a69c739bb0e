//! What an outcome publishes: the records, their topics, keys, payloads and headers.
//!
//! Pure: the consumer loop hands every record to the producer and tracks their
//! acknowledgements against the input's offset.

use serde::Serialize;

use crate::dedup::{encode_changelog, Verdict};
use crate::model::ArticleId;
use crate::pipeline::{DeadLetter, Outcome};
use crate::replay::Origin;
use crate::settings::Topics;

/// Dead-letter header: the stable reason (`invalid_json`, `too_large`, ...).
pub const HEADER_ERROR_KIND: &str = "demarche.error.kind";
/// Dead-letter header: a readable explanation.
pub const HEADER_ERROR_MESSAGE: &str = "demarche.error.message";
/// Dead-letter header: the input topic.
pub const HEADER_SOURCE_TOPIC: &str = "demarche.source.topic";
/// Dead-letter header: the input partition.
pub const HEADER_SOURCE_PARTITION: &str = "demarche.source.partition";
/// Dead-letter header: the input offset.
pub const HEADER_SOURCE_OFFSET: &str = "demarche.source.offset";
/// Dead-letter header, only on a cut payload: the original message's length in bytes.
pub const HEADER_ORIGINAL_BYTES: &str = "demarche.payload.original-bytes";
/// Dead-letter header, only on a cut key: the original key's length in bytes.
pub const HEADER_ORIGINAL_KEY_BYTES: &str = "demarche.key.original-bytes";
/// Dead letters keep at most this many bytes of the original key.
const MAX_DEAD_LETTER_KEY: usize = 1024;

/// Where an input record came from.
#[derive(Debug, Clone)]
pub struct InputRef<'a> {
    /// Input topic.
    pub topic: &'a str,
    /// Input partition.
    pub partition: i32,
    /// Input offset.
    pub offset: i64,
    /// Input key, if any.
    pub key: Option<&'a [u8]>,
    /// Input payload, if any.
    pub payload: &'a [u8],
}

/// What a record is, for counting its acknowledgement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordKind {
    /// A coded event of a CAMEO root and quad class.
    Event {
        /// CAMEO root ("03").
        root: String,
        /// Quad class 1-4.
        quad_class: u8,
    },
    /// A dedup changelog fingerprint or tombstone.
    Changelog,
    /// A dead letter.
    DeadLetter,
    /// A duplicate notice.
    Duplicate,
}

/// One record to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingRecord {
    /// Destination topic.
    pub topic: String,
    /// Record key.
    pub key: Vec<u8>,
    /// Record value; `None` is a tombstone.
    pub payload: Option<Vec<u8>>,
    /// Record headers.
    pub headers: Vec<(String, Vec<u8>)>,
    /// What it is.
    pub kind: RecordKind,
}

/// The value of a duplicate notice on `topics.duplicates`.
#[derive(Debug, Serialize)]
struct DuplicateNotice<'a> {
    article_id: &'a ArticleId,
    duplicate_of: &'a ArticleId,
    kind: &'a str,
    similarity: f64,
}

impl OutgoingRecord {
    /// Bytes of key, value and headers: what counts against the producer's message.max.bytes.
    pub fn size(&self) -> usize {
        self.key.len() + self.payload.as_ref().map_or(0, Vec::len) + headers_size(&self.headers)
    }

    /// The reason of a dead letter, from its header.
    pub fn dead_letter_reason(&self) -> Option<&str> {
        if self.kind != RecordKind::DeadLetter {
            return None;
        }
        self.headers
            .iter()
            .find(|(name, _)| name == HEADER_ERROR_KIND)
            .and_then(|(_, value)| std::str::from_utf8(value).ok())
    }
}

/// The records an outcome publishes, events first and the changelog record last; or, when one
/// of them would be larger than `topics.max_record_bytes`, the input as a dead letter.
pub fn records_for(
    outcome: &Outcome,
    input: &InputRef<'_>,
    topics: &Topics,
) -> Result<Vec<OutgoingRecord>, serde_json::Error> {
    let records = outcome_records(outcome, input, topics)?;
    let max = topics.max_record_bytes.get();
    match records.iter().find(|r| r.size() > max) {
        Some(large) => {
            let dead = DeadLetter {
                reason: "output_too_large",
                message: format!(
                    "a record for topic {} would be {} bytes, over topics.max_record_bytes ({max})",
                    large.topic,
                    large.size()
                ),
                failed_stage: None,
            };
            Ok(vec![dead_letter_record(&dead, input, topics)])
        }
        None => Ok(records),
    }
}

fn outcome_records(
    outcome: &Outcome,
    input: &InputRef<'_>,
    topics: &Topics,
) -> Result<Vec<OutgoingRecord>, serde_json::Error> {
    match outcome {
        Outcome::Coded {
            article_id,
            fingerprint,
            events,
        } => {
            let mut out = Vec::with_capacity(events.len() + 1);
            for event in events {
                out.push(OutgoingRecord {
                    topic: topics.output.clone(),
                    key: event.event_id.as_str().as_bytes().to_vec(),
                    payload: Some(serde_json::to_vec(event)?),
                    headers: Vec::new(),
                    kind: RecordKind::Event {
                        root: event.cameo.root.clone(),
                        quad_class: event.cameo.quad_class,
                    },
                });
            }
            let origin = Origin {
                partition: input.partition,
                offset: input.offset,
            };
            out.push(changelog_record(
                topics,
                article_id,
                Some(encode_changelog(fingerprint)),
                Some(origin),
            ));
            Ok(out)
        }
        Outcome::Duplicate {
            article_id,
            verdict,
        } => duplicate_record(topics, article_id, verdict).map(|r| r.into_iter().collect()),
        Outcome::UnsupportedLanguage { .. } => Ok(Vec::new()),
        Outcome::DeadLetter(dead) => Ok(vec![dead_letter_record(dead, input, topics)]),
    }
}

/// A changelog record: a fingerprint, or a tombstone when `value` is `None`, with the input
/// position it came from (see [`crate::replay`]).
pub fn changelog_record(
    topics: &Topics,
    article_id: &ArticleId,
    value: Option<Vec<u8>>,
    origin: Option<Origin>,
) -> OutgoingRecord {
    let headers = origin
        .map(|o| {
            vec![
                (
                    HEADER_SOURCE_PARTITION.to_owned(),
                    o.partition.to_string().into_bytes(),
                ),
                (
                    HEADER_SOURCE_OFFSET.to_owned(),
                    o.offset.to_string().into_bytes(),
                ),
            ]
        })
        .unwrap_or_default();
    OutgoingRecord {
        topic: topics.dedup_state.clone(),
        key: article_id.as_str().as_bytes().to_vec(),
        payload: value,
        headers,
        kind: RecordKind::Changelog,
    }
}

/// The origin a changelog record's headers name, if both parts are there and readable.
pub fn origin_from_headers<'a>(
    mut headers: impl Iterator<Item = (&'a str, &'a [u8])>,
) -> Option<Origin> {
    let (mut partition, mut offset) = (None, None);
    headers.try_for_each(|(name, value)| {
        let text = std::str::from_utf8(value).ok();
        match name {
            HEADER_SOURCE_PARTITION => partition = text.and_then(|t| t.parse().ok()),
            HEADER_SOURCE_OFFSET => offset = text.and_then(|t| t.parse().ok()),
            _ => {}
        }
        Some(())
    });
    Some(Origin {
        partition: partition?,
        offset: offset?,
    })
}

fn duplicate_record(
    topics: &Topics,
    article_id: &ArticleId,
    verdict: &Verdict,
) -> Result<Option<OutgoingRecord>, serde_json::Error> {
    if topics.duplicates.is_empty() {
        return Ok(None);
    }
    let (of, kind, similarity) = match verdict {
        Verdict::ExactDuplicate { of } => (of, "exact", 1.0),
        Verdict::NearDuplicate { of, similarity } => (of, "near", *similarity),
        Verdict::New => return Ok(None),
    };
    let notice = DuplicateNotice {
        article_id,
        duplicate_of: of,
        kind,
        similarity,
    };
    Ok(Some(OutgoingRecord {
        topic: topics.duplicates.clone(),
        key: article_id.as_str().as_bytes().to_vec(),
        payload: Some(serde_json::to_vec(&notice)?),
        headers: Vec::new(),
        kind: RecordKind::Duplicate,
    }))
}

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
            dead.reason.as_bytes().to_vec(),
        ),
        (
            HEADER_ERROR_MESSAGE.to_owned(),
            truncate(&dead.message, 1024).as_bytes().to_vec(),
        ),
        (
            HEADER_SOURCE_TOPIC.to_owned(),
            input.topic.as_bytes().to_vec(),
        ),
        (
            HEADER_SOURCE_PARTITION.to_owned(),
            input.partition.to_string().into_bytes(),
        ),
        (
            HEADER_SOURCE_OFFSET.to_owned(),
            input.offset.to_string().into_bytes(),
        ),
    ];
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
    }
}

fn headers_size(headers: &[(String, Vec<u8>)]) -> usize {
    headers.iter().map(|(k, v)| k.len() + v.len()).sum()
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

    fn topics() -> Topics {
        Topics {
            input: "in".into(),
            output: "out".into(),
            dead_letter: "dlq".into(),
            dedup_state: "state".into(),
            duplicates: String::new(),
            max_record_bytes: std::num::NonZeroUsize::new(10_000).unwrap(),
        }
    }

    fn input(payload: &[u8]) -> InputRef<'_> {
        InputRef {
            topic: "in",
            partition: 2,
            offset: 41,
            key: Some(b"k"),
            payload,
        }
    }

    #[test]
    fn a_dead_letter_keeps_the_original_bytes_and_says_why_and_where_from() {
        let dead = DeadLetter {
            reason: "invalid_utf8",
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
        assert_eq!(record.dead_letter_reason(), Some("invalid_utf8"));
    }

    fn header<'a>(record: &'a OutgoingRecord, name: &str) -> Option<&'a [u8]> {
        record
            .headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_slice())
    }

    #[test]
    fn a_dead_letter_over_the_cap_keeps_its_first_bytes_and_its_original_length() {
        let dead = DeadLetter {
            reason: "too_large",
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
    fn an_input_whose_outputs_would_be_too_large_is_a_dead_letter() {
        let huge_id = "i".repeat(20_000);
        let outcome = Outcome::Duplicate {
            article_id: ArticleId::new(&huge_id),
            verdict: Verdict::ExactDuplicate {
                of: ArticleId::new("a"),
            },
        };
        let mut with_topic = topics();
        with_topic.duplicates = "dups".into();
        let records = records_for(&outcome, &input(b"{}"), &with_topic).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].topic, "dlq");
        assert_eq!(records[0].dead_letter_reason(), Some("output_too_large"));
        assert_eq!(records[0].payload.as_deref(), Some(&b"{}"[..]));
    }

    #[test]
    fn duplicates_publish_nothing_unless_a_topic_is_configured() {
        let verdict = Verdict::ExactDuplicate {
            of: ArticleId::new("a"),
        };
        let outcome = Outcome::Duplicate {
            article_id: ArticleId::new("b"),
            verdict,
        };
        assert!(records_for(&outcome, &input(b"{}"), &topics())
            .unwrap()
            .is_empty());
        let mut with_topic = topics();
        with_topic.duplicates = "dups".into();
        let records = records_for(&outcome, &input(b"{}"), &with_topic).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].key, b"b");
        let notice: serde_json::Value =
            serde_json::from_slice(records[0].payload.as_ref().unwrap()).unwrap();
        assert_eq!(notice["duplicate_of"], "a");
    }

    #[test]
    fn long_messages_are_cut_at_a_character_boundary() {
        let long = "é".repeat(600);
        let cut = truncate(&long, 1023);
        assert!(cut.len() <= 1023);
        assert!(long.starts_with(cut));
    }
}
