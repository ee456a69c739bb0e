//! The dedup window's clock: when an input was received, and the index's notion of "now".
//!
//! An input's received time is the first of these that exists, never earlier than the clock
//! and never more than [`MAX_FUTURE_SECS`] past the wall clock:
//!
//! 1. the time the input says it was received: its Kafka record timestamp in the daemon, its
//!    position in the stream in `demarche extract` (see [`crate::offline`]);
//! 2. without one (a Kafka record written without a timestamp), the article's publication
//!    time;
//! 3. without either, the clock itself; and if the index has no clock yet, none at all: the
//!    fingerprint is stored undated and takes the first time the index learns.
//!
//! The clock is the newest received time the index holds. Because an input is never received
//! before it, an old story (an archive, a re-crawl, a lagging partition) enters the index at
//! the clock's time at the latest, stays there for a whole window, and its copies received
//! meanwhile are caught whatever their dates.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How far past the wall clock a received time may move the index's clock: a later time (a
/// producer's clock gone wrong, a hostile record or article dated 2099) would otherwise expire
/// every fingerprint at once.
pub const MAX_FUTURE_SECS: i64 = 24 * 3600;

/// When an input was received, in seconds since the Unix epoch (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ReceivedAt(i64);

impl ReceivedAt {
    /// The time `secs` seconds after the Unix epoch.
    pub fn from_secs(secs: i64) -> Self {
        Self(secs)
    }

    /// A Kafka record timestamp, in milliseconds since the Unix epoch; `None` without one (or
    /// with one not after the epoch, which no producer means).
    pub fn from_record_millis(millis: Option<i64>) -> Option<Self> {
        millis
            .filter(|&ms| ms > 0)
            .map(|ms| Self(ms.div_euclid(1000)))
    }

    /// Seconds since the Unix epoch.
    pub fn as_secs(self) -> i64 {
        self.0
    }
}

impl From<DateTime<Utc>> for ReceivedAt {
    fn from(at: DateTime<Utc>) -> Self {
        Self(at.timestamp())
    }
}

/// The index's clock: the newest received time inserted, bounded by the wall clock.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    now: Option<ReceivedAt>,
    /// The wall clock, seconds since the Unix epoch (injected by tests).
    wall: fn() -> i64,
}

impl Clock {
    /// A clock that has seen nothing, bounded by the system's wall clock.
    pub fn new() -> Self {
        Self {
            now: None,
            wall: || Utc::now().timestamp(),
        }
    }

    /// The same clock bounded by another wall clock.
    pub fn with_wall(self, wall: fn() -> i64) -> Self {
        Self { wall, ..self }
    }

    /// The newest received time inserted.
    pub fn now(&self) -> Option<ReceivedAt> {
        self.now
    }

    /// The received time of an input at its turn, from the time it says (`given`) and its
    /// article's publication time: see the module documentation.
    pub fn received(
        &self,
        given: Option<ReceivedAt>,
        published: Option<DateTime<Utc>>,
    ) -> Option<ReceivedAt> {
        let own = given
            .or(published.map(ReceivedAt::from))
            .map(|t| self.bounded(t));
        own.max(self.now)
    }

    /// Moves the clock forward to a fingerprint's received time (bounded by the wall clock);
    /// returns the time to store it by: that time, or the clock's for a fingerprint without one.
    pub fn advance(&mut self, received: Option<ReceivedAt>) -> Option<ReceivedAt> {
        let time = received.map(|t| self.bounded(t)).or(self.now)?;
        self.now = self.now.max(Some(time));
        Some(time)
    }

    /// `time`, but no later than [`MAX_FUTURE_SECS`] past the wall clock.
    fn bounded(&self, time: ReceivedAt) -> ReceivedAt {
        time.min(ReceivedAt((self.wall)().saturating_add(MAX_FUTURE_SECS)))
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    const NOW: i64 = 1_700_000_000;
    const DAY: i64 = 24 * 3600;

    fn clock() -> Clock {
        Clock::new().with_wall(|| NOW)
    }

    fn secs(t: i64) -> Option<ReceivedAt> {
        Some(ReceivedAt::from_secs(t))
    }

    fn date(t: i64) -> Option<DateTime<Utc>> {
        Utc.timestamp_opt(t, 0).single()
    }

    #[test]
    fn the_given_time_comes_first_then_the_publication_time_then_the_clock() {
        let mut clock = clock();
        assert_eq!(clock.received(None, None), None, "nothing known yet");
        assert_eq!(clock.received(None, date(NOW - DAY)), secs(NOW - DAY));
        assert_eq!(
            clock.received(secs(NOW - 5), date(NOW - DAY)),
            secs(NOW - 5)
        );
        clock.advance(secs(NOW - 10));
        assert_eq!(clock.received(None, None), secs(NOW - 10));
    }

    #[test]
    fn an_input_is_never_received_before_the_clock() {
        let mut clock = clock();
        clock.advance(secs(NOW));
        let year_ago = NOW - 365 * DAY;
        assert_eq!(clock.received(None, date(year_ago)), secs(NOW));
        assert_eq!(clock.received(secs(year_ago), None), secs(NOW));
    }

    #[test]
    fn no_time_moves_the_clock_more_than_a_day_past_the_wall_clock() {
        let mut clock = clock();
        let far = NOW + 80 * 365 * DAY;
        assert_eq!(clock.received(secs(far), None), secs(NOW + MAX_FUTURE_SECS));
        assert_eq!(clock.received(None, date(far)), secs(NOW + MAX_FUTURE_SECS));
        assert_eq!(clock.advance(secs(far)), secs(NOW + MAX_FUTURE_SECS));
        assert_eq!(clock.now(), secs(NOW + MAX_FUTURE_SECS));
    }

    #[test]
    fn a_fingerprint_without_a_time_is_stored_by_the_clock() {
        let mut clock = clock();
        assert_eq!(clock.advance(None), None);
        clock.advance(secs(NOW - 3));
        assert_eq!(clock.advance(None), secs(NOW - 3));
        assert_eq!(
            clock.advance(secs(NOW - 9)),
            secs(NOW - 9),
            "an older record keeps its time"
        );
        assert_eq!(
            clock.now(),
            secs(NOW - 3),
            "and does not move the clock back"
        );
    }

    #[test]
    fn record_timestamps_are_milliseconds_and_absent_ones_are_none() {
        assert_eq!(
            ReceivedAt::from_record_millis(Some(1_700_000_000_999)),
            secs(1_700_000_000)
        );
        assert_eq!(ReceivedAt::from_record_millis(None), None);
        assert_eq!(ReceivedAt::from_record_millis(Some(-1)), None);
        assert_eq!(ReceivedAt::from_record_millis(Some(0)), None);
    }
}
