//! Changelog records, and the header codec that says which input position a record came from,
//! written once for both directions: the consume loop writes it, the changelog tailer reads it
//! back (see [`crate::replay`]), and dead letters carry the same two headers.

use super::record::{Headers, OutgoingRecord, RecordKind};
use crate::model::{ArticleId, Position};
use crate::settings::Topics;

/// Header: the input partition a record came from.
pub const HEADER_SOURCE_PARTITION: &str = "demarche.source.partition";
/// Header: the input offset a record came from.
pub const HEADER_SOURCE_OFFSET: &str = "demarche.source.offset";

/// A changelog record: a fingerprint, or a tombstone when `value` is `None`, with the input
/// position it came from (see [`crate::replay`]).
pub fn changelog_record(
    topics: &Topics,
    article_id: &ArticleId,
    value: Option<Vec<u8>>,
    origin: Option<Position>,
) -> OutgoingRecord {
    OutgoingRecord {
        topic: topics.dedup_state.clone(),
        key: article_id.as_str().as_bytes().to_vec(),
        payload: value,
        headers: origin.map(source_headers).unwrap_or_default(),
        kind: RecordKind::Changelog,
        timestamp_ms: None,
    }
}

/// The headers naming the input position `origin`, in decimal.
pub fn source_headers(origin: Position) -> Headers {
    vec![
        (
            HEADER_SOURCE_PARTITION.to_owned(),
            origin.partition.to_string().into_bytes(),
        ),
        (
            HEADER_SOURCE_OFFSET.to_owned(),
            origin.offset.to_string().into_bytes(),
        ),
    ]
}

/// The input position headers name, if both parts are there and readable.
pub fn source_from_headers<'a>(
    headers: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Option<Position> {
    let (mut partition, mut offset) = (None, None);
    for (name, value) in headers {
        let text = std::str::from_utf8(value).ok();
        match name {
            HEADER_SOURCE_PARTITION => partition = text.and_then(|t| t.parse().ok()),
            HEADER_SOURCE_OFFSET => offset = text.and_then(|t| t.parse().ok()),
            _ => {}
        }
    }
    Some(Position::new(partition?, offset?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(headers: &Headers) -> Option<Position> {
        source_from_headers(headers.iter().map(|(k, v)| (k.as_str(), v.as_slice())))
    }

    #[test]
    fn a_position_written_to_headers_reads_back_the_same() {
        for origin in [Position::new(0, 0), Position::new(7, 1 << 40)] {
            assert_eq!(read(&source_headers(origin)), Some(origin));
        }
    }

    #[test]
    fn headers_missing_a_part_or_unreadable_name_no_position() {
        let mut headers = source_headers(Position::new(3, 9));
        headers.retain(|(k, _)| k != HEADER_SOURCE_OFFSET);
        assert_eq!(read(&headers), None);
        let garbled = vec![
            (HEADER_SOURCE_PARTITION.to_owned(), b"x".to_vec()),
            (HEADER_SOURCE_OFFSET.to_owned(), b"4".to_vec()),
        ];
        assert_eq!(read(&garbled), None);
    }
}
