//! What an outcome publishes: the records, their topics, keys, payloads and headers, one file
//! per kind of record.
//!
//! Pure, and final: [`publication`] runs right after the pipeline and settles the outcome for
//! good. Should its records not serialize, or one of them be larger than
//! `topics.max_record_bytes`, the outcome becomes a dead letter here, so that what is counted
//! and what is published always agree, and the consume loop only hands records to the
//! producer and tracks their acknowledgements against the input's offset.

mod changelog;
mod dead_letter;
mod duplicate;
mod event;
mod mention;
mod record;

pub use changelog::{
    changelog_record, source_from_headers, source_headers, HEADER_SOURCE_OFFSET,
    HEADER_SOURCE_PARTITION,
};
pub use dead_letter::{
    dead_letter_record, HEADER_ERROR_KIND, HEADER_ERROR_MESSAGE, HEADER_ORIGINAL_BYTES,
    HEADER_ORIGINAL_KEY_BYTES, HEADER_SOURCE_TOPIC,
};
pub use record::{InputRef, OutgoingRecord, RecordKind};

use crate::dedup::encode_changelog;
use crate::pipeline::{DeadLetter, DeadLetterReason, Outcome, Stage};
use crate::settings::Topics;

/// An input's final outcome and the records that publish it, in order: events first, then
/// their mentions (when the daemon aggregates), the changelog record last.
#[derive(Debug)]
pub struct Publication {
    /// How the input ended, for good.
    pub outcome: Outcome,
    /// What to hand to the producer.
    pub records: Vec<OutgoingRecord>,
}

/// The records `outcome` publishes; or, when they cannot be serialized or one of them would be
/// larger than `topics.max_record_bytes`, the input as a dead letter, with the outcome to match.
pub fn publication(outcome: Outcome, input: &InputRef<'_>, topics: &Topics) -> Publication {
    build(&outcome, input, topics).settle(outcome)
}

/// [`publication`] in two steps, so that the records of a batch can be built on several
/// threads from borrowed outcomes: what building gave, to be settled with the outcome.
#[derive(Debug)]
pub struct Built(Result<Vec<OutgoingRecord>, (DeadLetter, OutgoingRecord)>);

/// Builds the records `outcome` publishes, or the dead letter it becomes.
pub fn build(outcome: &Outcome, input: &InputRef<'_>, topics: &Topics) -> Built {
    let dead = match outcome_records(outcome, input, topics) {
        Ok(records) => match too_large(&records, topics) {
            None => return Built(Ok(records)),
            Some(dead) => dead,
        },
        Err(error) => DeadLetter {
            reason: DeadLetterReason::InternalError,
            message: format!("cannot serialize the outcome: {error}"),
            failed_stage: Some(Stage::Publish),
        },
    };
    let record = dead_letter_record(&dead, input, topics);
    Built(Err((dead, record)))
}

impl Built {
    /// The final outcome (`outcome`, or the dead letter it became) and its records.
    pub fn settle(self, outcome: Outcome) -> Publication {
        match self.0 {
            Ok(records) => Publication { outcome, records },
            Err((dead, record)) => Publication {
                outcome: Outcome::DeadLetter(dead),
                records: vec![record],
            },
        }
    }
}

/// The dead letter of an input one of whose records is over the size cap.
fn too_large(records: &[OutgoingRecord], topics: &Topics) -> Option<DeadLetter> {
    let max = topics.max_record_bytes.get();
    let large = records.iter().find(|r| r.size() > max)?;
    Some(DeadLetter {
        reason: DeadLetterReason::OutputTooLarge,
        message: format!(
            "a record for topic {} would be {} bytes, over topics.max_record_bytes ({max})",
            large.topic,
            large.size()
        ),
        failed_stage: None,
    })
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
            let mut out = event::event_records(events, topics)?;
            if let Some(topic) = &topics.mentions {
                let mentions = mention::mention_records(events, &out, topic, input.timestamp_ms);
                out.extend(mentions);
            }
            out.push(changelog_record(
                topics,
                article_id,
                Some(encode_changelog(fingerprint)),
                Some(input.position),
            ));
            Ok(out)
        }
        Outcome::Duplicate {
            article_id,
            verdict,
        } => duplicate::duplicate_record(topics, article_id, verdict)
            .map(|r| r.into_iter().collect()),
        Outcome::UnsupportedLanguage { .. } => Ok(Vec::new()),
        Outcome::DeadLetter(dead) => Ok(vec![dead_letter_record(dead, input, topics)]),
    }
}

/// The topics and the input the record tests of every kind build on.
#[cfg(test)]
pub(super) mod test_fixtures {
    use super::*;
    use crate::model::Position;

    pub fn topics() -> Topics {
        Topics {
            input: "in".into(),
            output: "out".into(),
            dead_letter: "dlq".into(),
            dedup_state: "state".into(),
            duplicates: None,
            mentions: None,
            max_record_bytes: std::num::NonZeroUsize::new(10_000).unwrap(),
        }
    }

