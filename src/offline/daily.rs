//! `demarche extract --daily`: the coded events folded into daily aggregates, as the daemon's
//! aggregation stage folds them ([`crate::aggregate`]), written as JSON Lines sorted by key
//! once every input is read.
//!
//! Mentions are applied in input order. Files carry no record timestamps, so a mention is seen
//! at its article's publication time, or, for an undated article, at its input's position time
//! ([`super::received_at`]). The aggregates written are the last value of every key, those
//! that left the window during the run included: what a compacted `events.daily` holds at the
//! end. They are held until then, so memory grows with the number of aggregates in the corpus.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};

use chrono::{DateTime, Utc};

use crate::aggregate::{AggregateConfig, AggregateKey, Applied, DailyEvent, Table};
use crate::model::DiplomaticEvent;
use crate::settings::Valid;

use super::received_at;

/// What became of the events given to the aggregation.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DailyCounts {
    /// Aggregates written.
    pub aggregates: usize,
    /// Events counted as mentions.
    pub counted: usize,
    /// Events whose event id was counted already.
    pub repeated: usize,
    /// Events without a date.
    pub undated: usize,
    /// Events dated before the window, or too far ahead of when they were seen.
    pub outside_window: usize,
}

impl fmt::Display for DailyCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "daily: {} aggregates of {} mentions; {} repeated, {} undated, {} outside the window",
            self.aggregates, self.counted, self.repeated, self.undated, self.outside_window
        )
    }
}

/// Aggregates events and writes the aggregates at the end.
pub struct DailyWriter<W: Write> {
    table: Table,
    latest: BTreeMap<AggregateKey, DailyEvent>,
    counts: DailyCounts,
    out: W,
}

impl<W: Write> DailyWriter<W> {
    /// A writer of the aggregates of `config` to `out`.
    pub fn new(config: &Valid<AggregateConfig>, out: W) -> Self {
        Self {
            table: Table::new(config),
            latest: BTreeMap::new(),
            counts: DailyCounts::default(),
            out,
        }
    }

    /// Applies one event of the `position`-th input read (from 1).
    pub fn add(&mut self, event: &DiplomaticEvent, position: u64) {
        match self.table.apply(event, seen_at(event, position)) {
            Applied::Updated(update) => {
                self.counts.counted += 1;
                self.latest.insert(update.value.key, update.value);
            }
            Applied::Repeated(_) => self.counts.repeated += 1,
            Applied::Undated => self.counts.undated += 1,
            Applied::Late | Applied::Ahead => self.counts.outside_window += 1,
        }
    }

    /// Writes every aggregate, sorted by key, and flushes; what was written is no longer held.
    pub fn finish(&mut self) -> io::Result<DailyCounts> {
        for value in std::mem::take(&mut self.latest).into_values() {
            serde_json::to_writer(&mut self.out, &value)?;
            self.out.write_all(b"\n")?;
            self.counts.aggregates += 1;
        }
        self.out.flush()?;
        Ok(self.counts)
    }
}

/// When a mention read offline was seen (see the module documentation).
pub fn seen_at(event: &DiplomaticEvent, position: u64) -> DateTime<Utc> {
    event.article.published_at.unwrap_or_else(|| {
        DateTime::from_timestamp(received_at(position).as_secs(), 0).unwrap_or_default()
    })
}
