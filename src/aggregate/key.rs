//! Which mentions are one event: the period an event is counted in, and the aggregate key.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use xxhash_rust::xxh3::xxh3_128_with_seed;

use crate::model::{DatePrecision, DiplomaticEvent, EventDate};

/// Seed of the aggregate-key hash, apart from the event-id seed so that the two kinds of id
/// never coincide. Changing it changes every key ever published: never do.
const AGGREGATE_KEY_SEED: u64 = 0x6461_696c_795f_6576; // "daily_ev"

/// How long a period is: the precision an event's date is known to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Span {
    Day,
    Month,
    Year,
}

/// The period an event is counted in: its day, or its month or year when the text dated it no
/// closer. An event dated only by its article (`article` precision) or to the second (`exact`)
/// is counted on its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    first: NaiveDate,
    span: Span,
}

impl Period {
    /// The period of an event date; `None` for an undated event, which has no day to count on.
    pub fn of(date: EventDate) -> Option<Self> {
        let day = date.event_date?;
        let (first, span) = match date.date_precision {
            DatePrecision::Exact | DatePrecision::Day | DatePrecision::Article => (day, Span::Day),
            DatePrecision::Month => (day.with_day(1)?, Span::Month),
            DatePrecision::Year => (day.with_ordinal(1)?, Span::Year),
            DatePrecision::Unknown => return None,
        };
        Some(Self { first, span })
    }

