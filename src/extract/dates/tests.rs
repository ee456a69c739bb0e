//! How dates written in a sentence resolve against the article's publication date.

use super::*;

fn resolve(text: &str, published: &str) -> Vec<(String, DatePrecision)> {
    let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
    let tense = if text.starts_with("will") {
        Tense::Future
    } else {
        Tense::Past
    };
    find(&Tokens::new(text, 0), p, tense)
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
            "agreed in April to reopen the border",
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
        ("on Feb. 18", "2016-03-01", &[("2016-02-18", Day)]),
        ("on Sept 11", "2016-10-01", &[("2016-09-11", Day)]),
        ("a Mar of troops", "2016-10-01", &[]),
        // a future event looks forward, and is never dated in the past
        ("will meet on Monday", "2016-01-13", &[("2016-01-18", Day)]),
        (
            "will meet next Wednesday",
            "2016-01-13",
            &[("2016-01-20", Day)],
        ),
        ("will meet on Feb. 18", "2016-03-01", &[("2017-02-18", Day)]),
        ("will vote in April", "2016-06-01", &[("2017-04-01", Month)]),
        ("will meet on June 27", "2007-05-10", &[("2007-06-27", Day)]),
        ("will meet, as they did last week", "2013-11-02", &[]),
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
