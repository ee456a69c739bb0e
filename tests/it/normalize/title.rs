//! Titles: site prefixes and suffixes stripped, and what they carry kept.

use chrono::NaiveDate;
use demarche::normalize::dates::DateOrder;
use demarche::normalize::title::{drop_repeated_title, split_title};

const HEADLINE: &str = "Port workers end strike after pay deal";

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
            "Port workers end strike after pay deal | News | DW | 14.03.2021",
            None,
            HEADLINE,
            Some("DW"),
            Some((2021, 3, 14)),
        ),
        (
            "Port workers end strike after pay deal | Business | Example Times",
            None,
            HEADLINE,
            Some("Example Times"),
            None,
        ),
        (
            "DW | Port workers end strike after pay deal",
            None,
            HEADLINE,
            Some("DW"),
            None,
        ),
        (
            "Port workers end strike after pay deal - Reuters",
            Some("reuters.com"),
            HEADLINE,
            Some("Reuters"),
            None,
        ),
        (
            "BBC News - Port workers end strike after pay deal",
            Some("bbc.co.uk"),
            HEADLINE,
            Some("BBC News"),
            None,
        ),
        (
            "Port workers end strike after pay deal – 14 March 2021",
            None,
            HEADLINE,
            None,
            Some((2021, 3, 14)),
        ),
        (
            "Port workers end strike after pay deal :: Example Post",
            None,
            HEADLINE,
            Some("Example Post"),
            None,
        ),
        (
            "  Port  workers end strike after\npay deal ",
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
        "Union - employer talks begin in the capital",
        "The mayor — a profile of the city's longest-serving leader",
        "Strike in the port - what comes next",
    ];
    for raw in cases {
        let parts = split_title(raw, Some("example.com"), DateOrder::DayFirst);
        assert_eq!(parts.title, raw);
        assert_eq!(parts.site, None, "{raw}");
    }
}

#[test]
fn a_title_repeated_as_the_first_body_line_is_removed() {
    let story = "Dock workers returned to work on Friday after a two-week strike.";
    let cases: &[(&[&str], &[&str])] = &[
        (&[HEADLINE, story], &[story]),
        (&["port workers end strike after pay deal", story], &[story]),
        (
            &["Port workers end strike after pay deal | News | DW", story],
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
                "Port workers end strike after pay deal | News | DW",
            ],
        );
        assert_eq!(paras, *expected);
    }
}
