//! Wire credits and datelines: recorded, then removed from the body.

use demarche::normalize::boilerplate::{RuleFile, BUILTIN_RULES};
use demarche::normalize::wire::{Wire, WireChange, WireFacts};

fn wire() -> Wire {
    let rules = RuleFile::parse(BUILTIN_RULES).expect("built-in rules");
    Wire::new(&rules.agencies).expect("agencies")
}

const END: &str = "She said the talks would resume next week.";

#[test]
fn credits_at_the_end_are_recorded_and_removed() {
    // (last paragraphs, body left, agencies)
    let cases: &[(&[&str], &[&str], &[&str])] = &[
        (
            &[END, "dh/rt (Reuters, AFP, AP)"],
            &[END],
            &["Reuters", "AFP", "AP"],
        ),
        (&[END, "(AFP)"], &[END], &["AFP"]),
        (&[END, "jr/rc (dpa/AFP)"], &[END], &["dpa", "AFP"]),
        (&[END, "AW/AS (AP and Reuters)"], &[END], &["AP", "Reuters"]),
        (
            &["She said the talks would resume next week. dh/rt (Reuters, AFP, AP)"],
            &[END],
            &["Reuters", "AFP", "AP"],
        ),
        (
            &["She said the talks would resume next week. (Associated Press)"],
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
    let rest = "The two unions agreed on Saturday to hold a joint ballot.";
    // (first paragraph, dateline, agencies, paragraph left)
    let cases: &[(&str, Option<&str>, &[&str], &str)] = &[
        (
            "MOSCOW (Reuters) - The two unions agreed on Saturday to hold a joint ballot.",
            Some("MOSCOW"),
            &["Reuters"],
            rest,
        ),
        (
            "TOKYO, Nov 2 (Reuters) - The two unions agreed on Saturday to hold a joint ballot.",
            Some("TOKYO"),
            &["Reuters"],
            rest,
        ),
        (
            "Moscow (AP) — The two unions agreed on Saturday to hold a joint ballot.",
            Some("Moscow"),
            &["AP"],
            rest,
        ),
        (
            "NEW YORK — The two unions agreed on Saturday to hold a joint ballot.",
            Some("NEW YORK"),
            &[],
            rest,
        ),
        (
            "(AFP) - The two unions agreed on Saturday to hold a joint ballot.",
            None,
            &["AFP"],
            rest,
        ),
        (
            "Union - employer talks: the two sides agreed on Saturday.",
            None,
            &[],
            "Union - employer talks: the two sides agreed on Saturday.",
        ),
        (
            "The two unions agreed on Saturday to hold a joint ballot.",
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
    for line in ["dh/rt (Reuters, AFP, AP)", "(AFP)", "jr (dpa)"] {
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
        (
            &["She said the talks would resume next week. (AFP)"],
            WireChange::Edited,
        ),
        (
            &["MOSCOW (AP) - She said the talks would resume next week."],
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
