//! The owner's table: every aggregate of the window, updated one mention at a time.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::model::DiplomaticEvent;

use super::entry::Entry;
use super::{AggregateConfig, AggregateKey, DailyEvent, Period, StateRecord};
use crate::settings::Valid;

/// What applying one mention did.
#[derive(Debug, Clone, PartialEq)]
pub enum Applied {
    /// The mention was counted: publish the new value (and the state record, see
    /// [`Table::state`]), and forget the evicted keys.
    Updated(Box<Update>),
    /// Its event id was counted already (a replay or a re-send): nothing changed.
    Repeated(AggregateKey),
    /// The event has no date, so no period to count it in.
    Undated,
    /// Its period ended before the window: its aggregate may have been evicted, and counting it
    /// again from zero would publish a smaller aggregate over the complete one.
    Late,
    /// Its period starts more than the window after the day it was seen: a date no report
    /// looks that far ahead to, which would otherwise hold memory until the clock reached it.
    Ahead,
}

impl Applied {
    /// The update, if the mention was counted.
    pub fn into_update(self) -> Option<Update> {
        match self {
            Self::Updated(update) => Some(*update),
            _ => None,
        }
    }
}

/// A counted mention's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// The aggregate's new value, published under `value.key`.
    pub value: DailyEvent,
    /// Aggregates that left the window as the clock moved, in key order: tombstone their state
    /// records. Their last published values stay the current aggregates.
    pub evicted: Vec<AggregateKey>,
}

/// The aggregates of the window, and the clock the window follows.
///
/// The clock is the newest day counted: the largest of `min(period's first day, day seen)`
/// over the counted mentions, so an event announced for next week does not move the window
/// before its time. Only a counted mention moves it, and every counted mention writes a state
/// record carrying it, so the clock is restored with the aggregates. An aggregate is kept while
/// the last day of its period is within `window_days` of the clock (the clock's day and the
/// `window_days - 1` before it).
#[derive(Debug, Clone)]
pub struct Table {
    window_days: u32,
    max_article_ids: usize,
    aggregates: HashMap<AggregateKey, Entry>,
    /// Keys by the last day of their period, for eviction in order.
    by_last_day: BTreeMap<NaiveDate, Vec<AggregateKey>>,
    clock: Option<NaiveDate>,
}

impl Table {
    /// An empty table with the window and article-id limit of `config`.
    pub fn new(config: &Valid<AggregateConfig>) -> Self {
        Self {
            window_days: config.window_days.max(1),
            max_article_ids: config.max_article_ids,
            aggregates: HashMap::new(),
            by_last_day: BTreeMap::new(),
            clock: None,
        }
    }

    /// Counts `event`, seen at `seen` (the input record's time, so that a replay counts alike).
    pub fn apply(&mut self, event: &DiplomaticEvent, seen: DateTime<Utc>) -> Applied {
        let Some((key, period)) = AggregateKey::of(event) else {
            return Applied::Undated;
        };
        if self.is_behind(period.last_day()) {
            return Applied::Late;
        }
        let seen_day = seen.date_naive();
        if period.first_day() > add_days(seen_day, self.window_days) {
            return Applied::Ahead;
        }
        let max_ids = self.max_article_ids;
        let aggregate = self.aggregates.entry(key).or_insert_with(|| {
            self.by_last_day
                .entry(period.last_day())
                .or_default()
                .push(key);
            Entry::empty(key, period, event, seen)
        });
        if !aggregate.count(event, seen, max_ids) {
            return Applied::Repeated(key);
        }
        let value = aggregate.value.clone();
        let evicted = self.advance(period.first_day().min(seen_day));
        Applied::Updated(Box::new(Update { value, evicted }))
    }

    /// The state record of `key`'s aggregate, to write to the changelog with its update.
    pub fn state(&self, key: &AggregateKey) -> Option<StateRecord> {
        let clock = self.clock?;
        self.aggregates.get(key).map(|a| StateRecord::of(a, clock))
    }

