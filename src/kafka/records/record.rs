//! One record to publish, and the input its builders read.

use crate::model::Position;

/// A consumed input, as the record builders see it.
#[derive(Debug, Clone)]
pub struct InputRef<'a> {
    /// Input topic.
    pub topic: &'a str,
    /// Where it was read.
    pub position: Position,
    /// Input key, if any.
    pub key: Option<&'a [u8]>,
    /// Input payload, if any.
    pub payload: &'a [u8],
    /// The input record's timestamp (milliseconds since the epoch), if it has one: the time
    /// its mentions were seen, for the daily aggregates.
    pub timestamp_ms: Option<i64>,
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
    /// A coded event on its way to the owner of its daily aggregate.
    Mention,
}

/// Record headers, in order.
pub type Headers = Vec<(String, Vec<u8>)>;

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
    pub headers: Headers,
    /// What it is.
    pub kind: RecordKind,
    /// The record's timestamp (milliseconds since the epoch); `None`: the producer's clock.
    pub timestamp_ms: Option<i64>,
}

impl OutgoingRecord {
    /// Bytes of key, value and headers: what counts against the producer's message.max.bytes.
    pub fn size(&self) -> usize {
        self.key.len() + self.payload.as_ref().map_or(0, Vec::len) + headers_size(&self.headers)
    }

    /// The value of header `name`, if the record has it.
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_slice())
    }
}

/// Bytes of header names and values.
pub fn headers_size(headers: &[(String, Vec<u8>)]) -> usize {
    headers.iter().map(|(k, v)| k.len() + v.len()).sum()
}