    /// The first day of the period.
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The last day of the period.
    pub fn last_day(self) -> NaiveDate {
        let next = match self.span {
            Span::Day => return self.first,
            Span::Month => self.first.checked_add_months(Months::new(1)),
            Span::Year => self.first.checked_add_months(Months::new(12)),
        };
        next.and_then(|d| d.checked_sub_days(Days::new(1)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The period as the aggregate publishes it: its first day and `day`, `month` or `year`.
    pub fn event_date(self) -> EventDate {
        EventDate {
            event_date: Some(self.first),
            date_precision: match self.span {
                Span::Day => DatePrecision::Day,
                Span::Month => DatePrecision::Month,
                Span::Year => DatePrecision::Year,
            },
        }
    }

    /// The period as hashed into the key: `2024-03-12`, `2024-03` or `2024`, so that a month
    /// is never the same key as its first day.
    fn label(self) -> String {
        match self.span {
            Span::Day => self.first.format("%Y-%m-%d").to_string(),
            Span::Month => self.first.format("%Y-%m").to_string(),
            Span::Year => self.first.format("%Y").to_string(),
        }
    }
}

/// The deterministic identity of an aggregate, and its Kafka key: a hash of the period, the
/// source and target actor codes and the CAMEO code, made as event ids are (xxh3-128 of the
/// parts joined by unit separators, an absent target as the empty string), written as 32
/// lower-case hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AggregateKey(u128);

impl AggregateKey {
    /// The key of the aggregate of `period`, `source`, `target` and `cameo`.
    pub fn derive(period: Period, source: &str, target: Option<&str>, cameo: &str) -> Self {
        let material =
            [period.label().as_str(), source, target.unwrap_or(""), cameo].join("\u{1f}");
        Self(xxh3_128_with_seed(material.as_bytes(), AGGREGATE_KEY_SEED))
    }

    /// The key an event is counted under, with its period; `None` for an undated event. The
    /// repartitioning producer keys an event's record with it.
    pub fn of(event: &DiplomaticEvent) -> Option<(Self, Period)> {
        let period = Period::of(event.date)?;
        let target = event.target.as_ref().map(|t| t.code.as_str());
        let key = Self::derive(period, &event.source.code, target, &event.cameo.code);
        Some((key, period))
    }
}

impl fmt::Display for AggregateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

/// Why a text is not an aggregate key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an aggregate key is 32 lower-case hex digits, not {0:?}")]
pub struct BadKey(String);

impl FromStr for AggregateKey {
    type Err = BadKey;

    fn from_str(text: &str) -> Result<Self, BadKey> {
        let hex = text.len() == 32 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        match u128::from_str_radix(text, 16) {
            Ok(n) if hex => Ok(Self(n)),
            _ => Err(BadKey(text.to_owned())),
        }
    }
}

impl Serialize for AggregateKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AggregateKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str, precision: DatePrecision) -> EventDate {
        EventDate {
            event_date: Some(text.parse().expect("date")),
            date_precision: precision,
        }
    }

    fn period(text: &str, precision: DatePrecision) -> Period {
        Period::of(date(text, precision)).expect("dated")
    }

    #[test]
    fn day_exact_and_article_dates_count_on_their_day() {
        let day = period("2024-03-12", DatePrecision::Day);
        for precision in [DatePrecision::Exact, DatePrecision::Article] {
            assert_eq!(period("2024-03-12", precision), day);
        }
        assert_eq!(day.first_day(), day.last_day());
        assert_eq!(day.event_date(), date("2024-03-12", DatePrecision::Day));
    }

    #[test]
    fn month_and_year_dates_count_over_their_whole_period() {
        let month = period("2024-02-01", DatePrecision::Month);
        assert_eq!(month.first_day().to_string(), "2024-02-01");
        assert_eq!(month.last_day().to_string(), "2024-02-29");
        assert_eq!(month.event_date(), date("2024-02-01", DatePrecision::Month));
        let year = period("2023-06-15", DatePrecision::Year);
        assert_eq!(year.first_day().to_string(), "2023-01-01");
        assert_eq!(year.last_day().to_string(), "2023-12-31");
    }

    #[test]
    fn undated_events_have_no_period() {
        let undated = EventDate {
            event_date: None,
            date_precision: DatePrecision::Unknown,
        };
        assert_eq!(Period::of(undated), None);
    }

    #[test]
    fn the_key_is_deterministic_and_sensitive_to_every_part() {
        let day = period("2024-03-12", DatePrecision::Day);
        let base = AggregateKey::derive(day, "JPN", Some("RUS"), "036");
        assert_eq!(base, AggregateKey::derive(day, "JPN", Some("RUS"), "036"));
        let variants = [
            AggregateKey::derive(
                period("2024-03-13", DatePrecision::Day),
                "JPN",
                Some("RUS"),
                "036",
            ),
            AggregateKey::derive(
                period("2024-03-01", DatePrecision::Month),
                "JPN",
                Some("RUS"),
                "036",
            ),
            AggregateKey::derive(day, "RUS", Some("JPN"), "036"),
            AggregateKey::derive(day, "JPN", None, "036"),
            AggregateKey::derive(day, "JPN", Some("RUS"), "0361"),
        ];
        for variant in variants {
            assert_ne!(base, variant);
        }
    }

    #[test]
    fn a_month_is_not_the_key_of_its_first_day() {
        let first = period("2024-03-01", DatePrecision::Day);
        let month = period("2024-03-01", DatePrecision::Month);
        assert_ne!(
            AggregateKey::derive(first, "USA", Some("CHN"), "040"),
            AggregateKey::derive(month, "USA", Some("CHN"), "040")
        );
    }

    #[test]
    fn the_key_reads_back_from_its_32_hex_digits_and_nothing_else() {
        let key = AggregateKey::derive(period("2024-03-12", DatePrecision::Day), "A", None, "01");
        let text = key.to_string();
        assert_eq!(text.len(), 32);
        assert_eq!(text.parse::<AggregateKey>(), Ok(key));
        assert_eq!(
            serde_json::to_string(&key).expect("json"),
            format!("\"{text}\"")
        );
        for bad in ["", "abc", &text.to_uppercase(), &format!("+{}", &text[1..])] {
            assert!(bad.parse::<AggregateKey>().is_err(), "{bad}");
        }
    }
}
