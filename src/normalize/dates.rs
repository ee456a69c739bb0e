//! Dates: every format scrapers send, normalized to UTC with a precision.
//!
//! Numeric dates such as "02/11/2013" are ambiguous. A number over 12 settles it ("13/02" is
//! day-first whatever the source); otherwise the source's convention decides ([`DateOrder`],
//! chosen by [`date_order`] from the `month_first` config list), and the default is day-first,
//! the convention of most of the world's press.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::model::DatePrecision;

/// Which number comes first in an ambiguous numeric date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// "02.11.2013" is 2 November (most of the world).
    DayFirst,
    /// "11/02/2013" is 2 November (United States outlets).
    MonthFirst,
}

/// A resolved date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedDate {
    /// The instant in UTC; for day or month precision, midnight UTC of the first day.
    pub at: DateTime<Utc>,
    /// How precisely it is known.
    pub precision: DatePrecision,
}

/// The convention of a source: month-first when its name equals an entry of `month_first`
/// (ignoring case) or its host equals an entry or ends with it as a domain suffix
/// ("edition.cnn.com" matches "cnn.com"; an entry starting with a dot, ".us", matches as a
/// suffix only); day-first otherwise.
pub fn date_order(source: Option<&str>, host: Option<&str>, month_first: &[String]) -> DateOrder {
    let hit = month_first.iter().any(|entry| {
        let entry = entry.trim().to_ascii_lowercase();
        let by_name = source.is_some_and(|s| s.trim().eq_ignore_ascii_case(&entry));
        let by_host = host.is_some_and(|h| {
            let h = h.to_ascii_lowercase();
            if entry.starts_with('.') {
                h.ends_with(&entry)
            } else {
                h == entry || h.ends_with(&format!(".{entry}"))
            }
        });
        by_name || by_host
    });
    if hit {
        DateOrder::MonthFirst
    } else {
        DateOrder::DayFirst
    }
}

/// Parses a string that is a date and nothing else: Unix seconds or milliseconds, RFC 3339
/// (and ISO 8601 date-times with or without an offset; none means UTC), RFC 2822, ISO dates,
/// numeric dates (see [`DateOrder`]), dates with English month names ("2 November 2013",
/// "Nov. 2, 2013", "Saturday, November 2, 2013"), and "November 2013".
pub fn parse_date(s: &str, order: DateOrder) -> Option<ParsedDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) && s.len() >= 9 {
        return s.parse::<f64>().ok().and_then(unix_date);
    }
    exact(s)
        .or_else(|| numeric(s, order))
        .or_else(|| named_month(s))
}

/// A Unix time in seconds, or in milliseconds when 10^11 or more (10^11 seconds is beyond
/// the year 5000, 10^11 ms is 1973).
pub fn unix_date(n: f64) -> Option<ParsedDate> {
    if !n.is_finite() || n <= 0.0 {
        return None;
    }
    let millis = if n >= 1e11 { n } else { n * 1000.0 };
    let at = Utc.timestamp_millis_opt(millis as i64).single()?;
    plausible(ParsedDate {
        at,
        precision: DatePrecision::Exact,
    })
}

/// A date in a URL path: `/2013/11/02/`, `/2013-11-02/` (day) or `/2013/11/` (month).
pub fn date_in_url(url: &str) -> Option<ParsedDate> {
    let path = url::Url::parse(url).ok()?.path().to_owned();
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    for (i, year) in parts.iter().enumerate() {
        let Some(y) = four_digit_year(year) else {
            continue;
        };
        let num = |k: usize| {
            parts
                .get(i + k)
                .filter(|p| p.len() == 2)
                .and_then(|p| p.parse::<u32>().ok())
        };
        match (num(1), num(2)) {
            (Some(m), Some(d)) => return day(y, m, d),
            (Some(m), None) => return month(y, m),
            _ => {}
        }
    }
    None
}

fn exact(s: &str) -> Option<ParsedDate> {
    let at = DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_rfc2822(s))
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            ["%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%d %H:%M:%S%.f%#z"]
                .iter()
                .find_map(|f| DateTime::parse_from_str(s, f).ok())
                .map(|d| d.with_timezone(&Utc))
        })
        .or_else(|| {
            let s = s.trim_end_matches('Z');
            [
                "%Y-%m-%dT%H:%M:%S%.f",
                "%Y-%m-%d %H:%M:%S%.f",
                "%Y-%m-%dT%H:%M",
            ]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
            .map(|d| d.and_utc())
        })?;
    plausible(ParsedDate {
        at,
        precision: DatePrecision::Exact,
    })
}

