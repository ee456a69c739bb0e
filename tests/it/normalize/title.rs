//! Titles: site prefixes and suffixes stripped, and what they carry kept.

use chrono::NaiveDate;
use demarche::normalize::dates::DateOrder;
use demarche::normalize::title::{drop_repeated_title, split_title};

const HEADLINE: &str = "Japan and Russia agree on closer security ties";

/// (raw title, known source, title, site, date as (year, month, day)).
type Case = (
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    Option<(i32, u32, u32)>,
);

#[test]
fn site_suffixes_and_prefixes_are_split_off() {
    let cases: &[Case] = &[
        (HEADLINE, None, HEADLINE, None, None),
        (
            "Japan and Russia agree on closer security ties | News | DW | 02.11.2013",
            None,
            HEADLINE,
            Some("DW"),
            Some((2013, 11, 2)),
        ),
        (
            "Japan and Russia agree on closer security ties | Asia | Example Times",
            None,
            HEADLINE,
            Some("Example Times"),
            None,
        ),
        (
            "DW | Japan and Russia agree on closer security ties",
            None,
            HEADLINE,
            Some("DW"),
            None,
        ),
        (
            "Japan and Russia agree on closer security ties - Reuters",
            Some("reuters.com"),
            HEADLINE,
            Some("Reuters"),
            None,
        ),
        (
            "BBC News - Japan and Russia agree on closer security ties",
            Some("bbc.co.uk"),
            HEADLINE,
            Some("BBC News"),
            None,
        ),
        (
            "Japan and Russia agree on closer security ties – 2 November 2013",
            None,
            HEADLINE,
            None,
            Some((2013, 11, 2)),
        ),
        (
            "Japan and Russia agree on closer security ties :: Example Post",
            None,
            HEADLINE,
            Some("Example Post"),
            None,
        ),
        (
            "  Japan  and Russia agree on closer\nsecurity ties ",
            None,
            HEADLINE,
            None,
            None,
        ),
    ];
    for (raw, known, title, site, date) in cases {
        let parts = split_title(raw, *known, DateOrder::DayFirst);
        assert_eq!(parts.title, *title, "{raw}");
        assert_eq!(parts.site.as_deref(), *site, "{raw}");
        let got = parts.date.map(|d| d.at.date_naive());
        let want = date.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("valid"));
        assert_eq!(got, want, "{raw}");
    }
}

#[test]
fn dashes_inside_a_headline_are_left_alone() {
    let cases = [
        "Japan - Russia talks begin in Tokyo",
        "Putin — a profile of the man in the Kremlin",
        "Talks in Tokyo - what comes next",
    ];
    for raw in cases {
        let parts = split_title(raw, Some("example.com"), DateOrder::DayFirst);
        assert_eq!(parts.title, raw);
        assert_eq!(parts.site, None, "{raw}");
    }
}

#[test]
fn a_title_repeated_as_the_first_body_line_is_removed() {
    let story = "Japan and Russia have agreed to step up military cooperation.";
    let cases: &[(&[&str], &[&str])] = &[
        (&[HEADLINE, story], &[story]),
        (
            &["japan and russia agree on closer security ties", story],
            &[story],
        ),
        (
            &[
                "Japan and Russia agree on closer security ties | News | DW",
                story,
            ],
            &[story],
        ),
        (&[story, HEADLINE], &[story, HEADLINE]),
        (&[story], &[story]),
    ];
    for (paras, expected) in cases {
        let mut paras: Vec<String> = paras.iter().map(|s| (*s).to_owned()).collect();
        drop_repeated_title(
            &mut paras,
            &[
                HEADLINE,
                "Japan and Russia agree on closer security ties | News | DW",
            ],
        );
        assert_eq!(paras, *expected);
    }
}
