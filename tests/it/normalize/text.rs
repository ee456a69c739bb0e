//! Unicode and whitespace: what the body text looks like after cleaning.

use demarche::normalize::text::{fold_char, fold_for_matching, paragraphs};

#[test]
fn text_is_cleaned_into_paragraphs() {
    let cases: &[(&str, &[&str])] = &[
        ("One.\n\nTwo.", &["One.", "Two."]),
        ("One.\nTwo.", &["One.", "Two."]),
        ("  spaced   out \t words  ", &["spaced out words"]),
        (
            "CRLF.\r\n\r\nEnds.\rOld Mac.",
            &["CRLF.", "Ends.", "Old Mac."],
        ),
        (
            "zero\u{200b}width\u{feff} and\u{00ad}soft",
            &["zerowidth andsoft"],
        ),
        (
            "bidi \u{202a}mark\u{202c}s and \u{200e}lrm",
            &["bidi marks and lrm"],
        ),
        ("control\u{0007}\u{001b} chars", &["control chars"]),
        (
            "no\u{a0}break\u{2009}thin\u{3000}wide",
            &["no break thin wide"],
        ),
        ("Line\u{2028}Separator", &["Line", "Separator"]),
        ("e\u{301} composed", &["é composed"]),
        (
            "e\u{200b}\u{301} composed after removal",
            &["é composed after removal"],
        ),
        (
            "“Curly” ‘quotes’ — and – dashes",
            &["“Curly” ‘quotes’ — and – dashes"],
        ),
        (
            "A hard-wrapped line that\ncontinues here.",
            &["A hard-wrapped line that continues here."],
        ),
        (
            "Ends a sentence.\nnew lower-case line",
            &["Ends a sentence.", "new lower-case line"],
        ),
        (
            "Separate block\n\ncontinues not",
            &["Separate block", "continues not"],
        ),
        ("\n\n \n", &[]),
    ];
    for (input, expected) in cases {
        assert_eq!(paragraphs(input), *expected, "{input:?}");
    }
}

#[test]
fn folding_maps_typography_to_plain_characters_one_for_one() {
    let cases: &[(char, char)] = &[
        ('‘', '\''),
        ('’', '\''),
        ('“', '"'),
        ('”', '"'),
        ('„', '"'),
        ('«', '"'),
        ('–', '-'),
        ('—', '-'),
        ('−', '-'),
        ('…', '.'),
        ('a', 'a'),
        ('é', 'é'),
    ];
    for (c, folded) in cases {
        assert_eq!(fold_char(*c), *folded, "{c}");
    }
    assert_eq!(
        fold_for_matching("“Japan’s” Deal — Now"),
        "\"japan's\" deal - now"
    );
}
