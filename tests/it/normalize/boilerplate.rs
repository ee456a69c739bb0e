//! Boilerplate removal: which lines are furniture and which are story.

use std::sync::LazyLock;

use demarche::normalize::boilerplate::{Boilerplate, RuleFile, BUILTIN_RULES};
use demarche::normalize::wire::Wire;

/// The built-in rules, compiled once for all cases.
static RULES: LazyLock<(Boilerplate, Wire)> = LazyLock::new(|| {
    let rules = RuleFile::parse(BUILTIN_RULES).expect("built-in rules parse");
    let boilerplate = Boilerplate::compile(&rules).expect("built-in rules compile");
    (boilerplate, Wire::new(&rules.agencies).expect("agencies"))
});

fn strip(lines: &[&str]) -> Vec<String> {
    let (boilerplate, wire) = &*RULES;
    let mut paras: Vec<String> = lines.iter().map(|s| (*s).to_owned()).collect();
    boilerplate.strip(&mut paras, |l| wire.is_credit_line(l));
    paras
}

const STORY: &str = "The ministers met in the capital on Saturday and agreed to meet again.";

#[test]
fn furniture_lines_are_dropped_and_the_story_kept() {
    let cases: &[(&str, &[&str])] = &[
        (
            "numbered navigation",
            &["1. Content", "2. Navigation", STORY],
        ),
        (
            "numbered navigation with a language picker",
            &[
                "1. Startseite",
                "2. Hauptmenü",
                "3. Themen",
                "4. Service",
                "5. Suche",
                "6. Choose from 12 Languages",
                STORY,
            ],
        ),
        ("menu run", &["Home", "World", "Business", "Sport", STORY]),
        ("skip link", &["Skip to main content", STORY]),
        (
            "language picker",
            &["English | Deutsch | Español | Français", STORY],
        ),
        ("language picker line", &["Choose from 30 Languages", STORY]),
        (
            "share lines",
            &[STORY, "Share on Facebook", "Share this article"],
        ),
        ("social row", &[STORY, "Facebook Twitter WhatsApp Email"]),
        (
            "subscribe",
            &[STORY, "Sign up for our newsletter to get the news first."],
        ),
        (
            "cookie banner",
            &[
                "We use cookies to improve your experience on our site.",
                "Accept all",
                STORY,
            ],
        ),
        (
            "copyright footer",
            &[STORY, "© 2024 Example Media Group. All rights reserved."],
        ),
        ("copyright word", &[STORY, "Copyright 2013 Example"]),
        (
            "related list",
            &[
                STORY,
                "Related articles",
                "Rail unions call off weekend walkout",
                "Airport reopens after storm",
            ],
        ),
        (
            "read more list",
            &[STORY, "Read more:", "Leaders gather for summit"],
        ),
        ("bare date", &["14.03.2021", STORY]),
        (
            "date label",
            &[
                "Date 14.03.2021",
                "Author Jane Roe",
                "Permalink https://p.dw.com/p/1A2b3",
                STORY,
            ],
        ),
        ("image credit", &["picture-alliance/dpa/K. Nietfeld", STORY]),
        ("advertisement", &["Advertisement", STORY]),
        ("byline", &["By A. Writer", STORY]),
        ("two bylines", &["By Jane Roe and John Doe", STORY]),
    ];
    for (name, lines) in cases {
        assert_eq!(strip(lines), [STORY], "{name}");
    }
}

#[test]
fn story_lines_that_look_like_furniture_are_kept() {
    let cases: &[(&str, &[&str])] = &[
        ("lone sub-heading", &[STORY, "Regional rivals", STORY]),
        ("quoted sub-heading", &[STORY, "'A step forward'", STORY]),
        ("two sub-headings apart", &["Talks", STORY, "Trade", STORY]),
        ("long sentence mentioning cookies", &["The cookie maker said the privacy policy of its parent company, which it called unusual in the industry, had been rewritten twice last year."]),
        ("subscribers is not subscribe", &["Subscribers to the service rose sharply."]),
        ("numbered story list", &["1. The treaty must be signed by both parties before the end of the year.", "2. Both sides will withdraw troops from the border region."]),
        ("a single numbered line", &["1. Contents", STORY]),
        ("wire credits", &[STORY, "dh/rt (Reuters, AFP, AP)", "Share", "Print"]),
        ("short sentence", &["He agreed.", "She refused.", "They left.", STORY]),
        ("colon intro", &["The minister said:", "\"We are ready.\""]),
        ("sentence opening with by", &["By the end of the week the talks had failed.", "By then"]),
    ];
    for (name, lines) in cases {
        let kept = strip(lines);
        let expected: Vec<&str> = match *name {
            "wire credits" => vec![STORY, "dh/rt (Reuters, AFP, AP)"],
            _ => lines.to_vec(),
        };
        assert_eq!(kept, expected, "{name}");
    }
}

#[test]
fn the_built_in_rules_are_valid_and_a_bad_rule_file_says_why() {
    assert!(RuleFile::parse(BUILTIN_RULES).is_ok());
    let err = RuleFile::parse("lines = 3").expect_err("wrong type");
    assert!(err.starts_with("invalid boilerplate rules"), "{err}");
}
