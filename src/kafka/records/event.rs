//! Event records: one per coded event, keyed by its deterministic id, so that a replay
//! re-emits byte-identical records a compacted topic keeps once.

use super::record::{OutgoingRecord, RecordKind};
use crate::model::DiplomaticEvent;
use crate::settings::Topics;

/// The records of `events`, in order.
pub fn event_records(
    events: &[DiplomaticEvent],
    topics: &Topics,
) -> Result<Vec<OutgoingRecord>, serde_json::Error> {
    events
        .iter()
        .map(|event| {
            Ok(OutgoingRecord {
                topic: topics.output.clone(),
                key: event.event_id.as_str().as_bytes().to_vec(),
                payload: Some(serde_json::to_vec(event)?),
                headers: Vec::new(),
                kind: RecordKind::Event {
                    root: event.cameo.root.clone(),
                    quad_class: event.cameo.quad_class,
                },
                timestamp_ms: None,
            })
        })
        .collect()
}
