//! Duplicate notices, published only when `topics.duplicates` is set.

use serde::Serialize;

use super::record::{OutgoingRecord, RecordKind};
use crate::dedup::Verdict;
use crate::model::ArticleId;
use crate::settings::Topics;

/// The value of a duplicate notice on `topics.duplicates`.
#[derive(Debug, Serialize)]
struct DuplicateNotice<'a> {
    article_id: &'a ArticleId,
    duplicate_of: &'a ArticleId,
    kind: &'a str,
    similarity: f64,
}

/// The notice that `article_id` duplicates an article seen before, if there is a topic for it.
pub fn duplicate_record(
    topics: &Topics,
    article_id: &ArticleId,
    verdict: &Verdict,
) -> Result<Option<OutgoingRecord>, serde_json::Error> {
    let Some(topic) = &topics.duplicates else {
        return Ok(None);
    };
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
        topic: topic.clone(),
        key: article_id.as_str().as_bytes().to_vec(),
        payload: Some(serde_json::to_vec(&notice)?),
        headers: Vec::new(),
        kind: RecordKind::Duplicate,
        timestamp_ms: None,
    }))
}
