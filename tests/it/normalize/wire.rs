//! Wire credits and datelines: recorded, then removed from the body.

use demarche::normalize::boilerplate::{RuleFile, BUILTIN_RULES};
use demarche::normalize::wire::{Wire, WireChange, WireFacts};

fn wire() -> Wire {
    let rules = RuleFile::parse(BUILTIN_RULES).expect("built-in rules");
    Wire::new(&rules.agencies).expect("agencies")
}

const END: &str = "He expected further growth.";

#[test]
fn credits_at_the_end_are_recorded_and_removed() {
    // (last paragraphs, body left, agencies)
    let cases: &[(&[&str], &[&str], &[&str])] = &[
        (
            &[END, "mkg/slk (Reuters, AFP, AP)"],
            &[END],
            &["Reuters", "AFP", "AP"],
        ),
        (&[END, "(AFP)"], &[END], &["AFP"]),
        (&[END, "jr/rc (dpa/AFP)"], &[END], &["dpa", "AFP"]),
        (&[END, "AW/AS (AP and Reuters)"], &[END], &["AP", "Reuters"]),
        (
            &["He expected further growth. mkg/slk (Reuters, AFP, AP)"],
            &[END],
            &["Reuters", "AFP", "AP"],
        ),
        (
            &["He expected further growth. (Associated Press)"],
            &[END],
            &["AP"],
        ),
        (
            &["The group (IS) attacked."],
            &["The group (IS) attacked."],
            &[],
        ),
        (
            &["Talks were held with the agency (AFP) present"],
            &["Talks were held with the agency (AFP) present"],
            &[],
        ),
        (
            &[END, "(Reuters, Example Wire)"],
            &[END, "(Reuters, Example Wire)"],
            &[],
        ),
    ];
    for (paras, left, agencies) in cases {
        let mut p: Vec<String> = paras.iter().map(|s| (*s).to_owned()).collect();
        let mut facts = WireFacts::default();
        wire().strip(&mut p, &mut facts);
        assert_eq!(p, *left, "{paras:?}");
        assert_eq!(facts.sources, *agencies, "{paras:?}");
    }
}

#[test]
fn datelines_at_the_start_are_recorded_and_removed() {
    let rest = "Japan and Russia agreed on Saturday to hold joint exercises.";
    // (first paragraph, dateline, agencies, paragraph left)
    let cases: &[(&str, Option<&str>, &[&str], &str)] = &[
        (
            "MOSCOW (Reuters) - Japan and Russia agreed on Saturday to hold joint exercises.",
            Some("MOSCOW"),
            &["Reuters"],
            rest,
        ),
        (
            "TOKYO, Nov 2 (Reuters) - Japan and Russia agreed on Saturday to hold joint exercises.",
            Some("TOKYO"),
            &["Reuters"],
            rest,
        ),
        (
            "Moscow (AP) — Japan and Russia agreed on Saturday to hold joint exercises.",
            Some("Moscow"),
            &["AP"],
            rest,
        ),
        (
            "NEW YORK — Japan and Russia agreed on Saturday to hold joint exercises.",
            Some("NEW YORK"),
            &[],
            rest,
        ),
        (
            "(AFP) - Japan and Russia agreed on Saturday to hold joint exercises.",
            None,
            &["AFP"],
            rest,
        ),
        (
            "Japan - Russia talks: Japan and Russia agreed on Saturday.",
            None,
            &[],
            "Japan - Russia talks: Japan and Russia agreed on Saturday.",
        ),
        (
            "Japan and Russia agreed on Saturday to hold joint exercises.",
            None,
            &[],
            rest,
        ),
    ];
    for (first, dateline, agencies, left) in cases {
        let mut p = vec![(*first).to_owned()];
        let mut facts = WireFacts::default();
        wire().strip(&mut p, &mut facts);
        assert_eq!(facts.dateline.as_deref(), *dateline, "{first}");
        assert_eq!(facts.sources, *agencies, "{first}");
        assert_eq!(p, [*left], "{first}");
    }
}

#[test]
fn a_credit_line_is_recognised_whole() {
    let w = wire();
    for line in ["mkg/slk (Reuters, AFP, AP)", "(AFP)", "jr (dpa)"] {
        assert!(w.is_credit_line(line), "{line}");
    }
    for line in ["(IS)", END, "Reuters", "He said so (AFP) today."] {
        assert!(!w.is_credit_line(line), "{line}");
    }
}

#[test]
fn the_stage_says_whether_it_removed_paragraphs_or_shortened_one() {
    let cases: &[(&[&str], WireChange)] = &[
        (&[END], WireChange::None),
        (&[END, "(AFP)"], WireChange::Removed),
        (&["He expected further growth. (AFP)"], WireChange::Edited),
        (
            &["MOSCOW (AP) - He expected further growth."],
            WireChange::Edited,
        ),
    ];
    for (paras, change) in cases {
        let mut p: Vec<String> = paras.iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(
            wire().strip(&mut p, &mut WireFacts::default()),
            *change,
            "{paras:?}"
        );
    }
}
