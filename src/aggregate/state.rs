//! The state record: one aggregate with its bookkeeping, as the value of a record of the
//! owner's compacted changelog (`[aggregate] state_topic`), keyed by the aggregate key.
//!
//! JSON, versioned by `format`:
//!
//! ```text
//! format           1
//! clock            the table's clock when written (YYYY-MM-DD)
//! aggregate        the published value (schemas/daily_event.schema.json)
//! mentions         sorted digests of the event ids counted
//! articles         sorted digests of the article ids counted
//! outlets          sorted digests of the outlets counted (lower-cased)
//! first_articles   [{seen_at, id}]: the first articles seen, behind `aggregate.article_ids`
//! ```
//!
//! A decoder refuses a format it does not know, and a record whose parts disagree (a key that
//! is not the hash of its fields, counts that are not the sizes of their sets), rather than
//! restoring a table that would count wrongly.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::digests::DigestSet;
use super::entry::{Entry, FirstArticle};
use super::{AggregateKey, DailyEvent, Period};

/// The format this release writes and reads.
pub const STATE_FORMAT: u8 = 1;

/// One aggregate's state, as its changelog record holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateRecord {
    format: u8,
    clock: NaiveDate,
    aggregate: DailyEvent,
    mentions: DigestSet,
    articles: DigestSet,
    outlets: DigestSet,
    first_articles: Vec<FirstArticle>,
}

/// Why a changelog record cannot be restored.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// Not JSON of the expected shape.
    #[error("aggregate state record is malformed: {0}")]
    Malformed(#[from] serde_json::Error),
    /// Written by a newer (or unknown) release.
    #[error("aggregate state record has format {0}; this release reads format {STATE_FORMAT}")]
    UnsupportedFormat(u8),
    /// Its parts disagree.
    #[error("aggregate state record is inconsistent: {0}")]
    Inconsistent(&'static str),
}

/// Only the format, read first so that a newer layout is refused by name.
#[derive(Deserialize)]
struct Format {
    format: u8,
}

impl StateRecord {
    pub(super) fn of(aggregate: &Entry, clock: NaiveDate) -> Self {
        Self {
            format: STATE_FORMAT,
            clock,
            aggregate: aggregate.value.clone(),
            mentions: aggregate.mentions.clone(),
            articles: aggregate.articles.clone(),
            outlets: aggregate.outlets.clone(),
            first_articles: aggregate.first_articles.clone(),
        }
    }

    /// The aggregate's key: the record's key.
    pub fn key(&self) -> AggregateKey {
        self.aggregate.key
    }

    /// The table's clock when the record was written.
    pub fn clock(&self) -> NaiveDate {
        self.clock
    }

    /// The published value it holds.
    pub fn aggregate(&self) -> &DailyEvent {
        &self.aggregate
    }

    /// The record's bytes.
    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a state record serializes")
    }

    /// Reads a record's bytes, checking that its parts agree.
    pub fn decode(bytes: &[u8]) -> Result<Self, StateError> {
        let Format { format } = serde_json::from_slice(bytes)?;
        if format != STATE_FORMAT {
            return Err(StateError::UnsupportedFormat(format));
        }
        let record: Self = serde_json::from_slice(bytes)?;
        record.check()?;
        Ok(record)
    }

    fn check(&self) -> Result<(), StateError> {
        let a = &self.aggregate;
        let period = self.period().ok_or(StateError::Inconsistent("undated"))?;
        if period.event_date() != a.date {
            return Err(StateError::Inconsistent(
                "date is not the first day of its period",
            ));
        }
        let key = AggregateKey::derive(period, &a.source, a.target.as_deref(), &a.cameo.code);
        if key != a.key {
            return Err(StateError::Inconsistent(
                "key is not the hash of its fields",
            ));
        }
        let sets = [
            (&self.mentions, a.mentions),
            (&self.articles, a.articles),
            (&self.outlets, a.outlets),
        ];
        if sets
            .iter()
            .any(|(set, n)| set.len() as u64 != *n || !set.is_sorted_set())
        {
            return Err(StateError::Inconsistent(
                "counts are not the sizes of their sets",
            ));
        }
        if a.version != a.mentions || a.mentions == 0 {
            return Err(StateError::Inconsistent(
                "version is not the number of mentions",
            ));
        }
        let ids = self.first_articles.iter().map(|f| &f.id);
        if !self.first_articles.windows(2).all(|w| w[0] < w[1]) || !ids.eq(a.article_ids.iter()) {
            return Err(StateError::Inconsistent(
                "article ids are not the first articles",
            ));
        }
        Ok(())
    }

    /// The aggregate's period (checked by `decode`).
    pub(super) fn period(&self) -> Option<Period> {
        Period::of(self.aggregate.date)
    }

    pub(super) fn into_aggregate(self) -> Entry {
        Entry {
            value: self.aggregate,
            mentions: self.mentions,
            articles: self.articles,
            outlets: self.outlets,
            first_articles: self.first_articles,
        }
    }
}
