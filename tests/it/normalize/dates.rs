//! Dates: every format scrapers send, to UTC with a precision.

use chrono::{DateTime, Utc};
use demarche::model::DatePrecision::{self, Day, Exact, Month};
use demarche::normalize::dates::{date_in_url, date_order, parse_date, unix_date, DateOrder};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("test date")
        .with_timezone(&Utc)
}

#[test]
fn formats_are_read_to_utc_with_a_precision() {
    use DateOrder::{DayFirst, MonthFirst};
    let cases: &[(&str, DateOrder, &str, DatePrecision)] = &[
        (
            "2013-11-02T10:30:00Z",
            DayFirst,
            "2013-11-02T10:30:00Z",
            Exact,
        ),
        (
            "2013-11-02T10:30:00+09:00",
            DayFirst,
            "2013-11-02T01:30:00Z",
            Exact,
        ),
        (
            "2013-11-02T10:30:00.123-05:00",
            DayFirst,
            "2013-11-02T15:30:00.123Z",
            Exact,
        ),
        (
            "2013-11-02 10:30:00",
            DayFirst,
            "2013-11-02T10:30:00Z",
            Exact,
        ),
        ("2013-11-02T10:30", DayFirst, "2013-11-02T10:30:00Z", Exact),
        (
            "2013-11-02 10:30:00+0100",
            DayFirst,
            "2013-11-02T09:30:00Z",
            Exact,
        ),
        (
            "Sat, 02 Nov 2013 10:30:00 +0000",
            DayFirst,
            "2013-11-02T10:30:00Z",
            Exact,
        ),
        (
            "Sat, 2 Nov 2013 10:30:00 GMT",
            DayFirst,
            "2013-11-02T10:30:00Z",
            Exact,
        ),
        (
            "Sat, 02 Nov 2013 05:30:00 EST",
            DayFirst,
            "2013-11-02T10:30:00Z",
            Exact,
        ),
        ("2013-11-02", DayFirst, "2013-11-02T00:00:00Z", Day),
        ("2013/11/02", DayFirst, "2013-11-02T00:00:00Z", Day),
        ("02.11.2013", DayFirst, "2013-11-02T00:00:00Z", Day),
        ("02/11/2013", DayFirst, "2013-11-02T00:00:00Z", Day),
        ("11/02/2013", MonthFirst, "2013-11-02T00:00:00Z", Day),
        ("13/02/2013", MonthFirst, "2013-02-13T00:00:00Z", Day),
        ("02/13/2013", DayFirst, "2013-02-13T00:00:00Z", Day),
        ("2.11.13", DayFirst, "2013-11-02T00:00:00Z", Day),
        ("02.11.2013 14:30", DayFirst, "2013-11-02T00:00:00Z", Day),
        ("2 November 2013", DayFirst, "2013-11-02T00:00:00Z", Day),
        ("November 2, 2013", DayFirst, "2013-11-02T00:00:00Z", Day),
        ("Nov. 2, 2013", DayFirst, "2013-11-02T00:00:00Z", Day),
        (
            "Saturday, November 2nd, 2013",
            DayFirst,
            "2013-11-02T00:00:00Z",
            Day,
        ),
        ("Sat 2 Nov 2013", DayFirst, "2013-11-02T00:00:00Z", Day),
        (
            "Updated: 2 Sept 2013 at 10:30 GMT",
            DayFirst,
            "2013-09-02T00:00:00Z",
            Day,
        ),
        ("November 2013", DayFirst, "2013-11-01T00:00:00Z", Month),
        ("1383388200", DayFirst, "2013-11-02T10:30:00Z", Exact),
        ("1383388200000", DayFirst, "2013-11-02T10:30:00Z", Exact),
    ];
    for (input, order, at, precision) in cases {
        let date = parse_date(input, *order).unwrap_or_else(|| panic!("{input} did not parse"));
        assert_eq!((date.at, date.precision), (utc(at), *precision), "{input}");
    }
}

#[test]
fn things_that_are_not_dates_are_not_read_as_dates() {
    for input in [
        "",
        "News",
        "DW",
        "2013",
        "Japan and Russia agree 2 November 2013",
        "31.02.2013",
        "13/13/2013",
        "Nov 45, 2013",
        "99999999999999999999",
        "1.2.3.4",
        "0",
    ] {
        assert_eq!(parse_date(input, DateOrder::DayFirst), None, "{input:?}");
    }
}

#[test]
fn unix_times_in_seconds_and_milliseconds() {
    let seconds = unix_date(1_383_388_200.0).expect("seconds");
    let millis = unix_date(1_383_388_200_000.0).expect("millis");
    assert_eq!(seconds, millis);
    assert_eq!(seconds.at, utc("2013-11-02T10:30:00Z"));
    assert_eq!(unix_date(-5.0), None);
    assert_eq!(unix_date(f64::NAN), None);
}

#[test]
fn a_date_in_the_url_path_is_a_fallback() {
    let cases: &[(&str, Option<(&str, DatePrecision)>)] = &[
        (
            "https://example.com/2013/11/02/japan-russia",
            Some(("2013-11-02T00:00:00Z", Day)),
        ),
        (
            "https://example.com/news/2013-11-02-japan-russia.html",
            Some(("2013-11-02T00:00:00Z", Day)),
        ),
        (
            "https://example.com/2013/11/japan-russia",
            Some(("2013-11-01T00:00:00Z", Month)),
        ),
        ("https://example.com/a/17203591", None),
        ("https://example.com/japan-russia", None),
    ];
    for (url, expected) in cases {
        let got = date_in_url(url).map(|d| (d.at, d.precision));
        assert_eq!(got, expected.map(|(at, p)| (utc(at), p)), "{url}");
    }
}

#[test]
fn the_source_decides_the_order_of_numeric_dates() {
    let month_first: Vec<String> = ["nytimes.com", ".us", "CNN"].map(String::from).to_vec();
    let cases: &[(Option<&str>, Option<&str>, DateOrder)] = &[
        (None, Some("nytimes.com"), DateOrder::MonthFirst),
        (None, Some("www.nytimes.com"), DateOrder::MonthFirst),
        (None, Some("news.example.us"), DateOrder::MonthFirst),
        (Some("cnn"), Some("edition.cnn.com"), DateOrder::MonthFirst),
        (Some("DW"), Some("dw.com"), DateOrder::DayFirst),
        (None, Some("notnytimes.com"), DateOrder::DayFirst),
        (None, None, DateOrder::DayFirst),
    ];
    for (source, host, order) in cases {
        assert_eq!(
            date_order(*source, *host, &month_first),
            *order,
            "{source:?} {host:?}"
        );
    }
}