    /// Restores one changelog record: it replaces the aggregate of its key, and the clock
    /// becomes the newest the records carry. Returns the keys that left the window, in key
    /// order (the record's own key, if it is behind the window already): tombstone them.
    ///
    /// Restoring the latest record of every key, in any order, and applying the tombstones
    /// written with the updates ([`Table::forget`]) rebuilds the table that wrote them: the
    /// same aggregates, clock and next updates.
    pub fn restore(&mut self, record: StateRecord) -> Vec<AggregateKey> {
        let Some(period) = record.period() else {
            return Vec::new();
        };
        let key = record.key();
        let mut evicted = self.advance(record.clock());
        if self.is_behind(period.last_day()) {
            self.forget(&key);
            evicted.push(key);
            evicted.sort_unstable();
            evicted.dedup();
            return evicted;
        }
        let mut aggregate = record.into_aggregate();
        aggregate.limit_articles(self.max_article_ids);
        if self.aggregates.insert(key, aggregate).is_none() {
            self.by_last_day
                .entry(period.last_day())
                .or_default()
                .push(key);
        }
        evicted
    }

    /// Drops `key`'s aggregate (a tombstone read while restoring).
    pub fn forget(&mut self, key: &AggregateKey) {
        let Some(aggregate) = self.aggregates.remove(key) else {
            return;
        };
        let last_day = last_day(&aggregate);
        if let Some(keys) = self.by_last_day.get_mut(&last_day) {
            keys.retain(|k| k != key);
            if keys.is_empty() {
                self.by_last_day.remove(&last_day);
            }
        }
    }

    /// The current value of `key`'s aggregate.
    pub fn get(&self, key: &AggregateKey) -> Option<&DailyEvent> {
        self.aggregates.get(key).map(|a| &a.value)
    }

    /// Every aggregate's current value, in no particular order.
    pub fn values(&self) -> impl Iterator<Item = &DailyEvent> {
        self.aggregates.values().map(|a| &a.value)
    }

    /// How many aggregates the table holds.
    pub fn len(&self) -> usize {
        self.aggregates.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.aggregates.is_empty()
    }

    /// The newest day counted (see [`Table`]).
    pub fn clock(&self) -> Option<NaiveDate> {
        self.clock
    }

    /// Estimated bytes the aggregates hold (see `entry.rs`); the hash table's own spare
    /// capacity is left out.
    pub fn bytes(&self) -> usize {
        self.aggregates.values().map(Entry::bytes).sum()
    }

    /// Whether a period ending on `last_day` is behind the window.
    fn is_behind(&self, last_day: NaiveDate) -> bool {
        self.horizon().is_some_and(|horizon| last_day < horizon)
    }

    /// The first day of the window.
    fn horizon(&self) -> Option<NaiveDate> {
        let clock = self.clock?;
        Some(
            clock
                .checked_sub_days(Days::new(u64::from(self.window_days - 1)))
                .unwrap_or(NaiveDate::MIN),
        )
    }

    /// Moves the clock to `day` if later, and evicts what fell behind the window.
    fn advance(&mut self, day: NaiveDate) -> Vec<AggregateKey> {
        if self.clock.is_some_and(|clock| clock >= day) {
            return Vec::new();
        }
        self.clock = Some(day);
        let Some(horizon) = self.horizon() else {
            return Vec::new();
        };
        let kept = self.by_last_day.split_off(&horizon);
        let behind = std::mem::replace(&mut self.by_last_day, kept);
        let mut evicted: Vec<AggregateKey> = behind.into_values().flatten().collect();
        for key in &evicted {
            self.aggregates.remove(key);
        }
        evicted.sort_unstable();
        evicted
    }
}

/// `day` plus `days`, saturating.
fn add_days(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// The last day of an aggregate's period.
fn last_day(aggregate: &Entry) -> NaiveDate {
    Period::of(aggregate.value.date).map_or(NaiveDate::MIN, Period::last_day)
}
