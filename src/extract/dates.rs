//! Date expressions in a sentence, resolved against the article date: weekday names, months
//! ("in April", precision month), day and month ("March 5", "Feb. 18"), years ("in 2010"),
//! "yesterday", "last week", "last month", "last year".
//!
//! Reports of what happened ([`Tense::Past`]) look back: a weekday is the latest such day on or
//! before publication, a month the latest such month; an expression that resolves after
//! publication refers to the future and is ignored. Announcements of what will happen
//! ([`Tense::Future`]: "will meet on Monday") look forward, and a date before publication is
//! ignored: a future event is never dated in the past. An event the sentence does not date
//! takes the article's date with precision `article`.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::model::{DatePrecision, EventDate};

use super::tokens::Tokens;
use super::word_classes::WordClass;

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Mon),
    ("Tuesday", Weekday::Tue),
    ("Wednesday", Weekday::Wed),
    ("Thursday", Weekday::Thu),
    ("Friday", Weekday::Fri),
    ("Saturday", Weekday::Sat),
    ("Sunday", Weekday::Sun),
];

/// Whether `word` is a weekday's or a month's name, capitalised: a word that may follow a
/// person's name without being part of it ("Yeltsin Tuesday said").
pub(super) fn is_calendar_name(word: &str) -> bool {
    MONTHS.contains(&word) || WEEKDAYS.iter().any(|(name, _)| *name == word)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Abbreviated month names ("Feb.", "Sept"), with or without their period.
const MONTH_ABBREVIATIONS: [(&str, u32); 12] = [
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Sept", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

/// Which way an expression without a year resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// What happened: on or before publication.
    Past,
    /// What will happen ("will meet", "plans to"): on or after publication.
    Future,
}

impl Tense {
    fn accepts(self, date: NaiveDate, published: NaiveDate) -> bool {
        match self {
            Tense::Past => date <= published,
            Tense::Future => date >= published,
        }
    }
}

/// A resolved date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// The resolved date.
    pub date: EventDate,
}

/// The article date as the date of an event the sentence does not date (precision `article`),
/// or unknown.
pub fn article_date(published: Option<NaiveDate>) -> EventDate {
    EventDate {
        event_date: published,
        date_precision: if published.is_some() {
            DatePrecision::Article
        } else {
            DatePrecision::Unknown
        },
    }
}

/// Every date expression of the sentence, resolved in `tense` against `published`.
pub fn find(tokens: &Tokens, published: Option<NaiveDate>, tense: Tense) -> Vec<DateMention> {
    let Some(pub_date) = published else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match resolve_at(tokens, i, pub_date, tense) {
            Some((last, date, precision)) if tense.accepts(date, pub_date) => {
                let date = EventDate {
                    event_date: Some(date),
                    date_precision: precision,
                };
                out.push(DateMention {
                    first: i,
                    last,
                    date,
                });
                i = last;
            }
            Some((last, ..)) => i = last,
            None => i += 1,
        }
    }
    out
}

/// The month a token names, full ("February") or abbreviated ("Feb.", "Feb" before a ".").
fn month_at(tokens: &Tokens, i: usize) -> Option<(u32, usize)> {
    let word = tokens.text(i);
    if let Some(m) = MONTHS.iter().position(|name| *name == word) {
        return Some((m as u32 + 1, i + 1));
    }
    let bare = word.strip_suffix('.').unwrap_or(word);
    let (_, month) = MONTH_ABBREVIATIONS.iter().find(|(a, _)| *a == bare)?;
    let dotted = bare.len() < word.len() || tokens.is(i + 1, ".");
    // "Mar" or "Dec" without a period may be a word or a name: only a dotted form is a month,
    // unless a day follows ("Sept 11").
    let day_follows = day_number(tokens.text(i + 1).trim_end_matches(',')).is_some();
    let last = if bare.len() == word.len() && tokens.is(i + 1, ".") {
        i + 2
    } else {
        i + 1
    };
    (dotted || day_follows).then_some((*month, last))
}

fn resolve_at(
    tokens: &Tokens,
    i: usize,
    pub_date: NaiveDate,
    tense: Tense,
) -> Option<(usize, NaiveDate, DatePrecision)> {
    let word = tokens.text(i);
    // Every date expression starts with a capital (a weekday or month), a digit (a day or
    // year), "yesterday" or "last": other tokens are passed over at once.
    let could_start = word
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        || word.eq_ignore_ascii_case("yesterday")
        || word.eq_ignore_ascii_case("last");
    if !could_start {
        return None;
    }
    let last_word = i > 0 && tokens.is(i - 1, "last");
    let next_word = i > 0 && tokens.is(i - 1, "next");
    if let Some(&(_, wd)) = WEEKDAYS.iter().find(|(name, _)| *name == word) {
        let (from_pub, to_pub) = (
            pub_date.weekday().num_days_from_monday(),
            wd.num_days_from_monday(),
        );
        let date = match tense {
            Tense::Past => {
                let mut back = (from_pub + 7 - to_pub) % 7;
                if last_word && back == 0 {
                    back = 7;
                }
                pub_date - Duration::days(i64::from(back))
            }
            Tense::Future => {
                let mut ahead = (to_pub + 7 - from_pub) % 7;
                if next_word && ahead == 0 {
                    ahead = 7;
                }
                pub_date + Duration::days(i64::from(ahead))
            }
        };
        return Some((i + 1, date, DatePrecision::Day));
    }
    if let Some((month, after)) = month_at(tokens, i) {
        return month_expression(tokens, i, after, month, pub_date, tense);
    }
    if let Some(day) = day_number(tokens.text(i)) {
        if let Some((month, after)) = (i + 1 < tokens.len())
            .then(|| month_at(tokens, i + 1))
            .flatten()
        {
            let (year, last) =
                year_after(tokens, after).map_or((None, after), |(y, l)| (Some(y), l));
            let date = day_in_year(year, month, day, pub_date, tense)?;
            return Some((last, date, DatePrecision::Day));
        }
    }
    relative(tokens, i, pub_date)
}

