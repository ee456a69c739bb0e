//! Date expressions in a sentence, resolved against the article date: weekday names (the latest
//! such day on or before publication), months ("in April": the latest April on or before,
//! precision month), day and month ("March 5"), years ("in 2010"), "yesterday", "last week",
//! "last month", "last year". Expressions that resolve after publication refer to the future
//! and are ignored: the event then takes the article date.

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

/// The article date as an event date (day precision), or unknown.
pub fn article_date(published: Option<NaiveDate>) -> EventDate {
    EventDate {
        event_date: published,
        date_precision: if published.is_some() {
            DatePrecision::Day
        } else {
            DatePrecision::Unknown
        },
    }
}

/// Every date expression of the sentence that resolves on or before `published`.
pub fn find(tokens: &Tokens, published: Option<NaiveDate>) -> Vec<DateMention> {
    let Some(pub_date) = published else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match resolve_at(tokens, i, pub_date) {
            Some((last, date, precision)) if date <= pub_date => {
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

fn resolve_at(
    tokens: &Tokens,
    i: usize,
    pub_date: NaiveDate,
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
    if let Some(&(_, wd)) = WEEKDAYS.iter().find(|(name, _)| *name == word) {
        let mut back =
            (pub_date.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
        if last_word && back == 0 {
            back = 7;
        }
        return Some((
            i + 1,
            pub_date - Duration::days(i64::from(back)),
            DatePrecision::Day,
        ));
    }
    if let Some(m) = MONTHS.iter().position(|name| *name == word) {
        return month_expression(tokens, i, m as u32 + 1, pub_date);
    }
    if let Some(day) = day_number(tokens.text(i)) {
        if let Some(m) = (i + 1 < tokens.len())
            .then(|| MONTHS.iter().position(|n| *n == tokens.text(i + 1)))
            .flatten()
        {
            let (year, last) =
                year_after(tokens, i + 2).map_or((None, i + 2), |(y, l)| (Some(y), l));
            let year = year.unwrap_or(pub_date.year());
            let date = NaiveDate::from_ymd_opt(year, m as u32 + 1, day)?;
            return Some((last, date, DatePrecision::Day));
        }
    }
    relative(tokens, i, pub_date)
}

fn month_expression(
    tokens: &Tokens,
    i: usize,
    month: u32,
    pub_date: NaiveDate,
) -> Option<(usize, NaiveDate, DatePrecision)> {
    if let Some(day) = (i + 1 < tokens.len())
        .then(|| day_number(tokens.text(i + 1)))
        .flatten()
    {
        let comma = usize::from(tokens.is(i + 2, ","));
        let (year, last) =
            year_after(tokens, i + 2 + comma).map_or((None, i + 2), |(y, l)| (Some(y), l));
        let date = NaiveDate::from_ymd_opt(year.unwrap_or(pub_date.year()), month, day)?;
        return Some((last, date, DatePrecision::Day));
    }
    if let Some((year, last)) = year_after(tokens, i + 1) {
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
    let year = if month <= pub_date.month() {
        pub_date.year()
    } else {
        pub_date.year() - 1
    };
    Some((
        i + 1,
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
mod tests {
    use super::*;

    fn resolve(text: &str, published: &str) -> Vec<(String, DatePrecision)> {
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        find(&Tokens::new(text, 0), p)
            .iter()
            .map(|m| {
                (
                    m.date.event_date.map(|d| d.to_string()).unwrap_or_default(),
                    m.date.date_precision,
                )
            })
            .collect()
    }

    #[test]
    fn date_resolution_cases() {
        use DatePrecision::*;
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, DatePrecision)]);
        let cases: &[Case<'_>] = &[
            ("talks on Saturday", "2013-11-02", &[("2013-11-02", Day)]),
            ("strikes on Thursday", "2003-03-21", &[("2003-03-20", Day)]),
            ("last Saturday", "2013-11-02", &[("2013-10-26", Day)]),
            (
                "agreed in April to revive talks",
                "2013-11-02",
                &[("2013-04-01", Month)],
            ),
            ("in December", "2013-11-02", &[("2012-12-01", Month)]),
            ("they may agree", "2013-11-02", &[]),
            ("in May", "2013-11-02", &[("2013-05-01", Month)]),
            ("on March 5", "2014-03-21", &[("2014-03-05", Day)]),
            ("on 5 March 2012", "2014-03-21", &[("2012-03-05", Day)]),
            ("step down on June 27", "2007-05-10", &[]),
            ("yesterday", "2013-11-02", &[("2013-11-01", Day)]),
            ("last week", "2013-11-02", &[("2013-10-26", Day)]),
            ("last month", "2013-01-15", &[("2012-12-01", Month)]),
            ("in 2010", "2013-11-02", &[("2010-01-01", Year)]),
            ("$33 billion", "2013-11-02", &[]),
        ];
        for (text, published, want) in cases {
            let want: Vec<(String, DatePrecision)> =
                want.iter().map(|(d, p)| ((*d).to_owned(), *p)).collect();
            assert_eq!(
                resolve(text, published),
                want,
                "{text:?} published {published}"
            );
        }
    }
}