    pub fn input(payload: &[u8]) -> InputRef<'_> {
        InputRef {
            topic: "in",
            position: Position::new(2, 41),
            key: Some(b"k"),
            payload,
            timestamp_ms: Some(1_710_000_000_000),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::Verdict;
    use crate::model::{ArticleId, Position};
    use crate::pipeline::OutcomeKind;

    use super::test_fixtures::{input, topics};

    fn duplicate(id: &str) -> Outcome {
        Outcome::Duplicate {
            article_id: ArticleId::new(id),
            verdict: Verdict::ExactDuplicate {
                of: ArticleId::new("a"),
            },
        }
    }

    #[test]
    fn an_input_whose_outputs_would_be_too_large_is_a_dead_letter_counted_as_one() {
        let mut with_topic = topics();
        with_topic.duplicates = Some("dups".into());
        let done = publication(duplicate(&"i".repeat(20_000)), &input(b"{}"), &with_topic);
        assert_eq!(done.outcome.kind(), OutcomeKind::DeadLetter);
        assert_eq!(done.outcome.reason(), Some("output_too_large"));
        assert_eq!(done.records.len(), 1);
        let record = &done.records[0];
        assert_eq!(record.topic, "dlq");
        assert_eq!(
            record.header(HEADER_ERROR_KIND),
            Some(&b"output_too_large"[..])
        );
        assert_eq!(record.payload.as_deref(), Some(&b"{}"[..]));
    }

    #[test]
    fn an_outcome_that_fits_is_published_unchanged() {
        let mut with_topic = topics();
        with_topic.duplicates = Some("dups".into());
        let done = publication(duplicate("b"), &input(b"{}"), &with_topic);
        assert_eq!(done.outcome.kind(), OutcomeKind::Duplicate);
        assert_eq!(done.records.len(), 1);
        assert_eq!(done.records[0].key, b"b");
        let notice: serde_json::Value =
            serde_json::from_slice(done.records[0].payload.as_ref().unwrap()).unwrap();
        assert_eq!(notice["duplicate_of"], "a");
    }

    fn coded(events: Vec<crate::model::DiplomaticEvent>) -> Outcome {
        Outcome::Coded {
            article_id: ArticleId::new("a1"),
            fingerprint: crate::dedup::Fingerprint {
                article_id: ArticleId::new("a1"),
                received_at: None,
                url_hash: None,
                body_hash: Some(7),
                sketch: None,
            },
            events,
        }
    }

    #[test]
    fn when_the_daemon_aggregates_each_dated_event_has_a_mention_keyed_by_its_aggregate() {
        use crate::aggregate::fixtures::mention;
        use crate::aggregate::AggregateKey;
        let dated = mention("a1", 0, Some("Harbour Times"), "2024-03-12");
        let mut undated = mention("a1", 1, Some("Harbour Times"), "2024-03-12");
        undated.date.event_date = None;
        let mut with_mentions = topics();
        with_mentions.mentions = Some("mentions".into());
        let done = publication(
            coded(vec![dated.clone(), undated]),
            &input(b"{}"),
            &with_mentions,
        );
        let topics_in_order: Vec<&str> = done.records.iter().map(|r| r.topic.as_str()).collect();
        assert_eq!(topics_in_order, ["out", "out", "mentions", "state"]);
        let mention_record = &done.records[2];
        let (key, _) = AggregateKey::of(&dated).unwrap();
        assert_eq!(mention_record.key, key.to_string().into_bytes());
        assert_eq!(
            mention_record.payload, done.records[0].payload,
            "the event itself"
        );
        assert_eq!(
            mention_record.timestamp_ms,
            Some(1_710_000_000_000),
            "seen when the input was"
        );
        assert_eq!(mention_record.kind, RecordKind::Mention);

        let without = publication(coded(vec![dated]), &input(b"{}"), &topics());
        assert!(without
            .records
            .iter()
            .all(|r| r.kind != RecordKind::Mention));
    }

    #[test]
    fn duplicates_publish_nothing_unless_a_topic_is_configured() {
        let done = publication(duplicate("b"), &input(b"{}"), &topics());
        assert_eq!(done.outcome.kind(), OutcomeKind::Duplicate);
        assert!(done.records.is_empty());
    }

    #[test]
    fn a_dead_letter_names_where_its_input_was_read_as_the_changelog_does() {
        let dead = Outcome::DeadLetter(DeadLetter {
            reason: DeadLetterReason::EmptyBody,
            message: "no text".into(),
            failed_stage: None,
        });
        let done = publication(dead, &input(b"{}"), &topics());
        let headers = done.records[0]
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()));
        assert_eq!(source_from_headers(headers), Some(Position::new(2, 41)));
    }
}