/// Day `day` of `month` in `year`, or, without a year, in the year that puts it on the side
/// of publication the tense looks to.
fn day_in_year(
    year: Option<i32>,
    month: u32,
    day: u32,
    pub_date: NaiveDate,
    tense: Tense,
) -> Option<NaiveDate> {
    if let Some(y) = year {
        return NaiveDate::from_ymd_opt(y, month, day);
    }
    let this_year = NaiveDate::from_ymd_opt(pub_date.year(), month, day)?;
    match tense {
        Tense::Future if this_year < pub_date => {
            NaiveDate::from_ymd_opt(pub_date.year() + 1, month, day)
        }
        _ => Some(this_year),
    }
}

/// A month at token `i` (its name ending before `after`): with a day ("March 5"), a year
/// ("March 2012"), or alone ("in March").
fn month_expression(
    tokens: &Tokens,
    i: usize,
    after: usize,
    month: u32,
    pub_date: NaiveDate,
    tense: Tense,
) -> Option<(usize, NaiveDate, DatePrecision)> {
    if let Some(day) = (after < tokens.len())
        .then(|| day_number(tokens.text(after)))
        .flatten()
    {
        let comma = usize::from(tokens.is(after + 1, ","));
        let (year, last) =
            year_after(tokens, after + 1 + comma).map_or((None, after + 1), |(y, l)| (Some(y), l));
        let date = day_in_year(year, month, day, pub_date, tense)?;
        return Some((last, date, DatePrecision::Day));
    }
    if let Some((year, last)) = year_after(tokens, after) {
        return Some((
            last,
            NaiveDate::from_ymd_opt(year, month, 1)?,
            DatePrecision::Month,
        ));
    }
    let cued = i > 0 && tokens.is_a(i - 1, WordClass::MonthCue);
    if month == 5 && !cued {
        return None;
    }
    let year = match tense {
        Tense::Past if month > pub_date.month() => pub_date.year() - 1,
        Tense::Future if month < pub_date.month() => pub_date.year() + 1,
        _ => pub_date.year(),
    };
    Some((
        after,
        NaiveDate::from_ymd_opt(year, month, 1)?,
        DatePrecision::Month,
    ))
}

/// The few words `relative` reads, lower-cased without a copy; any other word is "".
fn lower_word(word: &str) -> &'static str {
    ["week", "month", "year"]
        .into_iter()
        .find(|w| word.eq_ignore_ascii_case(w))
        .unwrap_or("")
}

fn relative(
    tokens: &Tokens,
    i: usize,
    pub_date: NaiveDate,
) -> Option<(usize, NaiveDate, DatePrecision)> {
    if tokens.is(i, "yesterday") {
        return Some((i + 1, pub_date - Duration::days(1), DatePrecision::Day));
    }
    if tokens.is(i, "last") && i + 1 < tokens.len() {
        let next = lower_word(tokens.text(i + 1));
        let first_of_month = pub_date.with_day(1)?;
        return match next {
            "week" => Some((i + 2, pub_date - Duration::days(7), DatePrecision::Day)),
            "month" => Some((
                i + 2,
                (first_of_month - Duration::days(1)).with_day(1)?,
                DatePrecision::Month,
            )),
            "year" => Some((
                i + 2,
                NaiveDate::from_ymd_opt(pub_date.year() - 1, 1, 1)?,
                DatePrecision::Year,
            )),
            _ => None,
        };
    }
    let cued = i > 0 && tokens.is_any(i - 1, &["in", "since"]);
    let year = tokens
        .text(i)
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2100).contains(y) && tokens.text(i).len() == 4);
    match year {
        Some(y) if cued => Some((
            i + 1,
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            DatePrecision::Year,
        )),
        _ => None,
    }
}

fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    let ok_suffix = matches!(suffix, "" | "st" | "nd" | "rd" | "th");
    let day: u32 = digits.parse().ok()?;
    (ok_suffix && digits.len() <= 2 && (1..=31).contains(&day)).then_some(day)
}

fn year_after(tokens: &Tokens, i: usize) -> Option<(i32, usize)> {
    if i >= tokens.len() || tokens.text(i).len() != 4 {
        return None;
    }
    let y: i32 = tokens.text(i).parse().ok()?;
    (1900..=2100).contains(&y).then_some((y, i + 1))
}

#[cfg(test)]
mod tests;
