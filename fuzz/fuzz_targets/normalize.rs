//! Message bytes -> a normalized article, with the default config (JSON, plain text and HTML).
//!
//! Checks the shape `Article::body` promises: paragraphs separated by exactly one blank line,
//! each trimmed, non-empty and on one line; and a one-line title.

#![no_main]

use std::sync::OnceLock;

use demarche::normalize::Normalizer;
use demarche::settings::Valid;
use libfuzzer_sys::fuzz_target;

fn normalizer() -> &'static Normalizer {
    static NORMALIZER: OnceLock<Normalizer> = OnceLock::new();
    NORMALIZER.get_or_init(|| Normalizer::new(&Valid::documented()).expect("default config"))
}

fuzz_target!(|payload: &[u8]| {
    let Ok(article) = normalizer().normalize(payload) else {
        return;
    };
    assert!(!article.body.is_empty(), "empty body");
    for paragraph in article.body.split("\n\n") {
        assert!(
            !paragraph.is_empty(),
            "more than one blank line between paragraphs"
        );
        assert_eq!(paragraph, paragraph.trim(), "untrimmed paragraph");
        assert!(
            !paragraph.contains(['\n', '\r']),
            "line break inside a paragraph"
        );
    }
    assert!(
        !article.title.contains(['\n', '\r']),
        "line break in the title"
    );
});