/// `2013-11-02`, `2013/11/02`, `02.11.2013`, `11/02/2013`, `2.11.13`, optionally followed by a
/// time, which is ignored (its zone is unknown): day precision.
fn numeric(s: &str, order: DateOrder) -> Option<ParsedDate> {
    let date = s.split([' ', 'T', ',']).next()?;
    let rest = s[date.len()..].trim_start_matches([' ', 'T', ',']);
    if !rest.is_empty() && !rest.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    let sep = date.bytes().find(|b| matches!(b, b'-' | b'/' | b'.'))?;
    let nums: Vec<&str> = date.split(char::from(sep)).collect();
    if nums.len() != 3 || nums.iter().any(|n| n.is_empty() || n.len() > 4) {
        return None;
    }
    let n: Vec<u32> = nums.iter().map(|n| n.parse().ok()).collect::<Option<_>>()?;
    if nums[0].len() == 4 {
        return day(n[0] as i32, n[1], n[2]);
    }
    let year = match nums[2].len() {
        4 => n[2] as i32,
        2 => 2000 + n[2] as i32,
        _ => return None,
    };
    let (d, m) = match order {
        _ if n[0] > 12 => (n[0], n[1]),
        _ if n[1] > 12 => (n[1], n[0]),
        DateOrder::DayFirst => (n[0], n[1]),
        DateOrder::MonthFirst => (n[1], n[0]),
    };
    day(year, m, d)
}

/// Dates written with an English month name, in any common order, with optional weekday,
/// ordinal suffix, time and a few filler words ("Updated", "at").
fn named_month(s: &str) -> Option<ParsedDate> {
    let (mut d, mut m, mut y) = (None, None, None);
    for token in s.split(|c: char| c.is_whitespace() || c == ',' || c == '/') {
        let t = token.trim_end_matches('.').to_ascii_lowercase();
        if t.is_empty() {
            continue;
        }
        if let Some(month) = month_number(&t) {
            m = m.or(Some(month));
        } else if let Some(year) = four_digit_year(&t) {
            y = y.or(Some(year));
        } else if let Some(n) = day_number(&t) {
            d = d.or(Some(n));
        } else if !is_filler(&t) {
            return None;
        }
    }
    match (d, m?, y?) {
        (Some(d), m, y) => day(y, m, d),
        (None, m, y) => month(y, m),
    }
}

fn is_filler(t: &str) -> bool {
    let t = t.trim_end_matches(':');
    let time = t.contains(':') && t.split(':').all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    time || weekday(t)
        || matches!(
            t,
            "am" | "pm"
                | "a.m"
                | "p.m"
                | "gmt"
                | "utc"
                | "cet"
                | "cest"
                | "bst"
                | "est"
                | "edt"
                | "pst"
                | "pdt"
                | "at"
                | "on"
                | "of"
                | "the"
                | "updated"
                | "published"
                | "posted"
                | "date"
                | "last"
                | "|"
                | "-"
        )
}

fn weekday(t: &str) -> bool {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .any(|w| {
            t.starts_with(w)
                && (t.len() == 3
                    || t.ends_with("day")
                    || t == "tues"
                    || t == "thur"
                    || t == "thurs")
        })
}

fn month_number(t: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS.iter().zip(1..).find_map(|(name, n)| {
        let abbrev = t.len() >= 3 && name.starts_with(t) && (t.len() == 3 || t == "sept");
        (t == *name || abbrev).then_some(n)
    })
}

fn day_number(t: &str) -> Option<u32> {
    let digits = t.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
    let n: u32 = digits.parse().ok()?;
    (digits.len() <= 2 && (1..=31).contains(&n)).then_some(n)
}

fn four_digit_year(t: &str) -> Option<i32> {
    let y: i32 = t.parse().ok()?;
    (t.len() == 4 && (1900..=2100).contains(&y)).then_some(y)
}

fn day(y: i32, m: u32, d: u32) -> Option<ParsedDate> {
    let at = NaiveDate::from_ymd_opt(y, m, d)?
        .and_hms_opt(0, 0, 0)?
        .and_utc();
    plausible(ParsedDate {
        at,
        precision: DatePrecision::Day,
    })
}

fn month(y: i32, m: u32) -> Option<ParsedDate> {
    let at = NaiveDate::from_ymd_opt(y, m, 1)?
        .and_hms_opt(0, 0, 0)?
        .and_utc();
    plausible(ParsedDate {
        at,
        precision: DatePrecision::Month,
    })
}

/// News is dated between 1900 and 2100; anything else is a misread number.
fn plausible(date: ParsedDate) -> Option<ParsedDate> {
    use chrono::Datelike;
    (1900..=2100).contains(&date.at.year()).then_some(date)
}
