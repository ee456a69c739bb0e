//! Daily aggregation: one event per (period, source, target, CAMEO code), with its mentions.
//!
//! Fifty articles about one meeting are fifty coded events; analysts count events per dyad and
//! day. A [`Table`] folds coded events into [`DailyEvent`]s, the way Phoenix and ICEWS keep one
//! event per (day, source, target, code) and GDELT counts mentions, sources and articles.
//!
//! - [`AggregateKey`], [`Period`] (`key.rs`): which mentions are one event. An event dated to
//!   the day (or only by its article) counts on that day; one dated to a month or a year counts
//!   over that period, and its aggregate says so in `date_precision`. Undated events are not
//!   aggregated.
//! - [`DailyEvent`] (`value.rs`): the published value, free of bookkeeping.
//! - `entry.rs`: one aggregate with the digests that count each mention, article and
//!   outlet once (`digests.rs`).
//! - [`Table`] (`table.rs`): [`Table::apply`] one mention at a time, the window, eviction.
//! - [`StateRecord`] (`state.rs`): an aggregate with its bookkeeping, the owner's changelog
//!   record, from which [`Table::restore`] rebuilds the table.
//! - [`AggregateConfig`] (`config.rs`): the `[aggregate]` section.
//!
//! # Guarantees
//!
//! - A mention is its event id: applying an event twice (a replay, a re-send) counts it once.
//! - Time is the caller's: a mention is seen at the time the caller says (the input record's
//!   timestamp in the daemon), never the wall clock, so a replay reproduces first and last seen.
//! - The value is independent of the order mentions come in (see `entry.rs`); only the
//!   window depends on it, through the clock.
//! - Memory is bounded by the window: aggregates whose period ended more than `window_days`
//!   before the newest day counted are evicted, and later mentions of them are refused
//!   ([`Applied::Late`]) rather than counted again from zero.
//! - `version` is the number of mentions counted: each update is one more.
//!
//! # State
//!
//! The owner of a key writes, with each update, the aggregate's [`StateRecord`] to its own
//! compacted changelog (keyed by the aggregate key), and a tombstone for each evicted key. The
//! published value cannot serve for the restore: counting each mention once needs the digests
//! of what was counted, which are bookkeeping, not news. On assignment the owner restores the
//! latest record of each key (and drops the tombstoned ones) before it applies anything, and
//! then counts exactly as the instance that wrote the records would have.

mod config;
mod digests;
mod entry;
mod key;
mod state;
mod table;
mod value;

pub use config::{AggregateConfig, MAX_ARTICLE_IDS, MAX_WINDOW_DAYS};
pub use entry::FirstArticle;
pub use key::{AggregateKey, BadKey, Period};
pub use state::{StateError, StateRecord, STATE_FORMAT};
pub use table::{Applied, Table, Update};
pub use value::{DailyEvent, TopMention};

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;
