//! Mention records: each dated event once more, keyed by its daily aggregate's key, to the
//! internal topic the aggregates' owners read (`aggregate.mentions_topic`). They are part of
//! the input's records, so an input's offset is committed (or its transaction) only once its
//! mentions are written too: an event is never published without its mention.

use super::record::{OutgoingRecord, RecordKind};
use crate::aggregate::AggregateKey;
use crate::model::DiplomaticEvent;

/// The mention records of `events`, whose event records are `published` (in the same order),
/// to `topic`, stamped with the input's timestamp: the time the aggregate counts them as seen,
/// which a replay of the input topic reproduces. Undated events have no aggregate, so no
/// mention.
pub fn mention_records(
    events: &[DiplomaticEvent],
    published: &[OutgoingRecord],
    topic: &str,
    timestamp_ms: Option<i64>,
) -> Vec<OutgoingRecord> {
    events
        .iter()
        .zip(published)
        .filter_map(|(event, record)| {
            let (key, _) = AggregateKey::of(event)?;
            Some(OutgoingRecord {
                topic: topic.to_owned(),
                key: key.to_string().into_bytes(),
                payload: record.payload.clone(),
                headers: Vec::new(),
                kind: RecordKind::Mention,
                timestamp_ms,
            })
        })
        .collect()
}
